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

import gc
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Final, Protocol

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from xosupdate.errors import SyncCancelledError, XosUpdateError

__all__ = [
    "Failure",
    "IdleCollector",
    "Progress",
    "Runner",
    "Success",
    "Task",
    "TaskHandle",
    "TaskRunner",
    "TaskSignals",
]

log = logging.getLogger(__name__)

# Nice value of the pool threads (the GUI thread keeps the process's own).
_BACKGROUND_NICE: Final = 10
# Generation-1 collections between full ones: never, in practice (see IdleCollector).
_NO_AUTOMATIC_FULL_COLLECTION: Final = 1_000_000

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
        _lower_priority()
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


def _lower_priority() -> None:
    """Give this pool thread (and the threads it starts, which inherit it) a higher nice
    value than the GUI thread.

    WORKAROUND: CPython's GIL is taken by whichever waiting thread the kernel wakes first;
    with a dozen busy workers (parallel refresh, header fetches) the GUI thread could wait
    several switch intervals in a row. At a lower priority the kernel wakes the GUI thread
    first, so it gets the GIL within one interval. Linux only; a no-op elsewhere or when
    it is already done.
    """
    if _BACKGROUND_NICE <= 0 or not hasattr(os, "setpriority"):
        return
    tid = threading.get_native_id()
    try:
        current = os.getpriority(os.PRIO_PROCESS, tid)
        if current < _BACKGROUND_NICE:
            os.setpriority(os.PRIO_PROCESS, tid, _BACKGROUND_NICE)
    except OSError as exc:
        log.debug("cannot lower the priority of thread %d: %s", tid, exc)


class TaskRunner(QObject):
    """Runs tasks on a private thread pool and delivers their outcome on the GUI thread.

    Args:
        max_threads: pool size (the machine's ideal thread count when None).

    Signals:
        idle(): the last running task has ended.
    """

    idle = Signal()

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
            if self._end(task):
                succeeded(result)

        def on_failed(exc: object) -> None:
            if self._end(task):
                failed(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))

        task.signals.succeeded.connect(on_succeeded)
        task.signals.failed.connect(on_failed)
        self._tasks.add(task)
        self._pool.start(task)
        return task

    def _end(self, task: Task) -> bool:
        """Account for a task's terminal signal; False when the runner is gone.

        A window waits for its pool when it closes, but what the last tasks emitted is
        still queued for the GUI thread, and arrives after the runner (and the presenters
        behind the callbacks) have been deleted: nobody is left to tell.
        """
        task.mark_done()
        if not shiboken6.isValid(self):
            return False
        self._tasks.discard(task)
        if not self._tasks:
            self.idle.emit()
        return True

    def cancel_all(self) -> None:
        """Cancel every running task and drop the queued ones."""
        for task in list(self._tasks):
            task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (shutdown and tests only); False on timeout."""
        return self._pool.waitForDone(msecs)


class IdleCollector(QObject):
    """Full garbage collections at quiet moments instead of in the middle of work.

    WORKAROUND: a full (generation 2) collection holds the GIL for as long as it walks
    every tracked object: 50 to 150 ms once a refresh and a signature check have filled the
    heap. Triggered by an allocation in a worker thread, it stalls the GUI thread just as
    long. While installed, automatic full collections are off (generations 0 and 1 still
    run, they are cheap) and one runs on the GUI thread a moment after the runner has gone
    idle; ``stop()`` restores the interpreter's thresholds.
    """

    def __init__(
        self, runner: TaskRunner, parent: QObject | None = None, *, delay_ms: int = 2000
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._saved = gc.get_threshold()
        gen0, gen1, _gen2 = self._saved
        gc.set_threshold(gen0, gen1, _NO_AUTOMATIC_FULL_COLLECTION)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        runner.idle.connect(self._timer.start)
        self._active = True

    def _on_timer_timeout(self) -> None:
        if not self._active or self._runner.active:
            return
        started = time.perf_counter()
        found = gc.collect()
        log.debug(
            "full collection while idle: %d objects in %.0f ms",
            found,
            (time.perf_counter() - started) * 1000,
        )

    def stop(self) -> None:
        """Give the interpreter its own thresholds back."""
        if self._active:
            self._active = False
            self._timer.stop()
            gc.set_threshold(*self._saved)
