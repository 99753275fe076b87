# SPDX-License-Identifier: GPL-2.0-or-later
"""The update rules of design/formats.md §8.4, on synthesis files and fake installed sets.

The same rules run against real signed RPMs installed in a sandbox root in
tests/integration/updates; here each rule gets a small, exact case.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.domain.arch import ArchPolicy
from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.domain.package import Package
from xosupdate.domain.plan import CandidateKind, UpdateCandidate, UpdatePlan
from xosupdate.errors import MediumNotFoundError, RpmDatabaseError, UrpmiCfgError
from xosupdate.formats.descriptions import dump_descriptions
from xosupdate.formats.synthesis import dump_synthesis
from xosupdate.formats.urpmicfg import add_medium
from xosupdate.services.updates import compute_updates
from xosupdate.system.installed import InstalledPackage, InstalledSet

STRICT = ArchPolicy(strict=True)


def pkg(
    label: str,
    *,
    requires: Sequence[str] = (),
    provides: Sequence[str] = (),
    obsoletes: Sequence[str] = (),
    epoch: int = 0,
    summary: str = "",
) -> Package:
    """``name-version-release.arch`` with rpm-syntax dependencies ("foo >= 1.0")."""
    rest, _, arch = label.rpartition(".")
    rest, _, release = rest.rpartition("-")
    name, _, version = rest.rpartition("-")
    evr = Evr(epoch=epoch, version=version, release=release)

    def deps(items: Sequence[str]) -> tuple[Dependency, ...]:
        out = []
        for item in items:
            parts = item.split()
            if len(parts) == 3:
                out.append(
                    Dependency(name=parts[0], op=Op.parse(parts[1]), evr=Evr.parse(parts[2]))
                )
            else:
                out.append(Dependency(name=item))
        return tuple(out)

    self_provide = Dependency(name=name, op=Op.EQ, evr=evr)
    return Package(
        name=name,
        evr=evr,
        arch=arch,
        summary=summary or f"{name} summary",
        filesize=1000,
        provides=(self_provide, *deps(provides)),
        requires=deps(requires),
        obsoletes=deps(obsoletes),
    )


def inst(label: str, *, epoch: int = 0) -> InstalledPackage:
    rest, _, arch = label.rpartition(".")
    rest, _, release = rest.rpartition("-")
    name, _, version = rest.rpartition("-")
    return InstalledPackage(
        name=name, evr=Evr(epoch=epoch, version=version, release=release), arch=arch
    )


@dataclass
class Medium:
    name: str
    packages: Sequence[Package]
    enabled: bool = True
    update: bool = False
    advisories: Sequence[Advisory] = ()


class System:
    """A root with urpmi.cfg and urpmi's statedir copies, and a fake installed set."""

    def __init__(
        self,
        root: Path,
        media: Sequence[Medium],
        installed: Sequence[InstalledPackage],
        *,
        files: Sequence[str] = (),
        skip: str = "",
    ) -> None:
        self.root = root
        text = ""
        for m in media:
            text = add_medium(
                text,
                name=m.name,
                url=f"http://mirror/{m.name}",
                update=m.update,
                ignore=not m.enabled,
                key_ids=("70771ff3",),
            )
            state = root / "var/lib/urpmi" / m.name
            state.mkdir(parents=True, exist_ok=True)
            (state / "synthesis.hdlist.cz").write_bytes(
                gzip.compress(dump_synthesis(m.packages), mtime=0)
            )
            if m.advisories:
                (state / "descriptions").write_text(dump_descriptions(m.advisories))
        (root / "etc/urpmi").mkdir(parents=True, exist_ok=True)
        (root / "etc/urpmi/urpmi.cfg").write_text(text)
        if skip:
            (root / "etc/urpmi/skip.list").write_text(skip)
        self.installed = InstalledSet(tuple(installed), str(root), {}, lambda path: path in files)

    def plan(self, *, media: Sequence[str] = (), policy: ArchPolicy = STRICT) -> UpdatePlan:
        return compute_updates(
            self.root,
            media=media,
            installed_reader=lambda _r: self.installed,
            policy=policy,
            use_result_cache=False,
        )


