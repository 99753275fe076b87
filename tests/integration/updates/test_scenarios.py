# SPDX-License-Identifier: GPL-2.0-or-later
"""Update rules and audit statuses with real signed RPMs installed in a sandbox root.

One distribution is built once: an ``Installed`` medium holds the old versions (installed
into the sandbox's rpm database, never offered to it), and ``Main``, ``Updates``,
``Testing`` (disabled) and ``Sources`` hold what the system sees. Every rule of
design/formats.md §8.4 gets one package family here.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.domain.arch import ArchPolicy
from xosupdate.domain.evr import Evr
from xosupdate.domain.package import Package
from xosupdate.domain.plan import CandidateKind, UpdateCandidate, UpdatePlan
from xosupdate.formats.synthesis import dump_synthesis
from xosupdate.formats.urpmicfg import add_medium
from xosupdate.repo import DistribSpec, DistribTree, MediumSpec, PackageSpec
from xosupdate.services.audit import AuditStatus, audit_system
from xosupdate.services.report import ReportFormat, render_report
from xosupdate.services.updates import compute_updates
from xosupdate.system import rpmlib

pytestmark = pytest.mark.integration

STRICT = ArchPolicy(strict=True)


def p(name: str, version: str, release: str = "1", **kw: object) -> PackageSpec:
    return PackageSpec(name=name, version=version, release=release, **kw)  # type: ignore[arg-type]


KERNEL_OLD = "kernel-desktop-2.6.27.5-1mnb"
KERNEL_NEW = "kernel-desktop-2.6.27.7-1mnb"

INSTALLED = (
    p("xos-epoch", "2.0"),
    p("xos-rel", "1.0", "1mdv2009.0", arch="x86_64"),
    p("xos-down", "1.1"),
    p("xos-arch", "1.0"),  # noarch now, x86_64 in Main
    p("xos-old", "1.0"),  # renamed: xos-new obsoletes it
    p("kernel-desktop-latest", "2.6.27.5", "1mnb", arch="x86_64", requires=(KERNEL_OLD,)),
    p(KERNEL_OLD, "1", "1mnb", arch="x86_64", files=("/boot/vmlinuz-2.6.27.5-1mnb",)),
    p("xos-dup", "1.0"),
    p("xos-test", "1.0"),
    p("xos-tested", "1.1", "0.1"),  # installed from Testing, and found nowhere else
    p("xos-src", "1.0"),
    p("xos-hello", "1.0"),
    p("xos-broken", "1.0"),
    p("xos-uptodate", "1.0"),
    p("xos-newer", "3.0"),
    p("xos-local", "1.0"),
)

MAIN = (
    p("xos-epoch", "0.9", epoch=1),
    p("xos-down", "1.0"),
    p("xos-arch", "1.1", arch="x86_64"),
    p("xos-new", "2.0", obsoletes=("xos-old < 2",)),
    p("xos-lib", "1.0", provides=("libxos = 1.0",)),
    p("xos-uptodate", "1.0"),
    p("xos-newer", "2.0"),
    p("xos-test", "1.0"),
)

UPDATES = (
    p("xos-rel", "1.0", "2mdv2009.0", arch="x86_64"),
    p("kernel-desktop-latest", "2.6.27.7", "1mnb", arch="x86_64", requires=(KERNEL_NEW,)),
    p(
        KERNEL_NEW,
        "1",
        "1mnb",
        arch="x86_64",
        files=("/boot/vmlinuz-2.6.27.7-1mnb",),
        provides=("should-restart = system",),
    ),
    p("xos-dup", "1.1"),
    p("xos-dup", "1.2"),
    p("xos-hello", "1.1", requires=("libxos >= 1.0",), provides=("should-restart = session",)),
    p(
        "xos-broken",
        "2.0",
        requires=("xos-missing >= 3",),
        provides=("should-restart = system",),
    ),
)

TESTING = (p("xos-test", "1.1", "0.1"), p("xos-tested", "1.1", "0.1"))

ADVISORY = Advisory(
    packages=("xos-rel",),
    importance=Importance.SECURITY,
    id="XOSSA-2009:042",
    url="http://www.xtreemos.eu/security/advisories?name=XOSSA-2009:042",
    reason="Fixes a remote hole.",
)

SPEC = DistribSpec(
    media=(
        MediumSpec(path="installed/base", name="Installed", packages=INSTALLED, key="release"),
        MediumSpec(path="main/release", name="Main", packages=MAIN, key="release"),
        MediumSpec(
            path="main/updates",
            name="Updates",
            packages=UPDATES,
            key="updates",
            updates_for="main/release",
            advisories=(ADVISORY,),
        ),
        MediumSpec(path="main/testing", name="Testing", packages=TESTING, key="other", noauto=True),
    )
)


def _source_synthesis(tmp: Path) -> bytes:
    """A source medium: a real .src.rpm built with rpmbuild -bs, written as urpmi lists
    source packages (arch ``src``)."""
    top = tmp / "srpm"
    (top / "SPECS").mkdir(parents=True)
    spec = top / "SPECS/xos-src.spec"
    spec.write_text(
        "Name: xos-src\nVersion: 9.0\nRelease: 1\nSummary: s\nLicense: GPL\n"
        "%description\ns\n%files\n"
    )
    subprocess.run(
        ["rpmbuild", "-bs", "--quiet", "--define", f"_topdir {top}", str(spec)],
        check=True,
        capture_output=True,
    )
    (srpm,) = (top / "SRPMS").glob("*.src.rpm")
    header = rpmlib.read_header(srpm)
    source = Package(name=header.name, evr=header.evr, arch="src", summary=header.summary)
    return gzip.compress(dump_synthesis([source]), mtime=0)


@pytest.fixture(scope="module")
def system(
    build_repo: Callable[..., DistribTree], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The sandbox root: old versions installed, urpmi.cfg and urpmi's state written."""
    tree = build_repo(SPEC)
    tmp = tmp_path_factory.mktemp("scenario")
    root = tmp / "root"
    (root / "etc/urpmi").mkdir(parents=True)
    for medium in ("Installed", "Main", "Updates"):
        pubkey = tree.medium(medium).pubkey
        assert pubkey is not None
        rpmlib.import_pubkey(root, pubkey.read_text())
    rpmlib.install_files(root, tree.medium("Installed").rpms, verify=True, noscripts=True)
    text = ""
    for name in ("Main", "Updates", "Testing"):
        m = tree.medium(name)
        text = add_medium(
            text,
            name=name,
            url=f"file://{m.directory}",
            update=m.update,
            ignore=m.noauto,
            key_ids=(m.key_short_id,) if m.key_short_id and not m.noauto else (),
        )
        state = root / "var/lib/urpmi" / name
        state.mkdir(parents=True)
        shutil.copy(m.synthesis, state / "synthesis.hdlist.cz")
        if m.descriptions is not None:
            shutil.copy(m.descriptions, state / "descriptions")
    text = add_medium(text, name="Sources", url="file:///srv/SRPMS")
    (root / "var/lib/urpmi/Sources").mkdir()
    (root / "var/lib/urpmi/Sources/synthesis.hdlist.cz").write_bytes(_source_synthesis(tmp))
    (root / "etc/urpmi/urpmi.cfg").write_text(text)
    return root


