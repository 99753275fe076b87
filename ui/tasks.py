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
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from xosupdate.errors import SyncCancelledError, XosUpdateError
from xosupdate.services.collection import Pause

__all__ = [
    "Failure",
    "GuiThreadCollector",
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
        busy(): a task was submitted while none was running.
        idle(): the last running task has ended.
    """

    busy = Signal()
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
        if len(self._tasks) == 1:
            self.busy.emit()
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


class GuiThreadCollector(QObject):
    """Every garbage collection on the GUI thread: young generations on a timer, full ones
    at quiet moments.

    WORKAROUND: the interpreter collects on whichever thread allocates past a threshold,
    usually a pool thread in the middle of a task. Two things went wrong there:

    * a QObject left in a reference cycle (a closed dialog and the lambdas connected to
      it) was destroyed by that thread, off its own: seen in the tests as a socket
      notifier freed by a worker, then a segfault in the GUI thread's event dispatcher;
    * a full (generation 2) collection holds the GIL for as long as it walks every tracked
      object, 50 to 150 ms once a refresh and a signature check have filled the heap, and
      the GUI thread stalled just as long.

    While it lives, automatic collection is paused (``services.collection``: the pause the
    update computation takes too). A timer on the GUI thread runs the young generations
    when the interpreter's own thresholds say they are due, often while tasks run and
    seldom when none does; a full collection runs a moment after the runner has gone
    idle, or when one is due and the runner has been busy for ``full_after_s``.
    """

    def __init__(
        self,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        delay_ms: int = 2000,
        busy_tick_ms: int = 100,
        idle_tick_ms: int = 2000,
        full_after_s: float = 60.0,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._busy_tick_ms = busy_tick_ms
        self._idle_tick_ms = idle_tick_ms
        self._full_after_s = full_after_s
        self._last_full = time.monotonic()
        pause = self._pause = Pause()
        # Released however this object goes, even without stop(): a collection paused for
        # good would never run again.
        self.destroyed.connect(lambda: pause.release())  # noqa: PLW0108 - a strong reference
        self._tick = QTimer(self)
        self._tick.setInterval(busy_tick_ms if runner.active else idle_tick_ms)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._tick.start()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(delay_ms)
        self._idle.timeout.connect(self._on_idle_timeout)
        runner.busy.connect(self._on_runner_busy)
        runner.idle.connect(self._on_runner_idle)

    @Slot()
    def _on_runner_busy(self) -> None:
        self._tick.setInterval(self._busy_tick_ms)

    @Slot()
    def _on_runner_idle(self) -> None:
        self._tick.setInterval(self._idle_tick_ms)
        self._idle.start()

    @Slot()
    def _on_tick_timeout(self) -> None:
        threshold0, threshold1, threshold2 = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 < threshold0:
            return
        if count1 + 1 < threshold1:
            gc.collect(0)
        elif count2 + 1 < threshold2 or time.monotonic() - self._last_full < self._full_after_s:
            gc.collect(1)
        else:
            self._collect_all("overdue")

    @Slot()
    def _on_idle_timeout(self) -> None:
        if not self._runner.active:
            self._collect_all("while idle")

    def _collect_all(self, why: str) -> None:
        started = time.perf_counter()
        found = gc.collect()
        self._last_full = time.monotonic()
        log.debug(
            "full collection %s: %d objects in %.0f ms",
            why,
            found,
            (time.perf_counter() - started) * 1000,
        )

    def stop(self) -> None:
        """Stop collecting, and end this collector's pause of automatic collection."""
        self._tick.stop()
        self._idle.stop()
        self._pause.release()
