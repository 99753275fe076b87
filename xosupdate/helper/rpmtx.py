# SPDX-License-Identifier: GPL-2.0-or-later
"""The rpm transaction executor: installs through the rpm bindings (helper layer).

Serves user-owned sandbox roots (the demo, tests, the GUI on a sandbox) and systems
without urpmi. It is chosen by how the helper was started (a ``--root`` other than ``/``,
or no ``/usr/sbin/urpmi``), never by a request. For ``install`` and ``simulate``:

1. refresh: bring ``var/lib/urpmi/<Name>/`` of every medium involved up to date, as
   urpmi.update does (``fetch.refresh_medium``); installing never imports keys;
2. resolve: for each requested name (the client sends the whole list, new dependencies
   included; this executor does not resolve dependencies), the newest package of that
   name on the media involved, of an arch the host takes (strict-arch as urpmi: an
   installed package is replaced by its own arch or noarch); ties go to the medium listed
   first in urpmi.cfg. A name already installed at that version is skipped;
3. download ``<medium url>/<N-V-R.A>.rpm`` into ``var/cache/urpmi/rpms/`` (failover over
   the medium's mirrors; cancellable between chunks);
4. verify every whole file before any transaction: a signature by a key bound to its
   medium (a keyring of the root's imported keys restricted to the medium's key-ids), the
   header digests, the payload digest, and that the header is the package the metadata
   named. Unsigned, unknown-key, other-medium-key and tampered packages are refused here,
   with the rpm database untouched;
5. one rpm transaction (``_dbpath`` /var/lib/rpm inside the root, keyring of the media's
   keys, ``setVfyLevel(DIGEST|SIGNATURE)``): ``check()`` (unresolved requirements fail the
   request, nothing installed), ``order()``; ``simulate`` stops here and reports what would
   be installed (it downloads, as ``urpmi --test`` does, so a following install reuses
   the verified files); ``install`` runs it with progress per package and removes the
   downloaded files afterwards (urpmi's post-clean).

Scriptlets and triggers run only when the root is ``/``: a sandbox root's shell is not a
program the helper should run (the demo root has none that works).

``refresh`` does step 1 for the media named (or every enabled one) and, for a medium
without ``key-ids`` yet, imports its ``pubkey`` into the root's rpm database and writes the
ids into urpmi.cfg losslessly, as urpmi.update does on a medium's first refresh.

Every ``rpm.error`` is translated into xosupdate errors in this module.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import logging
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import rpm

from xosupdate.domain.arch import ArchPolicy, arch_rank
from xosupdate.domain.evr import Evr
from xosupdate.domain.medium import Medium
from xosupdate.errors import (
    FormatError,
    HelperError,
    KeyNotBoundError,
    SyncError,
    TamperedPackageError,
    TransactionFailedError,
    UnknownKeyError,
    UnsignedPackageError,
    XosUpdateError,
)
from xosupdate.formats.openpgp import armor, armored_blocks, fingerprint, fingerprints, short_id
from xosupdate.formats.synthesis import IndexEntry, Synthesis, load_synthesis
from xosupdate.formats.urpmicfg import decode_urpmicfg, encode_urpmicfg, set_option
from xosupdate.helper.fetch import (
    SYNTHESIS,
    Fetcher,
    MediumSource,
    medium_source,
    refresh_medium,
    statedir,
)
from xosupdate.helper.protocol import (
    ErrorCode,
    InstallRequest,
    Phase,
    PlannedPackage,
    RefreshRequest,
    Verb,
)
from xosupdate.helper.verbs import (
    URPMI_CFG,
    URPMI_LOCK,
    Context,
    flock,
    involved_media,
    key_ids_of,
    read_trusted,
    replace_file,
)

__all__ = ["DBPATH", "RpmTransactionExecutor", "import_pubkey", "imported_keys", "verify_package"]

log = logging.getLogger(__name__)

DBPATH: Final = "/var/lib/rpm"
CACHE: Final = "var/cache/urpmi/rpms"
_PUBKEY_NAME: Final = "gpg-pubkey"
_KEY_ID: Final = re.compile(r"Key ID ([0-9a-fA-F]{8,16})")
# rpm's PGPHASHALGO numbers of RPMTAG_PAYLOADDIGESTALGO.
_HASHES: Final = {1: "md5", 2: "sha1", 8: "sha256", 9: "sha384", 10: "sha512", 11: "sha224"}
# SECURITY: the header-only signatures, the ones reading a header verifies. The legacy
# header-and-payload ones (SIGPGP, SIGGPG) are never checked by hdrFromFdno: a mirror could
# move its own signature there and the file would read as signed. rpm has added the
# header-only ones next to them since 4.1 (2002), so every real package has one.
_SIGNATURE_TAGS: Final = (rpm.RPMTAG_RSAHEADER, rpm.RPMTAG_DSAHEADER)
_SENSE_OPS: Final = {
    rpm.RPMSENSE_LESS: "<",
    rpm.RPMSENSE_LESS | rpm.RPMSENSE_EQUAL: "<=",
    rpm.RPMSENSE_EQUAL: "=",
    rpm.RPMSENSE_GREATER | rpm.RPMSENSE_EQUAL: ">=",
    rpm.RPMSENSE_GREATER: ">",
}
_SENSE_MASK: Final = rpm.RPMSENSE_LESS | rpm.RPMSENSE_GREATER | rpm.RPMSENSE_EQUAL
_MIB: Final = 1 << 20
_DBPATH_MARK: Final = "_xosupdate_root_dbpath"
_OURS_ON_TOP: Final = f"%{{?{_DBPATH_MARK}:%{{_dbpath}}}}"


# ---------------------------------------------------------------- database


def _use_root_dbpath() -> None:
    """``_dbpath`` is /var/lib/rpm inside the root (Debian's default is ~/.rpmdb); set
    before any TransactionSet exists, and asked through a marker pushed with it: Debian's
    default is a shell command (``%(bash -c ...)``) that root has no reason to run."""
    if rpm.expandMacro(_OURS_ON_TOP) != DBPATH:
        rpm.addMacro("_dbpath", DBPATH)
        rpm.addMacro(_DBPATH_MARK, "1")


def _checked_root(root: Path) -> str:
    # SECURITY: librpm silently replaces a relative root by "/".
    if not root.is_absolute():
        raise HelperError(f"relative root {root}")
    return str(root)


@contextlib.contextmanager
def _database(root: Path) -> Iterator[rpm.TransactionSet]:
    _use_root_dbpath()
    ts = rpm.TransactionSet(_checked_root(root))
    try:
        yield ts
    finally:
        ts.closeDB()


@contextlib.contextmanager
def _rpm_errors(what: str) -> Iterator[None]:
    """The one translation of ``rpm.error`` outside package verification."""
    try:
        yield
    except rpm.error as exc:
        raise HelperError(f"{what}: {exc}") from exc


def imported_keys(root: Path) -> dict[str, tuple[str, ...]]:
    """The keys imported into the root's rpm database: short id (urpmi's key-id, the
    gpg-pubkey version) → base64 key data of every key with that short id (two keys can
    share one: see ``_distinct``)."""
    keys: dict[str, tuple[str, ...]] = {}
    with _database(root) as ts, _rpm_errors(f"rpm database of {root}"):
        for hdr in ts.dbMatch("name", _PUBKEY_NAME):
            short = str(hdr[rpm.RPMTAG_VERSION]).lower()
            keys[short] = (*keys.get(short, ()), *(hdr[rpm.RPMTAG_PUBKEYS] or ()))
    return keys


def _ambiguous(keys: dict[str, tuple[str, ...]], ids: Sequence[str]) -> list[str]:
    """The short ids of ``ids`` that several imported keys share: urpmi.cfg's key-ids
    cannot say which one is the medium's, so none is trusted (a collision of short ids
    is found in hours: an impostor key could pass for the medium's)."""
    return [short for short in ids if len(fingerprints(keys.get(short, ()))) > 1]


