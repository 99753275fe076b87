# SPDX-License-Identifier: GPL-2.0-or-later
"""Refresh, signature and mirror presenters on the fake backend."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.gui.fakes import DeferredTaskRunner, FakeBackend, SyncTaskRunner, candidate, medium
from xosupdate.domain.plan import UpdatePlan
from xosupdate.domain.progress import Phase, Progress
from xosupdate.domain.verdict import Verdict
from xosupdate.errors import LockedError, MirrorListError, NetworkError, SyncCancelledError
from xosupdate.services.mirrors import MirrorRanking, MirrorStatus
from xosupdate.services.refresh import MediumRefresh, RefreshReport, RefreshStatus
from xosupdate.ui.dialogs.mirrors import MirrorsDialog
from xosupdate.ui.models.refresh import RowState
from xosupdate.ui.models.updates import Column, UpdatesModel
from xosupdate.ui.presenters.mirrors import MirrorsPresenter
from xosupdate.ui.presenters.refresh import RefreshPresenter, _Throttle
from xosupdate.ui.presenters.signatures import SignaturesPresenter
from xosupdate.ui.tasks import TaskRunner

MEDIA = (medium("Main"), medium("Updates", update=True), medium("Testing", enabled=False))


def test_refresh_reports_each_medium(qtbot: QtBot) -> None:
    backend = FakeBackend(media=MEDIA)
    backend.refresh_results["Updates"] = MediumRefresh(
        medium="Updates",
        status=RefreshStatus.FAILED,
        error=NetworkError(url="http://m", reason="timed out", medium="Updates"),
    )
    p = RefreshPresenter(backend, SyncTaskRunner())
    with qtbot.waitSignal(p.finished) as blocker:
        assert p.refresh(["Main", "Updates"])
    report = blocker.args[0]
    assert isinstance(report, RefreshReport)
    assert [r.status for r in report.results] == [RefreshStatus.UPDATED, RefreshStatus.FAILED]
    assert p.model.rows() == [
        ("Main", RowState.UPDATED, "Updated: 3 packages"),
        ("Updates", RowState.FAILED, "Failed: http://m: timed out"),
    ]


def test_refresh_named_medium_even_disabled(qtbot: QtBot) -> None:
    backend = FakeBackend(media=MEDIA)
    p = RefreshPresenter(backend, SyncTaskRunner())
    with qtbot.waitSignal(p.finished):
        p.refresh(["Main", "Updates"], names=["Testing"])
    assert backend.calls == ["refresh('Testing',)"]
    assert [r[0] for r in p.model.rows()] == ["Testing"]


def test_refresh_cancel_and_whole_failure(qtbot: QtBot) -> None:
    backend = FakeBackend(media=MEDIA)
    runner = DeferredTaskRunner()
    p = RefreshPresenter(backend, runner)
    busy: list[bool] = []
    p.busy_changed.connect(lambda on, _w: busy.append(on))
    assert p.refresh(["Main"])
    assert p.running and not p.refresh(["Main"])  # one at a time
    p.cancel()
    with qtbot.waitSignal(p.failed) as blocker:
        runner.run_next()
    assert isinstance(blocker.args[0], SyncCancelledError)
    assert busy == [True, False]
    backend.fail = LockedError("another refresh of this root is running")
    p2 = RefreshPresenter(backend, SyncTaskRunner())
    with qtbot.waitSignal(p2.failed) as blocker:
        p2.refresh(["Main"])
    assert isinstance(blocker.args[0], LockedError)


def test_throttle_keeps_phase_changes_and_last_bytes() -> None:
    seen: list[object] = []
    throttle = _Throttle(seen.append)
    for done in range(0, 1001, 10):
        throttle(
            Progress(phase=Phase.DOWNLOAD, medium="M", file="f", bytes_done=done, bytes_total=1000)
        )
    throttle(Progress(phase=Phase.VERIFY, medium="M", file="f"))
    downloads = [p for p in seen if isinstance(p, Progress) and p.phase is Phase.DOWNLOAD]
    assert len(downloads) < 10
    assert downloads[-1].bytes_done == 1000
    assert isinstance(seen[-1], Progress) and seen[-1].phase is Phase.VERIFY


def test_refresh_progress_from_worker_threads(qtbot: QtBot) -> None:
    """Progress reported from the refresh's own threads reaches the model in order."""

    class ThreadedBackend(FakeBackend):
        def refresh(self, names=(), *, progress=None, cancel=None):  # type: ignore[no-untyped-def]
            def medium_work(name: str) -> None:
                assert progress is not None
                progress(
                    Progress(
                        phase=Phase.DOWNLOAD, medium=name, file="s", bytes_done=1, bytes_total=2
                    )
                )

            threads = [threading.Thread(target=medium_work, args=(n,)) for n in names]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return RefreshReport(
                results=tuple(
                    MediumRefresh(medium=n, status=RefreshStatus.UP_TO_DATE) for n in names
                )
            )

    runner = TaskRunner()
    p = RefreshPresenter(ThreadedBackend(media=MEDIA), runner)
    with qtbot.waitSignal(p.finished, timeout=5000):
        p.refresh(["Main", "Updates"], names=["Main", "Updates"])
    assert [s for _m, s, _t in p.model.rows()] == [RowState.UP_TO_DATE, RowState.UP_TO_DATE]
    runner.wait_for_done(5000)


