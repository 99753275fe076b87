# SPDX-License-Identifier: GPL-2.0-or-later
"""The keyboard shortcuts window (ui layer): every action's shortcut, plus the keys of
the lists, so the whole window can be driven from the keyboard."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["ShortcutsDialog"]


class ShortcutsDialog(QDialog):
    """A two-column table: key, what it does.

    Args:
        actions: the window's actions; those with a shortcut are listed.
        tabs: the labels of the window's tabs (their "&" letters are listed).
    """

    def __init__(
        self,
        actions: Sequence[QAction],
        parent: QWidget | None = None,
        *,
        tabs: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [
            (a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), a.text())
            for a in actions
            if not a.shortcut().isEmpty()
        ]
        rows += [
            (self.tr("Space"), self.tr("Tick or untick the selected packages")),
            (self.tr("Enter"), self.tr("Show the details of the package")),
            (self.tr("Left, Right"), self.tr("Fold or unfold a medium")),
        ]
        # The tabs' keys come from their labels' "&" letters, which each language chooses.
        keys = [
            QKeySequence.mnemonic(t).toString(QKeySequence.SequenceFormat.NativeText) for t in tabs
        ]
        if all(keys) and keys:
            rows.append((", ".join(keys), self.tr("Updates, Browse and Audit tabs")))
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Does")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(key))
            table.setItem(row, 1, QTableWidgetItem(text.replace("&", "")))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)