def _keyring(keys: dict[str, tuple[str, ...]], ids: Sequence[str]) -> rpm.keyring:
    """A keyring holding only the keys of ``ids`` (never the host's)."""
    keyring = rpm.keyring()
    for short in ids:
        for b64 in keys.get(short, ()):
            with _rpm_errors(f"key {short}"):
                keyring.addKey(rpm.pubkey(armor(b64)))
    return keyring


def import_pubkey(root: Path, armored: str) -> tuple[str, ...]:
    """Import each key block of ``armored`` into the root's rpm database (``rpm
    --import``); keys already there stay. The short ids, in order.

    Raises:
        FormatError: no usable public key block.
        HelperError: librpm refused a key.
    """
    blocks = armored_blocks(armored)
    if not blocks:
        raise FormatError("no PGP public key block", source="pubkey")
    ids: list[str] = []
    with _database(root) as ts:
        for block in blocks:
            try:
                packet = base64.b64decode(rpm.pubkey(block.encode()).base64())
                short = short_id(packet)
            except (rpm.error, ValueError) as exc:
                raise FormatError(f"unusable key: {exc}", source="pubkey") from exc
            others = {
                f
                for hdr in ts.dbMatch("name", _PUBKEY_NAME)
                if str(hdr[rpm.RPMTAG_VERSION]).lower() == short
                for f in fingerprints(tuple(hdr[rpm.RPMTAG_PUBKEYS] or ()))
            } - {fingerprint(packet)}
            if others:
                # Its short id would then stand for two keys (urpmi.cfg binds short ids).
                raise HelperError(
                    f"key {fingerprint(packet)} has the short id {short} of the imported key "
                    f"{min(others)}: not imported"
                )
            with _rpm_errors(f"importing key {short}"):
                rc = ts.pgpImportPubkey(packet)
            if rc != 0:
                raise HelperError(f"librpm refused key {short} (rc {rc})")
            ids.append(short)
    return tuple(dict.fromkeys(ids))


