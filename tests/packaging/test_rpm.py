# SPDX-License-Identifier: GPL-2.0-or-later
"""``rpmbuild -ba packaging/xosupdate.spec`` on an sdist, on this machine's rpmbuild, and
rpmlint on the result: no errors.

Debian's rpm database holds no packages, so build requirements cannot be checked there
(``--nodeps``). rpmlint wants signed packages and a Packager: the packages are signed with
a throw-away key and the packager given on the command line, as a build system would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from xosupdate.repo import SigningKey, sign_rpms
from xosupdate.services.transaction import HELPER_PATH

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SPEC = REPO_ROOT / "packaging" / "xosupdate.spec"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    for tool in ("rpmbuild", "rpmlint", "make"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    work = tmp_path_factory.mktemp("rpm")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-c",
         f"import setuptools.build_meta as b; print(b.build_sdist({str(dist)!r}))"],
        cwd=REPO_ROOT, check=True, capture_output=True,
    )  # fmt: skip
    (sdist,) = dist.glob("xosupdate-*.tar.gz")
    top = work / "top"
    (top / "SOURCES").mkdir(parents=True)
    shutil.copy(sdist, top / "SOURCES")
    build = subprocess.run(
        ["rpmbuild", "-ba", "--nodeps", "--define", f"_topdir {top}",
         "--define", "packager xosupdate developers <dev@xosupdate.invalid>", str(SPEC)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (rpm,) = (top / "RPMS" / "noarch").glob("xosupdate-*.noarch.rpm")
    (srpm,) = (top / "SRPMS").glob("xosupdate-*.src.rpm")
    # rpmlint checks signatures against the rpm database of $HOME (Debian's _dbpath is
    # ~/.rpmdb): a throw-away home holds the signing key, the host's database is untouched.
    home = work / "home"
    home.mkdir()
    with SigningKey.generate("xosupdate packaging test") as key:
        sign_rpms(key, [rpm, srpm])
        pubkey = home / "pubkey.asc"
        pubkey.write_text(key.armored)
        subprocess.run(
            ["rpmkeys", "--define", f"_dbpath {home}/.rpmdb", "--import", str(pubkey)],
            check=True,
            capture_output=True,
        )
    return rpm, srpm, home


def test_sdist_carries_what_the_spec_installs(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-c",
         f"import setuptools.build_meta as b; b.build_sdist({str(tmp_path)!r})"],
        cwd=REPO_ROOT, check=True, capture_output=True,
    )  # fmt: skip
    (sdist,) = tmp_path.glob("xosupdate-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in (
        "Makefile",
        "LICENSE",
        "packaging/xosupdate.spec",
        "packaging/org.xtreemos.xosupdate.policy",
        "packaging/xosupdate-helper",
        "packaging/xosupdate.desktop",
        "packaging/xosupdate.1",
        "resources/icons/xosupdate.svg",
        "xosupdate/helper/__main__.py",
        "ui/__init__.py",
        # Compiled catalogues: the spec's make install has no Qt tools to build them.
        "ui/xosupdate_en.qm",
        "ui/xosupdate_fr.qm",
    ):
        assert needed in names, needed


def test_package_layout(built: tuple[Path, Path, Path]) -> None:
    rpm, _, _ = built
    files = set(
        subprocess.run(
            ["rpm", "-qlp", str(rpm)], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert HELPER_PATH in files
    assert "/usr/bin/xosupdate-helper" not in files  # only reachable through pkexec
    for path in (
        "/usr/bin/xosupdate",
        "/usr/bin/xosupdate-gui",
        "/usr/bin/xosupdate-notifier",
        "/usr/share/polkit-1/actions/org.xtreemos.xosupdate.policy",
        "/usr/share/applications/xosupdate.desktop",
        "/etc/xdg/autostart/xosupdate-notifier.desktop",
        "/usr/share/metainfo/org.xtreemos.xosupdate.metainfo.xml",
        "/usr/share/icons/hicolor/scalable/apps/xosupdate.svg",
        "/usr/share/icons/hicolor/48x48/apps/xosupdate.png",
    ):
        assert path in files, path
    assert any(f.startswith("/usr/share/man/man1/xosupdate.1") for f in files)
    assert any(f.endswith("/xosupdate/ui/__init__.py") for f in files)
    # The GUI's subpackages and the icons it loads at run time.
    for tail in (
        "/xosupdate/ui/presenters/main.py",
        "/xosupdate/ui/icons/importance-security.svg",
        # The translations, beside the module that loads them (xosupdate.ui.i18n).
        "/xosupdate/ui/xosupdate_en.qm",
        "/xosupdate/ui/xosupdate_fr.qm",
    ):
        assert any(f.endswith(tail) for f in files), tail
    info = subprocess.run(
        ["rpm", "-qp", "--requires", str(rpm)], capture_output=True, text=True, check=True
    ).stdout
    for dep in ("python3-rpm", "python3-pyside6", "python3-requests", "python3-gnupg", "urpmi"):
        assert dep in info
    arch = subprocess.run(
        ["rpm", "-qp", "--qf", "%{ARCH}", str(rpm)], capture_output=True, text=True, check=True
    ).stdout
    assert arch == "noarch"


def test_rpmlint_reports_no_errors(built: tuple[Path, Path, Path]) -> None:
    rpm, srpm, home = built
    env = {**os.environ, "HOME": str(home)}
    res = subprocess.run(
        ["rpmlint", str(rpm), str(srpm), str(SPEC)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    errors = [line for line in res.stdout.splitlines() if ": E: " in line]
    assert errors == [], res.stdout
    assert " 0 errors" in res.stdout
