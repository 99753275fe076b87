# SPDX-License-Identifier: GPL-2.0-or-later
"""Update candidates and the plan they form, grouped per medium (domain layer)."""

from __future__ import annotations

import enum
import operator
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Final

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.domain.evr import Evr
from xosupdate.domain.nevra import Nevra

__all__ = [
    "RESTART_SESSION",
    "RESTART_SYSTEM",
    "SHOULD_RESTART",
    "CandidateKind",
    "MediumProblem",
    "UpdateCandidate",
    "UpdateCounts",
    "UpdatePlan",
    "group_restarts",
    "most_disruptive",
]

JsonValue = str | int | bool | None | list["JsonValue"] | dict[str, "JsonValue"]

# The values of a ``should-restart`` provide urpmi names itself (urpm/sys.pm); any other
# value names a service.
SHOULD_RESTART: Final = "should-restart"  # the provide that says it
RESTART_SYSTEM: Final = "system"
RESTART_SESSION: Final = "session"


class CandidateKind(enum.StrEnum):
    """Why a package is in the plan."""

    UPGRADE = "upgrade"  # a newer version of an installed package
    REPLACEMENT = "replacement"  # obsoletes an installed package of another name
    NEW = "new"  # newly required by an upgrade (urpmi --auto-select)


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateCandidate:
    """One package the plan would install.

    Attributes:
        installed: the installed EVR it upgrades, None for new installs and replacements.
        replaces: installed package names it obsoletes (replacements).
        required_by: names of planned packages that need it (new installs).
        installable: False when one of its requirements cannot be met.
        missing: the requirements nothing satisfies, as ``name [op evr]``.
        filesize: the .rpm download size when the synthesis gives it.
        restart: what must be restarted once it is installed, from its ``should-restart``
            provide, as urpmi reads it after installing: ``system`` (the computer),
            ``session`` (the user's session) or another name (a service); empty when
            nothing.
    """

    name: str
    arch: str
    candidate: Evr
    medium: str
    kind: CandidateKind = CandidateKind.UPGRADE
    installed: Evr | None = None
    summary: str = ""
    group: str = ""
    size: int = 0
    filesize: int | None = None
    advisory: Advisory | None = None
    replaces: tuple[str, ...] = ()
    required_by: tuple[str, ...] = ()
    installable: bool = True
    missing: tuple[str, ...] = ()
    restart: str = ""

    @property
    def importance(self) -> Importance:
        """The advisory's importance; updates without one are normal."""
        return self.advisory.importance if self.advisory else Importance.NORMAL

    @property
    def nevra(self) -> Nevra:
        """The candidate package's identity."""
        return Nevra(name=self.name, evr=self.candidate, arch=self.arch)

    @property
    def fullname(self) -> str:
        """``name-version-release.arch`` of the candidate."""
        return f"{self.name}-{self.candidate.version}-{self.candidate.release}.{self.arch}"

    # Pickling (the result cache holds every candidate): the dataclass default looks up
    # fields() for every object, which costs more than the rest of pickling together.
    # (Python 3.11 replaces a __getstate__ of a frozen slots dataclass; __reduce__ stays.)
    def __reduce__(self) -> tuple[Callable[..., UpdateCandidate], tuple[object, ...]]:
        state: tuple[object, ...] = _candidate_state(self)
        return (_unpickle_candidate, state)

    def to_json(self) -> dict[str, JsonValue]:
        """A record of ``updates --json`` (schema 1, design/ARCHITECTURE.md)."""
        record: dict[str, JsonValue] = {
            "name": self.name,
            "arch": self.arch,
            "installed": dict(self.installed.to_json()) if self.installed else None,
            "candidate": dict(self.candidate.to_json()),
            "medium": self.medium,
            "importance": self.importance.value,
            "advisory": dict(self.advisory.to_json()) if self.advisory else None,
            "kind": self.kind.value,
            "summary": self.summary,
            "filesize": self.filesize,
            "installable": self.installable,
        }
        if self.kind is CandidateKind.NEW:
            record["required_by"] = list(self.required_by)
        if self.replaces:
            record["replaces"] = list(self.replaces)
        if not self.installable:
            record["missing"] = list(self.missing)
        if self.restart:
            record["restart"] = self.restart
        return record


_CANDIDATE_FIELDS: Final = tuple(f.name for f in fields(UpdateCandidate))
_candidate_state: Final = operator.attrgetter(*_CANDIDATE_FIELDS)


def _unpickle_candidate(*state: object) -> UpdateCandidate:
    """An ``UpdateCandidate`` from the result cache, its fields in declaration order."""
    candidate = object.__new__(UpdateCandidate)
    for name, value in zip(_CANDIDATE_FIELDS, state, strict=True):
        object.__setattr__(candidate, name, value)
    return candidate


