# SPDX-License-Identifier: GPL-2.0-or-later
"""The notifier on the demo sandbox: the real services, the mirrors served on 127.0.0.1,
the real task runner and a real tray icon (offscreen).

Its count must be the main window's, word for word; a check never starts while another
runs; a mirror that stays away is told once, after repeated failures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import demo_copy
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken, ProgressFn
from xosupdate.services.demo import DemoSandbox, DemoServer, serve_demo
from xosupdate.services.paths import Locations, resolve_locations
from xosupdate.services.refresh import RefreshReport
from xosupdate.ui.backend import ServicesBackend
from xosupdate.ui.mainwindow import MainWindow
from xosupdate.ui.notifier import TrayIcon
from xosupdate.ui.presenters.main import MainPresenter
from xosupdate.ui.presenters.notifier import (
    FAILURES_BEFORE_TELLING,
    Notice,
    NotifierPresenter,
    Phase,
)
from xosupdate.ui.tasks import TaskRunner

pytestmark = [pytest.mark.integration, pytest.mark.slow]

WAIT = 30_000


class CountingBackend(ServicesBackend):
    """The real services, counting refreshes and holding each one until ``release``."""

    def __init__(self, locations: Locations) -> None:
        super().__init__(locations)
        self.refreshes = 0
        self.running = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def refresh(
        self,
        names: Sequence[str] = (),
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> RefreshReport:
        self.refreshes += 1
        self.running.set()
        self.release.wait(WAIT / 1000)
        return super().refresh(names, progress=progress, cancel=cancel)


@pytest.fixture
def served(built_demo: DemoSandbox, tmp_path: Path) -> Iterator[tuple[DemoServer, Locations]]:
    sandbox = demo_copy(built_demo, tmp_path / "demo")
    with serve_demo(sandbox, slow_delay=0.01) as server:
        yield server, resolve_locations(sandbox.root, cache_dir=tmp_path / "cache")


def notifier(
    qtbot: QtBot, backend: ServicesBackend, locations: Locations
) -> tuple[NotifierPresenter, TrayIcon, list[Notice]]:
    runner = TaskRunner()
    presenter = NotifierPresenter(backend, runner, locations.settings, watch=locations.system_paths)
    tray = TrayIcon(presenter, lambda: None)
    notices: list[Notice] = []
    presenter.notice.connect(notices.append)
    return presenter, tray, notices


def check(qtbot: QtBot, presenter: NotifierPresenter) -> None:
    with qtbot.waitSignal(
        presenter.state_changed,
        timeout=WAIT,
        check_params_cb=lambda state: state.phase is Phase.IDLE,
    ):
        assert presenter.check_now()


def test_count_matches_the_update_list(qtbot: QtBot, served: tuple[DemoServer, Locations]) -> None:
    _server, locations = served
    presenter, tray, notices = notifier(qtbot, ServicesBackend(locations), locations)
    check(qtbot, presenter)

    main = MainPresenter(ServicesBackend(locations))
    window = MainWindow(main)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.shown_updates, timeout=WAIT):
        main.start()
    shown = main.updates.plan
    assert shown is not None
    assert shown.upgrades
    state = presenter.state
    assert state.counts == shown.counts()
    assert state.counts.security >= 1
    # Word for word: the tooltip's first line, the notification and the window's summary.
    summary = window.summary_label.text()
    assert summary.startswith(f"{state.counts.total} updates available")
    assert tray.tooltip.splitlines()[0] == summary
    assert [(n.title, n.text) for n in notices] == [("Security updates available", summary)]
    assert tray.tray.isVisible()
    # The list's upgrades, by name, are the ones counted.
    listed = {c.name for c in main.updates.updates_model.candidates() if c in shown.upgrades}
    assert len(listed) == state.counts.total
    main.shutdown()
    presenter.shutdown()


def test_no_check_while_another_runs(qtbot: QtBot, served: tuple[DemoServer, Locations]) -> None:
    _server, locations = served
    backend = CountingBackend(locations)
    backend.release.clear()
    presenter, tray, _ = notifier(qtbot, backend, locations)
    with qtbot.waitSignal(
        presenter.state_changed,
        timeout=WAIT,
        check_params_cb=lambda state: state.phase is Phase.IDLE,
    ):
        assert presenter.check_now()
        assert backend.running.wait(WAIT / 1000)
        assert presenter.checking
        assert not presenter.check_now()
        tray.action_check.trigger()  # disabled: nothing happens
        presenter._timer.timeout.emit()  # the schedule firing meanwhile
        backend.release.set()
    assert backend.refreshes == 1
    assert presenter.state.counts is not None and presenter.state.counts.total
    presenter.shutdown()


@pytest.mark.expected_warnings
def test_failure_told_after_repeated_failures(
    qtbot: QtBot, served: tuple[DemoServer, Locations]
) -> None:
    server, locations = served
    presenter, tray, notices = notifier(qtbot, ServicesBackend(locations), locations)
    check(qtbot, presenter)
    assert [n.title for n in notices] == ["Security updates available"]
    counted = presenter.state.counts

    server.stop()  # every mirror gone: the notifier keeps the cached count
    for attempt in range(1, FAILURES_BEFORE_TELLING + 1):
        check(qtbot, presenter)
        assert presenter.state.failures == attempt
        assert (len(notices) == 2) is (attempt == FAILURES_BEFORE_TELLING)
    assert notices[-1].title == "Could not check for updates"
    assert "127.0.0.1" in notices[-1].text or "no mirror answered" in notices[-1].text
    assert presenter.state.counts == counted
    assert tray.tooltip.startswith("Could not check for updates")
    assert tray.tray.isVisible()
    presenter.shutdown()


def test_notifier_command_help() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "xosupdate.ui.notifier", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert "--check-now" in res.stdout and "--demo" in res.stdout
