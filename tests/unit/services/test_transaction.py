# SPDX-License-Identifier: GPL-2.0-or-later
"""The helper's client: launchers, reply decoding, pkexec's exit statuses, cancel."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from xosupdate.errors import (
    AuthorizationDismissedError,
    HelperError,
    HelperProtocolError,
    LockedError,
    NotAuthorizedError,
    RequestRejectedError,
    TransactionFailedError,
)
from xosupdate.helper.protocol import (
    ErrorCode,
    HelperExit,
    InstallRequest,
    LogEvent,
    Phase,
    ProgressEvent,
    ResultEvent,
    Verb,
    encode_reply,
)
from xosupdate.services.transaction import (
    HELPER_PATH,
    PKEXEC,
    DirectLauncher,
    HelperRun,
    PkexecLauncher,
    ReplyDecoder,
    install_request,
    launcher_for,
    medium_request,
    refresh_request,
    run_helper,
)

OK = encode_reply(ResultEvent(ok=True, code=ErrorCode.OK, message="done")).decode()
PROGRESS = encode_reply(ProgressEvent(phase=Phase.DOWNLOAD, item="a.rpm", done=1, total=2)).decode()
LOCKED = encode_reply(ResultEvent(ok=False, code=ErrorCode.LOCKED, message="busy")).decode()


@dataclass(frozen=True)
class FakeHelper:
    """A launcher running a small Python script in place of the helper."""

    script: Path

    def command(self, verb: Verb, root: Path) -> list[str]:
        return [sys.executable, str(self.script), verb.value, str(root)]


def fake(tmp_path: Path, body: str) -> FakeHelper:
    script = tmp_path / "fake_helper.py"
    script.write_text(
        "import sys, json, time\n"
        f"seen = open({str(tmp_path / 'stdin.log')!r}, 'wb')\n"
        "line = sys.stdin.buffer.readline()\n"
        "seen.write(line); seen.flush()\n" + body
    )
    return FakeHelper(script)


def test_launchers(tmp_path: Path) -> None:
    assert PkexecLauncher().command(Verb.INSTALL, Path("/")) == [PKEXEC, HELPER_PATH, "install"]
    with pytest.raises(HelperError, match="pkexec only changes the running system"):
        PkexecLauncher().command(Verb.INSTALL, tmp_path)
    direct = DirectLauncher(python="/usr/bin/python3").command(Verb.REFRESH, tmp_path)
    assert direct == [
        "/usr/bin/python3",
        "-I",
        "-m",
        "xosupdate.helper",
        "refresh",
        "--root",
        str(tmp_path),
    ]
    assert isinstance(launcher_for(Path("/")), PkexecLauncher)
    assert isinstance(launcher_for(tmp_path), DirectLauncher)


def test_requests_are_checked_before_anything_starts() -> None:
    with pytest.raises(RequestRejectedError):
        install_request(["-a"])
    with pytest.raises(RequestRejectedError):
        install_request(["openssl"], media=["Main/x"])
    with pytest.raises(RequestRejectedError):
        medium_request("--root=/", enable=True)
    with pytest.raises(RequestRejectedError):
        refresh_request(["a,b"])
    request = install_request(["b", "a", "b"], media=["Main"], simulate=True)
    assert request == InstallRequest(verb=Verb.SIMULATE, packages=("b", "a"), media=("Main",))


def test_success_streams_events(tmp_path: Path) -> None:
    launcher = fake(
        tmp_path, f"sys.stdout.write({PROGRESS!r}); sys.stdout.write({OK!r}); sys.exit(0)\n"
    )
    seen: list[object] = []
    result = run_helper(
        install_request(["openssl"]), root=tmp_path, launcher=launcher, on_event=seen.append
    )
    assert result == ResultEvent(ok=True, code=ErrorCode.OK, message="done")
    assert seen == [ProgressEvent(phase=Phase.DOWNLOAD, item="a.rpm", done=1, total=2), result]
    assert json.loads((tmp_path / "stdin.log").read_bytes()) == {
        "protocol": 1,
        "packages": ["openssl"],
    }


def test_failed_result_becomes_its_error(tmp_path: Path) -> None:
    launcher = fake(tmp_path, f"sys.stdout.write({LOCKED!r}); sys.exit({HelperExit.FAILED})\n")
    with pytest.raises(LockedError, match="busy"):
        run_helper(install_request(["a"]), root=tmp_path, launcher=launcher)


@pytest.mark.parametrize(
    ("status", "error"),
    [(126, AuthorizationDismissedError), (127, NotAuthorizedError)],
)
def test_pkexec_statuses(tmp_path: Path, status: int, error: type[HelperError]) -> None:
    launcher = fake(
        tmp_path,
        f"sys.stderr.write('Error executing command as another user\\n'); sys.exit({status})\n",
    )
    with pytest.raises(error) as info:
        run_helper(medium_request("Main", enable=True), root=tmp_path, launcher=launcher)
    if status == 127:
        assert "Error executing command" in str(info.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("sys.exit(3)\n", "without a result"),
        ("print('hello'); sys.exit(0)\n", "not JSON"),
        (f"sys.stdout.write({OK!r}); sys.exit(1)\n", "contradicts"),
        (f"sys.stdout.write({LOCKED!r}); sys.exit(0)\n", "contradicts"),
        (f"sys.stdout.write({OK!r} + {OK!r}); sys.exit(0)\n", "after its result"),
        ('sys.stdout.write(\'{"type": "log"}\\n\'); sys.exit(0)\n', "without 'text'"),
    ],
)
def test_protocol_violations(tmp_path: Path, body: str, message: str) -> None:
    launcher = fake(tmp_path, body)
    with pytest.raises(HelperProtocolError, match=message):
        run_helper(refresh_request(), root=tmp_path, launcher=launcher)


def test_cancel_writes_the_cancel_line(tmp_path: Path) -> None:
    cancelled = encode_reply(
        ResultEvent(ok=False, code=ErrorCode.CANCELLED, message="cancelled")
    ).decode()
    launcher = fake(
        tmp_path,
        f"sys.stdout.write({PROGRESS!r}); sys.stdout.flush()\n"
        "extra = sys.stdin.buffer.readline()\n"
        "seen.write(extra); seen.flush()\n"
        f"sys.stdout.write({cancelled!r}); sys.exit({HelperExit.FAILED})\n",
    )
    run = HelperRun(install_request(["a"]), root=tmp_path, launcher=launcher)
    events = []
    from xosupdate.errors import SyncCancelledError  # noqa: PLC0415

    with pytest.raises(SyncCancelledError):
        for event in run.events():
            events.append(event)
            run.cancel()
    assert (tmp_path / "stdin.log").read_bytes().splitlines()[1] == b'{"cancel": true}'
    run.cancel()  # after the end: harmless


def test_helper_that_cannot_start(tmp_path: Path) -> None:
    launcher = FakeHelper(tmp_path / "missing")

    @dataclass(frozen=True)
    class Nowhere:
        def command(self, verb: Verb, root: Path) -> list[str]:
            return [str(tmp_path / "no-such-program"), verb.value]

    del launcher
    with pytest.raises(HelperError, match="cannot start"):
        run_helper(refresh_request(), root=tmp_path, launcher=Nowhere())


def test_decoder_alone() -> None:
    decoder = ReplyDecoder()
    assert decoder.feed(b'{"type":"log","text":"x"}\n') == LogEvent(text="x")
    failed = encode_reply(
        ResultEvent(ok=False, code=ErrorCode.UNRESOLVED, message="no", details=("d",), exit_code=17)
    )
    decoder.feed(failed)
    with pytest.raises(TransactionFailedError) as info:
        decoder.finish(HelperExit.FAILED)
    assert (info.value.reason_code, info.value.details, info.value.exit_code) == (
        "unresolved",
        ("d",),
        17,
    )
    with pytest.raises(HelperProtocolError):
        decoder.feed(failed)
    with pytest.raises(HelperProtocolError, match="exit 2"):
        ReplyDecoder().finish(2, "one\nlast words\n")
