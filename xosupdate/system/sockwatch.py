# SPDX-License-Identifier: GPL-2.0-or-later
"""Ending the socket waits a read timeout cannot bound (system layer, standard library only).

A read timeout bounds each wait for data, not an answer sent a byte at a time: a mirror that
drips its status line and headers keeps a request going for ever, and a cancel request is
only seen between two reads, which may be a whole read timeout apart. A ``Watch`` covers
one request: a watching thread shuts the request's socket down when the caller cancels or
the watch's deadline passes, the blocked read returns at once, and the caller says why
(``Watch.fired``). ``RateFloor`` is the other half: a body that keeps arriving, too slowly to
be of use, is given up between reads.

The HTTP transport (requests) and the privileged helper (urllib) both use it: the helper
may import this module (an import-contract exception) because it needs nothing but the
standard library.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import socket
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Final

__all__ = [
    "MIN_RATE",
    "SLOW_WINDOW",
    "Fired",
    "RateFloor",
    "Watch",
    "attach",
    "deadline_reason",
    "slow_window",
    "watching",
]

log = logging.getLogger(__name__)

POLL: Final = 0.1  # seconds between two looks at the watched requests
# A body slower than MIN_RATE bytes/s over SLOW_WINDOW read timeouts is given up, and so is
# an answer whose headers took longer than that window.
MIN_RATE: Final = 1024
SLOW_WINDOW: Final = 4


def slow_window(read_timeout: float) -> float:
    """Seconds over which an answer must make progress: a few read timeouts."""
    return max(1.0, SLOW_WINDOW * read_timeout)


def deadline_reason(window: float) -> str:
    """What a request given up at its deadline says (``Fired.DEADLINE``)."""
    return f"no complete answer within {window:g} s (its headers came too slowly)"


class Fired(enum.Enum):
    """Why a watch shut its socket down."""

    CANCELLED = "cancelled"
    DEADLINE = "deadline"


class Watch:
    """One request: its socket (once connected), its deadline and its cancel test."""

    __slots__ = ("_cancelled", "_deadline", "_lock", "_sock", "fired")

    def __init__(self, cancelled: Callable[[], bool], deadline: float | None) -> None:
        self._cancelled = cancelled
        self._deadline = None if deadline is None else time.monotonic() + deadline
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self.fired: Fired | None = None

    def attach(self, sock: object) -> None:
        """Watch ``sock``, the connection the request now uses (after a redirect, the next
        one): a watch that fired already shuts it down at once."""
        raw = _raw_socket(sock)
        if raw is None:
            return
        with _OWNERS_LOCK:
            # A kept-alive connection that served another request: that request's watch
            # must no longer shut it down (its cancel is not this request's).
            previous = _OWNERS.get(raw)
            if previous is not None and previous is not self:
                previous._release(raw)
            _OWNERS[raw] = self
        with self._lock:
            self._sock = raw
            if self.fired is not None:
                _shut(raw)
                return
        self.poll(time.monotonic())  # cancelled or late already: no read starts

    def _release(self, raw: socket.socket) -> None:
        with self._lock:
            if self._sock is raw:
                self._sock = None

    def detach(self) -> None:
        """Stop watching: the socket may be closed, and its number reused, from now on."""
        with self._lock:
            self._sock = None

    def set_deadline(self, seconds: float | None) -> None:
        """A new deadline, ``seconds`` from now (None: none, only cancel is watched)."""
        with self._lock:
            self._deadline = None if seconds is None else time.monotonic() + seconds

    def poll(self, now: float) -> None:
        """Shut the socket down if the request was cancelled or is late."""
        with self._lock:
            if self._sock is None or self.fired is not None:
                return
            if self._cancelled():
                self.fired = Fired.CANCELLED
            elif self._deadline is not None and now >= self._deadline:
                self.fired = Fired.DEADLINE
            else:
                return
            _shut(self._sock)
        log.debug("request socket shut down: %s", self.fired.value)


def _raw_socket(sock: object) -> socket.socket | None:
    """The kernel socket under ``sock``: itself, or the one under urllib3's TLS-in-TLS
    transport (HTTPS through an HTTPS proxy), which is no socket object of its own."""
    while not isinstance(sock, socket.socket):
        inner = getattr(sock, "socket", None)
        if inner is None or inner is sock:
            return None
        sock = inner
    return sock


def _shut(sock: socket.socket) -> None:
    """socket.socket's own shutdown, also for a TLS socket: the reading thread is inside
    the TLS object, which must not be dropped under it; shutting the connection down wakes
    that read with an end of file."""
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


# Which watch each socket is under: one at a time (kept-alive connections change hands).
_OWNERS: Final[weakref.WeakKeyDictionary[socket.socket, Watch]] = weakref.WeakKeyDictionary()
_OWNERS_LOCK: Final = threading.Lock()


class _Watcher:
    """The watching thread, started with the first watch and gone with the last one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: set[Watch] = set()
        self._thread: threading.Thread | None = None

    def add(self, watch: Watch) -> None:
        with self._lock:
            self._watches.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="xosupdate-sockwatch", daemon=True
                )
                self._thread.start()

    def remove(self, watch: Watch) -> None:
        with self._lock:
            self._watches.discard(watch)

    def _run(self) -> None:
        try:
            while True:
                time.sleep(POLL)
                with self._lock:
                    watches = list(self._watches)
                    if not watches:
                        self._thread = None
                        return
                now = time.monotonic()
                for watch in watches:
                    try:
                        watch.poll(now)
                    except Exception:
                        # One odd connection must not leave every later request unwatched.
                        log.exception("watching a request failed")
        finally:
            with self._lock:
                if self._thread is threading.current_thread():
                    self._thread = None


_WATCHER: Final = _Watcher()
_current = threading.local()


@contextlib.contextmanager
def watching(cancelled: Callable[[], bool], *, deadline: float | None) -> Iterator[Watch]:
    """Watch the request this thread makes inside the block (see ``attach``).

    Args:
        cancelled: tells whether the caller asked to stop.
        deadline: seconds from now after which the request is given up (None: never).
    """
    watch = Watch(cancelled, deadline)
    outer = getattr(_current, "watch", None)
    _current.watch = watch
    _WATCHER.add(watch)
    try:
        yield watch
    finally:
        watch.detach()
        _WATCHER.remove(watch)
        _current.watch = outer


def attach(sock: socket.socket | None) -> None:
    """Put ``sock`` under this thread's watch, if it has one (called by the connection
    classes of the transports, once connected)."""
    watch: Watch | None = getattr(_current, "watch", None)
    if watch is not None:
        watch.attach(sock)


class RateFloor:
    """Below ``min_rate`` bytes per second over a window of ``window`` seconds, a transfer
    is of no use (curl's ``--speed-limit``/``--speed-time``); checked between reads."""

    __slots__ = ("_done", "_min_rate", "_start", "_window")

    def __init__(self, window: float, min_rate: int = MIN_RATE) -> None:
        self._min_rate = min_rate
        self._window = window
        self._start = time.monotonic()
        self._done = 0

    def add(self, size: int) -> str | None:
        """Count ``size`` bytes received; the reason to give up, if the window was too slow."""
        self._done += size
        now = time.monotonic()
        elapsed = now - self._start
        if elapsed < self._window:
            return None
        if self._done < self._min_rate * elapsed:
            return (
                f"too slow: {self._done} bytes in {elapsed:.0f} s "
                f"(at least {self._min_rate} bytes/s wanted)"
            )
        self._start, self._done = now, 0
        return None
