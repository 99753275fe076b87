# SPDX-License-Identifier: GPL-2.0-or-later
"""Refreshing media metadata into the verified per-user cache (services layer).

What ``urpmi.update`` does for a remote medium (design/formats.md §4.4), as the user, into
``MetadataCache``, never touching urpmi's own state:

1. a conditional GET of ``<medium>/media_info/MD5SUM`` (``If-None-Match`` /
   ``If-Modified-Since`` recorded from the last answer *of the same URL*: a validator of
   another mirror proves nothing). 304, or an MD5SUM byte-identical to the cached one,
   means "up to date": one request per unchanged medium;
2. otherwise, into a new directory next to the medium's cache directory: the synthesis
   (its versioned name when MD5SUM lists one with the same checksum, §4.3), the
   descriptions (update media, and any medium whose MD5SUM lists them) and the pubkey.
   Every file MD5SUM lists is checked against it; an HTML page (captive portal) or a
   file under 20 bytes is refused; the synthesis is parsed completely; then the new
   directory replaces the old one (``replace_dir``). Until then the previous cache stays
   as it was, and stays if anything fails;
3. a download that breaks off keeps its ``*.part`` file and is resumed with ``Range``
   (twice per file and mirror, and on the next run); the checksum is verified at the end.

A medium without a cache of ours whose urpmi state directory holds the MD5SUM the mirror
serves now reuses urpmi's synthesis (and descriptions) when their checksums match: the
first refresh of an up-to-date system downloads only MD5SUM files and pubkeys.

Media are refreshed concurrently (``refresh_concurrency``), each on its own: a failure
names the mirror (URL) and the medium and leaves the others alone. A mirror-list medium
fails over to the next ranked mirror (at most ``MAX_MIRRORS``); the mirrors that failed
go to the end of the remembered ranking.

Keys. urpmi imports a medium's pubkey only while the medium has no ``key-ids``. Refresh
does not import anything (that needs the privileged side); it compares the pubkey's keys
with the medium's ``key-ids``:

* no key-ids yet: the pubkey is cached as ``pubkey`` (its keys identify signers, but no
  package of the medium counts as trusted until urpmi binds a key);
* the same key ids: cached as ``pubkey``;
* different ids, or the same short id with another fingerprint than last time: the key
  changed. The new file is kept aside as ``pubkey.changed`` (never read into a keyring),
  the previously cached ``pubkey`` stays, and the result carries a ``KeyChangedError``
  for the user to see. Packages signed by the new key are "unknown key" until the
  administrator re-imports it (``urpmi.update --force-key``), which rewrites key-ids.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import email.utils
import enum
import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xosupdate.config import Settings
from xosupdate.domain.medium import Medium
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken, Phase, Progress, ProgressFn
from xosupdate.errors import (
    ChecksumMismatchError,
    FormatError,
    HTTPStatusError,
    KeyChangedError,
    LockedError,
    Md5sumError,
    MediumNotFoundError,
    MirrorsFailedError,
    NetworkError,
    NoMetadataError,
    ProductIdError,
    SyncCancelledError,
    SyncError,
    XosUpdateError,
)
from xosupdate.formats.md5sum import Md5sum, parse_md5sum
from xosupdate.formats.synthesis import parse_synthesis
from xosupdate.formats.urpmicfg import UrpmiCfg
from xosupdate.services.media import read_urpmicfg
from xosupdate.services.mirrors import MirrorResolver, Source, join_url
from xosupdate.system.gpg import PublicKey, read_keys
from xosupdate.system.http import HttpTransport, Timeout, Transport
from xosupdate.system.metacache import MetadataCache, atomic_write, replace_dir, restore_dir
from xosupdate.system.urpmistate import UrpmiState

__all__ = [
    "DESCRIPTIONS",
    "MAX_MIRRORS",
    "MD5SUM",
    "PUBKEY",
    "PUBKEY_CHANGED",
    "STATE",
    "SYNTHESIS",
    "MediumRefresh",
    "RefreshReport",
    "RefreshStatus",
    "bound_key_ids",
    "key_change",
    "read_state",
    "refresh_media",
]

log = logging.getLogger(__name__)

MD5SUM: Final = "MD5SUM"
SYNTHESIS: Final = "synthesis.hdlist.cz"
DESCRIPTIONS: Final = "descriptions"
PUBKEY: Final = "pubkey"
PUBKEY_CHANGED: Final = "pubkey.changed"
STATE: Final = "state.json"
# urpmi: max-round-robin-tries 5, i.e. at most 4 mirrors per file.
MAX_MIRRORS: Final = 4
MAX_RESUMES: Final = 2
MIN_SIZE: Final = 20
_MD5SUM_MAX: Final = 1024 * 1024
_PUBKEY_MAX: Final = 1024 * 1024
_STATE_FORMAT: Final = 1
_HTML_MARKERS: Final = (b"<html", b"<!doctype")
# Media on removable devices are never refreshed from the network (urpmi -a skips them).
_REMOVABLE: Final = ("cdrom:", "removable")


class RefreshStatus(enum.StrEnum):
    """How the refresh of one medium ended."""

    UP_TO_DATE = "up-to-date"
    UPDATED = "updated"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class MediumRefresh:
    """The outcome for one medium.

    Attributes:
        packages: packages in the (now) cached synthesis, None when unknown.
        source: the medium URL the metadata came from (the mirror used).
        error: why it failed (names the mirror URL and the medium).
        key_change: the medium's pubkey no longer matches its key-ids.
        notes: other things worth saying (a key offered but not bound yet…).
    """

    medium: str
    status: RefreshStatus
    packages: int | None = None
    source: str = ""
    error: XosUpdateError | None = None
    key_change: KeyChangedError | None = None
    notes: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """``up to date``, ``updated (N packages)`` or ``failed: reason``."""
        if self.status is RefreshStatus.UP_TO_DATE:
            return "up to date"
        if self.status is RefreshStatus.UPDATED:
            n = "?" if self.packages is None else str(self.packages)
            return f"updated ({n} package{'' if self.packages == 1 else 's'})"
        reason = str(self.error or "unknown error").removeprefix(f"medium {self.medium}: ")
        return f"failed: {reason}"

    def to_json(self) -> dict[str, object]:
        """A record of ``refresh --json``."""
        return {
            "medium": self.medium,
            "status": self.status.value,
            "packages": self.packages,
            "source": self.source,
            "error": str(self.error) if self.error else None,
            "error_code": self.error.code if self.error else None,
            "key_change": str(self.key_change) if self.key_change else None,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshReport:
    """Every medium refreshed, in urpmi.cfg order."""

    results: tuple[MediumRefresh, ...]

    @property
    def failed(self) -> tuple[MediumRefresh, ...]:
        """The media that failed."""
        return tuple(r for r in self.results if r.status is RefreshStatus.FAILED)


def bound_key_ids(medium: Medium, cfg: UrpmiCfg) -> tuple[str, ...]:
    """The key ids urpmi accepts for ``medium``: its own ``key-ids``, else the global ones."""
    if medium.key_ids:
        return medium.key_ids
    value = cfg.global_options.get("key-ids", "")
    return tuple(k.lower() for k in value.replace(",", " ").split())


def key_change(
    medium: str,
    key_ids: Sequence[str],
    keys: Sequence[PublicKey],
    *,
    known: Mapping[str, str] | None = None,
) -> KeyChangedError | None:
    """A ``KeyChangedError`` when a medium's pubkey keys are not the ones bound to it.

    Args:
        key_ids: the short ids urpmi.cfg binds to the medium (nothing can change while
            it binds none: the first key is what urpmi imports).
        keys: the keys of the medium's pubkey.
        known: short id → fingerprint seen before (a short id whose fingerprint differs
            is another key: a collision of 8 hex digits is cheap to make).
    """
    if not key_ids:
        return None
    offered = {k.short_id for k in keys}
    known = known or {}
    swapped = [k for k in keys if known.get(k.short_id, k.fingerprint) != k.fingerprint]
    if offered == set(key_ids) and not swapped:
        return None
    if swapped:
        what = (
            f"key {swapped[0].short_id} now has another fingerprint "
            f"({known[swapped[0].short_id]} before, {swapped[0].fingerprint} now)"
        )
    else:
        what = (
            f"its pubkey offers {', '.join(sorted(offered)) or 'no key'} but urpmi.cfg "
            f"binds {', '.join(key_ids)}"
        )
    return KeyChangedError(
        f"medium {medium}: the signing key changed: {what}; packages signed by the new key "
        f"are not trusted until an administrator re-imports it "
        f"(urpmi.update --force-key '{medium}')",
        medium=medium,
    )


def read_state(cache: MetadataCache, medium: str) -> dict[str, object]:
    """The ``state.json`` of a medium's cache directory (empty when absent or unreadable)."""
    path = cache.medium_dir(medium) / STATE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == _STATE_FORMAT else {}


