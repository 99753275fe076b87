# SPDX-License-Identifier: GPL-2.0-or-later
"""Refresh progress, one row per medium (ui layer).

Each row says in words where its medium stands (waiting, asking the mirror whether it
changed, downloading which file and how many bytes, checking, and the outcome: up to
date, updated with N packages, failed and why), with a progress fraction a delegate draws
as a bar (``ROLE_FRACTION``; None when the size is unknown).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from xosupdate.domain.progress import Phase, Progress
from xosupdate.ui.icons import icon
from xosupdate.ui.models.headers import column_title
from xosupdate.ui.wording import format_size

if TYPE_CHECKING:
    # services.refresh loads requests and gnupg: not before the first refresh.
    from xosupdate.services.refresh import MediumRefresh

__all__ = ["ROLE_FRACTION", "RefreshColumn", "RefreshModel", "RowState"]

ROLE_FRACTION: Final = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()


class RefreshColumn(enum.IntEnum):
    """Columns of the refresh list."""

    MEDIUM = 0
    STATUS = 1
    PROGRESS = 2


class RowState(enum.Enum):
    """Where one medium's refresh stands."""

    WAITING = "waiting"
    RUNNING = "running"
    UP_TO_DATE = "up-to-date"
    UPDATED = "updated"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class _Row:
    medium: str
    state: RowState = RowState.WAITING
    text: str = ""
    fraction: float | None = 0.0


def _column_titles() -> dict[int, str]:
    return {
        RefreshColumn.MEDIUM: QCoreApplication.translate("RefreshModel", "Medium"),
        RefreshColumn.STATUS: QCoreApplication.translate("RefreshModel", "Status"),
        RefreshColumn.PROGRESS: QCoreApplication.translate("RefreshModel", "Progress"),
    }


class RefreshModel(QAbstractTableModel):
    """The media of one refresh."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []

    def start(self, media: Sequence[str]) -> None:
        """A new refresh of ``media``: every row waiting."""
        self.beginResetModel()
        self._rows = [
            _Row(m, text=QCoreApplication.translate("RefreshModel", "Waiting")) for m in media
        ]
        self.endResetModel()

    def rows(self) -> list[tuple[str, RowState, str]]:
        """``(medium, state, text)`` of every row (for tests and summaries)."""
        return [(r.medium, r.state, r.text) for r in self._rows]

    def _row_of(self, medium: str) -> int:
        for i, r in enumerate(self._rows):
            if r.medium == medium:
                return i
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(_Row(medium))
        self.endInsertRows()
        return len(self._rows) - 1

    def _set(self, row: int, new: _Row) -> None:
        if new == self._rows[row]:
            return
        self._rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(RefreshColumn) - 1))

    def update(self, p: Progress) -> None:
        """Show a progress report (reports without a medium are ignored)."""
        if not p.medium:
            return
        row = self._row_of(p.medium)
        current = self._rows[row]
        if current.state not in (RowState.WAITING, RowState.RUNNING):
            return  # late reports after the outcome
        if p.phase is Phase.MIRRORS:
            text, fraction = QCoreApplication.translate("RefreshModel", "Choosing a mirror"), None
        elif p.phase is Phase.CHECK:
            text, fraction = (
                QCoreApplication.translate("RefreshModel", "Asking the mirror whether it changed"),
                None,
            )
        elif p.phase is Phase.DOWNLOAD:
            if p.bytes_total:
                text = QCoreApplication.translate(
                    "RefreshModel", "Downloading {0}: {1} of {2}"
                ).format(p.file, format_size(p.bytes_done), format_size(p.bytes_total))
            else:
                text = QCoreApplication.translate("RefreshModel", "Downloading {0}: {1}").format(
                    p.file, format_size(p.bytes_done)
                )
            fraction = p.fraction
        elif p.phase is Phase.VERIFY:
            text, fraction = (
                #: {0}: a file name, or "the files".
                QCoreApplication.translate("RefreshModel", "Checking {0}").format(
                    p.file or QCoreApplication.translate("RefreshModel", "the files")
                ),
                None,
            )
        else:
            text, fraction = QCoreApplication.translate("RefreshModel", "Finishing"), 1.0
        self._set(row, replace(current, state=RowState.RUNNING, text=text, fraction=fraction))

    def finish(self, result: MediumRefresh) -> None:
        """Show the outcome of one medium."""
        row = self._row_of(result.medium)
        # RefreshStatus values ("up-to-date", "updated", "failed") are RowState's too.
        state = RowState(result.status.value)
        if state is RowState.UP_TO_DATE:
            text = QCoreApplication.translate("RefreshModel", "Up to date")
        elif state is RowState.UPDATED:
            text = (
                QCoreApplication.translate(
                    "RefreshModel", "Updated: %n package(s)", "", result.packages
                )
                if result.packages is not None
                else QCoreApplication.translate("RefreshModel", "Updated")
            )
        else:
            reason = str(
                result.error or QCoreApplication.translate("RefreshModel", "unknown error")
            ).removeprefix(f"medium {result.medium}: ")
            text = QCoreApplication.translate("RefreshModel", "Failed: {0}").format(reason)
        if result.key_change is not None:
            text += " \u2014 " + QCoreApplication.translate(
                "RefreshModel", "its signing key changed"
            )
        self._set(row, replace(self._rows[row], state=state, text=text, fraction=1.0))

    def cancel_running(self) -> None:
        """Mark the media that had not finished as cancelled."""
        for i, r in enumerate(self._rows):
            if r.state in (RowState.WAITING, RowState.RUNNING):
                self._set(
                    i,
                    replace(
                        r,
                        state=RowState.CANCELLED,
                        text=QCoreApplication.translate(
                            "RefreshModel", "Cancelled: the previous package list is kept"
                        ),
                        fraction=None,
                    ),
                )

    # ------------------------------------------------------------ Qt

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(RefreshColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return column_title(section, orientation, role, _column_titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        column = RefreshColumn(index.column())
        if role == ROLE_FRACTION:
            return r.fraction
        if column is RefreshColumn.MEDIUM and role == Qt.ItemDataRole.DisplayRole:
            return r.medium
        if column is RefreshColumn.STATUS:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return r.text
            if role == Qt.ItemDataRole.DecorationRole:
                return icon(
                    {
                        RowState.WAITING: "verdict-pending",
                        RowState.RUNNING: "verdict-pending",
                        RowState.UP_TO_DATE: "status-ok",
                        RowState.UPDATED: "status-ok",
                        RowState.FAILED: "verdict-bad",
                        RowState.CANCELLED: "verdict-warning",
                    }[r.state]
                )
        if column is RefreshColumn.PROGRESS and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            if r.fraction is None:
                return (
                    QCoreApplication.translate("RefreshModel", "working")
                    if r.state is RowState.RUNNING
                    else ""
                )
            return f"{round(r.fraction * 100)} %"
        return None
