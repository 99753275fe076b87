# SPDX-License-Identifier: GPL-2.0-or-later
"""The media.cfg → urpmi.cfg rules of urpmi.addmedia --distrib, without a network."""

from __future__ import annotations

from xosupdate.formats.mediacfg import parse_mediacfg
from xosupdate.services.distrib import plan_from_mediacfg

MAGEIA = """\
[media_info]
mediacfg_version=2
version=9
arch=x86_64

[core/release]
name=Core Release
media_type=official:free:release

[nonfree/release]
name=Nonfree Release
media_type=official:non-free:release

[core/updates_testing]
name=Core Updates Testing
media_type=official:free:testing
noauto=1

[../../SRPMS/core/release]
name=Core Release Sources
media_type=official:free:release:source
rpms=core/release
noauto=1
"""


def plan(product_free: bool, old_text: str = "") -> list[tuple[str, bool, str]]:
    cfg = parse_mediacfg(MAGEIA, source="media.cfg")
    media, skipped = plan_from_mediacfg(
        cfg, base_url="http://m/9/x86_64", old_text=old_text, product_free=product_free
    )
    assert [s.name for s in skipped] == ["Core Release Sources"]
    return [(m.name, m.ignore, m.url) for m in media]


def test_free_products_do_not_enable_non_free_media() -> None:
    assert plan(product_free=False) == [
        ("Core Release", False, "http://m/9/x86_64/media/core/release"),
        ("Nonfree Release", False, "http://m/9/x86_64/media/nonfree/release"),
        ("Core Updates Testing", True, "http://m/9/x86_64/media/core/updates_testing"),
    ]
    assert [ignore for _, ignore, _ in plan(product_free=True)] == [False, True, True]


def test_existing_names_are_numbered() -> None:
    old = "{\n}\n\nCore\\ Release http://other {\n}\n\nCore\\ Release2 http://other2 {\n}\n"
    assert [name for name, _, _ in plan(product_free=False, old_text=old)] == [
        "Core Release3",
        "Nonfree Release",
        "Core Updates Testing",
    ]


def test_mirror_list_media_get_with_dir() -> None:
    cfg = parse_mediacfg(MAGEIA, source="media.cfg")
    media, _ = plan_from_mediacfg(
        cfg, base_url="http://mirror/9/x86_64", old_text="", mirrorlist="$MIRRORLIST"
    )
    assert [(m.url, m.mirrorlist, m.with_dir) for m in media][:2] == [
        ("", "$MIRRORLIST", "media/core/release"),
        ("", "$MIRRORLIST", "media/nonfree/release"),
    ]