def _plan(root: Path, **kw: object) -> Mapping[str, UpdateCandidate]:
    plan: UpdatePlan = compute_updates(root, policy=STRICT, use_result_cache=False, **kw)  # type: ignore[arg-type]
    assert plan.problems == ()
    return {c.name: c for c in plan.candidates}


def test_the_installed_set_is_the_rpm_database(system: Path) -> None:
    installed = {p.name for p in rpmlib.read_installed(system).packages}
    assert installed == {s.name for s in INSTALLED}


def test_epoch_bump(system: Path) -> None:
    c = _plan(system)["xos-epoch"]
    assert c.candidate == Evr(epoch=1, version="0.9", release="1") and c.medium == "Main"
    assert c.installed == Evr(version="2.0", release="1")


def test_release_only_bump_with_its_advisory(system: Path) -> None:
    c = _plan(system)["xos-rel"]
    assert str(c.candidate) == "1.0-2mdv2009.0" and c.medium == "Updates"
    assert c.advisory is not None and c.importance is Importance.SECURITY


def test_downgrade_not_offered(system: Path) -> None:
    assert "xos-down" not in _plan(system)


def test_noarch_to_x86_64(system: Path) -> None:
    c = _plan(system)["xos-arch"]
    assert (c.arch, str(c.candidate)) == ("x86_64", "1.1-1")


def test_rename_by_obsoletes(system: Path) -> None:
    c = _plan(system)["xos-new"]
    assert c.kind is CandidateKind.REPLACEMENT and c.replaces == ("xos-old",)


def test_kernel_latest_brings_a_new_kernel_and_removes_nothing(system: Path) -> None:
    found = _plan(system)
    assert str(found["kernel-desktop-latest"].candidate) == "2.6.27.7-1mnb"
    new = found[KERNEL_NEW]
    assert new.kind is CandidateKind.NEW and new.required_by == ("kernel-desktop-latest",)
    assert KERNEL_OLD not in found
    assert all(KERNEL_OLD not in c.replaces for c in found.values())