def _check_not_older(
    state: Mapping[str, object], last_modified: str | None, *, url: str, medium: str
) -> None:
    """Refuse metadata older than the cache's: a mirror lagging behind (or a fallback to
    one) must not roll the cache back, taking away updates already listed.

    Raises:
        NetworkError: the mirror's MD5SUM is older than the one cached (so the next
            mirror is tried, and this one is tried last from now on).
    """
    cached = state.get("last_modified")
    if not (isinstance(cached, str) and cached and last_modified):
        return  # a date is missing (FTP, local files): nothing to compare
    try:
        older = email.utils.parsedate_to_datetime(last_modified) < (
            email.utils.parsedate_to_datetime(cached)
        )
    except (TypeError, ValueError):
        return
    if older:
        raise NetworkError(
            url=url,
            reason=f"older metadata ({last_modified}) than the cache's ({cached})",
            medium=medium,
        )


def _write_synced(path: Path, data: bytes) -> None:
    """Write a new file and flush it to disk (before the directory is swapped in)."""
    with path.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def _check_not_html(data: bytes, *, url: str, medium: str) -> None:
    """Refuse an HTML page served in place of metadata (urpmi reads the first two lines)."""
    head = b"\n".join(data.split(b"\n", 2)[:2]).lower()
    if any(marker in head for marker in _HTML_MARKERS):
        raise NoMetadataError(
            f"medium {medium}: {url}: an HTML page instead of metadata (captive portal?)",
            url=url,
            medium=medium,
        )


