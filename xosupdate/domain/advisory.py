# SPDX-License-Identifier: GPL-2.0-or-later
"""Update advisories from a medium's ``descriptions`` file (domain layer)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Advisory", "Importance"]


class Importance(enum.StrEnum):
    """How urgent an update is; anything urpmi does not know is ``normal``."""

    SECURITY = "security"
    BUGFIX = "bugfix"
    NORMAL = "normal"

    @classmethod
    def parse(cls, text: str) -> Importance:
        """``security`` and ``bugfix`` (any case) are kept; everything else is normal."""
        value = text.strip().lower()
        return cls(value) if value in ("security", "bugfix") else cls.NORMAL

    @property
    def rank(self) -> int:
        """Sort key: security first."""
        return {"security": 0, "bugfix": 1, "normal": 2}[self.value]


@dataclass(frozen=True, slots=True, kw_only=True)
class Advisory:
    """One ``%package`` block of a descriptions file.

    Attributes:
        packages: the plain package names the block lists (no versions).
        reason: the ``%pre`` text, "reason for update".
        updated: the ``Update:``/``Updated:`` date as written.
    """

    packages: tuple[str, ...]
    importance: Importance = Importance.NORMAL
    id: str = ""
    url: str = ""
    updated: str = ""
    reason: str = ""
    description: str = ""

    @property
    def link(self) -> str:
        """``url`` when it may be followed: http or https only. It comes from the mirror's
        descriptions file, and a link shown in a window or a report must not run a script
        (``javascript:``) or open a local file.

        >>> Advisory(packages=("a",), importance=Importance.SECURITY, url="javascript:x").link
        ''
        """
        scheme = self.url.partition(":")[0].lower()
        return self.url if scheme in ("http", "https") else ""

    def to_json(self) -> dict[str, str]:
        """The ``advisory`` object of ``updates --json``."""
        return {"id": self.id, "url": self.url, "reason": self.reason}

    def __str__(self) -> str:
        return self.id or ", ".join(self.packages)
