# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi.cfg binds keys by short id, which two keys can share (tests/data/collision): an
impostor key with a medium's short id is never trusted for it, by the verdicts or by the
helper, and is never imported next to the key it imitates."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from xosupdate.domain.evr import Evr
from xosupdate.domain.plan import UpdateCandidate
from xosupdate.domain.verdict import Verdict
from xosupdate.errors import HelperError, KeyNotBoundError, RpmDatabaseError
from xosupdate.formats.urpmicfg import parse_urpmicfg
from xosupdate.helper import rpmtx
from xosupdate.services.signatures import KeyInventory, _classify
from xosupdate.system.gpg import read_keys
from xosupdate.system.metacache import MetadataCache
from xosupdate.system.rpmlib import header_prefix_length, header_verdict, import_pubkey

pytestmark = pytest.mark.integration

DATA = Path(__file__).parents[2] / "data" / "collision"
MAIN_KEY = (DATA / "main-key.asc").read_text()
IMPOSTOR_KEY = (DATA / "impostor-key.asc").read_text()
PACKAGE = "xos-good-1.1-1xos2.0.noarch"
GENUINE = DATA / f"{PACKAGE}.by-main.rpm"
FORGED = DATA / f"{PACKAGE}.by-impostor.rpm"
CFG = parse_urpmicfg(
    "{\n}\n\nMain http://m/main {\n  key-ids: a5c17870\n}\n\nThird http://t/repo {\n}\n",
    source="urpmi.cfg",
)
CANDIDATE = UpdateCandidate(
    name="xos-good", arch="noarch", candidate=Evr.parse("1.1-1xos2.0"), medium="Main"
)


def _verdict(keys: KeyInventory, rpm_file: Path) -> tuple[Verdict, str]:
    data = rpm_file.read_bytes()
    check = header_verdict(data[: header_prefix_length(data)], keys.armored)
    v = _classify(CANDIDATE, check, keys)
    return v.verdict, v.detail


def _rpm_import(root: Path, key: str) -> None:
    """As rpm or an older tool would: no short-id check."""
    path = root / "key.asc"
    path.write_text(key)
    subprocess.run(
        ["rpm", "--root", str(root), "--dbpath", "/var/lib/rpm", "--import", str(path)], check=True
    )


def test_the_fixtures_are_two_keys_with_one_short_id() -> None:
    (main,) = read_keys(MAIN_KEY, source="main-key.asc")
    (impostor,) = read_keys(IMPOSTOR_KEY, source="impostor-key.asc")
    assert main.short_id == impostor.short_id == "a5c17870"
    assert main.fingerprint != impostor.fingerprint


def test_pubkeys_tell_the_medium_key_from_the_impostor(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "var/lib/rpm").mkdir(parents=True)
    cache = MetadataCache(tmp_path / "cache", root)
    for medium, key in (("Main", MAIN_KEY), ("Third", IMPOSTOR_KEY)):
        cache.medium_dir(medium).mkdir(parents=True)
        (cache.medium_dir(medium) / "pubkey").write_text(key)
    keys = KeyInventory(root, CFG, cache)
    assert _verdict(keys, GENUINE) == (Verdict.TRUSTED, "Signed by a5c17870, the key of Main")
    verdict, detail = _verdict(keys, FORGED)
    assert verdict is Verdict.BAD
    assert detail == (
        "Signed by key 7DAE81C6A5C17870, which only shares its short id a5c17870 with the "
        "key of Main"
    )


def test_two_imported_keys_with_one_short_id_trust_nothing(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "var/lib/rpm").mkdir(parents=True)
    _rpm_import(root, MAIN_KEY)
    _rpm_import(root, IMPOSTOR_KEY)
    keys = KeyInventory(root, CFG, MetadataCache(tmp_path / "cache", root))
    for package in (GENUINE, FORGED):
        verdict, detail = _verdict(keys, package)
        assert verdict is Verdict.UNKNOWN_KEY
        assert "a short id several keys share" in detail
    # The helper refuses both: it cannot tell which key urpmi.cfg means.
    imported = rpmtx.imported_keys(root)
    expected = rpmtx.Expected(
        name="xos-good", evr=Evr.parse("1.1-1xos2.0"), arch="noarch", medium="Main"
    )
    for package in (GENUINE, FORGED):
        with pytest.raises(KeyNotBoundError, match="several keys imported into rpm"):
            rpmtx.verify_package(package, expected=expected, bound=["a5c17870"], keys=imported)


def test_the_helper_accepts_the_medium_key_only(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "var/lib/rpm").mkdir(parents=True)
    _rpm_import(root, MAIN_KEY)
    imported = rpmtx.imported_keys(root)
    expected = rpmtx.Expected(
        name="xos-good", evr=Evr.parse("1.1-1xos2.0"), arch="noarch", medium="Main"
    )
    hdr = rpmtx.verify_package(GENUINE, expected=expected, bound=["a5c17870"], keys=imported)
    assert hdr["name"] == "xos-good"
    with pytest.raises(KeyNotBoundError):
        rpmtx.verify_package(FORGED, expected=expected, bound=["a5c17870"], keys=imported)


def test_an_impostor_key_is_never_imported(tmp_path: Path) -> None:
    root = tmp_path / "root"
    import_pubkey(root, MAIN_KEY)
    assert import_pubkey(root, MAIN_KEY) == ("a5c17870",)  # the same key again is fine
    with pytest.raises(RpmDatabaseError, match="has the short id a5c17870 of the imported key"):
        import_pubkey(root, IMPOSTOR_KEY)
    with pytest.raises(HelperError, match="has the short id a5c17870 of the imported key"):
        rpmtx.import_pubkey(root, IMPOSTOR_KEY)
    assert set(rpmtx.imported_keys(root)) == {"a5c17870"}
    assert len(rpmtx.imported_keys(root)["a5c17870"]) == 1
