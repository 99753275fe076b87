# SPDX-License-Identifier: GPL-2.0-or-later
"""The rpm bindings behind typed functions (system layer).

Everything xosupdate asks of librpm outside ``domain/evr.py``, ``domain/dependency.py`` and
the helper's ``rpmtx.py`` goes through here: reading package headers into domain
``Package`` values, querying and changing the rpm database of a root, importing keys. No
raw rpm object leaves this module, and ``rpm.error`` is translated into xosupdate errors in
one place (``_rpm_errors``).

Every function that touches a database takes an explicit root, and the database is always
``ROOT/var/lib/rpm``: Debian's rpm defaults ``_dbpath`` to ``~/.rpmdb``, so the macro is
set before any ``TransactionSet`` exists (design/testing.md §5). The host's database is
never opened by this module unless a caller passes ``/`` on purpose.
"""

from __future__ import annotations

import base64
import contextlib
import enum
import functools
import hashlib
import logging
import os
import re
import struct
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

import rpm

from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.domain.package import Package
from xosupdate.errors import (
    FormatError,
    InvalidEvrError,
    RpmDatabaseError,
    TamperedPackageError,
    TransactionFailedError,
    UnknownKeyError,
    XosUpdateError,
)
from xosupdate.formats.openpgp import armor, armored_blocks, fingerprint, fingerprints, short_id
from xosupdate.system.installed import InstalledPackage, InstalledSet, RawProvide

__all__ = [
    "DBPATH",
    "HeaderCheck",
    "HeaderStatus",
    "PackageCheck",
    "file_names",
    "header_prefix_length",
    "header_verdict",
    "import_pubkey",
    "imported_keys",
    "imported_pubkeys",
    "install_files",
    "installed_packages",
    "read_header",
    "read_installed",
    "verify_package_file",
]

log = logging.getLogger(__name__)

DBPATH: Final = "/var/lib/rpm"

# Requires(pre/post/preun/postun) and legacy PreReq: perl-URPM writes them with "[*]".
_PRE_FLAGS: Final = (
    rpm.RPMSENSE_PREREQ
    | rpm.RPMSENSE_SCRIPT_PRE
    | rpm.RPMSENSE_SCRIPT_POST
    | rpm.RPMSENSE_SCRIPT_PREUN
    | rpm.RPMSENSE_SCRIPT_POSTUN
)
_SENSE_MASK: Final = rpm.RPMSENSE_LESS | rpm.RPMSENSE_GREATER | rpm.RPMSENSE_EQUAL
_OPS: Final = {
    rpm.RPMSENSE_LESS: Op.LT,
    rpm.RPMSENSE_LESS | rpm.RPMSENSE_EQUAL: Op.LE,
    rpm.RPMSENSE_EQUAL: Op.EQ,
    rpm.RPMSENSE_GREATER | rpm.RPMSENSE_EQUAL: Op.GE,
    rpm.RPMSENSE_GREATER: Op.GT,
}
_DEP_TAGS: Final = {
    "provides": (rpm.RPMTAG_PROVIDENAME, rpm.RPMTAG_PROVIDEFLAGS, rpm.RPMTAG_PROVIDEVERSION),
    "requires": (rpm.RPMTAG_REQUIRENAME, rpm.RPMTAG_REQUIREFLAGS, rpm.RPMTAG_REQUIREVERSION),
    "conflicts": (rpm.RPMTAG_CONFLICTNAME, rpm.RPMTAG_CONFLICTFLAGS, rpm.RPMTAG_CONFLICTVERSION),
    "obsoletes": (rpm.RPMTAG_OBSOLETENAME, rpm.RPMTAG_OBSOLETEFLAGS, rpm.RPMTAG_OBSOLETEVERSION),
    "recommends": (
        rpm.RPMTAG_RECOMMENDNAME,
        rpm.RPMTAG_RECOMMENDFLAGS,
        rpm.RPMTAG_RECOMMENDVERSION,
    ),
    "suggests": (rpm.RPMTAG_SUGGESTNAME, rpm.RPMTAG_SUGGESTFLAGS, rpm.RPMTAG_SUGGESTVERSION),
}
_PUBKEY_NAME: Final = "gpg-pubkey"
_DBPATH_MARK: Final = "_xosupdate_root_dbpath"
# Our _dbpath when the marker says it was pushed, else empty (nothing else is expanded).
_OURS_ON_TOP: Final = f"%{{?{_DBPATH_MARK}:%{{_dbpath}}}}"


