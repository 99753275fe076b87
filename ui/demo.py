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

from xosupdate.services.paths import default_demo_dir, demo_system_root

__all__ = ["demo_root", "system_root"]

log = logging.getLogger(__name__)


@contextlib.contextmanager
def demo_root(args: argparse.Namespace) -> Iterator[Path | None]:
    """The demo sandbox's root, served while the block runs; None without ``--demo``."""
    if not args.demo:
        yield None
        return
    from xosupdate.services.demo import build_demo, serve_demo  # noqa: PLC0415 - only here

    sandbox = build_demo(_demo_dir(args))
    with serve_demo(sandbox) as server:
        log.info("demo sandbox %s, mirror %s", sandbox.root, server.distrib_url)
        yield sandbox.root


def _demo_dir(args: argparse.Namespace) -> Path:
    return Path(args.demo_dir) if args.demo_dir else default_demo_dir()


def system_root(args: argparse.Namespace) -> Path:
    """The root the GUI or the notifier will look at, known before any demo is built."""
    return (demo_system_root(_demo_dir(args)) if args.demo else Path(args.root)).resolve()
