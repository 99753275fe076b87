# SPDX-License-Identifier: GPL-2.0-or-later
"""The helper's wire protocol: verbs, requests, replies and error codes (helper layer).

Shared by both sides: the privileged helper validates requests and encodes replies with it,
and the client (``services/transaction.py``, later the GUI's QProcess wrapper) encodes
requests and decodes replies with the same code. Everything here is pure: no I/O, no
urpmi.cfg (checking that media exist is ``verbs.py``'s job, on the privileged side).

Requests (one JSON object, one line, at most ``MAX_REQUEST_BYTES``)::

    install, simulate      {"protocol": 1, "packages": [NAME, ...], "media": [MEDIUM, ...]}
    refresh                {"protocol": 1, "media": [MEDIUM, ...]}
    media-enable/-disable  {"protocol": 1, "medium": MEDIUM}

``media`` is optional for install, simulate and refresh (absent or empty: every enabled
medium). After the request line the helper reads only ``{"cancel": true}`` lines (or EOF).

Replies (JSON lines on stdout)::

    {"type": "progress", "phase": PHASE, "item": STR, "done": INT, "total": INT,
     "cancellable": BOOL}
    {"type": "log", "text": STR}
    {"type": "result", "ok": BOOL, "code": CODE, "message": STR,
     "details": [STR, ...], "packages": [{"fullname": STR, "medium": STR|null}, ...],
     "exit_code": INT|null, "medium": STR|null, "package": STR|null}

exactly one ``result``, last; the process exits with ``HelperExit.OK`` only when ``ok``.

Name rules (``check_package_name``, ``check_medium_name``), decided for a root helper that
passes names to urpmi as arguments and uses medium names as directory names:

* package names: 1-255 characters of ``A-Z a-z 0-9 . _ + -``, starting with a letter,
  digit or ``_`` (so never an option such as ``-a`` or ``--root=/x``), without ``..`` and
  not ending in ``.rpm`` or ``.spec`` (urpmi would install a local file of that name, or
  the build requirements of a spec file). This is the rpm name alphabet real distributions
  use; capabilities (``foo(x86-64)``, ``/usr/bin/x``) and patterns are not accepted; a full
  name ``name-version-release.arch`` is (it asks for that very package).
* medium names: 1-128 characters of ``A-Z a-z 0-9 . _ + - ( ) [ ] : @ ~`` and blanks,
  starting with a letter, digit or ``_``, not ending with a blank, no two blanks in a row,
  no ``..`` (they name ``var/lib/urpmi/<Name>/``). Blanks are allowed because urpmi media
  are often called ``Main Updates``; ``/`` (urpmi.addmedia refuses it), ``,`` (``--media``
  splits on it), ``\\`` (urpmi.cfg escaping), ``$`` (urpmi expands variables in names),
  ``#``, quotes and every control character are not.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Literal, TypedDict

from xosupdate.errors import (
    HelperError,
    HelperProtocolError,
    KeyNotBoundError,
    LockedError,
    MediumWithoutKeyError,
    RequestRejectedError,
    SignatureError,
    SyncCancelledError,
    SyncError,
    TamperedPackageError,
    TransactionFailedError,
    UnknownKeyError,
    UnsignedPackageError,
    VerifyDisabledError,
    XosUpdateError,
)

__all__ = [
    "CANCEL_LINE",
    "MAX_MEDIA",
    "MAX_MEDIUM_NAME",
    "MAX_PACKAGES",
    "MAX_PACKAGE_NAME",
    "MAX_REPLY_BYTES",
    "MAX_REQUEST_BYTES",
    "PROTOCOL",
    "REJECTIONS",
    "ErrorCode",
    "Event",
    "HelperExit",
    "InstallRequest",
    "LogEvent",
    "MediumRequest",
    "Phase",
    "PlannedPackage",
    "ProgressEvent",
    "RefreshRequest",
    "Request",
    "ResultEvent",
    "Verb",
    "check_medium_name",
    "check_package_name",
    "code_of",
    "decode_reply",
    "encode_reply",
    "error_for_result",
    "is_cancel_line",
    "parse_request",
    "rejected",
    "request_line",
    "result_for_error",
    "verb_of",
]

PROTOCOL: Final = 1
MAX_REQUEST_BYTES: Final = 64 * 1024
MAX_REPLY_BYTES: Final = 1024 * 1024
MAX_PACKAGES: Final = 1000
MAX_MEDIA: Final = 64
MAX_PACKAGE_NAME: Final = 255
MAX_MEDIUM_NAME: Final = 128
CANCEL_LINE: Final = b'{"cancel": true}'

_PACKAGE_NAME: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._+-]*", re.ASCII)
_MEDIUM_NAME: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._+()\[\]:@~ -]*", re.ASCII)


class Verb(enum.StrEnum):
    """The closed set of things the helper does (``argv[1]``)."""

    INSTALL = "install"
    SIMULATE = "simulate"
    REFRESH = "refresh"
    MEDIA_ENABLE = "media-enable"
    MEDIA_DISABLE = "media-disable"


class Phase(enum.StrEnum):
    """Phases of ``progress`` replies, in the order a request goes through them."""

    REFRESH = "refresh"  # media metadata (item: medium; done/total: media)
    RESOLVE = "resolve"  # choosing packages
    DOWNLOAD = "download"  # item: file name; done/total: bytes of that file
    VERIFY = "verify"  # item: file name; done/total: files
    PREPARE = "prepare"  # rpm's transaction preparation
    INSTALL = "install"  # item: package; done/total: packages
    REMOVE = "remove"  # item: old package erased by an upgrade
    CONFIGURE = "configure"  # urpmi.cfg edit (item: medium)


class HelperExit(enum.IntEnum):
    """The helper's exit status (never 126/127, which are pkexec's)."""

    OK = 0
    FAILED = 1  # the request was valid but could not be carried out
    REJECTED = 2  # the request was refused; nothing was executed or written
    INTERNAL = 3  # a bug: an unexpected exception (traceback on stderr)


class ErrorCode(enum.StrEnum):
    """Stable codes of ``result`` replies; ``error_for_result`` maps each to an error.

    Rejections (``RequestRejectedError``, ``reason_code`` = the value; nothing executed):
    BAD_VERB … MEDIUM_DISABLED. Trust refusals and failures (``SignatureError`` family,
    ``code`` = the value): VERIFY_DISABLED … SIGNATURE. Transaction failures
    (``TransactionFailedError``, ``reason_code`` = the value): UNRESOLVED … TRANSACTION.
    """

    OK = "ok"
    # refused before anything ran
    BAD_VERB = "bad-verb"
    BAD_ARGUMENT = "bad-argument"
    BAD_ROOT = "bad-root"
    TOO_LARGE = "too-large"
    BAD_JSON = "bad-json"
    BAD_REQUEST = "bad-request"
    BAD_PROTOCOL = "bad-protocol"
    BAD_NAME = "bad-name"
    TOO_MANY = "too-many"
    TRAILING_DATA = "trailing-data"
    UNKNOWN_MEDIUM = "unknown-medium"
    MEDIUM_DISABLED = "medium-disabled"
    # trust
    VERIFY_DISABLED = "verify-disabled"
    MEDIUM_WITHOUT_KEY = "medium-without-key"
    UNSIGNED = "unsigned"
    UNKNOWN_KEY = "unknown-key"
    KEY_NOT_BOUND = "key-not-bound"
    TAMPERED = "tampered"
    SIGNATURE = "signature"
    # state
    LOCKED = "locked"
    CANCELLED = "cancelled"
    SYNC = "sync"
    # transaction
    UNRESOLVED = "unresolved"
    NOT_FOUND = "not-found"
    MISSING_FILES = "missing-files"
    TRANSACTION = "transaction"
    # anything else (unreadable configuration, internal errors)
    HELPER = "helper"


REJECTIONS: Final = frozenset(
    {
        ErrorCode.BAD_VERB,
        ErrorCode.BAD_ARGUMENT,
        ErrorCode.BAD_ROOT,
        ErrorCode.TOO_LARGE,
        ErrorCode.BAD_JSON,
        ErrorCode.BAD_REQUEST,
        ErrorCode.BAD_PROTOCOL,
        ErrorCode.BAD_NAME,
        ErrorCode.TOO_MANY,
        ErrorCode.TRAILING_DATA,
        ErrorCode.UNKNOWN_MEDIUM,
        ErrorCode.MEDIUM_DISABLED,
    }
)
_TRANSACTION_CODES: Final = frozenset(
    {
        ErrorCode.UNRESOLVED,
        ErrorCode.NOT_FOUND,
        ErrorCode.MISSING_FILES,
        ErrorCode.TRANSACTION,
    }
)
_SIGNATURE_CLASSES: Final[Mapping[ErrorCode, type[SignatureError]]] = {
    ErrorCode.VERIFY_DISABLED: VerifyDisabledError,
    ErrorCode.MEDIUM_WITHOUT_KEY: MediumWithoutKeyError,
    ErrorCode.UNSIGNED: UnsignedPackageError,
    ErrorCode.UNKNOWN_KEY: UnknownKeyError,
    ErrorCode.KEY_NOT_BOUND: KeyNotBoundError,
    ErrorCode.TAMPERED: TamperedPackageError,
    ErrorCode.SIGNATURE: SignatureError,
}


def rejected(code: ErrorCode, message: str) -> RequestRejectedError:
    """The refusal of a request (``code`` must be one of the rejection codes)."""
    assert code in REJECTIONS, code
    return RequestRejectedError(message, reason_code=code.value)


def code_of(exc: XosUpdateError) -> ErrorCode:
    """The ``ErrorCode`` a result reply carries for ``exc`` (the inverse of
    ``error_for_result``): the ``reason_code`` of rejections and transaction failures,
    else the error class's own code when it is a protocol code, else HELPER."""
    reason = getattr(exc, "reason_code", None)
    if isinstance(exc, RequestRejectedError | TransactionFailedError) and reason:
        try:
            return ErrorCode(reason)
        except ValueError:
            pass
    if isinstance(exc, TransactionFailedError):
        return ErrorCode.TRANSACTION
    if isinstance(exc, SyncCancelledError):
        return ErrorCode.CANCELLED
    if isinstance(exc, SyncError):
        return ErrorCode.SYNC
    if isinstance(exc, LockedError):
        return ErrorCode.LOCKED
    if isinstance(exc, SignatureError):
        for code, cls in _SIGNATURE_CLASSES.items():
            if type(exc) is cls:
                return code
        return ErrorCode.SIGNATURE
    return ErrorCode.HELPER