def _installed(root: Path, names: Sequence[str]) -> dict[str, list[tuple[Evr, str]]]:
    """EVR and arch of every installed package of each name."""
    out: dict[str, list[tuple[Evr, str]]] = {}
    with _database(root) as ts, _rpm_errors(f"rpm database of {root}"):
        ts.setVSFlags(rpm._RPMVSF_NOSIGNATURES | rpm._RPMVSF_NODIGESTS)
        for name in names:
            for hdr in ts.dbMatch("name", name):
                evr = Evr(
                    epoch=int(hdr[rpm.RPMTAG_EPOCH] or 0),
                    version=hdr[rpm.RPMTAG_VERSION],
                    release=hdr[rpm.RPMTAG_RELEASE],
                )
                out.setdefault(name, []).append((evr, hdr[rpm.RPMTAG_ARCH] or "noarch"))
    return out


# ---------------------------------------------------------------- verification


def _signer(path: Path) -> str | None:
    """The short id of the key that signed ``path`` (read without verifying), or None."""
    ts = rpm.TransactionSet()
    ts.setKeyring(rpm.keyring())
    ts.setVSFlags(rpm._RPMVSF_NOSIGNATURES | rpm._RPMVSF_NODIGESTS)
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        hdr = ts.hdrFromFdno(fd)
    except rpm.error:
        return None
    finally:
        os.close(fd)
    for tag in ("RSAHEADER", "DSAHEADER", "SIGPGP", "SIGGPG"):
        m = _KEY_ID.search(hdr.format(f"%{{{tag}:pgpsig}}"))
        if m is not None:
            return m.group(1)[-8:].lower()
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Expected:
    """What the metadata says a package file holds."""

    name: str
    evr: Evr
    arch: str
    medium: str


