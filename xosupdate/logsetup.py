# SPDX-License-Identifier: GPL-2.0-or-later
"""Logging configuration, called only by entry points (CLI, GUI, helper, notifier)."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

__all__ = ["configure_logging"]

_FORMAT = "%(levelname)s %(name)s: %(message)s"


def configure_logging(
    verbosity: int = 0, *, stream: TextIO | None = None, debug: bool = False
) -> None:
    """Send log records to ``stream`` (stderr): warnings by default, info with ``-v``,
    debug with ``-vv`` or ``--debug``."""
    level = logging.WARNING
    if verbosity == 1:
        level = logging.INFO
    elif verbosity >= 2 or debug:
        level = logging.DEBUG
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger("xosupdate")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