# ---------------------------------------------------------------- names


def check_package_name(name: object) -> str:
    """``name`` if it is a package name the helper passes on (rules in the module docstring).

    Raises:
        RequestRejectedError: BAD_REQUEST (not a string) or BAD_NAME.
    """
    if type(name) is not str:
        raise rejected(ErrorCode.BAD_REQUEST, "package names must be strings")
    shown = ascii(name[:40])
    if not 0 < len(name) <= MAX_PACKAGE_NAME:
        raise rejected(
            ErrorCode.BAD_NAME,
            f"package name must have 1 to {MAX_PACKAGE_NAME} characters: {shown}",
        )
    if _PACKAGE_NAME.fullmatch(name) is None:
        raise rejected(ErrorCode.BAD_NAME, f"not a package name: {shown}")
    # urpmi takes "x.rpm" for a local file and "x.spec" for a spec file to build the
    # requirements of (--buildrequires): neither is a package name.
    if ".." in name or name.endswith((".rpm", ".spec")):
        raise rejected(ErrorCode.BAD_NAME, f"not a package name: {shown}")
    return name


def check_medium_name(name: object) -> str:
    """``name`` if it is a medium name the helper accepts (rules in the module docstring).

    Raises:
        RequestRejectedError: BAD_REQUEST (not a string) or BAD_NAME.
    """
    if type(name) is not str:
        raise rejected(ErrorCode.BAD_REQUEST, "medium names must be strings")
    shown = ascii(name[:40])
    if not 0 < len(name) <= MAX_MEDIUM_NAME:
        raise rejected(
            ErrorCode.BAD_NAME,
            f"medium name must have 1 to {MAX_MEDIUM_NAME} characters: {shown}",
        )
    if _MEDIUM_NAME.fullmatch(name) is None or name.endswith(" ") or "  " in name or ".." in name:
        raise rejected(ErrorCode.BAD_NAME, f"not a medium name: {shown}")
    return name


