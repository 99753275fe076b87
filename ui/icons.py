# SPDX-License-Identifier: GPL-2.0-or-later
"""The application's icons (ui layer).

Small SVG files shipped in ``xosupdate/ui/icons/``. Every icon is shown next to a text
label (design/ux.md: never status by colour or icon alone), so their fixed colours carry
no meaning a reader of the text would miss, and they read on light and dark themes alike.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final

from PySide6.QtGui import QIcon

__all__ = ["ICON_DIR", "icon"]

ICON_DIR: Final = Path(__file__).resolve().parent / "icons"


@functools.cache
def icon(name: str) -> QIcon:
    """The icon ``ICON_DIR/<name>.svg`` (a null icon when there is no such file).

    Cached: models hand the same QIcon to every row, which keeps 2,000-row lists cheap.
    """
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