def by_name(plan: UpdatePlan) -> dict[str, UpdateCandidate]:
    return {c.name: c for c in plan.candidates}


def test_epoch_bump_wins_over_a_higher_version(tmp_path: Path) -> None:
    s = System(
        tmp_path, [Medium("Main", [pkg("foo-0.9-1.noarch", epoch=1)])], [inst("foo-2.0-1.noarch")]
    )
    c = by_name(s.plan())["foo"]
    assert c.candidate == Evr(epoch=1, version="0.9", release="1")
    assert c.installed == Evr(version="2.0", release="1") and c.kind is CandidateKind.UPGRADE


def test_release_only_bump(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-1.0-2mdv2009.0.x86_64")])],
        [inst("foo-1.0-1mdv2009.0.x86_64")],
    )
    assert str(by_name(s.plan())["foo"].candidate) == "1.0-2mdv2009.0"


def test_downgrades_and_equal_versions_are_never_offered(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-1.0-1.noarch"), pkg("bar-2.0-1.noarch")])],
        [inst("foo-1.1-1.noarch"), inst("bar-2.0-1.noarch")],
    )
    assert s.plan().candidates == ()


def test_noarch_and_arch_may_replace_each_other(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-2.0-1.x86_64"), pkg("bar-2.0-1.noarch")])],
        [inst("foo-1.0-1.noarch"), inst("bar-1.0-1.x86_64")],
    )
    assert {c.name: c.arch for c in s.plan().candidates} == {"foo": "x86_64", "bar": "noarch"}


def test_strict_arch_keeps_each_arch(tmp_path: Path) -> None:
    media = [Medium("Main", [pkg("foo-2.0-1.i686"), pkg("bar-2.0-1.i586")])]
    installed = [inst("foo-1.0-1.i586"), inst("bar-1.0-1.x86_64")]
    s = System(tmp_path, media, installed)
    assert s.plan(policy=STRICT).candidates == ()
    # On an i586 host (no strict-arch) the i586 family replaces each other.
    relaxed = by_name(s.plan(policy=ArchPolicy(strict=False)))
    assert relaxed["foo"].arch == "i686"


def test_multilib_copies_upgrade_separately(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("libfoo-2-1.x86_64"), pkg("libfoo-2-1.i586")])],
        [inst("libfoo-1-1.x86_64"), inst("libfoo-1-1.i586")],
    )
    assert sorted(c.arch for c in s.plan().candidates) == ["i586", "x86_64"]


def test_several_versions_on_one_medium_keep_the_newest(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main", [pkg("foo-1.1-1.noarch"), pkg("foo-1.3-1.noarch"), pkg("foo-1.2-1.noarch")]
            )
        ],
        [inst("foo-1.0-1.noarch")],
    )
    assert str(by_name(s.plan())["foo"].candidate) == "1.3-1"


def test_newest_across_media_and_ties_go_to_the_first_medium(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium("Main", [pkg("foo-1.2-1.noarch"), pkg("bar-2-1.noarch")]),
            Medium("Updates", [pkg("foo-1.3-1.noarch"), pkg("bar-2-1.noarch")], update=True),
        ],
        [inst("foo-1.0-1.noarch"), inst("bar-1-1.noarch")],
    )
    found = by_name(s.plan())
    assert found["foo"].medium == "Updates" and found["bar"].medium == "Main"


def test_source_packages_are_ignored(tmp_path: Path) -> None:
    s = System(tmp_path, [Medium("Main", [pkg("foo-2.0-1.src")])], [inst("foo-1.0-1.noarch")])
    assert s.plan().candidates == ()


def test_disabled_medium_is_ignored_but_the_testing_view_sees_it(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium("Main", [pkg("foo-1.0-1.noarch"), pkg("libx-1-1.noarch")]),
            Medium(
                "XtreemOS_Testing", [pkg("foo-1.1-0.1.noarch", requires=["libx"])], enabled=False
            ),
        ],
        [inst("foo-1.0-1.noarch")],
    )
    assert s.plan().candidates == ()
    testing = by_name(s.plan(media=["XtreemOS_Testing"]))
    assert testing["foo"].medium == "XtreemOS_Testing"
    # Dependencies of the testing view may come from the enabled media.
    assert testing["libx"].medium == "Main" and testing["libx"].required_by == ("foo",)
    with pytest.raises(MediumNotFoundError):
        s.plan(media=["Nope"])


