#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""``make bench``: every figure the issues name, measured side by side on this machine.

Usage: run.py [NAME ...]   (names: index, updates, signatures, gui; default: all)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _measure
from benchmarks._measure import report


def main(argv: list[str]) -> int:
    import importlib  # noqa: PLC0415

    corpus = _measure.CORPUS.is_dir()
    if not corpus:
        print(f"bench: {_measure.CORPUS} is absent; only what needs no corpus", file=sys.stderr)
    names = argv or ["index", "updates", "signatures", "gui"]
    rows = [("measure", "figure", "target", "verdict")]
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.bench_{name}")
        except ModuleNotFoundError:
            continue
        if not corpus and getattr(module, "NEEDS_CORPUS", True):
            continue
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        rows.extend(module.run())
    report(rows)
    return 1 if any(r[3] == "MISSED" for r in rows[1:]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