# ---------------------------------------------------------------- plumbing


@contextlib.contextmanager
def _rpm_errors(translate: Callable[[str], XosUpdateError]) -> Iterator[None]:
    """The one place ``rpm.error`` becomes an xosupdate error."""
    try:
        yield
    except rpm.error as exc:
        raise translate(str(exc)) from exc


def _use_root_dbpath() -> None:
    """Point ``_dbpath`` at ``/var/lib/rpm`` (inside whatever root a TransactionSet gets).

    Must run before a TransactionSet is created. ``addMacro`` stacks definitions, so it is
    only pushed when ours is not the one on top. That is asked through a marker macro
    pushed with it: expanding Debian's own default runs a shell (``%(bash -c 'echo
    ~/.rpmdb')``), a fork and two execs on every update check.
    """
    if rpm.expandMacro(_OURS_ON_TOP) != DBPATH:
        rpm.addMacro("_dbpath", DBPATH)
        rpm.addMacro(_DBPATH_MARK, "1")


def _header_reader() -> rpm.TransactionSet:
    """A TransactionSet that reads package files without any keyring or database.

    An empty keyring keeps librpm from loading keys out of the host's database, and
    signatures are not checked: reading a header is not a verdict (design/testing.md §4).
    """
    ts = rpm.TransactionSet()
    ts.setKeyring(rpm.keyring())
    ts.setVSFlags(rpm._RPMVSF_NOSIGNATURES)
    return ts


