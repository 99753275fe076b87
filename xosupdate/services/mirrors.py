# SPDX-License-Identifier: GPL-2.0-or-later
"""Mirror lists, mirror ranking and where each medium is fetched from (services layer).

``$MIRRORLIST`` stands for the URL built from ``/etc/product.id`` (design/formats.md §2.2;
the ``mirrorlist_base_url`` setting replaces the distribution's mirror service for private
mirrors and the demo). A mirror list keeps its ``type=distrib`` http/https/ftp/file lines
of the product's version and arch (a line without ``version=``/``arch=`` matches any).

Ranking: urpmi's distance order first (time zone of the root → ``zone.tab`` →
``proximity_order``; list order when the zone is unknown), then, unless told not to, the
nearest 16 mirrors are probed concurrently (``probe_concurrency``) with a one-byte Range
GET of ``<mirror>/media/media_info/media.cfg``: the time until the answer's headers is the
latency. Mirrors that answered come first, fastest first (latencies within 10 ms count as
equal and keep the distance order), then mirrors not probed, then mirrors that failed,
each with its reason.

Like urpmi's ``mirrors.cache`` the ranking is remembered, per root, in the user's cache
(``mirrors.json``), keyed by the mirror-list URL. It is used until ``mirror_cache_days``
have passed, product.id changed (mtime or content), or the host's ``/etc/resolv.conf``
changed (another network); a different list URL is simply another entry. A mirror that
fails during a refresh moves to the end of the remembered ranking, one that works becomes
the chosen one, so the next run starts with it. When a list cannot be fetched, an expired
ranking is still used rather than nothing.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from xosupdate.config import Settings
from xosupdate.domain.medium import Medium
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken, Phase, Progress, ProgressFn
from xosupdate.errors import (
    HTTPStatusError,
    MirrorListError,
    NoMetadataError,
    ProductIdError,
    SyncCancelledError,
    SyncError,
    XosUpdateError,
)
from xosupdate.formats.mediacfg import reduce_pathname
from xosupdate.formats.mirrorlist import (
    Mirror,
    is_list_url,
    parse_clock,
    parse_mirror_value,
    parse_mirrorlist,
    parse_zone_tab,
    proximity_order,
    usable,
)
from xosupdate.formats.productid import ProductId, mirrorlist_url, parse_productid
from xosupdate.formats.urpmicfg import expand
from xosupdate.system.http import HttpTransport, Timeout, Transport, is_local_url
from xosupdate.system.metacache import MetadataCache, atomic_write
from xosupdate.system.urpmistate import UrpmiState

__all__ = [
    "MIRRORLIST_VARIABLE",
    "PROBE_PATH",
    "MirrorRanking",
    "MirrorResolver",
    "MirrorStatus",
    "Source",
    "join_url",
    "rank_mirrors",
    "remembered",
]

log = logging.getLogger(__name__)

MIRRORLIST_VARIABLE: Final = "$MIRRORLIST"
# What a probe asks every mirror for (one byte of it): every distribution tree has it.
PROBE_PATH: Final = "media/media_info/media.cfg"
MAX_PROBED: Final = 16
PROBE_READ_TIMEOUT: Final = 5.0
# Latencies closer than this are noise: the nearer mirror stays first.
LATENCY_BUCKET: Final = 0.010
_LIST_MAX_BYTES: Final = 4 * 1024 * 1024
_CACHE_FORMAT: Final = 1
_RESOLV_CONF: Final = Path("/etc/resolv.conf")
_ZONE_TAB: Final = "usr/share/zoneinfo/zone.tab"
_DAY: Final = 86400.0


@dataclass(frozen=True, slots=True, kw_only=True)
class MirrorStatus:
    """One mirror of a ranking.

    Attributes:
        url: the mirror's distribution directory (the parent of ``media/``).
        mirror: its line in the mirror list (location, bandwidth…).
        latency: seconds until a probe's answer, None when not probed or failed.
        error: why the probe (or the last transfer) failed, "" when it did not.
    """

    url: str
    mirror: Mirror | None = None
    latency: float | None = None
    error: str = ""

    @property
    def failed(self) -> bool:
        """The last probe or transfer from this mirror failed."""
        return bool(self.error)

    @property
    def location(self) -> str:
        """``City, Country`` from the mirror list, "" when unknown."""
        if self.mirror is None:
            return ""
        return ", ".join(p for p in (self.mirror.city, self.mirror.country) if p)

    def to_json(self) -> dict[str, object]:
        """A record of ``mirrors --json``."""
        m = self.mirror
        return {
            "url": self.url,
            "latency_ms": None if self.latency is None else round(self.latency * 1000, 1),
            "error": self.error or None,
            "continent": m.continent if m else "",
            "country": m.country if m else "",
            "city": m.city if m else "",
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class MirrorRanking:
    """The usable mirrors of one mirror list, best first.

    Attributes:
        fetched: when the list was fetched (seconds since the epoch).
        probed: latencies were measured (else: distance or list order).
        from_cache: read from the remembered ranking, nothing fetched.
        stale: the remembered ranking has expired but the list could not be fetched.
    """

    list_url: str
    mirrors: tuple[MirrorStatus, ...]
    fetched: float
    probed: bool = False
    from_cache: bool = False
    stale: bool = False

    @property
    def chosen(self) -> MirrorStatus | None:
        """The mirror used first: the best that has not failed."""
        for status in self.mirrors:
            if not status.failed:
                return status
        return self.mirrors[0] if self.mirrors else None

    def to_json(self) -> dict[str, object]:
        """The body of ``mirrors --json`` (without the schema number)."""
        chosen = self.chosen
        return {
            "mirrorlist_url": self.list_url,
            "fetched": self.fetched,
            "probed": self.probed,
            "from_cache": self.from_cache,
            "stale": self.stale,
            "chosen": chosen.url if chosen else None,
            "mirrors": [m.to_json() for m in self.mirrors],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One place to fetch a medium from.

    Attributes:
        base_url: the medium's URL (the directory holding ``media_info/``).
        mirror: the mirror it is on, "" for a medium with its own ``url``.
        list_url: the mirror list the mirror came from, "" when none.
    """

    base_url: str
    mirror: str = ""
    list_url: str = ""

    def __str__(self) -> str:
        return self.base_url


