# SPDX-License-Identifier: GPL-2.0-or-later
"""Entry point of the ``xosupdate`` command (CLI layer).

Exit codes: 0 success, 1 error (one ``error:`` line on stderr; the traceback only with
``--debug``), 2 usage, 100 updates available (``updates --check``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from xosupdate.cli.commands import build_parser, make_context
from xosupdate.cli.render import EXIT_ERROR, error_lines
from xosupdate.errors import XosUpdateError
from xosupdate.logsetup import configure_logging

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose, debug=args.debug)
    try:
        ctx = make_context(args)
        status: int = args.run(args, ctx)
        return status
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (xosupdate … | head): not an error of ours.
        sys.stderr.close()
        return 0
    except (XosUpdateError, ExceptionGroup) as exc:
        if args.debug:
            log.exception("command failed")
        for line in error_lines(exc):
            print(line, file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if args.debug:
            log.exception("internal error")
        for line in error_lines(exc):
            print(line, file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
