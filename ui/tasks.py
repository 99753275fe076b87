# SPDX-License-Identifier: GPL-2.0-or-later
"""Running core work off the GUI thread (ui layer).

``TaskRunner`` is the only way the GUI runs slow core code (design/STYLE.md §9). It owns a
private ``QThreadPool``; each ``Task`` is a ``QRunnable`` whose ``TaskSignals`` are created
on the GUI thread, so what a worker emits reaches its slots queued, on the GUI thread.

Callbacks are given to ``submit`` (Picard's ``run_task`` pattern) rather than connected
afterwards: a synchronous fake runner (tests) can then call them at once, and a task can
never finish before anyone listens.

The contract every runner keeps:

* exactly one terminal callback per task, ``succeeded(result)`` or ``failed(exception)``;
* after ``cancel()`` (or ``cancel_all()``) the terminal callback is
  ``failed(SyncCancelledError)``, whatever the function returned;
* ``progress(value)`` only before the terminal callback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from xosupdate.errors import SyncCancelledError, XosUpdateError

__all__ = [
    "Failure",
    "Progress",
    "Runner",
    "Success",
    "Task",
    "TaskHandle",
    "TaskRunner",
    "TaskSignals",
]

log = logging.getLogger(__name__)

Success = Callable[[object], None]
Failure = Callable[[BaseException], None]
Progress = Callable[[object], None]


class TaskHandle(Protocol):
    """What a presenter keeps of a submitted task."""

    @property
    def name(self) -> str:
        """What the task does, for logs."""
        ...

    @property
    def cancelled(self) -> bool:
        """``cancel()`` was called."""
        ...

    @property
    def done(self) -> bool:
        """The terminal callback has run."""
        ...

    def cancel(self) -> None:
        """Ask the task to stop; its outcome becomes ``failed(SyncCancelledError)``."""
        ...


class Runner(Protocol):
    """The interface of ``TaskRunner`` (and of the synchronous fake used by tests)."""

    def submit(
        self,
        fn: Callable[..., object],
        *,
        succeeded: Success,
        failed: Failure,
        progress: Progress | None = None,
        on_cancel: Callable[[], None] | None = None,
        name: str = "",
    ) -> TaskHandle:
        """Run ``fn()`` (``fn(progress=report)`` when ``progress`` is given) off the GUI
        thread; call ``on_cancel`` (e.g. a ``CancelToken``'s ``cancel``) on ``cancel()``."""
        ...

    def cancel_all(self) -> None:
        """Cancel every running or queued task."""
        ...

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every task has ended (shutdown only); False on timeout."""
        ...


class TaskSignals(QObject):
    """Signals of one task; lives on the GUI thread.

    Signals:
        progress_changed(object): a progress value the function reported.
        succeeded(object): the function's return value.
        failed(object): the exception it raised (``SyncCancelledError`` once cancelled).
    """

    progress_changed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """One call of a core function on a pool thread.

    ``run()`` catches everything: an exception becomes ``failed``; an error that is not an
    ``XosUpdateError`` is a bug and is logged with its traceback once, here.
    """

    def __init__(
        self,
        fn: Callable[..., object],
        *,
        with_progress: bool = False,
        on_cancel: Callable[[], None] | None = None,
        name: str = "",
    ) -> None:
        super().__init__()
        # Python owns the runnable: the runner keeps it until its terminal signal.
        self.setAutoDelete(False)
        self.signals = TaskSignals()
        self._fn = fn
        self._with_progress = with_progress
        self._on_cancel = on_cancel
        self._name = name or getattr(fn, "__name__", "task")
        self._cancel = threading.Event()
        self._done = False

    @property
    def name(self) -> str:
        """What the task does, for logs."""
        return self._name

    @property
    def cancelled(self) -> bool:
        """``cancel()`` was called."""
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        """The terminal signal has been delivered (set on the GUI thread)."""
        return self._done

    def mark_done(self) -> None:
        """Called by the runner on the GUI thread when the terminal signal arrives."""
        self._done = True

    def cancel(self) -> None:
        """Ask the function to stop; the outcome will be ``failed(SyncCancelledError)``."""
        if self._cancel.is_set():
            return
        self._cancel.set()
        if self._on_cancel is not None:
            self._on_cancel()

    def _report(self, value: object) -> None:
        # Called on the pool thread; the signal is queued to the GUI thread.
        if not self._cancel.is_set():
            self.signals.progress_changed.emit(value)

    def run(self) -> None:
        """Call the function on the pool thread and emit exactly one terminal signal."""
        if self._cancel.is_set():
            self.signals.failed.emit(SyncCancelledError())
            return
        try:
            result = self._fn(progress=self._report) if self._with_progress else self._fn()
        except XosUpdateError as exc:
            log.debug("task %s failed: %s", self._name, exc)
            self.signals.failed.emit(SyncCancelledError() if self.cancelled else exc)
            return
        except BaseException as exc:
            if self.cancelled:
                self.signals.failed.emit(SyncCancelledError())
                return
            log.exception("task %s: unexpected error", self._name, exc_info=exc)
            self.signals.failed.emit(exc)
            return
        if self.cancelled:
            self.signals.failed.emit(SyncCancelledError())
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs tasks on a private thread pool and delivers their outcome on the GUI thread.

    Args:
        max_threads: pool size (the machine's ideal thread count when None).
    """

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if max_threads is not None:
            self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()

    @property
    def active(self) -> int:
        """Tasks submitted and not yet ended."""
        return len(self._tasks)

    def submit(
        self,
        fn: Callable[..., object],
        *,
        succeeded: Success,
        failed: Failure,
        progress: Progress | None = None,
        on_cancel: Callable[[], None] | None = None,
        name: str = "",
    ) -> Task:
        """Run ``fn`` on the pool; see the module docstring for the contract."""
        task = Task(fn, with_progress=progress is not None, on_cancel=on_cancel, name=name)
        if progress is not None:
            task.signals.progress_changed.connect(progress)

        def on_succeeded(result: object) -> None:
            self._end(task)
            succeeded(result)

        def on_failed(exc: object) -> None:
            self._end(task)
            failed(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))

        task.signals.succeeded.connect(on_succeeded)
        task.signals.failed.connect(on_failed)
        self._tasks.add(task)
        self._pool.start(task)
        return task

    def _end(self, task: Task) -> None:
        task.mark_done()
        self._tasks.discard(task)

    def cancel_all(self) -> None:
        """Cancel every running task and drop the queued ones."""
        for task in list(self._tasks):
            task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (shutdown and tests only); False on timeout."""
        return self._pool.waitForDone(msecs)
