# SPDX-License-Identifier: GPL-2.0-or-later
"""The watch over request sockets: what it shuts down, and what it must leave alone."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from xosupdate.system import sockwatch
from xosupdate.system.sockwatch import Fired, Watch

pytestmark = pytest.mark.expected_warnings  # a failing poll is logged


@pytest.fixture
def pairs() -> Iterator[list[tuple[socket.socket, socket.socket]]]:
    made: list[tuple[socket.socket, socket.socket]] = []
    yield made
    for a, b in made:
        a.close()
        b.close()


def pair(made: list[tuple[socket.socket, socket.socket]]) -> tuple[socket.socket, socket.socket]:
    a, b = socket.socketpair()
    a.settimeout(5)
    made.append((a, b))
    return a, b


def test_a_fired_watch_shuts_the_next_hop_down_at_once(
    pairs: list[tuple[socket.socket, socket.socket]],
) -> None:
    """After a redirect the request reads from a new connection: a request already
    cancelled (or late) must not wait there a whole read timeout, or for ever."""
    watch = Watch(lambda: True, deadline=None)
    first, _ = pair(pairs)
    watch.attach(first)
    assert watch.fired is Fired.CANCELLED
    assert first.recv(1) == b""
    second, _ = pair(pairs)
    started = time.monotonic()
    watch.attach(second)
    assert second.recv(1) == b""
    assert time.monotonic() - started < 1


def test_a_kept_alive_connection_is_watched_by_its_current_request_only(
    pairs: list[tuple[socket.socket, socket.socket]],
) -> None:
    cancelled = False
    first = Watch(lambda: cancelled, deadline=None)
    second = Watch(lambda: False, deadline=None)
    conn, peer = pair(pairs)
    first.attach(conn)
    second.attach(conn)  # the connection went back to the pool and serves another request
    cancelled = True
    first.poll(time.monotonic())
    peer.sendall(b"x")
    assert conn.recv(1) == b"x"  # not shut down under the second request


def test_the_socket_under_a_tls_transport_is_the_one_watched(
    pairs: list[tuple[socket.socket, socket.socket]],
) -> None:
    class Transport:  # urllib3's SSLTransport: TLS inside TLS, no socket object itself
        def __init__(self, inner: socket.socket) -> None:
            self.socket = inner

    conn, _ = pair(pairs)
    watch = Watch(lambda: True, deadline=None)
    watch.attach(Transport(conn))
    assert conn.recv(1) == b""


def test_one_failing_watch_does_not_stop_the_watching(
    pairs: list[tuple[socket.socket, socket.socket]],
) -> None:
    def broken() -> bool:
        raise RuntimeError("a cancel test that fails")

    late, _ = pair(pairs)
    odd, _ = pair(pairs)
    with sockwatch.watching(broken, deadline=None) as bad:
        bad._sock = odd  # attached without the first poll, which would raise here
        with sockwatch.watching(lambda: False, deadline=0.3) as watch:
            sockwatch.attach(late)
            started = time.monotonic()
            assert late.recv(1) == b""
            assert time.monotonic() - started < 2
            assert watch.fired is Fired.DEADLINE