def _short_reason(exc: XosUpdateError) -> str:
    return str(getattr(exc, "reason", "") or exc)


@contextlib.contextmanager
def _refresh_lock(cache: MetadataCache) -> Iterator[None]:
    """One refresh per root and user at a time (two would swap the same directories)."""
    path = cache.root_dir / "refresh.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as f:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockedError("another xosupdate refresh of this root is running") from exc
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


class _MediumRefresher:
    """Refresh one medium: try its sources in order until one gives verified metadata."""

    def __init__(
        self,
        medium: Medium,
        *,
        root: Path,
        key_ids: tuple[str, ...],
        cache: MetadataCache,
        transport: Transport,
        resolver: MirrorResolver,
        timeout: Timeout,
        progress: ProgressFn | None,
        cancel: CancelToken,
    ) -> None:
        self.medium = medium
        self.name = medium.name
        self.root = root
        self.key_ids = key_ids
        self.cache = cache
        self.transport = transport
        self.resolver = resolver
        self.timeout = timeout
        self._progress = progress
        self.cancel = cancel
        self.target = cache.medium_dir(medium.name)
        self._files_done = 0
        self._files_total = 1

    # ------------------------------------------------------------ progress

    def report(self, phase: Phase, file: str = "", done: int = 0, total: int | None = None) -> None:
        if self._progress is not None:
            self._progress(
                Progress(
                    phase=phase,
                    medium=self.name,
                    file=file,
                    bytes_done=done,
                    bytes_total=total,
                    files_done=self._files_done,
                    files_total=self._files_total,
                )
            )

    # ------------------------------------------------------------ the medium

    def run(self) -> MediumRefresh:
        restore_dir(self.target)
        try:
            sources = self.resolver.sources(self.medium, cancel=self.cancel)
        except SyncCancelledError:
            raise
        except (SyncError, FormatError, ProductIdError) as exc:
            return MediumRefresh(medium=self.name, status=RefreshStatus.FAILED, error=exc)
        failures: list[XosUpdateError] = []
        for source in sources[:MAX_MIRRORS]:
            try:
                result = self._refresh_from(source)
            except SyncCancelledError:
                raise
            except (SyncError, FormatError) as exc:
                log.info("medium %s: %s failed: %s", self.name, source, exc)
                failures.append(exc)
                self.resolver.mirror_failed(source, _short_reason(exc))
                continue
            except OSError as exc:
                # The cache cannot be written (disk full, permissions): no mirror helps.
                error = XosUpdateError(
                    f"medium {self.name}: cannot write the cache: {exc.strerror or exc}"
                )
                return MediumRefresh(medium=self.name, status=RefreshStatus.FAILED, error=error)
            self.resolver.mirror_worked(source)
            self.report(Phase.DONE)
            return result
        failed: XosUpdateError = (
            failures[0]
            if len(failures) == 1
            else MirrorsFailedError(medium=self.name, failures=tuple(failures))
        )
        log.info("medium %s: %s", self.name, failed)
        return MediumRefresh(medium=self.name, status=RefreshStatus.FAILED, error=failed)

    def _refresh_from(self, source: Source) -> MediumRefresh:
        info = join_url(source.base_url, self.medium.media_info_dir or "media_info")
        md5_url = f"{info}/{MD5SUM}"
        state = read_state(self.cache, self.name)
        cached_md5 = self.cache.file(self.name, MD5SUM)
        have_cache = cached_md5 is not None and self._cache_intact(cached_md5)
        headers: dict[str, str] = {}
        if have_cache and state.get("md5sum_url") == md5_url:
            if isinstance(etag := state.get("etag"), str) and etag:
                headers["If-None-Match"] = etag
            if isinstance(modified := state.get("last_modified"), str) and modified:
                headers["If-Modified-Since"] = modified
        self._files_done, self._files_total = 0, 1
        self.report(Phase.CHECK, MD5SUM)
        response = self.transport.get(
            md5_url,
            headers=headers,
            timeout=self.timeout,
            medium=self.name,
            max_bytes=_MD5SUM_MAX,
            cancel=self.cancel,
        )
        packages = state.get("packages")
        count = packages if isinstance(packages, int) else None
        if response.not_modified:
            log.info("medium %s is up to date (%s: not modified)", self.name, md5_url)
            return self._unchanged(source, count)
        body = response.body
        _check_not_html(body, url=md5_url, medium=self.name)
        if have_cache and cached_md5 is not None and body == cached_md5.read_bytes():
            log.info("medium %s is up to date (same MD5SUM)", self.name)
            state.update(
                md5sum_url=md5_url,
                etag=response.etag or "",
                last_modified=response.last_modified or "",
            )
            atomic_write(self.target / STATE, json.dumps(state, indent=1).encode("utf-8"))
            return self._unchanged(source, count)
        if have_cache:
            _check_not_older(state, response.last_modified, url=md5_url, medium=self.name)
        md5sum = parse_md5sum(body, source=md5_url)
        validators = (response.etag or "", response.last_modified or "")
        adopted = {} if have_cache else self._urpmi_copies(body)
        return self._update(
            source, info, md5_url, body, md5sum, validators=validators, adopted=adopted
        )

    def _urpmi_copies(self, md5_body: bytes) -> dict[str, bytes]:
        """urpmi's own synthesis and descriptions of the medium, when its MD5SUM is the
        one the mirror serves now (a first refresh then downloads no synthesis)."""
        state = UrpmiState(self.root)
        copy = state.statedir_file(self.name, MD5SUM)
        try:
            if copy is None or copy.read_bytes() != md5_body:
                return {}
            found = {}
            for name in (SYNTHESIS, DESCRIPTIONS):
                path = state.statedir_file(self.name, name)
                if path is not None:
                    found[name] = path.read_bytes()
        except OSError as exc:
            log.info("medium %s: urpmi's copies unreadable: %s", self.name, exc)
            return {}
        return found

    def _cache_intact(self, cached_md5: Path) -> bool:
        """Whether the cached synthesis (and descriptions) still match the cached MD5SUM.
        Only then may an unchanged MD5SUM on the mirror mean "up to date": a cache damaged
        on disk is fetched again, not kept until the mirror changes."""
        try:
            md5sum = parse_md5sum(cached_md5.read_bytes(), source=str(cached_md5))
            for name in (SYNTHESIS, DESCRIPTIONS):
                path = self.cache.file(self.name, name)
                expected = md5sum.get(name)
                if name == SYNTHESIS and (path is None or expected is None):
                    return False
                if path and expected and _md5(path.read_bytes()) != expected:
                    log.warning("medium %s: cached %s is damaged", self.name, name)
                    return False
        except (OSError, Md5sumError):
            return False
        return True

    def _adopt(self, adopted: Mapping[str, bytes], name: str, expected: str | None) -> bytes | None:
        """urpmi's copy of ``name`` if it matches MD5SUM (or MD5SUM does not list it)."""
        data = adopted.get(name)
        if data is None or (expected is not None and _md5(data) != expected):
            return None
        if name == SYNTHESIS and expected is None:
            return None  # a synthesis is only trusted through its checksum
        log.info("medium %s: urpmi's %s is current, not downloading it", self.name, name)
        self._files_done += 1
        return data

    def _unchanged(self, source: Source, packages: int | None) -> MediumRefresh:
        self._files_done = self._files_total
        return MediumRefresh(
            medium=self.name,
            status=RefreshStatus.UP_TO_DATE,
            packages=packages,
            source=source.base_url,
            key_change=self._stored_key_change(),
        )

    def _stored_key_change(self) -> KeyChangedError | None:
        """The key change an earlier refresh found, if the key-ids still do not match."""
        changed = self.cache.file(self.name, PUBKEY_CHANGED)
        if changed is None:
            return None
        try:
            keys = read_keys(changed.read_bytes(), source=str(changed))
        except (OSError, FormatError):
            return None
        return self._key_change(keys, previous={})

    # ------------------------------------------------------------ files

    def _fetch(
        self, info: str, remote: str, *, expected: str | None, required: bool
    ) -> bytes | None:
        """Download ``info/remote`` (resuming), check it against MD5SUM's ``expected``.

        Returns None when the file is optional and the server does not have it.
        """
        url = f"{info}/{remote}"
        part = self.cache.partial_dir(self.name) / f"{remote}.part"
        attempt = 0
        while True:
            before = part.stat().st_size if part.exists() else 0
            try:
                response = self.transport.download(
                    url,
                    part,
                    timeout=self.timeout,
                    medium=self.name,
                    progress=lambda done, total: self.report(Phase.DOWNLOAD, remote, done, total),
                    cancel=self.cancel,
                )
                break
            except HTTPStatusError as exc:
                if not required and exc.status in (403, 404, 410):
                    log.info("medium %s: no %s (%s)", self.name, remote, exc)
                    return None
                raise
            except NetworkError:
                grew = part.exists() and part.stat().st_size > before
                if not grew or attempt >= MAX_RESUMES:
                    raise
                attempt += 1
                log.info("medium %s: %s broke off, resuming", self.name, url)
        data = part.read_bytes()
        meta = part.with_name(part.name + ".json")
        if expected is not None:
            actual = _md5(data)
            if actual != expected:
                part.unlink(missing_ok=True)
                meta.unlink(missing_ok=True)
                if response.offset:
                    # A resumed file can be stale at its start: fetch it once more, whole.
                    log.info("medium %s: %s resumed but wrong, fetching it whole", self.name, url)
                    return self._fetch(info, remote, expected=expected, required=required)
                raise ChecksumMismatchError(
                    url=url, expected=expected, actual=actual, medium=self.name
                )
        else:
            log.info("medium %s: %s is not covered by MD5SUM", self.name, url)
        part.unlink(missing_ok=True)
        meta.unlink(missing_ok=True)
        self._files_done += 1
        return data

    def _update(
        self,
        source: Source,
        info: str,
        md5_url: str,
        md5_body: bytes,
        md5sum: Md5sum,
        *,
        validators: tuple[str, str],
        adopted: Mapping[str, bytes],
    ) -> MediumRefresh:
        etag, last_modified = validators
        want_descriptions = DESCRIPTIONS in md5sum or self.medium.update
        self._files_done = 1
        self._files_total = 3 + int(want_descriptions)
        synthesis_name = md5sum.versioned_synthesis() or SYNTHESIS
        synthesis = self._adopt(adopted, SYNTHESIS, md5sum.get(SYNTHESIS)) or self._fetch(
            info, synthesis_name, expected=md5sum.get(SYNTHESIS), required=True
        )
        assert synthesis is not None  # required files raise instead
        synthesis_url = f"{info}/{synthesis_name}"
        if len(synthesis) < MIN_SIZE:
            raise NoMetadataError(
                f"medium {self.name}: {synthesis_url}: {len(synthesis)} bytes, not a synthesis",
                url=synthesis_url,
                medium=self.name,
            )
        _check_not_html(synthesis, url=synthesis_url, medium=self.name)
        self.report(Phase.VERIFY, SYNTHESIS)
        # Parsed completely (every @info@ line read): a synthesis that cannot be used
        # never replaces one that can.
        packages = len(parse_synthesis(synthesis, source=synthesis_url))
        descriptions = None
        if want_descriptions:
            descriptions = self._adopt(
                adopted, DESCRIPTIONS, md5sum.get(DESCRIPTIONS)
            ) or self._fetch(
                info,
                DESCRIPTIONS,
                expected=md5sum.get(DESCRIPTIONS),
                required=DESCRIPTIONS in md5sum,
            )
            if descriptions is not None:
                _check_not_html(descriptions, url=f"{info}/{DESCRIPTIONS}", medium=self.name)
        pubkey = self._fetch(info, PUBKEY, expected=md5sum.get(PUBKEY), required=False)
        keys: tuple[PublicKey, ...] = ()
        notes: list[str] = []
        if pubkey is not None:
            try:
                keys = read_keys(pubkey, source=f"{info}/{PUBKEY}")
            except FormatError as exc:
                notes.append(f"pubkey ignored: {exc}")
                pubkey = None
        previous = read_state(self.cache, self.name)
        key_change = self._key_change(keys, previous=previous) if keys else None
        if keys and not self.key_ids:
            notes.append(
                f"pubkey offers key {', '.join(k.short_id for k in keys)}, which urpmi.cfg "
                "does not bind to this medium yet (urpmi.update imports it)"
            )
        state = {
            "format": _STATE_FORMAT,
            "md5sum_url": md5_url,
            "source": source.base_url,
            "mirror": source.mirror,
            "etag": etag,
            "last_modified": last_modified,
            "fetched": time.time(),
            "packages": packages,
            "synthesis": synthesis_name,
            "key_ids": list(self.key_ids),
            "keys": [
                {"fingerprint": k.fingerprint, "short_id": k.short_id, "uids": list(k.uids)}
                for k in keys
            ],
        }
        files: dict[str, bytes] = {MD5SUM: md5_body, SYNTHESIS: synthesis}
        if descriptions is not None:
            files[DESCRIPTIONS] = descriptions
        if pubkey is not None and key_change is None:
            files[PUBKEY] = pubkey
        elif pubkey is not None:
            files[PUBKEY_CHANGED] = pubkey
            old = self.cache.file(self.name, PUBKEY)
            if old is not None:
                files[PUBKEY] = old.read_bytes()  # the key that was verified before
            state["keys"] = previous.get("keys", [])
        self._install(files, state)
        log.info("medium %s: updated from %s (%d packages)", self.name, source, packages)
        return MediumRefresh(
            medium=self.name,
            status=RefreshStatus.UPDATED,
            packages=packages,
            source=source.base_url,
            key_change=key_change,
            notes=tuple(notes),
        )

    def _key_change(
        self, keys: Sequence[PublicKey], *, previous: Mapping[str, object]
    ) -> KeyChangedError | None:
        known: dict[str, str] = {}
        old = previous.get("keys")
        for k in old if isinstance(old, list) else []:
            if isinstance(k, dict):
                known[str(k.get("short_id"))] = str(k.get("fingerprint"))
        return key_change(self.name, self.key_ids, keys, known=known)

    def _install(self, files: Mapping[str, bytes], state: Mapping[str, object]) -> None:
        """Write the files into a new directory and swap it in for the medium's cache."""
        parent = self.target.parent
        parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".new-{self.target.name}-", dir=parent))
        try:
            for name, data in files.items():
                _write_synced(new / name, data)
            _write_synced(new / STATE, json.dumps(state, indent=1).encode("utf-8"))
            new.chmod(0o755)
            self.cancel.check(medium=self.name)
            replace_dir(new, self.target)
        finally:
            shutil.rmtree(new, ignore_errors=True)


