# SPDX-License-Identifier: GPL-2.0-or-later
"""Errors in words for people (ui layer).

``describe_error`` maps an exception to a translated title, a sentence saying what
happened, a hint saying what to do, and a technical detail for the "Copy details" button
(the error's type, stable code and structured fields; a traceback only for bugs). The most
specific class wins: the table is walked along the exception's MRO.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from xosupdate import __version__
from xosupdate.errors import (
    AuthorizationDismissedError,
    ChecksumMismatchError,
    ConfigError,
    FormatError,
    HelperError,
    HelperProtocolError,
    HTTPStatusError,
    LockedError,
    MediumNotFoundError,
    MediumWithoutKeyError,
    NetworkError,
    NoMediumError,
    NoMetadataError,
    NotAuthorizedError,
    RepoBuildError,
    RequestRejectedError,
    RpmDatabaseError,
    SignatureError,
    SyncCancelledError,
    SyncError,
    TamperedPackageError,
    TransactionFailedError,
    UnknownKeyError,
    UnsignedPackageError,
    UrpmiCfgError,
    XosUpdateError,
)

__all__ = ["ErrorText", "describe_error", "is_cancellation"]


@dataclass(frozen=True, slots=True)
class ErrorText:
    """An error as the GUI shows it.

    Attributes:
        title: a few words ("Cannot reach the mirror").
        text: what happened, as a sentence.
        hint: what to do about it ("" when there is nothing to do).
        details: technical text for bug reports (copied by "Copy details").
    """

    title: str
    text: str
    hint: str
    details: str


def is_cancellation(exc: BaseException) -> bool:
    """The user cancelled: nothing to report as an error."""
    return isinstance(exc, SyncCancelledError)


def _message(exc: BaseException) -> str:
    # As the core wrote it: it names files, URLs and media, which must not be re-cased.
    return str(exc).strip() or type(exc).__name__


def _locked(exc: BaseException) -> tuple[str, str, str]:
    holder = ""
    if isinstance(exc, LockedError) and exc.pid:
        #: Added to "The package database is in use{0}.": a program and its process id.
        holder = QCoreApplication.translate("errors", " ({0}, process {1})").format(
            exc.command or QCoreApplication.translate("errors", "a program"), exc.pid
        )
    return (
        QCoreApplication.translate("errors", "Another program is changing the system"),
        QCoreApplication.translate("errors", "The package database is in use{0}.").format(holder),
        QCoreApplication.translate("errors", "Wait until it has finished, then try again."),
    )


def _no_medium(exc: BaseException) -> tuple[str, str, str]:
    if isinstance(exc, NoMediumError) and exc.configured:
        return (
            QCoreApplication.translate("errors", "Every medium is switched off"),
            QCoreApplication.translate(
                "errors", "Nothing is looked at for updates: this is not an up-to-date system."
            ),
            QCoreApplication.translate(
                "errors", "Tick a medium in the media list to switch it on, your updates one first."
            ),
        )
    return (
        QCoreApplication.translate("errors", "No medium is configured"),
        QCoreApplication.translate(
            "errors", "urpmi.cfg lists no medium: there is nothing to look for updates in."
        ),
        QCoreApplication.translate(
            "errors",
            "Add your distribution's media as an administrator (xosupdate media add-distrib URL, "
            "or urpmi.addmedia --distrib URL).",
        ),
    )


def _signature(exc: BaseException) -> tuple[str, str, str]:
    hint = QCoreApplication.translate(
        "errors",
        "Nothing was installed. Do not work around this: report it to your distribution; "
        "the other updates can still be installed.",
    )
    if isinstance(exc, UnsignedPackageError):
        text = QCoreApplication.translate("errors", "A package is not signed: {0}")
    elif isinstance(exc, UnknownKeyError):
        text = QCoreApplication.translate(
            "errors", "A package is signed by a key this system does not know: {0}"
        )
    elif isinstance(exc, TamperedPackageError):
        text = QCoreApplication.translate(
            "errors", "A package was changed after it was signed: {0}"
        )
    elif isinstance(exc, MediumWithoutKeyError):
        text = QCoreApplication.translate(
            "errors", "A medium has no signing key, so nothing from it can be verified: {0}"
        )
        hint = QCoreApplication.translate(
            "errors", "An administrator can import the medium's key by refreshing it."
        )
    else:
        text = QCoreApplication.translate("errors", "A package could not be verified: {0}")
    return (
        QCoreApplication.translate("errors", "A package could not be verified"),
        text.format(_message(exc)),
        hint,
    )


def _transaction(exc: BaseException) -> tuple[str, str, str]:
    return (
        QCoreApplication.translate("errors", "The installation failed"),
        _message(exc),
        QCoreApplication.translate(
            "errors", "Nothing else was changed. The details say which package failed and why."
        ),
    )


_Describer = Callable[[BaseException], tuple[str, str, str]]


def _fixed(title: str, text: str | None, hint: str) -> _Describer:
    def describe(exc: BaseException) -> tuple[str, str, str]:
        return (title, text or _message(exc), hint)

    return describe


# Walked along the MRO: the first class of the exception's MRO found here describes it.
# Built per call so that the words are translated in the language of the moment.
def _table() -> dict[type[BaseException], _Describer]:
    return {
        AuthorizationDismissedError: _fixed(
            QCoreApplication.translate("errors", "Authentication was cancelled"),
            QCoreApplication.translate("errors", "Nothing was changed."),
            QCoreApplication.translate(
                "errors", "Try again and enter the administrator password when asked."
            ),
        ),
        NotAuthorizedError: _fixed(
            QCoreApplication.translate("errors", "Not allowed"),
            QCoreApplication.translate(
                "errors", "Your account is not allowed to make this change."
            ),
            QCoreApplication.translate(
                "errors",
                "Ask an administrator, or log in at the machine itself (remote and inactive "
                "sessions are never allowed).",
            ),
        ),
        LockedError: _locked,
        SyncCancelledError: _fixed(
            QCoreApplication.translate("errors", "Cancelled"),
            QCoreApplication.translate("errors", "The operation was cancelled."),
            "",
        ),
        NetworkError: _fixed(
            QCoreApplication.translate("errors", "Cannot reach the mirror"),
            None,
            QCoreApplication.translate(
                "errors", "Check the network connection, or re-probe the mirrors and try again."
            ),
        ),
        HTTPStatusError: _fixed(
            QCoreApplication.translate("errors", "The mirror refused a file"),
            None,
            QCoreApplication.translate(
                "errors",
                "The mirror may be incomplete or out of date: re-probe the mirrors and try again.",
            ),
        ),
        ChecksumMismatchError: _fixed(
            QCoreApplication.translate("errors", "Downloaded data is damaged"),
            None,
            QCoreApplication.translate(
                "errors",
                "Refresh again; if it keeps happening, the mirror is broken: re-probe the mirrors.",
            ),
        ),
        NoMetadataError: _fixed(
            QCoreApplication.translate("errors", "No package list for this medium"),
            None,
            QCoreApplication.translate(
                "errors",
                "Refresh the medium. If it keeps failing, the network may be sending a login page "
                "instead of the file (captive portal).",
            ),
        ),
        SyncError: _fixed(
            QCoreApplication.translate("errors", "Could not update the package lists"),
            None,
            QCoreApplication.translate("errors", "Check the network and try again."),
        ),
        NoMediumError: _no_medium,
        MediumNotFoundError: _fixed(
            QCoreApplication.translate("errors", "Unknown medium"),
            None,
            QCoreApplication.translate(
                "errors", "The media may have changed meanwhile: reload the list."
            ),
        ),
        UrpmiCfgError: _fixed(
            QCoreApplication.translate("errors", "The media configuration cannot be read"),
            None,
            QCoreApplication.translate(
                "errors",
                "Check /etc/urpmi/urpmi.cfg, or add media with 'xosupdate media add-distrib'.",
            ),
        ),
        FormatError: _fixed(
            QCoreApplication.translate("errors", "Damaged metadata"),
            None,
            QCoreApplication.translate(
                "errors",
                "Refresh the media; if it keeps happening, report it to the mirror's maintainers.",
            ),
        ),
        RpmDatabaseError: _fixed(
            QCoreApplication.translate("errors", "The installed packages cannot be read"),
            None,
            QCoreApplication.translate(
                "errors",
                "The rpm database may be damaged or in use; 'rpm --rebuilddb' as root repairs it.",
            ),
        ),
        SignatureError: _signature,
        TransactionFailedError: _transaction,
        RequestRejectedError: _fixed(
            QCoreApplication.translate("errors", "The request was refused"),
            None,
            QCoreApplication.translate(
                "errors",
                "Nothing was changed. Reload the list: what was asked may no longer exist.",
            ),
        ),
        HelperProtocolError: _fixed(
            QCoreApplication.translate("errors", "The system helper misbehaved"),
            None,
            QCoreApplication.translate(
                "errors", "This is a bug; please report it with the details below."
            ),
        ),
        HelperError: _fixed(
            QCoreApplication.translate("errors", "The system helper failed"),
            None,
            QCoreApplication.translate("errors", "Nothing may have been changed; reload the list."),
        ),
        ConfigError: _fixed(
            QCoreApplication.translate("errors", "xosupdate's settings cannot be read"),
            None,
            QCoreApplication.translate(
                "errors",
                "Fix or remove the settings file named below (etc/xosupdate/xosupdate.toml).",
            ),
        ),
        RepoBuildError: _fixed(
            QCoreApplication.translate("errors", "The demo sandbox could not be built"),
            None,
            QCoreApplication.translate(
                "errors",
                "It needs rpm, rpmbuild, rpmsign and gpg: 'make system-deps' installs them.",
            ),
        ),
        XosUpdateError: _fixed(
            QCoreApplication.translate("errors", "Something went wrong"), None, ""
        ),
    }


def _fields(exc: BaseException) -> list[str]:
    skip = {"message", "args"}
    out = []
    for name, value in sorted(vars(exc).items()):
        if name.startswith("_") or name in skip or value in (None, "", ()):
            continue
        if isinstance(value, tuple | list):
            value = "\n    ".join(str(v) for v in value)
            out.append(f"{name}:\n    {value}")
        else:
            out.append(f"{name}: {value}")
    return out


def _details(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    head = f"{type(exc).__module__}.{type(exc).__qualname__}"
    if isinstance(code, str):
        head += f" [{code}]"
    lines = [f"xosupdate {__version__}", f"{head}: {exc}", *_fields(exc)]
    if not isinstance(exc, XosUpdateError):
        # A bug: the traceback is what the report needs.
        lines += ["", *traceback.format_exception(exc)]
    elif exc.__cause__ is not None:
        lines.append(f"caused by {type(exc.__cause__).__name__}: {exc.__cause__}")
    return "\n".join(line.rstrip("\n") for line in lines)


def describe_error(exc: BaseException) -> ErrorText:
    """Title, text, hint and technical details of ``exc``."""
    table = _table()
    for cls in type(exc).__mro__:
        describer = table.get(cls)
        if describer is not None:
            title, text, hint = describer(exc)
            return ErrorText(title, text, hint, _details(exc))
    return ErrorText(
        QCoreApplication.translate("errors", "Internal error"),
        QCoreApplication.translate("errors", "xosupdate hit a bug: {0}").format(_message(exc)),
        QCoreApplication.translate("errors", "Please report it with the details below."),
        _details(exc),
    )