def verify_package(
    path: Path,
    *,
    expected: Expected,
    bound: Sequence[str],
    keys: dict[str, tuple[str, ...]],
) -> rpm.hdr:
    """Verify a downloaded package file whole before it may enter a transaction.

    Args:
        bound: the short ids of the keys bound to the package's medium.
        keys: every key imported into the root (short id → key data).

    Returns:
        Its (verified) header.

    Raises:
        UnsignedPackageError: no signature.
        KeyNotBoundError: signed by a key of the root that is not bound to the medium.
        UnknownKeyError: signed by a key the root does not hold.
        TamperedPackageError: a signature or digest does not verify, or the file is not
            the package the metadata named.
    """
    name = path.name
    medium = expected.medium
    shared = _ambiguous(keys, bound)
    if shared:
        raise KeyNotBoundError(
            f"{name}: several keys imported into rpm have the short id {', '.join(shared)} "
            f"that urpmi.cfg binds to medium {medium}: which one is its key cannot be told; "
            "remove the one that is not (rpm -e gpg-pubkey-…)",
            package=name,
            medium=medium,
        )
    ts = rpm.TransactionSet()
    ts.setKeyring(_keyring(keys, bound))
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        try:
            hdr = ts.hdrFromFdno(fd)
        except rpm.error as exc:
            reason = str(exc)
            if "public key not available" in reason or "NOKEY" in reason:
                signer = _signer(path)
                if signer is not None and signer in keys:
                    raise KeyNotBoundError(
                        f"{name}: signed by key {signer}, which is not a key of medium "
                        f"{medium} ({', '.join(bound)})",
                        package=name,
                        medium=medium,
                    ) from exc
                raise UnknownKeyError(
                    f"{name}: signed by key {signer or '?'}, which this system does not hold",
                    package=name,
                    medium=medium,
                ) from exc
            raise TamperedPackageError(f"{name}: {reason}", package=name, medium=medium) from exc
        if not any(hdr[tag] for tag in _SIGNATURE_TAGS):
            raise UnsignedPackageError(f"{name}: not signed", package=name, medium=medium)
        digests = [d.lower() for d in (hdr[rpm.RPMTAG_PAYLOADDIGEST] or ())]
        algo = _HASHES.get(int(hdr[rpm.RPMTAG_PAYLOADDIGESTALGO] or 0))
        if digests and algo is None:
            # Signed, but over a payload digest nothing here can check: not accepted.
            raise TamperedPackageError(
                f"{name}: payload digest of an unknown kind ({hdr[rpm.RPMTAG_PAYLOADDIGESTALGO]})",
                package=name,
                medium=medium,
            )
        # Without one (rpm before 4.14: the Mandriva 2009.0 era), the signed header's file
        # digests bind the payload, and rpm checks each file against them as it installs.
        if digests and algo is not None:
            # hdrFromFdno leaves the file offset at the start of the payload.
            h = hashlib.new(algo)
            while chunk := os.read(fd, _MIB):
                h.update(chunk)
            if h.hexdigest() not in digests:
                raise TamperedPackageError(
                    f"{name}: payload digest does not match its header", package=name, medium=medium
                )
    finally:
        os.close(fd)
    actual = (
        hdr[rpm.RPMTAG_NAME],
        Evr(
            epoch=int(hdr[rpm.RPMTAG_EPOCH] or 0),
            version=hdr[rpm.RPMTAG_VERSION],
            release=hdr[rpm.RPMTAG_RELEASE],
        ),
        hdr[rpm.RPMTAG_ARCH],
    )
    if actual != (expected.name, expected.evr, expected.arch):
        # SECURITY: a mirror serving another (older, signed) package under this name.
        raise TamperedPackageError(
            f"{name}: holds {actual[0]}-{actual[1]}.{actual[2]}, not what medium {medium} lists",
            package=name,
            medium=medium,
        )
    return hdr


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """A package chosen for the transaction."""

    entry: IndexEntry
    medium: Medium
    rank: int
    filesize: int | None
    upgrade: bool = False

    @property
    def filename(self) -> str:
        """Its file name in the medium's directory (and in the download cache)."""
        name = f"{self.entry.fullname}.rpm"
        # The synthesis parser refuses "/" already; this name becomes a path as root.
        if "/" in name or name.startswith(".") or "\0" in name:
            raise SyncError(
                f"medium {self.medium.name}: {name!r} is not a file name", medium=self.medium.name
            )
        return name

    @property
    def expected(self) -> Expected:
        """What the file must hold."""
        e = self.entry
        return Expected(name=e.name, evr=e.evr, arch=e.arch, medium=self.medium.name)


