# SPDX-License-Identifier: GPL-2.0-or-later
"""build_distrib: signed rpm files, media.cfg, synthesis, MD5SUM, pubkey, descriptions."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.integration.conftest import BuildRepo
from tests.integration.repo import sample
from tests.integration.tools import rpmkeys
from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.errors import RepoBuildError
from xosupdate.formats._compress import decompress
from xosupdate.formats.descriptions import parse_descriptions
from xosupdate.formats.md5sum import parse_md5sum
from xosupdate.formats.mediacfg import parse_mediacfg
from xosupdate.formats.synthesis import parse_synthesis
from xosupdate.repo import (
    Compression,
    DistribSpec,
    DistribTree,
    MediumSpec,
    PackageSpec,
    SigningKey,
    build_distrib,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tree(build_repo: BuildRepo) -> DistribTree:
    return build_repo(sample.SAMPLE)


def _signature(path: Path) -> str:
    """The header signature as rpm describes it ("(none)" when unsigned)."""
    return subprocess.run(
        [
            "rpm",
            "-qp",
            "--qf",
            "%|DSAHEADER?{%{DSAHEADER:pgpsig}}:{%{RSAHEADER:pgpsig}}|",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _dep(
    name: str,
    op: Op = Op.ANY,
    evr: str | None = None,
    *,
    pre: bool = False,
) -> Dependency:
    return Dependency(name=name, op=op, evr=Evr.parse(evr) if evr else None, pre=pre)


def test_media_cfg_lists_the_media(tree: DistribTree) -> None:
    assert tree.media_cfg == tree.root / "media" / "media_info" / "media.cfg"
    assert tree.media_cfg.read_text() == (
        "[media_info]\nmediacfg_version=2\nversion=2.0\nbranch=Official\narch=x86_64\n"
        "product=Free\n\n"
        "[main/release]\nhdlist=hdlist_main.cz\nname=Main\n\n"
        "[main/updates]\nhdlist=hdlist_main_updates.cz\nname=Main Updates\n"
        "updates_for=main/release\n\n"
        "[main/testing]\nhdlist=hdlist_main_testing.cz\nname=Main Testing\nnoauto=1\n"
    )
    cfg = parse_mediacfg(tree.media_cfg.read_text(), source="media.cfg")
    assert [s.path for s in cfg.sections] == ["main/release", "main/updates", "main/testing"]


def test_tree_layout(tree: DistribTree, signing_keys: Mapping[str, SigningKey]) -> None:
    main, updates, testing = tree.media
    assert sorted(p.name for p in main.directory.glob("*.rpm")) == sorted(
        p.filename for p in sample.MAIN.packages
    )
    # The epoch never appears in a file name; noarch and x86_64 side by side.
    assert (main.directory / "xos-full-1.2-3xos2.0.noarch.rpm").is_file()
    assert (main.directory / "xos-hello-1.0-1xos2.0.x86_64.rpm").is_file()
    assert main.rpms == tuple(main.directory / p.filename for p in sample.MAIN.packages)
    assert sorted(f.name for f in main.media_info.iterdir()) == [
        "MD5SUM",
        "pubkey",
        "synthesis.hdlist.cz",
    ]
    assert sorted(f.name for f in updates.media_info.iterdir()) == [
        "MD5SUM",
        "descriptions",
        "pubkey",
        "synthesis.hdlist.cz",
    ]
    assert sorted(f.name for f in testing.media_info.iterdir()) == ["MD5SUM", "synthesis.hdlist.cz"]
    assert testing.pubkey is None
    assert testing.key_short_id is None
    assert main.pubkey is not None
    assert main.pubkey.read_text() == signing_keys["release"].armored
    assert tree.key_ids == {
        "Main": signing_keys["release"].short_id,
        "Main Updates": signing_keys["updates"].short_id,
    }
    assert updates.key_fingerprint == signing_keys["updates"].fingerprint
    assert (updates.update, testing.noauto, main.update) == (True, True, False)
    assert tree.medium("main/updates") is updates
    assert tree.medium("Main Testing") is testing
    assert main.with_dir == "media/main/release"


def test_signed_packages_verify_against_the_medium_pubkey(
    tree: DistribTree, tmp_path: Path
) -> None:
    main = tree.medium("Main")
    signed = [main.rpm(n) for n in ("xos-base", "xos-hello", "xos-full")]
    root = tmp_path / "root"
    root.mkdir()
    without = rpmkeys(root, "--checksig", *map(str, signed))
    assert without.returncode == 3  # one per failing file
    assert without.stdout.count("SIGNATURES NOT OK") == 3
    assert main.pubkey is not None
    assert rpmkeys(root, "--import", str(main.pubkey)).returncode == 0
    with_key = rpmkeys(root, "--checksig", *map(str, signed))
    assert with_key.returncode == 0, with_key.stdout + with_key.stderr
    assert with_key.stdout.count("digests signatures OK") == 3
    # The updates key is another key: Main's pubkey does not vouch for its packages.
    update = tree.medium("Main Updates").rpm("xos-hello")
    assert rpmkeys(root, "--checksig", str(update)).returncode == 1


def test_signers(tree: DistribTree, signing_keys: Mapping[str, SigningKey]) -> None:
    main = tree.medium("Main")
    assert f"Key ID {signing_keys['release'].key_id.lower()}" in _signature(main.rpm("xos-lib"))
    assert f"Key ID {signing_keys['other'].key_id.lower()}" in _signature(
        main.rpm("xos-othersigned")
    )
    assert _signature(main.rpm("xos-unsigned")) == "(none)"
    # A medium without key gives unsigned packages.
    assert _signature(tree.medium("Main Testing").rpm("xos-hello")) == "(none)"


def test_unsigned_package_fails_a_signature_level_check(tree: DistribTree, tmp_path: Path) -> None:
    unsigned = tree.medium("Main Testing").rpm("xos-hello")
    root = tmp_path / "root"
    root.mkdir()
    assert rpmkeys(root, "--checksig", str(unsigned)).returncode == 0  # digests only
    strict = rpmkeys(root, "--define", "_pkgverify_level signature", "--checksig", str(unsigned))
    assert strict.returncode == 1


def test_synthesis_records(tree: DistribTree) -> None:
    main = tree.medium("Main")
    syn = parse_synthesis(main.synthesis.read_bytes(), source="main")
    assert [e.name for e in syn.entries] == [p.name for p in sample.MAIN.packages]
    records = {p.name: p for p in syn.packages()}

    full = records["xos-full"]
    assert (full.evr, full.arch, full.group) == (
        Evr.parse("2:1.2-3xos2.0"),
        "noarch",
        "Development/Other",
    )
    assert full.summary == "Package exercising all synthesis tags"
    assert full.provides == (
        _dep("xos-full", Op.EQ, "2:1.2-3xos2.0"),
        _dep("xos-virtual", Op.EQ, "3"),
    )
    assert full.conflicts == (_dep("xos-legacy", Op.LT, "1.0"),)
    assert full.obsoletes == (_dep("xos-old", Op.LT, "2"),)
    assert set(full.requires) == {
        _dep("/usr/bin/xos-hello"),
        _dep("libxos", Op.GE, "1.0"),
        _dep("xos-base", pre=True),
    }
    assert full.filesize == main.rpm("xos-full").stat().st_size

    hello = records["xos-hello"]
    # rpm's self-provide and arch provide, then the file another package requires.
    assert hello.provides == (
        _dep("xos-hello", Op.EQ, "1.0-1xos2.0"),
        _dep("xos-hello(x86-64)", Op.EQ, "1.0-1xos2.0"),
        _dep("/usr/bin/xos-hello"),
    )
    assert _dep("/bin/sh", pre=True) in hello.requires  # %post interpreter
    assert not any(d.is_rpmlib for d in hello.requires)
    assert hello.suggests == (_dep("xos-docs"),)
    # Only required paths become provides: /bin/sh yes, /etc/xos-release no.
    assert [d.name for d in records["xos-base"].provides if d.is_file] == ["/bin/sh"]
    assert records["xos-lib"].provides[0] == _dep("libxos", Op.EQ, "1.0")
    assert records["xos-extra"].conflicts == (_dep("xos-legacy"),)
    assert records["xos-docs"].size == len("xos-docs 0.5-1xos2.0\n")


def test_synthesis_text_is_genhdlist2s(tree: DistribTree) -> None:
    main = tree.medium("Main")
    text = gzip.decompress(main.synthesis.read_bytes()).decode()
    size = main.rpm("xos-full").stat().st_size
    assert (
        "@provides@xos-full[== 2:1.2-3xos2.0]@xos-virtual[== 3]\n"
        "@conflicts@xos-legacy[< 1.0]\n"
        "@obsoletes@xos-old[< 2]\n"
        "@requires@/usr/bin/xos-hello@libxos[>= 1.0]@xos-base[*]\n"
        "@summary@Package exercising all synthesis tags\n"
        f"@filesize@{size}\n"
        "@info@xos-full-1.2-3xos2.0.noarch@2@0@Development/Other\n"
    ) in text
    assert "@suggests@xos-docs\n" in text
    assert "@recommends@" not in text
    assert "rpmlib(" not in text


def test_gzip_synthesis_is_reproducible(tree: DistribTree) -> None:
    data = tree.medium("Main").synthesis.read_bytes()
    assert data[:2] == b"\x1f\x8b"
    assert data[4:8] == b"\0\0\0\0"  # gzip mtime 0


def test_md5sum_covers_synthesis_and_descriptions(tree: DistribTree) -> None:
    for medium in tree.media:
        sums = parse_md5sum(medium.md5sum.read_text(), source=str(medium.md5sum))
        expected = ["synthesis.hdlist.cz"] + (["descriptions"] if medium.descriptions else [])
        assert list(sums) == expected
        for name, digest in sums.items():
            data = (medium.media_info / name).read_bytes()
            assert hashlib.md5(data).hexdigest() == digest
        assert "pubkey" not in sums


def test_descriptions(tree: DistribTree) -> None:
    updates = tree.medium("Main Updates")
    assert updates.descriptions is not None
    text = updates.descriptions.read_text()
    assert text.startswith(
        "%package xos-hello\nUpdate: Wed Jan 14 10:00:00 2009\nImportance: security\n"
        "ID: XOSSA-2009:001\nURL: http://www.xtreemos.eu/security/advisories?name="
        "XOSSA-2009:001\n\n%pre\nFixes a buffer overflow in the greeting.\n"
    )
    parsed = parse_descriptions(text, source="descriptions")
    assert parsed.for_package("xos-lib") == sample.BUGFIX
    assert parsed.for_package("xos-hello") == sample.SECURITY


def test_xz_and_recommends_for_mageia(build_repo: BuildRepo) -> None:
    spec = DistribSpec(
        version="9",
        media=(
            MediumSpec(
                path="core/release",
                name="Core Release",
                key="release",
                media_type="release",
                packages=(sample.HELLO, sample.LIB),
            ),
        ),
    )
    tree = build_repo(spec, compression=Compression.XZ, recommends=True)
    data = tree.media[0].synthesis.read_bytes()
    assert data.startswith(b"\xfd7zXZ\x00")
    text = decompress(data, source="xz").decode()
    assert "@recommends@xos-docs\n" in text
    assert "hdlist=hdlist_core_release.cz\nname=Core Release\nmedia_type=release\n" in (
        tree.media_cfg.read_text()
    )


def test_empty_medium_has_an_empty_synthesis(build_repo: BuildRepo) -> None:
    tree = build_repo(
        DistribSpec(media=(MediumSpec(path="main/backports", name="Main Backports"),))
    )
    medium = tree.media[0]
    assert len(parse_synthesis(medium.synthesis.read_bytes(), source="empty")) == 0
    assert medium.rpms == ()


def test_same_name_in_one_medium_and_arch_variants(build_repo: BuildRepo) -> None:
    kernel_a = PackageSpec(
        name="kernel-desktop-latest", version="2.6.27.5", release="1mnb2", arch="x86_64"
    )
    kernel_b = PackageSpec(
        name="kernel-desktop-latest", version="2.6.27.7", release="1mnb2", arch="x86_64"
    )
    lib32 = PackageSpec(
        name="libxos0", version="1.0", release="1", arch="i586", files=("/usr/lib/libxos.so.0",)
    )
    lib64 = PackageSpec(
        name="libxos0", version="1.0", release="1", arch="x86_64", files=("/usr/lib64/libxos.so.0",)
    )
    tree = build_repo(
        DistribSpec(
            media=(
                MediumSpec(
                    path="main/release", name="Main", packages=(kernel_a, kernel_b, lib32, lib64)
                ),
            )
        )
    )
    syn = parse_synthesis(tree.media[0].synthesis.read_bytes(), source="m")
    assert [e.fullname for e in syn.entries] == [
        "kernel-desktop-latest-2.6.27.5-1mnb2.x86_64",
        "kernel-desktop-latest-2.6.27.7-1mnb2.x86_64",
        "libxos0-1.0-1.i586",
        "libxos0-1.0-1.x86_64",
    ]


def test_unknown_key_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no signing key named nosuch"):
        build_distrib(
            DistribSpec(media=(MediumSpec(path="a/b", name="A", key="nosuch"),)), tmp_path, keys={}
        )


def test_rpmbuild_failure_carries_stderr(tmp_path: Path) -> None:
    broken = PackageSpec(name="xos-broken", version="1", release="1", requires=("foo >=",))
    with pytest.raises(RepoBuildError) as info:
        build_distrib(
            DistribSpec(media=(MediumSpec(path="a/b", name="A", packages=(broken,)),)),
            tmp_path / "d",
            keys={},
        )
    assert info.value.command[0] == "rpmbuild"
    assert "foo >=" in info.value.stderr or "Version required" in info.value.stderr


def test_an_existing_tree_is_not_overwritten(tree: DistribTree) -> None:
    with pytest.raises(RepoBuildError, match="already holds"):
        build_distrib(DistribSpec(media=()), tree.root, keys={})


def test_spec_validation() -> None:
    with pytest.raises(ValueError, match="bad package name"):
        PackageSpec(name="bad name", version="1", release="1")
    with pytest.raises(ValueError, match="bad file path"):
        PackageSpec(name="x", version="1", release="1", files=("/usr/bin/a b",))
    with pytest.raises(ValueError, match="unknown scriptlets"):
        PackageSpec(name="x", version="1", release="1", scriptlets={"postinstall": "true"})
    with pytest.raises(ValueError, match="listed twice"):
        MediumSpec(path="a/b", name="A", packages=(sample.DOCS, sample.DOCS))
    with pytest.raises(ValueError, match="updates_for"):
        DistribSpec(media=(MediumSpec(path="a/b", name="A", updates_for="a/c"),))