def test_signatures_fill_the_column(qtbot: QtBot) -> None:
    backend = FakeBackend(media=MEDIA, verdicts={"bash": Verdict.UNKNOWN_KEY})
    model = UpdatesModel()
    plan = UpdatePlan(candidates=(candidate("bash"), candidate("zsh")), media=("Updates",))
    model.set_candidates(plan.candidates)
    p = SignaturesPresenter(backend, SyncTaskRunner(), model)
    with qtbot.waitSignal(p.verdicts_loaded):
        p.check(plan)
    group = model.index(0, 0)
    assert model.index(0, Column.SIGNATURE, group).data() == "Unknown key"
    assert model.index(1, Column.SIGNATURE, group).data() == "Trusted"
    model.set_candidates(plan.candidates)  # a reload: the verdicts go with the old list
    backend.fail = NetworkError(url="http://m", reason="down")
    with qtbot.waitSignal(p.check_failed):
        p.check(plan)
    assert model.index(0, Column.SIGNATURE, model.index(0, 0)).data() == "Could not be checked"


def test_signature_check_of_an_older_plan_is_dropped(qtbot: QtBot) -> None:
    backend = FakeBackend(media=MEDIA)
    model = UpdatesModel()
    runner = DeferredTaskRunner()
    p = SignaturesPresenter(backend, runner, model)
    old = UpdatePlan(candidates=(candidate("old"),), media=("Updates",))
    new = UpdatePlan(candidates=(candidate("new"),), media=("Updates",))
    model.set_candidates(new.candidates)
    p.check(old)
    p.check(new)
    runner.run_next()  # the old one: cancelled, dropped
    runner.run_next()
    assert model.index(0, Column.SIGNATURE, model.index(0, 0)).data() == "Trusted"


def test_mirrors_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    ranking = MirrorRanking(
        list_url="http://127.0.0.1/api/mirrors/xtreemos.2.0.x86_64.list",
        fetched=0.0,
        probed=True,
        mirrors=(
            MirrorStatus(url="http://good", latency=0.003),
            MirrorStatus(url="http://dead", error="connection refused"),
        ),
    )
    backend = FakeBackend(media=MEDIA, ranking=ranking)
    presenter = MirrorsPresenter(backend, SyncTaskRunner())
    dialog = MirrorsDialog(presenter)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(presenter.ranking_loaded):
        dialog.show()
    assert "Chosen mirror:</b> http://good" in dialog.summary.text()
    assert "ranked by measured latency" in dialog.summary.text()
    with qtbot.waitSignal(presenter.ranking_loaded):
        dialog.reprobe_button.click()
    assert backend.calls == ["mirrors(probe=False)", "mirrors(probe=True)"]
    backend.fail = MirrorListError("no usable mirror", source="http://list")
    with qtbot.waitSignal(presenter.load_failed):
        presenter.reprobe()
    assert "no usable mirror" in dialog.summary.text()


def test_closing_the_mirrors_dialog_stops_a_probe(qtbot: QtBot) -> None:
    ranking = MirrorRanking(list_url="http://list", fetched=0.0, probed=True, mirrors=())
    runner = DeferredTaskRunner()
    presenter = MirrorsPresenter(FakeBackend(media=MEDIA, ranking=ranking), runner)
    dialog = MirrorsDialog(presenter)
    qtbot.addWidget(dialog)
    dialog.show()  # the first load starts
    assert presenter.busy
    dialog.reject()
    (_, _, parts), *_ = runner.pending
    assert parts["task"].cancelled  # type: ignore[attr-defined]
    runner.run_next()  # the worker stops
    assert not presenter.busy
