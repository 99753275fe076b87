# SPDX-License-Identifier: GPL-2.0-or-later
"""The update resolver: candidates, obsoleters and the requirement closure (services layer).

``services/updates.py`` loads the media and the installed set; this module decides. Rules in
``updates.py``'s docstring (design/formats.md §8.4). Kept apart so that the loader can start
decompressing before importing it (and librpm, which it needs): those imports then overlap
the decompression instead of delaying it.
"""

from __future__ import annotations

import collections
import itertools
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from xosupdate.domain.advisory import Advisory
from xosupdate.domain.arch import ArchPolicy, arch_rank
from xosupdate.domain.dependency import Dependency
from xosupdate.domain.evr import Evr, label_compare
from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import (
    SHOULD_RESTART,
    CandidateKind,
    UpdateCandidate,
    most_disruptive,
)
from xosupdate.errors import InvalidEvrError
from xosupdate.formats.descriptions import Descriptions
from xosupdate.formats.skiplist import SkipList
from xosupdate.formats.synthesis import IndexEntry, Synthesis, parse_dependency
from xosupdate.system.installed import InstalledPackage, InstalledSet

__all__ = ["LoadedMedium", "Resolver"]

log = logging.getLogger(__name__)

Label = tuple[str, str, str | None]
# Who meets a requirement when it is not a package of the plan: the installed system.
SYSTEM: Final = ""


@dataclass(slots=True)
class LoadedMedium:
    """One medium in memory, with its rank in urpmi.cfg (earlier wins ties)."""

    rank: int
    medium: Medium
    syn: Synthesis
    desc: Descriptions | None = None


@dataclass(slots=True)
class _Plan:
    """One package of the plan being built."""

    rank: int
    pos: int
    entry: IndexEntry
    kind: CandidateKind
    installed: Evr | None = None
    replaces: list[str] = field(default_factory=list)
    needed_by: list[str] = field(default_factory=list)  # keys of planned packages
    missing: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)  # keys of new installs it pulled in
    tags: dict[str, str] = field(default_factory=dict)  # its raw synthesis lines
    # "name.arch", computed once: the closure asks for it tens of thousands of times.
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = f"{self.entry.name}.{self.entry.arch}"


def _restart(provides: str) -> str:
    """The value of the ``should-restart`` provide among ``provides`` (a synthesis
    payload), empty when there is none. Of several, the most disruptive: the computer, then
    the session, then the first service by name.

    >>> _restart("foo@should-restart[== network-manager]@should-restart[== session]")
    'session'
    """
    if SHOULD_RESTART not in provides:
        return ""
    values = []
    for text in provides.split("@"):
        name, bracket, rest = text.partition("[")
        # urpmi reads the provide's version text as is (/should-restart:(\S+)/): a service
        # name may hold dashes, which an EVR would split.
        if name == SHOULD_RESTART and bracket:
            op, _, value = rest.removesuffix("]").partition(" ")
            if op in {"==", "="} and value and not value.isspace():
                values.append(value.strip())
    return most_disruptive(values)


def _label(e: IndexEntry) -> Label:
    return (str(e.epoch), e.version, e.release)


def _inst_label(p: InstalledPackage) -> Label:
    return p.evr.label


# ---------------------------------------------------------------- the engine


