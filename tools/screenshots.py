#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Make the README's screenshots (docs/screenshots/*.png) with ``xosupdate-gui --screenshot``.

Usage: tools/screenshots.py [VIEW ...]   (default: every view)

Each view runs on its own copy of one demo sandbox (built once under build/screenshots),
served while it runs: the views that install or switch media change their copy only.
Offscreen, 1280x800, the Fusion style and DejaVu fonts: the same pictures on any machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
WORK = REPO / "build" / "screenshots"
VIEWS = (
    "updates",
    "testing-warning",
    "testing",
    "browse",
    "install-confirm",
    "install-progress",
    "install",
    "audit",
    "refresh",
    "mirrors",
)


def main(argv: list[str]) -> int:
    views = argv or list(VIEWS)
    gui = str(Path(sys.executable).parent / "xosupdate-gui")
    xosupdate = str(Path(sys.executable).parent / "xosupdate")
    original = WORK / "demo"
    subprocess.run([xosupdate, "demo", "--dir", str(original)], check=True, capture_output=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_STYLE_OVERRIDE="Fusion", LANG="C.UTF-8")
    OUT.mkdir(parents=True, exist_ok=True)
    failed = 0
    for view in views:
        copy = WORK / f"demo-{view}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(original, copy, symlinks=True)
        cache = WORK / f"cache-{view}"
        shutil.rmtree(cache, ignore_errors=True)  # a first refresh, as on a new machine
        target = OUT / f"{view}.png"
        cmd = [
            gui,
            "--demo",
            "--demo-dir",
            str(copy),
            "--cache-dir",
            str(cache),
            "--screenshot",
            str(target),
            "--view",
            view,
        ]
        status = subprocess.run(cmd, env=env, check=False).returncode
        failed += status != 0
        shutil.rmtree(copy, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
