# SPDX-License-Identifier: GPL-2.0-or-later
"""The mirrors of the root's mirror list, best first (ui layer)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from xosupdate.ui.icons import icon
from xosupdate.ui.models.headers import column_title

if TYPE_CHECKING:
    from xosupdate.services.mirrors import MirrorRanking, MirrorStatus

__all__ = ["MirrorsColumn", "MirrorsModel"]

Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()


class MirrorsColumn(enum.IntEnum):
    """Columns of the mirror list."""

    RANK = 0
    MIRROR = 1
    LOCATION = 2
    LATENCY = 3
    STATUS = 4


def _column_titles() -> dict[int, str]:
    return {
        MirrorsColumn.RANK: QCoreApplication.translate("MirrorsModel", "#"),
        MirrorsColumn.MIRROR: QCoreApplication.translate("MirrorsModel", "Mirror"),
        MirrorsColumn.LOCATION: QCoreApplication.translate("MirrorsModel", "Location"),
        MirrorsColumn.LATENCY: QCoreApplication.translate("MirrorsModel", "Latency"),
        MirrorsColumn.STATUS: QCoreApplication.translate("MirrorsModel", "Status"),
    }


class MirrorsModel(QAbstractTableModel):
    """One ``MirrorRanking``: rank, URL, location, measured latency, status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mirrors: list[MirrorStatus] = []
        self._chosen = ""

    def set_ranking(self, ranking: MirrorRanking) -> None:
        """Show ``ranking``."""
        self.beginResetModel()
        self._mirrors = list(ranking.mirrors)
        chosen = ranking.chosen
        self._chosen = chosen.url if chosen is not None else ""
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._mirrors)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(MirrorsColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return column_title(section, orientation, role, _column_titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        m = self._mirrors[index.row()]
        column = MirrorsColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is MirrorsColumn.RANK:
                return str(index.row() + 1)
            if column is MirrorsColumn.MIRROR:
                return m.url
            if column is MirrorsColumn.LOCATION:
                return m.location or "\u2013"
            if column is MirrorsColumn.LATENCY:
                return (
                    QCoreApplication.translate("MirrorsModel", "{0} ms").format(
                        round(m.latency * 1000)
                    )
                    if m.latency
                    else "\u2013"
                )
            if m.error:
                return QCoreApplication.translate("MirrorsModel", "Failed: {0}").format(m.error)
            if m.url == self._chosen:
                return QCoreApplication.translate("MirrorsModel", "Chosen")
            return (
                QCoreApplication.translate("MirrorsModel", "Usable")
                if m.latency is not None
                else QCoreApplication.translate("MirrorsModel", "Not measured")
            )
        if role == Qt.ItemDataRole.DecorationRole and column is MirrorsColumn.STATUS:
            if m.error:
                return icon("verdict-bad")
            return icon("status-ok") if m.url == self._chosen else None
        if role == Qt.ItemDataRole.ToolTipRole and column is MirrorsColumn.STATUS and m.error:
            return m.error
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            MirrorsColumn.RANK,
            MirrorsColumn.LATENCY,
        ):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
