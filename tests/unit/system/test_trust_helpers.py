# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi's URL variables of a root, and swapping a cache directory in one piece."""

from __future__ import annotations

import socket
from pathlib import Path

from xosupdate.system.metacache import MetadataCache, replace_dir, restore_dir
from xosupdate.system.urpmistate import UrpmiState


def test_variables_from_etc_release(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc/release").write_text("Mandriva Linux release 2009.0 (Official) for i586\n")
    assert UrpmiState(tmp_path).variables() == {
        "RELEASE": "2009.0",
        "ARCH": "i586",
        "HOST": socket.gethostname(),
    }


def test_variables_fall_back_to_product_id(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc/product.id").write_text(
        "vendor=mageia,distribution=Mageia,type=basic,version=9,branch=Official,arch=x86_64\n"
    )
    variables = UrpmiState(tmp_path).variables()
    assert (variables["RELEASE"], variables["ARCH"]) == ("9", "x86_64")
    assert set(UrpmiState(tmp_path / "none").variables()) == {"HOST"}


def test_replace_dir(tmp_path: Path) -> None:
    target = tmp_path / "media" / "Main"
    new = tmp_path / "media" / ".new-1"
    new.mkdir(parents=True)
    (new / "MD5SUM").write_text("one")
    replace_dir(new, target)
    assert (target / "MD5SUM").read_text() == "one" and not new.exists()
    new.mkdir()
    (new / "MD5SUM").write_text("two")
    replace_dir(new, target)
    assert (target / "MD5SUM").read_text() == "two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["Main"]


def test_restore_dir_after_a_crash_between_renames(tmp_path: Path) -> None:
    target = tmp_path / "Main"
    aside = tmp_path / ".old-Main-abcd1234"
    aside.mkdir()
    (aside / "MD5SUM").write_text("kept")
    (tmp_path / ".new-Main-xyz_0000").mkdir()
    (tmp_path / ".new-Main-x-abcd1234").mkdir()  # medium "Main-x", not "Main"
    restore_dir(target)
    assert (target / "MD5SUM").read_text() == "kept" and not aside.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".new-Main-x-abcd1234", "Main"]
    (tmp_path / ".old-Main-again000").mkdir()
    restore_dir(target)  # the target is there: a stray old copy just goes
    assert sorted(p.name for p in tmp_path.iterdir()) == [".new-Main-x-abcd1234", "Main"]


def test_cache_paths(tmp_path: Path) -> None:
    cache = MetadataCache(tmp_path / "cache", tmp_path / "root")
    assert cache.medium_dir("Main Updates").name == "Main%20Updates"
    assert cache.partial_dir("Main Updates").parent.name == "partial"
    assert cache.mirrors_file.parent == cache.verdicts_file.parent == cache.root_dir
    # urpmi.cfg allows a medium named "." or "..": never the media directory or its parent.
    media = cache.medium_dir("Main").parent
    for name, entry in ((".", "%2E"), ("..", "%2E."), (".hidden", "%2Ehidden")):
        assert cache.medium_dir(name) == media / entry
        assert cache.partial_dir(name).name == entry