def _read_header(
    ts: rpm.TransactionSet, path: Path, translate: Callable[[str], XosUpdateError]
) -> tuple[rpm.hdr, int]:
    """The header of the package file at ``path`` and the file's size."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    try:
        with _rpm_errors(translate):
            hdr = ts.hdrFromFdno(fd)
        return hdr, os.fstat(fd).st_size
    finally:
        os.close(fd)


def _not_a_package(path: Path) -> Callable[[str], XosUpdateError]:
    return lambda reason: FormatError(f"not a readable rpm package: {reason}", source=str(path))


@contextlib.contextmanager
def _database(root: Path, *, create: bool = False) -> Iterator[rpm.TransactionSet]:
    """A TransactionSet on ``ROOT/var/lib/rpm``, closed on exit (``root`` from ``_root``)."""
    if not root.is_absolute():  # librpm would use "/" instead
        raise ValueError(f"relative root {root}")
    if not create and not (root / DBPATH.lstrip("/")).is_dir():
        raise RpmDatabaseError(f"no rpm database in {DBPATH}", root=str(root))
    _use_root_dbpath()
    ts = rpm.TransactionSet(str(root))
    try:
        yield ts
    finally:
        ts.closeDB()


def _root(root: Path | str, *, writing: bool = False) -> Path:
    """An absolute root path; never the host's own root when writing.

    librpm silently replaces a root that does not start with "/" by "/" itself, so a
    relative path would reach the host's database: resolve it first.
    """
    path = Path(root).resolve()
    if writing and path == Path("/"):
        raise RpmDatabaseError(
            "refusing to change the host's rpm database from xosupdate's sandbox functions",
            root="/",
        )
    return path


def _db_error(root: Path) -> Callable[[str], XosUpdateError]:
    return lambda reason: RpmDatabaseError(reason, root=str(root))


# ---------------------------------------------------------------- headers -> domain


def _dependencies(hdr: rpm.hdr, kind: str) -> list[tuple[Dependency, int]]:
    """One dependency list of a header, each entry with its raw rpm flags."""
    name_tag, flags_tag, version_tag = _DEP_TAGS[kind]
    out: list[tuple[Dependency, int]] = []
    for name, flags, version in zip(hdr[name_tag], hdr[flags_tag], hdr[version_tag], strict=True):
        op = _OPS.get(flags & _SENSE_MASK, Op.ANY) if version else Op.ANY
        evr = Evr.parse(version) if op is not Op.ANY else None
        out.append((Dependency(name=name, op=op, evr=evr, pre=bool(flags & _PRE_FLAGS)), flags))
    return out


def _package(hdr: rpm.hdr, *, filesize: int | None) -> Package:
    """A domain ``Package`` from an rpm header (file or database)."""
    requires: list[Dependency] = []
    suggests: list[Dependency] = []
    for dep, flags in _dependencies(hdr, "requires"):
        if flags & rpm.RPMSENSE_RPMLIB or dep.is_rpmlib:
            continue  # met by rpm itself; genhdlist2 drops them too
        if flags & rpm.RPMSENSE_MISSINGOK:
            # Mandriva 2008-era rpm stored Suggests as Requires(missingok).
            suggests.append(Dependency(name=dep.name, op=dep.op, evr=dep.evr))
        else:
            requires.append(dep)
    for kind in ("recommends", "suggests"):
        suggests.extend(d for d, _ in _dependencies(hdr, kind))
    epoch = hdr[rpm.RPMTAG_EPOCH]
    return Package(
        name=hdr[rpm.RPMTAG_NAME],
        evr=Evr(
            epoch=int(epoch or 0), version=hdr[rpm.RPMTAG_VERSION], release=hdr[rpm.RPMTAG_RELEASE]
        ),
        # gpg-pubkey pseudo-packages have no arch.
        arch=hdr[rpm.RPMTAG_ARCH] or "",
        size=int(hdr[rpm.RPMTAG_SIZE] or 0),
        group=hdr[rpm.RPMTAG_GROUP] or "",
        summary=hdr[rpm.RPMTAG_SUMMARY] or "",
        filesize=filesize,
        provides=tuple(d for d, _ in _dependencies(hdr, "provides")),
        requires=tuple(requires),
        conflicts=tuple(d for d, _ in _dependencies(hdr, "conflicts")),
        obsoletes=tuple(d for d, _ in _dependencies(hdr, "obsoletes")),
        suggests=tuple(suggests),
    )


def read_header(path: Path | str) -> Package:
    """The package an rpm file holds, as a synthesis would describe it.

    Provides include rpm's own self-provide; ``rpmlib(...)`` requirements are dropped;
    Requires(pre/post/preun/postun) are marked ``pre``; Recommends and Suggests (and
    2008-era missingok Requires) become ``suggests``; ``filesize`` is the file's size.
    Signatures are not checked.

    Raises:
        FormatError: the file cannot be read or is not an rpm package.
    """
    path = Path(path)
    hdr, size = _read_header(_header_reader(), path, _not_a_package(path))
    try:
        return _package(hdr, filesize=size)
    except FormatError as exc:  # a malformed version inside the header
        raise FormatError(exc.reason, source=str(path)) from exc


def file_names(path: Path | str) -> tuple[str, ...]:
    """The absolute paths (files and owned directories) an rpm file installs.

    Raises:
        FormatError: the file cannot be read or is not an rpm package.
    """
    path = Path(path)
    hdr, _ = _read_header(_header_reader(), path, _not_a_package(path))
    return tuple(hdr[rpm.RPMTAG_FILENAMES])


# ---------------------------------------------------------------- database queries


def installed_packages(root: Path | str) -> tuple[Package, ...]:
    """Every package in ``ROOT/var/lib/rpm``, without the gpg-pubkey pseudo-packages.

    Raises:
        RpmDatabaseError: the root has no rpm database or it cannot be read.
    """
    root = _root(root)
    with _database(root) as ts, _rpm_errors(_db_error(root)):
        packages = [
            _package(h, filesize=None) for h in ts.dbMatch() if h[rpm.RPMTAG_NAME] != _PUBKEY_NAME
        ]
    return tuple(sorted(packages, key=lambda p: (p.name, p.arch)))


def read_installed(root: Path | str, *, details: bool = False) -> InstalledSet:
    """The installed set of ``root`` for the update engine: names, versions, archs and
    provide lists, read in one pass (about 15 ms per 1,000 packages).

    Args:
        details: also read summaries and install times (the audit shows them; update
            checks do not need them).

    Raises:
        RpmDatabaseError: the root has no rpm database or it cannot be read.
    """
    root = _root(root)
    dbdir = root / DBPATH.lstrip("/")
    if not dbdir.is_dir() or not any(dbdir.iterdir()):
        raise RpmDatabaseError(f"no rpm database in {dbdir}", root=str(root))
    packages: list[InstalledPackage] = []
    provides: dict[str, list[RawProvide]] = {}
    tags = (
        rpm.RPMTAG_NAME,
        rpm.RPMTAG_EPOCH,
        rpm.RPMTAG_VERSION,
        rpm.RPMTAG_RELEASE,
        rpm.RPMTAG_ARCH,
        rpm.RPMTAG_SIZE,
        rpm.RPMTAG_PROVIDENAME,
        rpm.RPMTAG_PROVIDEFLAGS,
        rpm.RPMTAG_PROVIDEVERSION,
    )
    with _database(root) as ts, _rpm_errors(_db_error(root)):
        # Headers in the database were verified when installed; checking every digest
        # again would double the time of reading a large database.
        ts.setVSFlags(rpm._RPMVSF_NOSIGNATURES | rpm._RPMVSF_NODIGESTS)
        for hdr in ts.dbMatch():
            name, epoch, version, release, arch, size, pnames, pflags, pversions = (
                hdr[t] for t in tags
            )
            if name == _PUBKEY_NAME:
                continue
            try:
                evr = Evr(epoch=int(epoch or 0), version=version, release=release)
            except InvalidEvrError as exc:
                log.warning(
                    "%s: skipping installed %s with a bad version: %s", root, name, exc.reason
                )
                continue
            summary, itime = (
                (hdr[rpm.RPMTAG_SUMMARY] or "", int(hdr[rpm.RPMTAG_INSTALLTIME] or 0))
                if details
                else ("", 0)
            )
            packages.append(
                InstalledPackage(
                    name=name,
                    evr=evr,
                    arch=arch or "noarch",
                    size=int(size or 0),
                    summary=summary,
                    install_time=itime,
                )
            )
            for pname, pflag, pversion in zip(pnames, pflags, pversions, strict=False):
                provides.setdefault(pname, []).append((name, pflag, pversion))

    def owns_file(path: str) -> bool:
        with _database(root) as fts, _rpm_errors(_db_error(root)):
            return any(True for _ in fts.dbMatch("basenames", path))

    log.debug("%s: %d installed packages", root, len(packages))
    return InstalledSet(tuple(packages), str(root), provides, owns_file)


def imported_keys(root: Path | str) -> tuple[str, ...]:
    """Short ids (8 hex digits, lowercase) of the keys imported into the root's database.

    These are the versions of its ``gpg-pubkey`` pseudo-packages, which is what urpmi
    stores as ``key-ids`` (design/formats.md §7).

    Raises:
        RpmDatabaseError: the root has no rpm database or it cannot be read.
    """
    root = _root(root)
    with _database(root) as ts, _rpm_errors(_db_error(root)):
        return tuple(sorted(h[rpm.RPMTAG_VERSION] for h in ts.dbMatch("name", _PUBKEY_NAME)))


# ---------------------------------------------------------------- keys


def import_pubkey(root: Path | str, armored: str) -> tuple[str, ...]:
    """Import every key block of ``armored`` into ``ROOT/var/lib/rpm`` (``rpm --import``).

    Keys already present are left alone. The database is created when the root has none.

    Returns:
        The short ids (8 hex digits, lowercase) of the keys in ``armored``, in order.

    Raises:
        FormatError: ``armored`` holds no usable public key block.
        RpmDatabaseError: librpm refused the key or the database, or ``root`` is ``/``.
    """
    root = _root(root, writing=True)
    blocks = armored_blocks(armored)
    if not blocks:
        raise FormatError("no PGP public key block", source="pubkey")
    ids: list[str] = []
    with _database(root, create=True) as ts:
        for block in blocks:
            with _rpm_errors(lambda r: FormatError(f"unusable key: {r}", source="pubkey")):
                packet = base64.b64decode(rpm.pubkey(block.encode()).base64())
            try:
                short = short_id(packet)
                mine = fingerprint(packet)
            except ValueError as exc:
                raise FormatError(f"unusable key: {exc}", source="pubkey") from exc
            with _rpm_errors(_db_error(root)):
                others = {
                    f
                    for hdr in ts.dbMatch("name", _PUBKEY_NAME)
                    if str(hdr[rpm.RPMTAG_VERSION]).lower() == short
                    for f in fingerprints(hdr[rpm.RPMTAG_PUBKEYS] or ())
                } - {mine}
            if others:
                # Its short id would then stand for two keys (urpmi.cfg binds short ids).
                raise RpmDatabaseError(
                    f"key {mine} has the short id {short} of the imported key {min(others)}: "
                    "not imported",
                    root=str(root),
                )
            with _rpm_errors(_db_error(root)):
                rc = ts.pgpImportPubkey(packet)
            if rc != 0:
                raise RpmDatabaseError(f"librpm refused key {short} (rc {rc})", root=str(root))
            log.debug("%s: imported key %s", root, short)
            ids.append(short)
    return tuple(ids)


def _root_keyring(ts: rpm.TransactionSet) -> rpm.keyring:
    """A keyring of the keys imported into the transaction's root (never the host's)."""
    keyring = rpm.keyring()
    for hdr in ts.dbMatch("name", _PUBKEY_NAME):
        for b64 in hdr[rpm.RPMTAG_PUBKEYS] or ():
            keyring.addKey(rpm.pubkey(armor(b64)))
    return keyring


def imported_pubkeys(root: Path | str) -> tuple[str, ...]:
    """The keys imported into the root's database (its ``gpg-pubkey`` packages), armoured.

    These are the keys rpm itself verifies packages against at install time.

    Raises:
        RpmDatabaseError: the root has no rpm database or it cannot be read.
    """
    root = _root(root)
    with _database(root) as ts, _rpm_errors(_db_error(root)):
        return tuple(
            armor(b64).decode("ascii")
            for hdr in ts.dbMatch("name", _PUBKEY_NAME)
            for b64 in hdr[rpm.RPMTAG_PUBKEYS] or ()
        )


# ---------------------------------------------------------------- header verdicts

_LEAD_SIZE: Final = 96
_LEAD_MAGIC: Final = b"\xed\xab\xee\xdb"
_HEADER_MAGIC: Final = b"\x8e\xad\xe8\x01"
_INTRO: Final = 16
# rpm refuses headers above 256 MiB; a package header this large is not one we read.
_MAX_HEADER: Final = 64 * 1024 * 1024
_KEY_ID: Final = re.compile(r"Key ID ([0-9a-fA-F]{16})")
_NOKEY: Final = ("public key not available", "NOKEY")
# PAYLOADDIGESTALGO values (OpenPGP hash algorithm numbers) and hashlib names.
_DIGEST_ALGOS: Final = {1: "md5", 2: "sha1", 8: "sha256", 9: "sha384", 10: "sha512"}
_READ_CHUNK: Final = 1024 * 1024


class HeaderStatus(enum.StrEnum):
    """What verifying an rpm header against a keyring says."""

    OK = "ok"  # signed, and the signature verifies with a key of the keyring
    UNSIGNED = "unsigned"  # no header signature at all
    NOKEY = "nokey"  # signed by a key the keyring does not hold
    BAD = "bad"  # corrupt or tampered: a digest or the signature does not verify


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderCheck:
    """The verdict of librpm on a package's lead, signature header and main header.

    Attributes:
        key_id: the signer's 16 hex digit key id (lowercase), "" when unsigned or unknown.
        reason: librpm's words when the status is not OK.
        name, epoch, version, release, arch: what the header says the package is (empty
            when the header could not be read).
        payload_digest: hex digest of the payload the header promises (``PAYLOADDIGEST``),
            ``payload_algo`` its hashlib name; the legacy ``sigmd5`` (header + payload)
            is kept for packages older than rpm 4.14.
        header_end: offset of the payload in the file.
    """

    status: HeaderStatus
    key_id: str = ""
    reason: str = ""
    name: str = ""
    epoch: int = 0
    version: str = ""
    release: str = ""
    arch: str = ""
    payload_digest: str = ""
    payload_algo: str = ""
    sigmd5: str = ""
    main_start: int = 0
    header_end: int = 0

    @property
    def signed(self) -> bool:
        """The header carries a signature (whether or not it verifies)."""
        return self.status is not HeaderStatus.UNSIGNED

    @property
    def short_id(self) -> str:
        """urpmi's id of the signer (last 8 hex digits), "" when unknown."""
        return self.key_id[-8:]

    @property
    def fullname(self) -> str:
        """``name-version-release.arch`` as the header says."""
        return f"{self.name}-{self.version}-{self.release}.{self.arch}"


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageCheck:
    """A whole package file checked: its header, then its payload against the header.

    Attributes:
        payload_ok: the payload matches the digest the (verified) header carries.
        reason: why the package is not OK, "" when it is.
    """

    header: HeaderCheck
    payload_ok: bool
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Signed by a key of the keyring, header and payload intact."""
        return self.header.status is HeaderStatus.OK and self.payload_ok


def _not_rpm(reason: str) -> FormatError:
    return FormatError(f"not an rpm package: {reason}", source="rpm header")


def _header_size(buf: bytes, off: int) -> int:
    """The size of the header structure starting at ``off`` (intro, index and data)."""
    if buf[off : off + 4] != _HEADER_MAGIC:
        raise _not_rpm(f"no header magic at byte {off}")
    nindex, hsize = struct.unpack(">II", buf[off + 8 : off + 16])
    size = int(_INTRO + 16 * nindex + hsize)
    if size > _MAX_HEADER:
        raise _not_rpm(f"header of {size} bytes at byte {off}")
    return size


def _layout(prefix: bytes) -> tuple[int, int]:
    """(start of the main header, end of the main header), or the bytes still needed as
    (-1, n) when ``prefix`` is too short to tell."""
    if len(prefix) < _LEAD_SIZE + _INTRO:
        return -1, _LEAD_SIZE + _INTRO
    if prefix[:4] != _LEAD_MAGIC:
        raise _not_rpm("no lead magic")
    main = _LEAD_SIZE + _header_size(prefix, _LEAD_SIZE)
    main += -main % 8  # the signature header is padded to 8 bytes
    if len(prefix) < main + _INTRO:
        return -1, main + _INTRO
    return main, main + _header_size(prefix, main)


def header_prefix_length(prefix: bytes) -> int:
    """How many bytes of the file hold the lead, signature header and main header.

    Give it the first bytes of a package (8 KiB is plenty for small ones): when they do
    not reach far enough to tell, the answer is a lower bound, and calling again with
    that many bytes gives the next bound or the exact length (design/testing.md §4).

    Raises:
        FormatError: the bytes are not the start of an rpm package.
    """
    return _layout(prefix)[1]


@functools.lru_cache(maxsize=16)
def _keyring(keys: tuple[str, ...]) -> rpm.keyring:
    keyring = rpm.keyring()
    for armored in keys:
        for block in armored_blocks(armored):
            with _rpm_errors(lambda r: FormatError(f"unusable key: {r}", source="keyring")):
                keyring.addKey(rpm.pubkey(block.encode("ascii")))
    return keyring


@contextlib.contextmanager
def _memory_fd(data: bytes) -> Iterator[int]:
    """A file descriptor reading ``data`` from its start (an anonymous memory file)."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("xosupdate-header", os.MFD_CLOEXEC)
        try:
            os.write(fd, data)
            os.lseek(fd, 0, os.SEEK_SET)
            yield fd
        finally:
            os.close(fd)
        return
    with tempfile.TemporaryFile() as f:  # pragma: no cover - every Linux has memfd
        f.write(data)
        f.seek(0)
        yield f.fileno()


