# SPDX-License-Identifier: GPL-2.0-or-later
"""HttpTransport against a loopback MirrorServer: bounded reads, conditional requests,
resumed downloads, cancellation, and every failure mapped to one xosupdate error."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.tools import misbehave
from tests.integration.trust.ftpserver import FtpServer
from xosupdate.domain.progress import CancelToken
from xosupdate.errors import HTTPStatusError, NetworkError, SyncCancelledError
from xosupdate.repo import MirrorServer
from xosupdate.system.http import HttpTransport, Response

pytestmark = pytest.mark.integration

BODY = bytes(range(256)) * 1024  # 256 KiB: several chunks
PATH = "/media/main/release/media_info/synthesis.hdlist.cz"


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[MirrorServer]:
    tree = tmp_path / "tree"
    target = tree / PATH.lstrip("/")
    target.parent.mkdir(parents=True)
    target.write_bytes(BODY)
    os.utime(target, (1223510400, 1223510400))
    with MirrorServer(tree) as server:
        yield server


@pytest.fixture
def http() -> Iterator[HttpTransport]:
    with HttpTransport(connect_timeout=0.5, read_timeout=0.5) as transport:
        yield transport


def test_get_whole_file_with_validators(mirror: MirrorServer, http: HttpTransport) -> None:
    seen: list[tuple[int, int | None]] = []
    r = http.get(mirror.url + PATH, progress=lambda done, total: seen.append((done, total)))
    assert (r.status, r.body, r.size, r.total_size) == (200, BODY, len(BODY), len(BODY))
    assert r.etag and r.last_modified
    assert seen[-1] == (len(BODY), len(BODY))
    assert len(seen) > 1  # progress per chunk
    assert mirror.log[-1].headers["User-Agent"].startswith("xosupdate/")


def test_conditional_get_answers_304(mirror: MirrorServer, http: HttpTransport) -> None:
    first = http.get(mirror.url + PATH)
    assert first.etag is not None
    again = http.get(mirror.url + PATH, headers={"If-None-Match": first.etag})
    assert again.not_modified and again.body == b""
    assert first.last_modified is not None
    since = http.get(mirror.url + PATH, headers={"If-Modified-Since": first.last_modified})
    assert since.not_modified


def test_range_and_stop_after(mirror: MirrorServer, http: HttpTransport) -> None:
    r = http.get(mirror.url + PATH, headers={"Range": "bytes=100-199"})
    assert (r.status, r.body, r.total_size) == (206, BODY[100:200], len(BODY))
    cut = http.get(mirror.url + PATH, stop_after=1000)
    assert cut.truncated and cut.body[:1000] == BODY[:1000]


def test_status_errors_name_url_and_medium(mirror: MirrorServer, http: HttpTransport) -> None:
    with pytest.raises(HTTPStatusError) as e:
        http.get(mirror.url + "/nothing", medium="Main")
    assert e.value.status == 404
    assert str(e.value) == f"medium Main: {mirror.url}/nothing: HTTP 404"
    mirror.fault(PATH, status=500)
    with pytest.raises(HTTPStatusError, match="HTTP 500"):
        http.get(mirror.url + PATH)


def test_network_failures(mirror: MirrorServer, http: HttpTransport, tmp_path: Path) -> None:
    mirror.fault(PATH, hang=True, times=1)
    with pytest.raises(NetworkError, match=r"timed out \(0.5 s without data\)") as e:
        http.get(mirror.url + PATH, medium="Main")
    assert e.value.medium == "Main" and e.value.url == mirror.url + PATH
    mirror.fault(PATH, truncate_at=1000, times=1)
    with pytest.raises(NetworkError, match="transfer broke off"):
        http.get(mirror.url + PATH)
    mirror.fault(PATH, reset_after=70000, times=1)
    with pytest.raises(NetworkError, match="transfer broke off: connection reset"):
        http.get(mirror.url + PATH)
    dead = MirrorServer(tmp_path)
    dead.stop()
    with pytest.raises(NetworkError, match="connection refused"):
        http.get(dead.url + PATH)
    with pytest.raises(NetworkError, match="larger than 1000 bytes"):
        http.get(mirror.url + PATH, max_bytes=1000)
    with pytest.raises(NetworkError, match=r"gopher:// is not supported"):
        http.get("gopher://127.0.0.1/x")
    # URLs urllib or ftplib cannot use: one error naming them, never a bare ValueError.
    for bad in ("ftp://127.0.0.1:99999/x", "http://[::1/x", "http://127.0.0.1:99999/x"):
        with pytest.raises(NetworkError, match="invalid URL") as e:
            http.get(bad, medium="Main")
        assert e.value.url == bad


def test_a_body_sent_a_byte_at_a_time_is_given_up(mirror: MirrorServer) -> None:
    """No read ever times out, yet the mirror is of no use: below 1 KiB/s over a window
    of four read timeouts (2 s here) the transfer stops."""
    mirror.fault(PATH, drip=0.05)
    with HttpTransport(connect_timeout=0.5, read_timeout=0.5) as http:
        with pytest.raises(NetworkError, match=r"too slow: \d+ bytes in 2 s") as e:
            http.get(mirror.url + PATH, medium="Main")
    assert e.value.medium == "Main"


def test_headers_sent_a_byte_at_a_time_are_given_up(mirror: MirrorServer) -> None:
    """Every read gets a byte before its timeout, yet the answer never completes: the
    headers must have come within the window of four read timeouts (2 s here)."""
    mirror.fault(PATH, drip_headers=0.05)
    with HttpTransport(connect_timeout=0.5, read_timeout=0.5) as http:
        started = time.monotonic()
        with pytest.raises(NetworkError, match=r"no complete answer within 2 s") as e:
            http.get(mirror.url + PATH, medium="Main")
        assert time.monotonic() - started < 4
    assert e.value.medium == "Main" and e.value.url == mirror.url + PATH


@pytest.mark.parametrize("fault", ["hang", "drip_headers", "drip"])
@pytest.mark.parametrize("call", ["get", "download"])
def test_cancel_ends_a_read_under_way(
    mirror: MirrorServer, tmp_path: Path, fault: str, call: str
) -> None:
    """A silent mirror, headers or a body coming a byte at a time: with a read timeout of
    30 s, the cancel request still ends the request within a fraction of a second."""
    misbehave(mirror, PATH, fault)
    token = CancelToken()
    timer = threading.Timer(0.3, token.cancel)
    with HttpTransport(connect_timeout=5, read_timeout=30) as http:
        timer.start()
        started = time.monotonic()
        try:
            with pytest.raises(SyncCancelledError):
                if call == "get":
                    http.get(mirror.url + PATH, cancel=token, medium="Main")
                else:
                    http.download(mirror.url + PATH, tmp_path / "x.part", cancel=token)
        finally:
            timer.cancel()
    assert time.monotonic() - started < 2


def test_download_resumes_after_a_reset(
    mirror: MirrorServer, http: HttpTransport, tmp_path: Path
) -> None:
    part = tmp_path / "partial" / "synthesis.hdlist.cz.part"
    mirror.fault(PATH, reset_after=100_000, times=1)
    with pytest.raises(NetworkError):
        http.download(mirror.url + PATH, part)
    kept = part.stat().st_size
    assert 0 < kept < len(BODY)
    mirror.clear_log()
    r = http.download(mirror.url + PATH, part)
    assert (r.status, r.offset, r.size) == (206, kept, len(BODY))
    assert part.read_bytes() == BODY
    [record] = mirror.log
    assert record.headers["Range"] == f"bytes={kept}-"
    assert record.headers["If-Range"]
    assert record.bytes_sent == len(BODY) - kept


def test_download_restarts_when_the_file_changed(
    mirror: MirrorServer, http: HttpTransport, tmp_path: Path
) -> None:
    part = tmp_path / "x.part"
    mirror.fault(PATH, truncate_at=5000, times=1)
    with pytest.raises(NetworkError):
        http.download(mirror.url + PATH, part)
    new = b"new content" * 100
    (mirror.root_dir / PATH.lstrip("/")).write_bytes(new)
    r = http.download(mirror.url + PATH, part)
    assert (r.status, r.offset) == (200, 0)
    assert part.read_bytes() == new


def test_download_of_another_url_starts_over(
    mirror: MirrorServer, http: HttpTransport, tmp_path: Path
) -> None:
    part = tmp_path / "x.part"
    mirror.fault(PATH, truncate_at=5000, times=1)
    with pytest.raises(NetworkError):
        http.download(mirror.url + PATH, part)
    r = http.download(mirror.url + PATH + "?other", part)
    assert r.offset == 0 and part.read_bytes() == BODY


def test_cancel_between_chunks(mirror: MirrorServer, http: HttpTransport) -> None:
    token = CancelToken()

    def progress(done: int, total: int | None) -> None:
        token.cancel()

    with pytest.raises(SyncCancelledError):
        http.get(mirror.url + PATH, progress=progress, cancel=token, medium="Main")
    with pytest.raises(SyncCancelledError):
        http.get(mirror.url + PATH, cancel=token)  # checked before connecting too


def test_local_files(tmp_path: Path, http: HttpTransport) -> None:
    f = tmp_path / "tree" / "MD5SUM"
    f.parent.mkdir()
    f.write_bytes(b"0123456789")
    for url in (f"file://{f}", str(f)):
        r = http.get(url)
        assert (r.status, r.body) == (200, b"0123456789")
        assert r.etag is not None
        assert http.get(url, headers={"If-None-Match": r.etag}).not_modified
        part = http.get(url, headers={"Range": "bytes=2-4"})
        assert (part.status, part.body, part.total_size) == (206, b"234", 10)
    with pytest.raises(HTTPStatusError) as e:
        http.get(f"file://{tmp_path}/missing", medium="Local")
    assert e.value.status == 404
    dest = tmp_path / "copy.part"
    assert http.download(str(f), dest).size == 10
    assert dest.read_bytes() == b"0123456789"


def test_response_total_size() -> None:
    assert Response(url="u", status=200, headers={"content-length": "5"}).total_size == 5
    assert Response(url="u", status=206, headers={"content-length": "5"}).total_size is None
    ranged = Response(url="u", status=206, headers={"content-range": "bytes 0-4/99"})
    assert ranged.total_size == 99


# ---------------------------------------------------------------- ftp://


@pytest.fixture
def ftp(tmp_path: Path) -> Iterator[FtpServer]:
    target = tmp_path / "ftp" / PATH.lstrip("/")
    target.parent.mkdir(parents=True)
    target.write_bytes(BODY)
    with FtpServer(tmp_path / "ftp") as server:
        yield server


def test_ftp_get_conditional_and_ranges(ftp: FtpServer, http: HttpTransport) -> None:
    r = http.get(ftp.url + PATH, medium="Main")
    assert (r.status, r.body, r.total_size) == (200, BODY, len(BODY))
    assert r.etag is not None and r.etag.startswith('"ftp-')
    before = len(ftp.log)
    assert http.get(ftp.url + PATH, headers={"If-None-Match": r.etag}).not_modified
    assert [c.split()[0] for c in ftp.log[before:]] == ["USER", "PASS", "TYPE", "SIZE", "MDTM"]
    part = http.get(ftp.url + PATH, headers={"Range": "bytes=100-199"})
    assert (part.status, part.body, part.total_size) == (206, BODY[100:200], len(BODY))
    assert "REST 100" in ftp.log
    head = http.get(ftp.url + PATH, stop_after=1000)
    assert head.truncated and head.body == BODY[:1000]
    with pytest.raises(HTTPStatusError) as e:
        http.get(ftp.url + "/nothing", medium="Main")
    assert e.value.status == 404 and e.value.medium == "Main"


def test_ftp_download_resumes(ftp: FtpServer, http: HttpTransport, tmp_path: Path) -> None:
    part = tmp_path / "x.part"
    ftp.cut_after = 70_000
    with pytest.raises(NetworkError, match="transfer broke off|426"):
        http.download(ftp.url + PATH, part)
    kept = part.stat().st_size
    assert kept == 70_000
    r = http.download(ftp.url + PATH, part)
    assert (r.offset, r.size) == (kept, len(BODY))
    assert part.read_bytes() == BODY
    assert f"REST {kept}" in ftp.log
