# SPDX-License-Identifier: GPL-2.0-or-later
"""The ``xosupdate`` commands: argument parsing and one small function per command.

Each command calls services and renders their values; nothing here parses urpmi formats or
talks to the network itself. Services are imported inside the command functions so that a
command starts only what it uses (``updates`` on a warm cache must not pay for requests or
gnupg).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from xosupdate import __version__
from xosupdate.cli.render import EXIT_OK, json_dump, table
from xosupdate.config import CONFIG_PATH, Settings, load_settings

__all__ = ["CliContext", "build_parser", "make_context"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CliContext:
    """What every command gets: the system root, the cache, settings and the streams."""

    root: Path
    cache_dir: Path
    settings: Settings
    stdout: TextIO
    stderr: TextIO


Command = Callable[[argparse.Namespace, CliContext], int]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/xosupdate`` (``~/.cache/xosupdate``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xosupdate"


def make_context(args: argparse.Namespace) -> CliContext:
    """Resolve --root, --cache-dir and --config and load the settings once."""
    root = Path(args.root).resolve()
    config = Path(args.config) if args.config else root / CONFIG_PATH
    cache = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    return CliContext(root=root, cache_dir=cache, settings=load_settings(config),
                      stdout=sys.stdout, stderr=sys.stderr)


# ---------------------------------------------------------------- inspect


def cmd_inspect(args: argparse.Namespace, ctx: CliContext) -> int:
    """Detect the format of FILE and show what it holds."""
    from xosupdate.services.inspect import inspect_file  # noqa: PLC0415 - lazy

    result = inspect_file(Path(args.file))
    if args.json:
        json_dump({"schema": 1, "format": result.format, "records": list(result.records)},
                  ctx.stdout)
        return EXIT_OK
    print(f"{args.file}: {result.format}, {result.summary}", file=ctx.stdout)
    if result.rows:
        print(table(result.headers, result.rows), file=ctx.stdout)
    return EXIT_OK


# ---------------------------------------------------------------- media


def cmd_media_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """The media of ROOT/etc/urpmi/urpmi.cfg."""
    from xosupdate.services.media import list_media, medium_json  # noqa: PLC0415 - lazy

    media = list_media(ctx.root)
    if args.json:
        json_dump({"schema": 1, "media": [medium_json(m) for m in media]}, ctx.stdout)
        return EXIT_OK
    rows = [(m.name, "on" if m.enabled else "off",
             m.kind.value + (" (update)" if m.update and m.kind.value != "updates" else ""),
             ",".join(m.key_ids) or "-",
             m.url or f"{m.mirrorlist} {m.with_dir}".strip())
            for m in media]
    print(table(("MEDIUM", "ENABLED", "KIND", "KEY-IDS", "SOURCE"), rows), file=ctx.stdout)
    return EXIT_OK


# ---------------------------------------------------------------- parser


def _add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON document (schema 1)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``xosupdate`` (design/ARCHITECTURE.md, CLI contract)."""
    parser = argparse.ArgumentParser(
        prog="xosupdate",
        description="Update assistant for urpmi-based systems (XtreemOS 2.x, Mageia).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", default="/", metavar="DIR",
                        help="system root to work on (default: /)")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="xosupdate's metadata cache (default: $XDG_CACHE_HOME/xosupdate)")
    parser.add_argument("--config", metavar="FILE",
                        help=f"settings file (default: ROOT/{CONFIG_PATH})")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output (repeat for debug)")
    parser.add_argument("--debug", action="store_true",
                        help="debug logging and tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("inspect", help="detect and show an urpmi file (media.cfg, "
                       "urpmi.cfg, synthesis, descriptions, MD5SUM, product.id, mirror list)")
    p.add_argument("file", metavar="FILE")
    _add_json(p)
    p.set_defaults(run=cmd_inspect)

    media = sub.add_parser("media", help="list and change urpmi media")
    media_sub = media.add_subparsers(dest="media_command", required=True, metavar="ACTION")
    p = media_sub.add_parser("list", help="media of urpmi.cfg")
    _add_json(p)
    p.set_defaults(run=cmd_media_list)
    return parser