@contextlib.contextmanager
def _quiet_librpm() -> Iterator[None]:
    """librpm prints "NOKEY"/"BAD" lines on stderr for every package it reads: silence it,
    then go back to librpm's default level (it offers no way to read the current one)."""
    rpm.setVerbosity(rpm.RPMLOG_EMERG)
    try:
        yield
    finally:
        rpm.setVerbosity(rpm.RPMLOG_NOTICE)


def _signature_key_id(hdr: rpm.hdr) -> tuple[bool, str]:
    """Whether the header carries a header signature, and its signer's long key id."""
    for tag in ("RSAHEADER", "DSAHEADER"):
        text = hdr.format(f"%{{{tag}:pgpsig}}")
        if text and text != "(none)":
            match = _KEY_ID.search(text)
            return True, match.group(1).lower() if match else ""
    return False, ""


def _hex(value: object) -> str:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def _check_header(prefix: bytes, keys: tuple[str, ...]) -> HeaderCheck:
    main, end = _layout(prefix)
    if main < 0 or end > len(prefix):
        raise _not_rpm(f"only {len(prefix)} bytes of a header of at least {end}")
    data = prefix[:end]
    with _quiet_librpm(), _memory_fd(data) as fd:
        try:
            # First without signatures: digests alone tell a corrupt or tampered header,
            # and an unsigned or unknown-key header can still be read.
            hdr = _header_reader().hdrFromFdno(fd)
        except rpm.error as exc:
            return HeaderCheck(
                status=HeaderStatus.BAD, reason=f"header does not verify: {exc}", header_end=end
            )
        signed, key_id = _signature_key_id(hdr)
        algo = int(hdr[rpm.RPMTAG_PAYLOADDIGESTALGO] or 0)
        fields = {
            "key_id": key_id,
            "name": hdr[rpm.RPMTAG_NAME] or "",
            "epoch": int(hdr[rpm.RPMTAG_EPOCH] or 0),
            "version": hdr[rpm.RPMTAG_VERSION] or "",
            "release": hdr[rpm.RPMTAG_RELEASE] or "",
            "arch": hdr[rpm.RPMTAG_ARCH] or "",
            "payload_digest": _hex(hdr[rpm.RPMTAG_PAYLOADDIGEST]),
            "payload_algo": _DIGEST_ALGOS.get(algo, "") if algo else "",
            "sigmd5": _hex(hdr[rpm.RPMTAG_SIGMD5]),
            "main_start": main,
            "header_end": end,
        }
        if not signed:
            return HeaderCheck(status=HeaderStatus.UNSIGNED, **fields)  # type: ignore[arg-type]
        os.lseek(fd, 0, os.SEEK_SET)
        ts = rpm.TransactionSet()
        ts.setKeyring(_keyring(keys))
        try:
            ts.hdrFromFdno(fd)
        except rpm.error as exc:
            reason = str(exc)
            status = HeaderStatus.NOKEY if any(n in reason for n in _NOKEY) else HeaderStatus.BAD
            if status is HeaderStatus.BAD:
                reason = f"signature does not verify: {reason}"
            return HeaderCheck(status=status, reason=reason, **fields)  # type: ignore[arg-type]
    return HeaderCheck(status=HeaderStatus.OK, **fields)  # type: ignore[arg-type]


