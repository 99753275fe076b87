# SPDX-License-Identifier: GPL-2.0-or-later
"""The refresh strip: one row per medium with its state in words and a bar (ui layer).

Shown while a refresh runs and after it (the outcome of each medium stays readable until
closed; a refresh where everything went well closes by itself after a few seconds). The
window stays usable meanwhile: nothing here is modal.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from xosupdate.ui.models.refresh import ROLE_FRACTION, RefreshColumn, RefreshModel

__all__ = ["ProgressDelegate", "RefreshPanel"]

_AUTO_CLOSE_MS: Final = 4000


class ProgressDelegate(QStyledItemDelegate):
    """Draws ``ROLE_FRACTION`` as the style's progress bar, its text the cell's text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(ROLE_FRACTION)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum = 0
        bar.maximum = 1000
        bar.progress = int(1000 * fraction) if isinstance(fraction, float) else 0
        bar.text = str(index.data() or "")
        bar.textVisible = True
        bar.state = option.state
        bar.palette = option.palette
        widget = option.widget
        # option.widget is None when painting outside a view (the stubs say otherwise).
        style = getattr(widget, "style", QApplication.style)()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)


class RefreshPanel(QFrame):
    """Progress and outcome of a refresh.

    Signals:
        cancel_requested(): the user pressed Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, model: RefreshModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refresh_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.title = QLabel(self)
        top.addWidget(self.title, 1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(
            self.tr("Stop now: media that did not finish keep their previous package list.")
        )
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.hide)
        top.addWidget(self.cancel_button)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.view = QTreeView(self)
        self.view.setObjectName("refresh_view")
        self.view.setAccessibleName(self.tr("Refresh progress per medium"))
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setModel(model)
        self.view.setItemDelegateForColumn(RefreshColumn.PROGRESS, ProgressDelegate(self.view))
        header = self.view.header()
        header.setSectionResizeMode(RefreshColumn.MEDIUM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RefreshColumn.STATUS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RefreshColumn.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(RefreshColumn.PROGRESS, 160)
        header.setStretchLastSection(False)
        layout.addWidget(self.view)
        self._model = model
        model.modelReset.connect(self._fit_height)
        model.rowsInserted.connect(self._fit_height)
        self._auto_close = QTimer(self)
        self._auto_close.setSingleShot(True)
        self._auto_close.timeout.connect(self.hide)
        self.hide()

    def _fit_height(self) -> None:
        rows = max(1, min(self._model.rowCount(), 6))
        row = self.view.sizeHintForRow(0) if self._model.rowCount() else -1
        row = max(row, self.view.fontMetrics().height() + 4)
        header = self.view.header().sizeHint().height()
        self.view.setFixedHeight(header + rows * row + 2 * self.view.frameWidth() + 2)

    def show_running(self) -> None:
        """A refresh started."""
        self._auto_close.stop()
        self.title.setText(self.tr("<b>Refreshing the package lists</b>"))
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.close_button.setVisible(False)
        self._fit_height()
        self.show()

    def show_done(self, *, failures: int, cancelled: bool = False) -> None:
        """The refresh ended: say how, and close by itself when all went well."""
        self.cancel_button.setVisible(False)
        self.close_button.setVisible(True)
        if cancelled:
            self.title.setText(self.tr("<b>Refresh cancelled</b>"))
        elif failures:
            self.title.setText(
                self.tr("<b>Refresh done: %n medium/media could not be refreshed</b>", "", failures)
            )
        else:
            self.title.setText(self.tr("<b>The package lists are up to date</b>"))
            self._auto_close.start(_AUTO_CLOSE_MS)
