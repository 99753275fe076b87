# SPDX-License-Identifier: GPL-2.0-or-later
"""The installed set: what a root's rpm database holds and provides (system layer).

Values only: ``system/rpmlib.read_installed`` fills them from the rpm database (tests build
them directly). Provide lists are kept as the database has them and turned into
``Dependency`` values only when asked for: most of them never are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.errors import InvalidEvrError

__all__ = ["InstalledPackage", "InstalledSet", "RawProvide"]

_EQUAL = 8  # RPMSENSE_EQUAL


@dataclass(frozen=True, slots=True, kw_only=True)
class InstalledPackage:
    """One package of the rpm database."""

    name: str
    evr: Evr
    arch: str
    size: int = 0
    summary: str = ""
    install_time: int = 0

    @property
    def fullname(self) -> str:
        """``name-version-release.arch``."""
        return f"{self.name}-{self.evr.version}-{self.evr.release}.{self.arch}"

    def __str__(self) -> str:
        return self.fullname


Provide = tuple[str, Dependency]  # (owner name, provide entry)
# As read from the database: owner, RPMSENSE flags, version text.
RawProvide = tuple[str, int, str]


@dataclass(slots=True)
class InstalledSet:
    """Installed packages by name, and who provides what.

    Attributes:
        packages: every installed package (several per name for multilib and kernels).
        root: the system root it was read from.
    """

    packages: tuple[InstalledPackage, ...]
    root: str = "/"
    _provides: dict[str, list[RawProvide]] = field(default_factory=dict, repr=False)
    _owns_file: Callable[[str], bool] | None = field(default=None, repr=False)
    _by_name: dict[str, list[InstalledPackage]] = field(default_factory=dict, repr=False)
    _parsed: dict[str, list[Provide]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for p in self.packages:
            self._by_name.setdefault(p.name, []).append(p)
        if not self._provides:
            # Without the database's provide lists (tests, fakes): every package provides
            # itself, as rpm guarantees.
            for p in self.packages:
                self._provides.setdefault(p.name, []).append((p.name, _EQUAL, str(p.evr)))

    @classmethod
    def of(cls, packages: Iterable[InstalledPackage], *, root: str = "/") -> InstalledSet:
        """An installed set from values (self-provides only; no files)."""
        return cls(tuple(packages), root)

    def by_name(self) -> dict[str, list[InstalledPackage]]:
        """Installed packages per name."""
        return self._by_name

    def __len__(self) -> int:
        return len(self.packages)

    def providers(self, name: str) -> list[Provide]:
        """``(owner, provide)`` pairs for a capability name."""
        found = self._parsed.get(name)
        if found is None:
            found = [
                (owner, _provide(name, flags, text))
                for owner, flags, text in self._provides.get(name, ())
            ]
            self._parsed[name] = found
        return found

    def owners(self, name: str) -> list[str]:
        """Names of the installed packages providing ``name``, whatever the version."""
        return [owner for owner, _flags, _text in self._provides.get(name, ())]

    def provided_names(self) -> frozenset[str]:
        """Every capability name something installed provides."""
        return frozenset(self._provides)

    def owns_file(self, path: str) -> bool:
        """Whether an installed package owns ``path`` (file requirements)."""
        return self._owns_file(path) if self._owns_file is not None else False


def _provide(name: str, flags: int, text: str) -> Dependency:
    op = Op.from_sense(flags)
    if not text or op is Op.ANY:
        return Dependency(name=name)
    try:
        return Dependency(name=name, op=op, evr=Evr.parse(text))
    except InvalidEvrError:
        return Dependency(name=name)