def _choose(
    name: str,
    loaded: Sequence[tuple[int, Medium, Synthesis]],
    installed_by_name: Mapping[str, list[tuple[Evr, str]]],
    policy: ArchPolicy,
) -> Choice | None:
    """The package to install for a requested name: the newest one of that name (the
    medium listed first, then the better arch, among equals), or the very package a full
    name (``name-version-release.arch``) gives, as with urpmi: the update list names one
    so when skip.list holds a newer version back. Arch rules as for an upgrade of what is
    installed under that name, or of a new install."""
    found: list[tuple[IndexEntry, int, Medium, Synthesis, int]] = []
    fullname = None if any(syn.find(name) for _, _, syn in loaded) else name
    if fullname is not None:
        name = fullname.rpartition(".")[0].rsplit("-", 2)[0]
    installed = installed_by_name.get(name, [])
    for rank, medium, syn in loaded:
        for i in syn.find(name):
            entry = syn.entry(i)
            if fullname is not None and entry.fullname != fullname:
                continue
            if installed:
                if not any(policy.may_replace(arch, entry.arch) for _, arch in installed):
                    continue
            elif not policy.compatible(entry.arch):
                continue
            found.append((entry, rank, medium, syn, i))
    if not found:
        return None
    top = found[0][0].evr
    for entry, *_ in found[1:]:
        top = max(top, entry.evr)
    # The newest version; among equals the medium listed first, then the better arch.
    same = [f for f in found if f[0].evr.compare(top) == 0]
    entry, rank, medium, syn, i = min(same, key=lambda f: (f[1], arch_rank(f[0].arch)))
    return Choice(entry=entry, medium=medium, rank=rank, filesize=syn.package(i).filesize)


def _unresolved(problems: Sequence[tuple[Any, ...]]) -> tuple[str, ...]:
    """``ts.check()`` problems as ``WHAT is needed by N-V-R`` lines."""
    lines: list[str] = []
    for problem in problems:
        try:
            (name, version, release), (req, req_version), flags, _, sense = problem
        except (TypeError, ValueError):
            lines.append(str(problem))
            continue
        op = _SENSE_OPS.get(int(flags) & _SENSE_MASK, "")
        wanted = f"{req} {op} {req_version}" if req_version and op else str(req)
        verb = "conflicts with" if sense == rpm.RPMDEP_SENSE_CONFLICTS else "is needed by"
        lines.append(f"{wanted} {verb} {name}-{version}-{release}")
    return tuple(lines)


# ---------------------------------------------------------------- the executor


