# SPDX-License-Identifier: GPL-2.0-or-later
"""Words and icons for the core's closed sets: importance, verdicts, media kinds, audit
statuses (ui layer).

The core's enums carry stable machine values; what people read is chosen here, translated
with ``QCoreApplication.translate`` and always paired with an icon name, so no status is
told by colour alone.
"""

from __future__ import annotations

import re
from typing import Final

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from xosupdate.domain.advisory import Importance
from xosupdate.domain.medium import Medium, MediumKind
from xosupdate.domain.plan import RESTART_SESSION, RESTART_SYSTEM, UpdateCounts
from xosupdate.domain.verdict import SignatureVerdict, Verdict
from xosupdate.services.audit import AuditStatus

__all__ = [
    "advisory_date",
    "audit_status_icon",
    "audit_status_text",
    "format_size",
    "importance_icon",
    "importance_text",
    "medium_kind_icon",
    "medium_kind_text",
    "restart_text",
    "update_counts_icon",
    "update_counts_text",
    "verdict_detail",
    "verdict_icon",
    "verdict_text",
]


def importance_text(importance: Importance) -> str:
    """``Security``, ``Bug fix`` or ``Normal``."""
    return {
        #: An update's importance.
        Importance.SECURITY: QCoreApplication.translate("wording", "Security"),
        Importance.BUGFIX: QCoreApplication.translate("wording", "Bug fix"),
        Importance.NORMAL: QCoreApplication.translate("wording", "Normal"),
    }[importance]


def importance_icon(importance: Importance) -> str:
    """The icon name of an importance."""
    return f"importance-{importance.value}"


def verdict_text(verdict: Verdict) -> str:
    """Short words for a signature verdict (the list's column)."""
    return {
        #: A package's signature.
        Verdict.TRUSTED: QCoreApplication.translate("wording", "Trusted"),
        Verdict.OTHER_MEDIUM_KEY: QCoreApplication.translate("wording", "Other medium's key"),
        Verdict.UNKNOWN_KEY: QCoreApplication.translate("wording", "Unknown key"),
        Verdict.UNSIGNED: QCoreApplication.translate("wording", "Unsigned"),
        Verdict.BAD: QCoreApplication.translate("wording", "Bad signature"),
    }[verdict]


def verdict_detail(verdict: SignatureVerdict) -> str:
    """Who signed the package, in a sentence of the language shown.

    The usual cases are worded here from the verdict's fields; the others (a damaged
    package, a key nobody binds…) keep the core's technical sentence.
    """
    if verdict.verdict is Verdict.UNSIGNED:
        return QCoreApplication.translate("wording", "Not signed")
    if verdict.key_id and verdict.signer_medium:
        if verdict.verdict is Verdict.TRUSTED:
            #: {0}: an OpenPGP key id, {1}: a medium.
            return QCoreApplication.translate("wording", "Signed by {0}, the key of {1}").format(
                verdict.key_id, verdict.signer_medium
            )
        if verdict.verdict is Verdict.OTHER_MEDIUM_KEY and verdict.medium:
            return QCoreApplication.translate(
                "wording", "Signed by {0}, the key of {1}, not of {2}"
            ).format(verdict.key_id, verdict.signer_medium, verdict.medium)
    return verdict.detail


def verdict_icon(verdict: Verdict) -> str:
    """The icon name of a verdict."""
    if verdict is Verdict.TRUSTED:
        return "verdict-trusted"
    if verdict is Verdict.BAD:
        return "verdict-bad"
    return "verdict-warning"


def medium_kind_text(medium: Medium) -> str:
    """What a medium is for, in words (``Testing``, ``Updates``…)."""
    kind = medium.kind
    if kind is MediumKind.OTHER and medium.update:
        kind = MediumKind.UPDATES
    return {
        #: The kind of a medium (urpmi media_type).
        MediumKind.RELEASE: QCoreApplication.translate("wording", "Release"),
        MediumKind.UPDATES: QCoreApplication.translate("wording", "Updates"),
        MediumKind.TESTING: QCoreApplication.translate("wording", "Testing"),
        MediumKind.BACKPORTS: QCoreApplication.translate("wording", "Backports"),
        MediumKind.DEBUG: QCoreApplication.translate("wording", "Debug"),
        MediumKind.SOURCE: QCoreApplication.translate("wording", "Sources"),
        MediumKind.OTHER: QCoreApplication.translate("wording", "Other"),
    }[kind]


