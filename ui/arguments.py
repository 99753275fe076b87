# SPDX-License-Identifier: GPL-2.0-or-later
"""The command-line options the GUI and the notifier share (ui layer).

Both work on one system root with one cache and one settings file, resolved as the CLI
resolves them (``services.paths``), so a notifier can open the window on exactly what it
checked.
"""

from __future__ import annotations

import argparse

from xosupdate import __version__
from xosupdate.services.paths import default_demo_dir

__all__ = ["add_log_arguments", "add_system_arguments"]


def add_system_arguments(parser: argparse.ArgumentParser) -> None:
    """``--version``, ``--root``, ``--cache-dir``, ``--config``, ``--demo``, ``--demo-dir``."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", default="/", metavar="DIR", help="system root (default: /)")
    parser.add_argument("--cache-dir", metavar="DIR", help="metadata cache")
    parser.add_argument("--config", metavar="FILE", help="settings file")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="work on the demo sandbox (built if missing) and serve its mirror meanwhile",
    )
    parser.add_argument(
        "--demo-dir",
        metavar="DIR",
        help=f"where the demo sandbox lives (default: {default_demo_dir()})",
    )


def add_log_arguments(parser: argparse.ArgumentParser) -> None:
    """``-v`` and ``--debug``."""
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument("--debug", action="store_true", help="debug logging")
