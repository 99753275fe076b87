# SPDX-License-Identifier: GPL-2.0-or-later
"""Refreshing media over loopback HTTP, with the faults of real mirrors: each ends in a
verified cache, a resumed download, failover, or one error naming mirror and medium while
the previous cache stays intact and the update engine still answers from it."""

from __future__ import annotations

import dataclasses
import errno
import gzip
import hashlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.trust.conftest import FAST, TrustEnv
from tests.integration.trust.ftpserver import FtpServer
from xosupdate.domain.progress import CancelToken, Phase, Progress
from xosupdate.errors import (
    ChecksumMismatchError,
    HTTPStatusError,
    MediumNotFoundError,
    MirrorsFailedError,
    NetworkError,
    NoMetadataError,
    SyncCancelledError,
)
from xosupdate.services.demo import DemoSandbox, DemoServer, serve_demo
from xosupdate.services.mirrors import MirrorResolver
from xosupdate.services.refresh import (
    MAX_RESUMES,
    MediumRefresh,
    RefreshReport,
    RefreshStatus,
    refresh_media,
)
from xosupdate.services.updates import compute_updates
from xosupdate.system.http import HttpTransport
from xosupdate.system.metacache import MetadataCache

pytestmark = pytest.mark.integration


def refresh(env: TrustEnv, **kw: object) -> RefreshReport:
    return refresh_media(env.root, cache_dir=env.cache, settings=env.settings, **kw)  # type: ignore[arg-type]


def by_name(report: RefreshReport) -> dict[str, MediumRefresh]:
    return {r.medium: r for r in report.results}


def cache_of(env: TrustEnv) -> MetadataCache:
    return MetadataCache(env.cache, env.root)


def snapshot(env: TrustEnv, medium: str) -> dict[str, bytes]:
    directory = cache_of(env).medium_dir(medium)
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def leftovers(env: TrustEnv) -> list[str]:
    media = cache_of(env).root_dir / "media"
    return sorted(p.name for p in media.iterdir() if p.name.startswith("."))


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def candidates(env: TrustEnv) -> set[tuple[str, str, str]]:
    plan = compute_updates(env.root, cache_dir=env.cache, use_result_cache=False)
    assert plan.problems == ()
    return {(c.name, str(c.candidate), c.medium) for c in plan.candidates}


def serve_changed_main(env: TrustEnv) -> bytes:
    """Make Main look changed: its MD5SUM and synthesis now list one package (xos-new)."""
    text = b"@summary@new\n@info@xos-new-1.0-1xos2.0.noarch@0@1@System/Base\n"
    synthesis = gzip.compress(text)
    md5sum = f"{md5(synthesis)}  synthesis.hdlist.cz\n".encode()
    env.mirror.fault(env.md5sum_path("Main"), content=md5sum)
    env.mirror.fault(env.info_path("Main", "synthesis.hdlist.cz"), content=synthesis)
    return synthesis


# ---------------------------------------------------------------- the normal cases


def test_first_refresh_fills_the_verified_cache(trust_env: TrustEnv) -> None:
    progress: list[Progress] = []
    report = refresh(trust_env, progress=progress.append)
    results = by_name(report)
    assert list(results) == ["Main", "Main Updates"]  # Main Testing is ignored
    assert results["Main"].summary == "updated (7 packages)"
    assert results["Main Updates"].summary == "updated (1 package)"
    assert results["Main"].source == trust_env.medium_url("Main")
    assert report.failed == ()
    main = snapshot(trust_env, "Main")
    assert sorted(main) == ["MD5SUM", "pubkey", "state.json", "synthesis.hdlist.cz"]
    assert main["synthesis.hdlist.cz"] == trust_env.tree.medium("Main").synthesis.read_bytes()
    updates = snapshot(trust_env, "Main Updates")
    assert "descriptions" in updates  # an update medium
    state = json.loads(updates["state.json"])
    assert state["etag"] and state["md5sum_url"].endswith("/main/updates/media_info/MD5SUM")
    assert [k["short_id"] for k in state["keys"]] == [trust_env.keys["updates"].short_id]
    paths = trust_env.mirror.paths()
    assert sorted(p.rsplit("/", 3)[-3] + "/" + p.rsplit("/", 1)[-1] for p in paths) == sorted(
        [
            "release/MD5SUM",
            "release/synthesis.hdlist.cz",
            "release/pubkey",
            "updates/MD5SUM",
            "updates/synthesis.hdlist.cz",
            "updates/descriptions",
            "updates/pubkey",
        ]
    )
    assert leftovers(trust_env) == []
    assert ("xos-good", "1.1-1xos2.0", "Main Updates") in candidates(trust_env)
    phases = {p.phase for p in progress}
    assert {Phase.CHECK, Phase.DOWNLOAD, Phase.VERIFY, Phase.DONE} <= phases
    assert all(p.medium in ("Main", "Main Updates") for p in progress)


