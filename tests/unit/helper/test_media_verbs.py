# SPDX-License-Identifier: GPL-2.0-or-later
"""media-enable and media-disable: one ``ignore`` line changes, atomically, under locks."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from tests.unit.helper.conftest import Outcome, RecordingExecutor, Runner, Sandbox, Stubs
from xosupdate.formats.urpmicfg import parse_urpmicfg
from xosupdate.helper.protocol import ErrorCode, HelperExit, Phase, ProgressEvent
from xosupdate.helper.verbs import HELPER_LOCK, URPMI_LOCK, replace_file

# Refusals and failures are logged as warnings for the audit trail: expected here.
pytestmark = pytest.mark.expected_warnings

# Comments (one in Latin-1, which urpmi reads as bytes), CRLF line ends, odd indentation,
# unknown lines and a name with blanks: all of it must survive byte for byte.
ODD_CFG = (
    b"# urpmi.cfg written by hand\r\n"
    b"# \xe9crit \xe0 la main\r\n"
    b"{\r\n"
    b"  downloader: curl\r\n"
    b"}\r\n"
    b"\r\n"
    b"Main http://127.0.0.1:9/media/main {\r\n"
    b"\tkey-ids: 70771ff3\r\n"
    b"  some-future-option\r\n"
    b"}\r\n"
    b"\r\n"
    b"# testing, keep it off\r\n"
    b"XtreemOS\\ Testing\\ (QA) http://127.0.0.1:9/media/testing {\r\n"
    b"  ignore\r\n"
    b"      key-ids:   2d25c508\r\n"
    b"}\r\n"
)


def media_request(verb: str, sandbox: Sandbox, medium: str, helper: Runner) -> Outcome:
    return helper(
        [verb, "--root", str(sandbox.root)],
        {"protocol": 1, "medium": medium},
        executor=RecordingExecutor(),
    )


def test_enable_then_disable_is_lossless(helper: Runner, sandbox: Sandbox) -> None:
    sandbox.cfg.write_bytes(ODD_CFG)
    outcome = media_request("media-enable", sandbox, "XtreemOS Testing (QA)", helper)
    assert outcome.result.ok
    enabled = sandbox.cfg.read_bytes()
    assert enabled == ODD_CFG.replace(b"  ignore\r\n", b"")
    assert parse_urpmicfg(enabled, source="x").medium("XtreemOS Testing (QA)").enabled
    outcome = media_request("media-disable", sandbox, "XtreemOS Testing (QA)", helper)
    assert outcome.result.ok
    disabled = sandbox.cfg.read_bytes()
    # urpmi sorts options: "ignore" goes back where urpmi would put it (before key-ids).
    assert disabled == ODD_CFG
    progress = [e for e in outcome.events if isinstance(e, ProgressEvent)]
    assert {(e.phase, e.item) for e in progress} == {(Phase.CONFIGURE, "XtreemOS Testing (QA)")}


def test_already_in_that_state(helper: Runner, sandbox: Sandbox) -> None:
    before = sandbox.cfg.read_bytes()
    mtime = sandbox.cfg.stat().st_mtime_ns
    outcome = media_request("media-disable", sandbox, "XtreemOS_Testing", helper)
    assert outcome.result.ok
    assert "already disabled" in outcome.result.message
    assert sandbox.cfg.read_bytes() == before
    assert sandbox.cfg.stat().st_mtime_ns == mtime


def test_mode_and_owner_are_kept(helper: Runner, sandbox: Sandbox) -> None:
    if os.geteuid() != 0:
        pytest.skip("changing the owner of the test file needs root")
    os.chown(sandbox.cfg, 65534, 65534)
    sandbox.cfg.chmod(0o640)
    inode = sandbox.cfg.stat().st_ino
    outcome = media_request("media-enable", sandbox, "XtreemOS_Testing", helper)
    assert outcome.result.ok
    st = sandbox.cfg.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (65534, 65534, 0o640)
    assert st.st_ino != inode  # replaced, not rewritten in place
    leftovers = [p.name for p in sandbox.cfg.parent.iterdir() if p.name != "urpmi.cfg"]
    assert leftovers == []


@pytest.mark.parametrize(
    ("lock", "message"),
    [(URPMI_LOCK, "urpmi database is locked"), (HELPER_LOCK, "another xosupdate-helper")],
)
def test_busy_locks(
    helper: Runner, sandbox: Sandbox, stubs: Stubs, lock: str, message: str
) -> None:
    path = sandbox.root / lock
    path.parent.mkdir(parents=True, exist_ok=True)
    before = sandbox.cfg.read_bytes()
    with path.open("w") as held:
        held.write("4242\n")
        held.flush()
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        outcome = media_request("media-enable", sandbox, "XtreemOS_Testing", helper)
        result = outcome.result
        assert result.code is ErrorCode.LOCKED
        assert message in result.message
        assert "4242" in result.message
        assert outcome.status == HelperExit.FAILED
        # Installing is kept out by the helper's lock too (urpmi takes its own lock itself).
        if lock == HELPER_LOCK:
            outcome = helper(
                ["install", "--root", str(sandbox.root)],
                {"protocol": 1, "packages": ["a"]},
                executor=stubs.executor(),
            )
            assert outcome.result.code is ErrorCode.LOCKED
            assert stubs.calls() == []
    assert sandbox.cfg.read_bytes() == before


def test_symlinked_cfg_is_refused_privileged(tmp_path: Path, sandbox: Sandbox) -> None:
    from xosupdate.errors import HelperError  # noqa: PLC0415
    from xosupdate.helper.verbs import read_trusted  # noqa: PLC0415

    real = tmp_path / "elsewhere.cfg"
    real.write_bytes(sandbox.cfg.read_bytes())
    sandbox.cfg.unlink()
    sandbox.cfg.symlink_to(real)
    with pytest.raises(HelperError, match="symbolic link"):
        read_trusted(sandbox.cfg, privileged=True)
    real.chmod(0o666)
    with pytest.raises(HelperError, match="writable by others"):
        read_trusted(real, privileged=True)
    real.chmod(0o644)
    assert read_trusted(real, privileged=True) == real.read_bytes()


def test_replace_file_refuses_non_regular_files(tmp_path: Path) -> None:
    from xosupdate.errors import HelperError  # noqa: PLC0415

    with pytest.raises(HelperError, match="not a regular file"):
        replace_file(tmp_path, b"x")


def test_missing_cfg(helper: Runner, sandbox: Sandbox) -> None:
    sandbox.cfg.unlink()
    outcome = media_request("media-enable", sandbox, "Main", helper)
    result = outcome.result
    assert result.code is ErrorCode.HELPER
    assert "no urpmi media" in result.message


def test_malformed_cfg(helper: Runner, sandbox: Sandbox) -> None:
    sandbox.cfg.write_text("Main {\n")
    outcome = media_request("media-enable", sandbox, "Main", helper)
    result = outcome.result
    assert result.code is ErrorCode.HELPER
    assert "never closed" in result.message
