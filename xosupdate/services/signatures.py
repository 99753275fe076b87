# SPDX-License-Identifier: GPL-2.0-or-later
"""Signature verdicts on update candidates before anything is downloaded (services layer).

For each candidate only the first KBs of its rpm file are fetched, with HTTP Range
requests over one keep-alive session (``header_concurrency`` at a time): 8 KiB, then the
rest of the main header when it is longer (design/testing.md §4). librpm checks them in
process (``rpmlib.header_verdict``) against a keyring of

* the keys imported into the root's rpm database (what rpm verifies against when
  installing), and
* the keys of every medium's cached ``pubkey`` (refresh put them there), except a key
  kept aside because the medium's key changed (``pubkey.changed``) and a key whose short
  id equals an imported key's while its fingerprint differs;

and the signer is compared with urpmi.cfg's ``key-ids`` (the medium's own, else the
global ones), as urpmi does at install time (design/formats.md §7):

``trusted``           signed by a key bound to the package's own medium;
``other-medium-key``  signed by a key bound to another medium;
``unknown-key``       signed by a key no medium binds, or that nobody has;
``unsigned``          no header signature;
``bad``               a digest or the signature does not verify, or the file on the
                      mirror is not the package the synthesis announced.

The payload is not checked here (it is not downloaded): a tampered payload behind a good
header is caught when the whole file is there (``rpmlib.verify_package_file``, and the
helper's rpm transaction). Checks are remembered in the user's cache by package URL, size
and ETag (``verdicts.json``); a later run revalidates each with a conditional request.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xosupdate.config import Settings
from xosupdate.domain.evr import Evr
from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import UpdateCandidate, UpdatePlan
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken, Phase, Progress, ProgressFn
from xosupdate.domain.verdict import SignatureVerdict, Verdict
from xosupdate.errors import (
    FormatError,
    MirrorsFailedError,
    NetworkError,
    ProductIdError,
    RpmDatabaseError,
    SyncCancelledError,
    SyncError,
    XosUpdateError,
)
from xosupdate.formats.synthesis import load_synthesis
from xosupdate.formats.urpmicfg import UrpmiCfg
from xosupdate.services.media import read_urpmicfg
from xosupdate.services.mirrors import MirrorResolver, Source, join_url
from xosupdate.services.refresh import (
    PUBKEY,
    PUBKEY_CHANGED,
    bound_key_ids,
    key_change,
)
from xosupdate.services.updates import compute_updates, locate_metadata
from xosupdate.system.gpg import PublicKey, read_keys
from xosupdate.system.http import HttpTransport, Timeout, Transport
from xosupdate.system.metacache import MetadataCache, atomic_write
from xosupdate.system.rpmlib import (
    HeaderCheck,
    HeaderStatus,
    header_prefix_length,
    header_verdict,
    imported_pubkeys,
)

__all__ = [
    "FIRST_RANGE",
    "CandidateProblem",
    "KeyInventory",
    "SignatureReport",
    "check_signatures",
    "verdict_counts",
]

log = logging.getLogger(__name__)

# The first request's range: the lead, a 4 KiB-padded signature header and the main
# header of a small package fit; longer headers take one more request.
FIRST_RANGE: Final = 8192
MAX_MIRRORS: Final = 4
# A verdict unseen this long is dropped from the cache.
_FORGET_AFTER: Final = 30 * 86400.0
_CACHE_FORMAT: Final = 1
_MAX_HEADER: Final = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class CandidateProblem:
    """A candidate whose header could not be fetched or read."""

    name: str
    arch: str
    medium: str
    message: str

    def to_json(self) -> dict[str, str]:
        """A ``problems`` record of ``signatures --json``."""
        return {
            "name": self.name,
            "arch": self.arch,
            "medium": self.medium,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class SignatureReport:
    """Verdicts in candidate order, candidates that could not be checked, key warnings."""

    verdicts: tuple[SignatureVerdict, ...] = ()
    problems: tuple[CandidateProblem, ...] = ()
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- keys


@dataclass(frozen=True, slots=True, kw_only=True)
class _KeySource:
    key: PublicKey
    imported: bool = False  # in the root's rpm database
    pubkey_of: tuple[str, ...] = ()  # media whose cached pubkey holds it


class KeyInventory:
    """Every key that can verify a candidate, and which medium each one belongs to.

    Attributes:
        armored: the keyring for librpm (one armoured key per item).
        digest: identifies the keyring (cached checks are reused only with the same one).
        warnings: key changes and short-id collisions, for people.
    """

    def __init__(self, root: Path, cfg: UrpmiCfg, cache: MetadataCache) -> None:
        self.bound: dict[str, tuple[str, ...]] = {m.name: bound_key_ids(m, cfg) for m in cfg.media}
        self.keys: dict[str, _KeySource] = {}
        self.changed: dict[str, str] = {}  # short id -> medium whose new pubkey offers it
        self.warnings: list[str] = []
        self._add_imported(root)
        by_short = {k.key.short_id: k.key.fingerprint for k in self.keys.values()}
        for medium in cfg.media:
            self._add_pubkey(medium, cache, by_short)
        self.armored = tuple(k.key.armored for _, k in sorted(self.keys.items()) if k.key.armored)
        self.digest = hashlib.sha256("\n".join(sorted(self.keys)).encode()).hexdigest()[:16]

    def _add_imported(self, root: Path) -> None:
        try:
            armored = imported_pubkeys(root)
        except RpmDatabaseError as exc:
            log.info("no imported keys: %s", exc)
            return
        if not armored:
            return
        try:
            keys = read_keys("\n".join(armored), source=f"{root}/var/lib/rpm (gpg-pubkey)")
        except FormatError as exc:
            self.warnings.append(f"the keys imported into rpm cannot be read: {exc}")
            return
        for key in keys:
            self.keys[key.fingerprint] = _KeySource(key=key, imported=True)

    def _add_pubkey(
        self, medium: Medium, cache: MetadataCache, by_short: Mapping[str, str]
    ) -> None:
        for name, quarantined in ((PUBKEY, False), (PUBKEY_CHANGED, True)):
            path = cache.file(medium.name, name)
            if path is None:
                continue
            try:
                keys = read_keys(path.read_bytes(), source=str(path))
            except (OSError, FormatError) as exc:
                self.warnings.append(f"medium {medium.name}: cached {name} unreadable: {exc}")
                continue
            if quarantined:
                for key in keys:
                    self.changed.setdefault(key.short_id, medium.name)
                change = key_change(medium.name, self.bound[medium.name], keys)
                if change is not None:
                    self.warnings.append(str(change))
                continue
            change = key_change(medium.name, self.bound[medium.name], keys)
            if change is not None and cache.file(medium.name, PUBKEY_CHANGED) is None:
                self.warnings.append(str(change))
            for key in keys:
                imported = by_short.get(key.short_id)
                if imported is not None and imported != key.fingerprint:
                    # Both stay in the keyring (librpm tells them apart by their long ids);
                    # which one a medium's key-ids mean is decided per medium (signer_of).
                    self.warnings.append(
                        f"medium {medium.name}: its pubkey's key {key.fingerprint} has the "
                        f"short id of the imported key {imported}: urpmi.cfg's key-ids "
                        "cannot tell them apart"
                    )
                known = self.keys.get(key.fingerprint) or _KeySource(key=key)
                self.keys[key.fingerprint] = dataclasses.replace(
                    known, pubkey_of=(*known.pubkey_of, medium.name)
                )

    def signer_of(self, medium: str, short_id: str) -> tuple[PublicKey, ...]:
        """The keys ``short_id`` may mean as a key of ``medium``. urpmi.cfg binds keys by
        their short id, which two keys can share (a collision is found in hours): when
        only one key has it, that one; else those of the medium's own verified pubkey,
        else those imported into rpm that no medium's pubkey offers (another medium's
        key is not this one's). One key: the medium's; none or several: ambiguous.
        """
        same = [s for s in self.keys.values() if s.key.short_id == short_id]
        if len(same) <= 1:
            return tuple(s.key for s in same)
        own = [s.key for s in same if medium in s.pubkey_of]
        if own:
            return tuple(own)
        return tuple(s.key for s in same if s.imported and not s.pubkey_of)

    def media_binding(self, short_id: str) -> tuple[str, ...]:
        """The media whose key-ids hold ``short_id``."""
        return tuple(m for m, ids in self.bound.items() if short_id in ids)

    def offered_by(self, short_id: str) -> tuple[str, ...]:
        """The media whose cached pubkey holds the key ``short_id``."""
        for source in self.keys.values():
            if source.key.short_id == short_id:
                return source.pubkey_of
        return ()

    def imported(self, short_id: str) -> bool:
        """The key ``short_id`` is imported into the root's rpm database."""
        return any(s.imported and s.key.short_id == short_id for s in self.keys.values())


