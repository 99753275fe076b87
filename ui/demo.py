# SPDX-License-Identifier: GPL-2.0-or-later
"""``--demo`` of the GUI and the notifier: the demo sandbox, served while they run (ui layer).

The sandbox is built when missing (default ``$XDG_CACHE_HOME/xosupdate/demo``, as for
``xosupdate demo``; ``make demo`` passes ``build/demo`` of the checkout).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from xosupdate.services.paths import default_demo_dir

__all__ = ["demo_root"]

log = logging.getLogger(__name__)


@contextlib.contextmanager
def demo_root(args: argparse.Namespace) -> Iterator[Path | None]:
    """The demo sandbox's root, served while the block runs; None without ``--demo``."""
    if not args.demo:
        yield None
        return
    from xosupdate.services.demo import build_demo, serve_demo  # noqa: PLC0415 - only here

    dest = Path(args.demo_dir) if args.demo_dir else default_demo_dir()
    sandbox = build_demo(dest)
    with serve_demo(sandbox) as server:
        log.info("demo sandbox %s, mirror %s", sandbox.root, server.distrib_url)
        yield sandbox.root
