# SPDX-License-Identifier: GPL-2.0-or-later
"""Package identity: name, epoch-version-release and architecture (domain layer)."""

from __future__ import annotations

from dataclasses import dataclass

from xosupdate.domain.evr import Evr
from xosupdate.errors import InvalidEvrError

__all__ = ["Nevra"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Nevra:
    """A package's name, EVR and architecture.

    >>> n = Nevra.parse("kernel-desktop-2.6.27.5-2mnb.i586")
    >>> (n.name, str(n.evr), n.arch)
    ('kernel-desktop', '2.6.27.5-2mnb', 'i586')
    >>> str(Nevra.parse("foo-1.0-1.noarch", epoch=2))
    'foo-2:1.0-1.noarch'
    """

    name: str
    evr: Evr
    arch: str

    @classmethod
    def parse(cls, fullname: str, *, epoch: int = 0) -> Nevra:
        """Split ``name-version-release.arch`` from the right (names may hold ``-``, ``.``).

        Raises:
            InvalidEvrError: one of the four parts is missing.
        """
        rest, dot, arch = fullname.rpartition(".")
        rest, dash1, release = rest.rpartition("-")
        name, dash2, version = rest.rpartition("-")
        if not (dot and dash1 and dash2 and name and arch):
            raise InvalidEvrError(fullname, "not of the form name-version-release.arch")
        return cls(name=name, evr=Evr(epoch=epoch, version=version, release=release), arch=arch)

    @property
    def filename(self) -> str:
        """The rpm file name (the epoch never appears in it)."""
        return f"{self.name}-{self.evr.version}-{self.evr.release}.{self.arch}.rpm"

    def __str__(self) -> str:
        return f"{self.name}-{self.evr}.{self.arch}"
