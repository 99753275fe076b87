# SPDX-License-Identifier: GPL-2.0-or-later
"""A package as a medium or the rpm database describes it (domain layer)."""

from __future__ import annotations

from dataclasses import dataclass

from xosupdate.domain.dependency import Dependency
from xosupdate.domain.evr import Evr
from xosupdate.domain.nevra import Nevra

__all__ = ["Package"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Package:
    """One binary or source package.

    Attributes:
        size: installed size in bytes (``@info@`` field 3, RPMTAG_SIZE).
        filesize: size of the .rpm file (``@filesize@``), None when the synthesis predates it.
        suggests: weak dependencies (``@suggests@`` of Mandriva, ``@recommends@`` of Mageia).
        disttag, distepoch: the rpm5 extension of OpenMandriva synthesis files, else "".
    """

    name: str
    evr: Evr
    arch: str
    size: int = 0
    group: str = ""
    summary: str = ""
    filesize: int | None = None
    provides: tuple[Dependency, ...] = ()
    requires: tuple[Dependency, ...] = ()
    conflicts: tuple[Dependency, ...] = ()
    obsoletes: tuple[Dependency, ...] = ()
    suggests: tuple[Dependency, ...] = ()
    disttag: str = ""
    distepoch: str = ""

    @property
    def nevra(self) -> Nevra:
        """Name, EVR and arch."""
        return Nevra(name=self.name, evr=self.evr, arch=self.arch)

    @property
    def fullname(self) -> str:
        """``name-version-release.arch`` (no epoch), as ``@info@`` and urpmi print it.

        rpm5 synthesis files put the disttag and distepoch in it too
        (``glibc-devel-2.2.4-25-mdv2011.0.i586``).
        """
        dist = f"-{self.disttag}{self.distepoch}" if self.disttag else ""
        return f"{self.name}-{self.evr.version}-{self.evr.release}{dist}.{self.arch}"

    @property
    def filename(self) -> str:
        """The rpm file name in the medium directory."""
        return f"{self.fullname}.rpm"

    @property
    def is_source(self) -> bool:
        """Source packages are never update candidates."""
        return self.arch in ("src", "nosrc")

    def __str__(self) -> str:
        return self.fullname
