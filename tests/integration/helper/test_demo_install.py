# SPDX-License-Identifier: GPL-2.0-or-later
"""End to end through the helper and the rpm transaction executor on the demo sandbox:
signed mirrors on loopback (a dead, a slow and a good one), a root with older versions."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.helper.conftest import installed_versions, rpmdb_state
from xosupdate.errors import (
    MediumWithoutKeyError,
    SyncCancelledError,
    TransactionFailedError,
)
from xosupdate.formats.urpmicfg import parse_urpmicfg
from xosupdate.helper.__main__ import main
from xosupdate.helper.protocol import (
    ErrorCode,
    Event,
    HelperExit,
    LogEvent,
    Phase,
    ProgressEvent,
    ResultEvent,
    decode_reply,
)
from xosupdate.services.demo import DemoServer
from xosupdate.services.transaction import (
    DirectLauncher,
    HelperRun,
    install_request,
    launcher_for,
    medium_request,
    refresh_request,
    run_helper,
)

pytestmark = pytest.mark.integration

UPDATES = ["openssl", "lib64openssl0.9.8", "kernel-desktop-latest", "kernel-desktop-2.6.27.7-1mnb"]
PHASE_ORDER = [
    Phase.REFRESH,
    Phase.RESOLVE,
    Phase.DOWNLOAD,
    Phase.VERIFY,
    Phase.PREPARE,
    Phase.INSTALL,
    Phase.REMOVE,
]


def in_process(root: Path, verb: str, request: dict[str, object]) -> tuple[int, list[Event]]:
    out = io.BytesIO()
    status = main(
        [verb, "--root", str(root)],
        io.BytesIO(json.dumps(request).encode() + b"\n"),
        out,
        env={},
        stderr=io.StringIO(),
    )
    return status, [decode_reply(line) for line in out.getvalue().splitlines()]


def check_progress(events: list[Event], files: set[str]) -> None:
    """Phases in order; each file downloaded (0 → its size) then verified; each package
    installed once, counted 1..n."""
    progress = [e for e in events if isinstance(e, ProgressEvent)]
    ranks = [PHASE_ORDER.index(e.phase) for e in progress]
    assert ranks == sorted(ranks)
    downloads: dict[str, list[tuple[int, int]]] = {}
    for e in progress:
        if e.phase is Phase.DOWNLOAD:
            downloads.setdefault(e.item, []).append((e.done, e.total))
            assert e.cancellable
    assert set(downloads) == files
    for steps in downloads.values():
        assert steps[0][0] == 0
        assert steps[-1][0] == steps[-1][1] > 0
        assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    verified = [e.item for e in progress if e.phase is Phase.VERIFY and e.item]
    assert set(verified) == files
    installs = [e for e in progress if e.phase is Phase.INSTALL]
    assert [e.done for e in installs] == list(range(1, len(files) + 1))
    assert all(e.total == len(files) and not e.cancellable for e in installs)


def test_signed_updates_install_in_process(root: Path) -> None:
    before = installed_versions(root, *UPDATES)
    status, events = in_process(root, "install", {"protocol": 1, "packages": UPDATES})
    result = events[-1]
    assert isinstance(result, ResultEvent)
    assert result.ok, result.message
    assert status == HelperExit.OK
    assert {(p.fullname, p.medium) for p in result.packages} == {
        ("openssl-0.9.8h-3.2mdv2009.0.x86_64", "XtreemOS_Updates"),
        ("lib64openssl0.9.8-0.9.8h-3.2mdv2009.0.x86_64", "XtreemOS_Updates"),
        ("kernel-desktop-latest-2.6.27.7-1mnb2.x86_64", "XtreemOS_Updates"),
        ("kernel-desktop-2.6.27.7-1mnb-1-1mnb2.x86_64", "XtreemOS_Updates"),
    }
    check_progress(events, {f"{p.fullname}.rpm" for p in result.packages})
    after = installed_versions(root, *UPDATES)
    assert before["openssl"] == ["0.9.8h-3mdv2009.0"]
    assert after["openssl"] == ["0.9.8h-3.2mdv2009.0"]
    assert after["lib64openssl0.9.8"] == ["0.9.8h-3.2mdv2009.0"]
    assert after["kernel-desktop-latest"] == ["2.6.27.7-1mnb2"]
    assert "kernel-desktop-2.6.27.7-1mnb" in after  # a new install beside the old kernel
    removes = [e for e in events if isinstance(e, ProgressEvent) and e.phase is Phase.REMOVE]
    assert [(e.done, e.total) for e in removes] == [(1, 3), (2, 3), (3, 3)]
    # post-clean: the downloaded files are gone once installed.
    assert list((root / "var/cache/urpmi/rpms").iterdir()) == []
    # The mirror list put a dead mirror first: the helper moved on to the next one.
    status, events = in_process(root, "install", {"protocol": 1, "packages": ["openssl"]})
    result = events[-1]
    assert isinstance(result, ResultEvent)
    assert (result.ok, result.packages) == (True, ())
    assert any(isinstance(e, LogEvent) and "already installed" in e.text for e in events)


def test_install_as_a_subprocess(root: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-I", "-m", "xosupdate.helper", "install", "--root", str(root)],
        input=b'{"protocol": 1, "packages": ["bash", "xos-api"]}\n',
        capture_output=True,
        check=False,
        timeout=60,
    )
    events = [decode_reply(line) for line in proc.stdout.splitlines()]
    result = events[-1]
    assert isinstance(result, ResultEvent)
    assert result.ok, (result.message, proc.stderr.decode())
    assert proc.returncode == 0
    check_progress(events, {f"{p.fullname}.rpm" for p in result.packages})
    assert installed_versions(root, "bash", "xos-api") == {
        "bash": ["3.2-23.1mdv2009.0"],
        "xos-api": ["2.0.1-1xos2.0"],
    }
    assert b"xosupdate-helper[" in proc.stderr  # logs go to stderr, never to stdout


def test_client_runs_the_helper_directly_for_a_sandbox(root: Path) -> None:
    assert isinstance(launcher_for(root), DirectLauncher)
    seen: list[Event] = []
    result = run_helper(
        install_request(["xos-amsd", "lib64confuse0"], simulate=True),
        root=root,
        on_event=seen.append,
    )
    assert [p.fullname for p in result.packages] == [
        "xos-amsd-2.0.1-1xos2.0.x86_64",
        "lib64confuse0-2.6-1mdv2009.0.x86_64",
    ]
    assert any(isinstance(e, ProgressEvent) and e.phase is Phase.VERIFY for e in seen)
    result = run_helper(install_request(["xos-amsd", "lib64confuse0"]), root=root)
    assert len(result.packages) == 2
    assert installed_versions(root, "xos-amsd", "lib64confuse0") == {
        "xos-amsd": ["2.0.1-1xos2.0"],
        "lib64confuse0": ["2.6-1mdv2009.0"],
    }


def test_simulate_changes_nothing(root: Path) -> None:
    before = rpmdb_state(root)
    status, events = in_process(root, "simulate", {"protocol": 1, "packages": UPDATES})
    result = events[-1]
    assert isinstance(result, ResultEvent)
    assert (result.ok, status, len(result.packages)) == (True, HelperExit.OK, 4)
    assert not any(
        isinstance(e, ProgressEvent) and e.phase in (Phase.INSTALL, Phase.PREPARE) for e in events
    )
    assert rpmdb_state(root) == before
    # As urpmi --test: the packages were downloaded and stay in the cache, verified again
    # (not downloaded again) by the install that follows.
    cached = {p.name for p in (root / "var/cache/urpmi/rpms").iterdir()}
    assert cached == {f"{p.fullname}.rpm" for p in result.packages}
    _, events = in_process(root, "install", {"protocol": 1, "packages": UPDATES})
    assert not any(isinstance(e, ProgressEvent) and e.phase is Phase.DOWNLOAD for e in events)
    assert isinstance(events[-1], ResultEvent)
    assert events[-1].ok


def test_unresolved_dependencies_install_nothing(root: Path) -> None:
    before = rpmdb_state(root)
    with pytest.raises(TransactionFailedError) as info:
        run_helper(install_request(["openssl"]), root=root)
    assert info.value.reason_code == ErrorCode.UNRESOLVED
    assert info.value.details == (
        "lib64openssl0.9.8 = 0.9.8h-3.2mdv2009.0 is needed by openssl-0.9.8h-3.2mdv2009.0",
    )
    with pytest.raises(TransactionFailedError) as info:
        run_helper(install_request(["no-such-package"]), root=root)
    assert info.value.reason_code == ErrorCode.NOT_FOUND
    assert rpmdb_state(root) == before


def test_cancel_during_download_leaves_the_database_alone(root: Path, demo: DemoServer) -> None:
    before = rpmdb_state(root)
    # Hold every package download for a moment: the cancel arrives meanwhile.
    prefix = f"/{demo.sandbox.distrib_url_path}/media/xtreemos/updates/"
    for server in (demo.slow, demo.good):
        server.fault(prefix + "kernel", delay=0.5)
    try:
        run = HelperRun(install_request(UPDATES), root=root, launcher=DirectLauncher())
        seen: list[Event] = []
        with pytest.raises(SyncCancelledError):
            for event in run.events():
                seen.append(event)
                if isinstance(event, ProgressEvent) and event.phase is Phase.DOWNLOAD:
                    run.cancel()
    finally:
        for server in (demo.slow, demo.good):
            server.clear_faults(prefix + "kernel")
    assert not any(isinstance(e, ProgressEvent) and e.phase is Phase.INSTALL for e in seen)
    assert rpmdb_state(root) == before
    assert not list((root / "var/cache/urpmi/partial").glob("*"))


def test_testing_medium_enable_refresh_install_disable(root: Path) -> None:
    cfg = root / "etc/urpmi/urpmi.cfg"
    original = cfg.read_text()
    keys_before = rpmdb_state(root)[1]
    # Enabling also fetches the medium's metadata and binds its key, as
    # "urpmi.update --no-ignore NAME; urpmi.update NAME" does.
    result = run_helper(medium_request("XtreemOS_Testing", enable=True), root=root)
    assert result.message == "medium XtreemOS_Testing enabled"
    testing = parse_urpmicfg(cfg.read_text(), source="urpmi.cfg").medium("XtreemOS_Testing")
    (key_id,) = testing.key_ids
    assert set(rpmdb_state(root)[1]) == {*keys_before, key_id}
    # Only the ignore line went and the key-ids line came, in that block.
    enabled = original.replace(
        "XtreemOS_Testing  {\n  ignore\n", f"XtreemOS_Testing  {{\n  key-ids: {key_id}\n"
    )
    assert cfg.read_text() == enabled
    assert (root / "var/lib/urpmi/XtreemOS_Testing/synthesis.hdlist.cz").is_file()
    result = run_helper(refresh_request(["XtreemOS_Testing"]), root=root)
    assert result.details == ("XtreemOS_Testing",)
    assert cfg.read_text() == enabled
    result = run_helper(install_request(["xos-pam"], media=["XtreemOS_Testing"]), root=root)
    assert [p.fullname for p in result.packages] == ["xos-pam-2.0.2-1xos2.0.x86_64"]
    run_helper(medium_request("XtreemOS_Testing", enable=False), root=root)
    assert cfg.read_text() == enabled.replace(
        "XtreemOS_Testing  {\n", "XtreemOS_Testing  {\n  ignore\n"
    )


def test_enabling_a_medium_whose_mirror_is_down_still_enables_it(
    root: Path, demo: DemoServer
) -> None:
    prefix = "/" + demo.sandbox.distrib_url_path + "/media/xtreemos/testing"
    for server in (demo.slow, demo.good):
        server.fault(prefix, status=500)
    try:
        result = run_helper(medium_request("XtreemOS_Testing", enable=True), root=root)
    finally:
        for server in (demo.slow, demo.good):
            server.clear_faults(prefix)
    assert result.ok and "could not be fetched yet" in result.message
    testing = parse_urpmicfg((root / "etc/urpmi/urpmi.cfg").read_text(), source="urpmi.cfg").medium(
        "XtreemOS_Testing"
    )
    assert testing.enabled and not testing.key_ids
    with pytest.raises(MediumWithoutKeyError, match="enable it again"):
        run_helper(install_request(["xos-pam"], media=["XtreemOS_Testing"]), root=root)
    # A refresh (whose authorisation is kept) fetches the metadata but trusts no key.
    keys = rpmdb_state(root)[1]
    run_helper(refresh_request(["XtreemOS_Testing"]), root=root)
    assert (root / "var/lib/urpmi/XtreemOS_Testing/synthesis.hdlist.cz").is_file()
    assert not _key_ids(root, "XtreemOS_Testing") and rpmdb_state(root)[1] == keys
    # Enabling it again (asked for every time) does.
    result = run_helper(medium_request("XtreemOS_Testing", enable=True), root=root)
    assert result.message == "medium XtreemOS_Testing was already enabled"
    (key_id,) = _key_ids(root, "XtreemOS_Testing")
    assert set(rpmdb_state(root)[1]) == {*keys, key_id}


def _key_ids(root: Path, medium: str) -> tuple[str, ...]:
    cfg = parse_urpmicfg((root / "etc/urpmi/urpmi.cfg").read_text(), source="urpmi.cfg")
    return cfg.medium(medium).key_ids


def test_refresh_every_enabled_medium(root: Path) -> None:
    _status, events = in_process(root, "refresh", {"protocol": 1})
    result = events[-1]
    assert isinstance(result, ResultEvent)
    assert result.ok
    assert result.details == ("Main", "Contrib", "XtreemOS", "XtreemOS_Updates")
    assert [e.text for e in events if isinstance(e, LogEvent)] == [
        f"medium {name} is up-to-date" for name in result.details
    ]
