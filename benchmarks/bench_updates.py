# SPDX-License-Identifier: GPL-2.0-or-later
"""Update list on the bench corpus, whole process, side by side with libsolv.

The corpus's installed set goes into ``build/bench/root`` (``make_installed_root.py``, once),
whose urpmi.cfg lists Core Release and Core Updates (Core Updates Testing disabled) with
urpmi's state copies pointing at the corpus files. Each round runs, alternately:

* ``reference_libsolv.py`` (the distribution's python3 and python3-solv),
* ``xosupdate updates --json`` with an empty cache (cold: no cache of ours),
* ``xosupdate updates --json`` with the cache of a previous run (warm).

Targets (Update engine issue): cold at most 0.75 x libsolv, warm at most 0.25 x libsolv,
peak memory of the cold run at most 120 MB, and the records that have an installed version
exactly libsolv's update set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._measure import BENCH, CORPUS, REPO, median, run_process

ROOT = REPO / "build" / "bench" / "root"
ROUNDS = 7
MEDIA = {
    "Core Release": "core/release",
    "Core Updates": "core/updates",
    "Core Updates Testing": "core/updates_testing",
}


def _prepare_root() -> Path:
    if not (ROOT / "var/lib/rpm").is_dir():
        ROOT.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["/usr/bin/python3", str(BENCH / "make_installed_root.py"), str(CORPUS), str(ROOT)],
            check=True,
        )
    cfg = ["{", "}", ""]
    for name, path in MEDIA.items():
        url = f"file://{CORPUS}/media/{path}"
        flags = ["  ignore"] if "Testing" in name else (["  update"] if "Updates" in name else [])
        cfg += [f"{name.replace(' ', chr(92) + ' ')} {url} {{", *flags, "}", ""]
        state = ROOT / "var/lib/urpmi" / name
        state.mkdir(parents=True, exist_ok=True)
        for f in ("synthesis.hdlist.cz", "descriptions"):
            src = CORPUS / "media" / path / "media_info" / f
            dst = state / f
            if src.exists() and not dst.exists():
                dst.symlink_to(src)
    (ROOT / "etc/urpmi").mkdir(parents=True, exist_ok=True)
    (ROOT / "etc/urpmi/urpmi.cfg").write_text("\n".join(cfg))
    return ROOT


def _libsolv_argv(root: Path) -> list[str]:
    media = [
        f"{name}={CORPUS}/media/{MEDIA[name]}/media_info/synthesis.hdlist.cz"
        for name in ("Core Release", "Core Updates")
    ]
    return ["/usr/bin/python3", str(BENCH / "reference_libsolv.py"), str(root), *media]


def run() -> list[tuple[str, str, str, str]]:
    root = _prepare_root()
    xosupdate = str(Path(sys.executable).parent / "xosupdate")
    # As installed from a package: byte-compiled modules (this sandbox sets
    # PYTHONDONTWRITEBYTECODE, which would make every run compile its imports again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "xosupdate")], check=True, env=env
    )
    warm_cache = Path(tempfile.mkdtemp(prefix="xosbench-warm"))
    ours = [xosupdate, "--root", str(root), "updates", "--json"]
    # Correctness first: the upgrades must be libsolv's update set, version for version.
    reference = json.loads(run_process(_libsolv_argv(root)).stdout)["updates"]
    first = json.loads(
        run_process([*ours[:3], "--cache-dir", str(warm_cache), *ours[3:]], env=env).stdout
    )
    upgrades = {r["name"]: r["candidate"] for r in first["updates"] if r["installed"]}

    def label(c: dict[str, object]) -> str:
        epoch = f"{c['epoch']}:" if c["epoch"] else ""
        return f"{epoch}{c['version']}-{c['release']}"

    same = {n: label(c) for n, c in upgrades.items()} == {n: v[0] for n, v in reference.items()}
    libsolv, cold, warm, peaks = [], [], [], []
    for _ in range(ROUNDS):
        libsolv.append(run_process(_libsolv_argv(root)).seconds)
        cold_cache = tempfile.mkdtemp(prefix="xosbench-cold")
        r = run_process([*ours[:3], "--cache-dir", cold_cache, *ours[3:]], env=env)
        shutil.rmtree(cold_cache)
        cold.append(r.seconds)
        peaks.append(r.peak_mb)
        warm.append(
            run_process([*ours[:3], "--cache-dir", str(warm_cache), *ours[3:]], env=env).seconds
        )
    shutil.rmtree(warm_cache)
    ref, c, w, peak = median(libsolv), median(cold), median(warm), max(peaks)
    return [
        (
            f"update set vs libsolv ({len(reference)} updates, {len(first['updates'])} records)",
            "identical" if same else "DIFFERENT",
            "identical",
            "ok" if same else "MISSED",
        ),
        (f"libsolv reference, whole process, median of {ROUNDS}", f"{ref:.3f} s", "-", "-"),
        (
            "updates --json cold (no cache of ours)",
            f"{c:.3f} s = {c / ref:.2f} x",
            "<= 0.75 x",
            "ok" if c <= 0.75 * ref else "MISSED",
        ),
        (
            "updates --json warm (metadata unchanged)",
            f"{w:.3f} s = {w / ref:.2f} x",
            "<= 0.25 x",
            "ok" if w <= 0.25 * ref else "MISSED",
        ),
        ("cold run peak memory", f"{peak:.0f} MB", "<= 120 MB", "ok" if peak <= 120 else "MISSED"),
    ]
