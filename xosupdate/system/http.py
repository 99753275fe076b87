# SPDX-License-Identifier: GPL-2.0-or-later
"""The HTTP transport: requests behind a small, typed seam (system layer).

This is the only module that imports requests. ``HttpTransport`` wraps one
``requests.Session`` (keep-alive connections shared by the threads of a refresh or a
signature check) and offers two calls:

* ``get``: a bounded read into memory (MD5SUM, mirror lists, the first KBs of an rpm file)
  with optional request headers (conditional requests, ``Range``), progress and a cancel
  token checked between chunks;
* ``download``: a file into a ``*.part`` file that a later call resumes with ``Range`` and
  ``If-Range``, so a transfer cut off mid-file costs only the missing bytes.

Every request has a (connect, read) timeout; a watch (``sockwatch``) also ends an answer
whose headers drip in for longer than a few read timeouts, and any read at once when the
caller cancels. Every exception requests raises is turned into
``NetworkError`` (or ``HTTPStatusError`` for an error status) naming the URL and, when the
caller says so, the medium, in one place: ``map_exceptions``. ``file://`` URLs and absolute
paths (what ``urpmi.addmedia --distrib file:///x`` writes) are read from the file system
with the same answers a server would give (304, 206, 404). ``ftp://`` URLs (the mirrors and
media of the Mandriva 2009.0 era) go through ftplib, one control connection per file:
``SIZE`` and ``MDTM`` make the validator (so a conditional request of an unchanged file
costs no transfer), ``REST`` resumes and serves ranges, and "550" counts as 404.

Services depend on the ``Transport`` protocol; tests pass the real transport against a
loopback ``MirrorServer`` or a hand-written fake.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import ftplib
import json
import logging
import os
import re
import socket
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import BinaryIO, Final, Protocol, Self

import requests
import requests.adapters
import urllib3
import urllib3.connection
import urllib3.exceptions

from xosupdate import __version__
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken
from xosupdate.errors import HTTPStatusError, NetworkError, SyncCancelledError, XosUpdateError
from xosupdate.system import sockwatch

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ByteProgress",
    "HttpTransport",
    "Response",
    "Timeout",
    "Transport",
    "is_local_url",
    "local_path",
    "map_exceptions",
]

log = logging.getLogger(__name__)

# (connect, read) seconds.
Timeout = tuple[float, float]
# Called with (bytes done, bytes expected or None) after every chunk.
ByteProgress = Callable[[int, int | None], None]

# A whole distribution's synthesis is a few MB; a captive portal may stream forever.
DEFAULT_MAX_BYTES: Final = 256 * 1024 * 1024
_CHUNK: Final = 64 * 1024
_CONTENT_RANGE: Final = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.ASCII)
_RANGE: Final = re.compile(r"bytes=(\d*)-(\d*)", re.ASCII)
_USER_AGENT: Final = f"xosupdate/{__version__}"
_ERRNO_REASONS: Final = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset by the server",
    errno.ECONNABORTED: "connection aborted",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETUNREACH: "network unreachable",
    errno.ETIMEDOUT: "connection timed out",
    errno.EPIPE: "connection closed by the server",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """What a server answered.

    Attributes:
        url: the URL asked for.
        status: 200, 206 (a range) or 304 (not modified); errors raise instead.
        headers: the response headers, names lower-cased.
        body: the body (``get``); empty for ``download``, which wrote it to a file.
        elapsed: seconds until the response headers arrived (the mirror's latency).
        truncated: ``get(stop_after=…)`` stopped reading before the end of the body.
        size: body bytes read (``get``) or bytes now in the part file (``download``).
        offset: ``download`` resumed the part file at this byte (0: the whole file came).
    """

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    body: bytes = b""
    elapsed: float = 0.0
    truncated: bool = False
    size: int = 0
    offset: int = 0

    @property
    def not_modified(self) -> bool:
        """The conditional request matched: the cached copy is current (304)."""
        return self.status == 304

    @property
    def etag(self) -> str | None:
        """The ``ETag`` validator, if the server sent one."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The ``Last-Modified`` validator, if the server sent one."""
        return self.headers.get("last-modified")

    @property
    def total_size(self) -> int | None:
        """The size of the whole file: from ``Content-Range``, else ``Content-Length`` of
        a 200 answer; None when unknown."""
        match = _CONTENT_RANGE.fullmatch(self.headers.get("content-range", "").strip())
        if match is not None:
            return int(match[3]) if match[3] != "*" else None
        length = self.headers.get("content-length", "")
        if self.status == 200 and length.isdigit():
            return int(length)
        return None


class Transport(Protocol):
    """How services fetch things (``HttpTransport``, or a fake in tests)."""

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: Timeout | None = None,
        medium: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        stop_after: int | None = None,
        progress: ByteProgress | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> Response:
        """Fetch ``url`` into memory.

        Args:
            headers: extra request headers (``If-None-Match``, ``Range``…).
            timeout: (connect, read) seconds instead of the transport's default.
            medium: named in errors.
            max_bytes: a longer body is an error (``NetworkError``).
            stop_after: stop reading (and drop the connection) after this many bytes.

        Raises:
            NetworkError: no connection, timeout, transfer broken off, body too large.
            HTTPStatusError: an HTTP status of 400 or more.
            SyncCancelledError: ``cancel`` was raised between two chunks.
        """
        ...

    def download(
        self,
        url: str,
        part: Path,
        *,
        timeout: Timeout | None = None,
        medium: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: ByteProgress | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> Response:
        """Fetch ``url`` into ``part``, resuming what an earlier call left there.

        The part file and a small ``<part>.json`` (URL and validator) stay behind when the
        transfer breaks off; the next call for the same URL asks only for the missing
        bytes (``Range`` + ``If-Range``: a changed file comes whole). The caller verifies
        the result and removes the part files.

        Raises:
            NetworkError, HTTPStatusError, SyncCancelledError: as ``get``.
        """
        ...


# ---------------------------------------------------------------- errors


def _walk(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it wraps (args, ``reason``, cause, context)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        nested = [a for a in current.args if isinstance(a, BaseException)]
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            nested.append(reason)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                nested.append(linked)
        todo.extend(nested)


def _reason(exc: BaseException, default: str) -> str:
    """A short reason for people from the OS error buried in a requests exception."""
    for inner in _walk(exc):
        if isinstance(inner, socket.gaierror):
            return "unknown host"
        if isinstance(inner, OSError) and inner.errno in _ERRNO_REASONS:
            return _ERRNO_REASONS[inner.errno]
    return default


@contextlib.contextmanager
def map_exceptions(
    url: str, *, medium: str | None = None, timeout: Timeout | None = None
) -> Iterator[None]:
    """The one place where requests' (and the socket's) exceptions become xosupdate errors.

    ``NetworkError`` names the URL, the medium when given, and a short reason: connection
    refused, timed out, transfer broke off... xosupdate's own errors pass through.
    """
    try:
        yield
    except XosUpdateError:
        raise
    except ftplib.error_perm as exc:
        if str(exc).startswith("550"):  # no such file (or no access): what 404 says
            raise HTTPStatusError(url=url, status=404, medium=medium) from exc
        raise NetworkError(url=url, reason=f"FTP error: {exc}", medium=medium) from exc
    except ftplib.Error as exc:
        raise NetworkError(url=url, reason=f"FTP error: {exc}", medium=medium) from exc
    except TimeoutError as exc:
        limit = f" ({timeout[1]:g} s without data)" if timeout else ""
        raise NetworkError(url=url, reason=f"timed out{limit}", medium=medium) from exc
    except requests.exceptions.ConnectTimeout as exc:
        limit = f" after {timeout[0]:g} s" if timeout else ""
        raise NetworkError(url=url, reason=f"connection timed out{limit}", medium=medium) from exc
    except requests.exceptions.ReadTimeout as exc:
        limit = f" ({timeout[1]:g} s without data)" if timeout else ""
        raise NetworkError(url=url, reason=f"timed out{limit}", medium=medium) from exc
    except requests.exceptions.SSLError as exc:
        raise NetworkError(url=url, reason=f"TLS error: {exc}", medium=medium) from exc
    except requests.exceptions.ProxyError as exc:
        raise NetworkError(url=url, reason="proxy error", medium=medium) from exc
    except (
        requests.exceptions.ChunkedEncodingError,
        requests.exceptions.ContentDecodingError,
    ) as exc:
        reason = _reason(exc, "connection closed before the end")
        raise NetworkError(url=url, reason=f"transfer broke off: {reason}", medium=medium) from exc
    except requests.exceptions.ConnectionError as exc:
        raise NetworkError(url=url, reason=_reason(exc, "cannot connect"), medium=medium) from exc
    except (
        requests.exceptions.InvalidURL,
        requests.exceptions.MissingSchema,
        requests.exceptions.InvalidSchema,
    ) as exc:
        raise NetworkError(url=url, reason="invalid URL", medium=medium) from exc
    except requests.exceptions.TooManyRedirects as exc:
        raise NetworkError(url=url, reason="too many redirects", medium=medium) from exc
    except requests.exceptions.RequestException as exc:
        raise NetworkError(url=url, reason=str(exc) or type(exc).__name__, medium=medium) from exc
    # Body reads go to urllib3 directly (see ``_chunks``): its errors are requests' errors.
    except urllib3.exceptions.ReadTimeoutError as exc:
        limit = f" ({timeout[1]:g} s without data)" if timeout else ""
        raise NetworkError(url=url, reason=f"timed out{limit}", medium=medium) from exc
    except urllib3.exceptions.HTTPError as exc:
        reason = _reason(exc, "connection closed before the end")
        raise NetworkError(url=url, reason=f"transfer broke off: {reason}", medium=medium) from exc
    except OSError as exc:
        reason = _ERRNO_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
        raise NetworkError(url=url, reason=reason, medium=medium) from exc
    except ValueError as exc:
        # urllib's and ftplib's word for a URL they cannot use (a port out of range, an
        # unclosed IPv6 bracket, a newline): one error naming it, not a crash.
        raise NetworkError(url=url, reason=f"invalid URL: {exc}", medium=medium) from exc


# ---------------------------------------------------------------- local files


def is_local_url(url: str) -> bool:
    """A ``file:`` URL (any case) or an absolute path (urpmi.cfg keeps local media as
    plain paths)."""
    return url.startswith("/") or url[:5].lower() == "file:"


def local_path(url: str) -> Path:
    """The file a local URL names (``file:///x/y`` and ``/x/y`` give ``/x/y``)."""
    if url.startswith("/"):
        return Path(url)
    return Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path))


def _local_etag(st: os.stat_result) -> str:
    return f'"{st.st_size:x}-{st.st_mtime_ns:x}"'


def _local_answer(
    url: str, headers: Mapping[str, str], *, medium: str | None
) -> tuple[int, dict[str, str], Path, int, int]:
    """Status, headers and the byte region a server would answer for a local file."""
    path = local_path(url)
    with map_exceptions(url, medium=medium):
        try:
            st = path.stat()
        except FileNotFoundError:
            raise HTTPStatusError(url=url, status=404, medium=medium) from None
        if not path.is_file():
            raise HTTPStatusError(url=url, status=404, medium=medium)
    etag = _local_etag(st)
    answer = {
        "etag": etag,
        "last-modified": email.utils.formatdate(st.st_mtime, usegmt=True),
        "content-length": str(st.st_size),
    }
    if headers.get("If-None-Match") == etag:
        return 304, answer, path, 0, 0
    start, end = 0, st.st_size
    match = _RANGE.fullmatch(headers.get("Range", ""))
    if_range = headers.get("If-Range")
    if match is not None and match[1] and (if_range is None or if_range == etag):
        start = int(match[1])
        if start >= st.st_size:
            raise HTTPStatusError(url=url, status=416, medium=medium)
        end = min(st.st_size, int(match[2]) + 1) if match[2] else st.st_size
        answer["content-range"] = f"bytes {start}-{end - 1}/{st.st_size}"
        answer["content-length"] = str(end - start)
        return 206, answer, path, start, end
    return 200, answer, path, start, end


# ---------------------------------------------------------------- FTP


def is_ftp_url(url: str) -> bool:
    """An ``ftp://`` URL."""
    return url[:6].lower() == "ftp://"


class _FtpFile:
    """One file on an FTP server, over its own control connection (closed by ``close``)."""

    def __init__(self, url: str, timeout: Timeout) -> None:
        parts = urllib.parse.urlsplit(url)
        self.path = urllib.parse.unquote(parts.path) or "/"
        self.ftp = ftplib.FTP()
        self.timeout = timeout
        self.ftp.connect(parts.hostname or "", parts.port or ftplib.FTP_PORT, timeout[0])
        if self.ftp.sock is not None:
            self.ftp.sock.settimeout(timeout[1])
        user = urllib.parse.unquote(parts.username or "anonymous")
        self.ftp.login(user, urllib.parse.unquote(parts.password or "xosupdate@"))
        self.ftp.voidcmd("TYPE I")

    def stat(self) -> tuple[int, str]:
        """Size (``SIZE``; a missing file raises "550") and ``MDTM`` ("" if unsupported)."""
        size = self.ftp.size(self.path)
        if size is None:
            raise ftplib.error_proto("no size in the answer to SIZE")
        try:
            mdtm = self.ftp.voidcmd(f"MDTM {self.path}").split()[-1]
        except ftplib.error_perm:
            mdtm = ""
        return size, mdtm

    def retrieve(
        self,
        out: BinaryIO | bytearray,
        *,
        offset: int,
        limit: int | None,
        on_chunk: Callable[[int], None],
        cancel: CancelToken,
        medium: str | None,
    ) -> tuple[int, bool]:
        """Copy the file from ``offset`` into ``out`` (at most ``limit`` bytes); returns
        (bytes read, stopped at the limit)."""
        conn, _ = self.ftp.ntransfercmd(f"RETR {self.path}", rest=offset or None)
        done = 0
        with conn:
            conn.settimeout(self.timeout[1])
            while limit is None or done < limit:
                cancel.check(medium=medium)
                chunk = conn.recv(_CHUNK if limit is None else min(_CHUNK, limit - done))
                if not chunk:
                    break
                if isinstance(out, bytearray):
                    out += chunk
                else:
                    out.write(chunk)
                done += len(chunk)
                on_chunk(done)
        stopped = limit is not None and done >= limit
        if not stopped:
            self.ftp.voidresp()  # 226: the server sent everything it meant to
        return done, stopped

    def close(self) -> None:
        with contextlib.suppress(OSError, ftplib.Error):
            self.ftp.close()


def _ftp_etag(size: int, mdtm: str) -> str:
    return f'"ftp-{size:x}-{mdtm}"' if mdtm else ""


# ---------------------------------------------------------------- the transport


def _raise_fired(
    watch: sockwatch.Watch,
    *,
    url: str,
    medium: str | None,
    window: float,
    cause: BaseException | None,
) -> None:
    """Raise what the watch's shutdown of the connection means, if it shut it down."""
    if watch.fired is sockwatch.Fired.CANCELLED:
        raise SyncCancelledError(medium=medium) from cause
    if watch.fired is sockwatch.Fired.DEADLINE:
        reason = sockwatch.deadline_reason(window)
        raise NetworkError(url=url, reason=reason, medium=medium) from cause


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    """An HTTP connection that puts its socket under the request's watch before the
    answer is read (kept-alive connections too: each request has its own watch)."""

    def getresponse(self) -> urllib3.HTTPResponse:  # type: ignore[override]
        sockwatch.attach(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    """``_WatchedHTTPConnection`` over TLS."""

    def getresponse(self) -> urllib3.HTTPResponse:  # type: ignore[override]
        sockwatch.attach(self.sock)
        return super().getresponse()


class _WatchedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


def _watched_pools() -> dict[str, type[urllib3.HTTPConnectionPool]]:
    return {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter over watched connections, direct or through an HTTP proxy, and
    without retries behind the caller's back (failing over is the caller's call)."""

    def __init__(self, *, pool_connections: int, pool_maxsize: int) -> None:
        super().__init__(
            pool_connections=pool_connections, pool_maxsize=pool_maxsize, max_retries=0
        )
        self.poolmanager.pool_classes_by_scheme = _watched_pools()

    def proxy_manager_for(self, proxy: str, **kwargs: object) -> urllib3.PoolManager:
        manager: urllib3.PoolManager = super().proxy_manager_for(proxy, **kwargs)
        if isinstance(manager, urllib3.ProxyManager):  # a SOCKS proxy has its own pools
            manager.pool_classes_by_scheme = _watched_pools()
        return manager


class HttpTransport:
    """``Transport`` over one ``requests.Session`` (keep-alive, thread-safe for GETs).

    Example::

        with HttpTransport(connect_timeout=5, read_timeout=30) as http:
            md5sum = http.get(url + "/media_info/MD5SUM", medium="Main").body
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        pool_size: int = 10,
    ) -> None:
        self.timeout: Timeout = (connect_timeout, read_timeout)
        self._session = requests.Session()
        adapter = _WatchedAdapter(pool_connections=8, pool_maxsize=max(1, pool_size))
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        # Byte ranges and checksums are about the file as stored, never a re-encoding.
        self._session.headers.update({"User-Agent": _USER_AGENT, "Accept-Encoding": "identity"})

    def close(self) -> None:
        """Close the kept-alive connections."""
        self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ requests

    def _ftp(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        timeout: Timeout,
        medium: str | None,
        max_bytes: int,
        stop_after: int | None,
        progress: ByteProgress | None,
        cancel: CancelToken,
        part: _PartMeta | None = None,
    ) -> Response:
        """``get`` or, with ``part``, ``download`` of an ``ftp://`` URL."""
        started = time.monotonic()
        body = bytearray()
        with contextlib.ExitStack() as stack, map_exceptions(url, medium=medium, timeout=timeout):
            remote = _FtpFile(url, timeout)
            try:
                elapsed = time.monotonic() - started
                size, mdtm = remote.stat()
                etag = _ftp_etag(size, mdtm)
                answer: dict[str, str] = {"content-length": str(size)}
                if etag:
                    answer["etag"] = etag
                if etag and headers.get("If-None-Match") == etag:
                    return Response(url=url, status=304, headers=MappingProxyType(answer))
                offset, limit = 0, stop_after
                match = _RANGE.fullmatch(headers.get("Range", ""))
                if part is not None:
                    offset = part.resumable(url)
                    if offset and (part.validator != etag or offset >= size):
                        part.discard()
                        offset = 0
                    part.start(url, etag)
                elif match is not None and match[1]:
                    offset = int(match[1])
                    if offset >= size:
                        raise HTTPStatusError(url=url, status=416, medium=medium)
                    if match[2]:
                        wanted = min(size, int(match[2]) + 1) - offset
                        limit = wanted if limit is None else min(limit, wanted)
                out: BinaryIO | bytearray = body
                if part is not None:
                    # Append to what the part file holds, or start it over.
                    part.part.parent.mkdir(parents=True, exist_ok=True)
                    out = stack.enter_context(part.part.open("ab" if offset else "wb"))
                if offset or (match is not None and match[1]):
                    end = offset + (limit if limit is not None else size - offset)
                    answer["content-range"] = f"bytes {offset}-{min(end, size) - 1}/{size}"
                    answer["content-length"] = str(min(end, size) - offset)
                cancel.check(medium=medium)

                def on_chunk(done: int) -> None:
                    if offset + done > max_bytes:
                        raise NetworkError(
                            url=url, reason=f"larger than {max_bytes} bytes", medium=medium
                        )
                    if progress is not None:
                        progress(offset + done, size)

                done, stopped = remote.retrieve(
                    out, offset=offset, limit=limit, on_chunk=on_chunk, cancel=cancel, medium=medium
                )
            finally:
                remote.close()
        if not stopped and offset + done < size:
            raise NetworkError(
                url=url,
                reason=f"transfer broke off after {offset + done} of {size} bytes",
                medium=medium,
            )
        return Response(
            url=url,
            status=206 if "content-range" in answer else 200,
            headers=MappingProxyType(answer),
            body=bytes(body),
            elapsed=elapsed,
            truncated=stopped and offset + done < size,
            size=offset + done if part is not None else done,
            offset=offset if part is not None else 0,
        )

    def _check_scheme(self, url: str, medium: str | None) -> None:
        with map_exceptions(url, medium=medium):
            scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            reason = f"{scheme}:// is not supported" if scheme else "invalid URL"
            raise NetworkError(url=url, reason=reason, medium=medium)

    @contextlib.contextmanager
    def _request(
        self,
        url: str,
        headers: Mapping[str, str] | None,
        timeout: Timeout,
        medium: str | None,
        cancel: CancelToken,
    ) -> Iterator[tuple[requests.Response, float]]:
        """An open streamed response whose status is below 400, closed on exit.

        Under a watch: headers that take longer than the slow window to come, and any read
        under way when ``cancel`` is raised, are ended by shutting the connection down.
        """
        self._check_scheme(url, medium)
        started = time.monotonic()
        window = sockwatch.slow_window(timeout[1])
        with sockwatch.watching(lambda: cancel.cancelled, deadline=window) as watch:
            try:
                with map_exceptions(url, medium=medium, timeout=timeout):
                    resp = self._session.get(
                        url, headers=dict(headers or {}), timeout=timeout, stream=True
                    )
                # The body has its own rule (``_copy``): a large file may take minutes.
                watch.set_deadline(None)
                try:
                    elapsed = time.monotonic() - started
                    log.debug("GET %s -> %d (%.3f s)", url, resp.status_code, elapsed)
                    if resp.status_code >= 400:
                        raise HTTPStatusError(url=url, status=resp.status_code, medium=medium)
                    yield resp, elapsed
                finally:
                    watch.detach()
                    resp.close()
            except Exception as exc:
                _raise_fired(watch, url=url, medium=medium, window=window, cause=exc)
                raise
            # A body without a length ends "cleanly" when its connection is shut down.
            _raise_fired(watch, url=url, medium=medium, window=window, cause=None)

    @staticmethod
    def _chunks(resp: requests.Response) -> Iterator[bytes]:
        """The body as it arrives.

        ``read1`` hands over every byte received before a connection breaks; reading
        fixed-size chunks would drop the last partial one, which a resumed download
        needs. A body the server encoded anyway (despite ``Accept-Encoding: identity``)
        is decoded by requests instead.
        """
        raw = resp.raw
        encoded = resp.headers.get("Content-Encoding", "identity").lower() != "identity"
        if encoded or not hasattr(raw, "read1"):
            yield from resp.iter_content(_CHUNK)
            return
        while chunk := raw.read1(_CHUNK):
            yield chunk

    @staticmethod
    def _expected(resp: requests.Response) -> int | None:
        length = resp.headers.get("Content-Length", "")
        return int(length) if length.isdigit() else None

    def _copy(
        self,
        resp: requests.Response,
        out: BinaryIO | bytearray,
        *,
        url: str,
        medium: str | None,
        timeout: Timeout,
        offset: int,
        max_bytes: int,
        stop_after: int | None,
        progress: ByteProgress | None,
        cancel: CancelToken,
    ) -> tuple[int, bool]:
        """Stream the body into ``out``; returns (bytes read, stopped early)."""
        expected = self._expected(resp)
        total = None if expected is None else offset + expected
        done = 0
        # The read timeout bounds each wait, not a body sent a byte at a time.
        floor = sockwatch.RateFloor(sockwatch.slow_window(timeout[1]))
        with map_exceptions(url, medium=medium, timeout=timeout):
            for chunk in self._chunks(resp):
                cancel.check(medium=medium)
                slow = floor.add(len(chunk))
                if slow is not None:
                    raise NetworkError(url=url, reason=slow, medium=medium)
                if isinstance(out, bytearray):
                    out += chunk
                else:
                    out.write(chunk)
                done += len(chunk)
                if offset + done > max_bytes:
                    raise NetworkError(
                        url=url, reason=f"larger than {max_bytes} bytes", medium=medium
                    )
                if progress is not None:
                    progress(offset + done, total)
                if stop_after is not None and done >= stop_after:
                    return done, True
        if expected is not None and done < expected:
            raise NetworkError(
                url=url,
                reason=f"transfer broke off after {done} of {expected} bytes",
                medium=medium,
            )
        return done, False

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: Timeout | None = None,
        medium: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        stop_after: int | None = None,
        progress: ByteProgress | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> Response:
        """See ``Transport.get``."""
        cancel.check(medium=medium)
        if is_local_url(url):
            return self._local_get(url, headers or {}, medium=medium, stop_after=stop_after)
        used = timeout or self.timeout
        if is_ftp_url(url):
            # Building the FTP connection parses the URL: its ValueError is mapped too.
            with map_exceptions(url, medium=medium, timeout=used):
                return self._ftp(
                    url,
                    headers=headers or {},
                    timeout=used,
                    medium=medium,
                    max_bytes=max_bytes,
                    stop_after=stop_after,
                    progress=progress,
                    cancel=cancel,
                )
        with self._request(url, headers, used, medium, cancel) as (resp, elapsed):
            answer = MappingProxyType({k.lower(): v for k, v in resp.headers.items()})
            if resp.status_code == 304:
                return Response(url=url, status=304, headers=answer, elapsed=elapsed)
            body = bytearray()
            size, truncated = self._copy(
                resp,
                body,
                url=url,
                medium=medium,
                timeout=used,
                offset=0,
                max_bytes=max_bytes,
                stop_after=stop_after,
                progress=progress,
                cancel=cancel,
            )
        return Response(
            url=url,
            status=resp.status_code,
            headers=answer,
            body=bytes(body),
            elapsed=elapsed,
            truncated=truncated,
            size=size,
        )

    def download(
        self,
        url: str,
        part: Path,
        *,
        timeout: Timeout | None = None,
        medium: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: ByteProgress | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> Response:
        """See ``Transport.download``."""
        cancel.check(medium=medium)
        if is_local_url(url):
            response = self._local_get(url, {}, medium=medium, stop_after=None)
            part.parent.mkdir(parents=True, exist_ok=True)
            part.write_bytes(response.body)
            return Response(url=url, status=200, headers=response.headers, size=len(response.body))
        used = timeout or self.timeout
        meta = _PartMeta(part)
        if is_ftp_url(url):
            # Building the FTP connection parses the URL: its ValueError is mapped too.
            with map_exceptions(url, medium=medium, timeout=used):
                return self._ftp(
                    url,
                    headers={},
                    timeout=used,
                    medium=medium,
                    max_bytes=max_bytes,
                    stop_after=None,
                    progress=progress,
                    cancel=cancel,
                    part=meta,
                )
        have = meta.resumable(url)
        headers: dict[str, str] = {}
        if have:
            headers["Range"] = f"bytes={have}-"
            headers["If-Range"] = meta.validator
        try:
            with self._request(url, headers, used, medium, cancel) as (resp, elapsed):
                answer = MappingProxyType({k.lower(): v for k, v in resp.headers.items()})
                start = 0
                if resp.status_code == 206:
                    match = _CONTENT_RANGE.fullmatch(answer.get("content-range", "").strip())
                    start = int(match[1]) if match is not None else -1
                if resp.status_code == 206 and start != have:
                    meta.discard()
                    raise NetworkError(
                        url=url, reason="unexpected byte range in answer", medium=medium
                    )
                if resp.status_code != 206:
                    have = 0  # the whole file: new, or changed since the part was written
                meta.start(url, answer.get("etag") or answer.get("last-modified") or "")
                part.parent.mkdir(parents=True, exist_ok=True)
                with part.open("ab" if have else "wb") as out:
                    size, _ = self._copy(
                        resp,
                        out,
                        url=url,
                        medium=medium,
                        timeout=used,
                        offset=have,
                        max_bytes=max_bytes,
                        stop_after=None,
                        progress=progress,
                        cancel=cancel,
                    )
        except HTTPStatusError as exc:
            if exc.status != 416 or not have:
                raise
            # The part file is as long as the file (or longer): start again from zero.
            meta.discard()
            return self.download(
                url,
                part,
                timeout=timeout,
                medium=medium,
                max_bytes=max_bytes,
                progress=progress,
                cancel=cancel,
            )
        if have:
            log.debug("resumed %s at byte %d", url, have)
        return Response(
            url=url,
            status=resp.status_code,
            headers=answer,
            elapsed=elapsed,
            size=have + size,
            offset=have,
        )

    def _local_get(
        self, url: str, headers: Mapping[str, str], *, medium: str | None, stop_after: int | None
    ) -> Response:
        status, answer, path, start, end = _local_answer(url, headers, medium=medium)
        if status == 304:
            return Response(url=url, status=304, headers=MappingProxyType(answer))
        with map_exceptions(url, medium=medium), path.open("rb") as f:
            f.seek(start)
            wanted = end - start if stop_after is None else min(end - start, stop_after)
            body = f.read(wanted)
        return Response(
            url=url,
            status=status,
            headers=MappingProxyType(answer),
            body=body,
            truncated=len(body) < end - start,
            size=len(body),
        )


class _PartMeta:
    """``<part>.json``: which URL a part file belongs to and the validator to resume with."""

    def __init__(self, part: Path) -> None:
        self.part = part
        self.path = part.with_name(part.name + ".json")
        self.validator = ""

    def resumable(self, url: str) -> int:
        """Bytes of ``url`` already in the part file (0: start from scratch)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            size = self.part.stat().st_size
        except (OSError, ValueError):
            self.discard()
            return 0
        if not isinstance(data, dict) or data.get("url") != url or not data.get("validator"):
            self.discard()
            return 0
        self.validator = str(data["validator"])
        return size

    def start(self, url: str, validator: str) -> None:
        """Record the URL and validator of a transfer that is starting."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"url": url, "validator": validator}), encoding="utf-8")

    def discard(self) -> None:
        """Forget the part file."""
        self.part.unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)
