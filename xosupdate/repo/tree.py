# SPDX-License-Identifier: GPL-2.0-or-later
"""Build a signed urpmi distribution tree from a ``DistribSpec`` (repository builder).

``build_distrib`` is the one entry point: rpmbuild (``rpmbuild.py``), rpmsign per key
(``signing.py``), then the tree of design/formats.md §4.1 around the rpm files::

    DEST/media/media_info/media.cfg
    DEST/media/<path>/*.rpm
    DEST/media/<path>/media_info/{synthesis.hdlist.cz, MD5SUM, pubkey, descriptions}

The synthesis is what genhdlist2 writes (§5, §12.5), read back from the built headers:
perl-URPM's tag order, ``[*]`` pre-requirements, versioned dependencies, no ``rpmlib()``,
rpm's self-provide, ``@filesize@``, and file provides: a package's ``@provides@`` gets the
paths it owns that a package of the tree requires. Like gendistrib with its ``file-deps``
list, the required paths are collected over the whole tree, so an update medium's
``/bin/sh`` requirement is met by ``bash`` of the release medium.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xosupdate.domain.dependency import Dependency
from xosupdate.domain.package import Package
from xosupdate.errors import RepoBuildError
from xosupdate.formats._compress import Compression, compress
from xosupdate.formats.descriptions import dump_descriptions
from xosupdate.formats.md5sum import dump_md5sum
from xosupdate.formats.mediacfg import MediaCfg, MediaSection, dump_mediacfg
from xosupdate.formats.synthesis import dump_synthesis
from xosupdate.repo.rpmbuild import build_rpms
from xosupdate.repo.signing import SigningKey, sign_rpms
from xosupdate.repo.specs import MEDIUM_KEY, DistribSpec, MediumSpec, PackageSpec
from xosupdate.system.rpmlib import file_names, read_header

__all__ = ["DistribTree", "MediumTree", "build_distrib"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class MediumTree:
    """One medium as written.

    Attributes:
        directory: ``DEST/media/<path>``, holding the rpm files.
        rpms: the rpm files, in the medium's package order.
        packages: the synthesis records, in the same order (file provides included).
        pubkey, descriptions: None when the medium has none.
        key_short_id, key_fingerprint: of the medium's key (its ``pubkey``), or None.
    """

    path: str
    name: str
    directory: Path
    rpms: tuple[Path, ...]
    packages: tuple[Package, ...]
    synthesis: Path
    md5sum: Path
    pubkey: Path | None
    descriptions: Path | None
    key_short_id: str | None
    key_fingerprint: str | None
    update: bool
    noauto: bool

    @property
    def media_info(self) -> Path:
        """The medium's ``media_info`` directory."""
        return self.directory / "media_info"

    @property
    def with_dir(self) -> str:
        """urpmi.cfg's ``with-dir`` for this medium (``media/main/release``)."""
        return f"media/{self.path}"

    def rpm(self, name: str) -> Path:
        """The rpm file of the (first) package called ``name``.

        Raises:
            KeyError: no package of that name.
        """
        for pkg, path in zip(self.packages, self.rpms, strict=True):
            if pkg.name == name:
                return path
        raise KeyError(name)


@dataclass(frozen=True, slots=True, kw_only=True)
class DistribTree:
    """A written distribution tree.

    Attributes:
        root: the directory holding ``media/`` (what a mirror list's ``url`` points at).
    """

    root: Path
    media_cfg: Path
    media: tuple[MediumTree, ...]

    def medium(self, key: str) -> MediumTree:
        """The medium with this name or path.

        Raises:
            KeyError: no such medium.
        """
        for m in self.media:
            if key in (m.name, m.path):
                return m
        raise KeyError(key)

    @property
    def key_ids(self) -> dict[str, str]:
        """Short key id per signed medium name."""
        return {m.name: m.key_short_id for m in self.media if m.key_short_id}


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def _signer(pkg: PackageSpec, medium: MediumSpec) -> str | None:
    return medium.key if pkg.signed_by == MEDIUM_KEY else pkg.signed_by


def _sign_all(
    units: Sequence[tuple[PackageSpec, str | None]],
    built: Mapping[PackageSpec, Path],
    keys: Mapping[str, SigningKey],
    stage: Path,
) -> dict[tuple[PackageSpec, str | None], Path]:
    """A signed (or unsigned) copy of each package per signer it needs."""
    staged: dict[tuple[PackageSpec, str | None], Path] = {}
    by_key: dict[str, list[Path]] = {}
    for n, unit in enumerate(units):
        spec, signer = unit
        # One directory per unit: two specs may share a file name (same NVRA).
        target = stage / str(n) / spec.filename
        target.parent.mkdir(parents=True)
        shutil.copyfile(built[spec], target)
        staged[unit] = target
        if signer is not None:
            by_key.setdefault(signer, []).append(target)
    for signer, paths in by_key.items():
        sign_rpms(keys[signer], paths)
    return staged


def _place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _with_file_provides(pkg: Package, owned: Sequence[str], required: set[str]) -> Package:
    have = {d.name for d in pkg.provides}
    extra = sorted(p for p in set(owned) & required if p not in have)
    if not extra:
        return pkg
    return dataclasses.replace(
        pkg, provides=pkg.provides + tuple(Dependency(name=p) for p in extra)
    )


