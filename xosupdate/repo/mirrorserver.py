# SPDX-License-Identifier: GPL-2.0-or-later
"""A loopback HTTP mirror with Range, conditional requests and injected faults.

Tests, the demo and the benchmarks serve urpmi trees with it (design/testing.md §7). It
answers GET and HEAD for files below a directory, over HTTP/1.1 keep-alive:

* ``Range: bytes=a-b``, ``bytes=a-`` and ``bytes=-n`` give 206 with ``Content-Range``;
  a range past the end gives 416; ``If-Range`` is honoured; ``Accept-Ranges: bytes``;
* ``Last-Modified`` / ``If-Modified-Since`` and a strong ``ETag`` (size and mtime) /
  ``If-None-Match`` give 304;
* every request lands in a thread-safe request log (method, path, the headers that
  matter, status, body bytes sent);
* faults, set per path prefix at runtime: a delay before answering (slow mirror), an HTTP
  status instead of the file, a connection reset after N body bytes, a body cut short
  after N bytes while ``Content-Length`` claims the whole file, other content than the
  file (a wrong MD5SUM), no answer at all until the server stops (a timeout), or the
  headers or the body sent a byte at a time (a mirror too slow to use, whose reads never
  time out).

Start-up takes about a millisecond; ``stop()`` releases held connections, closes
keep-alive ones and joins every thread it started.
"""

from __future__ import annotations

import contextlib
import dataclasses
import email.utils
import hashlib
import http
import io
import logging
import os
import re
import selectors
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Final, Self

__all__ = ["Fault", "MirrorServer", "RequestRecord"]

log = logging.getLogger(__name__)

