# SPDX-License-Identifier: GPL-2.0-or-later
"""Mirrors, downloads and urpmi's per-medium metadata for the rpm executor (helper layer).

The helper never imports requests: this is urllib with a timeout on every network
operation, no proxy from the environment, a size limit on every body, a watch that ends a
read at once on cancel and an answer whose headers drip in, a floor under the rate of a
body (``system/sockwatch``, shared with the user side), and failover over the medium's
mirrors in order. It re-derives everything from root-owned files: a medium's
``url``, or its ``mirrorlist`` (``$MIRRORLIST`` from ``etc/product.id`` and the
``mirrorlist_base_url`` of ``etc/xosupdate/xosupdate.toml``) followed by ``with-dir``.
There is no latency ranking here (the unprivileged side ranks mirrors for looking); the
list's usable mirrors are tried in the list's order, the first that answers is kept for
the rest of the request.

``refresh_medium`` is what urpmi.update does for one medium (formats.md §4.4): fetch
``MD5SUM``; when it differs from urpmi's copy (or the synthesis is missing) fetch the
synthesis (the versioned name when MD5SUM lists one), check its MD5 and that it parses,
fetch ``descriptions`` for update media, and store all three in ``var/lib/urpmi/<Name>/``;
when the medium has no ``key-ids`` yet (and ``nopubkey`` is not set), fetch its ``pubkey``
and hand it to the caller to import, as urpmi.update does on a medium's first refresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import logging
import os
import time
import urllib.error
import urllib.request
import urllib.response
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TypeVar

from xosupdate.config import Settings
from xosupdate.domain.medium import Medium
from xosupdate.errors import (
    HelperError,
    SyncCancelledError,
    SyncError,
    XosUpdateError,
)
from xosupdate.formats.md5sum import Md5sum, parse_md5sum
from xosupdate.formats.mirrorlist import is_list_url, parse_mirror_value, parse_mirrorlist, usable
from xosupdate.formats.productid import ProductId, mirrorlist_url, parse_productid
from xosupdate.formats.synthesis import Synthesis, parse_synthesis
from xosupdate.formats.urpmicfg import expand
from xosupdate.helper.protocol import Phase
from xosupdate.helper.verbs import Cancel, Reporter, read_trusted
from xosupdate.system import sockwatch

__all__ = ["Fetcher", "MediumSource", "refresh_medium", "statedir"]

log = logging.getLogger(__name__)

STATEDIR: Final = "var/lib/urpmi"
PRODUCT_ID: Final = "etc/product.id"
SYNTHESIS: Final = "synthesis.hdlist.cz"
MD5SUM: Final = "MD5SUM"
DESCRIPTIONS: Final = "descriptions"
PUBKEY: Final = "pubkey"
_SCHEMES: Final = ("http://", "https://", "ftp://", "file://")
_CHUNK: Final = 64 * 1024
_SMALL: Final = 1 << 20  # MD5SUM, pubkey, mirror list
_METADATA: Final = 512 << 20  # synthesis, descriptions
_REPORT_EVERY: Final = 0.1  # seconds between download progress replies
# Left free on the file system a download writes to, whatever a mirror claims a file's size
# is (the synthesis's @filesize@ is not signed): root's download never fills the disk.
KEEP_FREE: Final = 256 << 20
_T = TypeVar("_T")


def statedir(root: Path, medium: str) -> Path:
    """``ROOT/var/lib/urpmi/<medium>/`` (urpmi's per-medium state directory).

    Raises:
        HelperError: a medium name that cannot be a directory name.
    """
    if not medium or "/" in medium or "\x00" in medium or medium in (".", ".."):
        raise HelperError(f"medium name {medium!r} cannot name a directory")
    return root / STATEDIR / medium


def _check_limit(url: str, size: int, limit: int) -> None:
    if size > limit:
        raise SyncError(f"{url}: larger than {limit} bytes", url=url)


def _free_bytes(directory: Path) -> int:
    """Bytes an unprivileged user could still write there (root's reserve aside)."""
    st = os.statvfs(directory)
    return st.f_bavail * st.f_frsize


def _check_room(url: str, directory: Path, size: int, room: int) -> None:
    if size > room:
        raise SyncError(
            f"{url}: not enough free space in {directory} "
            f"({size} bytes needed, {KEEP_FREE >> 20} MiB kept free)",
            url=url,
        )


class _WatchedHTTPConnection(http.client.HTTPConnection):
    """A connection whose socket goes under the request's watch once connected."""

    def connect(self) -> None:
        super().connect()
        sockwatch.attach(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    """``_WatchedHTTPConnection`` over TLS (watched once the handshake is done)."""

    def connect(self) -> None:
        super().connect()
        sockwatch.attach(self.sock)


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_WatchedHTTPConnection, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            _WatchedHTTPSConnection,
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


class Fetcher:
    """urllib with timeouts, limits, cancel checks and progress, for one request."""

    def __init__(self, *, settings: Settings, cancel: Cancel, report: Reporter) -> None:
        # An empty ProxyHandler: the helper ignores *_proxy variables of the environment.
        self._opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), _WatchedHTTPHandler(), _WatchedHTTPSHandler()
        )
        # urllib has one timeout for connecting and for each read.
        self.timeout = settings.connect_timeout
        self.cancel = cancel
        self.report = report
        self._lists: dict[str, tuple[str, ...]] = {}

    @contextlib.contextmanager
    def _open(self, url: str) -> Iterator[urllib.response.addinfourl]:
        """The open answer of ``url``, its body read inside the block.

        Under a watch: a cancel request ends a read under way, and the headers must come
        within the slow window (a mirror dripping them would hold root's helper for ever).

        Raises:
            SyncError: network or HTTP failure, headers too slow.
            SyncCancelledError: cancelled.
        """
        if not url.lower().startswith(_SCHEMES):
            raise SyncError(f"unsupported URL scheme: {url}", url=url)
        window = sockwatch.slow_window(self.timeout)
        with sockwatch.watching(self.cancel.is_set, deadline=window) as watch:
            try:
                try:
                    resp: urllib.response.addinfourl = self._opener.open(url, timeout=self.timeout)
                except urllib.error.HTTPError as exc:
                    raise SyncError(f"{url}: HTTP {exc.code}", url=url) from exc
                except (
                    urllib.error.URLError,
                    http.client.HTTPException,
                    OSError,
                    ValueError,
                ) as exc:
                    reason = getattr(exc, "reason", exc)
                    raise SyncError(f"{url}: {reason}", url=url) from exc
                watch.set_deadline(None)  # the body has its own rule (``_chunks``)
                with resp:
                    yield resp
            except Exception as exc:
                self._raise_fired(watch, url, window, exc)
                raise
            # A body without a length ends "cleanly" when its connection is shut down.
            self._raise_fired(watch, url, window, None)

    def _raise_fired(
        self, watch: sockwatch.Watch, url: str, window: float, cause: BaseException | None
    ) -> None:
        if watch.fired is sockwatch.Fired.CANCELLED:
            raise SyncCancelledError(self.cancel.reason) from cause
        if watch.fired is sockwatch.Fired.DEADLINE:
            reason = sockwatch.deadline_reason(window)
            raise SyncError(f"{url}: {reason}", url=url) from cause

    def _chunks(self, url: str, resp: urllib.response.addinfourl) -> Iterator[bytes]:
        """The body as it arrives, given up below the rate floor.

        Raises:
            SyncError: too slow.
        """
        # read1: whatever has arrived, rather than waiting for a whole chunk to fill.
        read = getattr(resp, "read1", resp.read)
        floor = sockwatch.RateFloor(sockwatch.slow_window(self.timeout))
        while chunk := read(_CHUNK):
            slow = floor.add(len(chunk))
            if slow is not None:
                raise SyncError(f"{url}: {slow}", url=url)
            yield chunk

    def get(self, url: str, *, limit: int) -> bytes:
        """The body of ``url`` (at most ``limit`` bytes).

        Raises:
            SyncError: network or HTTP failure, or a body over ``limit``.
            SyncCancelledError: cancelled.
        """
        self.cancel.check()
        with self._open(url) as resp:
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in self._chunks(url, resp):
                    size += len(chunk)
                    if size > limit:
                        raise SyncError(f"{url}: larger than {limit} bytes", url=url)
                    chunks.append(chunk)
                    self.cancel.check()
            except (http.client.HTTPException, OSError, ValueError) as exc:
                raise SyncError(f"{url}: {exc}", url=url) from exc
        return b"".join(chunks)

    def download(self, url: str, dest: Path, *, limit: int, item: str) -> None:
        """Stream ``url`` into ``dest`` (replaced only when complete), reporting download
        progress in bytes and checking cancel between chunks.

        Raises:
            SyncError: network or HTTP failure, a body over ``limit``, or one that would
                leave less than ``KEEP_FREE`` on the file system.
            SyncCancelledError: cancelled (``dest`` is not touched).
        """
        self.cancel.check()
        partial = dest.parent.parent / "partial" / dest.name
        partial.parent.mkdir(parents=True, exist_ok=True)
        room = _free_bytes(partial.parent) - KEEP_FREE
        try:
            with self._open(url) as resp:
                total = int(resp.headers.get("Content-Length") or 0)
                _check_limit(url, total, limit)
                _check_room(url, partial.parent, total, room)
                self.report.progress(Phase.DOWNLOAD, item, 0, total, cancellable=True)
                done = 0
                last = time.monotonic()
                try:
                    with partial.open("wb") as out:
                        for chunk in self._chunks(url, resp):
                            done += len(chunk)
                            _check_limit(url, done, limit)
                            _check_room(url, partial.parent, done, room)
                            out.write(chunk)
                            self.cancel.check()
                            now = time.monotonic()
                            if now - last >= _REPORT_EVERY:
                                last = now
                                self.report.progress(
                                    Phase.DOWNLOAD, item, done, total, cancellable=True
                                )
                except (http.client.HTTPException, OSError, ValueError) as exc:
                    raise SyncError(f"{url}: {exc}", url=url) from exc
        except BaseException:
            # Cancelled or cut off, also when the watch says so on leaving the answer.
            partial.unlink(missing_ok=True)
            raise
        if total and done != total:
            partial.unlink(missing_ok=True)
            raise SyncError(f"{url}: truncated ({done} of {total} bytes)", url=url)
        partial.replace(dest)
        self.report.progress(Phase.DOWNLOAD, item, done, total or done, cancellable=True)

    def mirror_list(self, url: str) -> tuple[str, ...]:
        """The usable mirrors of a mirror list, in its order (fetched once per request)."""
        if url not in self._lists:
            data = self.get(url, limit=_SMALL)
            try:
                # A list from the network never sends root to local files.
                local = url.lower().startswith("file:")
                mirrors = usable(parse_mirrorlist(data, source=url), local=local)
            except XosUpdateError as exc:
                raise SyncError(f"mirror list {url}: {exc}", url=url) from exc
            self._lists[url] = tuple(m.url for m in mirrors)
            log.info("mirror list %s: %d usable mirrors", url, len(mirrors))
        return self._lists[url]


@dataclass(slots=True)
class MediumSource:
    """Where one medium is served: candidate base URLs in order, the working one first
    once found."""

    medium: Medium
    urls: list[str]
    media_info_dir: str = "media_info"
    _chosen: str | None = field(default=None, repr=False)

    def ordered(self) -> list[str]:
        """Candidates, the one that worked last first."""
        if self._chosen is None:
            return list(self.urls)
        return [self._chosen, *(u for u in self.urls if u != self._chosen)]

    def fetch(self, fetcher: Fetcher, name: str, *, limit: int) -> bytes:
        """``media_info/<name>`` from the first mirror that has it.

        Raises:
            SyncError: every mirror failed (the last failure is named).
        """
        return self._try(
            lambda base: fetcher.get(f"{base}/{self.media_info_dir}/{name}", limit=limit)
        )

    def download(self, fetcher: Fetcher, filename: str, dest: Path, *, limit: int) -> None:
        """The package file ``filename`` into ``dest``, from the first mirror that has it."""
        self._try(
            lambda base: fetcher.download(f"{base}/{filename}", dest, limit=limit, item=filename)
        )

    def _try(self, attempt: Callable[[str], _T]) -> _T:
        failures: list[str] = []
        for base in self.ordered():
            try:
                result = attempt(base)
            except SyncCancelledError:
                raise
            except SyncError as exc:
                log.info("medium %s: %s", self.medium.name, exc)
                failures.append(str(exc))
                continue
            self._chosen = base
            return result
        if not failures:
            raise SyncError(f"medium {self.medium.name}: no mirror", medium=self.medium.name)
        raise SyncError(
            f"medium {self.medium.name}: every mirror failed (last: {failures[-1]})",
            medium=self.medium.name,
        )


def _product(root: Path, *, privileged: bool) -> ProductId:
    path = root / PRODUCT_ID
    try:
        data = read_trusted(path, privileged=privileged, limit=_SMALL)
    except FileNotFoundError as exc:
        raise HelperError(f"{path} does not exist: cannot expand $MIRRORLIST") from exc
    try:
        return parse_productid(data, source=str(path))
    except XosUpdateError as exc:
        raise HelperError(str(exc)) from exc


def medium_source(
    medium: Medium, *, root: Path, settings: Settings, fetcher: Fetcher, privileged: bool
) -> MediumSource:
    """The candidate URLs of ``medium`` (formats.md §2.2-§2.3).

    Raises:
        HelperError: a mirror-list medium on a root without a usable product.id, or a URL
            with a variable the helper cannot expand.
        SyncError: a mirror list that cannot be fetched or read.
    """
    product: ProductId | None = None

    def variables() -> dict[str, str]:
        nonlocal product
        if product is None:
            product = _product(root, privileged=privileged)
        return {"ARCH": product.arch, "RELEASE": product.version}

    def expanded(value: str) -> str:
        if "$" in value:
            value = expand(value, variables())
        if "$" in value:
            raise HelperError(f"medium {medium.name}: cannot expand {value!r}")
        return value.rstrip("/")

    info_dir = (medium.media_info_dir or "media_info").strip("/")
    if medium.url:
        return MediumSource(medium=medium, urls=[expanded(medium.url)], media_info_dir=info_dir)
    if not medium.mirrorlist:
        raise HelperError(f"medium {medium.name} has neither url nor mirrorlist")
    with_dir = medium.with_dir.strip("/")
    urls: list[str] = []
    for element in parse_mirror_value(medium.mirrorlist):
        if element == "$MIRRORLIST":
            if product is None:
                product = _product(root, privileged=privileged)
            element = mirrorlist_url(product, base_url=settings.mirrorlist_base_url)
        element = expanded(element)
        bases = fetcher.mirror_list(element) if is_list_url(element) else (element,)
        urls += [f"{b.rstrip('/')}/{with_dir}" if with_dir else b.rstrip("/") for b in bases]
    return MediumSource(medium=medium, urls=list(dict.fromkeys(urls)), media_info_dir=info_dir)


# ---------------------------------------------------------------- urpmi.update


def _write(path: Path, data: bytes) -> None:
    """Replace a state file atomically (temporary file in the same directory)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    tmp.chmod(0o644)
    tmp.replace(path)


def _check_synthesis(data: bytes, *, url: str, medium: str) -> Synthesis:
    head = data[:512].lower()
    if len(data) < 20 or b"<html" in head or b"<!doctype" in head:
        # A captive portal or an error page served with status 200 (formats.md §4.4).
        raise SyncError(f"{url}: not a synthesis (an HTML page?)", url=url, medium=medium)
    try:
        return parse_synthesis(data, source=url, lazy=True)
    except XosUpdateError as exc:
        raise SyncError(f"medium {medium}: {exc}", url=url, medium=medium) from exc


def _checked_descriptions(data: bytes | None, expected: str | None, medium: str) -> bytes | None:
    """The fetched descriptions if MD5SUM agrees (when it lists them) and they are not an
    HTML page; None otherwise (advisories are a bonus: their absence fails nothing)."""
    if data is None:
        return None
    head = data[:512].lower()
    if b"<html" in head or b"<!doctype" in head:
        log.warning("medium %s: descriptions are an HTML page, not kept", medium)
        return None
    if expected is not None and hashlib.md5(data, usedforsecurity=False).hexdigest() != expected:
        log.warning("medium %s: descriptions do not match MD5SUM, not kept", medium)
        return None
    return data


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshOutcome:
    """What ``refresh_medium`` did."""

    updated: bool
    pubkey: str | None = None


def refresh_medium(
    source: MediumSource,
    *,
    root: Path,
    fetcher: Fetcher,
    want_pubkey: bool,
) -> RefreshOutcome:
    """Bring ``var/lib/urpmi/<Name>/`` up to date (see the module docstring).

    Args:
        want_pubkey: fetch ``media_info/pubkey`` too (the medium has no key-ids yet); it is
            returned, never imported here.

    Raises:
        SyncError: no mirror answered, a checksum mismatch, or metadata that does not parse.
        SyncCancelledError: cancelled.
    """
    medium = source.medium
    directory = statedir(root, medium.name)
    md5_data = source.fetch(fetcher, MD5SUM, limit=_SMALL)
    md5_url = f"{source.ordered()[0]}/{source.media_info_dir}/{MD5SUM}"
    try:
        md5: Md5sum = parse_md5sum(md5_data, source=md5_url)
    except XosUpdateError as exc:
        raise SyncError(f"medium {medium.name}: {exc}", url=md5_url, medium=medium.name) from exc
    current = b""
    with contextlib.suppress(OSError):
        current = (directory / MD5SUM).read_bytes()
    pubkey: str | None = None
    if want_pubkey:
        data = source.fetch(fetcher, PUBKEY, limit=_SMALL)
        pubkey = data.decode("ascii", "replace")
    if current == md5_data and (directory / SYNTHESIS).is_file():
        log.info("medium %s is up-to-date", medium.name)
        return RefreshOutcome(updated=False, pubkey=pubkey)
    expected = md5.get(SYNTHESIS)
    if expected is None:
        raise SyncError(
            f"medium {medium.name}: MD5SUM lists no {SYNTHESIS}", url=md5_url, medium=medium.name
        )
    name = md5.versioned_synthesis() or SYNTHESIS
    synthesis = source.fetch(fetcher, name, limit=_METADATA)
    url = f"{source.ordered()[0]}/{source.media_info_dir}/{name}"
    actual = hashlib.md5(synthesis, usedforsecurity=False).hexdigest()
    if actual != expected:
        raise SyncError(
            f"retrieval of [{url}] failed (md5sum mismatch: MD5SUM says {expected}, got {actual})",
            url=url,
            medium=medium.name,
        )
    _check_synthesis(synthesis, url=url, medium=medium.name)
    descriptions: bytes | None = None
    if medium.update:
        # As urpmi: a medium without advisories is fine (a cancel is not).
        try:
            descriptions = source.fetch(fetcher, DESCRIPTIONS, limit=_METADATA)
        except SyncCancelledError:
            raise
        except SyncError as exc:
            log.info("medium %s: no descriptions (%s)", medium.name, exc)
        descriptions = _checked_descriptions(descriptions, md5.get(DESCRIPTIONS), medium.name)
    directory.mkdir(parents=True, exist_ok=True, mode=0o755)
    _write(directory / SYNTHESIS, synthesis)
    if descriptions is not None:
        _write(directory / DESCRIPTIONS, descriptions)
    else:
        # The old advisories describe the old synthesis: none is better than those.
        (directory / DESCRIPTIONS).unlink(missing_ok=True)
    # MD5SUM last: an interrupted refresh leaves the old one, so the next one starts over.
    _write(directory / MD5SUM, md5_data)
    log.info("updated medium %s", medium.name)
    return RefreshOutcome(updated=True, pubkey=pubkey)