def test_rename_by_obsoletes(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("xos-new-2.0-1.noarch", obsoletes=["xos-old < 2"])])],
        [inst("xos-old-1.0-1.noarch")],
    )
    c = by_name(s.plan())["xos-new"]
    assert c.kind is CandidateKind.REPLACEMENT and c.replaces == ("xos-old",)
    assert c.installed is None and c.to_json()["replaces"] == ["xos-old"]


def test_obsoletes_out_of_range_or_ambiguous_choose_nothing(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main",
                [
                    pkg("a-2-1.noarch", obsoletes=["old < 1"]),
                    pkg("b-1-1.noarch", obsoletes=["two"]),
                    pkg("c-1-1.noarch", obsoletes=["two"]),
                ],
            )
        ],
        [inst("old-1.0-1.noarch"), inst("two-1-1.noarch")],
    )
    assert s.plan().candidates == ()


def test_same_name_update_is_kept_over_an_obsoleter(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-2-1.noarch"), pkg("foo-ng-1-1.noarch", obsoletes=["foo"])])],
        [inst("foo-1-1.noarch")],
    )
    assert list(by_name(s.plan())) == ["foo"]


def test_kernel_latest_brings_the_new_kernel_as_a_new_install(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main",
                [
                    pkg(
                        "kernel-desktop-latest-2.6.27.7-1mnb.x86_64",
                        requires=["kernel-desktop-2.6.27.7-1mnb"],
                    ),
                    pkg("kernel-desktop-2.6.27.7-1mnb-1-1mnb.x86_64"),
                    pkg("kernel-desktop-2.6.27.5-1mnb-1-1mnb.x86_64"),
                ],
            )
        ],
        [
            inst("kernel-desktop-latest-2.6.27.5-1mnb.x86_64"),
            inst("kernel-desktop-2.6.27.5-1mnb-1-1mnb.x86_64"),
        ],
    )
    found = by_name(s.plan())
    assert found["kernel-desktop-latest"].kind is CandidateKind.UPGRADE
    new = found["kernel-desktop-2.6.27.7-1mnb"]
    assert new.kind is CandidateKind.NEW and new.required_by == ("kernel-desktop-latest",)
    assert new.to_json()["installed"] is None
    # The running kernel is neither upgraded nor removed.
    assert "kernel-desktop-2.6.27.5-1mnb" not in found
    assert all(not c.replaces for c in found.values())


def test_new_dependency_through_a_virtual_provide(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main",
                [
                    pkg("xos-hello-1.1-1.x86_64", requires=["libxos >= 1.0", "/bin/sh"]),
                    pkg("xos-lib-1.0-1.noarch", provides=["libxos == 1.0"]),
                ],
            )
        ],
        [inst("xos-hello-1.0-1.x86_64")],
        files=["/bin/sh"],
    )
    found = by_name(s.plan())
    assert found["xos-lib"].kind is CandidateKind.NEW
    assert found["xos-lib"].required_by == ("xos-hello",)
    assert found["xos-hello"].installable


def test_a_newer_installed_dependency_is_upgraded_for_the_update(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium("Main", [pkg("app-2-1.noarch"), pkg("lib-1.5-1.noarch")]),
            Medium(
                "Updates",
                [pkg("app-3-1.noarch", requires=["lib >= 2"]), pkg("lib-2.1-1.noarch")],
                update=True,
            ),
        ],
        [inst("app-1-1.noarch"), inst("lib-1.0-1.noarch")],
    )
    found = by_name(s.plan(media=["Main"]))  # candidates searched in Main only
    assert found["app"].candidate == Evr(version="2", release="1")
    found = by_name(s.plan())
    assert found["lib"].candidate == Evr(version="2.1", release="1")


