# SPDX-License-Identifier: GPL-2.0-or-later
"""HelperProcess and TransactionPresenter against a fake helper printing canned replies."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.fakes import FakeHelper, progress, result
from xosupdate.errors import (
    AuthorizationDismissedError,
    HelperError,
    HelperProtocolError,
    NotAuthorizedError,
    RequestRejectedError,
    SyncCancelledError,
    TransactionFailedError,
)
from xosupdate.helper.protocol import Phase, ProgressEvent, ResultEvent
from xosupdate.services.transaction import install_request
from xosupdate.ui.helperprocess import HelperProcess
from xosupdate.ui.presenters.transaction import Stage, TransactionPresenter

ROOT = Path("/tmp/sandbox-root")
TIMEOUT = 10_000


@pytest.fixture
def helper(tmp_path: Path) -> FakeHelper:
    return FakeHelper(tmp_path)


def test_helper_process_streams_events(qtbot: QtBot, helper: FakeHelper) -> None:
    helper.play(
        "install",
        progress("download", "bash.rpm", 10, 100, cancellable=True),
        {"type": "log", "text": "installing bash"},
        progress("install", "bash", 1, 1),
        result(packages=[("bash-1-1.x86_64", "Updates")]),
    )
    job = HelperProcess(install_request(["bash"]), root=ROOT, launcher=helper)
    seen: list[object] = []
    job.progress_changed.connect(seen.append)
    job.log_received.connect(seen.append)
    with qtbot.waitSignal(job.succeeded, timeout=TIMEOUT) as blocker:
        job.start()
    assert isinstance(seen[0], ProgressEvent) and seen[0].phase is Phase.DOWNLOAD
    assert seen[0].cancellable
    assert seen[1] == "installing bash"
    outcome = blocker.args[0]
    assert isinstance(outcome, ResultEvent)
    assert [p.fullname for p in outcome.packages] == ["bash-1-1.x86_64"]
    assert helper.requests() == [
        {"verb": "install", "request": {"protocol": 1, "packages": ["bash"]}}
    ]
    assert not job.running


@pytest.mark.parametrize(
    ("steps", "error"),
    [
        ([{"exit": 126}], AuthorizationDismissedError),
        (
            [{"stderr": "Error executing command as another user"}, {"exit": 127}],
            NotAuthorizedError,
        ),
        ([{"type": "nonsense"}], HelperProtocolError),
        ([{"exit": 3}], HelperProtocolError),
        (
            [result(False, "transaction", "bash: file conflict", exit_code=None)],
            TransactionFailedError,
        ),
        ([result(False, "bad-name", "not a package name")], RequestRejectedError),
    ],
)
def test_helper_process_failures(
    qtbot: QtBot, helper: FakeHelper, steps: list[dict[str, object]], error: type[Exception]
) -> None:
    helper.play("install", *steps)
    job = HelperProcess(install_request(["bash"]), root=ROOT, launcher=helper)
    with qtbot.waitSignal(job.failed, timeout=TIMEOUT) as blocker:
        job.start()
    assert isinstance(blocker.args[0], error)


def test_helper_that_cannot_start(qtbot: QtBot) -> None:
    class Missing:
        def command(self, verb: object, root: Path) -> list[str]:
            return ["/nonexistent/xosupdate-helper", "install"]

    job = HelperProcess(install_request(["bash"]), root=ROOT, launcher=Missing())
    with qtbot.waitSignal(job.failed, timeout=TIMEOUT) as blocker:
        job.start()
    assert isinstance(blocker.args[0], HelperError)
    assert "cannot start /nonexistent/xosupdate-helper" in str(blocker.args[0])


def test_cancel(qtbot: QtBot, helper: FakeHelper) -> None:
    helper.play(
        "install",
        progress("download", "bash.rpm", 0, 100, cancellable=True),
        {"wait_cancel": True},
        result(False, "cancelled", "cancelled"),
    )
    job = HelperProcess(install_request(["bash"]), root=ROOT, launcher=helper)
    job.progress_changed.connect(lambda _e: job.cancel())
    with qtbot.waitSignal(job.failed, timeout=TIMEOUT) as blocker:
        job.start()
    assert isinstance(blocker.args[0], SyncCancelledError)


def test_install_simulate_confirm_install(qtbot: QtBot, helper: FakeHelper) -> None:
    planned = [("bash-2-1.x86_64", "Updates"), ("libnew-1-1.x86_64", "Main")]
    helper.play("simulate", progress("resolve", "", 1, 1), result(packages=planned))
    helper.play(
        "install",
        progress("download", "bash-2-1.x86_64.rpm", 5, 10, cancellable=True),
        progress("install", "bash", 1, 2),
        result(packages=planned),
    )
    p = TransactionPresenter(ROOT, launcher=helper)
    stages: list[Stage] = []
    p.stage_changed.connect(stages.append)
    with qtbot.waitSignal(p.confirmation_needed, timeout=TIMEOUT) as blocker:
        assert p.install(["bash"], media=["Updates"])
    assert [x.fullname for x in blocker.args[0]] == [f for f, _ in planned]
    assert p.stage is Stage.CONFIRMING and p.busy
    assert not p.install(["other"])  # one at a time
    events: list[object] = []
    p.progress_changed.connect(events.append)
    with qtbot.waitSignal(p.install_finished, timeout=TIMEOUT):
        p.confirm_install()
    assert [e.phase for e in events if isinstance(e, ProgressEvent)] == [
        Phase.DOWNLOAD,
        Phase.INSTALL,
    ]
    assert stages == [Stage.SIMULATING, Stage.CONFIRMING, Stage.INSTALLING, Stage.IDLE]
    assert [r["verb"] for r in helper.requests()] == ["simulate", "install"]
    assert helper.requests()[1]["request"] == {
        "protocol": 1,
        "packages": ["bash"],
        "media": ["Updates"],
    }


def test_nothing_to_install_and_abort(qtbot: QtBot, helper: FakeHelper) -> None:
    helper.play("simulate", result(packages=[]))
    p = TransactionPresenter(ROOT, launcher=helper)
    with qtbot.waitSignal(p.nothing_to_install, timeout=TIMEOUT):
        p.install(["bash"])
    assert p.stage is Stage.IDLE
    helper.play("simulate", result(packages=[("bash-2-1.x86_64", "Updates")]))
    with qtbot.waitSignal(p.confirmation_needed, timeout=TIMEOUT):
        p.install(["bash"])
    p.abort()
    assert p.stage is Stage.IDLE
    assert [r["verb"] for r in helper.requests()] == ["simulate", "simulate"]


def test_bad_name_never_reaches_the_helper(qtbot: QtBot, helper: FakeHelper) -> None:
    p = TransactionPresenter(ROOT, launcher=helper)
    with qtbot.waitSignal(p.install_failed) as blocker:
        p.install(["--root=/x"])
    assert isinstance(blocker.args[0], RequestRejectedError)
    assert helper.requests() == []


def test_switch_on_then_off(qtbot: QtBot, helper: FakeHelper) -> None:
    helper.play("media-enable", result(message="medium Testing enabled"))
    helper.play("media-disable", result(message="medium Testing disabled"))
    p = TransactionPresenter(ROOT, launcher=helper)
    busy: list[tuple[bool, str]] = []
    p.busy_changed.connect(lambda on, what: busy.append((on, what)))
    with qtbot.waitSignal(p.medium_switched, timeout=TIMEOUT) as blocker:
        p.switch_medium("Testing", True)
    assert blocker.args == ["Testing", True]
    assert [(r["verb"], r["request"]) for r in helper.requests()] == [
        ("media-enable", {"protocol": 1, "medium": "Testing"}),
    ]
    assert busy[0] == (True, "Switching Testing on\u2026")
    assert busy[-1] == (False, "")
    with qtbot.waitSignal(p.medium_switched, timeout=TIMEOUT) as blocker:
        p.switch_medium("Testing", False)
    assert blocker.args == ["Testing", False]


def test_switch_failure(qtbot: QtBot, helper: FakeHelper) -> None:
    helper.play("media-enable", {"exit": 126})
    p = TransactionPresenter(ROOT, launcher=helper)
    with qtbot.waitSignal(p.switch_failed, timeout=TIMEOUT) as blocker:
        p.switch_medium("Testing", True)
    assert blocker.args[0] == "Testing"
    assert isinstance(blocker.args[1], AuthorizationDismissedError)
    assert not p.busy
