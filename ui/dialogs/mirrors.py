# SPDX-License-Identifier: GPL-2.0-or-later
"""The mirror dialog: the chosen mirror, measured latencies, re-probe (ui layer)."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from xosupdate.ui.errors import describe_error
from xosupdate.ui.models.mirrors import MirrorsColumn
from xosupdate.ui.presenters.mirrors import MirrorsPresenter

__all__ = ["MirrorsDialog"]


class MirrorsDialog(QDialog):
    """Shows ``MirrorsPresenter``'s ranking; loads it when opened."""

    def __init__(self, presenter: MirrorsPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mirrors_dialog")
        self.setWindowTitle(self.tr("Mirrors"))
        self.presenter = presenter
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(self.summary.fontMetrics().height() * 3 + 8)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.view = QTreeView(self)
        self.view.setObjectName("mirrors_view")
        self.view.setAccessibleName(self.tr("Mirrors, best first"))
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setModel(presenter.model)
        header = self.view.header()
        header.setSectionResizeMode(MirrorsColumn.MIRROR, QHeaderView.ResizeMode.Stretch)
        for column in (
            MirrorsColumn.RANK,
            MirrorsColumn.LOCATION,
            MirrorsColumn.LATENCY,
            MirrorsColumn.STATUS,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.reprobe_button = QPushButton(self.tr("&Measure again"), self)
        self.reprobe_button.setToolTip(self.tr("Probe every mirror now and rank them again"))
        buttons.addButton(self.reprobe_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.reprobe_button.clicked.connect(presenter.reprobe)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        presenter.ranking_loaded.connect(self._on_ranking_loaded)
        presenter.load_failed.connect(self._on_load_failed)
        presenter.busy_changed.connect(self._on_busy_changed)
        self.resize(760, 360)

    def done(self, result: int) -> None:
        """Closed (any way): a probe still measuring the mirrors stops; its answer would
        only be for a dialog that is gone."""
        self.presenter.cancel()
        super().done(result)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.presenter.model.rowCount() == 0 and not self.presenter.busy:
            self.presenter.load()

    @Slot(bool, str)
    def _on_busy_changed(self, on: bool, what: str) -> None:
        self.reprobe_button.setEnabled(not on)
        if on:
            self.summary.setText(html.escape(what))

    @Slot(object)
    def _on_ranking_loaded(self, ranking: object) -> None:
        from xosupdate.services.mirrors import MirrorRanking  # noqa: PLC0415 - loaded by now

        if not isinstance(ranking, MirrorRanking):
            return
        when = dt.datetime.fromtimestamp(ranking.fetched).strftime("%Y-%m-%d %H:%M")
        origin = (
            self.tr("remembered from {0}").format(when)
            if ranking.from_cache
            else (self.tr("fetched {0}").format(when))
        )
        if ranking.stale:
            origin = self.tr("remembered from {0}; the list could not be fetched again").format(
                when
            )
        order = (
            self.tr("ranked by measured latency")
            if ranking.probed
            else self.tr("ranked by distance (not measured)")
        )
        chosen = ranking.chosen
        where = self.tr("{0}, {1}.", "where the mirror list comes from, how it is ranked")
        self.summary.setText(
            "<b>{}</b> {}<br>{}<br>{}".format(
                html.escape(self.tr("Chosen mirror:")),
                html.escape(chosen.url if chosen else self.tr("none")),
                html.escape(self.tr("Mirror list: {0}").format(ranking.list_url)),
                html.escape(where.format(origin, order)),
            )
        )

    @Slot(object)
    def _on_load_failed(self, exc: object) -> None:
        text = describe_error(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))
        self.summary.setText(
            f"<p><b>{html.escape(text.title)}.</b> {html.escape(text.text)}</p>"
            + (f"<p>{html.escape(text.hint)}</p>" if text.hint else "")
        )