class RpmTransactionExecutor:
    """Installs through one rpm transaction (see the module docstring).

    Args:
        scripts: run scriptlets and triggers; None (default): only when the root is ``/``.
    """

    name = "rpm"

    def __init__(self, *, scripts: bool | None = None) -> None:
        self.scripts = scripts

    # ------------------------------------------------------------ refresh

    def _sources(
        self, media: Sequence[Medium], ctx: Context, fetcher: Fetcher
    ) -> list[MediumSource]:
        return [
            medium_source(
                m, root=ctx.root, settings=ctx.settings, fetcher=fetcher, privileged=ctx.privileged
            )
            for m in media
        ]

    def _refresh(
        self, media: Sequence[Medium], ctx: Context, fetcher: Fetcher, *, keys: bool
    ) -> list[MediumSource]:
        sources: list[MediumSource] = []
        nopubkey = ctx.cfg.global_options.get("nopubkey") == "1"
        for i, medium in enumerate(media):
            ctx.report.progress(Phase.REFRESH, medium.name, i, len(media), cancellable=True)
            (source,) = self._sources([medium], ctx, fetcher)
            want = keys and not nopubkey and not key_ids_of(ctx.cfg, medium)
            outcome = refresh_medium(source, root=ctx.root, fetcher=fetcher, want_pubkey=want)
            ctx.report.log(
                f"updated medium {medium.name}"
                if outcome.updated
                else f"medium {medium.name} is up-to-date"
            )
            if outcome.pubkey is not None:
                self._trust_first_key(medium, outcome.pubkey, ctx)
            sources.append(source)
        ctx.report.progress(Phase.REFRESH, "", len(media), len(media), cancellable=True)
        return sources

    def _trust_first_key(self, medium: Medium, pubkey: str, ctx: Context) -> None:
        """Import a medium's pubkey and bind it in urpmi.cfg (urpmi.update's first refresh)."""
        try:
            ids = import_pubkey(ctx.root, pubkey)
        except FormatError as exc:
            raise SyncError(f"medium {medium.name}: {exc}", medium=medium.name) from exc
        path = ctx.root / URPMI_CFG
        text = decode_urpmicfg(read_trusted(path, privileged=ctx.privileged))
        new = set_option(text, medium.name, "key-ids", ",".join(ids), source=str(path))
        if new != text:
            replace_file(path, encode_urpmicfg(new))
        ctx.report.log(f"medium {medium.name}: imported key {', '.join(ids)}")
        log.info("medium %s: imported key %s and bound it", medium.name, ",".join(ids))

    def refresh(
        self, request: RefreshRequest, ctx: Context, *, trust_keys: bool = False
    ) -> tuple[str, ...]:
        """Refresh the media named (every enabled one when none); with ``trust_keys``,
        import the key of a medium that has no key-ids yet (see ``Executor.refresh``)."""
        media = involved_media(ctx.cfg, request.media)
        fetcher = Fetcher(settings=ctx.settings, cancel=ctx.cancel, report=ctx.report)
        with flock(ctx.root / URPMI_LOCK, what="urpmi database"):
            self._refresh(media, ctx, fetcher, keys=trust_keys)
        return tuple(m.name for m in media)

    # ------------------------------------------------------------ install

    def _resolve(
        self,
        request: InstallRequest,
        ctx: Context,
        sources: Sequence[MediumSource],
    ) -> list[Choice]:
        ctx.report.progress(Phase.RESOLVE, "", 0, len(request.packages), cancellable=True)
        loaded: list[tuple[int, Medium, Synthesis]] = []
        ranks = {name: i for i, name in enumerate(ctx.cfg.names)}
        for source in sources:
            path = statedir(ctx.root, source.medium.name) / SYNTHESIS
            try:
                syn = load_synthesis(path)
            except XosUpdateError as exc:
                raise SyncError(str(exc), medium=source.medium.name) from exc
            loaded.append((ranks[source.medium.name], source.medium, syn))
        loaded.sort(key=lambda t: t[0])
        installed = _installed(ctx.root, request.packages)
        policy = ArchPolicy.for_host()
        choices: list[Choice] = []
        missing: list[str] = []
        for requested in request.packages:
            choice = _choose(requested, loaded, installed, policy)
            if choice is None:
                missing.append(requested)
                continue
            name = choice.entry.name  # the package's, when a full name was asked for
            newest = max((evr for evr, _ in installed.get(name, [])), default=None)
            if newest is not None and choice.entry.evr <= newest:
                ctx.report.log(f"package {name}-{newest} is already installed")
                continue
            choices.append(dataclasses.replace(choice, upgrade=newest is not None))
        if missing:
            where = ", ".join(m.name for _, m, _ in loaded) or "no medium"
            raise TransactionFailedError(
                f"no package named {', '.join(missing)} on {where}",
                reason_code=ErrorCode.NOT_FOUND.value,
                details=tuple(f"No package named {n}" for n in missing),
            )
        ctx.report.progress(
            Phase.RESOLVE, "", len(request.packages), len(request.packages), cancellable=True
        )
        return choices

    def _download(
        self,
        choices: Sequence[Choice],
        sources: Sequence[MediumSource],
        ctx: Context,
        fetcher: Fetcher,
        keys: dict[str, tuple[str, ...]],
    ) -> list[tuple[Choice, Path, rpm.hdr]]:
        cache = ctx.root / CACHE
        cache.mkdir(parents=True, exist_ok=True, mode=0o755)
        by_medium = {s.medium.name: s for s in sources}
        files: list[tuple[Choice, Path]] = []
        for choice in choices:
            dest = cache / choice.filename
            size = choice.filesize or 0
            limit = max(2 * size, size + 64 * _MIB) if size else 4096 * _MIB
            if dest.is_file():
                # Downloaded earlier (by simulate): verified again below like any other.
                ctx.report.log(f"{choice.filename} is already downloaded")
            else:
                by_medium[choice.medium.name].download(fetcher, choice.filename, dest, limit=limit)
            files.append((choice, dest))
        verified: list[tuple[Choice, Path, rpm.hdr]] = []
        for i, (choice, dest) in enumerate(files):
            ctx.cancel.check()
            ctx.report.progress(Phase.VERIFY, choice.filename, i, len(files), cancellable=True)
            bound = key_ids_of(ctx.cfg, choice.medium)
            try:
                hdr = verify_package(dest, expected=choice.expected, bound=bound, keys=keys)
            except XosUpdateError:
                # Never keep a file that failed: the next attempt downloads it again.
                dest.unlink(missing_ok=True)
                raise
            verified.append((choice, dest, hdr))
        ctx.report.progress(Phase.VERIFY, "", len(files), len(files), cancellable=True)
        return verified

    def _transaction(
        self,
        verified: Sequence[tuple[Choice, Path, rpm.hdr]],
        ctx: Context,
        keys: dict[str, tuple[str, ...]],
        *,
        run: bool,
    ) -> None:
        bound = sorted({k for c, _, _ in verified for k in key_ids_of(ctx.cfg, c.medium)})
        with _database(ctx.root) as ts:
            ts.setKeyring(_keyring(keys, bound))
            ts.setVfyLevel(rpm.RPMSIG_DIGEST_TYPE | rpm.RPMSIG_SIGNATURE_TYPE)
            for choice, path, _ in verified:
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
                try:
                    hdr = ts.hdrFromFdno(fd)
                except rpm.error as exc:
                    raise TamperedPackageError(
                        f"{path.name}: {exc}", package=path.name, medium=choice.medium.name
                    ) from exc
                finally:
                    os.close(fd)
                with _rpm_errors("adding a package to the transaction"):
                    ts.addInstall(hdr, str(path), "u")
            with _rpm_errors("checking dependencies"):
                unresolved = ts.check()
            if unresolved:
                details = _unresolved(unresolved)
                raise TransactionFailedError(
                    "cannot install: " + "; ".join(details),
                    reason_code=ErrorCode.UNRESOLVED.value,
                    details=details,
                )
            with _rpm_errors("ordering the transaction"):
                ts.order()
            if not run:
                return
            ctx.cancel.check()  # the last moment a cancel is honoured
            scripts = self.scripts if self.scripts is not None else ctx.root == Path("/")
            if not scripts:
                ts.setFlags(rpm.RPMTRANS_FLAG_NOSCRIPTS | rpm.RPMTRANS_FLAG_NOTRIGGERS)
            problems = self._run(ts, verified, ctx)
        if problems is not None:
            details = tuple(str(p) for p in problems)
            raise TransactionFailedError(
                "the rpm transaction failed" + (f": {'; '.join(details)}" if details else ""),
                reason_code=ErrorCode.TRANSACTION.value,
                details=details,
            )

    def _run(
        self,
        ts: rpm.TransactionSet,
        verified: Sequence[tuple[Choice, Path, rpm.hdr]],
        ctx: Context,
    ) -> Sequence[object] | None:
        names = {str(path): choice.entry.name for choice, path, _ in verified}
        total = len(verified)
        replaced = sum(choice.upgrade for choice, _, _ in verified)
        opened: dict[str, int] = {}
        counters = {"installed": 0, "removed": 0}
        report = ctx.report

        def callback(what: int, _amount: int, whole: int, key: object, _data: object) -> int | None:
            if what == rpm.RPMCALLBACK_INST_OPEN_FILE and isinstance(key, str):
                opened[key] = os.open(key, os.O_RDONLY | os.O_CLOEXEC)
                return opened[key]
            if what == rpm.RPMCALLBACK_INST_CLOSE_FILE and isinstance(key, str):
                fd = opened.pop(key, None)
                if fd is not None:
                    os.close(fd)
            elif what == rpm.RPMCALLBACK_TRANS_START:
                report.progress(Phase.PREPARE, "", 0, int(whole), cancellable=False)
            elif what == rpm.RPMCALLBACK_TRANS_STOP:
                report.progress(Phase.PREPARE, "", int(whole), int(whole), cancellable=False)
            elif what == rpm.RPMCALLBACK_INST_START and isinstance(key, str):
                counters["installed"] += 1
                report.progress(
                    Phase.INSTALL,
                    names.get(key, Path(key).name),
                    counters["installed"],
                    total,
                    cancellable=False,
                )
            elif what == rpm.RPMCALLBACK_UNINST_START:
                counters["removed"] += 1
                report.progress(
                    Phase.REMOVE,
                    str(key or ""),
                    counters["removed"],
                    max(replaced, counters["removed"]),
                    cancellable=False,
                )
            return None

        try:
            with _rpm_errors("running the transaction"):
                result: Sequence[object] | None = ts.run(callback, "")
        finally:
            for fd in opened.values():
                os.close(fd)
        return result

    def _prepare(
        self, request: InstallRequest, ctx: Context, *, run: bool
    ) -> tuple[PlannedPackage, ...]:
        media = involved_media(ctx.cfg, request.media)
        fetcher = Fetcher(settings=ctx.settings, cancel=ctx.cancel, report=ctx.report)
        with flock(ctx.root / URPMI_LOCK, what="urpmi database"):
            sources = self._refresh(media, ctx, fetcher, keys=False)
            choices = self._resolve(request, ctx, sources)
            planned = tuple(
                PlannedPackage(fullname=c.entry.fullname, medium=c.medium.name) for c in choices
            )
            if not choices:
                return ()
            keys = imported_keys(ctx.root)
            verified = self._download(choices, sources, ctx, fetcher, keys)
            self._transaction(verified, ctx, keys, run=run)
            if run:
                for _, path, _ in verified:
                    path.unlink(missing_ok=True)  # urpmi's post-clean
        return planned

    def install(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        """Install the requested packages in one transaction."""
        return self._prepare(request, ctx, run=True)

    def simulate(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        """Everything ``install`` does up to the dependency check, nothing installed."""
        assert request.verb is Verb.SIMULATE
        return self._prepare(request, ctx, run=False)
