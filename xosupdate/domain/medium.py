# SPDX-License-Identifier: GPL-2.0-or-later
"""Media: what urpmi.cfg configures and a distribution's media.cfg describes (domain layer)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Medium", "MediumKind", "classify_medium"]


class MediumKind(enum.StrEnum):
    """What a medium is for, as rpmdrake presents it."""

    RELEASE = "release"
    UPDATES = "updates"
    TESTING = "testing"
    BACKPORTS = "backports"
    DEBUG = "debug"
    SOURCE = "source"
    OTHER = "other"


# Media types (Mageia's media_type tags, or words of a path or name) in the order they win:
# "Core Updates Testing" is testing before it is updates, "debug_main/testing" is debug.
_KIND_WORDS: Final = (
    (MediumKind.SOURCE, re.compile(r"(?i)(^|[^a-z])(srpms|sources?)([^a-z]|$)")),
    (MediumKind.DEBUG, re.compile(r"(?i)debug")),
    (MediumKind.TESTING, re.compile(r"(?i)testing")),
    (MediumKind.BACKPORTS, re.compile(r"(?i)backports?")),
    (MediumKind.UPDATES, re.compile(r"(?i)updates?")),
    (MediumKind.RELEASE, re.compile(r"(?i)(^|[^a-z])(release|main|core|contrib)([^a-z]|$)")),
)


def classify_medium(*texts: str, update: bool = False) -> MediumKind:
    """Classify a medium from its media_type tags, path, with-dir or name.

    >>> classify_medium("XtreemOS_Testing")
    <MediumKind.TESTING: 'testing'>
    >>> classify_medium("official:free:updates")
    <MediumKind.UPDATES: 'updates'>
    >>> classify_medium("Contrib", "http://m/2009.0/i586/media/contrib/release")
    <MediumKind.RELEASE: 'release'>
    """
    for kind, pattern in _KIND_WORDS:
        if any(pattern.search(t) for t in texts if t):
            return kind
    return MediumKind.UPDATES if update else MediumKind.OTHER


@dataclass(frozen=True, slots=True, kw_only=True)
class Medium:
    """One medium of urpmi.cfg.

    Attributes:
        url: the medium URL; empty for mirror-list media (``mirrorlist`` + ``with_dir``).
        enabled: False when urpmi.cfg flags it ``ignore``.
        update: urpmi's ``update`` flag (an update medium: descriptions are fetched).
        key_ids: urpmi's short key ids (last 8 hex digits, lowercase).
        verify_rpm: the medium's own ``verify-rpm`` setting, None when it has none.
        kind: release, updates, testing… (see ``classify_medium``).
    """

    name: str
    url: str = ""
    mirrorlist: str = ""
    with_dir: str = ""
    enabled: bool = True
    update: bool = False
    key_ids: tuple[str, ...] = ()
    media_info_dir: str = ""
    with_synthesis: str = ""
    verify_rpm: bool | None = None
    static: bool = False
    virtual: bool = False
    kind: MediumKind = MediumKind.OTHER

    @property
    def testing(self) -> bool:
        """A testing medium: enabling it needs the user's informed consent."""
        return self.kind is MediumKind.TESTING

    def __str__(self) -> str:
        return self.name
