# SPDX-License-Identifier: GPL-2.0-or-later
"""The install dialog: confirm, follow, summarise (ui layer).

Four pages on one dialog, driven by ``TransactionPresenter``'s signals:

1. *Checking*: the helper's ``simulate`` runs (on ``/`` the password is asked here, once,
   before anything is downloaded).
2. *Confirm*: every package that will be installed, dependencies included, with its
   medium; a notice when any comes from a testing medium.
3. *Progress*: the phases (resolve, download, verify, prepare, install) each with its
   state in words, the current item with a bar, an expandable log. Cancel is enabled only
   while the helper says it is safe (downloads), and the dialog says so.
4. *Summary*: what was installed, or the error as a sentence with a hint and copyable
   details.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Final

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xosupdate.domain.plan import group_restarts
from xosupdate.helper.protocol import Phase, PlannedPackage, ProgressEvent, ResultEvent
from xosupdate.ui.errors import ErrorText, describe_error
from xosupdate.ui.icons import icon
from xosupdate.ui.presenters.transaction import TransactionPresenter
from xosupdate.ui.wording import format_size, restart_text

__all__ = ["InstallDialog"]

# The phases shown, in order (refresh and configure belong to other verbs; removals of
# replaced packages are part of installing).
_PHASES: Final = (Phase.RESOLVE, Phase.DOWNLOAD, Phase.VERIFY, Phase.PREPARE, Phase.INSTALL)
_CHECKING, _CONFIRM, _PROGRESS, _SUMMARY = range(4)


class InstallDialog(QDialog):
    """Confirmation, progress and summary of one install.

    Args:
        sizes: download size per package name, from the update list (the helper's
            simulate names packages, not sizes).
        testing_media: names of testing media, to flag packages coming from them.
        restarts: what each package name asks to restart once installed (its
            ``should-restart`` value), from the update list: said before and after.

    Signals:
        finished_install(bool): the install ended (True: packages were installed); the
            window recomputes its lists.
    """

    finished_install = Signal(bool)

    def __init__(
        self,
        presenter: TransactionPresenter,
        *,
        sizes: Mapping[str, int] | None = None,
        testing_media: Sequence[str] = (),
        restarts: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("install_dialog")
        self.setWindowTitle(self.tr("Install updates"))
        self.presenter = presenter
        self._sizes = dict(sizes or {})
        self._testing = set(testing_media)
        self._restarts = dict(restarts or {})
        self._downloaded: set[str] = set()
        self._current_phase: Phase | None = None
        self._ok = False
        self.error: ErrorText | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._checking_page())
        self.pages.addWidget(self._confirm_page())
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._summary_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(640, 460)
        presenter.confirmation_needed.connect(self._on_confirmation_needed)
        presenter.nothing_to_install.connect(self._on_nothing_to_install)
        presenter.progress_changed.connect(self._on_progress_changed)
        presenter.log_received.connect(self._on_log_received)
        presenter.install_finished.connect(self._on_install_finished)
        presenter.install_failed.connect(self._on_install_failed)

    # ------------------------------------------------------------ pages

    def _checking_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        heading = self.tr("Checking what will be installed")
        title = QLabel(f"<h3>{html.escape(heading)}</h3>", page)
        layout.addWidget(title)
        text = QLabel(
            self.tr(
                "The package manager works out which packages the selected updates need. "
                "Nothing is downloaded or changed yet. If you are asked for the "
                "administrator password, it is for this and the installation."
            ),
            page,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        bar = QProgressBar(page)
        bar.setRange(0, 0)
        bar.setAccessibleName(self.tr("Checking"))
        layout.addWidget(bar)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.checking_cancel = QPushButton(self.tr("Cancel"), page)
        self.checking_cancel.clicked.connect(self._on_checking_cancel_clicked)
        row.addWidget(self.checking_cancel)
        layout.addLayout(row)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.confirm_title = QLabel(page)
        self.confirm_title.setWordWrap(True)
        layout.addWidget(self.confirm_title)
        self.planned_list = QTreeWidget(page)
        self.planned_list.setObjectName("planned_list")
        self.planned_list.setRootIsDecorated(False)
        self.planned_list.setUniformRowHeights(True)
        self.planned_list.setHeaderLabels(
            [self.tr("Package"), self.tr("Medium"), self.tr("Download")]
        )
        self.planned_list.setAccessibleName(self.tr("Packages that will be installed"))
        header = self.planned_list.header()
        # A few dozen rows at most: measuring them is cheap.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.planned_list, 1)
        self.testing_notice = QLabel(page)
        self.testing_notice.setWordWrap(True)
        self.testing_notice.hide()
        layout.addWidget(self.testing_notice)
        self.restart_notice = QLabel(page)
        self.restart_notice.setObjectName("restart_notice")
        self.restart_notice.setWordWrap(True)
        self.restart_notice.hide()
        layout.addWidget(self.restart_notice)
        row = QHBoxLayout()
        row.addStretch(1)
        self.install_button = QPushButton(self.tr("Install"), page)
        self.install_button.setObjectName("confirm_install")
        self.install_button.setDefault(True)
        self.install_button.clicked.connect(self._on_install_clicked)
        self.decline_button = QPushButton(self.tr("Cancel"), page)
        self.decline_button.clicked.connect(self._on_decline_clicked)
        row.addWidget(self.install_button)
        row.addWidget(self.decline_button)
        layout.addLayout(row)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        heading = self.tr("Installing updates")
        self.progress_title = QLabel(f"<h3>{html.escape(heading)}</h3>", page)
        layout.addWidget(self.progress_title)
        steps = QGridLayout()
        self._phase_icons: dict[Phase, QLabel] = {}
        self._phase_states: dict[Phase, QLabel] = {}
        names = {
            Phase.RESOLVE: self.tr("Choosing packages"),
            Phase.DOWNLOAD: self.tr("Downloading"),
            Phase.VERIFY: self.tr("Checking signatures"),
            Phase.PREPARE: self.tr("Preparing"),
            Phase.INSTALL: self.tr("Installing"),
        }
        for row, phase in enumerate(_PHASES):
            mark = QLabel(page)
            mark.setFixedSize(18, 18)
            name = QLabel(names[phase], page)
            state = QLabel(self.tr("waiting"), page)
            steps.addWidget(mark, row, 0)
            steps.addWidget(name, row, 1)
            steps.addWidget(state, row, 2)
            self._phase_icons[phase] = mark
            self._phase_states[phase] = state
        steps.setColumnStretch(2, 1)
        layout.addLayout(steps)
        self.item_label = QLabel(page)
        self.item_label.setObjectName("item_label")
        self.item_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.item_label)
        self.item_bar = QProgressBar(page)
        self.item_bar.setAccessibleName(self.tr("Progress of the current step"))
        layout.addWidget(self.item_bar)
        self.cancel_note = QLabel(page)
        self.cancel_note.setWordWrap(True)
        layout.addWidget(self.cancel_note)
        self.log_toggle = QPushButton(self.tr("Show log"), page)
        self.log_toggle.setCheckable(True)
        self.log_view = QPlainTextEdit(page)
        self.log_view.setObjectName("install_log")
        self.log_view.setReadOnly(True)
        self.log_view.setAccessibleName(self.tr("Installation log"))
        self.log_view.hide()
        self.log_toggle.toggled.connect(self._on_log_toggled)
        layout.addWidget(self.log_view, 1)
        layout.addStretch(0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_toggle)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), page)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.summary_icon = QLabel(page)
        self.summary_icon.setFixedSize(48, 48)
        top.addWidget(self.summary_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.summary_text = QLabel(page)
        self.summary_text.setObjectName("summary_text")
        self.summary_text.setWordWrap(True)
        self.summary_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary_text, 1)
        layout.addLayout(top)
        self.summary_list = QPlainTextEdit(page)
        self.summary_list.setObjectName("summary_list")
        self.summary_list.setReadOnly(True)
        self.summary_list.setAccessibleName(self.tr("Installed packages, or technical details"))
        layout.addWidget(self.summary_list, 1)
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy details"), page)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.copy_button.hide()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"), page)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        return page

    # ------------------------------------------------------------ presenter signals

    @Slot(object)
    def _on_confirmation_needed(self, planned: object) -> None:
        packages = (
            [p for p in planned if isinstance(p, PlannedPackage)]
            if isinstance(planned, tuple)
            else []
        )
        total = 0
        self.planned_list.clear()
        from_testing = []
        for p in packages:
            name = p.fullname.rsplit("-", 2)[0]
            size = self._sizes.get(name)
            total += size or 0
            item = QTreeWidgetItem([p.fullname, p.medium or "", format_size(size)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if p.medium in self._testing:
                item.setIcon(1, icon("medium-testing"))
                from_testing.append(p.fullname)
            self.planned_list.addTopLevelItem(item)
        self.confirm_title.setText(
            "<h3>{}</h3><p>{}</p>".format(
                html.escape(self.tr("%n package(s) will be installed", "", len(packages))),
                html.escape(
                    self.tr("Dependencies the updates need are included. Download: {0}.").format(
                        format_size(total)
                    )
                ),
            )
        )
        if from_testing:
            self.testing_notice.setText(
                self.tr(
                    "<b>From a testing medium:</b> %n package(s). They are not supported and "
                    "may break your system.",
                    "",
                    len(from_testing),
                )
            )
            self.testing_notice.show()
        else:
            self.testing_notice.hide()
        restart = self._restart_text([p.fullname for p in packages], done=False)
        self.restart_notice.setText(restart)
        self.restart_notice.setVisible(bool(restart))
        self.pages.setCurrentIndex(_CONFIRM)
        self.install_button.setFocus()

    @Slot()
    def _on_nothing_to_install(self) -> None:
        self._show_summary(
            "status-ok",
            self.tr("Nothing to install: the selected packages are already up to date."),
            "",
        )

    @Slot(object)
    def _on_progress_changed(self, event: object) -> None:
        if not isinstance(event, ProgressEvent):
            return
        if self.pages.currentIndex() != _PROGRESS:
            self.pages.setCurrentIndex(_PROGRESS)
        phase = Phase.INSTALL if event.phase is Phase.REMOVE else event.phase
        if phase in _PHASES and phase is not self._current_phase:
            self._enter_phase(phase)
        if event.phase is Phase.DOWNLOAD:
            self._downloaded.add(event.item)
            self.item_label.setText(
                #: {0}: which file (1, 2…), {1}: its name, {2} and {3}: sizes.
                self.tr("File {0}: {1} \u2014 {2} of {3}").format(
                    len(self._downloaded),
                    event.item,
                    format_size(event.done),
                    format_size(event.total),
                )
            )
        elif event.item:
            self.item_label.setText(
                #: A package being installed, and how many of how many.
                self.tr("{0} ({1} of {2})").format(event.item, event.done, event.total)
            )
        if event.total > 0:
            # Byte counts pass 2 GiB: the bar shows per mille.
            self.item_bar.setRange(0, 1000)
            self.item_bar.setValue(int(1000 * min(event.done, event.total) / event.total))
        else:
            self.item_bar.setRange(0, 0)
        self.cancel_button.setEnabled(event.cancellable)
        self.cancel_note.setText(
            self.tr("You can cancel while packages are downloading; nothing is changed then.")
            if event.cancellable
            else self.tr(
                "The system is being changed: this step cannot be cancelled safely and "
                "finishes on its own."
            )
        )
        self._on_log_received(
            f"{event.phase.value}: {event.item} {event.done}/{event.total}".rstrip()
        )

    def _enter_phase(self, phase: Phase) -> None:
        index = _PHASES.index(phase)
        for i, p in enumerate(_PHASES):
            if i < index:
                self._phase_icons[p].setPixmap(icon("status-ok").pixmap(16, 16))
                self._phase_states[p].setText(self.tr("done"))
            elif i == index:
                self._phase_icons[p].setPixmap(icon("verdict-pending").pixmap(16, 16))
                self._phase_states[p].setText(self.tr("in progress"))
        self._current_phase = phase

    @Slot(str)
    def _on_log_received(self, text: str) -> None:
        self.log_view.appendPlainText(text)

    @Slot(object)
    def _on_install_finished(self, result: object) -> None:
        packages = result.packages if isinstance(result, ResultEvent) else ()
        for p in _PHASES:
            self._phase_icons[p].setPixmap(icon("status-ok").pixmap(16, 16))
            self._phase_states[p].setText(self.tr("done"))
        self._ok = bool(packages)
        done = self.tr("%n package(s) were installed.", "", len(packages))
        restart = self._restart_text([p.fullname for p in packages], done=True)
        self._show_summary(
            "status-ok",
            f"{done}\n{restart}" if restart else done,
            "\n".join(f"{p.fullname}  ({p.medium})" if p.medium else p.fullname for p in packages),
        )
        self.finished_install.emit(self._ok)

    @Slot(object)
    def _on_install_failed(self, exc: object) -> None:
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        text = describe_error(error)
        self.error = text
        self._show_summary(
            "verdict-bad",
            "<b>{}</b><br>{}{}".format(
                html.escape(text.title),
                html.escape(text.text),
                f"<br>{html.escape(text.hint)}" if text.hint else "",
            ),
            text.details,
            rich=True,
        )
        self.copy_button.show()
        self.finished_install.emit(False)

    def _restart_text(self, fullnames: Sequence[str], *, done: bool) -> str:
        """What installing ``fullnames`` asks to restart, most disruptive first (empty when
        nothing): predicted from the packages' ``should-restart`` provides, where urpmi
        says it only once they are installed; ``done``: they are."""
        names = (fullname.rsplit("-", 2)[0] for fullname in fullnames)
        needs = group_restarts((n, self._restarts[n]) for n in names if n in self._restarts)
        lines = []
        for what, who in needs.items():
            if done:
                #: {0}: "the computer", "your session" or "the sshd service"; {1}: packages.
                text = self.tr("Restart {0} to finish (asked for by {1}).")
            else:
                #: {0}: "the computer", "your session" or "the sshd service"; {1}: packages.
                text = self.tr("Afterwards, restart {0} (asked for by {1}).")
            lines.append(text.format(restart_text(what), ", ".join(who)))
        return "\n".join(lines)

    def _show_summary(self, icon_name: str, text: str, body: str, *, rich: bool = False) -> None:
        self.summary_icon.setPixmap(icon(icon_name).pixmap(48, 48))
        self.summary_text.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.summary_text.setText(text)
        self.summary_list.setPlainText(body)
        self.summary_list.setVisible(bool(body))
        self.pages.setCurrentIndex(_SUMMARY)
        self.close_button.setFocus()

    # ------------------------------------------------------------ buttons

    @Slot()
    def _on_install_clicked(self) -> None:
        self.pages.setCurrentIndex(_PROGRESS)
        self.item_label.setText(self.tr("Starting\u2026"))
        self.item_bar.setRange(0, 0)
        self.presenter.confirm_install()

    @Slot()
    def _on_decline_clicked(self) -> None:
        self.presenter.abort()
        self.reject()

    @Slot()
    def _on_checking_cancel_clicked(self) -> None:
        self.presenter.cancel()
        self.checking_cancel.setEnabled(False)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.presenter.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_note.setText(self.tr("Cancelling after the current file\u2026"))

    @Slot(bool)
    def _on_log_toggled(self, shown: bool) -> None:
        self.log_view.setVisible(shown)
        self.log_toggle.setText(self.tr("Hide log") if shown else self.tr("Show log"))

    @Slot()
    def _on_copy_clicked(self) -> None:
        if self.error is not None:
            QGuiApplication.clipboard().setText(
                "\n".join([self.error.title, self.error.text, "", self.error.details])
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing while the helper works would hide a running change: ask to cancel.
        if self.pages.currentIndex() in (_CHECKING, _PROGRESS) and self.presenter.busy:
            self.presenter.cancel()
            event.ignore()
            return
        if self.pages.currentIndex() == _CONFIRM:
            self.presenter.abort()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.pages.currentIndex() in (_CHECKING, _PROGRESS) and self.presenter.busy:
            self.presenter.cancel()  # Escape while working: ask the helper to stop
            return
        if self.pages.currentIndex() == _CONFIRM:
            self.presenter.abort()
        super().reject()
