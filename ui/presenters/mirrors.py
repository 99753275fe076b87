# SPDX-License-Identifier: GPL-2.0-or-later
"""The mirror dialog's presenter: the ranking and re-probing it (ui layer)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from xosupdate.domain.progress import CancelToken
from xosupdate.errors import SyncCancelledError
from xosupdate.ui.backend import MirrorsBackend
from xosupdate.ui.models.mirrors import MirrorsModel
from xosupdate.ui.tasks import Runner, TaskHandle

__all__ = ["MirrorsPresenter"]


class MirrorsPresenter(QObject):
    """Loads the ranking (remembered, else fetched and probed) or probes again.

    Signals:
        ranking_loaded(object): the ``MirrorRanking`` shown.
        load_failed(object): the error (no product.id, the list cannot be fetched…).
        busy_changed(bool, str): work started (True, what) or ended.
    """

    ranking_loaded = Signal(object)
    load_failed = Signal(object)
    busy_changed = Signal(bool, str)

    def __init__(
        self, backend: MirrorsBackend, runner: Runner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self.model = MirrorsModel(self)
        self._task: TaskHandle | None = None

    @property
    def busy(self) -> bool:
        """A load or probe is under way."""
        return self._task is not None and not self._task.done

    @Slot()
    def load(self) -> None:
        """The remembered ranking (fetched and probed when there is none)."""
        self._start(probe=False)

    @Slot()
    def reprobe(self) -> None:
        """Measure every mirror now."""
        self._start(probe=True)

    @Slot()
    def cancel(self) -> None:
        """Stop probing."""
        if self._task is not None and not self._task.done:
            self._task.cancel()

    def _start(self, *, probe: bool) -> None:
        if self.busy:
            return
        token = CancelToken()
        backend = self._backend
        self.busy_changed.emit(
            True,
            QCoreApplication.translate("MirrorsPresenter", "Measuring the mirrors\u2026")
            if probe
            else QCoreApplication.translate("MirrorsPresenter", "Reading the mirrors\u2026"),
        )
        self._task = self._runner.submit(
            lambda: backend.mirrors(probe=probe, cancel=token),
            succeeded=self._on_task_succeeded,
            failed=self._on_task_failed,
            on_cancel=token.cancel,
            name="mirrors",
        )

    def _on_task_succeeded(self, ranking: object) -> None:
        from xosupdate.services.mirrors import MirrorRanking  # noqa: PLC0415 - loaded by now

        self.busy_changed.emit(False, "")
        if isinstance(ranking, MirrorRanking):
            self.model.set_ranking(ranking)
            self.ranking_loaded.emit(ranking)

    def _on_task_failed(self, exc: BaseException) -> None:
        self.busy_changed.emit(False, "")
        if not isinstance(exc, SyncCancelledError):
            self.load_failed.emit(exc)
