# SPDX-License-Identifier: GPL-2.0-or-later
"""descriptions: urpmi's block grammar, importance, the exact writer shape, real files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.errors import DescriptionsError
from xosupdate.formats.descriptions import Descriptions, dump_descriptions, parse_descriptions

REAL = (
    "%package name1 name2\n"
    "Update: Wed Jun 20 01:02:03 2007\n"
    "Importance: bugfix\n"
    "ID: SMARTTEST-2008:001\n"
    "URL: http://www.example.com/security/advisories?name=SMARTTEST-2008:001\n"
    "\n"
    "%pre\n"
    "update fixes bugs\n"
    "\n"
    "%description\n"
    "\n"
)
SMART = Advisory(
    packages=("name1", "name2"),
    importance=Importance.BUGFIX,
    id="SMARTTEST-2008:001",
    url="http://www.example.com/security/advisories?name=SMARTTEST-2008:001",
    updated="Wed Jun 20 01:02:03 2007",
    reason="update fixes bugs",
)


def test_parse_the_real_shape() -> None:
    d = parse_descriptions(REAL, source="descriptions")
    assert d.advisories == (SMART,)
    assert d.for_package("name1") is d.for_package("name2") is d.advisories[0]
    assert d.for_package("name3") is None
    assert len(d) == 1


def test_dump_gives_the_real_shape() -> None:
    assert dump_descriptions([SMART]) == REAL


def test_headers_only_right_after_package() -> None:
    text = (
        "%package a\n"
        "Updated:   Mon Jan  5 10:00:00 2009  \n"
        "Importance: SECURITY\n"
        "CVE: CVE-2009-0001\n"  # unknown header: ignored, as urpmi does
        "ID:MDVSA-2009:001\n"  # no blank after the colon: not a header
        "%pre\n"
        "Importance: bugfix\n"  # in %pre: text
        "  indented\n"
        "\n"
        "second paragraph\n"
        "\n"
        "\n"
        "%description\n"
        "URL: http://not/a/header\n"
        "%package b c\n"
        "Importance: whatever\n"
    )
    a, b = parse_descriptions(text, source="d").advisories
    assert a.updated == "Mon Jan  5 10:00:00 2009"
    assert a.importance is Importance.SECURITY
    assert a.id == ""
    assert a.reason == "Importance: bugfix\n  indented\n\nsecond paragraph"
    assert a.description == "URL: http://not/a/header"
    assert b.packages == ("b", "c")
    assert b.importance is Importance.NORMAL
    assert (b.reason, b.description, b.url) == ("", "", "")


def test_missing_importance_is_normal_and_last_block_wins() -> None:
    d = parse_descriptions("%package a\n%pre\nold\n%package a  b\n%pre\nnew\n", source="d")
    assert d.advisories[0].importance is Importance.NORMAL
    assert d.for_package("a") == d.advisories[1]
    assert d.advisories[1].packages == ("a", "b")


def test_percent_lines_inside_texts() -> None:
    d = parse_descriptions(
        "%package a\n%pre\n%prerequisite\n100% fixed\n%description\n%descriptions\n%x\n",
        source="d",
    )
    # urpmi's /^%(pre|description)/ switches sections on any such prefix.
    assert d.advisories[0].reason == "100% fixed"
    assert d.advisories[0].description == "%x"


def test_crlf_and_leading_blank_lines() -> None:
    d = parse_descriptions("\r\n\n%package a\r\nID: X-1\r\n%pre\r\nr\r\n", source="d")
    assert d.advisories[0].id == "X-1"
    assert d.advisories[0].reason == "r"


def test_empty_file() -> None:
    assert parse_descriptions(b"", source="d") == Descriptions()
    assert parse_descriptions("\n \n", source="d").advisories == ()


@pytest.mark.parametrize(
    ("text", "line", "match"),
    [
        ("\nUpdate: x\n%package a\n", 2, "before the first %package"),
        ("%pre\nx\n", 1, "before the first %package"),
        ("%package a\n%package\n", 2, "expected '%package name"),
        ("%package a\n%package   \n", 2, "expected '%package name"),
        ("%packages a\n", 1, "expected '%package name"),
        ("%package\tb\n", 1, "expected '%package name"),
        ("<html><body>Not Found</body></html>\n", 1, "before the first %package"),
    ],
)
def test_malformed(text: str, line: int, match: str) -> None:
    with pytest.raises(DescriptionsError, match=match) as info:
        parse_descriptions(text, source="descriptions")
    assert info.value.line == line
    assert str(info.value).startswith(f"descriptions:{line}: ")


def test_binary_junk_invalid_utf8_and_nul() -> None:
    with pytest.raises(DescriptionsError, match="UTF-8") as info:
        parse_descriptions(b"\x00\xff" * 1000, source="d")
    assert info.value.line == 1
    with pytest.raises(DescriptionsError, match="UTF-8") as info:
        parse_descriptions(REAL.encode() + b"%package x\n%pre\n\xc3(\n", source="d")
    assert info.value.line == 14
    with pytest.raises(DescriptionsError, match="NUL") as info:
        parse_descriptions(REAL + "%package x\x00\n", source="d")
    assert info.value.line == 12


def test_ten_megabyte_line_is_text() -> None:
    """Descriptions are free text: a long line is kept, and read in linear time."""
    long = "x" * 10_000_000
    start = time.perf_counter()
    d = parse_descriptions(f"%package a\n%pre\n{long}\n", source="d")
    assert time.perf_counter() - start < 1
    assert len(d.advisories[0].reason) == 10_000_000


def test_truncated_file_is_read_leniently() -> None:
    """The format has no trailer: a cut file reads as what it still holds."""
    d = parse_descriptions(REAL[: -len("%description\n\n")], source="d")
    assert d.advisories[0].reason == "update fixes bugs"
    assert parse_descriptions(REAL[:-25], source="d").advisories[0].reason == "update f"


def test_dump_normalises_trailing_blank_lines_and_skips_empty_headers() -> None:
    a = Advisory(packages=("p",), reason="r\n\n  \n", description="\n  \n")
    assert dump_descriptions([a]) == "%package p\nImportance: normal\n\n%pre\nr\n\n%description\n\n"


@pytest.mark.parametrize(
    "advisory",
    [
        Advisory(packages=()),
        Advisory(packages=("two words",)),
        Advisory(packages=("",)),
        Advisory(packages=("p",), id="X\n1"),
        Advisory(packages=("p",), url=" http://x"),
        Advisory(packages=("p",), reason="a\r\nb"),
        Advisory(packages=("p",), reason="ok\n%package q"),
        Advisory(packages=("p",), description="%description again"),
    ],
)
def test_dump_refuses_what_cannot_be_read_back(advisory: Advisory) -> None:
    with pytest.raises(DescriptionsError):
        dump_descriptions([advisory])


_word = st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=8)
_value = st.lists(_word, max_size=3).map(" ".join)
_text_line = st.text(
    st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs", "Cc")), max_size=12
).filter(lambda line: not line.startswith(("%package", "%pre", "%description")))


def _normalised(text: str) -> str:
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


_advisories = st.builds(
    Advisory,
    packages=st.lists(_word, min_size=1, max_size=3).map(tuple),
    importance=st.sampled_from(Importance),
    id=_value,
    url=_value,
    updated=_value,
    reason=st.lists(_text_line, max_size=4).map("\n".join),
    description=st.lists(_text_line, max_size=4).map("\n".join),
)


@pytest.mark.property
@settings(max_examples=80)
@given(st.lists(_advisories, max_size=4))
def test_dump_parse_round_trip(advisories: list[Advisory]) -> None:
    text = dump_descriptions(advisories)
    parsed = parse_descriptions(text, source="d").advisories
    expected = tuple(
        Advisory(
            packages=a.packages,
            importance=a.importance,
            id=a.id,
            url=a.url,
            updated=a.updated,
            reason=_normalised(a.reason),
            description=_normalised(a.description),
        )
        for a in advisories
    )
    assert parsed == expected
    assert dump_descriptions(parsed) == text


# ---------------------------------------------------------------- real files


def test_real_file_round_trips_byte_for_byte(realdata: Path) -> None:
    path = realdata / "smartpm-smart/tests/data/urpmi/media_info/descriptions"
    data = path.read_bytes()
    d = parse_descriptions(data, source=str(path))
    assert d.advisories == (SMART,)
    assert dump_descriptions(d.advisories).encode() == data


def test_bench_corpus(bench_corpus: Path) -> None:
    data = (bench_corpus / "media/core/updates/media_info/descriptions").read_bytes()
    d = parse_descriptions(data, source="descriptions")
    assert len(d) == 3006
    assert {a.importance for a in d.advisories} == set(Importance)
    assert d.for_package("7zip") is d.advisories[0]
    assert d.advisories[0].id == "BENCH-2010-0000"
    assert dump_descriptions(d.advisories).encode() == data
