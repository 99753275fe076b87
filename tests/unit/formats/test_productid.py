# SPDX-License-Identifier: GPL-2.0-or-later
"""/etc/product.id: urpmi's split rules, required keys, the $MIRRORLIST URL."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xosupdate.errors import ProductIdError
from xosupdate.formats.productid import (
    ProductId,
    dump_productid,
    mirrorlist_url,
    parse_productid,
)

MANDRIVA = (
    "vendor=Mandriva,distribution=Mandriva Linux,type=Basic,version=2011.0,branch=Devel,"
    "release=1,arch=x86_64,product=Free\n"
)
SMART = (
    "vendor=mandriva,distribution=mandriva linux,type=base,version=2010.1,branch=final,arch=x86_64"
)


def test_real_mandriva_line() -> None:
    p = parse_productid(MANDRIVA, source="product.id")
    assert (p.vendor, p.distribution, p.type, p.version) == (
        "Mandriva",
        "Mandriva Linux",
        "Basic",
        "2011.0",
    )
    assert (p.branch, p.release, p.arch, p.product) == ("Devel", "1", "x86_64", "Free")
    assert [k for k, _ in p.fields] == [
        "vendor",
        "distribution",
        "type",
        "version",
        "branch",
        "release",
        "arch",
        "product",
    ]
    assert str(p) == "Mandriva Linux 2011.0 x86_64"


def test_smart_line_without_newline_or_product() -> None:
    p = parse_productid(SMART.encode(), source="product.id")
    assert p.product == ""
    assert p.release == ""
    assert p.type == "base"


def test_urpmi_split_rules() -> None:
    p = parse_productid(
        "version=2009.0, spaced key= a b ,junk,arch=i586,x=1=2,version=2009.1,=empty\r\n\n \n",
        source="p",
    )
    assert p.fields == (
        ("version", "2009.1"),
        (" spaced key", " a b "),
        ("arch", "i586"),
        ("x", "1=2"),
        ("", "empty"),
    )
    assert p.get(" spaced key") == " a b "
    assert p.get("media", "none") == "none"
    assert str(ProductId(fields=(("vendor", "XtreemOS"),))) == "XtreemOS"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("vendor=Mandriva,arch=i586\n", "version"),
        ("vendor=Mandriva,version=2009.0\n", "arch"),
        ("version=,arch=i586\n", "version"),
    ],
)
def test_missing_mandatory_field(text: str, field: str) -> None:
    with pytest.raises(ProductIdError) as info:
        parse_productid(text, source="/etc/product.id")
    assert info.value.field == field
    assert str(info.value) == f"/etc/product.id:1: no {field}= value"


@pytest.mark.parametrize("text", ["", "\n", "no pairs at all\n", "a,b,c"])
def test_empty_or_keyless(text: str) -> None:
    with pytest.raises(ProductIdError, match="no key=value pairs") as info:
        parse_productid(text, source="p")
    assert info.value.line == 1


def test_second_line_is_an_error() -> None:
    with pytest.raises(ProductIdError, match="more than one line") as info:
        parse_productid(MANDRIVA + "vendor=other\n", source="p")
    assert info.value.line == 2


@pytest.mark.parametrize("field", ["arch", "version", "type", "vendor"])
def test_blanks_around_a_value_of_the_mirror_list_url(field: str) -> None:
    """``arch=x86_64 `` would make "…x86_64 .list": one error naming the field."""
    values = {"vendor": "Mageia", "type": "basic", "version": "9", "arch": "x86_64"}
    values[field] += " "
    line = ",".join(f"{k}={v}" for k, v in values.items())
    with pytest.raises(ProductIdError, match=rf"^p:1: blanks around the value of {field}: "):
        parse_productid(line + "\n", source="p")


def test_binary_junk_and_invalid_utf8() -> None:
    with pytest.raises(ProductIdError, match="UTF-8"):
        parse_productid(b"\x00\xff" * 1000, source="p")
    with pytest.raises(ProductIdError, match="NUL"):
        parse_productid("version=1,arch=\x00", source="p")


def test_ten_megabyte_line() -> None:
    start = time.perf_counter()
    with pytest.raises(ProductIdError, match="longer than") as info:
        parse_productid("version=1,arch=i586,x=" + "y" * 10_000_000, source="p")
    assert info.value.line == 1
    assert time.perf_counter() - start < 1


def test_truncated_file_misses_its_arch() -> None:
    with pytest.raises(ProductIdError, match="arch"):
        parse_productid(MANDRIVA[:90], source="p")


def test_build_and_dump() -> None:
    p = ProductId.build(
        vendor="XtreemOS",
        distribution="XtreemOS",
        type="Basic",
        version="2.1",
        branch="Official",
        release="1",
        arch="i586",
        product="Free",
        extra=(("media", "dvd"),),
    )
    assert dump_productid(p) == (
        "vendor=XtreemOS,distribution=XtreemOS,type=Basic,version=2.1,branch=Official,"
        "release=1,arch=i586,product=Free,media=dvd\n"
    )
    assert parse_productid(dump_productid(p), source="p") == p
    assert ProductId.build(version="1", arch="i586").fields == (("version", "1"), ("arch", "i586"))


@pytest.mark.parametrize(
    "fields", [(("", "x"),), (("a=b", "x"),), (("a,b", "x"),), (("a", "x,y"),), (("a", "x\n"),)]
)
def test_dump_refuses_what_cannot_be_read_back(fields: tuple[tuple[str, str], ...]) -> None:
    with pytest.raises(ProductIdError):
        dump_productid(ProductId(fields=fields))


_keys = st.text(st.characters(blacklist_characters=",=\r\n\x00"), min_size=1, max_size=10)
_values = st.text(st.characters(blacklist_characters=",\r\n\x00"), min_size=1, max_size=15)


@pytest.mark.property
@settings(max_examples=60)
@given(st.dictionaries(_keys, _values, max_size=5))
def test_dump_parse_round_trip(extra: dict[str, str]) -> None:
    fields = {"version": "2009.0", "arch": "i586", **extra}
    p = ProductId(fields=tuple(fields.items()))
    assert parse_productid(dump_productid(p), source="p") == p


# ---------------------------------------------------------------- $MIRRORLIST


def _p(**keys: str) -> ProductId:
    return ProductId(fields=tuple(keys.items()))


def test_mirrorlist_mandriva_2009() -> None:
    p = _p(vendor="Mandriva", type="Basic", version="2009.0", arch="i586")
    assert mirrorlist_url(p) == "http://api.mandriva.com/mirrors/basic.2009.0.i586.list"


def test_mirrorlist_unknown_vendor_uses_mandriva_pattern() -> None:
    p = _p(type="Power Pack", version="2009.0", arch="x86_64")
    assert mirrorlist_url(p) == "http://api.mandriva.com/mirrors/powerpack.2009.0.x86_64.list"


def test_mirrorlist_xtreemos_assumption() -> None:
    p = _p(vendor="XtreemOS", type="Basic", version="2.1", arch="i586")
    assert mirrorlist_url(p) == "http://api.xtreemos.org/mirrors/basic.2.1.i586.list"


def test_mirrorlist_mageia_ignores_type() -> None:
    p = _p(vendor="mageia", type="whatever", version="9", arch="x86_64")
    assert mirrorlist_url(p) == "https://mirrors.mageia.org/api/mageia.9.x86_64.list"


def test_mirrorlist_openmandriva() -> None:
    devel = _p(vendor="OpenMandriva", branch="Devel", version="4.0", arch="znver1")
    release = _p(vendor="OpenMandriva", branch="Official", version="4.0", arch="x86_64")
    assert mirrorlist_url(devel) == "https://downloads.openmandriva.org/mirrors/cooker.znver1.list"
    assert mirrorlist_url(release) == (
        "https://downloads.openmandriva.org/mirrors/openmandriva.4.0.x86_64.list"
    )


def test_mirrorlist_base_url_replaces_the_prefix() -> None:
    p = _p(vendor="XtreemOS", type="Basic", version="2.1", arch="i586")
    assert mirrorlist_url(p, base_url="http://127.0.0.1:8765/api/") == (
        "http://127.0.0.1:8765/api/basic.2.1.i586.list"
    )
    mga = _p(vendor="mageia", version="9", arch="x86_64")
    assert mirrorlist_url(mga, base_url="file:///srv/m") == "file:///srv/m/mageia.9.x86_64.list"


def test_mirrorlist_needs_a_type_for_mandriva() -> None:
    with pytest.raises(ProductIdError, match="type") as info:
        mirrorlist_url(_p(vendor="Mandriva", version="2009.0", arch="i586"))
    assert info.value.field == "type"