def test_unchanged_media_cost_one_conditional_request_each(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    trust_env.mirror.clear_log()
    report = refresh(trust_env)
    assert [r.summary for r in report.results] == ["up to date", "up to date"]
    log = trust_env.mirror.log
    assert sorted(r.path for r in log) == sorted(
        [trust_env.md5sum_path("Main"), trust_env.md5sum_path("Main Updates")]
    )
    assert all(r.status == 304 and "If-None-Match" in r.headers for r in log)
    assert all("If-Modified-Since" in r.headers for r in log)


def test_identical_md5sum_is_up_to_date_without_validators(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    state_file = cache_of(trust_env).medium_dir("Main") / "state.json"
    state = json.loads(state_file.read_text())
    state_file.write_text(json.dumps({**state, "etag": "", "last_modified": ""}))
    trust_env.mirror.clear_log()
    assert by_name(refresh(trust_env))["Main"].status is RefreshStatus.UP_TO_DATE
    [main] = trust_env.mirror.requests_to(trust_env.md5sum_path("Main"))
    assert main.status == 200 and "If-None-Match" not in main.headers
    assert json.loads(state_file.read_text())["etag"]  # validators recorded for next time
    trust_env.mirror.clear_log()
    refresh(trust_env)
    assert {r.status for r in trust_env.mirror.log} == {304}


def test_a_cache_damaged_on_disk_is_fetched_again(
    trust_env: TrustEnv, caplog: pytest.LogCaptureFixture
) -> None:
    refresh(trust_env)
    good = snapshot(trust_env, "Main")["synthesis.hdlist.cz"]
    # What a power cut after the rename can leave: the file there, its content not.
    (cache_of(trust_env).medium_dir("Main") / "synthesis.hdlist.cz").write_bytes(b"")
    trust_env.mirror.clear_log()
    caplog.set_level("WARNING")
    report = by_name(refresh(trust_env))
    assert report["Main"].status is RefreshStatus.UPDATED
    assert report["Main Updates"].status is RefreshStatus.UP_TO_DATE
    assert "medium Main: cached synthesis.hdlist.cz is damaged" in caplog.text
    caplog.clear()
    assert snapshot(trust_env, "Main")["synthesis.hdlist.cz"] == good
    # Asked again without validators (a 304 would have kept the damage).
    [main] = trust_env.mirror.requests_to(trust_env.md5sum_path("Main"))
    assert main.status == 200 and "If-None-Match" not in main.headers


def test_a_changed_medium_is_replaced_whole(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    synthesis = serve_changed_main(trust_env)
    report = by_name(refresh(trust_env))
    assert report["Main"].summary == "updated (1 package)"
    assert report["Main Updates"].status is RefreshStatus.UP_TO_DATE
    assert snapshot(trust_env, "Main")["synthesis.hdlist.cz"] == synthesis
    assert leftovers(trust_env) == []


def test_versioned_synthesis_name_is_fetched(trust_env: TrustEnv) -> None:
    synthesis = trust_env.tree.medium("Main").synthesis.read_bytes()
    versioned = "20260101-120000-synthesis.hdlist.cz"
    trust_env.mirror.fault(
        trust_env.md5sum_path("Main"),
        content=f"{md5(synthesis)}  synthesis.hdlist.cz\n{md5(synthesis)}  {versioned}\n".encode(),
    )
    trust_env.mirror.fault(trust_env.info_path("Main", versioned), content=synthesis)
    assert by_name(refresh(trust_env))["Main"].status is RefreshStatus.UPDATED
    fetched = [p.rsplit("/", 1)[1] for p in trust_env.mirror.paths() if "/release/" in p]
    assert versioned in fetched and "synthesis.hdlist.cz" not in fetched
    assert snapshot(trust_env, "Main")["synthesis.hdlist.cz"] == synthesis


def test_named_media_are_refreshed_even_when_ignored(trust_env: TrustEnv) -> None:
    report = refresh(trust_env, names=["Main Testing"])
    [testing] = report.results
    assert testing.summary == "updated (1 package)"
    other = trust_env.keys["other"].short_id
    note = (
        f"pubkey offers key {other}, which urpmi.cfg does not bind to this medium yet "
        "(urpmi.update imports it)"
    )
    assert testing.notes == (note,)
    assert testing.key_change is None
    with pytest.raises(MediumNotFoundError):
        refresh(trust_env, names=["Nope"])


# ---------------------------------------------------------------- faults


@pytest.mark.parametrize("status", [404, 500])
def test_http_error_on_one_medium(trust_env: TrustEnv, status: int) -> None:
    refresh(trust_env)
    before = snapshot(trust_env, "Main Updates")
    expected = candidates(trust_env)
    serve_changed_main(trust_env)
    trust_env.mirror.fault(trust_env.md5sum_path("Main Updates"), status=status)
    results = by_name(refresh(trust_env))
    assert results["Main"].status is RefreshStatus.UPDATED  # the other medium still refreshes
    failed = results["Main Updates"]
    assert failed.status is RefreshStatus.FAILED
    assert isinstance(failed.error, HTTPStatusError) and failed.error.status == status
    url = trust_env.medium_url("Main Updates") + "/media_info/MD5SUM"
    assert str(failed.error) == f"medium Main Updates: {url}: HTTP {status}"
    assert failed.summary == f"failed: {url}: HTTP {status}"
    assert snapshot(trust_env, "Main Updates") == before
    # The update engine still answers from the previous Main Updates metadata.
    assert ("xos-good", "1.1-1xos2.0", "Main Updates") in expected
    assert ("xos-good", "1.1-1xos2.0", "Main Updates") in candidates(trust_env)


def test_wrong_md5sum_keeps_the_previous_cache(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    before = snapshot(trust_env, "Main")
    trust_env.mirror.fault(
        trust_env.md5sum_path("Main"),
        content=b"0123456789abcdef0123456789abcdef  synthesis.hdlist.cz\n",
    )
    results = by_name(refresh(trust_env))
    error = results["Main"].error
    assert isinstance(error, ChecksumMismatchError)
    assert error.medium == "Main" and error.url is not None
    assert error.url.startswith(trust_env.medium_url("Main"))
    assert error.expected == "0123456789abcdef0123456789abcdef"
    assert results["Main Updates"].status is RefreshStatus.UP_TO_DATE
    assert snapshot(trust_env, "Main") == before
    assert leftovers(trust_env) == []
    assert not list(cache_of(trust_env).partial_dir("Main").glob("*.part"))


@pytest.mark.parametrize("fault", ["truncate_at", "reset_after"])
def test_broken_transfer_resumes_with_range(trust_env: TrustEnv, fault: str) -> None:
    path = trust_env.info_path("Main", "synthesis.hdlist.cz")
    trust_env.mirror.fault(path, times=1, **{fault: 100})  # type: ignore[arg-type]
    assert by_name(refresh(trust_env))["Main"].status is RefreshStatus.UPDATED
    first, second = trust_env.mirror.requests_to(path)
    assert (first.status, first.bytes_sent, "Range" in first.headers) == (200, 100, False)
    assert (second.status, second.headers["Range"]) == (206, "bytes=100-")
    size = trust_env.tree.medium("Main").synthesis.stat().st_size
    assert second.bytes_sent == size - 100
    assert snapshot(trust_env, "Main")["synthesis.hdlist.cz"] == (
        trust_env.tree.medium("Main").synthesis.read_bytes()
    )


def test_partial_download_is_resumed_by_the_next_run(trust_env: TrustEnv) -> None:
    path = trust_env.info_path("Main", "synthesis.hdlist.cz")
    trust_env.mirror.fault(path, reset_after=10)  # every answer breaks off
    failed = by_name(refresh(trust_env))["Main"]
    assert isinstance(failed.error, NetworkError)
    assert "transfer broke off" in str(failed.error) and "medium Main" in str(failed.error)
    part = cache_of(trust_env).partial_dir("Main") / "synthesis.hdlist.cz.part"
    kept = part.stat().st_size
    assert kept == 10 * (1 + MAX_RESUMES)
    assert cache_of(trust_env).file("Main", "synthesis.hdlist.cz") is None
    trust_env.mirror.clear_faults()
    trust_env.mirror.clear_log()
    assert by_name(refresh(trust_env))["Main"].status is RefreshStatus.UPDATED
    [resumed] = trust_env.mirror.requests_to(path)
    assert resumed.headers["Range"] == f"bytes={kept}-"
    assert not part.exists()


def test_timeout_names_mirror_and_medium(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    before = snapshot(trust_env, "Main Updates")
    trust_env.mirror.fault(trust_env.md5sum_path("Main Updates"), hang=True)
    results = by_name(refresh(trust_env))
    error = results["Main Updates"].error
    assert isinstance(error, NetworkError)
    assert str(error) == (
        f"medium Main Updates: {trust_env.medium_url('Main Updates')}/media_info/MD5SUM: "
        "timed out (0.5 s without data)"
    )
    assert results["Main"].status is RefreshStatus.UP_TO_DATE
    assert snapshot(trust_env, "Main Updates") == before


def test_captive_portal_is_no_metadata(trust_env: TrustEnv) -> None:
    trust_env.mirror.fault(
        trust_env.md5sum_path("Main"),
        content=b"<!DOCTYPE html>\n<html><body>Please log in</body></html>\n",
    )
    failed = by_name(refresh(trust_env))["Main"]
    assert isinstance(failed.error, NoMetadataError)
    assert "HTML page" in str(failed.error)
    assert cache_of(trust_env).file("Main", "MD5SUM") is None


def test_cancel_keeps_the_cache(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    before = snapshot(trust_env, "Main")
    serve_changed_main(trust_env)
    token = CancelToken()

    def progress(p: Progress) -> None:
        if p.phase is Phase.DOWNLOAD:
            token.cancel()

    with pytest.raises(SyncCancelledError):
        refresh(trust_env, progress=progress, cancel=token)
    assert snapshot(trust_env, "Main") == before
    assert leftovers(trust_env) == []


# ---------------------------------------------------------------- mirror lists


@pytest.fixture
def demo(demo_sandbox: DemoSandbox) -> Iterator[DemoServer]:
    with serve_demo(demo_sandbox, slow_delay=1.0) as server:
        yield server


def demo_refresh(
    sandbox: DemoSandbox, demo: DemoServer, cache: Path, *, probe: bool
) -> RefreshReport:
    settings = dataclasses.replace(FAST, mirrorlist_base_url=demo.mirrorlist_base_url)
    with HttpTransport(connect_timeout=0.5, read_timeout=0.5) as http:
        resolver = MirrorResolver(
            sandbox.root,
            transport=http,
            settings=settings,
            cache=MetadataCache(cache, sandbox.root),
            probe=probe,
        )
        return refresh_media(
            sandbox.root, cache_dir=cache, settings=settings, transport=http, resolver=resolver
        )


def test_mirror_list_medium_fails_over_dead_slow_good(
    demo_sandbox: DemoSandbox, demo: DemoServer, tmp_path: Path
) -> None:
    # Without probes the list order is used: the dead mirror, the slow one, the good one.
    report = demo_refresh(demo_sandbox, demo, tmp_path / "cache", probe=False)
    assert [r.status for r in report.results] == [RefreshStatus.UPDATED] * 4
    assert {r.source.rsplit("/media/", 1)[0] for r in report.results} == {demo.distrib_url}
    cache = MetadataCache(tmp_path / "cache", demo_sandbox.root)
    order = json.loads(cache.mirrors_file.read_text())["lists"][demo.mirrorlist_url]["order"]
    assert order[0] == {"url": demo.distrib_url, "latency": None, "error": None}
    assert {o["url"]: o["error"] for o in order[1:]} == {
        demo.dead_url: "connection refused",
        demo.slow_url: "timed out (0.5 s without data)",
    }
    # The next run starts with the good mirror: one request per medium, all answered 304.
    demo.good.clear_log()
    demo.slow.clear_log()
    again = demo_refresh(demo_sandbox, demo, tmp_path / "cache", probe=False)
    assert {r.status for r in again.results} == {RefreshStatus.UP_TO_DATE}
    assert [r.status for r in demo.good.log] == [304] * 4
    assert demo.slow.log == ()


def test_every_mirror_failing_is_one_error(
    demo_sandbox: DemoSandbox, demo: DemoServer, tmp_path: Path
) -> None:
    demo.good.fault("/" + demo_sandbox.distrib_url_path, status=404)
    report = demo_refresh(demo_sandbox, demo, tmp_path / "cache", probe=False)
    main = report.results[0]
    assert isinstance(main.error, MirrorsFailedError)
    text = str(main.error)
    assert text.startswith("medium Main: no mirror worked (3 tried): ")
    for url, reason in (
        (demo.dead_url, "connection refused"),
        (demo.slow_url, "timed out"),
        (demo.distrib_url, "HTTP 404"),
    ):
        assert f"{url}/media/main/release/media_info/MD5SUM: {reason}" in text
    assert len(report.failed) == 4


def test_first_refresh_reuses_urpmi_copies_that_are_current(
    demo_sandbox: DemoSandbox, demo: DemoServer, tmp_path: Path
) -> None:
    # The demo root's var/lib/urpmi holds what urpmi.update fetched: same MD5SUM files.
    settings = dataclasses.replace(FAST, mirrorlist_base_url=demo.mirrorlist_base_url)
    report = refresh_media(demo_sandbox.root, cache_dir=tmp_path / "cache", settings=settings)
    assert [r.status for r in report.results] == [RefreshStatus.UPDATED] * 4
    fetched = {p.rsplit("/", 1)[1] for p in demo.good.paths() if "/media/" in p}
    assert fetched == {"MD5SUM", "pubkey", "media.cfg"}  # media.cfg: the probe
    cache = MetadataCache(tmp_path / "cache", demo_sandbox.root)
    updates = demo_sandbox.medium("XtreemOS_Updates")
    state = demo_sandbox.root / "var/lib/urpmi/XtreemOS_Updates"
    for name in ("synthesis.hdlist.cz", "descriptions"):
        cached = cache.file(updates.name, name)
        assert cached is not None and cached.read_bytes() == (state / name).read_bytes()


def test_unwritable_cache_fails_the_medium_only(
    trust_env: TrustEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh(trust_env)
    before = snapshot(trust_env, "Main")
    serve_changed_main(trust_env)

    def full(*args: object, **kw: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    results = by_name(refresh(trust_env))
    assert str(results["Main"].error) == (
        "medium Main: cannot write the cache: No space left on device"
    )
    assert results["Main Updates"].status is RefreshStatus.UP_TO_DATE
    assert snapshot(trust_env, "Main") == before


def test_ftp_media(trust_env: TrustEnv) -> None:
    with FtpServer(trust_env.tree.root) as ftp:
        cfg = trust_env.root / "etc/urpmi/urpmi.cfg"
        cfg.write_text(cfg.read_text().replace(trust_env.mirror.url, ftp.url))
        first = by_name(refresh(trust_env))
        assert first["Main"].summary == "updated (7 packages)"
        assert first["Main"].source == f"{ftp.url}/media/main/release"
        retrieved = len([c for c in ftp.log if c.startswith("RETR")])
        again = refresh(trust_env)
        assert {r.status for r in again.results} == {RefreshStatus.UP_TO_DATE}
        assert len([c for c in ftp.log if c.startswith("RETR")]) == retrieved  # no transfer
    assert trust_env.mirror.log == ()