# ---------------------------------------------------------------- requests


@dataclass(frozen=True, slots=True, kw_only=True)
class InstallRequest:
    """``install`` or ``simulate``: these packages, from these media (all enabled when
    empty)."""

    verb: Literal[Verb.INSTALL, Verb.SIMULATE]
    packages: tuple[str, ...]
    media: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The request object as the client sends it."""
        out: dict[str, object] = {"protocol": PROTOCOL, "packages": list(self.packages)}
        if self.media:
            out["media"] = list(self.media)
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshRequest:
    """``refresh``: urpmi's copies of these media's metadata (all enabled when empty)."""

    verb: Literal[Verb.REFRESH] = Verb.REFRESH
    media: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The request object as the client sends it."""
        return {"protocol": PROTOCOL, "media": list(self.media)}


@dataclass(frozen=True, slots=True, kw_only=True)
class MediumRequest:
    """``media-enable`` or ``media-disable`` of one medium."""

    verb: Literal[Verb.MEDIA_ENABLE, Verb.MEDIA_DISABLE]
    medium: str

    def to_json(self) -> dict[str, object]:
        """The request object as the client sends it."""
        return {"protocol": PROTOCOL, "medium": self.medium}


Request = InstallRequest | RefreshRequest | MediumRequest

# Keys per verb: (required, optional).
_KEYS: Final[Mapping[Verb, tuple[frozenset[str], frozenset[str]]]] = {
    Verb.INSTALL: (frozenset({"protocol", "packages"}), frozenset({"media"})),
    Verb.SIMULATE: (frozenset({"protocol", "packages"}), frozenset({"media"})),
    Verb.REFRESH: (frozenset({"protocol"}), frozenset({"media"})),
    Verb.MEDIA_ENABLE: (frozenset({"protocol", "medium"}), frozenset()),
    Verb.MEDIA_DISABLE: (frozenset({"protocol", "medium"}), frozenset()),
}


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise rejected(ErrorCode.BAD_JSON, f"key {key[:40]!a} appears twice")
        out[key] = value
    return out