def medium_kind_icon(medium: Medium) -> str:
    """The icon name of a medium's kind."""
    if medium.testing:
        return "medium-testing"
    if medium.update or medium.kind is MediumKind.UPDATES:
        return "medium-updates"
    return "medium-release"


def audit_status_text(status: AuditStatus) -> str:
    """Words for an audit status."""
    return {
        #: An installed package's standing in the audit.
        AuditStatus.UPDATE_AVAILABLE: QCoreApplication.translate("wording", "Update available"),
        AuditStatus.ONLY_IN_TESTING: QCoreApplication.translate("wording", "Only in testing"),
        AuditStatus.UP_TO_DATE: QCoreApplication.translate("wording", "Up to date"),
        AuditStatus.NEWER_THAN_MEDIA: QCoreApplication.translate("wording", "Newer than the media"),
        AuditStatus.IN_NO_MEDIUM: QCoreApplication.translate("wording", "In no medium"),
    }[status]


def audit_status_icon(status: AuditStatus) -> str:
    """The icon name of an audit status."""
    return {
        AuditStatus.UPDATE_AVAILABLE: "medium-updates",
        AuditStatus.ONLY_IN_TESTING: "medium-testing",
        AuditStatus.UP_TO_DATE: "status-ok",
        AuditStatus.NEWER_THAN_MEDIA: "status-newer",
        AuditStatus.IN_NO_MEDIUM: "status-unknown",
    }[status]


def format_size(size: int | None) -> str:
    """A byte count for people (``1.2 MB``); an en dash when unknown."""
    if size is None:
        return "\u2013"
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


_MONTHS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
# "Tue Jan 13 11:05:00 2009" (urpmi's descriptions, as rpm's changelogs write dates) or ISO.
_CTIME: Final = re.compile(r"(?:[A-Za-z]{3},? +)?([A-Za-z]{3}) +(\d{1,2}) +[\d:]+ +(\d{4})$")
_ISO: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:]+)?$")


def advisory_date(text: str) -> str:
    """An advisory's date as the language shown writes dates; as written when it is in
    neither of the forms urpmi's metadata uses."""
    text = text.strip()
    date = QDate()
    if m := _CTIME.match(text):
        month = m.group(1).lower()
        if month in _MONTHS:
            date = QDate(int(m.group(3)), _MONTHS.index(month) + 1, int(m.group(2)))
    elif m := _ISO.match(text):
        date = QDate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if not date.isValid():
        return text
    return QLocale().toString(date, QLocale.FormatType.LongFormat)


def update_counts_text(counts: UpdateCounts, *, complete: bool = True) -> str:
    """``5 updates available: 2 security, 1 bug fix``: the window's summary and the
    notifier's, word for word. Not ``complete``: no update medium was looked in, so
    nothing found is not "up to date"."""
    if not counts.total:
        if not complete:
            return QCoreApplication.translate("wording", "No updates on the media switched on.")
        return QCoreApplication.translate("wording", "Your system is up to date.")
    text = QCoreApplication.translate("wording", "%n update(s) available", "", counts.total)
    parts = []
    if counts.security:
        parts.append(QCoreApplication.translate("wording", "%n security", "", counts.security))
    if counts.bugfix:
        parts.append(QCoreApplication.translate("wording", "%n bug fix(es)", "", counts.bugfix))
    if parts:
        # French puts a space before the colon: the whole pattern is the translator's.
        text = QCoreApplication.translate("wording", "{0}: {1}").format(text, ", ".join(parts))
    return text


def restart_text(what: str) -> str:
    """What a ``should-restart`` value asks to restart once the package is installed."""
    if what == RESTART_SYSTEM:
        return QCoreApplication.translate("wording", "the computer")
    if what == RESTART_SESSION:
        return QCoreApplication.translate("wording", "your session")
    #: {0}: a service, as the package names it (sshd, xorg).
    return QCoreApplication.translate("wording", "the {0} service").format(what)


def update_counts_icon(counts: UpdateCounts) -> str:
    """The icon of the most important update pending."""
    if counts.security:
        return importance_icon(Importance.SECURITY)
    if counts.bugfix:
        return importance_icon(Importance.BUGFIX)
    return "xosupdate"
