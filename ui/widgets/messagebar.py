# SPDX-License-Identifier: GPL-2.0-or-later
"""A message strip above the content: the testing banner, media problems, load errors
(ui layer).

An icon, a sentence and a few buttons, on the palette's tool-tip colours so it stands out
on light and dark themes alike without a hard-coded colour; the icon and the words say
what kind of message it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from xosupdate.ui.icons import icon

__all__ = ["MessageBar"]

Action = tuple[str, Callable[[], None]]


class MessageBar(QFrame):
    """A dismissable-by-code message: ``show_message`` / ``hide``."""

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "message_bar") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self._icon = QLabel(self)
        self._icon.setFixedSize(24, 24)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.RichText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self._buttons: list[QPushButton] = []
        self._layout = layout
        self.hide()

    @property
    def text(self) -> str:
        """The message shown (rich text)."""
        return self._text.text()

    def buttons(self) -> list[QPushButton]:
        """The action buttons shown."""
        return list(self._buttons)

    def show_message(self, icon_name: str, text: str, actions: Sequence[Action] = ()) -> None:
        """Show ``text`` (rich text) with an icon and buttons ``(label, callback)``."""
        self._icon.setPixmap(icon(icon_name).pixmap(24, 24))
        self._text.setText(text)
        self.setAccessibleName(self._text.text())
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for label, callback in actions:
            button = QPushButton(label, self)
            button.clicked.connect(callback)
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._buttons.append(button)
        self.show()