def _classify(
    candidate: UpdateCandidate, check: HeaderCheck, keys: KeyInventory
) -> SignatureVerdict:
    """The verdict on ``candidate`` from librpm's check of its header."""
    base = {"name": candidate.name, "arch": candidate.arch, "medium": candidate.medium}
    short = check.short_id
    medium = candidate.medium
    if check.status is HeaderStatus.BAD:
        return SignatureVerdict(
            **base, verdict=Verdict.BAD, key_id=short, detail=f"Corrupt or tampered: {check.reason}"
        )
    if (check.name, check.arch) != (candidate.name, candidate.arch) or Evr(
        epoch=check.epoch, version=check.version, release=check.release
    ) != candidate.candidate:
        return SignatureVerdict(
            **base,
            verdict=Verdict.BAD,
            key_id=short,
            detail=f"The mirror's file holds {check.fullname}, not {candidate.fullname}",
        )
    if check.status is HeaderStatus.UNSIGNED:
        return SignatureVerdict(**base, verdict=Verdict.UNSIGNED, detail="Not signed")
    own = keys.bound.get(medium, ())
    binding = keys.media_binding(short)
    if check.status is HeaderStatus.NOKEY:
        if short and short in keys.changed:
            detail = (
                f"Signed by {short}, the new key of {keys.changed[short]}'s pubkey, which "
                "urpmi.cfg does not bind (the key changed)"
            )
        elif short and binding:
            detail = (
                f"Signed by {short}, the key urpmi.cfg binds to {', '.join(binding)}, but that "
                "key is neither imported nor in a refreshed pubkey"
            )
        else:
            detail = f"Signed by {short or 'an unreadable key id'}, a key nobody here has"
        return SignatureVerdict(**base, verdict=Verdict.UNKNOWN_KEY, key_id=short, detail=detail)
    if short in own:
        meant = keys.signer_of(medium, short)
        if len(meant) == 1 and meant[0].key_id.lower() == check.key_id:
            return SignatureVerdict(
                **base,
                verdict=Verdict.TRUSTED,
                key_id=short,
                signer_medium=medium,
                detail=f"Signed by {short}, the key of {medium}",
            )
        if len(meant) != 1:
            detail = (
                f"Signed by {short}, a short id several keys share: which one urpmi.cfg "
                f"binds to {medium} cannot be told"
            )
            return SignatureVerdict(
                **base, verdict=Verdict.UNKNOWN_KEY, key_id=short, detail=detail
            )
        # Another key with the short id of the medium's own: an impostor.
        return SignatureVerdict(
            **base,
            verdict=Verdict.BAD,
            key_id=short,
            detail=(
                f"Signed by key {check.key_id.upper()}, which only shares its short id {short} "
                f"with the key of {medium}"
            ),
        )
    others = [
        m
        for m in binding
        if any(k.key_id.lower() == check.key_id for k in keys.signer_of(m, short))
    ]
    if others:
        return SignatureVerdict(
            **base,
            verdict=Verdict.OTHER_MEDIUM_KEY,
            key_id=short,
            signer_medium=others[0],
            detail=f"Signed by {short}, the key of {', '.join(others)}, not of {medium}",
        )
    offered = keys.offered_by(short)
    if medium in offered and not own:
        detail = (
            f"Signed by {short}, the key {medium}'s pubkey offers, but urpmi.cfg binds no key "
            f"to {medium} yet"
        )
    elif offered:
        detail = (
            f"Signed by {short}, offered by the pubkey of {', '.join(offered)} but bound "
            "to no medium"
        )
    elif keys.imported(short):
        detail = f"Signed by {short}, a key imported into rpm but bound to no medium"
    else:
        detail = f"Signed by {short}, a key bound to no medium"
    return SignatureVerdict(**base, verdict=Verdict.UNKNOWN_KEY, key_id=short, detail=detail)