def join_url(base: str, path: str) -> str:
    """``base/path`` with ``..`` and double slashes collapsed (urpmi's reduce_pathname).

    >>> join_url("http://m/2.0/x86_64/", "media/main/release")
    'http://m/2.0/x86_64/media/main/release'
    """
    if not path:
        return base.rstrip("/")
    return reduce_pathname(f"{base.rstrip('/')}/{path.lstrip('/')}")


# ---------------------------------------------------------------- where the root is


def _zone_name(root: Path) -> str | None:
    """The root's time zone: Mandriva's ``ZONE=``, Debian's ``/etc/timezone``, or the
    target of ``/etc/localtime``."""
    with contextlib.suppress(OSError, XosUpdateError):
        zone = parse_clock((root / "etc/sysconfig/clock").read_bytes())
        if zone:
            return zone
    with contextlib.suppress(OSError):
        line = (root / "etc/timezone").read_text(encoding="utf-8").strip().splitlines()
        if line and line[0].strip():
            return line[0].strip()
    with contextlib.suppress(OSError):
        target = str((root / "etc/localtime").readlink())
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    return None


def _position(root: Path) -> tuple[float, float, str] | None:
    """Latitude, longitude and country code of the root's time zone, or None."""
    zone = _zone_name(root)
    if zone is None:
        return None
    for tab in (root / _ZONE_TAB, Path("/") / _ZONE_TAB):
        with contextlib.suppress(OSError, XosUpdateError):
            found = parse_zone_tab(tab.read_bytes(), source=str(tab)).get(zone)
            if found is not None:
                return found.latitude, found.longitude, found.country
    return None


