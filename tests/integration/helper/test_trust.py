# SPDX-License-Identifier: GPL-2.0-or-later
"""The privileged side re-checks every package before the transaction: unsigned,
unknown-key, other-medium-key and tampered packages are refused, the database untouched."""

from __future__ import annotations

import io
import json
import shutil
import struct
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.conftest import BuildRepo
from tests.integration.helper.conftest import rpmdb_state
from xosupdate.helper.__main__ import main
from xosupdate.helper.protocol import ErrorCode, HelperExit, ResultEvent, decode_reply
from xosupdate.repo import DistribSpec, MediumSpec, MirrorServer, PackageSpec, SigningKey
from xosupdate.system import rpmlib

# Refusals are logged as warnings for the audit trail: expected here.
pytestmark = [pytest.mark.integration, pytest.mark.expected_warnings]

# A base package with /bin/sh so that nothing needs the host's shell; scriptlets are off in
# sandbox roots anyway.
SIGNED = MediumSpec(
    path="main/release",
    name="Signed",
    key="release",
    packages=(
        PackageSpec(name="good", version="1.0", release="1", files=("/usr/share/good/a",)),
        PackageSpec(name="unsigned", version="1.0", release="1", signed_by=None),
        PackageSpec(name="otherkey", version="1.0", release="1", signed_by="other"),
        PackageSpec(name="updkey", version="1.0", release="1", signed_by="updates"),
        PackageSpec(name="tamper-payload", version="1.0", release="1", files=("/t/p",)),
        PackageSpec(name="tamper-header", version="1.0", release="1", files=("/t/h",)),
        PackageSpec(name="swapped", version="1.0", release="1"),
    ),
)
UPDATES = MediumSpec(
    path="main/updates",
    name="Updates",
    key="updates",
    updates_for="main/release",
    packages=(PackageSpec(name="good", version="1.1", release="1", files=("/usr/share/good/a",)),),
)
SPEC = DistribSpec(media=(SIGNED, UPDATES))


@dataclass
class Site:
    root: Path
    tree: Path
    mirror: MirrorServer

    def rpm(self, medium: str, name: str) -> Path:
        return next((self.tree / "media" / medium).glob(f"{name}-*.rpm"))


@pytest.fixture
def site(
    build_repo: BuildRepo, signing_keys: Mapping[str, SigningKey], tmp_path: Path
) -> Iterator[Site]:
    built = build_repo(SPEC)
    tree = tmp_path / "mirror"
    shutil.copytree(built.root, tree)  # private: some tests tamper with it
    root = tmp_path / "root"
    for key in ("release", "updates"):  # "other" is not imported
        rpmlib.import_pubkey(root, signing_keys[key].armored)
    with MirrorServer(tree) as mirror:
        (root / "etc/urpmi").mkdir(parents=True)
        (root / "etc/urpmi/urpmi.cfg").write_text(
            "{\n}\n\n"
            f"Signed {mirror.url}/media/main/release {{\n"
            f"  key-ids: {signing_keys['release'].short_id}\n}}\n\n"
            f"Updates {mirror.url}/media/main/updates {{\n"
            f"  key-ids: {signing_keys['updates'].short_id}\n  update\n}}\n"
        )
        yield Site(root=root, tree=tree, mirror=mirror)


def install(site: Site, *packages: str, media: tuple[str, ...] = ()) -> tuple[int, ResultEvent]:
    request: dict[str, object] = {"protocol": 1, "packages": list(packages)}
    if media:
        request["media"] = list(media)
    out = io.BytesIO()
    status = main(
        ["install", "--root", str(site.root)],
        io.BytesIO(json.dumps(request).encode() + b"\n"),
        out,
        env={},
        stderr=io.StringIO(),
    )
    result = decode_reply(out.getvalue().splitlines()[-1])
    assert isinstance(result, ResultEvent)
    return status, result


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x55
    path.write_bytes(bytes(data))


def main_header_data(path: Path) -> int:
    """An offset inside the main header's data (design/testing.md §4 layout)."""
    buf = path.read_bytes()

    def size(off: int) -> tuple[int, int]:
        nindex, hsize = struct.unpack(">II", buf[off + 8 : off + 16])
        return 16 + 16 * nindex, hsize

    index, data = size(96)
    start = 96 + index + data
    start += -start % 8
    index, data = size(start)
    return start + index + data // 2


def test_signed_packages_install(site: Site) -> None:
    status, result = install(site, "good", media=("Signed",))
    assert (status, result.ok) == (HelperExit.OK, True), result.message
    status, result = install(site, "good")  # the newest: Updates' 1.1, signed by its key
    assert result.ok, result.message
    assert [p.fullname for p in result.packages] == ["good-1.1-1.noarch"]
    assert [p.fullname for p in rpmlib.installed_packages(site.root)] == ["good-1.1-1.noarch"]


