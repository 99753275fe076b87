# SPDX-License-Identifier: GPL-2.0-or-later
"""The notifier's presenter and tray icon on a fake core: schedule, counts, silence,
failures, recounts after a change of the system (the demo sandbox: test_notifier_demo)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.gui.fakes import (
    DeferredTaskRunner,
    FakeBackend,
    SyncTaskRunner,
    candidate,
    medium,
)
from xosupdate.config import Settings
from xosupdate.domain.advisory import Importance
from xosupdate.domain.plan import CandidateKind, MediumProblem, UpdateCounts, UpdatePlan
from xosupdate.errors import LockedError, NetworkError, NoMediumError
from xosupdate.services.paths import Locations
from xosupdate.services.refresh import MediumRefresh, RefreshStatus
from xosupdate.ui.notifier import TrayIcon, gui_command, tooltip_text
from xosupdate.ui.presenters.notifier import (
    FAILURES_BEFORE_TELLING,
    Notice,
    NotifierPresenter,
    NotifierState,
    Phase,
)
from xosupdate.ui.wording import update_counts_text

MEDIA = (medium("Main"), medium("Updates", update=True))
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
HOUR_MS = 3_600_000


def plan(*names: str) -> UpdatePlan:
    """Upgrades named ``name`` (normal), ``name:security`` or ``name:bugfix``; ``name@2``
    is a later version of the same package."""
    candidates = []
    for spec in names:
        spec, _, importance = spec.partition(":")
        name, _, version = spec.partition("@")
        candidates.append(
            candidate(
                name,
                new=f"1.{version or 1}-1",
                importance=Importance(importance) if importance else None,
            )
        )
    return UpdatePlan(candidates=tuple(candidates), media=("Main", "Updates"))


def backend(*names: str) -> FakeBackend:
    return FakeBackend(media=MEDIA, plans={(): plan(*names)})


def notifier(
    fake: FakeBackend,
    runner: SyncTaskRunner | DeferredTaskRunner | None = None,
    memory: QSettings | None = None,
    **kwargs: object,
) -> tuple[NotifierPresenter, list[Notice]]:
    presenter = NotifierPresenter(
        fake,
        runner or SyncTaskRunner(),
        Settings(),
        memory=memory,
        now=lambda: NOW,
        rng=random.Random(7),
        **kwargs,  # type: ignore[arg-type]
    )
    notices: list[Notice] = []
    presenter.notice.connect(notices.append)
    return presenter, notices


def test_counts_by_importance_new_installs_aside(qtbot: QtBot) -> None:
    fake = backend("openssl:security", "bash:bugfix", "vim", "kernel:security")
    pulled = candidate("libnew", old=None, kind=CandidateKind.NEW, required_by=("vim",))
    fake.plans[()] = UpdatePlan(
        candidates=(*fake.plans[()].candidates, pulled), media=("Main", "Updates")
    )
    presenter, notices = notifier(fake)

    assert presenter.check_now()

    state = presenter.state
    assert state.counts == UpdateCounts(security=2, bugfix=1, normal=1)
    assert state.visible and state.icon_name == "importance-security"
    assert state.last_success == NOW and state.failures == 0
    assert fake.calls == ["refresh()", "compute_updates()"]
    assert [n.title for n in notices] == ["Security updates available"]
    assert notices[0].urgent
    assert notices[0].text == "4 updates available: 2 security, 1 bug fix"


def test_nothing_pending_hides_the_icon_and_says_nothing(qtbot: QtBot) -> None:
    presenter, notices = notifier(backend())
    presenter.check_now()
    assert presenter.state.counts == UpdateCounts()
    assert not presenter.state.visible
    assert notices == []


def test_silent_when_nothing_new(qtbot: QtBot) -> None:
    fake = backend("vim", "bash:bugfix")
    presenter, notices = notifier(fake)
    presenter.check_now()
    presenter.check_now()
    assert len(notices) == 1 and notices[0].title == "Updates available"
    # Fewer (one was installed elsewhere): still nothing new.
    fake.plans[()] = plan("vim")
    presenter.check_now()
    assert len(notices) == 1
    # A later version of an update already announced is news.
    fake.plans[()] = plan("vim@2")
    presenter.check_now()
    assert len(notices) == 2 and notices[1].text == "1 update available"


def test_announced_updates_are_remembered_across_sessions(qtbot: QtBot, tmp_path: Path) -> None:
    memory = QSettings(str(tmp_path / "notifier.ini"), QSettings.Format.IniFormat)
    first, notices = notifier(backend("vim", "bash"), memory=memory)
    first.check_now()
    assert len(notices) == 1
    memory.sync()

    again = QSettings(str(tmp_path / "notifier.ini"), QSettings.Format.IniFormat)
    second, later = notifier(backend("vim", "bash"), memory=again)
    assert second.state.last_success == NOW  # "Last checked" survives a restart too
    second.check_now()
    assert later == []
    assert second.state.visible  # silent, but the icon still says updates are pending


def busy(presenter: NotifierPresenter) -> bool:
    """``presenter.checking``, read afresh (mypy keeps what an earlier assert narrowed)."""
    return presenter.checking


def test_no_check_while_another_runs(qtbot: QtBot) -> None:
    fake = backend("vim")
    runner = DeferredTaskRunner()
    presenter, _ = notifier(fake, runner)
    states: list[NotifierState] = []
    presenter.state_changed.connect(states.append)
    tray = TrayIcon(presenter, lambda: None)

    assert presenter.check_now()
    assert presenter.checking and presenter.state.phase is Phase.CHECKING
    assert not tray.action_check.isEnabled()
    assert not presenter.check_now()
    presenter.start()  # the schedule firing meanwhile starts nothing either
    presenter._timer.timeout.emit()
    assert len(runner.pending) == 1

    runner.run_next()
    assert not busy(presenter)
    assert states[-1].phase is Phase.IDLE
    assert tray.action_check.isEnabled()
    assert fake.calls == ["refresh()", "compute_updates()"]
    assert presenter.check_now()
    assert states[0].phase is Phase.CHECKING


def test_schedule_first_check_then_interval_with_jitter(qtbot: QtBot) -> None:
    presenter, _ = notifier(backend("vim"))
    presenter.start()
    first = presenter.next_check_in_ms
    assert first is not None and 4.9 * 60_000 < first <= 5.1 * 60_000

    presenter.check_now()
    interval = presenter.next_check_in_ms
    assert interval is not None and 2.7 * HOUR_MS <= interval <= 3.3 * HOUR_MS


@pytest.mark.expected_warnings
def test_failures_are_told_once_after_repeated_failures(qtbot: QtBot) -> None:
    fake = backend("vim")
    presenter, notices = notifier(fake)
    presenter.check_now()  # one success: the count from then stays shown
    notices.clear()
    retries = []
    for _ in range(FAILURES_BEFORE_TELLING + 1):
        fake.fail = NetworkError(url="http://mirror.example/media", reason="connection refused")
        presenter.check_now()
        retries.append(presenter.next_check_in_ms)

    state = presenter.state
    assert state.failing and state.failures == FAILURES_BEFORE_TELLING + 1
    assert [n.title for n in notices] == ["Could not check for updates"]
    assert "The last 3 checks failed" in notices[0].text
    assert state.counts == UpdateCounts(normal=1) and state.icon_name == "verdict-warning"
    tip = tooltip_text(state)
    assert tip.startswith("Could not check for updates\n")
    assert "Last checked:" in tip and "1 update available" in tip
    # Retried sooner than the interval, backing off.
    assert [round(r / 60_000) for r in retries if r is not None] == [15, 30, 60, 120]

    presenter.check_now()
    assert not presenter.state.failing and presenter.state.error == ""
    assert notices[-1].title == "Could not check for updates"  # a success is not news


@pytest.mark.expected_warnings
def test_every_medium_failing_counts_as_a_failed_check(qtbot: QtBot) -> None:
    fake = backend("vim")
    error = NetworkError(url="http://mirror.example/media", reason="connection refused")
    fake.refresh_results = {
        m.name: MediumRefresh(medium=m.name, status=RefreshStatus.FAILED, error=error)
        for m in MEDIA
    }
    presenter, notices = notifier(fake)
    for _ in range(FAILURES_BEFORE_TELLING):
        presenter.check_now()
    assert presenter.state.failing
    assert notices[-1].title == "Could not check for updates"
    assert "Main, Updates: no mirror answered" in notices[-1].text


def test_nothing_to_look_in_is_said_at_once_not_as_up_to_date(qtbot: QtBot) -> None:
    fake = backend("vim")
    fake.compute_error = NoMediumError("/etc/urpmi/urpmi.cfg", configured=("Main", "Updates"))
    presenter, notices = notifier(fake)
    presenter.check_now()
    state = presenter.state
    assert state.visible and state.icon_name == "verdict-warning"
    assert state.counts is None and state.failures == 0 and not state.failing
    assert tooltip_text(state).startswith("Every medium is switched off: ")
    assert notices == []
    # Not retried sooner like a failure: nothing changes until the media do.
    assert presenter.next_check_in_ms is not None
    assert presenter.next_check_in_ms > HOUR_MS
    # Media on, but none of them an update medium: still said, with the count.
    fake.compute_error = None
    fake.plans[()] = dataclasses.replace(plan("vim"), no_update_medium=True)
    presenter.check_now()
    tip = tooltip_text(presenter.state)
    assert tip.startswith("No update medium is switched on: security and bug-fix updates")
    assert "1 update available" in tip and presenter.state.icon_name == "verdict-warning"
    fake.plans[()] = dataclasses.replace(plan(), no_update_medium=True)
    presenter.check_now()
    assert "up to date" not in tooltip_text(presenter.state)
    assert "No updates on the media switched on." in tooltip_text(presenter.state)
    # The update medium on again: the usual state.
    fake.plans[()] = plan()
    presenter.check_now()
    assert not presenter.state.visible and presenter.state.unwatched == ""


def test_one_medium_failing_is_said_in_the_tooltip(qtbot: QtBot) -> None:
    fake = backend("vim")
    error = NetworkError(url="http://mirror.example/media", reason="connection refused")
    fake.refresh_results = {
        "Updates": MediumRefresh(medium="Updates", status=RefreshStatus.FAILED, error=error)
    }
    presenter, _ = notifier(fake)
    presenter.check_now()
    assert presenter.state.failures == 0
    assert tooltip_text(presenter.state).endswith("Could not be refreshed: Updates")


def test_a_refresh_already_running_only_skips_the_refresh(qtbot: QtBot) -> None:
    fake = backend("vim")
    fake.fail = LockedError("another xosupdate refresh of this root is running")
    presenter, notices = notifier(fake)
    presenter.check_now()
    assert presenter.state.failures == 0 and presenter.state.counts == UpdateCounts(normal=1)
    assert fake.calls == ["refresh()", "compute_updates()"] and len(notices) == 1


def test_a_change_of_the_system_recounts_without_refresh_or_notice(
    qtbot: QtBot, tmp_path: Path
) -> None:
    rpmdb = tmp_path / "var" / "lib" / "rpm"
    rpmdb.mkdir(parents=True)
    (rpmdb / "rpmdb.sqlite").write_bytes(b"before")
    fake = backend("vim", "bash")
    presenter, notices = notifier(
        fake, watch=lambda: (rpmdb, *rpmdb.iterdir()), recount_delay_ms=50
    )
    presenter.check_now()
    assert len(notices) == 1

    fake.plans[()] = plan("bash", "zsh:bugfix")  # vim installed; zsh from a medium enabled
    fake.calls.clear()
    (rpmdb / "rpmdb.sqlite").write_bytes(b"after")
    qtbot.waitUntil(
        lambda: presenter.state.counts == UpdateCounts(bugfix=1, normal=1), timeout=5_000
    )
    assert fake.calls == ["compute_updates()"]
    assert len(notices) == 1
    # The user saw zsh appear: the next check does not announce it.
    presenter.check_now()
    assert len(notices) == 1


def test_tray_icon_follows_the_state_and_opens_the_window(qtbot: QtBot) -> None:
    opened: list[bool] = []
    presenter, _ = notifier(backend("openssl:security"))
    tray = TrayIcon(presenter, lambda: opened.append(True))
    assert not tray.tray.isVisible()
    assert tray.tooltip == "Not checked yet"

    presenter.check_now()
    assert tray.tray.isVisible()
    assert tray.tooltip.splitlines()[0] == "1 update available: 1 security"
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    tray.tray.messageClicked.emit()
    tray.action_open.trigger()
    assert opened == [True, True, True]
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)  # the menu only
    assert len(opened) == 3


def test_counts_text_is_the_windows(qtbot: QtBot) -> None:
    assert update_counts_text(UpdateCounts()) == "Your system is up to date."
    assert update_counts_text(UpdateCounts(normal=1)) == "1 update available"
    assert (
        update_counts_text(UpdateCounts(security=1, bugfix=2, normal=3))
        == "6 updates available: 1 security, 2 bug fixes"
    )


def test_gui_command_keeps_root_cache_and_settings() -> None:
    sandbox = Locations(root=Path("/srv/sandbox"), cache_dir=Path("/c"), settings=Settings())
    assert gui_command(sandbox, config="/s.toml")[-6:] == [
        "--root",
        "/srv/sandbox",
        "--cache-dir",
        "/c",
        "--config",
        "/s.toml",
    ]
    system = Locations(root=Path("/"), cache_dir=Path("/c"), settings=Settings())
    assert "--root" not in gui_command(system)
    assert gui_command(system)[1:3] == ["-m", "xosupdate.ui.app"]


def test_a_check_due_while_a_count_runs_follows_it(qtbot: QtBot) -> None:
    """After an install the notifier recounts; a scheduled check coming due meanwhile
    must not be lost (nothing else would schedule the next one)."""
    fake = backend("vim")
    runner = DeferredTaskRunner()
    presenter, _ = notifier(fake, runner)
    presenter._recount()  # the rpm database changed: a count runs
    assert not presenter.check_now()  # the timer's check comes due
    runner.run_next()  # the count ends: the check starts
    assert presenter.checking
    runner.run_next()
    assert presenter.next_check_in_ms is not None


def test_a_recount_with_a_medium_problem_still_counts(qtbot: QtBot) -> None:
    fake = backend("vim", "bash")
    presenter, _ = notifier(fake, SyncTaskRunner())
    presenter.check_now()
    assert presenter.state.counts == UpdateCounts(normal=2)
    # vim installed; a medium cannot be read: the window shows 1 update, so must the tray.
    p = plan("bash")
    fake.plans[()] = UpdatePlan(
        candidates=p.candidates,
        media=p.media,
        problems=(MediumProblem(medium="Main", message="medium Main: no metadata yet"),),
    )
    presenter._recount()
    assert presenter.state.counts == fake.plans[()].counts()