def test_duplicate_versions_on_one_medium(system: Path) -> None:
    assert str(_plan(system)["xos-dup"].candidate) == "1.2-1"


def test_disabled_medium_ignored_and_testing_view(system: Path) -> None:
    assert "xos-test" not in _plan(system)
    testing = _plan(system, media=["Testing"])
    assert list(testing) == ["xos-test"] and testing["xos-test"].medium == "Testing"


def test_source_packages_ignored(system: Path) -> None:
    assert "xos-src" not in _plan(system)
    assert "xos-src" not in _plan(system, media=["Sources"])


def test_new_dependency_pulled_in(system: Path) -> None:
    found = _plan(system)
    assert found["xos-hello"].installable
    lib = found["xos-lib"]
    assert lib.kind is CandidateKind.NEW and lib.required_by == ("xos-hello",)
    assert lib.to_json()["installed"] is None and lib.to_json()["required_by"] == ["xos-hello"]


def test_unsatisfiable_requirement_blocks_only_its_update(system: Path) -> None:
    found = _plan(system)
    broken = found["xos-broken"]
    assert not broken.installable and broken.missing == ("xos-missing >= 3",)
    assert broken.to_json()["installable"] is False
    assert found["xos-rel"].installable and found["xos-hello"].installable


def test_restarts_predicted_from_should_restart_provides(system: Path) -> None:
    plan: UpdatePlan = compute_updates(system, policy=STRICT, use_result_cache=False)
    found = {c.name: c for c in plan.candidates}
    assert found[KERNEL_NEW].restart == "system"  # a new install pulled in counts too
    assert found["xos-hello"].restart == "session"
    assert found["xos-hello"].to_json()["restart"] == "session"
    assert found["xos-rel"].restart == "" and "restart" not in found["xos-rel"].to_json()
    # xos-broken asks for a reboot too, but cannot be installed: it is not in the forecast.
    assert found["xos-broken"].restart == "system"
    assert plan.restarts() == {"system": (KERNEL_NEW,), "session": ("xos-hello",)}
    assert plan.restarts({"xos-hello", "xos-rel"}) == {"session": ("xos-hello",)}
    assert plan.restarts({"xos-rel"}) == {}


def test_skip_list_holds_an_update_back(system: Path) -> None:
    skip = system / "etc/urpmi/skip.list"
    skip.write_text("/^xos-dup-1\\.2-/\n")
    try:
        plan: UpdatePlan = compute_updates(system, policy=STRICT, use_result_cache=False)
    finally:
        skip.unlink()
    # The newest one is held back; the one before it is still an update, as urpmi chooses.
    assert [str(c.candidate) for c in plan.candidates if c.name == "xos-dup"] == ["1.1-1"]
    assert [(c.name, str(c.candidate)) for c in plan.held] == [("xos-dup", "1.2-1")]


def test_audit_statuses(system: Path) -> None:
    report = audit_system(system, policy=STRICT)
    status = {r.name: r.status for r in report.records}
    assert status["xos-rel"] is AuditStatus.UPDATE_AVAILABLE
    assert status["xos-uptodate"] is AuditStatus.UP_TO_DATE
    assert status["xos-test"] is AuditStatus.ONLY_IN_TESTING
    assert status["xos-tested"] is AuditStatus.ONLY_IN_TESTING
    # What a tester still has from testing: not what testing merely offers an update for.
    from_testing = [r.name for r in report.records if r.installed_from_testing]
    assert from_testing == ["xos-tested"]
    records = {r["name"]: r for r in report.to_json()["records"]}  # type: ignore[attr-defined]
    assert records["xos-tested"]["installed_from_testing"] is True
    assert records["xos-test"]["installed_from_testing"] is False
    html = render_report(report, ReportFormat.HTML)
    assert f"{len(INSTALLED)} installed packages, 1 of them installed from testing." in html
    assert status["xos-newer"] is AuditStatus.NEWER_THAN_MEDIA
    assert status["xos-local"] is AuditStatus.IN_NO_MEDIUM
    assert status["xos-down"] is AuditStatus.NEWER_THAN_MEDIA
    assert sum(report.counts.values()) == len(INSTALLED)
    rel = next(r for r in report.records if r.name == "xos-rel")
    assert rel.advisory is not None and rel.advisory.id == "XOSSA-2009:042"
    assert dict(report.product) == {}  # this root has no product.id