def _no_constant(name: str) -> object:
    raise rejected(ErrorCode.BAD_JSON, f"{name} is not JSON")


def _load_json(data: bytes) -> object:
    """Strict JSON: UTF-8, no duplicate keys, no NaN/Infinity, no trailing data."""
    if len(data) > MAX_REQUEST_BYTES:
        raise rejected(ErrorCode.TOO_LARGE, f"request larger than {MAX_REQUEST_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise rejected(ErrorCode.BAD_JSON, "request is not UTF-8") from exc
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except RequestRejectedError:
        raise
    except json.JSONDecodeError as exc:
        code = ErrorCode.TRAILING_DATA if exc.msg == "Extra data" else ErrorCode.BAD_JSON
        raise rejected(code, f"request is not one JSON object: {exc.msg}") from exc
    except RecursionError as exc:
        raise rejected(ErrorCode.BAD_JSON, "request nests too deeply") from exc
    except ValueError as exc:
        # A number of more than 4,300 digits: Python refuses to convert it.
        raise rejected(ErrorCode.BAD_JSON, "request holds a number too long to read") from exc


def _names(
    value: object, *, key: str, limit: int, check: Callable[[object], str]
) -> tuple[str, ...]:
    if type(value) is not list:
        raise rejected(ErrorCode.BAD_REQUEST, f"{key!r} must be a list of strings")
    if len(value) > limit:
        raise rejected(ErrorCode.TOO_MANY, f"{key!r} holds more than {limit} names")
    # Duplicates are dropped, first occurrence kept: urpmi would do the same work twice.
    return tuple(dict.fromkeys(check(v) for v in value))


def parse_request(verb: Verb, data: bytes) -> Request:
    """Validate one request line for ``verb`` into its dataclass.

    Checks the JSON, the keys (exactly the known ones: none missing, none extra), the
    protocol number, exact types (``true`` is not ``1``), the name rules and the list
    bounds. Whether the media exist is checked later against urpmi.cfg.

    Raises:
        RequestRejectedError: with a rejection ``reason_code``; never any other exception.
    """
    obj = _load_json(data)
    if type(obj) is not dict:
        raise rejected(ErrorCode.BAD_REQUEST, "request must be a JSON object")
    required, optional = _KEYS[verb]
    unknown = sorted(set(obj) - required - optional)
    if unknown:
        raise rejected(
            ErrorCode.BAD_REQUEST,
            f"unknown keys for {verb}: {', '.join(ascii(k[:40]) for k in unknown[:5])}",
        )
    missing = sorted(required - set(obj))
    if missing:
        raise rejected(ErrorCode.BAD_REQUEST, f"missing keys for {verb}: {', '.join(missing)}")
    version = obj["protocol"]
    if type(version) is not int:
        raise rejected(ErrorCode.BAD_REQUEST, "'protocol' must be an integer")
    if version != PROTOCOL:
        raise rejected(
            ErrorCode.BAD_PROTOCOL, f"protocol {version} is not supported (this is {PROTOCOL})"
        )
    media = _names(obj.get("media", []), key="media", limit=MAX_MEDIA, check=check_medium_name)
    if verb in (Verb.INSTALL, Verb.SIMULATE):
        packages = _names(
            obj["packages"], key="packages", limit=MAX_PACKAGES, check=check_package_name
        )
        if not packages:
            raise rejected(ErrorCode.BAD_REQUEST, "'packages' is empty: nothing to install")
        return InstallRequest(
            verb=Verb.INSTALL if verb is Verb.INSTALL else Verb.SIMULATE,
            packages=packages,
            media=media,
        )
    if verb is Verb.REFRESH:
        return RefreshRequest(media=media)
    medium = check_medium_name(obj["medium"])
    return MediumRequest(
        verb=Verb.MEDIA_ENABLE if verb is Verb.MEDIA_ENABLE else Verb.MEDIA_DISABLE,
        medium=medium,
    )


def is_cancel_line(line: bytes) -> bool:
    """Whether a line read after the request is a cancel request (``{"cancel": true}``)."""
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return type(obj) is dict and obj == {"cancel": True} and obj["cancel"] is True


# ---------------------------------------------------------------- replies


class PlannedPackageJson(TypedDict):
    """A package of a ``result`` (what was or would be installed)."""

    fullname: str
    medium: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedPackage:
    """A package the helper installed or would install."""

    fullname: str
    medium: str | None = None

    def to_json(self) -> PlannedPackageJson:
        """The reply's record."""
        return {"fullname": self.fullname, "medium": self.medium}


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressEvent:
    """``progress``: where the request is (see ``Phase`` for the units of done/total)."""

    phase: Phase
    item: str = ""
    done: int = 0
    total: int = 0
    cancellable: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class LogEvent:
    """``log``: one line worth showing (urpmi's messages, what the helper decided)."""

    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultEvent:
    """``result``: the outcome; the last reply."""

    ok: bool
    code: ErrorCode
    message: str
    details: tuple[str, ...] = ()
    packages: tuple[PlannedPackage, ...] = ()
    exit_code: int | None = None
    medium: str | None = None
    package: str | None = None


Event = ProgressEvent | LogEvent | ResultEvent


def encode_reply(event: Event) -> bytes:
    """One reply line (ASCII JSON and a newline)."""
    obj: dict[str, object]
    if isinstance(event, ProgressEvent):
        obj = {
            "type": "progress",
            "phase": event.phase.value,
            "item": event.item,
            "done": event.done,
            "total": event.total,
            "cancellable": event.cancellable,
        }
    elif isinstance(event, LogEvent):
        obj = {"type": "log", "text": event.text}
    else:
        obj = {
            "type": "result",
            "ok": event.ok,
            "code": event.code.value,
            "message": event.message,
            "details": list(event.details),
            "packages": [p.to_json() for p in event.packages],
            "exit_code": event.exit_code,
            "medium": event.medium,
            "package": event.package,
        }
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def _field(obj: Mapping[str, object], key: str, kind: type, *, optional: bool = False) -> object:
    if key not in obj:
        if optional:
            return None
        raise HelperProtocolError(f"helper reply without {key!r}")
    value = obj[key]
    if value is None and optional:
        return None
    if type(value) is not kind:
        raise HelperProtocolError(f"helper reply: {key!r} is not a {kind.__name__}")
    return value


def _str_list(value: object, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(type(v) is str for v in value):
        raise HelperProtocolError(f"helper reply: {key!r} is not a list of strings")
    return tuple(value)


def _packages(value: object) -> tuple[PlannedPackage, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise HelperProtocolError("helper reply: 'packages' is not a list")
    out = []
    for item in value:
        if not isinstance(item, dict) or type(item.get("fullname")) is not str:
            raise HelperProtocolError("helper reply: malformed 'packages' entry")
        medium = item.get("medium")
        if medium is not None and type(medium) is not str:
            raise HelperProtocolError("helper reply: malformed 'packages' entry")
        out.append(PlannedPackage(fullname=item["fullname"], medium=medium))
    return tuple(out)


def decode_reply(line: bytes | str) -> Event:
    """Decode one reply line (a pure function: the CLI and the GUI share it).

    Raises:
        HelperProtocolError: not a JSON object, an unknown ``type``, a missing field or a
            field of the wrong type, an unknown phase or error code, a line too long.
    """
    if len(line) > MAX_REPLY_BYTES:
        raise HelperProtocolError("helper reply line too long")
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise HelperProtocolError(f"helper reply is not JSON: {str(line)[:80]}") from exc
    if not isinstance(obj, dict):
        raise HelperProtocolError("helper reply is not a JSON object")
    kind = obj.get("type")
    try:
        if kind == "progress":
            return ProgressEvent(
                phase=Phase(str(_field(obj, "phase", str))),
                item=str(_field(obj, "item", str)),
                done=int(_field(obj, "done", int)),  # type: ignore[call-overload]
                total=int(_field(obj, "total", int)),  # type: ignore[call-overload]
                cancellable=bool(_field(obj, "cancellable", bool, optional=True)),
            )
        if kind == "log":
            return LogEvent(text=str(_field(obj, "text", str)))
        if kind == "result":
            exit_code = _field(obj, "exit_code", int, optional=True)
            medium = _field(obj, "medium", str, optional=True)
            package = _field(obj, "package", str, optional=True)
            return ResultEvent(
                ok=bool(_field(obj, "ok", bool)),
                code=ErrorCode(str(_field(obj, "code", str))),
                message=str(_field(obj, "message", str)),
                details=_str_list(obj.get("details"), "details"),
                packages=_packages(obj.get("packages")),
                exit_code=exit_code if isinstance(exit_code, int) else None,
                medium=medium if isinstance(medium, str) else None,
                package=package if isinstance(package, str) else None,
            )
    except ValueError as exc:  # an unknown phase or code
        raise HelperProtocolError(f"helper reply: {exc}") from exc
    raise HelperProtocolError(f"helper reply of unknown type {str(kind)[:40]!r}")


def error_for_result(result: ResultEvent) -> XosUpdateError:
    """The ``XosUpdateError`` a failed ``result`` stands for (its ``code`` or
    ``reason_code`` is the result's code)."""
    code, message = result.code, result.message
    if code in REJECTIONS:
        return RequestRejectedError(message, reason_code=code.value)
    if code in _SIGNATURE_CLASSES:
        return _SIGNATURE_CLASSES[code](message, package=result.package, medium=result.medium)
    if code in _TRANSACTION_CODES:
        return TransactionFailedError(
            message, exit_code=result.exit_code, reason_code=code.value, details=result.details
        )
    if code is ErrorCode.LOCKED:
        return LockedError(message)
    if code is ErrorCode.CANCELLED:
        return SyncCancelledError(message, medium=result.medium)
    if code is ErrorCode.SYNC:
        return SyncError(message, medium=result.medium)
    if code is ErrorCode.OK:
        return HelperProtocolError(f"helper reported failure with code ok: {message}")
    return HelperError(message)


def result_for_error(exc: XosUpdateError, *, message: str | None = None) -> ResultEvent:
    """The failed ``result`` reply that reports ``exc``."""
    return ResultEvent(
        ok=False,
        code=code_of(exc),
        message=message or str(exc),
        details=tuple(getattr(exc, "details", ()) or ()),
        exit_code=getattr(exc, "exit_code", None),
        medium=getattr(exc, "medium", None),
        package=getattr(exc, "package", None),
    )


def request_line(request: Request) -> bytes:
    """The request as the line the client writes."""
    return json.dumps(request.to_json(), separators=(",", ":")).encode("ascii") + b"\n"


def verb_of(text: str) -> Verb | None:
    """The verb named by ``text``, None for anything else."""
    try:
        return Verb(text)
    except ValueError:
        return None