def most_disruptive(values: Iterable[str]) -> str:
    """Of several ``should-restart`` values, the one to tell: the computer, then the
    session, then the first service by name; empty when there is none.

    >>> most_disruptive(["sshd", "session"]), most_disruptive([])
    ('session', '')
    """
    found = set(values)
    for what in (RESTART_SYSTEM, RESTART_SESSION):
        if what in found:
            return what
    return min(found, default="")


def group_restarts(needs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """``(package name, should-restart value)`` pairs grouped per value, names sorted and
    unique; ``system`` first, then ``session``, then services by name: most disruptive
    first.

    >>> group_restarts([("sshd", "sshd"), ("kernel", "system"), ("glibc", "system")])
    {'system': ('glibc', 'kernel'), 'sshd': ('sshd',)}
    """
    groups: dict[str, set[str]] = {}
    for name, what in needs:
        groups.setdefault(what, set()).add(name)
    order = {RESTART_SYSTEM: 0, RESTART_SESSION: 1}
    return {
        what: tuple(sorted(groups[what]))
        for what in sorted(groups, key=lambda w: (order.get(w, 2), w))
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class MediumProblem:
    """A medium that could not be read; the other media still report."""

    medium: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateCounts:
    """How many installed packages have an update, by importance.

    The one count every front-end shows (the window's summary, the notifier, ``updates``):
    design/ux.md §1 lists notifiers whose count disagreed with their main window.
    """

    security: int = 0
    bugfix: int = 0
    normal: int = 0

    @property
    def total(self) -> int:
        """Every update."""
        return self.security + self.bugfix + self.normal


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdatePlan:
    """Every candidate, in medium order then by name, plus the media that failed.

    Attributes:
        held: the newest upgrades urpmi's skip.list holds back; not candidates (urpmi
            never installs them on its own) and not counted, but worth telling.
        no_update_medium: the enabled media were searched and none of them is an update
            medium: security and bug-fix updates are not looked for (mgaapplet's "no
            enabled update medium"). False when media were named (the testing view).
    """

    candidates: tuple[UpdateCandidate, ...] = ()
    problems: tuple[MediumProblem, ...] = ()
    media: tuple[str, ...] = field(default=())
    held: tuple[UpdateCandidate, ...] = ()
    no_update_medium: bool = False

    def by_medium(self) -> Mapping[str, tuple[UpdateCandidate, ...]]:
        """Candidates grouped per medium, media in urpmi.cfg order."""
        groups: dict[str, list[UpdateCandidate]] = {m: [] for m in self.media}
        for c in self.candidates:
            groups.setdefault(c.medium, []).append(c)
        return {m: tuple(cs) for m, cs in groups.items() if cs}

    @property
    def upgrades(self) -> tuple[UpdateCandidate, ...]:
        """Candidates that replace something installed (upgrades and replacements)."""
        return tuple(c for c in self.candidates if c.kind is not CandidateKind.NEW)

    def counts(self) -> UpdateCounts:
        """The upgrades by importance. Packages an upgrade newly pulls in are not counted:
        they update nothing the user has, and they come with the upgrade that needs them."""
        by = Counter(c.importance for c in self.upgrades)
        return UpdateCounts(
            security=by[Importance.SECURITY],
            bugfix=by[Importance.BUGFIX],
            normal=by[Importance.NORMAL],
        )

    def held_labels(self) -> list[str]:
        """The held-back updates' names, with their arch where a name is held twice
        (multilib): what to show of them."""
        twice = {n for n, k in Counter(c.name for c in self.held).items() if k > 1}
        return [f"{c.name}.{c.arch}" if c.name in twice else c.name for c in self.held]

    def request_names(self, chosen: Iterable[UpdateCandidate]) -> list[str]:
        """What to ask urpmi for to install ``chosen``: each one's name, or its full name
        when skip.list holds a newer version of it back. urpmi installs what it is named
        whatever skip.list says, and by name it would take that newer version."""
        held = {c.name for c in self.held}
        return [c.fullname if c.name in held else c.name for c in chosen]

    def restarts(self, names: Collection[str] | None = None) -> dict[str, tuple[str, ...]]:
        """What installing would require restarting, each with the packages that say so
        (sorted): the installable candidates named in ``names``, or all of them.

        Ordered as ``group_restarts`` orders them.
        """
        return group_restarts(
            (c.name, c.restart)
            for c in self.candidates
            if c.restart and c.installable and (names is None or c.name in names)
        )

    def pending(self) -> frozenset[str]:
        """The upgrades as ``name-[epoch:]version-release.arch``: what a notifier remembers
        to tell "something new" from "nothing changed"."""
        return frozenset(str(c.nevra) for c in self.upgrades)
