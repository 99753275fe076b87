# SPDX-License-Identifier: GPL-2.0-or-later
"""The main window's presenter: the task runner and the presenters of each pane (ui layer).

It owns the one ``TaskRunner`` of the window and hands it to the pane presenters; the
window only connects their signals and calls their slots.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from xosupdate.errors import HelperError, SyncCancelledError
from xosupdate.ui.backend import Backend
from xosupdate.ui.presenters.audit import AuditPresenter
from xosupdate.ui.presenters.browse import BrowsePresenter
from xosupdate.ui.presenters.mirrors import MirrorsPresenter
from xosupdate.ui.presenters.refresh import RefreshPresenter
from xosupdate.ui.presenters.signatures import SignaturesPresenter
from xosupdate.ui.presenters.transaction import TransactionPresenter
from xosupdate.ui.presenters.updates import UpdatesPresenter
from xosupdate.ui.tasks import GuiThreadCollector, Runner, TaskRunner

__all__ = ["MainPresenter"]

# Delay between a list being shown and its signature check (see __init__).
_SIGNATURES_AFTER_MS = 250


class MainPresenter(QObject):
    """Presenters of the update list, the medium browser, the audit, refreshes, mirrors,
    signature checks and the helper runs.

    Args:
        runner: the task runner (tests pass a synchronous fake); default a new
            ``TaskRunner`` owned by the presenter.

    Signals:
        error_reported(object): an error worth a dialog (a medium switch that failed, a
            refresh that could not start).
        system_changed(): the helper changed the system (an install ended, a medium was
            switched): every list has been asked to reload.
    """

    error_reported = Signal(object)
    system_changed = Signal()

    def __init__(
        self, backend: Backend, runner: Runner | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self._collector: GuiThreadCollector | None = None
        if runner is None:
            own = TaskRunner(self)
            self._collector = GuiThreadCollector(own, self)
            runner = own
        self.runner: Runner = runner
        self.updates = UpdatesPresenter(backend, self.runner, self)
        self.browse = BrowsePresenter(backend, self.runner, self)
        self.audit = AuditPresenter(backend, self.runner, self)
        self.transactions = TransactionPresenter(
            backend.root, launcher=backend.helper_launcher(), parent=self
        )
        self.refresh = RefreshPresenter(backend, self.runner, self)
        self.signatures = SignaturesPresenter(
            backend, self.runner, self.updates.updates_model, self
        )
        self.mirrors = MirrorsPresenter(backend, self.runner, self)
        # Signatures are checked once the list has been painted: the check's first run
        # loads the HTTP and rpm modules, which must not compete with filling the list.
        self.updates.updates_loaded.connect(self._on_updates_loaded)
        self._signature_timer = QTimer(self)
        self._signature_timer.setSingleShot(True)
        self._signature_timer.setInterval(_SIGNATURES_AFTER_MS)
        self._signature_timer.timeout.connect(self._on_signature_timer_timeout)
        self.refresh.finished.connect(self._on_refresh_finished)
        self.refresh.failed.connect(self._on_refresh_failed)
        self.updates.switch_confirmed.connect(self._on_updates_switch_confirmed)
        self.transactions.medium_switched.connect(self._on_transactions_medium_switched)
        self.transactions.switch_failed.connect(self._on_transactions_switch_failed)
        self.transactions.install_finished.connect(self._on_transactions_install_ended)
        self.transactions.install_failed.connect(self._on_transactions_install_ended)

    @property
    def privileged(self) -> bool:
        """Changes to the system need the administrator's password."""
        return self.backend.privileged

    @Slot()
    def start(self) -> None:
        """The first load: media and update list."""
        self.updates.reload()

    @Slot(object)
    def _on_updates_loaded(self, _plan: object) -> None:
        self.signatures.invalidate()
        self._signature_timer.start()

    @Slot()
    def _on_signature_timer_timeout(self) -> None:
        self.signatures.check(self.updates.plan)

    def refresh_media(self, names: tuple[str, ...] = ()) -> bool:
        """Refresh ``names`` (every enabled medium when empty) into the user's cache, then
        compute the lists again. False when a refresh already runs."""
        shown = names or tuple(m.name for m in self.updates.media if m.enabled and not m.static)
        return self.refresh.refresh(shown, names=names)

    @Slot(object)
    def _on_refresh_finished(self, _report: object) -> None:
        self.updates.reload()
        self.browse.reload()
        if self.audit.report is not None:
            self.audit.reload()

    @Slot(object)
    def _on_refresh_failed(self, exc: object) -> None:
        if not isinstance(exc, SyncCancelledError):
            self.error_reported.emit(exc)

    @Slot(str, bool)
    def _on_updates_switch_confirmed(self, medium: str, on: bool) -> None:
        if not self.transactions.switch_medium(medium, on):
            self.updates.switch_ended(medium)
            self.error_reported.emit(
                HelperError(
                    self.tr("Another change of the system is under way; try again after it.")
                )
            )

    @Slot(str, bool)
    def _on_transactions_medium_switched(self, medium: str, _on: bool) -> None:
        self.updates.switch_ended(medium)
        self._system_changed()

    @Slot(str, object)
    def _on_transactions_switch_failed(self, medium: str, exc: object) -> None:
        self.updates.switch_ended(medium)
        self.error_reported.emit(exc)

    @Slot(object)
    def _on_transactions_install_ended(self, _outcome: object) -> None:
        self.updates.reload()
        self._system_changed()

    def _system_changed(self) -> None:
        """Lists other than the update list follow (the update list reloads itself)."""
        self.browse.reload()
        if self.audit.report is not None:
            self.audit.reload()
        self.system_changed.emit()

    @Slot()
    def shutdown(self) -> None:
        """Stop what runs (the window is closing); waits a few seconds at most."""
        self.transactions.shutdown()
        self.runner.cancel_all()
        self.runner.wait_for_done(5000)
        if self._collector is not None:
            self._collector.stop()