# Request headers the log keeps (what clients use to resume, revalidate and identify).
LOGGED_HEADERS: Final = ("Range", "If-Range", "If-Modified-Since", "If-None-Match", "User-Agent")
_RANGE: Final = re.compile(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*")
_CHUNK: Final = 64 * 1024
_UNSATISFIABLE: Final = (-1, -1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fault:
    """How to misbehave for the paths under one prefix.

    Attributes:
        delay: seconds to wait before answering (a slow mirror).
        status: answer with this HTTP status (404, 500…) instead of the file.
        reset_after: send this many body bytes, then reset the connection (TCP RST).
        truncate_at: send this many body bytes, then close cleanly, although
            ``Content-Length`` announced the whole file (a truncated download).
        content: serve these bytes instead of the file (a stale or wrong file).
        mtime: the ``Last-Modified`` time of ``content`` (default: when the server started).
        hang: never answer; hold the connection until the server stops (a timeout).
        drip: send the body one byte every this many seconds (a mirror too slow to use
            that never lets a read time out).
        drip_headers: send the status line and headers one byte every this many seconds.
        times: apply to this many requests, then disappear (None: until cleared).
    """

    delay: float = 0.0
    status: int | None = None
    reset_after: int | None = None
    truncate_at: int | None = None
    content: bytes | None = None
    mtime: float | None = None
    hang: bool = False
    drip: float = 0.0
    drip_headers: float = 0.0
    times: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRecord:
    """One request as the mirror saw and answered it.

    Attributes:
        path: the request target as sent (query string included).
        headers: the request headers of ``LOGGED_HEADERS`` that were present.
        status: the status sent, None when nothing was sent (hang, or the server stopped
            during a delay).
        bytes_sent: body bytes written to the socket.
        fault: the prefix of the fault applied, or None.
    """

    method: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)
    status: int | None
    bytes_sent: int = 0
    fault: str | None = None


@dataclass(slots=True)
class _Answer:
    """The body to send: a file region or bytes, with its validators."""

    size: int
    mtime: float
    etag: str
    stream: BinaryIO


class _Server(ThreadingHTTPServer):
    """Threading server whose handler threads are joined on close (none left behind)."""

    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True
    request_queue_size = 64
    # handle_request() is only called once the listening socket is readable; the timeout
    # just bounds the wait if the pending connection vanished meanwhile.
    timeout = 0.5

    def __init__(self, address: tuple[str, int], mirror: MirrorServer) -> None:
        self.mirror = mirror
        super().__init__(address, partial(_Handler, directory=str(mirror.root_dir)))

    def handle_error(self, request: object, client_address: object) -> None:  # noqa: ARG002
        # Clients that go away mid-answer are normal here: log, never print tracebacks.
        # socketserver calls this from inside its except block, hence exc_info.
        log.debug(
            "mirror %s: error while answering %s",
            self.mirror.url,
            client_address,
            exc_info=True,  # noqa: LOG014
        )


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY every keep-alive
    # answer waits ~40 ms for the client's delayed ACK.
    disable_nagle_algorithm = True
    # Idle keep-alive connections give up after this (stop() closes them sooner).
    timeout = 30
    server: _Server
    _record: RequestRecord
    _drip_headers: float = 0.0

    def setup(self) -> None:
        super().setup()
        self.server.mirror._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.mirror._track(self.connection, add=False)

    def log_message(self, format: str, *args: object) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug("mirror %s: %s", self.server.mirror.url, format % args)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    # ------------------------------------------------------------ answering

    def _serve(self, *, head: bool) -> None:
        mirror = self.server.mirror
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        prefix, fault = mirror._take_fault(url_path)
        headers = {h: v for h in LOGGED_HEADERS if (v := self.headers.get(h)) is not None}
        self._record = RequestRecord(
            method=self.command, path=self.path, headers=headers, status=None, fault=prefix
        )
        self._drip_headers = fault.drip_headers
        if fault.hang:
            mirror._log_record(self._record)  # logged before it hangs
            mirror._stopping.wait()
            self.close_connection = True
            return
        if fault.delay and mirror._stopping.wait(fault.delay):
            mirror._log_record(self._record)  # stopped while waiting
            self.close_connection = True
            return
        self._answer(url_path, fault, head=head)

    def _commit(self, status: int, body_bytes: int) -> None:
        """Log the answer, then end the headers.

        The record goes into the log before the client can see the end of the answer, so
        a test that has read a response always finds its record.
        """
        self._record = dataclasses.replace(self._record, status=status, bytes_sent=body_bytes)
        self.server.mirror._log_record(self._record)
        self.end_headers()

    def flush_headers(self) -> None:
        """Send the buffered status line and headers, a byte at a time under the
        ``drip_headers`` fault."""
        drip = self._drip_headers
        if not drip:
            super().flush_headers()
            return
        buffered: list[bytes] = getattr(self, "_headers_buffer", [])
        self._headers_buffer: list[bytes] = []
        try:
            for byte in b"".join(buffered):
                self.wfile.write(bytes((byte,)))
                self.wfile.flush()
                if self.server.mirror._stopping.wait(drip):
                    break
        except OSError:
            pass  # the client gave up
        self.close_connection = True

    def _plain(
        self,
        status: int,
        *,
        head: bool,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        body = f"{status} {http.HTTPStatus(status).phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self._commit(status, 0 if head else len(body))
        if not head:
            self.wfile.write(body)

    def _open(self, url_path: str, fault: Fault) -> _Answer | None:
        if fault.content is not None:
            digest = hashlib.md5(fault.content, usedforsecurity=False).hexdigest()[:16]
            return _Answer(
                size=len(fault.content),
                mtime=self.server.mirror.started if fault.mtime is None else fault.mtime,
                etag=f'"{len(fault.content):x}-{digest}"',
                stream=io.BytesIO(fault.content),
            )
        fs_path = self.translate_path(url_path)
        if not os.path.isfile(fs_path):  # noqa: PTH113 - translate_path gives a str
            return None
        try:
            stream = open(fs_path, "rb")  # noqa: SIM115, PTH123 - closed by the caller
        except OSError:
            return None
        st = os.fstat(stream.fileno())
        return _Answer(
            size=st.st_size,
            mtime=st.st_mtime,
            etag=f'"{st.st_size:x}-{st.st_mtime_ns:x}"',
            stream=stream,
        )

    def _not_modified(self, answer: _Answer) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            tags = [t.strip() for t in match.split(",")]
            return "*" in tags or answer.etag in tags
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False  # an unreadable date is ignored, as RFC 9110 asks
        return when.tzinfo is not None and int(answer.mtime) <= when.timestamp()

    def _range(self, answer: _Answer) -> tuple[int, int] | None:
        """The requested byte range, ``_UNSATISFIABLE``, or None for the whole file."""
        value = self.headers.get("Range")
        if value is None:
            return None
        if_range = self.headers.get("If-Range")
        if if_range is not None and if_range.strip() not in (
            answer.etag,
            email.utils.formatdate(answer.mtime, usegmt=True),
        ):
            return None  # the client's copy is stale: send the whole new file
        match = _RANGE.fullmatch(value)
        if match is None or not (match[1] or match[2]):
            return None  # malformed or several ranges: ignored, the whole file is sent
        size = answer.size
        if match[1]:
            start = int(match[1])
            if match[2] and int(match[2]) < start:
                return None  # syntactically invalid: ignored
            if start >= size:
                return _UNSATISFIABLE
            end = int(match[2]) if match[2] else size - 1
            return start, min(end, size - 1)
        suffix = int(match[2])
        if suffix == 0 or size == 0:
            return _UNSATISFIABLE
        return max(0, size - suffix), size - 1

    def _answer(self, url_path: str, fault: Fault, *, head: bool) -> None:
        if fault.status is not None:
            self._plain(fault.status, head=head)
            return
        answer = self._open(url_path, fault)
        if answer is None:
            self._plain(404, head=head)
            return
        with answer.stream:
            validators = {
                "Last-Modified": email.utils.formatdate(answer.mtime, usegmt=True),
                "ETag": answer.etag,
            }
            if self._not_modified(answer):
                self.send_response(304)
                for name, value in validators.items():
                    self.send_header(name, value)
                self._commit(304, 0)
                return
            wanted = self._range(answer)
            if wanted == _UNSATISFIABLE:
                self._plain(416, head=head, extra={"Content-Range": f"bytes */{answer.size}"})
                return
            start, end = wanted if wanted is not None else (0, answer.size - 1)
            length = end - start + 1
            status = 206 if wanted is not None else 200
            self.send_response(status)
            self.send_header("Content-Type", self.guess_type(url_path))
            self.send_header("Content-Length", str(length))
            self.send_header("Accept-Ranges", "bytes")
            if wanted is not None:
                self.send_header("Content-Range", f"bytes {start}-{end}/{answer.size}")
            for name, value in validators.items():
                self.send_header(name, value)
            cut = fault.reset_after if fault.reset_after is not None else fault.truncate_at
            planned = 0 if head else length if cut is None else min(length, cut)
            self._commit(status, planned)
            if not head:
                self._send_body(
                    answer.stream,
                    start,
                    planned,
                    cut_short=planned < length,
                    reset=fault.reset_after is not None,
                    drip=fault.drip,
                )

    def _send_body(
        self,
        stream: BinaryIO,
        start: int,
        count: int,
        *,
        cut_short: bool,
        reset: bool,
        drip: float = 0.0,
    ) -> None:
        stream.seek(start)
        sent = 0
        try:
            while sent < count:
                chunk = stream.read(1 if drip else min(_CHUNK, count - sent))
                if not chunk:
                    break
                self.wfile.write(chunk)
                if drip:
                    self.wfile.flush()
                    if self.server.mirror._stopping.wait(drip):
                        break
                sent += len(chunk)
        except OSError:
            self.close_connection = True  # the client went away
        if sent != count:
            self.server.mirror._amend_record(self._record, bytes_sent=sent)
        if cut_short:
            self.close_connection = True
            if reset:
                # Linger 0: close() sends a TCP RST instead of an orderly FIN.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()


class MirrorServer:
    """Serve ``root_dir`` on ``http://127.0.0.1:<free port>`` until ``stop()``.

    Starts in the constructor; use it as a context manager to stop it. Example::

        with MirrorServer(tree) as mirror:
            mirror.fault("/media/main/release/media_info/MD5SUM", status=404, times=1)
            fetch(mirror.url + "/media/media_info/media.cfg")
            assert mirror.log[-1].status == 200
    """

    def __init__(
        self,
        root_dir: Path | str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.root_dir = Path(root_dir)
        self._lock = threading.Lock()
        self._log: list[RequestRecord] = []
        self._faults: dict[str, tuple[Fault, int | None]] = {}
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._stopped = False
        self.started = time.time()
        self._httpd = _Server((host, port), self)
        self.host = host
        self.port = int(self._httpd.server_address[1])
        # serve_forever() polls for shutdown; a wake-up socket makes stop() immediate.
        self._wake_r, self._wake_w = socket.socketpair()
        self._thread = threading.Thread(
            target=self._accept_loop, name=f"mirror-{self.port}", daemon=True
        )
        self._thread.start()
        log.debug("mirror %s serving %s", self.url, self.root_dir)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    # ------------------------------------------------------------ request log

    @property
    def log(self) -> tuple[RequestRecord, ...]:
        """The requests answered so far, oldest first (a snapshot)."""
        with self._lock:
            return tuple(self._log)

    def clear_log(self) -> None:
        """Forget the requests logged so far."""
        with self._lock:
            self._log.clear()

    def paths(self) -> list[str]:
        """The request paths of the log, in order (a shorthand for tests)."""
        return [r.path for r in self.log]

    def _log_record(self, record: RequestRecord) -> None:
        with self._lock:
            self._log.append(record)

    def _amend_record(self, record: RequestRecord, *, bytes_sent: int) -> None:
        """Correct the byte count of a logged record (the client left early)."""
        with self._lock:
            for i, logged in enumerate(self._log):
                if logged is record:
                    self._log[i] = dataclasses.replace(record, bytes_sent=bytes_sent)

    # ------------------------------------------------------------ faults

    def fault(
        self,
        prefix: str,
        *,
        delay: float = 0.0,
        status: int | None = None,
        reset_after: int | None = None,
        truncate_at: int | None = None,
        content: bytes | None = None,
        mtime: float | None = None,
        hang: bool = False,
        drip: float = 0.0,
        drip_headers: float = 0.0,
        times: int | None = None,
    ) -> Fault:
        """Misbehave for every path starting with ``prefix`` (the longest prefix wins).

        Setting a fault for a prefix replaces the previous one. See ``Fault``.
        """
        if not prefix.startswith("/"):
            prefix = "/" + prefix
        fault = Fault(
            delay=delay,
            status=status,
            reset_after=reset_after,
            truncate_at=truncate_at,
            content=content,
            mtime=mtime,
            hang=hang,
            drip=drip,
            drip_headers=drip_headers,
            times=times,
        )
        with self._lock:
            self._faults[prefix] = (fault, times)
        return fault

    def clear_faults(self, prefix: str | None = None) -> None:
        """Remove the fault of ``prefix``, or all faults."""
        with self._lock:
            if prefix is None:
                self._faults.clear()
            else:
                self._faults.pop(prefix if prefix.startswith("/") else "/" + prefix, None)

    def _take_fault(self, path: str) -> tuple[str | None, Fault]:
        """The fault for ``path`` (counting one use), or no fault."""
        with self._lock:
            matches = [p for p in self._faults if path.startswith(p)]
            if not matches:
                return None, _NO_FAULT
            prefix = max(matches, key=len)
            fault, left = self._faults[prefix]
            if left is not None:
                if left <= 1:
                    del self._faults[prefix]
                else:
                    self._faults[prefix] = (fault, left - 1)
            return prefix, fault

    # ------------------------------------------------------------ lifetime

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._httpd, selectors.EVENT_READ)
            selector.register(self._wake_r, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is self._httpd and not self._stopping.is_set():
                        self._httpd.handle_request()  # accepts and starts a handler thread

    def stop(self) -> None:
        """Stop serving: release held requests, close connections, join all threads."""
        if self._stopped:
            return
        self._stopped = True
        self._stopping.set()
        self._wake_w.send(b"\0")
        self._thread.join()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            # Wakes handler threads waiting for the next request on a kept-alive socket.
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()  # joins the handler threads
        self._wake_r.close()
        self._wake_w.close()
        log.debug("mirror %s stopped", self.url)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<MirrorServer {self.url} {self.root_dir}>"

    def requests_to(self, prefix: str) -> Iterator[RequestRecord]:
        """The logged requests whose path starts with ``prefix``."""
        return (r for r in self.log if r.path.startswith(prefix))


_NO_FAULT: Final = Fault()
