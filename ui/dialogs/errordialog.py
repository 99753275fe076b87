# SPDX-License-Identifier: GPL-2.0-or-later
"""An error as a sentence, a hint and copyable technical details (ui layer).

Discover's pattern (design/ux.md §2): a friendly sentence, what to do, and the technical
text behind a "Details" toggle with a "Copy details" button for bug reports.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from xosupdate.ui.errors import ErrorText, describe_error

__all__ = ["ErrorDialog"]


class ErrorDialog(QDialog):
    """Shows one ``ErrorText``."""

    def __init__(self, error: ErrorText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_dialog")
        self.error = error
        self.setWindowTitle(error.title)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        badge = QLabel(self)
        badge.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40)
        )
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(badge)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setText("\n\n".join(p for p in (error.title, error.text, error.hint) if p))
        self.message.setMinimumWidth(420)
        top.addWidget(self.message, 1)
        layout.addLayout(top)
        self.details = QPlainTextEdit(error.details, self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Technical details"))
        self.details.setVisible(False)
        self.details.setMinimumHeight(140)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.toggle_details = buttons.addButton(
            self.tr("Show details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy = buttons.addButton(
            self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.toggle_details.clicked.connect(self._on_toggle_details_clicked)
        self.copy.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    @classmethod
    def for_exception(cls, exc: BaseException, parent: QWidget | None = None) -> ErrorDialog:
        """The dialog describing ``exc``."""
        return cls(describe_error(exc), parent)

    def _on_toggle_details_clicked(self) -> None:
        shown = not self.details.isVisible()
        self.details.setVisible(shown)
        self.toggle_details.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()

    def _on_copy_clicked(self) -> None:
        text = "\n".join([self.error.title, self.error.text, "", self.error.details])
        QGuiApplication.clipboard().setText(text)