# ---------------------------------------------------------------- candidates


def _named(
    root: Path, cfg: UrpmiCfg, cache: MetadataCache, names: Sequence[str]
) -> tuple[list[UpdateCandidate], list[str]]:
    """The newest package of each name in the enabled media (first medium wins a tie)."""
    found: dict[str, UpdateCandidate] = {}
    for medium in cfg.media:
        if not medium.enabled:
            continue
        files = locate_metadata(root, cache, medium)
        if files.synthesis is None:
            continue
        try:
            synthesis = load_synthesis(files.synthesis, lazy=True)
        except XosUpdateError as exc:
            log.info("medium %s: %s", medium.name, exc)
            continue
        for name in names:
            for i in synthesis.find(name):
                entry = synthesis.entry(i)
                best = found.get(name)
                if best is None or entry.evr > best.candidate:
                    found[name] = UpdateCandidate(
                        name=entry.name, arch=entry.arch, candidate=entry.evr, medium=medium.name
                    )
    return [found[n] for n in names if n in found], [n for n in names if n not in found]


# ---------------------------------------------------------------- fetching


@dataclass(frozen=True, slots=True, kw_only=True)
class _Fetched:
    url: str
    prefix: bytes | None  # None: 304, the cached check is still right
    etag: str = ""
    size: int | None = None


