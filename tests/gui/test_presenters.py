# SPDX-License-Identifier: GPL-2.0-or-later
"""Presenters on a fake backend and a synchronous task runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.fakes import (
    DeferredTaskRunner,
    FakeBackend,
    SyncTaskRunner,
    candidate,
    evr,
    medium,
)
from xosupdate.domain.advisory import Importance
from xosupdate.domain.plan import CandidateKind, MediumProblem, UpdatePlan
from xosupdate.errors import NetworkError, UrpmiCfgError
from xosupdate.services.audit import AuditRecord, AuditReport, AuditStatus
from xosupdate.services.packages import MediumPackage, PackageState
from xosupdate.services.report import ReportFormat
from xosupdate.ui.models.updates import Column
from xosupdate.ui.presenters.audit import AuditPresenter
from xosupdate.ui.presenters.browse import BrowsePresenter
from xosupdate.ui.presenters.main import MainPresenter
from xosupdate.ui.presenters.updates import UpdatesPresenter

MEDIA = (
    medium("Main"),
    medium("Updates", update=True),
    medium("Testing", enabled=False),
)
PLAN = UpdatePlan(
    candidates=(
        candidate(
            "libnew", "2.0-1", None, medium="Main", kind=CandidateKind.NEW, required_by=("amsd",)
        ),
        candidate("amsd", medium="Updates", importance=Importance.BUGFIX),
        candidate("bash", medium="Updates", importance=Importance.SECURITY),
    ),
    media=("Main", "Updates"),
)
TESTING_PLAN = UpdatePlan(
    candidates=(candidate("xos-t", medium="Testing"),),
    media=("Main", "Updates", "Testing"),
)


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(media=MEDIA, plans={(): PLAN, ("Testing",): TESTING_PLAN})


@pytest.fixture
def presenter(qtbot: QtBot, backend: FakeBackend) -> UpdatesPresenter:
    return UpdatesPresenter(backend, SyncTaskRunner())


def test_reload_fills_models(qtbot: QtBot, presenter: UpdatesPresenter) -> None:
    with qtbot.waitSignals([presenter.media_loaded, presenter.updates_loaded]):
        presenter.reload()
    assert presenter.media_model.rowCount() == 3
    assert presenter.updates_model.media() == ["Main", "Updates"]
    # The new package amsd needs is named too.
    assert [c.name for c in presenter.install_candidates()] == ["libnew", "amsd", "bash"]
    assert not presenter.loading


def test_busy_and_stale_results(qtbot: QtBot, backend: FakeBackend) -> None:
    runner = DeferredTaskRunner()
    p = UpdatesPresenter(backend, runner)
    busy: list[tuple[bool, str]] = []
    p.busy_changed.connect(lambda on, what: busy.append((on, what)))
    p.reload()
    p.set_view(["Testing"])  # a second load while the first runs
    assert p.loading
    loaded: list[UpdatePlan] = []
    p.updates_loaded.connect(loaded.append)
    runner.run_next()  # the first result is stale: dropped
    assert loaded == [] and p.loading
    runner.run_next()
    assert loaded == [TESTING_PLAN]
    assert busy == [(True, "Looking for updates\u2026"), (False, "")]


def test_testing_view_is_not_preselected(qtbot: QtBot, presenter: UpdatesPresenter) -> None:
    with qtbot.waitSignal(presenter.view_changed) as blocker:
        presenter.set_view(["Testing"])
    assert blocker.args == [("Testing",)]
    assert [c.name for c in presenter.updates_model.candidates()] == ["xos-t"]
    assert presenter.install_candidates() == []
    presenter.select_all()
    assert [c.name for c in presenter.install_candidates()] == ["xos-t"]


def test_selection_shortcuts(qtbot: QtBot, presenter: UpdatesPresenter) -> None:
    presenter.reload()
    with qtbot.waitSignal(presenter.selection_changed) as blocker:
        presenter.select_none()
    assert blocker.args == [0, 0]
    presenter.select_security()
    assert [c.name for c in presenter.install_candidates()] == ["bash"]
    presenter.select_all()
    assert len(presenter.updates_model.checked_candidates()) == 3  # with the dependency


def test_load_failure(qtbot: QtBot, backend: FakeBackend, presenter: UpdatesPresenter) -> None:
    backend.fail = UrpmiCfgError("no such file", source="urpmi.cfg")
    with qtbot.waitSignal(presenter.load_failed) as blocker:
        presenter.reload()
    assert isinstance(blocker.args[0], UrpmiCfgError)
    assert not presenter.loading


def test_problems_do_not_hide_the_rest(qtbot: QtBot, backend: FakeBackend) -> None:
    backend.plans[()] = UpdatePlan(
        candidates=PLAN.candidates,
        problems=(MediumProblem(medium="Main", message="medium Main: broken"),),
        media=PLAN.media,
    )
    p = UpdatesPresenter(backend, SyncTaskRunner())
    with qtbot.waitSignal(p.updates_loaded) as blocker:
        p.reload()
    assert blocker.args[0].problems
    assert len(p.updates_model.candidates()) == 3


def test_testing_opt_in_needs_consent(qtbot: QtBot, presenter: UpdatesPresenter) -> None:
    presenter.reload()
    confirmed: list[tuple[str, bool]] = []
    presenter.switch_confirmed.connect(lambda n, on: confirmed.append((n, on)))
    with qtbot.waitSignal(presenter.testing_consent_needed) as blocker:
        presenter.request_switch("Testing", True)
    assert blocker.args == ["Testing"]
    assert confirmed == []
    presenter.confirm_switch("Testing", True)
    assert confirmed == [("Testing", True)]
    # Other media and switching off need no consent; a no-op switch does nothing.
    presenter.request_switch("Main", False)
    presenter.request_switch("Updates", True)
    assert confirmed == [("Testing", True), ("Main", False)]


def test_banner_signal(qtbot: QtBot, backend: FakeBackend) -> None:
    backend.media = (medium("Main"), medium("Testing", enabled=True))
    p = UpdatesPresenter(backend, SyncTaskRunner())
    with qtbot.waitSignal(p.testing_enabled_changed) as blocker:
        p.reload()
    assert [m.name for m in blocker.args[0]] == ["Testing"]


def test_browse(qtbot: QtBot, backend: FakeBackend) -> None:
    backend.packages["Testing"] = (
        MediumPackage(
            name="a",
            arch="x86_64",
            evr=evr("2-1"),
            medium="Testing",
            installed=evr("1-1"),
            state=PackageState.UPDATE,
            filesize=10,
        ),
        MediumPackage(
            name="b",
            arch="x86_64",
            evr=evr("1-1"),
            medium="Testing",
            installed=evr("1-1"),
            state=PackageState.INSTALLED,
        ),
    )
    p = BrowsePresenter(backend, SyncTaskRunner())
    with qtbot.waitSignal(p.packages_loaded) as blocker:
        p.show_medium("Testing")
    assert blocker.args == ["Testing", 2]
    p.model.set_all_checked(True)
    assert p.install_names() == ["a"]
    backend.fail = NetworkError(url="http://x", reason="down")
    with qtbot.waitSignal(p.load_failed):
        p.reload()
    assert p.model.rowCount() == 0


def test_audit_and_export(qtbot: QtBot, backend: FakeBackend, tmp_path: Path) -> None:
    backend.report = AuditReport(
        root="/r",
        generated="2026-01-01T00:00:00+00:00",
        records=(
            AuditRecord(
                name="bash",
                arch="x86_64",
                installed=evr("1-1"),
                status=AuditStatus.UPDATE_AVAILABLE,
                available=evr("2-1"),
                available_medium="Updates",
            ),
            AuditRecord(
                name="zsh", arch="x86_64", installed=evr("1-1"), status=AuditStatus.UP_TO_DATE
            ),
        ),
    )
    p = AuditPresenter(backend, SyncTaskRunner())
    with qtbot.waitSignal(p.audit_loaded):
        p.reload()
    assert p.model.rowCount() == 2
    p.set_status_filter(AuditStatus.UP_TO_DATE)
    assert p.proxy.rowCount() == 1
    target = tmp_path / "audit.csv"
    with qtbot.waitSignal(p.exported) as blocker:
        p.export(target, ReportFormat.CSV)
    assert blocker.args == [str(target), 2]  # the whole audit, whatever the filter
    assert backend.written[target] == "csv: 2 records"
    backend.fail = OSError("disk full")
    with qtbot.waitSignal(p.export_failed):
        p.export(target, ReportFormat.JSON)


def test_a_check_of_the_previous_list_never_lands_on_the_new_one(qtbot: QtBot) -> None:
    """Verdicts name no version: the check of bash 1.1, ending after the list moved on to
    bash 1.2, must not make 1.2 "Trusted" (nor stay there when 1.2's own check fails)."""
    media = (medium("Updates", update=True),)
    old = UpdatePlan(candidates=(candidate("bash", "1.1-1"),), media=("Updates",))
    new = UpdatePlan(candidates=(candidate("bash", "1.2-1"),), media=("Updates",))
    backend = FakeBackend(media=media, plans={(): old})
    runner = DeferredTaskRunner()
    p = MainPresenter(backend, runner)
    p.start()
    runner.run_next()  # the list with bash 1.1
    qtbot.waitUntil(lambda: len(runner.pending) == 1)  # then its signature check waits
    backend.plans[()] = new
    p.updates.reload()
    # The new list is computed before the old check ends.
    runner.pending.insert(0, runner.pending.pop(1))
    runner.run_next()
    model = p.updates.updates_model

    def cell() -> object:
        return model.index(0, Column.SIGNATURE, model.index(0, 0)).data()

    assert cell() == "Not checked yet"
    runner.run_next()  # the check of 1.1 ends
    assert cell() == "Not checked yet"
    qtbot.waitUntil(lambda: len(runner.pending) == 1)
    backend.fail = NetworkError(url="http://m", reason="down")
    runner.run_next()  # 1.2's own check fails as a whole
    assert cell() != "Trusted"
    p.shutdown()


def test_unticked_updates_stay_unticked_after_a_view_round_trip(qtbot: QtBot) -> None:
    backend = FakeBackend(media=MEDIA, plans={(): PLAN, ("Testing",): TESTING_PLAN})
    p = UpdatesPresenter(backend, SyncTaskRunner())
    p.reload()
    p.select_none()
    p.set_view(["Testing"])
    p.set_view([])
    assert p.install_candidates() == []  # "Select none" is not undone by looking elsewhere


def test_unticked_updates_stay_unticked_when_a_medium_is_missing_once(qtbot: QtBot) -> None:
    backend = FakeBackend(media=MEDIA, plans={(): PLAN})
    p = UpdatesPresenter(backend, SyncTaskRunner())
    p.reload()
    p.select_none()
    # A refresh during which a medium could not be read: its packages are gone once.
    backend.plans[()] = UpdatePlan(candidates=PLAN.candidates[:1], media=PLAN.media)
    p.reload()
    backend.plans[()] = PLAN
    p.reload()
    assert p.install_candidates() == []