def _stamp(path: Path) -> dict[str, object]:
    """What identifies a file's version: mtime and content hash (missing: empty)."""
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    return {"mtime_ns": mtime, "sha256": hashlib.sha256(data).hexdigest()}


# ---------------------------------------------------------------- the resolver


class MirrorResolver:
    """Mirror rankings and medium sources for one root, remembered in the user's cache.

    Thread-safe: the media of a refresh ask for sources and report mirrors from several
    threads; each mirror list is fetched (and probed) once. ``save()`` writes what changed.

    Args:
        cache: where rankings are remembered; None to remember nothing.
        probe: measure latencies when a list is (re)fetched; False keeps urpmi's distance
            order (or list order when the root's time zone is unknown).
        clock: seconds since the epoch (tests pass a fake one).
    """

    def __init__(
        self,
        root: Path,
        *,
        transport: Transport,
        settings: Settings,
        cache: MetadataCache | None = None,
        probe: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root = root
        self.transport = transport
        self.settings = settings
        self.cache = cache
        self.probe = probe
        self._clock = clock
        self._state = UrpmiState(root)
        self._lock = threading.Lock()
        self._list_locks: dict[str, threading.Lock] = {}
        self._rankings: dict[str, MirrorRanking] = {}
        self._texts: dict[str, str] = {}
        self._dirty: set[str] = set()
        self._variables: dict[str, str] | None = None

    # ------------------------------------------------------------ names

    def product(self) -> ProductId:
        """The root's ``etc/product.id``.

        Raises:
            ProductIdError: missing or unreadable.
        """
        path = self._state.product_id
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ProductIdError(
                f"cannot read: {exc.strerror or exc} (needed for $MIRRORLIST)", source=str(path)
            ) from exc
        return parse_productid(data, source=str(path))

    def mirrorlist_url(self) -> str:
        """The URL ``$MIRRORLIST`` stands for on this root.

        Raises:
            ProductIdError: product.id is missing or lacks what the URL is built from.
        """
        return mirrorlist_url(self.product(), base_url=self.settings.mirrorlist_base_url)

    def expand(self, value: str) -> str:
        """``value`` with ``$ARCH``, ``$RELEASE`` and ``$HOST`` replaced as urpmi does."""
        if self._variables is None:
            self._variables = self._state.variables()
        return expand(value, self._variables)

    @property
    def _timeout(self) -> Timeout:
        return (self.settings.connect_timeout, self.settings.read_timeout)

    # ------------------------------------------------------------ rankings

    def _list_lock(self, list_url: str) -> threading.Lock:
        with self._lock:
            return self._list_locks.setdefault(list_url, threading.Lock())

    def ranking(
        self,
        list_url: str,
        *,
        refresh: bool = False,
        probe: bool | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> MirrorRanking:
        """The ranked mirrors of ``list_url``: remembered, else fetched (and probed).

        Args:
            refresh: fetch the list again even if the remembered ranking is valid.
            probe: measure latencies (default: the resolver's ``probe``).

        Raises:
            NetworkError, HTTPStatusError: the list cannot be fetched (and nothing is
                remembered for it).
            MirrorListError: the list is malformed or has no usable mirror.
            SyncCancelledError: cancelled.
        """
        with self._list_lock(list_url):
            if not refresh:
                known = self._rankings.get(list_url) or self._load(list_url, valid_only=True)
                if known is not None:
                    self._rankings[list_url] = known
                    return known
            try:
                ranking = self._fetch(
                    list_url,
                    probe=self.probe if probe is None else probe,
                    progress=progress,
                    cancel=cancel,
                )
            except (SyncError, MirrorListError) as exc:
                if isinstance(exc, SyncCancelledError):
                    raise
                stale = self._load(list_url, valid_only=False)
                if stale is None:
                    raise
                log.warning("%s; using the mirrors remembered from an earlier run", exc)
                ranking = replace(stale, stale=True)
            with self._lock:
                self._rankings[list_url] = ranking
                if not ranking.stale:
                    self._dirty.add(list_url)
            return ranking

    def _usable(self, mirrors: Sequence[Mirror], *, list_url: str) -> tuple[Mirror, ...]:
        try:
            product: ProductId | None = self.product()
        except ProductIdError:
            product = None
        version = product.version if product else ""
        arch = product.arch if product else ""
        return tuple(
            m
            for m in usable(mirrors, local=is_local_url(list_url))
            if (not version or not m.version or m.version == version)
            and (not arch or not m.arch or m.arch == arch)
        )

    def _distance_order(self, mirrors: Sequence[Mirror]) -> tuple[Mirror, ...]:
        where = _position(self.root)
        if where is None:
            return tuple(mirrors)
        latitude, longitude, country = where
        return proximity_order(mirrors, latitude=latitude, longitude=longitude, country=country)

    def _fetch(
        self,
        list_url: str,
        *,
        probe: bool,
        progress: ProgressFn | None,
        cancel: CancelToken,
    ) -> MirrorRanking:
        if progress is not None:
            progress(Progress(phase=Phase.MIRRORS, file=list_url))
        response = self.transport.get(
            list_url, timeout=self._timeout, max_bytes=_LIST_MAX_BYTES, cancel=cancel
        )
        text = response.body.decode("utf-8", "replace")
        mirrors = self._usable(parse_mirrorlist(response.body, source=list_url), list_url=list_url)
        if not mirrors:
            try:
                product = self.product()
                wanted = f"version {product.version}, arch {product.arch} (from product.id)"
            except ProductIdError:
                wanted = "this version and arch"
            raise MirrorListError(
                f"no usable mirror (type=distrib over http, https, ftp or file, for {wanted})",
                source=list_url,
            )
        ordered = self._distance_order(mirrors)
        statuses = [MirrorStatus(url=m.url.rstrip("/"), mirror=m) for m in ordered]
        if probe:
            statuses = self._probe(statuses, progress=progress, cancel=cancel)
        log.info(
            "mirror list %s: %d usable mirrors%s",
            list_url,
            len(statuses),
            ", probed" if probe else "",
        )
        with self._lock:
            self._texts[list_url] = text
        return MirrorRanking(
            list_url=list_url, mirrors=tuple(statuses), fetched=self._clock(), probed=probe
        )

    def probe_mirror(self, url: str, *, cancel: CancelToken = NEVER_CANCELLED) -> MirrorStatus:
        """Measure one mirror: a one-byte Range GET of its ``media.cfg``."""
        timeout = (
            self.settings.connect_timeout,
            min(self.settings.read_timeout, PROBE_READ_TIMEOUT),
        )
        try:
            response = self.transport.get(
                join_url(url, PROBE_PATH),
                headers={"Range": "bytes=0-0"},
                timeout=timeout,
                stop_after=1,
                cancel=cancel,
            )
        except SyncCancelledError:
            raise
        except HTTPStatusError as exc:
            return MirrorStatus(url=url, error=f"HTTP {exc.status}")
        except SyncError as exc:
            return MirrorStatus(url=url, error=getattr(exc, "reason", str(exc)))
        return MirrorStatus(url=url, latency=response.elapsed)

    def _probe(
        self,
        statuses: list[MirrorStatus],
        *,
        progress: ProgressFn | None,
        cancel: CancelToken,
    ) -> list[MirrorStatus]:
        probed = statuses[:MAX_PROBED]
        rest = statuses[MAX_PROBED:]
        workers = max(1, min(self.settings.probe_concurrency, len(probed)))
        results: dict[int, MirrorStatus] = {}
        with concurrent.futures.ThreadPoolExecutor(workers, "xos-probe") as pool:
            futures = {
                pool.submit(self.probe_mirror, s.url, cancel=cancel): i
                for i, s in enumerate(probed)
            }
            for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
                i = futures[future]
                results[i] = replace(future.result(), mirror=probed[i].mirror)
                if progress is not None:
                    progress(
                        Progress(
                            phase=Phase.MIRRORS,
                            file=probed[i].url,
                            files_done=done,
                            files_total=len(probed),
                        )
                    )
        answered = sorted(
            (i for i in results if not results[i].failed),
            key=lambda i: (int((results[i].latency or 0.0) / LATENCY_BUCKET), i),
        )
        failed = [i for i in sorted(results) if results[i].failed]
        return [results[i] for i in answered] + rest + [results[i] for i in failed]

    # ------------------------------------------------------------ sources

    def sources(
        self, medium: Medium, *, cancel: CancelToken = NEVER_CANCELLED
    ) -> tuple[Source, ...]:
        """Where to fetch ``medium`` from, in the order to try.

        A medium with a ``url`` has one source. A mirror-list medium has one per mirror of
        each element of its ``mirrorlist:`` value (``$MIRRORLIST``, list URLs, plain
        mirror URLs; later elements are fallbacks), each joined with ``with-dir``.

        Raises:
            NoMetadataError: the medium has neither a url nor a mirror list.
            SyncError, MirrorListError, ProductIdError: no element of the mirror list gave
                a mirror (the first such error).
        """
        if medium.url:
            return (Source(base_url=self.expand(medium.url).rstrip("/")),)
        if not medium.mirrorlist:
            raise NoMetadataError(
                f"medium {medium.name} has neither a url nor a mirror list", medium=medium.name
            )
        with_dir = self.expand(medium.with_dir)
        out: list[Source] = []
        errors: list[XosUpdateError] = []
        for element in parse_mirror_value(self.expand(medium.mirrorlist)):
            try:
                list_url = self.mirrorlist_url() if element == MIRRORLIST_VARIABLE else element
                if not is_list_url(list_url):
                    out.append(Source(base_url=join_url(list_url, with_dir), mirror=list_url))
                    continue
                ranking = self.ranking(list_url, cancel=cancel)
            except SyncCancelledError:
                raise
            except (SyncError, MirrorListError, ProductIdError) as exc:
                log.info("medium %s: mirror list %s: %s", medium.name, element, exc)
                errors.append(exc)
                continue
            out.extend(
                Source(base_url=join_url(m.url, with_dir), mirror=m.url, list_url=list_url)
                for m in ranking.mirrors
            )
        if not out:
            raise (
                errors[0]
                if errors
                else NoMetadataError(
                    f"medium {medium.name}: empty mirror list value", medium=medium.name
                )
            )
        return tuple(out)

    def mirror_worked(self, source: Source) -> None:
        """``source``'s mirror served a medium: make it the chosen one."""
        self._move(source, error="", first=True)

    def mirror_failed(self, source: Source, reason: str) -> None:
        """``source``'s mirror failed: try it last from now on (urpmi black-lists it)."""
        self._move(source, error=reason or "failed", first=False)

    def _move(self, source: Source, *, error: str, first: bool) -> None:
        if not source.list_url:
            return
        with self._lock:
            ranking = self._rankings.get(source.list_url)
            if ranking is None:
                return
            mine = [m for m in ranking.mirrors if m.url == source.mirror]
            if not mine:
                return
            others = [m for m in ranking.mirrors if m.url != source.mirror]
            status = replace(mine[0], error=error)
            if first:
                if ranking.mirrors[0] == status:
                    return
                ordered = [status, *others]
            else:
                ordered = [*others, status]
            self._rankings[source.list_url] = replace(ranking, mirrors=tuple(ordered))
            self._dirty.add(source.list_url)

    # ------------------------------------------------------------ remembering

    def _validity(self) -> dict[str, object]:
        return {
            "product_id": _stamp(self._state.product_id),
            "network": _RESOLV_CONF.stat().st_mtime_ns if _RESOLV_CONF.exists() else 0,
        }

    def _read_file(self) -> dict[str, object]:
        if self.cache is None:
            return {}
        try:
            data = json.loads(self.cache.mirrors_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != _CACHE_FORMAT:
            return {}
        lists = data.get("lists")
        return lists if isinstance(lists, dict) else {}

    def _load(self, list_url: str, *, valid_only: bool) -> MirrorRanking | None:
        entry = self._read_file().get(list_url)
        if not isinstance(entry, dict):
            return None
        try:
            fetched = float(entry["fetched"])
            age = self._clock() - fetched
            if valid_only and (
                not 0 <= age < self.settings.mirror_cache_days * _DAY
                or entry.get("validity") != self._validity()
            ):
                return None
            text = str(entry["text"])
            by_url = {m.url.rstrip("/"): m for m in parse_mirrorlist(text, source=list_url)}
            statuses = tuple(
                MirrorStatus(
                    url=str(m["url"]),
                    mirror=by_url.get(str(m["url"])),
                    latency=None if m.get("latency") is None else float(m["latency"]),
                    error=str(m.get("error") or ""),
                )
                for m in entry["order"]
            )
        except (KeyError, TypeError, ValueError, XosUpdateError):
            log.debug("discarding the remembered ranking of %s", list_url)
            return None
        if not statuses:
            return None
        with self._lock:
            self._texts[list_url] = text
        return MirrorRanking(
            list_url=list_url,
            mirrors=statuses,
            fetched=fetched,
            probed=bool(entry.get("probed")),
            from_cache=True,
        )

    def save(self) -> None:
        """Remember the rankings fetched or reordered since the last save."""
        if self.cache is None:
            return
        with self._lock:
            dirty = {u: self._rankings[u] for u in self._dirty if u in self._rankings}
            texts = dict(self._texts)
            self._dirty.clear()
        if not dirty:
            return
        lists = self._read_file()
        validity = self._validity()
        for url, ranking in dirty.items():
            previous = lists.get(url)
            lists[url] = {
                "fetched": ranking.fetched,
                "probed": ranking.probed,
                # An expired ranking stays expired when its order changes (a mirror that
                # failed): stamping it now would make it valid again for days.
                "validity": previous.get("validity")
                if ranking.stale and isinstance(previous, dict)
                else validity,
                "text": texts.get(url, ""),
                "order": [
                    {"url": m.url, "latency": m.latency, "error": m.error or None}
                    for m in ranking.mirrors
                ],
            }
        payload = {"format": _CACHE_FORMAT, "lists": lists}
        try:
            atomic_write(
                self.cache.mirrors_file,
                json.dumps(payload, indent=1).encode("utf-8"),
                mode=0o600,
            )
        except OSError as exc:
            log.info("cannot remember the mirrors in %s: %s", self.cache.mirrors_file, exc)


@contextlib.contextmanager
def remembered(resolver: MirrorResolver) -> Iterator[MirrorResolver]:
    """Save the resolver's rankings when the block ends, whatever happens in it."""
    try:
        yield resolver
    finally:
        resolver.save()


def rank_mirrors(
    root: Path,
    *,
    cache_dir: Path | None,
    settings: Settings,
    probe: bool = False,
    transport: Transport | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken = NEVER_CANCELLED,
) -> MirrorRanking:
    """The ranked mirrors of ``$MIRRORLIST`` for ``root`` (``xosupdate mirrors``).

    Args:
        probe: measure every mirror now (else the remembered ranking, or a new one, probed,
            when there is none).

    Raises:
        ProductIdError: no usable product.id.
        NetworkError, HTTPStatusError, MirrorListError: the list cannot be used.
    """
    own: HttpTransport | None = None
    if transport is None:
        transport = own = HttpTransport(
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            pool_size=settings.probe_concurrency,
        )
    cache = MetadataCache(cache_dir, root) if cache_dir is not None else None
    resolver = MirrorResolver(root, transport=transport, settings=settings, cache=cache)
    try:
        with remembered(resolver):
            return resolver.ranking(
                resolver.mirrorlist_url(), refresh=probe, progress=progress, cancel=cancel
            )
    finally:
        if own is not None:
            own.close()
