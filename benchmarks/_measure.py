# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared measuring helpers for ``make bench``: child processes, peak memory, medians."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the repository; a git worktree under wt/ looks one level further up.
SHARED = next(
    (p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
    REPO.parent / "shared",
)
BENCH = SHARED / "bench"
CORPUS = BENCH / "corpus"


@dataclass(frozen=True)
class Run:
    """One whole-process run: wall time, peak RSS of the child, its stdout."""

    seconds: float
    peak_mb: float
    stdout: str


def run_process(argv: Sequence[str], *, env: dict[str, str] | None = None) -> Run:
    """Run a command to completion; wall time and the child's own peak RSS.

    The peak is read with wait4() for this child alone, so earlier children do not
    inflate it (RUSAGE_CHILDREN is a maximum over every child ever waited for).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 100):
        sys.stderr.write(stderr.decode(errors="replace"))
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}")
    return Run(seconds, usage.ru_maxrss / 1024, stdout.decode())


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def report(rows: list[tuple[str, str, str, str]]) -> None:
    """Print the benchmark table: measure, figure, target, verdict."""
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def child_json(code: str, *args: str) -> dict[str, object]:
    """Run Python code in a fresh interpreter of this venv; it prints one JSON object."""
    res = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    out: dict[str, object] = json.loads(res.stdout)
    return out
