# SPDX-License-Identifier: GPL-2.0-or-later
"""The consent asked before a testing medium is switched on (ui layer).

Says in plain words what testing means (candidates for future updates, not supported,
may break the system), what happens next (the administrator password, then the medium's
updates are offered beside the others) and how to go back (switch it off, then reinstall
the Updates versions). "Switch on" stays disabled until the user ticks "I understand the
risks", as dnfdragora does for system upgrades.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from xosupdate.ui.icons import icon

__all__ = ["EnableTestingDialog"]


class EnableTestingDialog(QDialog):
    """Ask before switching the testing medium ``medium`` on."""

    def __init__(
        self, medium: str, parent: QWidget | None = None, *, privileged: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("testing_warning_dialog")
        self.setWindowTitle(self.tr("Switch on {0}?").format(medium))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        badge = QLabel(self)
        badge.setPixmap(icon("medium-testing").pixmap(48, 48))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(badge)
        password = (
            self.tr("You will be asked for the administrator password. ") if privileged else ""
        )
        text = QLabel(
            "<p><b>{}</b></p><p>{}</p><p>{}</p><ul><li>{}</li><li>{}</li></ul>"
            "<p><b>{}</b> {}</p>".format(
                self.tr("{0} is a testing medium.").format(medium),
                self.tr(
                    "It holds candidates for future updates, published so that testers "
                    "can try them before everyone gets them. They are not supported and "
                    "may break your system."
                ),
                self.tr("Once it is switched on:"),
                self.tr(
                    "its updates are listed beside the others, under their own heading, "
                    "and are never ticked for you;"
                ),
                self.tr("a banner stays at the top of the window for as long as it is on."),
                self.tr("To go back:"),
                self.tr(
                    "switch it off again, then reinstall the Updates versions of the "
                    "packages you installed from it."
                ),
            )
            + f"<p>{password}</p>",
            self,
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setMinimumWidth(460)
        top.addWidget(text, 1)
        layout.addLayout(top)
        self.understood = QCheckBox(self.tr("I understand the risks"), self)
        layout.addWidget(self.understood)
        self.buttons = QDialogButtonBox(self)
        self.switch_on = self.buttons.addButton(
            self.tr("Switch on"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.switch_on.setEnabled(False)
        self.understood.toggled.connect(self.switch_on.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # The safe choice has the focus: Enter never switches testing on by accident.
        self.understood.setFocus()
