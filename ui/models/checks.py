# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading the check state a view passes to ``setData`` (ui layer)."""

from __future__ import annotations

from PySide6.QtCore import Qt

__all__ = ["as_check_state"]


def as_check_state(value: object) -> Qt.CheckState:
    """``value`` as a ``Qt.CheckState`` (views pass the enum or its integer)."""
    if isinstance(value, Qt.CheckState):
        return value
    if isinstance(value, int):
        return Qt.CheckState(value)
    return Qt.CheckState.Unchecked
