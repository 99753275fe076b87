# SPDX-License-Identifier: GPL-2.0-or-later
"""Epoch-version-release values, ordered by librpm (domain layer).

The order of versions is librpm's: every comparison goes through ``rpm.labelCompare``, the
same code urpmi (perl-URPM) uses on the system, so xosupdate and urpmi always agree. This
module (``librpm``) is the only place the domain loads rpm; ``dependency.py`` and
``arch.py`` use librpm through it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Final

from xosupdate.errors import InvalidEvrError

__all__ = ["Evr", "label_compare", "librpm"]


@functools.cache
def librpm() -> ModuleType:
    """The rpm bindings, loaded on first use: a cached update list is answered without
    ever starting librpm (its import alone costs more than the whole answer)."""
    import rpm  # noqa: PLC0415

    module: ModuleType = rpm
    return module


def label_compare(a: tuple[str, str, str | None], b: tuple[str, str, str | None]) -> int:
    """librpm's order of two ``(epoch, version, release)`` labels: -1, 0 or 1."""
    return int(librpm().labelCompare(a, b))


# rpm's epoch is a 32-bit number: ten digits at most.
_EPOCH_DIGITS: Final = 10


def _check_part(evr: Evr, part: str, what: str) -> None:
    if not part:
        raise InvalidEvrError(evr._display(), f"empty {what}")
    # isprintable() rejects every control character (tab, newline, NUL); blank, ":" and "/"
    # are printable ones rpm does not allow ("/" would also make a file name a path: the
    # helper names downloads after versions). Cheaper than a set intersection: this runs
    # for every version the update engine looks at.
    if " " in part or ":" in part or "/" in part or not part.isprintable():
        raise InvalidEvrError(
            evr._display(), f"{what} {part!r} holds a character rpm does not allow"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Evr:
    """An rpm epoch, version and release.

    Equality is structural (``1.0`` and ``1_0`` are different values); *order* is librpm's,
    so "same version?" is ``a.compare(b) == 0``. A missing epoch is 0. An empty release
    means "any release" (dependency ranges): then only epoch and version are compared.

    >>> Evr.parse("1:0.9-1") > Evr.parse("2.0-1")
    True
    >>> str(Evr(version="1.0", release="1mdv2009.0"))
    '1.0-1mdv2009.0'
    """

    epoch: int = 0
    version: str
    release: str = ""

    def __post_init__(self) -> None:
        # Checked at run time too: epochs come from files and command lines.
        if (
            not isinstance(self.epoch, int)  # type: ignore[redundant-expr,unused-ignore]
            or isinstance(self.epoch, bool)
            or self.epoch < 0
        ):
            raise InvalidEvrError(self._display(), "epoch must be a non-negative integer")
        _check_part(self, self.version, "version")
        if self.release:
            _check_part(self, self.release, "release")
            if "-" in self.release:
                raise InvalidEvrError(self._display(), f"release {self.release!r} holds a '-'")

    @classmethod
    def parse(cls, label: str) -> Evr:
        """Parse ``[E:]V[-R]`` as rpm writes it in headers and synthesis files.

        Raises:
            InvalidEvrError: the label is empty, has a non-numeric epoch or an empty part.
        """
        text = label.strip()
        epoch = 0
        if ":" in text:
            head, _, text = text.partition(":")
            # ASCII digits only ("²" is a digit to isdigit, not to int), and no more than
            # rpm's 32-bit epochs hold (int() refuses thousands of digits with ValueError).
            if not (head.isascii() and head.isdigit()) or len(head) > _EPOCH_DIGITS:
                raise InvalidEvrError(label, "epoch must be a non-negative integer")
            epoch = int(head)
        version, sep, release = text.rpartition("-")
        if not sep:
            version, release = release, ""
        elif not release:
            raise InvalidEvrError(label, "empty release")
        return cls(epoch=epoch, version=version, release=release)

    def _display(self) -> str:
        head = f"{self.epoch}:" if self.epoch else ""
        tail = f"-{self.release}" if self.release else ""
        return f"{head}{self.version}{tail}"

    def __str__(self) -> str:
        return self._display()

    @property
    def label(self) -> tuple[str, str, str | None]:
        """The ``(epoch, version, release)`` triple librpm compares."""
        return (str(self.epoch), self.version, self.release or None)

    def compare(self, other: Evr) -> int:
        """librpm's order: negative, zero or positive like ``rpm.labelCompare``.

        When either side has no release, only epoch and version are compared (a dependency
        ``foo >= 1.0`` is met by ``foo-1.0-5``).
        """
        a, b = self.label, other.label
        if a[2] is None or b[2] is None:
            a, b = (a[0], a[1], None), (b[0], b[1], None)
        return label_compare(a, b)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Evr):
            return NotImplemented
        return self.compare(other) < 0

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Evr):
            return NotImplemented
        return self.compare(other) <= 0

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Evr):
            return NotImplemented
        return self.compare(other) > 0

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Evr):
            return NotImplemented
        return self.compare(other) >= 0

    # Pickling (the result cache holds thousands of EVRs): the dataclass default looks up
    # fields() for every object, which costs more than the rest of pickling together.
    # (Python 3.11 replaces a __getstate__ of a frozen slots dataclass; __reduce__ stays.)
    def __reduce__(self) -> tuple[Callable[[int, str, str], Evr], tuple[int, str, str]]:
        return (_unpickle_evr, (self.epoch, self.version, self.release))

    def to_json(self) -> dict[str, int | str]:
        """The ``{"epoch", "version", "release"}`` object of the CLI's JSON schema 1."""
        return {"epoch": self.epoch, "version": self.version, "release": self.release}


def _unpickle_evr(epoch: int, version: str, release: str) -> Evr:
    """An ``Evr`` from the result cache (validated when it was computed)."""
    evr = object.__new__(Evr)
    object.__setattr__(evr, "epoch", epoch)
    object.__setattr__(evr, "version", version)
    object.__setattr__(evr, "release", release)
    return evr
