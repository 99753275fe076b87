# SPDX-License-Identifier: GPL-2.0-or-later
"""Signature verdicts for 200 update candidates over loopback HTTP.

Target (Mirrors, refresh and trust issue): at most 2 s. The tree is built once with the
repository builder into ``build/bench/signatures`` (200 small signed packages in a
"Bench" medium, their older versions in "Old", installed into a root whose rpm database
holds the key) and reused by later runs. This process serves it with ``MirrorServer``;
each round is a fresh interpreter that times ``check_signatures`` on the root with an
empty cache (the update plan, the keyring, 200 header fetches with Range requests, 200
librpm checks), then again with the verdicts it remembered (200 conditional requests).
The whole ``xosupdate signatures --json`` process is timed as well.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks._measure import REPO, child_json, median, run_process

NEEDS_CORPUS = False
COUNT = 200
ROUNDS = 5
TARGET = 2.0
FORMAT = 1
WORK = REPO / "build" / "bench" / f"signatures-{FORMAT}"

CHILD = """
import json, sys, tempfile, time
from pathlib import Path
from xosupdate.config import Settings
from xosupdate.services.signatures import check_signatures
root = Path(sys.argv[1])
with tempfile.TemporaryDirectory() as cache:
    t = time.perf_counter()
    cold = check_signatures(root, cache_dir=Path(cache), settings=Settings())
    t_cold = time.perf_counter() - t
    t = time.perf_counter()
    warm = check_signatures(root, cache_dir=Path(cache), settings=Settings())
    t_warm = time.perf_counter() - t
print(json.dumps({
    "cold": t_cold, "warm": t_warm, "verdicts": len(cold.verdicts),
    "trusted": sum(v.verdict.value == "trusted" for v in cold.verdicts),
    "same": cold.verdicts == warm.verdicts, "problems": len(cold.problems) + len(warm.problems),
}))
"""


def _build() -> None:
    """The tree and the root, built once (about ten seconds)."""
    from xosupdate.repo import (  # noqa: PLC0415 - only when building
        DistribSpec,
        MediumSpec,
        PackageSpec,
        SigningKey,
        build_distrib,
    )
    from xosupdate.system.rpmlib import import_pubkey, install_files  # noqa: PLC0415

    def package(i: int, version: str) -> PackageSpec:
        return PackageSpec(
            name=f"xos-bench-{i:03d}",
            version=version,
            release="1xos2.0",
            summary=f"bench package {i}",
            files=(f"/usr/share/xos-bench/{i:03d}",),
        )

    spec = DistribSpec(
        media=(
            MediumSpec(
                path="bench/release",
                name="Bench",
                key="bench",
                packages=tuple(package(i, "1.1") for i in range(COUNT)),
            ),
            MediumSpec(
                path="old/release",
                name="Old",
                key="bench",
                packages=tuple(package(i, "1.0") for i in range(COUNT)),
            ),
        )
    )
    partial = WORK.with_name(WORK.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    with SigningKey.generate("XOS bench key") as key:
        tree = build_distrib(spec, partial / "mirror", keys={"bench": key})
        armored = key.armored
        short_id = key.short_id
    root = partial / "root"
    import_pubkey(root, armored)
    install_files(root, tree.medium("Old").rpms, verify=True, noscripts=True)
    bench = tree.medium("Bench")
    state = root / "var/lib/urpmi/Bench"
    state.mkdir(parents=True)
    shutil.copy(bench.synthesis, state / "synthesis.hdlist.cz")
    (partial / "key-id").write_text(short_id)
    partial.rename(WORK)


def _write_cfg(root: Path, url: str) -> None:
    key_id = (WORK / "key-id").read_text().strip()
    cfg = root / "etc/urpmi/urpmi.cfg"
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text(f"{{\n}}\n\nBench {url}/media/bench/release {{\n  key-ids: {key_id}\n}}\n")


def run() -> list[tuple[str, str, str, str]]:
    if not (WORK / "key-id").exists():
        print("bench: building 400 signed packages once ...", file=sys.stderr, flush=True)
        _build()
    from xosupdate.repo import MirrorServer  # noqa: PLC0415

    root = WORK / "root"
    cold: list[float] = []
    warm: list[float] = []
    process: list[float] = []
    with MirrorServer(WORK / "mirror") as mirror:
        _write_cfg(root, mirror.url)
        for _ in range(ROUNDS):
            result = child_json(CHILD, str(root))
            if result["verdicts"] != COUNT or result["trusted"] != COUNT or result["problems"]:
                raise SystemExit(f"bench signatures: unexpected result {result}")
            if not result["same"]:
                raise SystemExit("bench signatures: remembered verdicts differ")
            cold.append(float(str(result["cold"])))
            warm.append(float(str(result["warm"])))
            with tempfile.TemporaryDirectory() as cache:
                argv = [
                    str(Path(sys.executable).with_name("xosupdate")),
                    "--root",
                    str(root),
                    "--cache-dir",
                    cache,
                    "signatures",
                    "--json",
                ]
                process.append(run_process(argv).seconds)
    c, w, p = median(cold), median(warm), median(process)
    return [
        (
            f"signature verdicts, {COUNT} candidates over loopback, median of {ROUNDS}",
            f"{c:.3f} s",
            f"<= {TARGET:g} s",
            "ok" if c <= TARGET else "MISSED",
        ),
        (
            f"signature verdicts, {COUNT} remembered (conditional requests)",
            f"{w:.3f} s",
            "-",
            "-",
        ),
        (
            "xosupdate signatures --json, whole process, empty cache",
            f"{p:.3f} s",
            f"<= {TARGET:g} s",
            "ok" if p <= TARGET else "MISSED",
        ),
    ]
