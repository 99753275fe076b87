# SPDX-License-Identifier: GPL-2.0-or-later
"""Column titles of the table and tree models (ui layer)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt

__all__ = ["column_title"]


def column_title(
    section: int, orientation: Qt.Orientation, role: int, titles: Callable[[], Mapping[int, str]]
) -> str | None:
    """What ``headerData`` answers: the title of a column for the horizontal header's
    display role, None otherwise.

    ``titles`` is called each time (it is cheap) so that the words are translated in the
    language installed when the header is painted, not when the module was imported.
    """
    if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
        return None
    return titles().get(section)
