# SPDX-License-Identifier: GPL-2.0-or-later
"""The installed set: what a root's rpm database holds and provides (system layer).

An adapter to the rpm bindings: ``rpm.error`` becomes ``RpmDatabaseError`` here and no raw
rpm object leaves the module. ``_dbpath`` is always ``/var/lib/rpm`` inside the root
(Debian's rpm defaults to ``~/.rpmdb``), and nothing here ever writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import rpm

from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.errors import InvalidEvrError, RpmDatabaseError

__all__ = ["InstalledPackage", "InstalledSet", "read_installed"]

log = logging.getLogger(__name__)

DBPATH: Final = "/var/lib/rpm"
# Pseudo-packages holding imported keys, not software.
_KEY_PACKAGE: Final = "gpg-pubkey"
_OPS: Final = {
    0: Op.ANY,
    rpm.RPMSENSE_LESS: Op.LT,
    rpm.RPMSENSE_LESS | rpm.RPMSENSE_EQUAL: Op.LE,
    rpm.RPMSENSE_EQUAL: Op.EQ,
    rpm.RPMSENSE_GREATER | rpm.RPMSENSE_EQUAL: Op.GE,
    rpm.RPMSENSE_GREATER: Op.GT,
}
_SENSE_MASK: Final = rpm.RPMSENSE_LESS | rpm.RPMSENSE_GREATER | rpm.RPMSENSE_EQUAL


@dataclass(frozen=True, slots=True, kw_only=True)
class InstalledPackage:
    """One package of the rpm database."""

    name: str
    evr: Evr
    arch: str
    size: int = 0
    summary: str = ""
    install_time: int = 0

    @property
    def fullname(self) -> str:
        """``name-version-release.arch``."""
        return f"{self.name}-{self.evr.version}-{self.evr.release}.{self.arch}"

    def __str__(self) -> str:
        return self.fullname


Provide = tuple[str, Dependency]  # (owner name, provide entry)
# As read from the database: owner, RPMSENSE flags, version text. Converted to a
# Dependency only when asked for: most provides are never looked at.
_RawProvide = tuple[str, int, str]


@dataclass(slots=True)
class InstalledSet:
    """Installed packages by name, and who provides what.

    Attributes:
        packages: every installed package (several per name for multilib and kernels).
        root: the system root it was read from.
    """

    packages: tuple[InstalledPackage, ...]
    root: str = "/"
    _provides: dict[str, list[_RawProvide]] = field(default_factory=dict, repr=False)
    _owns_file: Callable[[str], bool] | None = field(default=None, repr=False)
    _by_name: dict[str, list[InstalledPackage]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for p in self.packages:
            self._by_name.setdefault(p.name, []).append(p)
        if not self._provides:
            # Without the database's provide lists (tests, fakes): every package provides
            # itself, as rpm guarantees.
            for p in self.packages:
                self._provides.setdefault(p.name, []).append(
                    (p.name, rpm.RPMSENSE_EQUAL, str(p.evr)))

    @classmethod
    def of(cls, packages: Iterable[InstalledPackage], *, root: str = "/") -> InstalledSet:
        """An installed set from values (self-provides only; no files)."""
        return cls(tuple(packages), root)

    def by_name(self) -> dict[str, list[InstalledPackage]]:
        """Installed packages per name."""
        return self._by_name

    def __len__(self) -> int:
        return len(self.packages)

    def providers(self, name: str) -> list[Provide]:
        """``(owner, provide)`` pairs for a capability name."""
        return [(owner, _provide(name, flags, text))
                for owner, flags, text in self._provides.get(name, ())]

    def provided_names(self) -> frozenset[str]:
        """Every capability name something installed provides."""
        return frozenset(self._provides)

    def owns_file(self, path: str) -> bool:
        """Whether an installed package owns ``path`` (file requirements)."""
        return self._owns_file(path) if self._owns_file is not None else False


def _ensure_dbpath() -> None:
    # The macro is process-wide; define it once so repeated reads do not stack definitions.
    if rpm.expandMacro("%{_dbpath}") != DBPATH:
        rpm.addMacro("_dbpath", DBPATH)


def _provide(name: str, flags: int, text: str) -> Dependency:
    op = _OPS.get(flags & _SENSE_MASK, Op.ANY)
    if not text or op is Op.ANY:
        return Dependency(name=name)
    try:
        return Dependency(name=name, op=op, evr=Evr.parse(text))
    except InvalidEvrError:
        return Dependency(name=name)


def read_installed(root: Path | str) -> InstalledSet:
    """Read the installed packages of ``root`` (``/`` for the running system).

    Raises:
        RpmDatabaseError: no database under ``ROOT/var/lib/rpm``, or rpm cannot open it.
    """
    root_text = str(root)
    dbdir = Path(root_text) / DBPATH.lstrip("/")
    if not dbdir.is_dir() or not any(dbdir.iterdir()):
        raise RpmDatabaseError(f"no rpm database in {dbdir}", root=root_text)
    _ensure_dbpath()
    packages: list[InstalledPackage] = []
    provides: dict[str, list[_RawProvide]] = {}
    tags = (rpm.RPMTAG_NAME, rpm.RPMTAG_EPOCH, rpm.RPMTAG_VERSION, rpm.RPMTAG_RELEASE,
            rpm.RPMTAG_ARCH, rpm.RPMTAG_SIZE, rpm.RPMTAG_SUMMARY, rpm.RPMTAG_INSTALLTIME,
            rpm.RPMTAG_PROVIDENAME, rpm.RPMTAG_PROVIDEFLAGS, rpm.RPMTAG_PROVIDEVERSION)
    try:
        ts = rpm.TransactionSet(root_text)
        # Headers of the database were verified when installed; re-checking every digest
        # would double the read time of a large database.
        ts.setVSFlags(rpm._RPMVSF_NOSIGNATURES | rpm._RPMVSF_NODIGESTS)  # noqa: SLF001
        for hdr in ts.dbMatch():
            (name, epoch, version, release, arch, size, summary, itime, pnames, pflags,
             pversions) = (hdr[t] for t in tags)
            if name == _KEY_PACKAGE:
                continue
            try:
                evr = Evr(epoch=int(epoch or 0), version=version, release=release)
            except InvalidEvrError as exc:
                log.warning("%s: skipping installed %s with a bad version: %s",
                            root_text, name, exc.reason)
                continue
            packages.append(InstalledPackage(
                name=name, evr=evr, arch=arch or "noarch", size=int(size or 0),
                summary=summary or "", install_time=int(itime or 0)))
            for pname, pflag, pversion in zip(pnames, pflags, pversions, strict=False):
                provides.setdefault(pname, []).append((name, pflag, pversion))
    except rpm.error as exc:
        raise RpmDatabaseError(str(exc), root=root_text) from exc
    if not packages and not (dbdir / "rpmdb.sqlite").exists() and not (dbdir / "Packages").exists():
        raise RpmDatabaseError(f"no rpm database in {dbdir}", root=root_text)

    def owns_file(path: str) -> bool:
        try:
            return any(True for _ in ts.dbMatch("basenames", path))
        except rpm.error:
            return False

    log.debug("%s: %d installed packages", root_text, len(packages))
    return InstalledSet(tuple(packages), root_text, provides, owns_file)
