#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Make the README's screenshots (docs/screenshots/*.png) with ``xosupdate-gui --screenshot``.

Usage: tools/screenshots.py [--lang LANG] [VIEW ...]
(default: every view in English, and the update list in French as updates-fr.png)

With ``--lang fr`` the views are made under ``LANG=fr_FR.UTF-8`` (the French catalogue
and Qt's) and saved as ``VIEW-fr.png``. Each view runs on its own copy of one demo
sandbox (built once under build/screenshots), served while it runs: the views that
install or switch media change their copy only.
Offscreen, 1280x800, the Fusion style and DejaVu fonts: the same pictures on any machine.
"""

from __future__ import annotations

import argparse
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


# The README's "In French" picture.
FRENCH_VIEWS = ("updates",)
LOCALES = {"en": "C.UTF-8", "fr": "fr_FR.UTF-8"}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(LOCALES), help="one language only")
    parser.add_argument("views", nargs="*", choices=[[], *VIEWS], metavar="VIEW")
    args = parser.parse_args(argv)
    if args.lang:
        jobs = [(view, args.lang) for view in args.views or VIEWS]
    else:
        jobs = [(view, "en") for view in args.views or VIEWS]
        jobs += [(view, "fr") for view in FRENCH_VIEWS if not args.views]
    gui = str(Path(sys.executable).parent / "xosupdate-gui")
    xosupdate = str(Path(sys.executable).parent / "xosupdate")
    original = WORK / "demo"
    subprocess.run([xosupdate, "demo", "--dir", str(original)], check=True, capture_output=True)
    OUT.mkdir(parents=True, exist_ok=True)
    failed = 0
    for view, lang in jobs:
        # Only LANG chooses the language: settings of the caller's session must not win.
        env = {
            k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")
        }
        env.update(QT_QPA_PLATFORM="offscreen", QT_STYLE_OVERRIDE="Fusion", LANG=LOCALES[lang])
        name = view if lang == "en" else f"{view}-{lang}"
        copy = WORK / f"demo-{name}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(original, copy, symlinks=True)
        cache = WORK / f"cache-{name}"
        shutil.rmtree(cache, ignore_errors=True)  # a first refresh, as on a new machine
        target = OUT / f"{name}.png"
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
