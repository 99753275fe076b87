# SPDX-License-Identifier: GPL-2.0-or-later
"""The one exception tree of xosupdate (leaf module: stdlib only).

Every error carries structured fields (file, line, medium, url, exit code…) and composes a
plain English message from them for logs. Presentation layers (``cli/render.py``,
``ui/errors.py``) turn these into user wording; each class has a stable ``code`` that also
crosses the helper's process boundary.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "AuthorizationDismissedError",
    "ChecksumMismatchError",
    "ConfigError",
    "DescriptionsError",
    "FormatError",
    "HTTPStatusError",
    "HelperError",
    "HelperProtocolError",
    "InvalidEvrError",
    "KeyChangedError",
    "KeyNotBoundError",
    "LockedError",
    "Md5sumError",
    "MediaCfgError",
    "MediumNotFoundError",
    "MediumWithoutKeyError",
    "MirrorListError",
    "MirrorsFailedError",
    "NetworkError",
    "NoMetadataError",
    "NotAuthorizedError",
    "ProductIdError",
    "ReconfigError",
    "RepoBuildError",
    "RequestRejectedError",
    "RpmDatabaseError",
    "SignatureError",
    "SkipListError",
    "SyncCancelledError",
    "SyncError",
    "SynthesisError",
    "TamperedPackageError",
    "TransactionFailedError",
    "UnknownKeyError",
    "UnsignedPackageError",
    "UrpmiCfgError",
    "VerifyDisabledError",
    "XosUpdateError",
    "error_class_for_code",
]


class XosUpdateError(Exception):
    """Base of every error xosupdate raises on purpose.

    Attributes:
        message: plain English text for logs and the ``error:`` line.
    """

    code: ClassVar[str] = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(XosUpdateError):
    """xosupdate's own settings file is unreadable or holds a bad value."""

    code = "config"

    def __init__(self, reason: str, *, source: str, key: str | None = None) -> None:
        self.source = source
        self.key = key
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {reason}")


# ---------------------------------------------------------------- formats


