# SPDX-License-Identifier: GPL-2.0-or-later
"""MirrorServer: Range, conditional requests, the request log, faults, clean shutdown."""

from __future__ import annotations

import email.utils
import http.client
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from xosupdate.repo import MirrorServer

pytestmark = pytest.mark.integration

BODY = bytes(range(256)) * 40  # 10240 bytes
MTIME = 1223510400  # 2008-10-09


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[MirrorServer]:
    info = tmp_path / "media" / "main" / "release" / "media_info"
    info.mkdir(parents=True)
    (info / "synthesis.hdlist.cz").write_bytes(BODY)
    (info / "MD5SUM").write_text("0" * 32 + "  synthesis.hdlist.cz\n")
    (tmp_path / "empty").write_bytes(b"")
    for f in (info / "synthesis.hdlist.cz", info / "MD5SUM", tmp_path / "empty"):
        os.utime(f, (MTIME, MTIME))
    with MirrorServer(tmp_path) as server:
        yield server


SYN = "/media/main/release/media_info/synthesis.hdlist.cz"


def get(
    mirror: MirrorServer, path: str, *, method: str = "GET", timeout: float = 5, **headers: str
) -> tuple[http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection(mirror.host, mirror.port, timeout=timeout)
    try:
        conn.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        resp = conn.getresponse()
        return resp, resp.read()
    finally:
        conn.close()


def test_whole_file(mirror: MirrorServer) -> None:
    resp, body = get(mirror, SYN)
    assert (resp.status, body) == (200, BODY)
    assert resp.getheader("Content-Length") == str(len(BODY))
    assert resp.getheader("Accept-Ranges") == "bytes"
    assert resp.getheader("Last-Modified") == email.utils.formatdate(MTIME, usegmt=True)
    etag = resp.getheader("ETag")
    assert etag is not None
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    assert mirror.url == f"http://127.0.0.1:{mirror.port}"


def test_head(mirror: MirrorServer) -> None:
    resp, body = get(mirror, SYN, method="HEAD")
    assert (resp.status, body) == (200, b"")
    assert resp.getheader("Content-Length") == str(len(BODY))


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, len(BODY) - 1),
        ("bytes=-96", len(BODY) - 96, len(BODY) - 1),
        ("bytes=10000-99999", 10000, len(BODY) - 1),
        ("bytes=-99999", 0, len(BODY) - 1),
    ],
)
def test_ranges(mirror: MirrorServer, value: str, start: int, end: int) -> None:
    resp, body = get(mirror, SYN, Range=value)
    assert resp.status == 206
    assert body == BODY[start : end + 1]
    assert resp.getheader("Content-Range") == f"bytes {start}-{end}/{len(BODY)}"
    assert resp.getheader("Content-Length") == str(end - start + 1)


@pytest.mark.parametrize("value", ["bytes=10240-", "bytes=20000-20010", "bytes=-0"])
def test_unsatisfiable_range(mirror: MirrorServer, value: str) -> None:
    resp, _ = get(mirror, SYN, Range=value)
    assert resp.status == 416
    assert resp.getheader("Content-Range") == f"bytes */{len(BODY)}"


@pytest.mark.parametrize("value", ["bytes=5-1", "bytes=0-1,5-6", "lines=1-2", "bytes=-"])
def test_ignored_range_gives_the_whole_file(mirror: MirrorServer, value: str) -> None:
    resp, body = get(mirror, SYN, Range=value)
    assert (resp.status, body) == (200, BODY)


def test_range_of_an_empty_file(mirror: MirrorServer) -> None:
    assert get(mirror, "/empty", Range="bytes=0-")[0].status == 416
    resp, body = get(mirror, "/empty")
    assert (resp.status, body) == (200, b"")


def test_conditional_requests(mirror: MirrorServer) -> None:
    first, _ = get(mirror, SYN)
    etag = first.getheader("ETag")
    last_modified = first.getheader("Last-Modified")
    assert etag is not None
    assert last_modified is not None
    resp, body = get(mirror, SYN, If_None_Match=etag)
    assert (resp.status, body) == (304, b"")
    assert resp.getheader("ETag") == etag
    assert get(mirror, SYN, If_None_Match='"other"')[0].status == 200
    assert get(mirror, SYN, If_Modified_Since=last_modified)[0].status == 304
    older = email.utils.formatdate(MTIME - 10, usegmt=True)
    assert get(mirror, SYN, If_Modified_Since=older)[0].status == 200
    assert get(mirror, SYN, If_Modified_Since="garbage")[0].status == 200
    # If-None-Match wins over If-Modified-Since.
    assert (
        get(mirror, SYN, If_None_Match='"other"', If_Modified_Since=last_modified)[0].status == 200
    )


