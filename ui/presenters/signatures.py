# SPDX-License-Identifier: GPL-2.0-or-later
"""Signature verdicts for the update list (ui layer).

Once a plan is shown, its candidates' rpm headers are fetched (the first kilobytes, by
range, cached by ETag) and checked against the media's keys off the GUI thread; the
signature column says "Checking…" meanwhile, then each verdict ("Trusted", "Unknown key"…)
with the signer in its tooltip and in the details pane. A new plan cancels a check still
running for the previous one. A candidate whose header could not be fetched says so.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from xosupdate.domain.plan import UpdatePlan
from xosupdate.domain.progress import CancelToken
from xosupdate.errors import SyncCancelledError
from xosupdate.ui.backend import SignaturesBackend
from xosupdate.ui.models.updates import SignatureState, UpdatesModel
from xosupdate.ui.tasks import Runner, TaskHandle

__all__ = ["SignaturesPresenter"]

log = logging.getLogger(__name__)


class SignaturesPresenter(QObject):
    """Checks the signatures of each plan shown.

    Signals:
        verdicts_loaded(object): the ``SignatureReport`` shown.
        check_failed(object): the check as a whole failed (the column says "Not checked").
    """

    verdicts_loaded = Signal(object)
    check_failed = Signal(object)

    def __init__(
        self,
        backend: SignaturesBackend,
        runner: Runner,
        model: UpdatesModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self._model = model
        self._task: TaskHandle | None = None
        self._generation = 0

    def invalidate(self) -> None:
        """A new list is shown: a check of the previous one must not land on it (its
        verdicts name no version) while the next check waits to start."""
        self._generation += 1
        if self._task is not None and not self._task.done:
            self._task.cancel()

    @Slot(object)
    def check(self, plan: object) -> None:
        """Check the candidates of ``plan`` (the plan the model now shows)."""
        if not isinstance(plan, UpdatePlan):
            return
        if self._task is not None and not self._task.done:
            self._task.cancel()
        if not plan.candidates:
            return
        self._generation += 1
        generation = self._generation
        token = CancelToken()
        backend = self._backend
        self._model.set_signature_state(SignatureState.CHECKING)
        self._task = self._runner.submit(
            lambda: backend.signatures(plan, cancel=token),
            succeeded=lambda report: self._on_checked(generation, report),
            failed=lambda exc: self._on_failed(generation, exc),
            on_cancel=token.cancel,
            name="signatures",
        )

    def _on_checked(self, generation: int, report: object) -> None:
        if generation != self._generation:
            return
        from xosupdate.services.signatures import SignatureReport  # noqa: PLC0415 - loaded

        if not isinstance(report, SignatureReport):
            return
        problems = {(p.name, p.arch, p.medium): p.message for p in report.problems if p.name}
        self._model.set_verdicts(report.verdicts, problems=problems)
        self.verdicts_loaded.emit(report)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation or isinstance(exc, SyncCancelledError):
            return
        log.info("signature check failed: %s", exc)
        self._model.set_signature_state(SignatureState.UNAVAILABLE)
        self.check_failed.emit(exc)
