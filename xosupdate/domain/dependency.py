# SPDX-License-Identifier: GPL-2.0-or-later
"""Dependencies (requires, provides, conflicts, obsoletes) and their range overlap.

Whether a provide meets a requirement is decided by librpm (``rpm.ds.Compare``), with its
rules: an unversioned side always matches, releases are compared only when both sides carry
one, epochs as rpm promotes them (design/formats.md §8.3). Besides ``evr.py`` this is the
only other domain module that uses rpm (through ``evr.librpm``).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Final

from xosupdate.domain.evr import Evr, librpm

__all__ = ["Dependency", "Op"]


class Op(enum.StrEnum):
    """A dependency's comparison, spelled as synthesis files spell it."""

    ANY = ""
    LT = "<"
    LE = "<="
    EQ = "=="
    GE = ">="
    GT = ">"

    @classmethod
    def parse(cls, text: str) -> Op:
        """``=`` is the same as ``==`` (rpm writes EQUAL doubled only in synthesis)."""
        return cls.EQ if text == "=" else cls(text)

    @classmethod
    def from_sense(cls, flags: int) -> Op:
        """The comparison of rpm's RPMSENSE flags (other flag bits are ignored)."""
        return _FROM_SENSE.get(flags & (_LESS | _GREATER | _EQUAL), cls.ANY)


# RPMSENSE_LESS, _GREATER and _EQUAL: part of rpm's header format, the same in every rpm
# since 3.0 (spelled out so that loading this module does not start librpm).
_LESS: Final = 2
_GREATER: Final = 4
_EQUAL: Final = 8
_SENSE: Final = {
    Op.ANY: 0,
    Op.LT: _LESS,
    Op.LE: _LESS | _EQUAL,
    Op.EQ: _EQUAL,
    Op.GE: _GREATER | _EQUAL,
    Op.GT: _GREATER,
}
_FROM_SENSE: Final = {v: k for k, v in _SENSE.items()}
# Names inside a rich dependency such as "(xos-lib or xos-extra >= 2)".
_RICH_WORDS: Final = re.compile(r"[^\s()]+")
_RICH_KEYWORDS: Final = frozenset({"and", "or", "if", "else", "unless", "with", "without"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Dependency:
    """One entry of a dependency list: ``name [op evr]``, maybe a pre-requirement.

    >>> str(Dependency(name="libxos", op=Op.GE, evr=Evr.parse("1.0")))
    'libxos >= 1.0'
    """

    name: str
    op: Op = Op.ANY
    evr: Evr | None = None
    pre: bool = False

    def __str__(self) -> str:
        if self.op is Op.ANY or self.evr is None:
            return self.name
        return f"{self.name} {self.op.value} {self.evr}"

    @property
    def is_file(self) -> bool:
        """A file dependency (``/bin/sh``), met by a package owning that path."""
        return self.name.startswith("/")

    @property
    def is_rich(self) -> bool:
        """A boolean (rich) dependency, written verbatim in parentheses."""
        return self.name.startswith("(")

    @property
    def is_rpmlib(self) -> bool:
        """An ``rpmlib(...)`` feature requirement, met by rpm itself."""
        return self.name.startswith("rpmlib(")

    def alternatives(self) -> tuple[str, ...]:
        """The package names a rich dependency mentions (``(a or b)`` → ``("a", "b")``)."""
        if not self.is_rich:
            return (self.name,)
        words = _RICH_WORDS.findall(self.name)
        return tuple(
            w for w in words if w not in _RICH_KEYWORDS and w[0] not in "<>=" and not w[0].isdigit()
        )

    def _ds(self, *, provide: bool) -> object:
        rpm = librpm()
        evr = "" if self.evr is None else str(self.evr)
        tag = rpm.RPMTAG_PROVIDENAME if provide else rpm.RPMTAG_REQUIRENAME
        return rpm.ds((self.name, _SENSE[self.op] if evr else 0, evr), tag)

    def satisfied_by(self, provide: Dependency) -> bool:
        """Whether ``provide`` (a provide entry) meets this requirement, as librpm decides."""
        if provide.name != self.name:
            return False
        if self.op is Op.ANY or provide.op is Op.ANY:
            return True
        want = self._ds(provide=False)
        have = provide._ds(provide=True)
        return bool(want.Compare(have))  # type: ignore[attr-defined]

    def matches_evr(self, name: str, evr: Evr) -> bool:
        """Whether a package ``name`` at ``evr`` falls in this range (conflicts, obsoletes)."""
        return self.satisfied_by(Dependency(name=name, op=Op.EQ, evr=evr))