def test_if_range(mirror: MirrorServer) -> None:
    etag = get(mirror, SYN)[0].getheader("ETag")
    assert etag is not None
    assert get(mirror, SYN, Range="bytes=0-9", If_Range=etag)[0].status == 206
    resp, body = get(mirror, SYN, Range="bytes=0-9", If_Range='"stale"')
    assert (resp.status, body) == (200, BODY)


def test_missing_files_and_directories(mirror: MirrorServer) -> None:
    assert get(mirror, "/media/nothere")[0].status == 404
    assert get(mirror, "/media/main/release/")[0].status == 404
    assert get(mirror, "/../../etc/passwd")[0].status == 404


def test_keep_alive(mirror: MirrorServer) -> None:
    conn = http.client.HTTPConnection(mirror.host, mirror.port, timeout=5)
    try:
        for _ in range(3):
            conn.request("GET", SYN, headers={"Range": "bytes=0-9"})
            resp = conn.getresponse()
            assert resp.read() == BODY[:10]
        assert conn.sock is not None  # the same connection served all three
    finally:
        conn.close()


def test_request_log(mirror: MirrorServer) -> None:
    get(mirror, SYN, Range="bytes=0-99", User_Agent="xosupdate-test")
    get(mirror, "/missing", method="HEAD")
    first, second = mirror.log
    assert (first.method, first.path, first.status, first.bytes_sent) == ("GET", SYN, 206, 100)
    assert first.headers == {"Range": "bytes=0-99", "User-Agent": "xosupdate-test"}
    assert first.fault is None
    assert (second.method, second.status, second.bytes_sent) == ("HEAD", 404, 0)
    assert mirror.paths() == [SYN, "/missing"]
    mirror.clear_log()
    assert mirror.log == ()


def test_status_fault(mirror: MirrorServer) -> None:
    mirror.fault("/media/main/", status=500)
    resp, _ = get(mirror, SYN)
    assert resp.status == 500
    assert mirror.log[-1].fault == "/media/main/"
    mirror.clear_faults()
    assert get(mirror, SYN)[0].status == 200


def test_delay_fault(mirror: MirrorServer) -> None:
    mirror.fault("/media", delay=0.3)
    started = time.monotonic()
    resp, body = get(mirror, SYN)
    assert time.monotonic() - started >= 0.3
    assert (resp.status, body) == (200, BODY)


def test_reset_fault(mirror: MirrorServer) -> None:
    mirror.fault(SYN, reset_after=1000)
    with pytest.raises((ConnectionResetError, http.client.IncompleteRead)):
        get(mirror, SYN)
    assert mirror.log[-1].bytes_sent == 1000
    assert mirror.log[-1].status == 200


def test_truncate_fault(mirror: MirrorServer) -> None:
    mirror.fault(SYN, truncate_at=4000)
    with pytest.raises(http.client.IncompleteRead) as info:
        get(mirror, SYN)
    assert info.value.partial == BODY[:4000]
    assert info.value.expected == len(BODY) - 4000
    # Within a range too: the cut counts body bytes of the answer.
    with pytest.raises(http.client.IncompleteRead) as ranged:
        get(mirror, SYN, Range="bytes=5000-")
    assert ranged.value.partial == BODY[5000:9000]


def test_content_fault(mirror: MirrorServer) -> None:
    mirror.fault("/media/main/release/media_info/MD5SUM", content=b"f" * 32 + b"  x\n")
    resp, body = get(mirror, "/media/main/release/media_info/MD5SUM")
    assert (resp.status, body) == (200, b"f" * 32 + b"  x\n")
    assert get(mirror, "/media/main/release/media_info/MD5SUM", Range="bytes=-4")[1] == b"  x\n"


def test_hang_fault_times_out_and_stops_fast(tmp_path: Path) -> None:
    with MirrorServer(tmp_path) as server:
        server.fault("/", hang=True)
        with pytest.raises(TimeoutError):
            get(server, "/anything", timeout=0.3)
        assert server.log[-1].status is None
        started = time.monotonic()
    assert time.monotonic() - started < 1.0


def test_times_and_longest_prefix(mirror: MirrorServer) -> None:
    mirror.fault("/media/", status=500)
    mirror.fault("/media/main/release/media_info/", status=404, times=1)
    assert get(mirror, SYN)[0].status == 404
    assert get(mirror, SYN)[0].status == 500  # the one-shot fault is gone
    mirror.clear_faults("/media/")
    assert get(mirror, SYN)[0].status == 200


def test_stop_leaves_no_thread_and_frees_the_port(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    server = MirrorServer(tmp_path)
    idle = socket.create_connection((server.host, server.port))  # kept-alive, idle client
    idle.sendall(b"GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
    idle.recv(4096)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 1.0
    idle.close()
    assert set(threading.enumerate()) <= before
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((server.host, server.port), timeout=1).close()
    server.stop()  # stopping twice is harmless
