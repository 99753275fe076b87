# SPDX-License-Identifier: GPL-2.0-or-later
"""Adding a distribution's media from its media.cfg, as ``urpmi.addmedia --distrib``
(services layer; design/formats.md §1.5, §12.2).

``plan_distrib`` fetches ``<url>/media/media_info/media.cfg`` (with a mirror list: from the
first ranked mirror that has it) and works out the urpmi.cfg blocks urpmi would write, in
media.cfg order:

* a medium whose ``arch=`` this machine cannot run is skipped;
* not added by default: ``noauto=1`` media, and on Mageia trees (``media_type`` present)
  non-free media when product.id says ``product=Free``; of those, source media
  (``rpms=``) are not added at all, the others are added with ``ignore``;
* the name is ``name=`` (default: the section path with ``/`` and blanks as ``_``); a
  name urpmi.cfg (or an earlier medium of the same media.cfg) already has becomes
  ``Name2``, ``Name3``…;
* ``update`` when the medium has ``updates_for``;
* the URL is ``<url>/media/<section path>`` with ``..`` collapsed (a ``file://`` URL loses
  its scheme, as with urpmi); with a mirror list, ``mirrorlist: <value>`` and
  ``with-dir: media/<section path>`` instead, and no URL (two blanks before ``{``);
* ``key-ids`` from the ``media_info/pubkey`` of every medium that is not ignored: the last
  8 hex digits of each key id, lowercase, comma-separated; ignored media get none.

``apply_distrib`` writes the new urpmi.cfg atomically, losslessly (blocks appended with
``formats.urpmicfg.add_medium``), and, like urpmi, imports the keys of the added media
into the root's rpm database when it has one. Only user-owned roots are changed this way;
the running system's media change through the privileged helper.

Not done (urpmi 2009.0 did not either): ``mediacfg.d`` copies, netrc, the Mageia rule that
enables ``*Nonfree*``/``*Tainted*`` media when such packages are installed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xosupdate.config import Settings
from xosupdate.domain.arch import ArchPolicy
from xosupdate.domain.medium import Medium
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken
from xosupdate.errors import (
    FormatError,
    HTTPStatusError,
    MirrorsFailedError,
    RpmDatabaseError,
    SyncCancelledError,
    SyncError,
    UrpmiCfgError,
    XosUpdateError,
)
from xosupdate.formats.mediacfg import MediaCfg, MediaSection, parse_mediacfg, reduce_pathname
from xosupdate.formats.urpmicfg import add_medium, encode_urpmicfg, parse_urpmicfg
from xosupdate.services.mirrors import MIRRORLIST_VARIABLE, MirrorResolver, Source, join_url
from xosupdate.system.gpg import PublicKey, read_keys
from xosupdate.system.http import HttpTransport, Transport, is_local_url, local_path
from xosupdate.system.metacache import MetadataCache
from xosupdate.system.replacefile import replace_file
from xosupdate.system.rpmlib import import_pubkey
from xosupdate.system.urpmistate import UrpmiState

__all__ = [
    "MEDIA_CFG",
    "DistribPlan",
    "PlannedMedium",
    "SkippedMedium",
    "apply_distrib",
    "plan_distrib",
    "plan_from_mediacfg",
]

log = logging.getLogger(__name__)

MEDIA_CFG: Final = "media/media_info/media.cfg"
MAX_MIRRORS: Final = 4
_MEDIA_CFG_MAX: Final = 1024 * 1024
_NON_FREE: Final = frozenset({"non-free", "nonfree"})


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedMedium:
    """A medium as it will be added to urpmi.cfg.

    Attributes:
        path: its media.cfg section.
        url: its URL; "" for a mirror-list medium (``mirrorlist`` + ``with_dir``).
        keys: the keys of its pubkey (their short ids are ``key_ids``).
    """

    name: str
    path: str
    url: str = ""
    mirrorlist: str = ""
    with_dir: str = ""
    ignore: bool = False
    update: bool = False
    key_ids: tuple[str, ...] = ()
    keys: tuple[PublicKey, ...] = ()
    note: str = ""

    def to_json(self) -> dict[str, object]:
        """A record of ``media add-distrib --json``."""
        return {
            "name": self.name,
            "path": self.path,
            "url": self.url,
            "mirrorlist": self.mirrorlist,
            "with_dir": self.with_dir,
            "enabled": not self.ignore,
            "update": self.update,
            "key_ids": list(self.key_ids),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class SkippedMedium:
    """A medium of media.cfg that is not added, and why."""

    name: str
    path: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DistribPlan:
    """What ``add-distrib`` would do to a root's urpmi.cfg.

    Attributes:
        media_cfg_url: where media.cfg was read.
        old_text, new_text: urpmi.cfg before and after.
    """

    root: Path
    media_cfg_url: str
    media: tuple[PlannedMedium, ...]
    skipped: tuple[SkippedMedium, ...]
    old_text: str
    new_text: str


def _unique(name: str, taken: set[str]) -> str:
    """``name``, else ``name2``, ``name3``… (urpmi's rule for a clash)."""
    if name not in taken:
        return name
    i = 2
    while f"{name}{i}" in taken:
        i += 1
    return f"{name}{i}"


def _section_dir(section: MediaSection, cfg: MediaCfg) -> str:
    """``media/<path>`` (``<path>`` alone for version 1 paths holding ``/``), collapsed."""
    if cfg.mediacfg_version >= 2 or "/" not in section.path:
        return reduce_pathname(f"media/{section.path}")
    return reduce_pathname(section.path)


def _product_is_free(root: Path) -> bool:
    """product.id says ``product=Free`` (Mageia then skips non-free media by default)."""
    try:
        text = UrpmiState(root).product_id.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    pairs = (p.partition("=") for p in text.strip().split(","))
    return any(k.strip().lower() == "product" and v.strip().lower() == "free" for k, _, v in pairs)


def plan_from_mediacfg(
    cfg: MediaCfg,
    *,
    base_url: str,
    old_text: str,
    mirrorlist: str | None = None,
    compatible: Callable[[str], bool] = ArchPolicy.compatible,
    product_free: bool = False,
    pubkeys: Callable[[str, str], tuple[PublicKey, ...]] | None = None,
) -> tuple[list[PlannedMedium], list[SkippedMedium]]:
    """The media urpmi would add from ``cfg`` (no network unless ``pubkeys`` fetches).

    Args:
        base_url: the distribution's URL (``…/2009.0/i586``); for mirror-list media the
            mirror whose pubkeys are read.
        old_text: the current urpmi.cfg (its names count as taken).
        mirrorlist: write ``mirrorlist:``/``with-dir:`` media with this value.
        compatible: whether this machine can run an arch.
        product_free: product.id says ``product=Free``.
        pubkeys: ``(medium URL, medium name) -> keys`` for media that are not ignored.
    """
    taken = set(parse_urpmicfg(old_text, source="urpmi.cfg").names) if old_text else set()
    planned: list[PlannedMedium] = []
    skipped: list[SkippedMedium] = []
    local = is_local_url(base_url)
    base = str(local_path(base_url)) if local else base_url.rstrip("/")
    for section in cfg.sections:
        arch = section.arch
        if arch and not compatible(arch):
            skipped.append(
                SkippedMedium(
                    name=section.name,
                    path=section.path,
                    reason=f"arch {arch} is not compatible with this machine",
                )
            )
            continue
        by_default = not section.noauto
        if by_default and product_free and _NON_FREE & set(section.media_types):
            by_default = False
        if not by_default and section.is_source:
            skipped.append(
                SkippedMedium(name=section.name, path=section.path, reason="source medium")
            )
            continue
        name = _unique(section.name, taken)
        taken.add(name)
        directory = _section_dir(section, cfg)
        url = section.url_path(base, mediacfg_version=cfg.mediacfg_version)
        keys: tuple[PublicKey, ...] = ()
        if by_default and pubkeys is not None:
            keys = pubkeys(join_url(base, directory) if mirrorlist is not None else url, name)
        ids = tuple(dict.fromkeys(k.short_id for k in keys))
        planned.append(
            PlannedMedium(
                name=name,
                path=section.path,
                url="" if mirrorlist is not None else url,
                mirrorlist=mirrorlist or "",
                with_dir=directory if mirrorlist is not None else "",
                ignore=not by_default,
                update=section.is_update,
                key_ids=ids,
                keys=keys,
            )
        )
    return planned, skipped


def _render(old_text: str, media: Sequence[PlannedMedium]) -> str:
    text = old_text
    for m in media:
        text = add_medium(
            text,
            name=m.name,
            url=m.url,
            mirrorlist=m.mirrorlist,
            with_dir=m.with_dir,
            update=m.update,
            ignore=m.ignore,
            key_ids=m.key_ids,
        )
    return text


def _distrib_sources(
    url: str | None, mirrorlist: str | None, resolver: MirrorResolver, cancel: CancelToken
) -> tuple[Source, ...]:
    """Where media.cfg may be: the URL given, else the mirrors of the list, best first."""
    if url:
        return (Source(base_url=url.rstrip("/")),)
    value = mirrorlist or MIRRORLIST_VARIABLE
    # The mirror list of a pseudo medium without with-dir gives the mirrors themselves.
    pseudo = Medium(name="(distribution)", mirrorlist=value)
    return resolver.sources(pseudo, cancel=cancel)


def plan_distrib(
    root: Path,
    url: str | None = None,
    *,
    settings: Settings,
    cache_dir: Path | None = None,
    mirrorlist: str | None = None,
    transport: Transport | None = None,
    resolver: MirrorResolver | None = None,
    compatible: Callable[[str], bool] = ArchPolicy.compatible,
    cancel: CancelToken = NEVER_CANCELLED,
) -> DistribPlan:
    """What ``urpmi.addmedia --distrib URL`` / ``--distrib --mirrorlist LIST`` would add.

    Args:
        url: the distribution (the directory holding ``media/``); None with a mirror list
            (media.cfg then comes from the first mirror that has it).
        mirrorlist: write mirror-list media with this ``mirrorlist:`` value
            (``$MIRRORLIST``, a list URL, or several blank-separated).

    Raises:
        ValueError: neither ``url`` nor ``mirrorlist``.
        SyncError: no media.cfg could be fetched (naming the URLs tried).
        MediaCfgError: media.cfg is malformed.
        UrpmiCfgError: the root's urpmi.cfg is malformed.
        ProductIdError, MirrorListError: ``$MIRRORLIST`` cannot be resolved.
    """
    if not url and mirrorlist is None:
        raise ValueError("a distribution URL or a mirror list is needed")
    state = UrpmiState(root)
    old_text = _read_cfg(state.urpmi_cfg)  # a broken file is refused now
    own: HttpTransport | None = None
    if transport is None:
        transport = own = HttpTransport(
            connect_timeout=settings.connect_timeout, read_timeout=settings.read_timeout
        )
    cache = MetadataCache(cache_dir, root) if cache_dir is not None else None
    if resolver is None:
        resolver = MirrorResolver(root, transport=transport, settings=settings, cache=cache)
    timeout = (settings.connect_timeout, settings.read_timeout)
    try:
        failures: list[XosUpdateError] = []
        for source in _distrib_sources(url, mirrorlist, resolver, cancel)[:MAX_MIRRORS]:
            cfg_url = join_url(source.base_url, MEDIA_CFG)
            try:
                response = transport.get(
                    cfg_url, timeout=timeout, max_bytes=_MEDIA_CFG_MAX, cancel=cancel
                )
                cfg = parse_mediacfg(response.body, source=cfg_url)
            except SyncCancelledError:
                raise
            except (SyncError, FormatError) as exc:
                log.info("no usable media.cfg at %s: %s", cfg_url, exc)
                failures.append(exc)
                if source.list_url:
                    resolver.mirror_failed(source, str(getattr(exc, "reason", exc)))
                continue
            if source.list_url:
                resolver.mirror_worked(source)
            break
        else:
            if len(failures) == 1:
                raise failures[0]
            raise MirrorsFailedError(medium="(distribution)", failures=tuple(failures))

        def pubkeys(medium_url: str, name: str) -> tuple[PublicKey, ...]:
            pubkey_url = join_url(medium_url, "media_info/pubkey")
            try:
                body = transport.get(pubkey_url, timeout=timeout, medium=name, cancel=cancel).body
                return read_keys(body, source=pubkey_url)
            except SyncCancelledError:
                raise
            except HTTPStatusError as exc:
                log.info("medium %s: no pubkey (%s)", name, exc)
            except (SyncError, FormatError) as exc:
                log.warning("medium %s: pubkey not read, added without key-ids: %s", name, exc)
            return ()

        product_free = _product_is_free(root)
        media, skipped = plan_from_mediacfg(
            cfg,
            base_url=source.base_url,
            old_text=old_text,
            mirrorlist=mirrorlist,
            compatible=compatible,
            product_free=product_free,
            pubkeys=pubkeys,
        )
    finally:
        resolver.save()
        if own is not None:
            own.close()
    return DistribPlan(
        root=root,
        media_cfg_url=cfg_url,
        media=tuple(media),
        skipped=tuple(skipped),
        old_text=old_text,
        new_text=_render(old_text, media),
    )


def apply_distrib(plan: DistribPlan, *, import_keys: bool = True) -> tuple[str, ...]:
    """Write the planned urpmi.cfg into a user-owned root (and import the media's keys).

    Returns:
        The short ids of the keys imported into the root's rpm database.

    Raises:
        UrpmiCfgError: the root is the running system (``/``), or urpmi.cfg changed since
            the plan was made, or cannot be written.
        RpmDatabaseError: a key could not be imported.
    """
    root = plan.root.resolve()
    state = UrpmiState(root)
    if root == Path("/"):
        raise UrpmiCfgError(
            "the running system's media are changed through the privileged helper",
            source=str(state.urpmi_cfg),
        )
    if _read_cfg(state.urpmi_cfg) != plan.old_text:
        raise UrpmiCfgError(
            "changed since the media were planned; run the command again",
            source=str(state.urpmi_cfg),
        )
    directory = state.urpmi_cfg.parent
    if directory.exists() and not os.access(directory, os.W_OK):
        raise UrpmiCfgError("not writable by you", source=str(directory))
    try:
        state.urpmi_cfg.parent.mkdir(parents=True, exist_ok=True)
        # Its mode, owner and every other byte kept; a symbolic link is refused, not cut.
        replace_file(state.urpmi_cfg, encode_urpmicfg(plan.new_text))
    except OSError as exc:
        raise UrpmiCfgError(f"cannot write: {exc}", source=str(state.urpmi_cfg)) from exc
    imported: list[str] = []
    if import_keys and state.rpmdb.is_dir():
        for medium in plan.media:
            for key in medium.keys:
                if key.short_id in imported:
                    continue
                try:
                    import_pubkey(root, key.armored)
                except FormatError as exc:
                    raise RpmDatabaseError(f"key {key.short_id}: {exc}", root=str(root)) from exc
                imported.append(key.short_id)
    log.info("%s: added %d media", root, len(plan.media))
    return tuple(imported)


def _read_cfg(path: Path) -> str:
    """urpmi.cfg's text exactly as on disk (empty when there is none): its bytes decoded,
    with no newline translation, so that a carriage return stays where it is.

    Raises:
        UrpmiCfgError: unreadable or malformed (naming the line).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise UrpmiCfgError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    return parse_urpmicfg(data, source=str(path)).text if data else ""