@pytest.mark.parametrize(
    ("package", "code", "words"),
    [
        ("unsigned", ErrorCode.UNSIGNED, "not signed"),
        ("otherkey", ErrorCode.UNKNOWN_KEY, "does not hold"),
        ("updkey", ErrorCode.KEY_NOT_BOUND, "not a key of medium Signed"),
    ],
)
def test_untrusted_packages_are_refused(
    site: Site, package: str, code: ErrorCode, words: str
) -> None:
    before = rpmdb_state(site.root)
    status, result = install(site, "good", package, media=("Signed",))
    assert result.code is code, result.message
    assert words in result.message
    assert result.medium == "Signed"
    assert status == HelperExit.FAILED
    assert rpmdb_state(site.root) == before  # "good" was not installed either
    # A refused file is not kept for a later attempt.
    assert not (site.root / "var/cache/urpmi/rpms" / f"{package}-1.0-1.noarch.rpm").exists()


# Signature header tags: the header-only signatures (DSA/EdDSA, RSA) and the legacy
# header-and-payload one (GPG).
DSAHEADER, RSAHEADER, SIGGPG = 267, 268, 1005


def retag(path: Path, old: tuple[int, ...], new: int) -> None:
    """Rename the first of the tags ``old`` in the signature header (after the lead)."""
    data = bytearray(path.read_bytes())
    (count,) = struct.unpack(">I", data[104:108])
    for at in range(112, 112 + 16 * count, 16):
        if struct.unpack(">I", data[at : at + 4])[0] in old:
            data[at : at + 4] = struct.pack(">I", new)
            path.write_bytes(bytes(data))
            return
    raise AssertionError(f"{path.name} has none of the signature tags {old}")


def test_a_signature_moved_to_a_legacy_tag_is_refused(site: Site) -> None:
    """A mirror's own key, its header signature renamed to the legacy header-and-payload
    tag, which reading a header never checks: the file reads without error, its digests
    intact, but nothing checked signs it."""
    retag(site.rpm("main/release", "otherkey"), (DSAHEADER, RSAHEADER), SIGGPG)
    before = rpmdb_state(site.root)
    status, result = install(site, "good", "otherkey", media=("Signed",))
    assert result.code is ErrorCode.UNSIGNED, result.message
    assert status == HelperExit.FAILED
    assert rpmdb_state(site.root) == before


def test_tampered_payload_is_refused(site: Site) -> None:
    path = site.rpm("main/release", "tamper-payload")
    flip(path, path.stat().st_size - 10)
    before = rpmdb_state(site.root)
    _, result = install(site, "tamper-payload")
    assert result.code is ErrorCode.TAMPERED
    assert "payload digest" in result.message
    assert rpmdb_state(site.root) == before


def test_tampered_header_is_refused(site: Site) -> None:
    path = site.rpm("main/release", "tamper-header")
    flip(path, main_header_data(path))
    before = rpmdb_state(site.root)
    _, result = install(site, "tamper-header")
    assert result.code is ErrorCode.TAMPERED, result.message
    assert rpmdb_state(site.root) == before


def test_another_signed_package_under_the_name_is_refused(site: Site) -> None:
    # A correctly signed file, but not the package the metadata lists under that name
    # (a mirror replaying another or an older package).
    shutil.copyfile(site.rpm("main/release", "good"), site.rpm("main/release", "swapped"))
    before = rpmdb_state(site.root)
    _, result = install(site, "swapped")
    assert result.code is ErrorCode.TAMPERED
    assert "not what medium Signed lists" in result.message
    assert rpmdb_state(site.root) == before


def test_synthesis_not_matching_md5sum_is_refused(site: Site) -> None:
    md5sum = site.tree / "media/main/updates/media_info/MD5SUM"
    text = md5sum.read_text()
    lines = [
        ("0" * 32 + line[32:]) if line.endswith("synthesis.hdlist.cz") else line
        for line in text.splitlines()
    ]
    md5sum.write_text("\n".join(lines) + "\n")
    before = rpmdb_state(site.root)
    _, result = install(site, "good")
    assert result.code is ErrorCode.SYNC
    assert "md5sum mismatch" in result.message
    assert rpmdb_state(site.root) == before


def test_dead_mirror_is_a_sync_error(site: Site) -> None:
    site.mirror.fault("/media/main/release", status=404)
    _, result = install(site, "good", media=("Signed",))
    assert result.code is ErrorCode.SYNC
    assert "HTTP 404" in result.message