def test_unsatisfiable_requirement_blocks_only_its_update(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main",
                [
                    pkg("broken-2-1.noarch", requires=["helper", "xos-missing >= 3"]),
                    pkg("helper-1-1.noarch"),
                    pkg("fine-2-1.noarch", requires=["dep"]),
                    pkg("dep-1-1.noarch"),
                    pkg("chain-2-1.noarch", requires=["mid"]),
                    pkg("mid-1-1.noarch", requires=["nothing-provides-this"]),
                ],
            )
        ],
        [inst("broken-1-1.noarch"), inst("fine-1-1.noarch"), inst("chain-1-1.noarch")],
    )
    found = by_name(s.plan())
    assert not found["broken"].installable
    assert found["broken"].missing == ("xos-missing >= 3",)
    assert found["broken"].to_json()["missing"] == ["xos-missing >= 3"]
    assert "helper" not in found  # only the blocked update needed it
    assert found["fine"].installable and found["dep"].required_by == ("fine",)
    assert not found["chain"].installable and "mid" in found["chain"].missing[0]
    assert "mid" not in found


def test_a_name_installed_twice_needs_a_candidate_newer_than_both(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-1.5-1.x86_64")])],
        [inst("foo-1.0-1.x86_64"), inst("foo-2.0-1.x86_64")],
    )
    assert s.plan().candidates == ()


def test_advisories_importance_and_reason(tmp_path: Path) -> None:
    adv = Advisory(
        packages=("openssl", "libssl"),
        importance=Importance.SECURITY,
        id="XOSSA-2009:001",
        url="http://x/XOSSA-2009:001",
        reason="fixes CVE-1",
    )
    s = System(
        tmp_path,
        [Medium("Updates", [pkg("openssl-0.9.8h-3.x86_64")], update=True, advisories=[adv])],
        [inst("openssl-0.9.8h-1.x86_64")],
    )
    c = by_name(s.plan())["openssl"]
    assert c.importance is Importance.SECURITY and c.advisory is not None
    assert c.to_json()["advisory"] == {
        "id": "XOSSA-2009:001",
        "url": "http://x/XOSSA-2009:001",
        "reason": "fixes CVE-1",
    }


def test_plan_is_grouped_per_medium_in_urpmi_cfg_order(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium("Main", [pkg("b-2-1.noarch"), pkg("a-2-1.noarch")]),
            Medium("Updates", [pkg("c-2-1.noarch")], update=True),
        ],
        [inst("a-1-1.noarch"), inst("b-1-1.noarch"), inst("c-1-1.noarch")],
    )
    plan = s.plan()
    assert [c.name for c in plan.candidates] == ["a", "b", "c"]
    assert {m: len(cs) for m, cs in plan.by_medium().items()} == {"Main": 2, "Updates": 1}


# ---------------------------------------------------------------- bad inputs


def test_corrupt_synthesis_is_one_problem_and_other_media_report(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-2-1.noarch")]), Medium("Contrib", [pkg("bar-2-1.noarch")])],
        [inst("foo-1-1.noarch"), inst("bar-1-1.noarch")],
    )
    bad = tmp_path / "var/lib/urpmi/Contrib/synthesis.hdlist.cz"
    bad.write_bytes(bad.read_bytes()[:-10])
    plan = s.plan()
    assert [c.name for c in plan.candidates] == ["foo"]
    assert len(plan.problems) == 1 and plan.problems[0].medium == "Contrib"
    assert str(bad) in plan.problems[0].message


def test_medium_without_metadata_is_reported(tmp_path: Path) -> None:
    s = System(tmp_path, [Medium("Main", [pkg("foo-2-1.noarch")])], [inst("foo-1-1.noarch")])
    (tmp_path / "var/lib/urpmi/Main/synthesis.hdlist.cz").unlink()
    plan = s.plan()
    assert plan.candidates == () and "no metadata yet" in plan.problems[0].message


def test_flat_statedir_layout_is_read(tmp_path: Path) -> None:
    s = System(
        tmp_path, [Medium("Core Release", [pkg("foo-2-1.noarch")])], [inst("foo-1-1.noarch")]
    )
    d = tmp_path / "var/lib/urpmi"
    (d / "Core Release/synthesis.hdlist.cz").rename(d / "synthesis.hdlist.Core Release.cz")
    (d / "Core Release").rmdir()
    assert [c.name for c in s.plan().candidates] == ["foo"]


