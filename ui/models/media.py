# SPDX-License-Identifier: GPL-2.0-or-later
"""The media of urpmi.cfg with their on/off switches (ui layer).

The check box of a medium shows whether it is enabled. Ticking it does not change the
model: it asks (``switch_requested``) and the presenter carries the change out through the
privileged helper, then reloads the media. Until then the row says it is switching.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from xosupdate.domain.medium import Medium
from xosupdate.ui.icons import icon
from xosupdate.ui.models.checks import as_check_state
from xosupdate.ui.models.headers import column_title
from xosupdate.ui.wording import medium_kind_icon, medium_kind_text

__all__ = ["ROLE_MEDIUM", "MediaColumn", "MediaModel"]

ROLE_MEDIUM: Final = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()


class MediaColumn(enum.IntEnum):
    """Columns of the media list."""

    NAME = 0
    KIND = 1


def _column_titles() -> dict[int, str]:
    return {
        MediaColumn.NAME: QCoreApplication.translate("MediaModel", "Medium"),
        MediaColumn.KIND: QCoreApplication.translate("MediaModel", "Kind"),
    }


class MediaModel(QAbstractTableModel):
    """Media in urpmi.cfg order.

    Signals:
        switch_requested(str, bool): the user ticked (True) or unticked a medium.
    """

    switch_requested = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._media: list[Medium] = []
        self._pending: dict[str, bool] = {}

    def set_media(self, media: Sequence[Medium]) -> None:
        """Replace the list; pending switches are over once the new state is read."""
        self.beginResetModel()
        self._media = list(media)
        self._pending = {}
        self.endResetModel()

    def media(self) -> list[Medium]:
        """Every medium, in urpmi.cfg order."""
        return list(self._media)

    def medium(self, name: str) -> Medium | None:
        """The medium called ``name``."""
        return next((m for m in self._media if m.name == name), None)

    def set_pending(self, name: str, enabled: bool | None) -> None:
        """Mark a switch as under way (None: no longer)."""
        if enabled is None:
            self._pending.pop(name, None)
        else:
            self._pending[name] = enabled
        for row, m in enumerate(self._media):
            if m.name == name:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(MediaColumn) - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._media)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(MediaColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return column_title(section, orientation, role, _column_titles)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == MediaColumn.NAME and self._media[index.row()].name not in (
            self._pending
        ):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        m = self._media[index.row()]
        column = index.column()
        if role == ROLE_MEDIUM:
            return m
        if role == Qt.ItemDataRole.ToolTipRole:
            source = m.url or f"{m.mirrorlist} {m.with_dir}".strip()
            keys = ", ".join(m.key_ids) or QCoreApplication.translate("MediaModel", "none")
            return QCoreApplication.translate(
                "MediaModel", "{0}\nSource: {1}\nSigning keys: {2}"
            ).format(m.name, source, keys)
        if column == MediaColumn.NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return m.name
            if role == Qt.ItemDataRole.CheckStateRole:
                on = self._pending.get(m.name, m.enabled)
                return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                state = (
                    QCoreApplication.translate("MediaModel", "enabled")
                    if m.enabled
                    else QCoreApplication.translate("MediaModel", "disabled")
                )
                return f"{medium_kind_text(m)}, {state}"
            return None
        if column == MediaColumn.KIND:
            if role == Qt.ItemDataRole.DisplayRole:
                text = medium_kind_text(m)
                if m.name in self._pending:
                    text += " \u2014 " + (
                        QCoreApplication.translate("MediaModel", "switching on\u2026")
                        if self._pending[m.name]
                        else QCoreApplication.translate("MediaModel", "switching off\u2026")
                    )
                return text
            if role == Qt.ItemDataRole.DecorationRole:
                return icon(medium_kind_icon(m))
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        m = self._media[index.row()]
        wanted = as_check_state(value) == Qt.CheckState.Checked
        if wanted != m.enabled:
            self.switch_requested.emit(m.name, wanted)
        # The model changes when the helper has done it and the media are read again.
        return False
