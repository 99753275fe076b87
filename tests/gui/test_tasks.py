# SPDX-License-Identifier: GPL-2.0-or-later
"""TaskRunner on real pool threads: one terminal signal, progress first, cancel, shutdown."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from xosupdate.errors import NetworkError, SyncCancelledError
from xosupdate.services.collection import collection_paused, pauses
from xosupdate.ui.tasks import GuiThreadCollector, TaskRunner

TIMEOUT = 5_000


class Outcome:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.progress: list[object] = []

    def ok(self, value: object) -> None:
        self.results.append(value)

    def err(self, exc: BaseException) -> None:
        self.errors.append(exc)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner(max_threads=2)
    yield r
    r.cancel_all()
    r.wait_for_done(TIMEOUT)


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    out = Outcome()
    gui = threading.get_ident()
    worker: list[int] = []

    def work() -> int:
        worker.append(threading.get_ident())
        return 42

    seen_thread: list[int] = []

    def ok(value: object) -> None:
        seen_thread.append(threading.get_ident())
        out.ok(value)

    task = runner.submit(work, succeeded=ok, failed=out.err)
    qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
    assert out.results == [42] and out.errors == []
    assert worker[0] != gui
    assert seen_thread == [gui]
    assert runner.active == 0


def test_progress_then_failure(qtbot: QtBot, runner: TaskRunner) -> None:
    out = Outcome()

    def work(progress: object) -> None:
        assert callable(progress)
        progress(1)
        progress(2)
        raise NetworkError(url="http://m", reason="refused")

    task = runner.submit(work, succeeded=out.ok, failed=out.err, progress=out.progress.append)
    qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
    assert out.progress == [1, 2]
    assert isinstance(out.errors[0], NetworkError)


def test_unexpected_exception_is_reported_and_logged(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    out = Outcome()

    def work() -> None:
        raise ZeroDivisionError("bug")

    task = runner.submit(work, succeeded=out.ok, failed=out.err, name="buggy")
    qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
    assert isinstance(out.errors[0], ZeroDivisionError)
    assert "task buggy: unexpected error" in caplog.text
    caplog.clear()  # the error was expected


def test_cancel(qtbot: QtBot, runner: TaskRunner) -> None:
    out = Outcome()
    started = threading.Event()
    release = threading.Event()
    hooks: list[str] = []

    def work() -> str:
        started.set()
        release.wait(TIMEOUT / 1000)
        return "finished anyway"

    task = runner.submit(
        work, succeeded=out.ok, failed=out.err, on_cancel=lambda: hooks.append("cancel")
    )
    assert started.wait(TIMEOUT / 1000)
    runner.cancel_all()
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
    assert task.cancelled and hooks == ["cancel"]
    assert out.results == []
    assert isinstance(out.errors[0], SyncCancelledError)


def test_many_tasks_each_end_once(qtbot: QtBot, runner: TaskRunner) -> None:
    out = Outcome()
    tasks = [runner.submit(lambda i=i: i * i, succeeded=out.ok, failed=out.err) for i in range(50)]
    gc.collect()
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=TIMEOUT)
    assert sorted(int(str(r)) for r in out.results) == sorted(i * i for i in range(50))
    assert runner.wait_for_done(TIMEOUT)


def test_pool_threads_yield_to_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    out = Outcome()

    def nice() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    task = runner.submit(nice, succeeded=out.ok, failed=out.err)
    qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
    assert isinstance(out.results[0], int)
    assert out.results[0] >= 10
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < 10  # GUI untouched


def test_full_collections_wait_for_the_runner_to_go_idle(qtbot: QtBot, runner: TaskRunner) -> None:
    was_enabled = gc.isenabled()
    collector = GuiThreadCollector(runner, delay_ms=10)
    try:
        assert not gc.isenabled()
        collections = gc.get_stats()[2]["collections"]
        out = Outcome()
        with qtbot.waitSignal(runner.idle, timeout=TIMEOUT):
            runner.submit(lambda: 1, succeeded=out.ok, failed=out.err)
        qtbot.waitUntil(lambda: gc.get_stats()[2]["collections"] > collections, timeout=TIMEOUT)
    finally:
        collector.stop()
    assert gc.isenabled() == was_enabled


class _Cycle:
    """A QObject kept by a reference cycle, as a closed dialog with its connected lambdas."""

    def __init__(self, freed_on: list[int]) -> None:
        self.me = self
        self.widget = QObject()
        self._freed_on = freed_on

    def __del__(self) -> None:
        self._freed_on.append(threading.get_ident())


def _churn() -> int:
    """Allocate containers well past every collection threshold (as a parse does)."""
    kept: list[list[int]] = [[] for _ in range(100_000)]
    return len(kept)


def test_cyclic_garbage_is_collected_on_the_gui_thread_not_by_a_worker(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    gc.collect()
    freed_on: list[int] = []
    collector = GuiThreadCollector(runner, busy_tick_ms=10)
    try:
        _Cycle(freed_on)  # garbage at once, but only a collection can see it
        out = Outcome()
        task = runner.submit(_churn, succeeded=out.ok, failed=out.err)
        qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
        assert out.results == [100_000]
        qtbot.waitUntil(lambda: bool(freed_on), timeout=TIMEOUT)
    finally:
        collector.stop()
    assert freed_on == [threading.get_ident()]


def test_collectors_nest_and_the_last_one_to_stop_restores_collection(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    assert gc.isenabled()
    first = GuiThreadCollector(runner)
    second = GuiThreadCollector(runner)
    first.stop()
    assert not gc.isenabled()  # the second window still collects on its GUI thread
    first.stop()  # twice is harmless
    assert not gc.isenabled()
    second.stop()
    assert gc.isenabled()
    assert pauses() == 0


def test_a_collector_deleted_without_stop_ends_its_pause(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    GuiThreadCollector(runner, owner)
    assert pauses() == 1
    shiboken6.delete(owner)  # a window's presenter gone without shutdown()
    assert pauses() == 0
    assert gc.isenabled()


def test_a_computation_ending_under_a_collector_leaves_collection_off(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """The update computation pauses collection too, on a worker; whichever ends first,
    collection comes back only when both are done, and as it was before either."""
    started, finish = threading.Event(), threading.Event()

    def compute() -> bool:
        with collection_paused():
            started.set()
            finish.wait(TIMEOUT / 1000)
        return gc.isenabled()

    out = Outcome()
    task = runner.submit(compute, succeeded=out.ok, failed=out.err)
    assert started.wait(TIMEOUT / 1000)
    collector = GuiThreadCollector(runner)  # the window opens while it computes
    finish.set()
    qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
    assert out.results == [False]  # still off: the window's pause holds
    collector.stop()
    assert gc.isenabled()
    assert pauses() == 0


def test_a_full_collection_comes_when_due_even_if_the_runner_never_rests(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    stop = threading.Event()

    def busy() -> int:
        while not stop.is_set():
            _churn()
        return 0

    out = Outcome()
    task = runner.submit(busy, succeeded=out.ok, failed=out.err)
    collector = GuiThreadCollector(runner, busy_tick_ms=5, full_after_s=0.0)
    try:
        full = gc.get_stats()[2]["collections"]
        # A full collection is due once ~110 ticks have seen the young generations fill
        # (the interpreter's thresholds): about a second here, more on a loaded machine
        # with a large heap. A hang guard, not a speed limit.
        qtbot.waitUntil(lambda: gc.get_stats()[2]["collections"] > full, timeout=6 * TIMEOUT)
        assert runner.active  # the runner never went idle
    finally:
        stop.set()
        qtbot.waitUntil(lambda: task.done, timeout=TIMEOUT)
        collector.stop()


def test_outcomes_arriving_after_the_runner_is_gone_are_dropped(qtbot: QtBot) -> None:
    r = TaskRunner(max_threads=1)
    out = Outcome()
    r.submit(lambda: 42, succeeded=out.ok, failed=out.err)
    # The window closes: its runner waits for the pool, then goes; the task's outcome is
    # still queued for the GUI thread.
    assert r.wait_for_done(TIMEOUT)
    shiboken6.delete(r)
    QCoreApplication.processEvents()
    qtbot.wait(50)
    assert out.results == [] and out.errors == []