def header_verdict(prefix: bytes, keys: Sequence[str]) -> HeaderCheck:
    """Verify a package's headers, given its first ``header_prefix_length`` bytes.

    The signature header's digests must match the main header (else BAD); a header
    signature (RSA or EdDSA, rpm 4.18) must verify with one of ``keys`` (else NOKEY, or BAD
    when it does not verify). The payload is not looked at: ``verify_package_file`` does
    that once the whole file is there.

    Args:
        prefix: at least the lead, signature header and main header of the package.
        keys: armoured public keys (several blocks per string are fine).

    Raises:
        FormatError: ``prefix`` is not the start of an rpm package, or is too short; a key
            of ``keys`` is unusable.
    """
    return _check_header(prefix, tuple(keys))


def _read_prefix(f: BinaryIO, source: str) -> bytes:
    data = f.read(8192)
    while True:
        try:
            needed = header_prefix_length(data)
        except FormatError as exc:
            raise FormatError(exc.reason, source=source) from exc
        if needed <= len(data):
            return data
        more = f.read(needed - len(data))
        if not more:
            raise FormatError("not an rpm package: truncated header", source=source)
        data += more


def verify_package_file(path: Path | str, keys: Sequence[str]) -> PackageCheck:
    """The full check of a downloaded package: header verdict, then payload digest.

    The payload must hash to the ``PAYLOADDIGEST`` of the main header (rpm 4.14+
    packages), or, for older packages, header and payload to the legacy ``SIGMD5``. A
    tampered payload behind a good signature is caught here, not by ``header_verdict``.

    Raises:
        FormatError: the file cannot be read or is not an rpm package.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            prefix = _read_prefix(f, str(path))
            header = header_verdict(prefix, keys)
            if header.status is HeaderStatus.BAD:
                return PackageCheck(header=header, payload_ok=False, reason=header.reason)
            if header.payload_digest and header.payload_algo:
                digest = hashlib.new(header.payload_algo)
                expected = header.payload_digest
                f.seek(header.header_end)
            elif header.sigmd5:
                digest = hashlib.md5(usedforsecurity=False)
                expected = header.sigmd5
                f.seek(header.main_start)
            else:
                return PackageCheck(
                    header=header, payload_ok=False, reason="the header carries no payload digest"
                )
            while chunk := f.read(_READ_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    if digest.hexdigest() != expected.lower():
        return PackageCheck(
            header=header, payload_ok=False, reason="payload does not match its digest (tampered)"
        )
    reason = "" if header.status is HeaderStatus.OK else header.reason or header.status.value
    return PackageCheck(header=header, payload_ok=True, reason=reason)


# ---------------------------------------------------------------- installing


def _header_failure(path: Path) -> Callable[[str], XosUpdateError]:
    """Map librpm's reasons for refusing a package file to the trust errors."""

    def translate(reason: str) -> XosUpdateError:
        if "public key not available" in reason or "NOKEY" in reason:
            return UnknownKeyError(
                f"{path.name}: signed by a key the root does not hold", package=path.name
            )
        if "error reading package header" in reason or "BAD" in reason:
            return TamperedPackageError(f"{path.name}: {reason}", package=path.name)
        return FormatError(f"not a readable rpm package: {reason}", source=str(path))

    return translate