def _write_medium(
    medium: MediumSpec,
    directory: Path,
    packages: Sequence[Package],
    rpms: Sequence[Path],
    key: SigningKey | None,
    *,
    compression: Compression,
    recommends: bool,
) -> MediumTree:
    info = directory / "media_info"
    info.mkdir(parents=True, exist_ok=True)
    synthesis = info / "synthesis.hdlist.cz"
    synthesis.write_bytes(compress(dump_synthesis(packages, recommends=recommends), compression))
    sums = {synthesis.name: _md5(synthesis)}
    descriptions = None
    if medium.has_descriptions:
        descriptions = info / "descriptions"
        descriptions.write_text(dump_descriptions(medium.advisories), encoding="utf-8")
        sums[descriptions.name] = _md5(descriptions)
    # Like genhdlist2, MD5SUM does not cover pubkey.
    md5sum = info / "MD5SUM"
    md5sum.write_text(dump_md5sum(sums), encoding="ascii")
    pubkey = None
    if key is not None:
        pubkey = info / "pubkey"
        pubkey.write_text(key.armored, encoding="ascii")
    return MediumTree(
        path=medium.path,
        name=medium.name,
        directory=directory,
        rpms=tuple(rpms),
        packages=tuple(packages),
        synthesis=synthesis,
        md5sum=md5sum,
        pubkey=pubkey,
        descriptions=descriptions,
        key_short_id=key.short_id if key else None,
        key_fingerprint=key.fingerprint if key else None,
        update=medium.updates_for is not None,
        noauto=medium.noauto,
    )


def _media_cfg(spec: DistribSpec) -> str:
    """media.cfg in the order of design/formats.md §12.3 (hdlist, name, then flags)."""
    info = [
        ("mediacfg_version", "2"),
        ("version", spec.version),
        ("branch", spec.branch),
        ("arch", spec.arch),
    ]
    if spec.product:
        info.append(("product", spec.product))
    sections: list[MediaSection] = []
    for m in spec.media:
        values = [("hdlist", m.hdlist_name), ("name", m.name)]
        if m.media_type:
            values.append(("media_type", m.media_type))
        if m.updates_for:
            values.append(("updates_for", m.updates_for))
        if m.noauto:
            values.append(("noauto", "1"))
        sections.append(MediaSection(path=m.path, values=tuple(values)))
    return dump_mediacfg(MediaCfg(info=tuple(info), sections=tuple(sections)))


def build_distrib(
    spec: DistribSpec,
    dest: Path,
    *,
    keys: Mapping[str, SigningKey],
    compression: Compression = Compression.GZIP,
    recommends: bool = False,
    jobs: int | None = None,
) -> DistribTree:
    """Build, sign and lay out a whole distribution tree under ``dest``.

    Args:
        spec: the media and their packages.
        dest: the distribution directory (gets ``media/``); must not hold a tree yet.
        keys: signing keys by the names the specs use (``MediumSpec.key``,
            ``PackageSpec.signed_by``).
        compression: of ``synthesis.hdlist.cz``: gzip for a Mandriva 2009.0 / XtreemOS
            tree, xz (or zstd) for Mageia.
        recommends: write weak dependencies as ``@recommends@`` (Mageia 5+) instead of
            ``@suggests@`` (Mandriva 2009.0).
        jobs: rpmbuild runs at a time (default: one per CPU).

    Raises:
        ValueError: a spec names a key that ``keys`` does not hold, or a closed key.
        RepoBuildError: rpmbuild or rpmsign failed, or ``dest`` already holds a tree.
    """
    missing = sorted(spec.key_names() - set(keys))
    if missing:
        raise ValueError(f"no signing key named {', '.join(missing)}")
    closed = sorted(name for name in spec.key_names() if keys[name].closed)
    if closed:
        raise ValueError(f"signing keys already closed: {', '.join(closed)}")
    dest = Path(dest)
    if (dest / "media").exists():
        raise RepoBuildError(f"{dest} already holds a distribution tree")
    started = time.monotonic()
    units = list(dict.fromkeys((p, _signer(p, m)) for m in spec.media for p in m.packages))
    with tempfile.TemporaryDirectory(prefix="xosrepo") as scratch:
        work = Path(scratch)
        built = build_rpms([p for p, _ in units], work / "build", jobs=jobs)
        staged = _sign_all(units, built, keys, work / "sign")
        placed: dict[str, list[Path]] = {}
        for m in spec.media:
            directory = dest / "media" / m.path
            directory.mkdir(parents=True, exist_ok=True)
            for p in m.packages:
                target = directory / p.filename
                _place(staged[p, _signer(p, m)], target)
                placed.setdefault(m.path, []).append(target)
    headers = {path: read_header(path) for paths in placed.values() for path in paths}
    owned = {path: file_names(path) for path in headers}
    required = {d.name for pkg in headers.values() for d in pkg.requires if d.is_file}
    media: list[MediumTree] = []
    for m in spec.media:
        rpms = placed.get(m.path, [])
        packages = [_with_file_provides(headers[r], owned[r], required) for r in rpms]
        key = keys[m.key] if m.key is not None else None
        media.append(
            _write_medium(
                m,
                dest / "media" / m.path,
                packages,
                rpms,
                key,
                compression=compression,
                recommends=recommends,
            )
        )
    media_info = dest / "media" / "media_info"
    media_info.mkdir(parents=True, exist_ok=True)
    media_cfg = media_info / "media.cfg"
    media_cfg.write_text(_media_cfg(spec), encoding="utf-8")
    if required:
        # gendistrib's list of file dependencies the synthesis files provide.
        (media_info / "file-deps").write_text(
            "".join(f"{p}\n" for p in sorted(required)), encoding="utf-8"
        )
    log.info(
        "distribution tree %s: %d media, %d packages in %.2f s",
        dest,
        len(media),
        len(headers),
        time.monotonic() - started,
    )
    return DistribTree(root=dest, media_cfg=media_cfg, media=tuple(media))
