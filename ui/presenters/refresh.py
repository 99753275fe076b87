# SPDX-License-Identifier: GPL-2.0-or-later
"""Refreshing the media's metadata into the user's cache, with progress (ui layer).

No privileges: ``services.refresh`` fetches and verifies into the per-user cache (the
update list reads it first). The work runs in the task runner; progress reports come from
the refresh's worker threads, are thinned to a few per second and medium there (a fast
mirror reports every chunk), and reach the model on the GUI thread. Cancel is always safe:
a medium that did not finish keeps its previous metadata.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from xosupdate.domain.progress import CancelToken, Phase, Progress
from xosupdate.errors import SyncCancelledError
from xosupdate.ui.backend import RefreshBackend
from xosupdate.ui.models.refresh import RefreshModel
from xosupdate.ui.tasks import Runner, TaskHandle

__all__ = ["RefreshPresenter"]

# At most one report per medium this often (phase changes always pass).
_REPORT_EVERY: Final = 0.1


class _Throttle:
    """Drops progress reports that add nothing a person could see (worker threads)."""

    def __init__(self, report: Callable[[object], None]) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._last: dict[str, tuple[float, Phase, str]] = {}

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        with self._lock:
            last = self._last.get(p.medium)
            finished = p.bytes_total is not None and p.bytes_done >= p.bytes_total
            if (
                last is not None
                and last[1] is p.phase
                and last[2] == p.file
                and now - last[0] < _REPORT_EVERY
                and not finished
            ):
                return
            self._last[p.medium] = (now, p.phase, p.file)
        self._report(p)


class RefreshPresenter(QObject):
    """One refresh at a time.

    Signals:
        started(object): the media being refreshed (``tuple[str, ...]``; empty: every
            enabled medium).
        finished(object): the ``RefreshReport`` (failures are in it, per medium).
        failed(object): the refresh as a whole failed (urpmi.cfg unreadable, another
            refresh of this root running) or was cancelled (``SyncCancelledError``).
        busy_changed(bool, str): a refresh started (True, what) or ended.
    """

    started = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool, str)

    def __init__(
        self, backend: RefreshBackend, runner: Runner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self.model = RefreshModel(self)
        self._task: TaskHandle | None = None

    @property
    def running(self) -> bool:
        """A refresh is under way."""
        return self._task is not None and not self._task.done

    def refresh(self, media: Sequence[str], *, names: Sequence[str] = ()) -> bool:
        """Refresh ``names`` (every enabled medium when empty); ``media`` are the rows to
        show meanwhile. False when a refresh is already running."""
        if self.running:
            return False
        self.model.start(list(names) or list(media))
        token = CancelToken()
        backend = self._backend
        wanted = tuple(names)

        def work(progress: Callable[[object], None]) -> object:
            return backend.refresh(wanted, progress=_Throttle(progress), cancel=token)

        self.busy_changed.emit(
            True,
            QCoreApplication.translate("RefreshPresenter", "Refreshing the package lists\u2026"),
        )
        self.started.emit(wanted)
        self._task = self._runner.submit(
            work,
            succeeded=self._on_task_succeeded,
            failed=self._on_task_failed,
            progress=self._on_task_progress,
            on_cancel=token.cancel,
            name="refresh",
        )
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop the refresh; media that finished keep their new metadata."""
        if self._task is not None and not self._task.done:
            self._task.cancel()

    def _on_task_progress(self, value: object) -> None:
        if isinstance(value, Progress):
            self.model.update(value)

    def _on_task_succeeded(self, report: object) -> None:
        from xosupdate.services.refresh import RefreshReport  # noqa: PLC0415 - loaded by now

        self.busy_changed.emit(False, "")
        if isinstance(report, RefreshReport):
            for result in report.results:
                self.model.finish(result)
        self.finished.emit(report)

    def _on_task_failed(self, exc: BaseException) -> None:
        self.busy_changed.emit(False, "")
        if isinstance(exc, SyncCancelledError):
            self.model.cancel_running()
        self.failed.emit(exc)
