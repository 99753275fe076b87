# SPDX-License-Identifier: GPL-2.0-or-later
"""What each verb does once its request is valid (helper layer, privileged side).

``execute`` is the one path from a parsed request to a result: it reads urpmi.cfg (only
root-owned files under pkexec), checks that the media exist and, for installs, that
signature checking is on and every medium involved is bound to keys; then it takes the
helper's lock, reads urpmi.cfg again under it (so what was checked is what is used) and
runs the verb. ``media-enable``/``media-disable`` are done here, the same for every
executor: a lossless edit of one ``ignore`` line (``formats.urpmicfg.set_ignored``) written
atomically under both the helper's lock and urpmi's own. Installing, simulating and
refreshing go to an ``Executor`` (urpmi, or the rpm transaction for sandboxes).

Locks (decided here): ``ROOT/var/lib/xosupdate/helper.lock`` (flock, held for the whole
request, holds the holder's pid) keeps two requests from overlapping; urpmi's
``ROOT/var/lib/urpmi/.LOCK`` (flock, as urpmi takes it) is held while the helper itself
changes urpmi's state (urpmi.cfg, the rpm transaction executor), never while urpmi runs,
since urpmi takes it itself and would exit 7.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from xosupdate.config import CONFIG_PATH, Settings, load_settings
from xosupdate.domain.medium import Medium
from xosupdate.errors import (
    ConfigError,
    HelperError,
    LockedError,
    MediumNotFoundError,
    MediumWithoutKeyError,
    SyncCancelledError,
    VerifyDisabledError,
    XosUpdateError,
)
from xosupdate.formats.urpmicfg import (
    UrpmiCfg,
    decode_urpmicfg,
    encode_urpmicfg,
    parse_urpmicfg,
    set_ignored,
)
from xosupdate.helper.protocol import (
    ErrorCode,
    InstallRequest,
    MediumRequest,
    Phase,
    PlannedPackage,
    RefreshRequest,
    Request,
    ResultEvent,
    Verb,
    rejected,
)
from xosupdate.system.replacefile import NotRegularFileError
from xosupdate.system.replacefile import replace_file as _replace_file

__all__ = [
    "HELPER_LOCK",
    "URPMI_CFG",
    "URPMI_LOCK",
    "Cancel",
    "Context",
    "Executor",
    "Reporter",
    "check_trust",
    "execute",
    "flock",
    "involved_media",
    "read_trusted",
    "replace_file",
]

log = logging.getLogger(__name__)

URPMI_CFG: Final = "etc/urpmi/urpmi.cfg"
HELPER_LOCK: Final = "var/lib/xosupdate/helper.lock"
URPMI_LOCK: Final = "var/lib/urpmi/.LOCK"
MAX_CONFIG_BYTES: Final = 4 * 1024 * 1024


class Cancel:
    """A cancel flag set by the stdin watcher and checked between chunks of work."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.reason = "cancelled"

    def set(self, reason: str = "cancelled") -> None:
        """Ask the running work to stop at its next safe point."""
        self.reason = reason
        self._event.set()

    def is_set(self) -> bool:
        """Whether cancel was asked for."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise if cancel was asked for.

        Raises:
            SyncCancelledError: it was.
        """
        if self._event.is_set():
            raise SyncCancelledError(self.reason)


class Reporter(Protocol):
    """Where progress and log replies go (the stdout writer, or a recorder in tests)."""

    def progress(
        self, phase: Phase, item: str = "", done: int = 0, total: int = 0, *, cancellable: bool
    ) -> None:
        """A ``progress`` reply."""

    def log(self, text: str) -> None:
        """A ``log`` reply."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What an executor gets for one request.

    Attributes:
        root: the system root (``/`` under pkexec), absolute.
        privileged: started by pkexec: configuration must be root-owned.
        cfg: urpmi.cfg as read under the helper's lock.
        settings: ``ROOT/etc/xosupdate/xosupdate.toml`` (timeouts, mirror-list base URL).
    """

    root: Path
    privileged: bool
    cfg: UrpmiCfg
    settings: Settings
    report: Reporter
    cancel: Cancel