class Resolver:
    """One computation: loaded media, the installed set, the plan."""

    def __init__(
        self,
        media: list[LoadedMedium],
        search: set[int],
        installed: InstalledSet,
        policy: ArchPolicy,
        skip: SkipList | None = None,
    ) -> None:
        self.media = media
        self.search = search
        self.installed = installed
        self.policy = policy
        self.by_rank = {m.rank: m for m in media}
        self.plan: dict[str, _Plan] = {}
        self.removed: set[str] = set()
        self.planned_names: dict[str, list[_Plan]] = {}
        # Capability name -> (key of the planned package, provide entry as written).
        self.planned_provides: dict[str, list[tuple[str, str]]] = {}
        # Requirement text -> who meets it: SYSTEM or the key of a planned package.
        self._met_by: dict[str, str] = {}
        self._deps: dict[str, Dependency | None] = {}
        self._arch_ok: dict[str, bool] = {}
        self._replace_ok: dict[tuple[str, str], bool] = {}
        # skip.list: what it holds back is never chosen, as an upgrade, a replacement or a
        # provider (perl-URPM's skip flag); the newest held-back upgrades are reported.
        self.skip = skip if skip else None
        self._held_positions: dict[int, set[int]] | None = None
        self.held: list[_Plan] = []
        self._held_out = False  # the provider search met a package skip.list holds back

    def _dep(self, text: str) -> Dependency | None:
        """A dependency entry parsed once per computation (None when malformed)."""
        try:
            return self._deps[text]
        except KeyError:
            pass
        try:
            dep: Dependency | None = parse_dependency(text)
        except (ValueError, InvalidEvrError):
            dep = None
        self._deps[text] = dep
        return dep

    # ---------------------------------------------------------------- step 1 and 2

    def select_upgrades(self) -> None:
        inst = self.installed.by_name()
        searched = [m for m in self.media if m.rank in self.search]
        without: list[str] = []
        for name, copies in inst.items():
            options = [
                (m.rank, pos, m.syn.entry(pos)) for m in searched for pos in m.syn.find(name)
            ]
            chosen = False
            for copy in copies:
                best = self._best_option(options, copies, copy.arch)
                if best is not None and self.skip is not None and self._skipped(*best):
                    rank, pos, e = best
                    if all((h.rank, h.pos) != (rank, pos) for h in self.held):
                        self.held.append(_Plan(rank, pos, e, CandidateKind.UPGRADE, copy.evr))
                    # An older candidate the list does not hold may still do (urpmi's choice).
                    allowed = [o for o in options if not self._skipped(*o)]
                    best = self._best_option(allowed, copies, copy.arch)
                if best is not None:
                    rank, pos, e = best
                    self._add(_Plan(rank, pos, e, CandidateKind.UPGRADE, installed=copy.evr))
                    chosen = True
            if chosen:
                self.removed.add(name)
            else:
                without.append(name)
        # Most names are obsoleted by nothing: ask only about those some package names.
        obsoleted = set().union(*(m.syn.obsoleted_names() for m in searched))
        for name in without:
            if name in obsoleted:
                self._select_obsoleter(name, inst[name])

    def _best_option(
        self,
        options: Sequence[tuple[int, int, IndexEntry]],
        copies: Sequence[InstalledPackage],
        arch: str,
    ) -> tuple[int, int, IndexEntry] | None:
        best: tuple[int, int, IndexEntry] | None = None
        for opt in options:
            e = opt[2]
            if not self._may_replace(arch, e.arch):
                continue
            label = _label(e)
            # A name installed twice: the candidate must beat every copy (formats.md §8.4).
            # The same version as installed (the usual case) needs no comparison.
            if any(label == _inst_label(c) for c in copies) or any(
                label_compare(label, _inst_label(c)) <= 0 for c in copies
            ):
                continue
            if best is None or self._better(opt, best):
                best = opt
        return best

    def _skipped(self, rank: int, pos: int, e: IndexEntry) -> bool:
        """Whether skip.list holds package ``pos`` of medium ``rank`` back: it provides a
        name the list gives, or its full name matches one of the list's expressions."""
        assert self.skip is not None
        if self._held_positions is None:
            # The few names of the list, looked up once per medium (providers included).
            self._held_positions = {
                m.rank: {pos for name in self.skip.names for pos in m.syn.providers_of(name)}
                for m in self.media
            }
        return pos in self._held_positions.get(rank, ()) or self.skip.matches_fullname(
            f"{e.name}-{e.version}-{e.release}.{e.arch}"
        )

    @staticmethod
    def _better(a: tuple[int, int, IndexEntry], b: tuple[int, int, IndexEntry]) -> bool:
        """urpmi's compare_pkg, then the earlier medium and position (depslist id)."""
        cmp = label_compare(_label(a[2]), _label(b[2]))
        if cmp == 0:
            cmp = arch_rank(b[2].arch) - arch_rank(a[2].arch)
        if cmp == 0:
            return (a[0], a[1]) < (b[0], b[1])
        return cmp > 0

    def _select_obsoleter(self, name: str, copies: Sequence[InstalledPackage]) -> None:
        inst = self.installed.by_name()
        by_name: dict[str, tuple[int, int, IndexEntry]] = {}
        for m in self.media:
            if m.rank not in self.search:
                continue
            for pos in m.syn.obsoleters_of(name):
                e = m.syn.entry(pos)
                if e.name == name or not self._obsoletes(m.syn, pos, name, copies):
                    continue
                if self.skip is not None and self._skipped(m.rank, pos, e):
                    continue
                if not any(self._may_replace(c.arch, e.arch) for c in copies):
                    continue
                own = inst.get(e.name, ())
                if any(label_compare(_inst_label(c), _label(e)) >= 0 for c in own):
                    continue  # urpmi's flag_upgrade: not older than its own installed copies
                opt = (m.rank, pos, e)
                cur = by_name.get(e.name)
                if cur is None or self._better(opt, cur):
                    by_name[e.name] = opt
        if len(by_name) != 1:
            if len(by_name) > 1:
                log.debug(
                    "%s is obsoleted by several packages (%s): nothing chosen",
                    name,
                    ", ".join(sorted(by_name)),
                )
            return
        rank, pos, e = next(iter(by_name.values()))
        existing = self._planned(e)
        if existing is None:
            plan = _Plan(rank, pos, e, CandidateKind.REPLACEMENT)
            mine = inst.get(e.name)
            if mine:
                plan.kind, plan.installed = CandidateKind.UPGRADE, mine[0].evr
                self.removed.add(e.name)
            self._add(plan)
            existing = plan
        existing.replaces.append(name)
        self.removed.add(name)

    @staticmethod
    def _obsoletes(syn: Synthesis, pos: int, name: str, copies: Sequence[InstalledPackage]) -> bool:
        raw = syn.raw_tag(pos, "obsoletes") or ""
        for text in raw.split("@"):
            if text.partition("[")[0] != name:
                continue
            try:
                dep = parse_dependency(text)
            except (ValueError, InvalidEvrError):
                continue
            if any(dep.matches_evr(name, c.evr) for c in copies):
                return True
        return False

    # ---------------------------------------------------------------- step 3

    def _planned(self, e: IndexEntry) -> _Plan | None:
        plan = self.plan.get(f"{e.name}.{e.arch}")
        return plan if plan is not None and plan.entry == e else None

    def _add(self, plan: _Plan) -> None:
        self.plan[plan.key] = plan
        self.planned_names.setdefault(plan.entry.name, []).append(plan)
        plan.tags = self.by_rank[plan.rank].syn.raw_tags(plan.pos)
        for text in plan.tags.get("provides", "").split("@"):
            if text:
                self.planned_provides.setdefault(text.partition("[")[0], []).append(
                    (plan.key, text)
                )
        # rpm always provides the package's own name, even if a synthesis omits it.
        e = plan.entry
        epoch = f"{e.epoch}:" if e.epoch else ""
        self.planned_provides.setdefault(e.name, []).append(
            (plan.key, f"{e.name}[== {epoch}{e.version}-{e.release}]")
        )

    def resolve(self) -> None:
        """Meet the requirements of everything planned, adding providers as new installs.

        A package's unmet requirements are all looked up before any provider is added: if
        one cannot be met, the package is blocked at once and none of its other
        dependencies is pulled in for nothing.
        """
        queue = list(self.plan.values())
        while queue:
            plan = queue.pop()
            unmet = self._unmet(plan)
            if not unmet:
                continue
            found: list[tuple[Dependency, _Plan | tuple[int, int, IndexEntry]]] = []
            for req in unmet:
                self._held_out = False
                provider = self._find_provider(req)
                if provider is None:
                    # A provider exists but skip.list holds it back: say so, or the
                    # administrator looks for a package that is there.
                    held = " (held back by /etc/urpmi/skip.list)" if self._held_out else ""
                    plan.missing.append(f"{req}{held}")
                else:
                    found.append((req, provider))
            if plan.missing:
                continue
            for req, provider in found:
                if found[0][0] is not req and (met := self._met(req)) is not None:
                    # Met by a provider added for an earlier requirement.
                    if met != SYSTEM:
                        self._link(plan, self.plan[met])
                    continue
                if isinstance(provider, tuple) and self._planned(provider[2]) is None:
                    queue.append(self._use(provider, plan))  # new: its requirements next
                else:
                    self._use(provider, plan)

    def _unmet(self, plan: _Plan) -> list[Dependency]:
        """The requirements of ``plan`` that neither the system nor the plan meets.

        A requirement met by a package of the plan links the two (``needed_by``,
        ``needs``): if that package ends up blocked, or only needed by blocked updates,
        ``settle`` must know that ``plan`` needs it too.
        """
        raw = plan.tags.get("requires")
        if not raw:
            return []
        unmet: list[Dependency] = []
        for text in raw.split("@"):
            if not text or text.startswith("rpmlib("):
                continue
            met = self._met_by.get(text)
            if met is None:
                if "[" not in text and " " not in text:
                    met = self._met_by_name(text)
                if met is None:
                    req = self._dep(text)
                    if req is None:
                        log.warning(
                            "%s: ignoring malformed requirement %r of %s",
                            self.by_rank[plan.rank].syn.source,
                            text,
                            plan.entry.fullname,
                        )
                        continue
                    met = SYSTEM if req.name == plan.entry.name else self._met(req)
                    if met is None:
                        unmet.append(req)
                        continue
                self._met_by[text] = met
            if met not in (SYSTEM, plan.key):
                self._link(plan, self.plan[met])
        return unmet

    def _link(self, by: _Plan, provider: _Plan) -> None:
        provider.needed_by.append(by.key)
        by.needs.append(provider.key)

    def _met_by_name(self, name: str) -> str | None:
        """Who meets an unversioned requirement: ``SYSTEM`` (something installed and
        kept), the key of a planned package, or None."""
        if any(o not in self.removed for o in self.installed.owners(name)):
            return SYSTEM
        planned = self.planned_provides.get(name)
        return planned[0][0] if planned else None

    def _met(self, req: Dependency) -> str | None:
        """Who meets ``req`` (see ``_met_by_name``); the system is preferred."""
        if req.is_rich:
            for name in req.alternatives():
                met = self._met(Dependency(name=name))
                if met is not None:
                    return met
            return None
        versioned = req.evr is not None
        if not versioned:
            if any(o not in self.removed for o in self.installed.owners(req.name)):
                return SYSTEM
        else:
            for owner, provide in self.installed.providers(req.name):
                if owner not in self.removed and req.satisfied_by(provide):
                    return SYSTEM
        if req.is_file and self.installed.owns_file(req.name):
            return SYSTEM
        for key, text in self.planned_provides.get(req.name, ()):
            if not versioned or self._meets(req, text):
                return key
        return None

    def _meets(self, req: Dependency, text: str) -> bool:
        provide = self._dep(text)
        return provide is not None and req.satisfied_by(provide)

    def _find_provider(self, req: Dependency) -> _Plan | tuple[int, int, IndexEntry] | None:
        """The planned package meeting ``req``, or the best package to add, or None.

        Packages named like the capability are tried first; other packages' provides are
        searched only when none of those will do (building that index costs more than
        most update checks need).
        """
        caps = req.alternatives() if req.is_rich else (req.name,)
        for virtual in (False, True):
            best: tuple[int, int, IndexEntry] | None = None
            for cap in caps:
                for m in self.media:
                    found = m.syn.providers_of(cap) if virtual else m.syn.find(cap)
                    for pos in found:
                        if virtual and m.syn.entry(pos).name == cap:
                            continue  # seen in the first round
                        outcome = self._consider(m, pos, req, cap=cap, best=best)
                        if isinstance(outcome, _Plan):
                            return outcome
                        best = outcome
                if best is not None:
                    return best
        return None

    def _use(self, provider: _Plan | tuple[int, int, IndexEntry], by: _Plan) -> _Plan:
        """Put ``provider`` in the plan (once) as needed by ``by``."""
        if not isinstance(provider, _Plan):
            provider = self._planned(provider[2]) or self._take(provider)
        if provider is not by:
            self._link(by, provider)
        return provider

    def _consider(
        self,
        m: LoadedMedium,
        pos: int,
        req: Dependency,
        *,
        cap: str,
        best: tuple[int, int, IndexEntry] | None,
    ) -> tuple[int, int, IndexEntry] | _Plan | None:
        """The better of ``best`` and package ``pos`` of ``m`` as a provider of ``req``, or
        the planned package itself when the plan already holds it."""
        e = m.syn.entry(pos)
        if not self._compatible(e.arch):
            return best
        if not req.is_rich and not self._provides(m.syn, pos, e, req):
            return best
        if self.skip is not None and self._skipped(m.rank, pos, e):
            self._held_out = True
            return best
        planned = self._planned(e)
        if planned is not None:
            return planned
        if e.name in self.planned_names:
            return best  # another version of that name is planned already
        copies = self.installed.by_name().get(e.name, ())
        if copies and not self._may_upgrade(e, copies):
            return best  # the installed copy did not do; an older one won't
        opt = (m.rank, pos, e)
        if best is None or self._preferred(opt, best, cap):
            return opt
        return best

    def _take(self, best: tuple[int, int, IndexEntry]) -> _Plan:
        rank, pos, e = best
        copies = self.installed.by_name().get(e.name, ())
        plan = _Plan(
            rank,
            pos,
            e,
            CandidateKind.UPGRADE if copies else CandidateKind.NEW,
            installed=copies[0].evr if copies else None,
        )
        if copies:
            # An installed provider goes away: what it met must be checked again.
            self.removed.add(e.name)
            self._met_by.clear()
        self._add(plan)
        return plan

    def _may_replace(self, installed: str, candidate: str) -> bool:
        ok = self._replace_ok.get((installed, candidate))
        if ok is None:
            ok = self._replace_ok[installed, candidate] = self.policy.may_replace(
                installed, candidate
            )
        return ok

    def _compatible(self, arch: str) -> bool:
        ok = self._arch_ok.get(arch)
        if ok is None:
            ok = self._arch_ok[arch] = self.policy.compatible(arch)
        return ok

    def _may_upgrade(self, e: IndexEntry, copies: Sequence[InstalledPackage]) -> bool:
        label = _label(e)
        return all(label_compare(label, _inst_label(c)) > 0 for c in copies) and any(
            self._may_replace(c.arch, e.arch) for c in copies
        )

    def _preferred(
        self, a: tuple[int, int, IndexEntry], b: tuple[int, int, IndexEntry], cap: str
    ) -> bool:
        """The package named like the capability first, then urpmi's order."""
        a_named, b_named = a[2].name == cap, b[2].name == cap
        if a_named != b_named:
            return a_named
        return self._better(a, b)

    def _provides(self, syn: Synthesis, pos: int, e: IndexEntry, req: Dependency) -> bool:
        if req.evr is None:
            return True
        if e.name == req.name and req.matches_evr(e.name, e.evr):
            return True
        raw = syn.raw_tag(pos, "provides") or ""
        return any(
            self._meets(req, text) for text in raw.split("@") if text.partition("[")[0] == req.name
        )

    def settle(self) -> None:
        """Mark updates blocked by an unmet requirement, directly or through a new
        install, and drop the new installs that no installable update needs."""
        plan = self.plan
        blocked = collections.deque(k for k, p in plan.items() if p.missing)
        while blocked:
            dep = plan[blocked.popleft()]
            for key in dep.needed_by:
                by = plan[key]
                if not by.missing:
                    reason = ", ".join(dep.missing)
                    by.missing.append(f"{dep.entry.name} (not installable: {reason})")
                    blocked.append(key)
        # What the installable upgrades and replacements need, transitively, stays.
        live = {k for k, p in plan.items() if p.kind is not CandidateKind.NEW and not p.missing}
        todo = list(live)
        while todo:
            for key in plan[todo.pop()].needs:
                if key not in live and not plan[key].missing:
                    live.add(key)
                    todo.append(key)
        for key in [k for k, p in plan.items() if p.kind is CandidateKind.NEW and k not in live]:
            del plan[key]

    # ---------------------------------------------------------------- results

    def names_by_rank(self) -> dict[int, set[str]]:
        """The names in the plan, per medium rank (whose advisories are wanted)."""
        out: dict[int, set[str]] = {}
        for plan in itertools.chain(self.plan.values(), self.held):
            out.setdefault(plan.rank, set()).add(plan.entry.name)
        return out

    def candidates(self) -> Iterator[UpdateCandidate]:
        """The plan's packages as records, per medium then by name."""
        # Who may be named as needing a package: the installable packages of the plan.
        installable = {k: p.entry.name for k, p in self.plan.items() if not p.missing}
        return self._records(self.plan.values(), installable)

    def held_candidates(self) -> Iterator[UpdateCandidate]:
        """The newest upgrades skip.list holds back, as records (not in the plan); not
        those of packages another one replaces (obsoletes) in the plan."""
        replaced = {name for p in self.plan.values() for name in p.replaces}
        held = [p for p in self.held if p.entry.name not in replaced]
        for plan in held:
            plan.tags = self.by_rank[plan.rank].syn.raw_tags(plan.pos)
        return self._records(held, {})

    def _records(
        self, plans: Iterable[_Plan], installable: Mapping[str, str]
    ) -> Iterator[UpdateCandidate]:
        for plan in sorted(plans, key=lambda p: (p.rank, p.entry.name, p.entry.arch)):
            m = self.by_rank[plan.rank]
            e = plan.entry
            filesize = plan.tags.get("filesize")
            advisory: Advisory | None = m.desc.for_package(e.name) if m.desc else None
            try:
                evr = e.evr
            except InvalidEvrError as exc:
                log.warning("%s: skipping %s: %s", m.syn.source, e.fullname, exc.reason)
                continue
            yield UpdateCandidate(
                name=e.name,
                arch=e.arch,
                candidate=evr,
                medium=m.medium.name,
                kind=plan.kind,
                installed=plan.installed,
                summary=plan.tags.get("summary", ""),
                group=e.group,
                size=e.size,
                filesize=int(filesize) if filesize and filesize.isdigit() else None,
                advisory=advisory,
                replaces=tuple(plan.replaces),
                required_by=tuple(
                    dict.fromkeys(filter(None, map(installable.get, plan.needed_by)))
                ),
                installable=not plan.missing,
                missing=tuple(plan.missing),
                restart=_restart(plan.tags.get("provides", "")),
            )
