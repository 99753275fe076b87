# SPDX-License-Identifier: GPL-2.0-or-later
"""system/rpmlib: headers into Package values, key import, installs into sandbox roots."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.integration.conftest import BuildRepo
from tests.integration.repo import sample
from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.errors import (
    FormatError,
    RpmDatabaseError,
    TransactionFailedError,
    UnknownKeyError,
)
from xosupdate.repo import DistribTree, SigningKey
from xosupdate.system import rpmlib

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tree(build_repo: BuildRepo) -> DistribTree:
    return build_repo(sample.SAMPLE)


def test_read_header(tree: DistribTree) -> None:
    path = tree.medium("Main").rpm("xos-hello")
    pkg = rpmlib.read_header(path)
    assert (pkg.name, pkg.evr, pkg.arch) == ("xos-hello", Evr.parse("1.0-1xos2.0"), "x86_64")
    assert (pkg.group, pkg.summary) == ("System/Base", "Test package xos-hello")
    assert pkg.size == len("xos-hello 1.0-1xos2.0\n")
    assert pkg.filesize == path.stat().st_size
    assert pkg.provides[0] == Dependency(name="xos-hello", op=Op.EQ, evr=Evr.parse("1.0-1xos2.0"))
    assert Dependency(name="/bin/sh", pre=True) in pkg.requires
    assert Dependency(name="xos-lib") in pkg.requires
    assert not any(d.name.startswith("rpmlib(") for d in pkg.requires)
    assert pkg.suggests == (Dependency(name="xos-docs"),)


def test_read_header_epoch_and_prereq(tree: DistribTree) -> None:
    full = rpmlib.read_header(tree.medium("Main").rpm("xos-full"))
    assert full.evr.epoch == 2
    assert Dependency(name="xos-base", pre=True) in full.requires
    assert Dependency(name="libxos", op=Op.GE, evr=Evr.parse("1.0")) in full.requires
    assert full.obsoletes == (Dependency(name="xos-old", op=Op.LT, evr=Evr.parse("2")),)


def test_file_names(tree: DistribTree) -> None:
    assert rpmlib.file_names(tree.medium("Main").rpm("xos-base")) == (
        "/bin/sh",
        "/etc/xos-release",
        "/usr/share/xos",
    )


def test_not_an_rpm(tmp_path: Path) -> None:
    junk = tmp_path / "junk.rpm"
    junk.write_bytes(b"<html>captive portal</html>")
    with pytest.raises(FormatError, match="not a readable rpm package"):
        rpmlib.read_header(junk)
    with pytest.raises(FormatError, match="cannot read"):
        rpmlib.file_names(tmp_path / "missing.rpm")


def test_import_pubkey_is_idempotent(
    tmp_path: Path, signing_keys: Mapping[str, SigningKey]
) -> None:
    root = tmp_path / "root"
    key = signing_keys["release"]
    assert rpmlib.import_pubkey(root, key.armored) == (key.short_id,)
    assert rpmlib.import_pubkey(root, key.armored) == (key.short_id,)
    both = key.armored + signing_keys["updates"].armored
    assert rpmlib.import_pubkey(root, both) == (key.short_id, signing_keys["updates"].short_id)
    assert rpmlib.imported_keys(root) == tuple(
        sorted((key.short_id, signing_keys["updates"].short_id))
    )
    assert rpmlib.installed_packages(root) == ()
    with pytest.raises(FormatError, match="no PGP public key block"):
        rpmlib.import_pubkey(root, "not a key")


def test_install_verifies_signatures(tree: DistribTree, tmp_path: Path) -> None:
    main = tree.medium("Main")
    root = tmp_path / "root"
    wanted = [main.rpm(n) for n in ("xos-base", "xos-lib", "xos-hello")]
    with pytest.raises(UnknownKeyError):
        rpmlib.install_files(root, wanted)
    assert main.pubkey is not None
    rpmlib.import_pubkey(root, main.pubkey.read_text())
    rpmlib.install_files(root, wanted, noscripts=True)
    installed = {p.name: p for p in rpmlib.installed_packages(root)}
    assert sorted(installed) == ["xos-base", "xos-hello", "xos-lib"]
    assert installed["xos-lib"].provides[0] == Dependency(
        name="libxos", op=Op.EQ, evr=Evr.parse("1.0")
    )
    assert (root / "usr/bin/xos-hello").read_text() == "xos-hello 1.0-1xos2.0\n"
    assert os.access(root / "usr/bin/xos-hello", os.X_OK)
    assert (root / "bin/sh").read_text() == "#!static shell\n"


def test_install_reports_missing_dependencies(tree: DistribTree, tmp_path: Path) -> None:
    main = tree.medium("Main")
    root = tmp_path / "root"
    assert main.pubkey is not None
    rpmlib.import_pubkey(root, main.pubkey.read_text())
    with pytest.raises(TransactionFailedError) as info:
        rpmlib.install_files(root, [main.rpm("xos-extra")])
    assert info.value.reason_code == "unresolved"
    assert info.value.details == ("libxos >= 1.0 is needed by xos-extra-2.0-1xos2.0",)
    assert rpmlib.installed_packages(root) == ()


def test_install_without_verification(tree: DistribTree, tmp_path: Path) -> None:
    root = tmp_path / "root"
    rpmlib.install_files(root, [tree.medium("Main").rpm("xos-unsigned")], verify=False)
    assert [p.name for p in rpmlib.installed_packages(root)] == ["xos-unsigned"]


def test_unsigned_package_is_refused_when_verifying(tree: DistribTree, tmp_path: Path) -> None:
    main = tree.medium("Main")
    root = tmp_path / "root"
    assert main.pubkey is not None
    rpmlib.import_pubkey(root, main.pubkey.read_text())
    with pytest.raises(TransactionFailedError):
        rpmlib.install_files(root, [main.rpm("xos-unsigned")])
    assert rpmlib.installed_packages(root) == ()


def test_relative_roots_stay_relative(
    tree: DistribTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # librpm turns a relative root into "/": rpmlib must resolve it first.
    pubkey = tree.medium("Main").pubkey
    assert pubkey is not None
    monkeypatch.chdir(tmp_path)
    assert rpmlib.import_pubkey("rel", pubkey.read_text())
    assert (tmp_path / "rel" / "var/lib/rpm").is_dir()
    assert len(rpmlib.imported_keys("rel")) == 1


def test_host_root_is_refused_for_changes(tree: DistribTree) -> None:
    with pytest.raises(RpmDatabaseError, match="refusing"):
        rpmlib.install_files("/", [tree.medium("Main").rpm("xos-docs")])
    with pytest.raises(RpmDatabaseError, match="refusing"):
        rpmlib.import_pubkey("/", "irrelevant")


def test_missing_database(tmp_path: Path) -> None:
    with pytest.raises(RpmDatabaseError, match="no rpm database"):
        rpmlib.installed_packages(tmp_path)
