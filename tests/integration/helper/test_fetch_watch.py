# SPDX-License-Identifier: GPL-2.0-or-later
"""The helper's fetcher against a loopback mirror that drips or stays silent: root's helper
is never held by a mirror, and a cancel request ends a read under way."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.tools import QuietReporter, misbehave
from xosupdate.config import Settings
from xosupdate.errors import SyncCancelledError, SyncError
from xosupdate.helper import fetch
from xosupdate.helper.fetch import Fetcher
from xosupdate.helper.verbs import Cancel
from xosupdate.repo import MirrorServer

pytestmark = pytest.mark.integration

PATH = "/media/main/updates/media_info/synthesis.hdlist.cz"
BODY = bytes(range(256)) * 256


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[MirrorServer]:
    target = tmp_path / "tree" / PATH.lstrip("/")
    target.parent.mkdir(parents=True)
    target.write_bytes(BODY)
    with MirrorServer(tmp_path / "tree") as server:
        yield server


def _fetcher(timeout: float, cancel: Cancel | None = None) -> Fetcher:
    settings = Settings(connect_timeout=timeout, read_timeout=timeout)
    return Fetcher(settings=settings, cancel=cancel or Cancel(), report=QuietReporter())


def test_headers_dripping_in_are_given_up(mirror: MirrorServer) -> None:
    """A byte every 0.05 s never lets a 0.25 s read time out; the headers must still have
    come within four timeouts (1 s)."""
    mirror.fault(PATH, drip_headers=0.05)
    started = time.monotonic()
    with pytest.raises(SyncError, match=r"no complete answer within 1 s"):
        _fetcher(0.25).get(mirror.url + PATH, limit=1 << 20)
    assert time.monotonic() - started < 3


def test_a_body_dripping_in_is_given_up(mirror: MirrorServer, tmp_path: Path) -> None:
    mirror.fault(PATH, drip=0.05)
    dest = tmp_path / "state" / "Main" / "synthesis.hdlist.cz"
    dest.parent.mkdir(parents=True)
    with pytest.raises(SyncError, match=r"too slow: \d+ bytes in 1 s"):
        _fetcher(0.25).download(mirror.url + PATH, dest, limit=1 << 20, item="synthesis")
    assert not dest.exists()
    assert not any((tmp_path / "state" / "partial").iterdir())


@pytest.mark.parametrize("fault", ["hang", "drip_headers", "drip"])
@pytest.mark.parametrize("call", ["get", "download"])
def test_cancel_ends_a_read_under_way(
    mirror: MirrorServer, tmp_path: Path, fault: str, call: str
) -> None:
    misbehave(mirror, PATH, fault)
    dest = tmp_path / "state" / "Main" / "synthesis.hdlist.cz"
    dest.parent.mkdir(parents=True)
    cancel = Cancel()
    fetcher = _fetcher(30, cancel)
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(SyncCancelledError):
            if call == "get":
                fetcher.get(mirror.url + PATH, limit=1 << 20)
            else:
                fetcher.download(mirror.url + PATH, dest, limit=1 << 20, item="synthesis")
    finally:
        timer.cancel()
    assert time.monotonic() - started < 2
    assert not dest.exists()
    assert not any((tmp_path / "state" / "partial").glob("*"))


def test_a_download_never_fills_the_disk(
    mirror: MirrorServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mirror may claim any size (@filesize@ is not signed): the download is refused
    when it would leave less than KEEP_FREE (the same check runs as the body streams)."""
    monkeypatch.setattr(fetch, "_free_bytes", lambda _directory: fetch.KEEP_FREE + 1000)
    dest = tmp_path / "state" / "Main" / "x.rpm"
    dest.parent.mkdir(parents=True)
    with pytest.raises(SyncError, match=r"not enough free space in .*partial"):
        _fetcher(5).download(mirror.url + PATH, dest, limit=1 << 30, item="x.rpm")
    assert not dest.exists()
    assert not any((tmp_path / "state" / "partial").iterdir())
    monkeypatch.setattr(fetch, "_free_bytes", lambda _directory: fetch.KEEP_FREE + len(BODY))
    _fetcher(5).download(mirror.url + PATH, dest, limit=1 << 30, item="x.rpm")
    assert dest.read_bytes() == BODY
