#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Render the hicolor PNG icons from resources/icons/xosupdate.svg (run by hand when the
SVG changes; the PNGs are committed because PySide6 is not a build dependency of the RPM).

Usage: tools/render_icons.py [OUTDIR]   (default: packaging/icons)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt  # noqa: PLC0415 - a tool, not the package
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    repo = Path(__file__).resolve().parent.parent
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "packaging" / "icons"
    app = QGuiApplication([])
    renderer = QSvgRenderer(str(repo / "resources" / "icons" / "xosupdate.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / f"{size}x{size}" / "xosupdate.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