def test_root_without_urpmi_cfg(tmp_path: Path) -> None:
    with pytest.raises(UrpmiCfgError, match="urpmi.cfg: no such file"):
        compute_updates(tmp_path, use_result_cache=False)


def test_root_without_rpm_database(tmp_path: Path) -> None:
    System(tmp_path, [Medium("Main", [pkg("foo-2-1.noarch")])], [])
    with pytest.raises(RpmDatabaseError, match="no rpm database"):
        compute_updates(tmp_path, use_result_cache=False)


def test_result_cache_answers_and_follows_changes(tmp_path: Path) -> None:
    s = System(
        tmp_path / "root", [Medium("Main", [pkg("foo-2-1.noarch")])], [inst("foo-1-1.noarch")]
    )
    calls = []

    def reader(_root: Path) -> InstalledSet:
        calls.append(1)
        return s.installed

    (s.root / "var/lib/rpm").mkdir(parents=True)
    (s.root / "var/lib/rpm/rpmdb.sqlite").write_bytes(b"x")
    cache = tmp_path / "cache"
    first = compute_updates(s.root, cache_dir=cache, installed_reader=reader, policy=STRICT)
    second = compute_updates(s.root, cache_dir=cache, installed_reader=reader, policy=STRICT)
    assert first == second and len(calls) == 1
    # A new synthesis (refresh) and a changed rpm database both invalidate the answer.
    syn = s.root / "var/lib/urpmi/Main/synthesis.hdlist.cz"
    syn.write_bytes(gzip.compress(dump_synthesis([pkg("foo-3-1.noarch")]), mtime=0))
    third = compute_updates(s.root, cache_dir=cache, installed_reader=reader, policy=STRICT)
    assert str(third.candidates[0].candidate) == "3-1" and len(calls) == 2
    (s.root / "var/lib/rpm/rpmdb.sqlite").write_bytes(b"xy")
    compute_updates(s.root, cache_dir=cache, installed_reader=reader, policy=STRICT)
    assert len(calls) == 3


def test_the_collector_is_paused_while_the_plan_is_made(tmp_path: Path) -> None:
    import gc  # noqa: PLC0415 - this test only

    s = System(
        tmp_path / "root", [Medium("Main", [pkg("foo-2-1.noarch")])], [inst("foo-1-1.noarch")]
    )
    seen: list[bool] = []

    def reader(_root: Path) -> InstalledSet:
        seen.append(gc.isenabled())
        return s.installed

    plan = compute_updates(s.root, installed_reader=reader, policy=STRICT, use_result_cache=False)
    # The collector is off while the plan is made, and on again after.
    assert seen == [False] and gc.isenabled()
    assert [c.name for c in plan.candidates] == ["foo"]
    gc.disable()
    try:
        compute_updates(s.root, installed_reader=reader, policy=STRICT, use_result_cache=False)
        assert not gc.isenabled()  # a caller's own choice is left as it was
    finally:
        gc.enable()


def test_restart_comes_from_the_should_restart_provide(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main",
                [
                    # Several values: the most disruptive one is what the user must do.
                    pkg(
                        "glibc-2.8-2.x86_64",
                        provides=["should-restart = sshd", "should-restart = system"],
                    ),
                    # A service's name may hold dashes: it is no version-release.
                    pkg("openssh-5.1-2.x86_64", provides=["should-restart = network-manager"]),
                    # No value: urpmi reads none, and neither do we.
                    pkg("foo-1.1-1.noarch", provides=["should-restart", "should-restarter = x"]),
                ],
            )
        ],
        [inst("glibc-2.8-1.x86_64"), inst("openssh-5.1-1.x86_64"), inst("foo-1.0-1.noarch")],
    )
    plan = s.plan()
    found = by_name(plan)
    assert (found["glibc"].restart, found["openssh"].restart, found["foo"].restart) == (
        "system",
        "network-manager",
        "",
    )
    assert plan.restarts() == {"system": ("glibc",), "network-manager": ("openssh",)}