class _HeaderFetcher:
    """Fetches header prefixes, failing over between the sources of a medium."""

    def __init__(
        self,
        *,
        transport: Transport,
        resolver: MirrorResolver,
        timeout: Timeout,
        remembered: Mapping[str, Mapping[str, object]],
        keyring: str,
        cancel: CancelToken,
    ) -> None:
        self.transport = transport
        self.resolver = resolver
        self.timeout = timeout
        self.remembered = remembered
        self.keyring = keyring
        self.cancel = cancel

    def _prefix(self, url: str, medium: str, filesize: int | None) -> _Fetched:
        headers = {"Range": f"bytes=0-{FIRST_RANGE - 1}"}
        old = self.remembered.get(url)
        if (
            old is not None
            and old.get("keyring") == self.keyring
            and (filesize is None or old.get("size") in (filesize, None))
            and old.get("etag")
            and _check_from(old) is not None
        ):
            headers["If-None-Match"] = str(old["etag"])
        response = self.transport.get(
            url,
            headers=headers,
            timeout=self.timeout,
            medium=medium,
            stop_after=FIRST_RANGE,
            max_bytes=_MAX_HEADER,
            cancel=self.cancel,
        )
        if response.not_modified:
            return _Fetched(url=url, prefix=None, etag=response.etag or "")
        etag = response.etag or ""
        size = response.total_size
        data = response.body
        needed = header_prefix_length(data)
        while needed > len(data):
            more = {"Range": f"bytes={len(data)}-{needed - 1}"}
            if etag:
                more["If-Range"] = etag
            response = self.transport.get(
                url,
                headers=more,
                timeout=self.timeout,
                medium=medium,
                stop_after=needed,
                max_bytes=_MAX_HEADER,
                cancel=self.cancel,
            )
            # 206: the next bytes; 200: the file changed (or ranges are ignored), start over,
            # remembering that file's validator and size, not the first one's.
            if response.status == 206:
                data += response.body
            else:
                data, etag, size = response.body, response.etag or "", response.total_size
            if not response.body:
                raise FormatError("not an rpm package: truncated header", source=url)
            needed = header_prefix_length(data)
        return _Fetched(url=url, prefix=data[:needed], etag=etag, size=size)

    def fetch(self, candidate: UpdateCandidate, sources: Sequence[Source]) -> _Fetched:
        failures: list[XosUpdateError] = []
        for source in sources[:MAX_MIRRORS]:
            url = join_url(source.base_url, f"{candidate.fullname}.rpm")
            try:
                return self._prefix(url, candidate.medium, candidate.filesize)
            except SyncCancelledError:
                raise
            except (SyncError, FormatError) as exc:
                failures.append(exc)
                if isinstance(exc, NetworkError):
                    self.resolver.mirror_failed(source, exc.reason)
        if len(failures) == 1:
            raise failures[0]
        raise MirrorsFailedError(medium=candidate.medium, failures=tuple(failures))