# What ``ts.check()`` reports per problem: the package, the dependency, its flags, a
# suggested package and whether it is a requirement or a conflict.
_CheckProblem = tuple[tuple[str, str, str], tuple[str, str], int, object, int]


def _unresolved(problems: Sequence[_CheckProblem]) -> tuple[str, ...]:
    """``ts.check()`` problems as ``what is needed by N-V-R`` lines."""
    lines: list[str] = []
    for (name, version, release), (req_name, req_version), flags, _, sense in problems:
        op = _OPS.get(flags & _SENSE_MASK, Op.ANY)
        wanted = f"{req_name} {op.value} {req_version}" if req_version and op.value else req_name
        verb = "conflicts with" if sense == rpm.RPMDEP_SENSE_CONFLICTS else "is needed by"
        lines.append(f"{wanted} {verb} {name}-{version}-{release}")
    return tuple(lines)


def install_files(
    root: Path | str, paths: Sequence[Path | str], *, verify: bool = True, noscripts: bool = False
) -> None:
    """Install or upgrade rpm files into a root in one transaction (``rpm -U``).

    The keyring is made of the keys imported into the root's own database; with ``verify``
    librpm insists on a good digest and a good signature from one of them.

    Args:
        noscripts: skip scriptlets and triggers (a sandbox root usually has no /bin/sh).

    Raises:
        UnknownKeyError: a package is signed by a key the root does not hold.
        TamperedPackageError: a package's header does not verify.
        TransactionFailedError: unresolved dependencies or conflicts (``reason_code``
            ``unresolved``, the problems in ``details``), or librpm's transaction failed.
        RpmDatabaseError: the database cannot be opened, or ``root`` is ``/``.
        FormatError: a path is not a readable rpm package.
    """
    root = _root(root, writing=True)
    files = [Path(p) for p in paths]
    if not files:
        return
    with _database(root, create=True) as ts:
        with _rpm_errors(_db_error(root)):
            ts.setKeyring(_root_keyring(ts))
        if verify:
            ts.setVfyLevel(rpm.RPMSIG_DIGEST_TYPE | rpm.RPMSIG_SIGNATURE_TYPE)
        else:
            ts.setVSFlags(rpm._RPMVSF_NOSIGNATURES)
            ts.setVfyLevel(0)
        for path in files:
            hdr, _ = _read_header(ts, path, _header_failure(path))
            with _rpm_errors(_db_error(root)):
                ts.addInstall(hdr, str(path), "u")
        with _rpm_errors(_db_error(root)):
            unresolved = ts.check()
        if unresolved:
            details = _unresolved(unresolved)
            raise TransactionFailedError(
                f"cannot install into {root}: {'; '.join(details)}",
                reason_code="unresolved",
                details=details,
            )
        ts.order()
        flags = rpm.RPMTRANS_FLAG_NOSCRIPTS | rpm.RPMTRANS_FLAG_NOTRIGGERS if noscripts else 0
        ts.setFlags(flags)
        opened: dict[str, int] = {}

        def callback(
            what: int, _amount: int, _total: int, key: str | None, _data: object
        ) -> int | None:
            # librpm asks for each package file when it is about to unpack it.
            if what == rpm.RPMCALLBACK_INST_OPEN_FILE and key is not None:
                opened[key] = os.open(key, os.O_RDONLY)
                return opened[key]
            if what == rpm.RPMCALLBACK_INST_CLOSE_FILE and key in opened:
                os.close(opened.pop(key))
            return None

        try:
            with _rpm_errors(_db_error(root)):
                problems = ts.run(callback, "")
        finally:
            for fd in opened.values():
                os.close(fd)
        # None means success; a list (possibly empty) means the transaction failed.
        if problems is not None:
            details = tuple(str(p[0]) for p in problems)
            raise TransactionFailedError(
                f"rpm transaction into {root} failed"
                + (f": {'; '.join(details)}" if details else ""),
                details=details,
            )
    log.info("%s: installed %d packages", root, len(files))