class Executor(Protocol):
    """Carries out install, simulate and refresh on a root."""

    name: str

    def install(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        """Install (or upgrade to) the requested packages; what was installed."""

    def simulate(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        """What ``install`` would install, changing nothing on the system."""

    def refresh(
        self, request: RefreshRequest, ctx: Context, *, trust_keys: bool = False
    ) -> tuple[str, ...]:
        """Bring urpmi's copies of the media's metadata up to date; the media refreshed.

        Args:
            trust_keys: import and bind the key a medium without key-ids serves, as
                urpmi.update's first refresh does. Only under the media-change
                authorisation (``auth_admin``, asked every time): trusting a key is not
                for the kept one of refreshes.
        """


# ---------------------------------------------------------------- files and locks


def read_trusted(path: Path, *, privileged: bool, limit: int = MAX_CONFIG_BYTES) -> bytes:
    """Read a configuration file; under pkexec it must be a regular file owned by root
    and writable by nobody else (the helper never trusts a value the user controls).

    Raises:
        FileNotFoundError: it does not exist.
        HelperError: it is not trustworthy, too large or unreadable.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise HelperError(f"{path} is a symbolic link; refusing to read it") from exc
        raise HelperError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise HelperError(f"{path} is not a regular file")
        if privileged and (st.st_uid != 0 or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            # SECURITY: under pkexec only root may have written what the helper acts on.
            raise HelperError(f"{path} is not owned by root or is writable by others")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise HelperError(f"{path} is larger than {limit} bytes")
    return data


def read_cfg(root: Path, *, privileged: bool) -> UrpmiCfg:
    """Parse ``ROOT/etc/urpmi/urpmi.cfg``.

    Raises:
        HelperError: missing or unreadable.
        UrpmiCfgError: malformed.
    """
    path = root / URPMI_CFG
    try:
        data = read_trusted(path, privileged=privileged)
    except FileNotFoundError as exc:
        raise HelperError(f"{path} does not exist: this system has no urpmi media") from exc
    return parse_urpmicfg(data, source=str(path))


def read_settings(root: Path, *, privileged: bool) -> Settings:
    """xosupdate's settings of the root (defaults when it has none).

    Raises:
        HelperError: the file is not trustworthy or not valid.
    """
    path = root / CONFIG_PATH
    try:
        read_trusted(path, privileged=privileged)
    except FileNotFoundError:
        return Settings()
    try:
        return load_settings(path)
    except ConfigError as exc:
        raise HelperError(str(exc)) from exc


def _open_lock(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)


@contextlib.contextmanager
def flock(path: Path, *, what: str, record_pid: bool = False) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created when missing), without waiting.

    Raises:
        LockedError: another process holds it (with its pid when it wrote one).
    """
    try:
        fd = _open_lock(path)
    except OSError as exc:
        raise HelperError(f"cannot open the lock {path}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            pid: int | None = None
            with contextlib.suppress(OSError, ValueError):
                pid = int(os.pread(fd, 32, 0).decode("ascii").strip() or "0") or None
            raise LockedError(f"{what} is locked", pid=pid) from exc
        if record_pid:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing drops the flock


def replace_file(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically with ``data``, keeping its mode and owner
    (``system.replacefile``); a link or anything but a regular file is refused."""
    try:
        _replace_file(path, data)
    except NotRegularFileError as exc:
        raise HelperError(str(exc)) from exc


# ---------------------------------------------------------------- checks


def _media_named(cfg: UrpmiCfg, names: tuple[str, ...]) -> tuple[Medium, ...]:
    out = []
    for name in names:
        try:
            out.append(cfg.medium(name))
        except MediumNotFoundError as exc:
            raise rejected(
                ErrorCode.UNKNOWN_MEDIUM,
                f"no medium named {name!r} in urpmi.cfg (known: {', '.join(cfg.names)})",
            ) from exc
    return tuple(out)


def involved_media(cfg: UrpmiCfg, names: tuple[str, ...]) -> tuple[Medium, ...]:
    """The media a request uses: the ones it names (each must exist and be enabled), or
    every enabled medium when it names none.

    Raises:
        RequestRejectedError: UNKNOWN_MEDIUM, MEDIUM_DISABLED.
    """
    if not names:
        return tuple(m for m in cfg.media if m.enabled)
    media = _media_named(cfg, names)
    for medium in media:
        if not medium.enabled:
            # urpmi's --media and --searchmedia silently skip an ignored medium: refuse
            # instead, and keep enabling a medium a separate, separately authorised step.
            raise rejected(
                ErrorCode.MEDIUM_DISABLED,
                f"medium {medium.name!r} is disabled; enable it first (media-enable)",
            )
    return media


def key_ids_of(cfg: UrpmiCfg, medium: Medium) -> tuple[str, ...]:
    """The key ids packages of ``medium`` may be signed with: its own ``key-ids``, else
    the global ones (as urpmi falls back to them)."""
    if medium.key_ids:
        return medium.key_ids
    glob = cfg.global_options.get("key-ids", "")
    return tuple(k.lower() for k in glob.replace(",", " ").split())


def check_trust(cfg: UrpmiCfg, media: tuple[Medium, ...]) -> None:
    """Refuse to install from configuration that turns trust off (STYLE §10).

    Raises:
        VerifyDisabledError: ``verify-rpm`` is off globally or for one of ``media``.
        MediumWithoutKeyError: one of ``media`` has no key ids (nor global ones).
    """
    if cfg.global_options.get("verify-rpm") == "0":
        raise VerifyDisabledError(
            "urpmi.cfg turns signature checking off for every medium (verify-rpm); "
            "refusing to install anything"
        )
    for medium in media:
        if medium.verify_rpm is False:
            raise VerifyDisabledError(
                f"urpmi.cfg turns signature checking off for medium {medium.name!r}; "
                "refusing to install from it",
                medium=medium.name,
            )
        if not key_ids_of(cfg, medium):
            raise MediumWithoutKeyError(
                f"medium {medium.name!r} is bound to no signing key (no key-ids in "
                "urpmi.cfg): enable it again to fetch and trust its key (the administrator "
                "password is asked for), or disable it",
                medium=medium.name,
            )


def _validate(request: Request, cfg: UrpmiCfg) -> tuple[Medium, ...]:
    """Check ``request`` against urpmi.cfg; the media it involves."""
    if isinstance(request, InstallRequest):
        media = involved_media(cfg, request.media)
        check_trust(cfg, media)
        return media
    if isinstance(request, RefreshRequest):
        return involved_media(cfg, request.media)
    return _media_named(cfg, (request.medium,))


# ---------------------------------------------------------------- verbs


def _set_enabled(request: MediumRequest, ctx: Context) -> ResultEvent:
    enable = request.verb is Verb.MEDIA_ENABLE
    path = ctx.root / URPMI_CFG
    ctx.report.progress(Phase.CONFIGURE, request.medium, 0, 1, cancellable=False)
    with flock(ctx.root / URPMI_LOCK, what="urpmi database"):
        text = decode_urpmicfg(read_trusted(path, privileged=ctx.privileged))
        new = set_ignored(text, request.medium, ignored=not enable, source=str(path))
        state = "enabled" if enable else "disabled"
        if new == text:
            ctx.report.progress(Phase.CONFIGURE, request.medium, 1, 1, cancellable=False)
            return ResultEvent(
                ok=True,
                code=ErrorCode.OK,
                message=f"medium {request.medium} was already {state}",
                medium=request.medium,
            )
        replace_file(path, encode_urpmicfg(new))
    ctx.report.progress(Phase.CONFIGURE, request.medium, 1, 1, cancellable=False)
    log.info("medium %s %s", request.medium, state)
    return ResultEvent(
        ok=True,
        code=ErrorCode.OK,
        message=f"medium {request.medium} {state}",
        medium=request.medium,
    )


def _fetch_enabled(
    request: MediumRequest, result: ResultEvent, *, executor: Executor, ctx: Context
) -> ResultEvent:
    """Fetch the newly enabled medium's metadata, as ``urpmi.update --no-ignore NAME``
    followed by ``urpmi.update NAME`` does (design/formats.md §1.6).

    A medium that was never refreshed (a testing medium added ``ignore``d) has no key-ids:
    this is where its key is imported and bound, under the media-change authorisation
    (``auth_admin``, asked every time) rather than the kept one of refreshes. The medium
    stays enabled if the mirror cannot be reached; the message says so.
    """
    cfg = read_cfg(ctx.root, privileged=ctx.privileged)
    fresh = Context(
        root=ctx.root,
        privileged=ctx.privileged,
        cfg=cfg,
        settings=ctx.settings,
        report=ctx.report,
        cancel=ctx.cancel,
    )
    try:
        executor.refresh(RefreshRequest(media=(request.medium,)), fresh, trust_keys=True)
    except XosUpdateError as exc:
        ctx.report.log(f"medium {request.medium}: metadata not fetched: {exc}")
        return ResultEvent(
            ok=True,
            code=ErrorCode.OK,
            message=f"{result.message}; its metadata could not be fetched yet ({exc})",
            medium=request.medium,
        )
    return result


def execute(
    request: Request,
    *,
    root: Path,
    privileged: bool,
    executor: Executor,
    report: Reporter,
    cancel: Cancel,
) -> ResultEvent:
    """Validate ``request`` against the root's configuration and carry it out.

    Raises:
        RequestRejectedError: an unknown or disabled medium (nothing done).
        SignatureError: trust is off for a medium involved (nothing done), or a package
            does not verify.
        LockedError: another request or urpmi holds the lock.
        XosUpdateError: anything the executor reports.
    """
    # First pass without the lock: a refused request leaves no trace, not even a lock file.
    _validate(request, read_cfg(root, privileged=privileged))
    cancel.check()
    with flock(root / HELPER_LOCK, what="another xosupdate-helper request", record_pid=True):
        # Second pass under the lock: act on exactly the configuration just checked.
        cfg = read_cfg(root, privileged=privileged)
        _validate(request, cfg)
        ctx = Context(
            root=root,
            privileged=privileged,
            cfg=cfg,
            settings=read_settings(root, privileged=privileged),
            report=report,
            cancel=cancel,
        )
        if isinstance(request, MediumRequest):
            result = _set_enabled(request, ctx)
            if request.verb is Verb.MEDIA_ENABLE:
                result = _fetch_enabled(request, result, executor=executor, ctx=ctx)
            return result
        if isinstance(request, RefreshRequest):
            names = executor.refresh(request, ctx)
            return ResultEvent(
                ok=True,
                code=ErrorCode.OK,
                message=f"refreshed {len(names)} media" if names else "no medium to refresh",
                details=names,
            )
        if request.verb is Verb.SIMULATE:
            planned = executor.simulate(request, ctx)
            message = (
                f"{len(planned)} packages would be installed" if planned else "nothing to install"
            )
        else:
            planned = executor.install(request, ctx)
            message = f"installed {len(planned)} packages" if planned else "nothing to install"
        return ResultEvent(ok=True, code=ErrorCode.OK, message=message, packages=planned)