# ---------------------------------------------------------------- verdict cache


def _read_cache(cache: MetadataCache) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(cache.verdicts_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _CACHE_FORMAT:
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {str(k): v for k, v in entries.items() if isinstance(v, dict)}


def _check_from(entry: Mapping[str, object]) -> HeaderCheck | None:
    raw = entry.get("check")
    if not isinstance(raw, dict):
        return None
    try:
        return HeaderCheck(**{**raw, "status": HeaderStatus(raw["status"])})
    except (TypeError, ValueError, KeyError):
        return None


def _write_cache(cache: MetadataCache, entries: Mapping[str, Mapping[str, object]]) -> None:
    now = time.time()
    kept = {
        url: entry
        for url, entry in entries.items()
        if now - float(str(entry.get("seen", 0))) < _FORGET_AFTER
    }
    try:
        atomic_write(
            cache.verdicts_file,
            json.dumps({"format": _CACHE_FORMAT, "entries": kept}).encode("utf-8"),
            mode=0o600,
        )
    except OSError as exc:
        log.info("cannot remember verdicts in %s: %s", cache.verdicts_file, exc)


# ---------------------------------------------------------------- the service


def check_signatures(
    root: Path,
    *,
    cache_dir: Path,
    settings: Settings,
    names: Sequence[str] = (),
    media: Sequence[str] = (),
    plan: UpdatePlan | None = None,
    transport: Transport | None = None,
    resolver: MirrorResolver | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken = NEVER_CANCELLED,
) -> SignatureReport:
    """Signature verdicts on the update candidates of ``root`` (or the named packages).

    Args:
        names: only these packages: update candidates of that name, else the newest
            package of that name in the enabled media.
        media: look for candidates in these media only (as ``updates --media``).
        plan: the update plan, when the caller has it already.
        transport, resolver: as for ``refresh_media``.
        progress: called once per candidate checked.

    Raises:
        UrpmiCfgError: no or malformed urpmi.cfg.
        MediumNotFoundError: a name in ``media`` is not in urpmi.cfg.
        SyncCancelledError: cancelled.
    """
    cfg = read_urpmicfg(root)
    cache = MetadataCache(cache_dir, root)
    if plan is None:
        plan = compute_updates(root, cache_dir=cache_dir, media=media)
    candidates = list(plan.candidates)
    problems: list[CandidateProblem] = []
    if names:
        wanted = set(names)
        candidates = [c for c in candidates if c.name in wanted]
        have = {c.name for c in candidates}
        extra, missing = _named(root, cfg, cache, [n for n in names if n not in have])
        candidates += extra
        problems += [
            CandidateProblem(
                name=n, arch="", medium="", message=f"no package named {n} in the enabled media"
            )
            for n in missing
        ]
    keys = KeyInventory(root, cfg, cache)
    own: HttpTransport | None = None
    if transport is None:
        transport = own = HttpTransport(
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            pool_size=settings.header_concurrency,
        )
    if resolver is None:
        resolver = MirrorResolver(root, transport=transport, settings=settings, cache=cache)
    remembered = _read_cache(cache)
    by_medium = {m.name: m for m in cfg.media}
    verdicts: dict[int, SignatureVerdict] = {}
    try:
        sources: dict[str, tuple[Source, ...]] = {}
        for c in candidates:
            if c.medium in sources:
                continue
            try:
                sources[c.medium] = resolver.sources(by_medium[c.medium], cancel=cancel)
            except SyncCancelledError:
                raise
            except (SyncError, FormatError, ProductIdError, KeyError) as exc:
                log.info("medium %s: %s", c.medium, exc)
                sources[c.medium] = ()
                problems.append(
                    CandidateProblem(name="", arch="", medium=c.medium, message=str(exc))
                )
        fetcher = _HeaderFetcher(
            transport=transport,
            resolver=resolver,
            timeout=(settings.connect_timeout, settings.read_timeout),
            remembered=remembered,
            keyring=keys.digest,
            cancel=cancel,
        )
        todo = [(i, c) for i, c in enumerate(candidates) if sources.get(c.medium)]
        workers = max(1, min(settings.header_concurrency, len(todo) or 1))
        now = time.time()
        with concurrent.futures.ThreadPoolExecutor(workers, "xos-headers") as pool:
            futures = {pool.submit(fetcher.fetch, c, sources[c.medium]): (i, c) for i, c in todo}
            for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
                i, c = futures[future]
                try:
                    fetched = future.result()
                    check = _verify(fetched, remembered, keys)
                except SyncCancelledError:
                    for f in futures:
                        f.cancel()
                    raise
                except (SyncError, FormatError) as exc:
                    problems.append(
                        CandidateProblem(
                            name=c.name, arch=c.arch, medium=c.medium, message=str(exc)
                        )
                    )
                    continue
                remembered[fetched.url] = {
                    "size": fetched.size
                    if fetched.prefix is not None
                    else remembered.get(fetched.url, {}).get("size"),
                    "etag": fetched.etag,
                    "keyring": keys.digest,
                    "seen": now,
                    "check": {**dataclasses.asdict(check), "status": check.status.value},
                }
                verdict = _size_checked(_classify(c, check, keys), c, remembered[fetched.url])
                verdicts[i] = dataclasses.replace(verdict, url=fetched.url)
                if progress is not None:
                    progress(
                        Progress(
                            phase=Phase.VERIFY,
                            medium=c.medium,
                            file=c.name,
                            files_done=done,
                            files_total=len(todo),
                        )
                    )
    finally:
        resolver.save()
        _write_cache(cache, remembered)
        if own is not None:
            own.close()
    report = SignatureReport(
        verdicts=tuple(verdicts[i] for i in sorted(verdicts)),
        problems=tuple(problems),
        warnings=tuple(dict.fromkeys(keys.warnings)),
    )
    log.info(
        "%d verdicts, %d problems, %d key warnings",
        len(report.verdicts),
        len(report.problems),
        len(report.warnings),
    )
    return report


def _size_checked(
    verdict: SignatureVerdict, candidate: UpdateCandidate, entry: Mapping[str, object]
) -> SignatureVerdict:
    """``verdict``, unless the mirror's file is not the size the synthesis announces: a
    header that verifies does not make another file the package (the helper would refuse
    its payload later; the user must not have seen it trusted)."""
    size = entry.get("size")
    if (
        verdict.verdict is Verdict.BAD
        or not isinstance(size, int)
        or not candidate.filesize
        or size == candidate.filesize
    ):
        return verdict
    return dataclasses.replace(
        verdict,
        verdict=Verdict.BAD,
        signer_medium="",
        detail=(
            f"The mirror's file has {size} bytes, not the {candidate.filesize} the "
            "synthesis announces"
        ),
    )


def _verify(
    fetched: _Fetched, remembered: Mapping[str, Mapping[str, object]], keys: KeyInventory
) -> HeaderCheck:
    """librpm's check of a fetched prefix, or the remembered one on a 304."""
    if fetched.prefix is None:
        entry = remembered.get(fetched.url)
        check = _check_from(entry) if entry is not None else None
        if check is not None:
            return check
        raise FormatError("not modified, but no remembered check", source=fetched.url)
    return header_verdict(fetched.prefix, keys.armored)


def verdict_counts(verdicts: Sequence[SignatureVerdict]) -> dict[str, int]:
    """How many verdicts of each kind, in ``Verdict`` order (for summaries)."""
    counts = {v.value: 0 for v in Verdict}
    for v in verdicts:
        counts[v.verdict.value] += 1
    return counts
