# SPDX-License-Identifier: GPL-2.0-or-later
"""The audit: every installed package against the media (ui layer).

``AuditModel`` is a flat table of ``AuditRecord`` values (``ROLE_RECORD``);
``AuditFilterProxy`` filters by text and status and sorts by the value behind each column.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from xosupdate.services.audit import AuditRecord, AuditStatus
from xosupdate.ui.icons import icon
from xosupdate.ui.models.filtering import rows_filter_change
from xosupdate.ui.models.headers import column_title
from xosupdate.ui.wording import audit_status_icon, audit_status_text

__all__ = ["ROLE_RECORD", "ROLE_SORT", "AuditColumn", "AuditFilterProxy", "AuditModel"]

ROLE_RECORD: Final = Qt.ItemDataRole.UserRole + 1
ROLE_SORT: Final = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()


class AuditColumn(enum.IntEnum):
    """Columns of the audit table."""

    NAME = 0
    ARCH = 1
    INSTALLED = 2
    STATUS = 3
    AVAILABLE = 4
    MEDIUM = 5
    TESTING = 6
    ADVISORY = 7
    INSTALLED_ON = 8


def _column_titles() -> dict[int, str]:
    return {
        AuditColumn.NAME: QCoreApplication.translate("AuditModel", "Package"),
        AuditColumn.ARCH: QCoreApplication.translate("AuditModel", "Arch"),
        AuditColumn.INSTALLED: QCoreApplication.translate("AuditModel", "Installed"),
        AuditColumn.STATUS: QCoreApplication.translate("AuditModel", "Status"),
        AuditColumn.AVAILABLE: QCoreApplication.translate("AuditModel", "Best available"),
        AuditColumn.MEDIUM: QCoreApplication.translate("AuditModel", "From medium"),
        AuditColumn.TESTING: QCoreApplication.translate("AuditModel", "In testing"),
        AuditColumn.ADVISORY: QCoreApplication.translate("AuditModel", "Advisory"),
        AuditColumn.INSTALLED_ON: QCoreApplication.translate("AuditModel", "Installed on"),
    }


class AuditModel(QAbstractTableModel):
    """Audit records, one row per installed package."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[AuditRecord] = []

    def set_records(self, records: Sequence[AuditRecord]) -> None:
        """Replace the table."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[AuditRecord]:
        """Every record, in the report's order."""
        return list(self._records)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(AuditColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return column_title(section, orientation, role, _column_titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r = self._records[index.row()]
        column = AuditColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(r, column)
        if role == ROLE_RECORD:
            return r
        if role == ROLE_SORT:
            return _sort_key(r, column)
        if role == Qt.ItemDataRole.DecorationRole and column is AuditColumn.STATUS:
            return icon(audit_status_icon(r.status))
        if role == Qt.ItemDataRole.ToolTipRole and column is AuditColumn.ADVISORY and r.advisory:
            return r.advisory.reason or None
        return None


def _display(r: AuditRecord, column: AuditColumn) -> str:
    if column is AuditColumn.NAME:
        return r.name
    if column is AuditColumn.ARCH:
        return r.arch
    if column is AuditColumn.INSTALLED:
        return str(r.installed)
    if column is AuditColumn.STATUS:
        return audit_status_text(r.status)
    if column is AuditColumn.AVAILABLE:
        return str(r.available) if r.available else ""
    if column is AuditColumn.MEDIUM:
        return r.available_medium
    if column is AuditColumn.TESTING:
        return f"{r.testing} ({r.testing_medium})" if r.testing else ""
    if column is AuditColumn.ADVISORY:
        return r.advisory.id if r.advisory else ""
    if not r.installed_on:
        return ""
    return dt.datetime.fromtimestamp(r.installed_on, tz=dt.UTC).date().isoformat()


def _sort_key(r: AuditRecord, column: AuditColumn) -> object:
    if column is AuditColumn.STATUS:
        return (list(AuditStatus).index(r.status), r.name)
    if column is AuditColumn.INSTALLED_ON:
        return r.installed_on
    return _display(r, column).casefold()


class AuditFilterProxy(QSortFilterProxyModel):
    """Text search (name, versions, medium, advisory) and a status filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(ROLE_SORT)
        self._text = ""
        self._statuses: frozenset[AuditStatus] = frozenset()

    def set_text(self, text: str) -> None:
        """Show records whose text contains ``text``."""
        with rows_filter_change(self):
            self._text = text.strip().casefold()

    def set_statuses(self, statuses: Iterable[AuditStatus]) -> None:
        """Show only these statuses (empty: all)."""
        with rows_filter_change(self):
            self._statuses = frozenset(statuses)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        record = model.data(model.index(source_row, 0, source_parent), ROLE_RECORD)
        if not isinstance(record, AuditRecord):
            return False
        if self._statuses and record.status not in self._statuses:
            return False
        if not self._text:
            return True
        haystack = "\n".join(_display(record, c) for c in AuditColumn).casefold()
        return self._text in haystack

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(ROLE_SORT), right.data(ROLE_SORT)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
