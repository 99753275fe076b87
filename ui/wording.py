# SPDX-License-Identifier: GPL-2.0-or-later
"""Words and icons for the core's closed sets: importance, verdicts, media kinds, audit
statuses (ui layer).

The core's enums carry stable machine values; what people read is chosen here, translated
with ``QCoreApplication.translate`` and always paired with an icon name, so no status is
told by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from xosupdate.domain.advisory import Importance
from xosupdate.domain.medium import Medium, MediumKind
from xosupdate.domain.verdict import Verdict
from xosupdate.services.audit import AuditStatus

__all__ = [
    "audit_status_icon",
    "audit_status_text",
    "format_size",
    "importance_icon",
    "importance_text",
    "medium_kind_icon",
    "medium_kind_text",
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
