# SPDX-License-Identifier: GPL-2.0-or-later
"""Changing the system through the privileged helper: installs and media switches (ui
layer).

An install goes in two helper runs, as the issue and rpmdrake have it: ``simulate`` first
(what urpmi would install, dependencies included, before anything is downloaded; on ``/``
this is where the password is asked, up front), then, once the user has confirmed that
list, ``install``, which asks no second password: the polkit policy makes a kept
``simulate`` authorisation imply ``install``. Switching a medium on or off is one
``media-enable``/``media-disable`` run; enabling also fetches the medium's package list
and binds its signing key, as ``urpmi.update`` does (without a key nothing from it could
be installed), under the same authorization.

One helper run at a time (the helper holds a lock anyway); a request made while one runs
is refused with ``busy`` rather than queued behind a password prompt.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from xosupdate.errors import XosUpdateError
from xosupdate.helper.protocol import PlannedPackage, Request, ResultEvent
from xosupdate.services.transaction import HelperLauncher, install_request, medium_request
from xosupdate.ui.helperprocess import HelperProcess

__all__ = ["Stage", "TransactionPresenter"]

log = logging.getLogger(__name__)


class Stage(enum.Enum):
    """Where the presenter is."""

    IDLE = "idle"
    SIMULATING = "simulating"
    CONFIRMING = "confirming"  # waiting for the user to confirm the simulated list
    INSTALLING = "installing"
    SWITCHING = "switching"


class TransactionPresenter(QObject):
    """Runs helper requests one at a time and reports on them.

    Signals:
        stage_changed(object): the new ``Stage``.
        busy_changed(bool, str): a helper run started (True, what it does) or ended.
        confirmation_needed(object): the packages ``simulate`` says would be installed
            (``tuple[PlannedPackage, ...]``); answer with ``confirm_install`` or
            ``abort``.
        nothing_to_install(): ``simulate`` found nothing to do (no password asked for the
            install).
        progress_changed(object): a ``ProgressEvent`` of the running helper.
        log_received(str): a log line of the running helper.
        install_finished(object): the install's ``ResultEvent`` (its packages).
        install_failed(object): the error the simulate or the install ended with.
        medium_switched(str, bool): a medium is now on (True) or off.
        switch_failed(str, object): switching ``medium`` failed with this error.
    """

    stage_changed = Signal(object)
    busy_changed = Signal(bool, str)
    confirmation_needed = Signal(object)
    nothing_to_install = Signal()
    progress_changed = Signal(object)
    log_received = Signal(str)
    install_finished = Signal(object)
    install_failed = Signal(object)
    medium_switched = Signal(str, bool)
    switch_failed = Signal(str, object)

    def __init__(
        self,
        root: Path,
        *,
        launcher: HelperLauncher | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._root = root
        self._launcher = launcher
        self._stage = Stage.IDLE
        self._job: HelperProcess | None = None
        self._packages: tuple[str, ...] = ()
        self._media: tuple[str, ...] = ()
        self._planned: tuple[PlannedPackage, ...] = ()
        self._switch: tuple[str, bool] = ("", False)

    # ------------------------------------------------------------ state

    @property
    def stage(self) -> Stage:
        """Where the presenter is."""
        return self._stage

    @property
    def busy(self) -> bool:
        """A helper run is going on, or a confirmation is awaited."""
        return self._stage is not Stage.IDLE

    @property
    def planned(self) -> tuple[PlannedPackage, ...]:
        """What the last simulate said would be installed."""
        return self._planned

    def _set_stage(self, stage: Stage, what: str = "") -> None:
        self._stage = stage
        self.stage_changed.emit(stage)
        running = stage in (Stage.SIMULATING, Stage.INSTALLING, Stage.SWITCHING)
        self.busy_changed.emit(running, what if running else "")

    def _run(self, request: Request) -> HelperProcess:
        job = HelperProcess(request, root=self._root, launcher=self._launcher, parent=self)
        job.progress_changed.connect(self.progress_changed)
        job.log_received.connect(self.log_received)
        self._job = job
        return job

    def _finish_job(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
            self._job = None

    # ------------------------------------------------------------ install

    def install(self, packages: Sequence[str], *, media: Sequence[str] = ()) -> bool:
        """Ask the helper what installing ``packages`` (from ``media`` only, when given)
        would do; ``confirmation_needed`` follows. False when busy."""
        if self.busy:
            return False
        try:
            request = install_request(packages, media=media, simulate=True)
        except XosUpdateError as exc:
            self.install_failed.emit(exc)
            return True
        self._packages = request.packages
        self._media = request.media
        self._planned = ()
        self._set_stage(
            Stage.SIMULATING,
            QCoreApplication.translate(
                "TransactionPresenter", "Checking what will be installed\u2026"
            ),
        )
        job = self._run(request)
        job.succeeded.connect(self._on_simulate_succeeded)
        job.failed.connect(self._on_install_failed)
        job.start()
        return True

    @Slot(object)
    def _on_simulate_succeeded(self, result: object) -> None:
        self._finish_job()
        assert isinstance(result, ResultEvent)
        self._planned = result.packages
        if not result.packages:
            self._set_stage(Stage.IDLE)
            self.nothing_to_install.emit()
            return
        self._set_stage(Stage.CONFIRMING)
        self.confirmation_needed.emit(result.packages)

    @Slot()
    def confirm_install(self) -> None:
        """The user confirmed the simulated list: install it."""
        if self._stage is not Stage.CONFIRMING:
            return
        request = install_request(self._packages, media=self._media)
        self._set_stage(
            Stage.INSTALLING, self.tr("Installing %n package(s)\u2026", "", len(self._planned))
        )
        job = self._run(request)
        job.succeeded.connect(self._on_install_succeeded)
        job.failed.connect(self._on_install_failed)
        job.start()

    @Slot()
    def abort(self) -> None:
        """The user declined the simulated list: nothing is installed."""
        if self._stage is Stage.CONFIRMING:
            self._set_stage(Stage.IDLE)

    @Slot(object)
    def _on_install_succeeded(self, result: object) -> None:
        self._finish_job()
        self._set_stage(Stage.IDLE)
        log.info("install finished: %s", result)
        self.install_finished.emit(result)

    @Slot(object)
    def _on_install_failed(self, exc: object) -> None:
        self._finish_job()
        self._set_stage(Stage.IDLE)
        self.install_failed.emit(exc)

    @Slot()
    def cancel(self) -> None:
        """Ask the running helper to stop (only honoured where it is safe: downloads)."""
        if self._job is not None:
            self._job.cancel()

    def shutdown(self, msecs: int = 5000) -> None:
        """The application is quitting: ask a running helper to stop and wait for it (a
        running rpm transaction finishes first; the helper is never killed mid-way)."""
        job = self._job
        if job is None or not job.running:
            return
        job.cancel()
        job.wait_for_finished(msecs)

    # ------------------------------------------------------------ media

    def switch_medium(self, medium: str, on: bool) -> bool:
        """Switch ``medium`` on or off through the helper. False when busy."""
        if self.busy:
            return False
        try:
            request = medium_request(medium, enable=on)
        except XosUpdateError as exc:
            self.switch_failed.emit(medium, exc)
            return True
        self._switch = (medium, on)
        what = (
            QCoreApplication.translate("TransactionPresenter", "Switching {0} on\u2026").format(
                medium
            )
            if on
            else QCoreApplication.translate(
                "TransactionPresenter", "Switching {0} off\u2026"
            ).format(medium)
        )
        self._set_stage(Stage.SWITCHING, what)
        job = self._run(request)
        job.succeeded.connect(self._on_switch_succeeded)
        job.failed.connect(self._on_switch_failed)
        job.start()
        return True

    @Slot(object)
    def _on_switch_succeeded(self, _result: object) -> None:
        self._finish_job()
        self._set_stage(Stage.IDLE)
        medium, on = self._switch
        self.medium_switched.emit(medium, on)

    @Slot(object)
    def _on_switch_failed(self, exc: object) -> None:
        self._finish_job()
        self._set_stage(Stage.IDLE)
        self.switch_failed.emit(self._switch[0], exc)