class FormatError(XosUpdateError):
    """Malformed input in one of urpmi's formats.

    ``str()`` reads ``SOURCE:LINE: reason`` (or ``SOURCE: reason`` without a line), the form
    the CLI prints after ``error:``.
    """

    code = "format"

    def __init__(
        self,
        reason: str,
        *,
        source: str,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.field = field
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {reason}")


class MediaCfgError(FormatError):
    """A distribution's media.cfg (or old hdlists) cannot be read."""

    code = "media-cfg"


class UrpmiCfgError(FormatError):
    """urpmi.cfg cannot be read, or an edit of it cannot be applied."""

    code = "urpmi-cfg"


class SynthesisError(FormatError):
    """A synthesis file is corrupt, truncated or not a synthesis."""

    code = "synthesis"


class SkipListError(FormatError):
    """A line of urpmi's skip.list cannot be used (it is left out)."""

    code = "skip-list"


class DescriptionsError(FormatError):
    """A ``descriptions`` (update advisories) file cannot be read."""

    code = "descriptions"


class Md5sumError(FormatError):
    """An MD5SUM file is not in md5sum format."""

    code = "md5sum"


class ProductIdError(FormatError):
    """/etc/product.id is missing its keys or is not a product.id."""

    code = "product-id"


class MirrorListError(FormatError):
    """A mirror list cannot be used (malformed, or no usable mirror in it)."""

    code = "mirror-list"


class ReconfigError(FormatError):
    """A medium's reconfig.urpmi is not a reconfiguration file or holds a bad rule."""

    code = "reconfig"


class InvalidEvrError(FormatError, ValueError):
    """A version label that librpm must never see (empty part, blank, bad epoch)."""

    code = "invalid-evr"

    def __init__(self, label: str, reason: str, *, source: str = "version") -> None:
        self.label = label
        super().__init__(f"invalid version {label!r}: {reason}", source=source)


# ---------------------------------------------------------------- synchronisation


class SyncError(XosUpdateError):
    """Fetching metadata or packages from a mirror failed."""

    code = "sync"

    def __init__(self, message: str, *, url: str | None = None, medium: str | None = None) -> None:
        self.url = url
        self.medium = medium
        super().__init__(message)


class NetworkError(SyncError):
    """The mirror could not be reached, or the transfer broke off."""

    code = "network"

    def __init__(self, *, url: str, reason: str, medium: str | None = None) -> None:
        self.reason = reason
        prefix = f"medium {medium}: " if medium else ""
        super().__init__(f"{prefix}{url}: {reason}", url=url, medium=medium)


class HTTPStatusError(SyncError):
    """The mirror answered with an HTTP error status."""

    code = "http-status"

    def __init__(self, *, url: str, status: int, medium: str | None = None) -> None:
        self.status = status
        prefix = f"medium {medium}: " if medium else ""
        super().__init__(f"{prefix}{url}: HTTP {status}", url=url, medium=medium)


class ChecksumMismatchError(SyncError):
    """A downloaded file does not match its MD5SUM entry."""

    code = "checksum"

    def __init__(self, *, url: str, expected: str, actual: str, medium: str | None = None) -> None:
        self.expected = expected
        self.actual = actual
        prefix = f"medium {medium}: " if medium else ""
        super().__init__(
            f"{prefix}{url}: checksum mismatch (MD5SUM says {expected}, got {actual})",
            url=url,
            medium=medium,
        )


class NoMetadataError(SyncError):
    """The medium has no usable metadata (no MD5SUM, or an HTML page instead)."""

    code = "no-metadata"


class SyncCancelledError(SyncError):
    """The user cancelled a transfer."""

    code = "cancelled"

    def __init__(self, message: str = "cancelled", *, medium: str | None = None) -> None:
        super().__init__(message, medium=medium)


class MirrorsFailedError(SyncError):
    """Every mirror tried for a medium failed; each failure is kept.

    Attributes:
        failures: the error of each mirror, in the order they were tried.
    """

    code = "mirrors-failed"

    def __init__(self, *, medium: str, failures: tuple[XosUpdateError, ...]) -> None:
        self.failures = failures
        prefix = f"medium {medium}: "
        reasons = "; ".join(str(f).removeprefix(prefix) for f in failures)
        last = failures[-1] if failures else None
        super().__init__(
            f"{prefix}no mirror worked ({len(failures)} tried): {reasons}",
            url=getattr(last, "url", None),
            medium=medium,
        )


class MediumNotFoundError(XosUpdateError):
    """A medium name that urpmi.cfg does not hold."""

    code = "unknown-medium"

    def __init__(self, name: str, *, known: tuple[str, ...] = ()) -> None:
        self.name = name
        self.known = known
        hint = f" (one of {', '.join(known)})" if known else ""
        super().__init__(f"no medium named {name!r}{hint}")


class NoMediumError(XosUpdateError):
    """Nothing to look for updates in: urpmi.cfg lists no medium, or every one is
    disabled. Not "up to date": nothing was looked at.

    Attributes:
        path: the urpmi.cfg read.
        configured: the media it lists (all disabled); empty when it lists none.
    """

    code = "no-medium"

    def __init__(self, path: str, *, configured: tuple[str, ...] = ()) -> None:
        self.path = path
        self.configured = configured
        if configured:
            message = (
                f"{path}: every medium is disabled ({', '.join(configured)}): nothing to look "
                "for updates in; enable one (xosupdate media enable NAME)"
            )
        else:
            message = (
                f"{path} lists no medium: nothing to look for updates in; add the "
                "distribution's media (xosupdate media add-distrib URL)"
            )
        super().__init__(message)


# ---------------------------------------------------------------- trust


class SignatureError(XosUpdateError):
    """A package or key cannot be trusted."""

    code = "signature"

    def __init__(
        self, message: str, *, package: str | None = None, medium: str | None = None
    ) -> None:
        self.package = package
        self.medium = medium
        super().__init__(message)


class UnsignedPackageError(SignatureError):
    """The package carries no signature."""

    code = "unsigned"


class UnknownKeyError(SignatureError):
    """The package is signed by a key that is not in the keyring."""

    code = "unknown-key"


class KeyNotBoundError(SignatureError):
    """Signed by a known key, but not by a key bound to the package's medium."""

    code = "key-not-bound"


class MediumWithoutKeyError(SignatureError):
    """The medium has no key-ids, so nothing from it can be verified."""

    code = "medium-without-key"


class TamperedPackageError(SignatureError):
    """The header signature or the payload digest does not verify."""

    code = "tampered"


class VerifyDisabledError(SignatureError):
    """urpmi.cfg turns signature checking off (globally or for a medium): nothing from
    there is installed."""

    code = "verify-disabled"


class KeyChangedError(SignatureError):
    """A medium's pubkey no longer matches the key-ids urpmi.cfg binds to it."""

    code = "key-changed"


# ---------------------------------------------------------------- system


class RpmDatabaseError(XosUpdateError):
    """The rpm database of a root cannot be opened or read."""

    code = "rpmdb"

    def __init__(self, reason: str, *, root: str) -> None:
        self.root = root
        super().__init__(f"rpm database of {root}: {reason}")


class LockedError(XosUpdateError):
    """urpmi's (or xosupdate's helper) lock is held by another process."""

    code = "locked"

    def __init__(
        self,
        message: str = "urpmi database locked",
        *,
        pid: int | None = None,
        command: str | None = None,
    ) -> None:
        self.pid = pid
        self.command = command
        holder = f" by {command or 'process'} {pid}" if pid else ""
        super().__init__(f"{message}{holder}")


class RepoBuildError(XosUpdateError):
    """Building a test or demo repository failed (rpmbuild, rpmsign, gpg, rpm install).

    Attributes:
        command: the command line that failed, when a tool failed.
        stderr: what the tool wrote on stderr (trimmed), for the log and the test report.
    """

    code = "repo-build"

    def __init__(self, message: str, *, command: tuple[str, ...] = (), stderr: str = "") -> None:
        self.command = command
        self.stderr = stderr
        detail = f": {stderr.strip()}" if stderr.strip() else ""
        super().__init__(f"{message}{detail}")


# ---------------------------------------------------------------- helper


class HelperError(XosUpdateError):
    """The privileged helper refused or failed a request."""

    code = "helper"


class AuthorizationDismissedError(HelperError):
    """The authentication dialog was dismissed (pkexec exit 126)."""

    code = "auth-dismissed"

    def __init__(self, message: str = "authorization was dismissed") -> None:
        super().__init__(message)


class NotAuthorizedError(HelperError):
    """polkit did not authorize the action (pkexec exit 127)."""

    code = "not-authorized"

    def __init__(self, message: str = "not authorized") -> None:
        super().__init__(message)


class HelperProtocolError(HelperError):
    """The helper's replies did not follow the protocol."""

    code = "protocol"


class RequestRejectedError(HelperError):
    """The helper refused a request that failed validation (nothing was executed)."""

    code = "rejected"

    def __init__(self, message: str, *, reason_code: str = "rejected") -> None:
        self.reason_code = reason_code
        super().__init__(message)


class TransactionFailedError(HelperError):
    """urpmi or the rpm transaction failed.

    Attributes:
        exit_code: urpmi's exit status when urpmi ran, else None.
        reason_code: the helper's stable error code.
    """

    code = "transaction"

    def __init__(
        self,
        message: str,
        *,
        exit_code: int | None = None,
        reason_code: str = "transaction",
        details: tuple[str, ...] = (),
    ) -> None:
        self.exit_code = exit_code
        self.reason_code = reason_code
        self.details = details
        super().__init__(message)


def _all_subclasses(cls: type[XosUpdateError]) -> list[type[XosUpdateError]]:
    out: list[type[XosUpdateError]] = [cls]
    for sub in cls.__subclasses__():
        out.extend(_all_subclasses(sub))
    return out


def error_class_for_code(code: str) -> type[XosUpdateError]:
    """The exception class whose stable ``code`` is ``code`` (the base class if none)."""
    for cls in _all_subclasses(XosUpdateError):
        if cls.code == code:
            return cls
    return XosUpdateError
