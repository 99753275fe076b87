# SPDX-License-Identifier: GPL-2.0-or-later
"""Nevra, dependencies (librpm range overlap), media kinds, advisories, plans, verdicts."""

from __future__ import annotations

import pytest

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.domain.arch import ArchPolicy, arch_rank
from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.domain.medium import Medium, MediumKind, classify_medium
from xosupdate.domain.nevra import Nevra
from xosupdate.domain.package import Package
from xosupdate.domain.plan import CandidateKind, UpdateCandidate, UpdatePlan
from xosupdate.domain.verdict import SignatureVerdict, Verdict
from xosupdate.errors import InvalidEvrError


def test_nevra_parse_from_the_right() -> None:
    n = Nevra.parse("perl-URPM-3.20-1mdv2009.0.i586", epoch=1)
    assert (n.name, n.evr, n.arch) == (
        "perl-URPM",
        Evr(epoch=1, version="3.20", release="1mdv2009.0"),
        "i586",
    )
    assert n.filename == "perl-URPM-3.20-1mdv2009.0.i586.rpm"
    assert str(n) == "perl-URPM-1:3.20-1mdv2009.0.i586"
    for bad in ("foo", "foo-1.noarch", "foo-1-1", "-1-1.noarch"):
        with pytest.raises(InvalidEvrError):
            Nevra.parse(bad)


def _dep(text: str) -> Dependency:
    name, op, evr = (text.split(" ") + ["", ""])[:3]
    return Dependency(name=name, op=Op.parse(op), evr=Evr.parse(evr) if evr else None)


@pytest.mark.parametrize(
    ("req", "prov", "ok"),
    [
        ("foo >= 1.0", "foo == 1.0-5mdv2009.0", True),  # release ignored when one side lacks it
        ("foo >= 1.0", "foo == 0.9-5", False),
        ("foo", "foo == 0.1-1", True),  # unversioned side always matches
        ("foo >= 2", "foo", True),
        ("foo < 2", "foo == 1:1.0-1", False),  # epoch counts
        ("foo = 1.0-1", "foo == 1.0-1", True),
        ("foo > 1.0-1", "foo == 1.0-1", False),
        ("foo <= 1.0-1", "foo == 1.0-2", False),
        ("bar >= 1", "foo == 2-1", False),  # different name
    ],
)
def test_range_overlap_by_librpm(req: str, prov: str, ok: bool) -> None:
    assert _dep(req).satisfied_by(_dep(prov)) is ok


def test_dependency_kinds_and_display() -> None:
    assert Dependency(name="/bin/sh").is_file
    assert Dependency(name="rpmlib(PayloadIsXz)").is_rpmlib
    rich = Dependency(name="(xos-lib >= 2 or (xos-extra if xos-base))")
    assert rich.is_rich and rich.alternatives() == ("xos-lib", "xos-extra", "xos-base")
    assert Dependency(name="a").alternatives() == ("a",)
    assert str(_dep("foo >= 1:2-3")) == "foo >= 1:2-3"
    assert _dep("foo < 2").matches_evr("foo", Evr.parse("1.5-1"))
    assert Op.parse("=") is Op.EQ


@pytest.mark.parametrize(
    ("texts", "update", "kind"),
    [
        (("XtreemOS_Testing",), False, MediumKind.TESTING),
        (("Core Updates Testing", "media/core/updates_testing"), False, MediumKind.TESTING),
        (("Main Updates",), True, MediumKind.UPDATES),
        (("XtreemOS_Updates",), True, MediumKind.UPDATES),
        (("Main Backports",), False, MediumKind.BACKPORTS),
        (("Main debug",), False, MediumKind.DEBUG),
        (("Main Sources", "../../SRPMS/main/release"), False, MediumKind.SOURCE),
        (("Main",), False, MediumKind.RELEASE),
        (("official:free:release",), False, MediumKind.RELEASE),
        (("My repo",), True, MediumKind.UPDATES),
        (("My repo",), False, MediumKind.OTHER),
    ],
)
def test_classify_medium(texts: tuple[str, ...], update: bool, kind: MediumKind) -> None:
    assert classify_medium(*texts, update=update) is kind


def test_medium_value() -> None:
    m = Medium(name="XtreemOS_Testing", enabled=False, kind=MediumKind.TESTING)
    assert m.testing and str(m) == "XtreemOS_Testing"
    assert not Medium(name="Main", kind=MediumKind.RELEASE).testing


def test_importance_normalised() -> None:
    assert Importance.parse("Security") is Importance.SECURITY
    assert Importance.parse(" bugfix ") is Importance.BUGFIX
    assert Importance.parse("recommended") is Importance.NORMAL
    assert sorted(Importance, key=lambda i: i.rank)[0] is Importance.SECURITY


def test_package_names() -> None:
    p = Package(name="glibc", evr=Evr.parse("2.8-1mdv2009.0"), arch="i586")
    assert p.fullname == "glibc-2.8-1mdv2009.0.i586" and p.filename.endswith(".i586.rpm")
    assert str(p) == p.fullname and not p.is_source and p.nevra.name == "glibc"
    assert Package(name="glibc", evr=p.evr, arch="src").is_source


def test_candidate_json_and_plan_grouping() -> None:
    adv = Advisory(
        packages=("openssl",),
        importance=Importance.SECURITY,
        id="XOSSA-2009:001",
        url="http://x/a",
        reason="fixes CVE",
    )
    up = UpdateCandidate(
        name="openssl",
        arch="x86_64",
        candidate=Evr.parse("0.9.8h-3"),
        installed=Evr.parse("0.9.8h-1"),
        medium="XtreemOS_Updates",
        advisory=adv,
    )
    new = UpdateCandidate(
        name="libfoo",
        arch="x86_64",
        candidate=Evr.parse("1-1"),
        medium="Main",
        kind=CandidateKind.NEW,
        required_by=("openssl",),
    )
    blocked = UpdateCandidate(
        name="bar",
        arch="noarch",
        candidate=Evr.parse("2-1"),
        installed=Evr.parse("1-1"),
        medium="Main",
        installable=False,
        missing=("baz >= 3",),
    )
    assert up.to_json()["advisory"] == {
        "id": "XOSSA-2009:001",
        "url": "http://x/a",
        "reason": "fixes CVE",
    }
    assert up.importance is Importance.SECURITY and up.fullname == "openssl-0.9.8h-3.x86_64"
    assert new.to_json()["installed"] is None and new.to_json()["required_by"] == ["openssl"]
    assert blocked.to_json()["missing"] == ["baz >= 3"]
    assert new.importance is Importance.NORMAL and new.nevra.name == "libfoo"
    plan = UpdatePlan(candidates=(up, new, blocked), media=("Main", "XtreemOS_Updates", "X"))
    assert list(plan.by_medium()) == ["Main", "XtreemOS_Updates"]
    assert plan.upgrades == (up, blocked)
    assert str(adv) == "XOSSA-2009:001" and str(Advisory(packages=("a", "b"))) == "a, b"


def test_verdicts() -> None:
    v = SignatureVerdict(
        name="a",
        arch="noarch",
        medium="Main",
        verdict=Verdict.TRUSTED,
        key_id="70771ff3",
        detail="ok",
    )
    assert v.to_json()["verdict"] == "trusted" and Verdict.TRUSTED.installable
    assert not Verdict.UNSIGNED.installable


def test_host_policy() -> None:
    assert ArchPolicy.for_host("x86_64").strict and not ArchPolicy.for_host("i586").strict
    assert isinstance(ArchPolicy.for_host().strict, bool)
    assert arch_rank("x86_64") < arch_rank("noarch") < arch_rank("sparc64")
