# SPDX-License-Identifier: GPL-2.0-or-later
"""Everything one medium holds, with ticks for installing single packages (ui layer).

The tester's "what is in XtreemOS_Testing?" view. A package can be ticked when installing
it changes something: it is not installed, or it is newer than what is.
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
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from xosupdate.services.packages import MediumPackage, PackageState
from xosupdate.ui.icons import icon
from xosupdate.ui.models.checks import as_check_state
from xosupdate.ui.models.filtering import rows_filter_change
from xosupdate.ui.models.headers import column_title
from xosupdate.ui.wording import format_size

__all__ = ["ROLE_PACKAGE", "ROLE_SORT", "PackagesColumn", "PackagesFilterProxy", "PackagesModel"]

ROLE_PACKAGE: Final = Qt.ItemDataRole.UserRole + 1
ROLE_SORT: Final = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()


class PackagesColumn(enum.IntEnum):
    """Columns of a medium's package list (the check box sits in NAME)."""

    NAME = 0
    VERSION = 1
    INSTALLED = 2
    STATE = 3
    SIZE = 4


def state_text(state: PackageState) -> str:
    """Words for a package's standing."""
    return {
        PackageState.NOT_INSTALLED: QCoreApplication.translate("PackagesModel", "Not installed"),
        PackageState.UPDATE: QCoreApplication.translate("PackagesModel", "Newer than installed"),
        PackageState.INSTALLED: QCoreApplication.translate("PackagesModel", "Installed"),
        PackageState.OLDER: QCoreApplication.translate("PackagesModel", "Older than installed"),
    }[state]


def _state_icon(state: PackageState) -> str:
    return {
        PackageState.NOT_INSTALLED: "status-new",
        PackageState.UPDATE: "medium-updates",
        PackageState.INSTALLED: "status-ok",
        PackageState.OLDER: "status-newer",
    }[state]


def _column_titles() -> dict[int, str]:
    return {
        PackagesColumn.NAME: QCoreApplication.translate("PackagesModel", "Package"),
        PackagesColumn.VERSION: QCoreApplication.translate("PackagesModel", "Version in medium"),
        PackagesColumn.INSTALLED: QCoreApplication.translate("PackagesModel", "Installed"),
        PackagesColumn.STATE: QCoreApplication.translate("PackagesModel", "Standing"),
        PackagesColumn.SIZE: QCoreApplication.translate("PackagesModel", "Download"),
    }


class PackagesModel(QAbstractTableModel):
    """A medium's packages, with the user's ticks (keyed by full name).

    Signals:
        selection_changed(int, object): ticked packages and their download size in bytes.
    """

    selection_changed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._packages: list[MediumPackage] = []
        self._checked: set[str] = set()
        self._medium = ""

    @property
    def medium(self) -> str:
        """The medium shown."""
        return self._medium

    def set_packages(self, medium: str, packages: Sequence[MediumPackage]) -> None:
        """Replace the list; nothing is ticked."""
        self.beginResetModel()
        self._medium = medium
        self._packages = list(packages)
        self._checked = set()
        self.endResetModel()
        self._emit_selection()

    def packages(self) -> list[MediumPackage]:
        """Every package, in name order."""
        return list(self._packages)

    def checked_packages(self) -> list[MediumPackage]:
        """The ticked packages."""
        return [p for p in self._packages if p.fullname in self._checked]

    @staticmethod
    def checkable(package: MediumPackage) -> bool:
        """Installing it would change something."""
        return package.state in (PackageState.NOT_INSTALLED, PackageState.UPDATE)

    def set_all_checked(self, on: bool) -> None:
        """Tick or untick every package that can be installed."""
        new = {p.fullname for p in self._packages if self.checkable(p)} if on else set()
        if new != self._checked:
            self._checked = new
            if self._packages:
                self.dataChanged.emit(
                    self.index(0, PackagesColumn.NAME),
                    self.index(len(self._packages) - 1, PackagesColumn.NAME),
                    [Qt.ItemDataRole.CheckStateRole],
                )
            self._emit_selection()

    def toggle(self, index: Index) -> None:
        """Flip the tick of a row."""
        if not index.isValid():
            return
        first = self.index(index.row(), PackagesColumn.NAME)
        on = first.data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked
        self.setData(
            first,
            Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def _emit_selection(self) -> None:
        chosen = self.checked_packages()
        self.selection_changed.emit(len(chosen), sum(p.filesize or 0 for p in chosen))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._packages)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(PackagesColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return column_title(section, orientation, role, _column_titles)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PackagesColumn.NAME and self.checkable(self._packages[index.row()]):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        p = self._packages[index.row()]
        column = PackagesColumn(index.column())
        if role == ROLE_PACKAGE:
            return p
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(p, column)
        if role == ROLE_SORT:
            if column is PackagesColumn.SIZE:
                return p.filesize or 0
            if column is PackagesColumn.STATE:
                return (list(PackageState).index(p.state), p.name)
            return _display(p, column).casefold()
        if role == Qt.ItemDataRole.CheckStateRole and column is PackagesColumn.NAME:
            if not self.checkable(p):
                return None
            return Qt.CheckState.Checked if p.fullname in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column is PackagesColumn.STATE:
            return icon(_state_icon(p.state))
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.summary or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column is PackagesColumn.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        name = self._packages[index.row()].fullname
        if as_check_state(value) == Qt.CheckState.Checked:
            self._checked.add(name)
        else:
            self._checked.discard(name)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self._emit_selection()
        return True


def _display(p: MediumPackage, column: PackagesColumn) -> str:
    if column is PackagesColumn.NAME:
        return p.name
    if column is PackagesColumn.VERSION:
        return f"{p.evr} ({p.arch})"
    if column is PackagesColumn.INSTALLED:
        return str(p.installed) if p.installed else "\u2013"
    if column is PackagesColumn.STATE:
        return state_text(p.state)
    return format_size(p.filesize)


class PackagesFilterProxy(QSortFilterProxyModel):
    """Text search over a medium's packages."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(ROLE_SORT)
        self._text = ""

    def set_text(self, text: str) -> None:
        """Show packages whose name or summary contains ``text``."""
        with rows_filter_change(self):
            self._text = text.strip().casefold()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._text:
            return True
        model = self.sourceModel()
        p = model.data(model.index(source_row, 0, source_parent), ROLE_PACKAGE)
        if not isinstance(p, MediumPackage):
            return False
        return self._text in f"{p.name}\n{p.summary}".casefold()

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(ROLE_SORT), right.data(ROLE_SORT)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