def test_skip_list_holds_back_by_name_and_by_provide(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main",
                [
                    pkg("foo-2-1.noarch"),
                    pkg("apache-2.2-2.x86_64", provides=["webserver"]),
                    pkg("bar-2-1.noarch"),
                ],
                advisories=[Advisory(packages=("foo",), importance=Importance.SECURITY)],
            )
        ],
        [inst("foo-1-1.noarch"), inst("apache-2.2-1.x86_64"), inst("bar-1-1.noarch")],
        skip="# held back\nfoo\nwebserver\n",
    )
    plan = s.plan()
    assert list(by_name(plan)) == ["bar"]
    assert plan.counts().total == 1  # what is held back is not announced
    held = {c.name: c for c in plan.held}
    assert set(held) == {"foo", "apache"}
    foo = held["foo"]
    assert (str(foo.installed), str(foo.candidate), foo.medium) == ("1-1", "2-1", "Main")
    assert foo.importance is Importance.SECURITY  # worth telling the administrator


def test_skip_list_expression_holds_only_what_it_matches(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-1.5-1.noarch"), pkg("foo-2.0-1.noarch")])],
        [inst("foo-1.0-1.noarch")],
        skip="/^foo-2\\./\n",
    )
    plan = s.plan()
    # urpmi drops the held candidate and takes the best of the others.
    assert str(by_name(plan)["foo"].candidate) == "1.5-1"
    assert [str(c.candidate) for c in plan.held] == ["2.0-1"]
    # Named alone, urpmi would install 2.0 (what is named is never skipped): ask for 1.5.
    assert plan.request_names(plan.candidates) == ["foo-1.5-1.noarch"]


def test_multilib_copies_held_are_told_apart(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("libfoo-2-1.x86_64"), pkg("libfoo-2-1.i586")])],
        [inst("libfoo-1-1.x86_64"), inst("libfoo-1-1.i586")],
        skip="libfoo\n",
    )
    plan = s.plan(policy=ArchPolicy(strict=True))
    assert sorted(plan.held_labels()) == ["libfoo.i586", "libfoo.x86_64"]


def test_a_name_installed_twice_is_held_once(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [Medium("Main", [pkg("foo-3-1.noarch")])],
        [inst("foo-1-1.noarch"), inst("foo-2-1.noarch")],
        skip="foo\n",
    )
    plan = s.plan()
    assert plan.candidates == () and [str(c.candidate) for c in plan.held] == ["3-1"]


def test_a_held_dependency_or_obsoleter_is_never_chosen(tmp_path: Path) -> None:
    s = System(
        tmp_path,
        [
            Medium(
                "Main",
                [
                    pkg("app-2-1.noarch", requires=["libx >= 2"]),
                    pkg("libx-2-1.noarch"),
                    pkg("new-1-1.noarch", obsoletes=["old"]),
                ],
            )
        ],
        [inst("app-1-1.noarch"), inst("libx-1-1.noarch"), inst("old-1-1.noarch")],
        skip="libx\n/^new-/\n",
    )
    plan = s.plan()
    found = by_name(plan)
    assert not found["app"].installable
    assert found["app"].missing == ("libx >= 2 (held back by /etc/urpmi/skip.list)",)
    assert "new" not in found and "libx" not in found
    assert [c.name for c in plan.held] == ["libx"]


def test_skip_list_changes_invalidate_the_result_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    s = System(
        tmp_path / "root", [Medium("Main", [pkg("foo-2-1.noarch")])], [inst("foo-1-1.noarch")]
    )
    (s.root / "var/lib/rpm").mkdir(parents=True)
    (s.root / "var/lib/rpm/rpmdb.sqlite").write_bytes(b"x")
    cache = tmp_path / "cache"

    def plan() -> UpdatePlan:
        return compute_updates(
            s.root, cache_dir=cache, installed_reader=lambda _r: s.installed, policy=STRICT
        )

    assert [c.name for c in plan().candidates] == ["foo"]
    skip = s.root / "etc/urpmi/skip.list"
    skip.write_text("foo\n/[bad/\n")
    caplog.set_level("WARNING")
    held = plan()
    assert held.candidates == () and [c.name for c in held.held] == ["foo"]
    # The line it cannot use is named at every run, the cached ones included.
    caplog.clear()
    assert plan() == held
    assert f"{skip}:2: bad regular expression /[bad/" in caplog.text
    caplog.clear()
    skip.unlink()
    assert [c.name for c in plan().candidates] == ["foo"]