def _selected(cfg: UrpmiCfg, names: Sequence[str]) -> list[Medium]:
    """The named media (enabled or not), else every enabled medium urpmi -a refreshes."""
    media = cfg.media
    if names:
        for name in names:
            if name not in cfg.names:
                raise MediumNotFoundError(name, known=cfg.names)
        wanted = set(names)
        return [m for m in media if m.name in wanted]
    return [m for m in media if m.enabled and not m.static and not m.url.startswith(_REMOVABLE)]


def refresh_media(
    root: Path,
    *,
    cache_dir: Path,
    settings: Settings,
    names: Sequence[str] = (),
    transport: Transport | None = None,
    resolver: MirrorResolver | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken = NEVER_CANCELLED,
) -> RefreshReport:
    """Refresh the metadata of ``root``'s media into the cache in ``cache_dir``.

    Args:
        names: refresh these media, enabled or not (testers refresh the testing medium
            before enabling it); empty: every enabled medium.
        transport: the HTTP transport (default: a new ``HttpTransport`` with the settings'
            timeouts, closed at the end).
        resolver: mirror choices (default: one remembering them in the cache).
        progress: called from worker threads with each medium's progress.
        cancel: checked between chunks; once raised, the media still running stop.

    Raises:
        UrpmiCfgError: no or malformed urpmi.cfg.
        MediumNotFoundError: a name is not a medium of urpmi.cfg.
        LockedError: another refresh of the same root is running.
        SyncCancelledError: ``cancel`` was raised. Media that were already complete keep
            their new metadata; the others keep their previous cache.
    """
    cfg = read_urpmicfg(root)
    media = _selected(cfg, names)
    cache = MetadataCache(cache_dir, root)
    own: HttpTransport | None = None
    if transport is None:
        transport = own = HttpTransport(
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            pool_size=settings.refresh_concurrency + 2,
        )
    if resolver is None:
        resolver = MirrorResolver(root, transport=transport, settings=settings, cache=cache)
    timeout = (settings.connect_timeout, settings.read_timeout)
    results: dict[str, MediumRefresh] = {}
    cancelled: SyncCancelledError | None = None
    try:
        with _refresh_lock(cache):
            workers = max(1, min(settings.refresh_concurrency, len(media) or 1))
            with concurrent.futures.ThreadPoolExecutor(workers, "xos-refresh") as pool:
                futures = {
                    pool.submit(
                        _MediumRefresher(
                            m,
                            root=root,
                            key_ids=bound_key_ids(m, cfg),
                            cache=cache,
                            transport=transport,
                            resolver=resolver,
                            timeout=timeout,
                            progress=progress,
                            cancel=cancel,
                        ).run
                    ): m.name
                    for m in media
                }
                for future in concurrent.futures.as_completed(futures):
                    try:
                        results[futures[future]] = future.result()
                    except SyncCancelledError as exc:
                        cancelled = exc
    finally:
        resolver.save()
        if own is not None:
            own.close()
    if cancelled is not None:
        raise SyncCancelledError(
            "refresh cancelled; media not yet refreshed keep their previous metadata"
        )
    report = RefreshReport(results=tuple(results[m.name] for m in media))
    for r in report.results:
        log.info("medium %s: %s", r.medium, r.summary)
    return report
