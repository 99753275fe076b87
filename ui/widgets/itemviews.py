# SPDX-License-Identifier: GPL-2.0-or-later
"""Item views with the keyboard behaviour the update lists need (ui layer).

Space ticks or unticks the selected rows (whatever column has the focus); Enter and
double-click open the details and never install (UniGetUI#155). Rows have uniform heights
and no per-row widgets, which keeps a 2,000-row list fast.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTreeView, QWidget

__all__ = ["PackageTableView", "UpdatesTreeView"]


class UpdatesTreeView(QTreeView):
    """The update list: medium rows span every column and start expanded.

    Signals:
        toggle_requested(QModelIndex): Space on a row (one per selected row).
        details_requested(QModelIndex): Enter or double-click on a package row.
    """

    toggle_requested = Signal(QModelIndex)
    details_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSortingEnabled(True)
        self.setAllColumnsShowFocus(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(self._on_activated)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        m = self.model()
        m.modelReset.connect(self._after_reset)
        m.layoutChanged.connect(self._span_headers)
        m.rowsInserted.connect(self._after_reset)
        self._after_reset()

    def _after_reset(self) -> None:
        self._span_headers()
        # Expanding lays out every row at once (tens of milliseconds for 2,000 rows): on the
        # next turn of the event loop, so the model reset and the layout are two short
        # stalls of the GUI thread rather than one long one.
        QTimer.singleShot(0, self._expand)

    def _expand(self) -> None:
        # The groups only: expandAll() also asks every one of the 2,000 leaves for children
        # (about 10 ms more of the GUI thread on the bench corpus).
        self.expandToDepth(0)

    def _span_headers(self) -> None:
        root = QModelIndex()
        for row in range(self.model().rowCount(root)):
            self.setFirstColumnSpanned(row, root, True)

    def _rows(self) -> list[QModelIndex]:
        rows = self.selectionModel().selectedRows()
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().siblingAtColumn(0)]
        # A group selected with (some of) its packages: the group's toggle is the one
        # meant; toggling its packages as well would undo it for them.
        groups = [r for r in rows if not r.parent().isValid()]
        return [r for r in rows if not r.parent().isValid() or r.parent() not in groups]

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid() and not index.parent().isValid():
            self.setExpanded(index, not self.isExpanded(index))
            return
        self.details_requested.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            for index in self._rows():
                self.toggle_requested.emit(index)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class PackageTableView(QTableView):
    """A flat package list with the same keys as the update list.

    Signals:
        toggle_requested(QModelIndex): Space on a row (one per selected row).
        details_requested(QModelIndex): Enter or double-click on a row.
    """

    toggle_requested = Signal(QModelIndex)
    details_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSortingEnabled(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)
        self.doubleClicked.connect(self.details_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            rows = self.selectionModel().selectedRows()
            if not rows and self.currentIndex().isValid():
                rows = [self.currentIndex()]
            for index in rows:
                self.toggle_requested.emit(index)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.details_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
