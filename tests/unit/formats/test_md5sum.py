# SPDX-License-Identifier: GPL-2.0-or-later
"""MD5SUM: urpmi's all-or-nothing line rule, the versioned synthesis, real files."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xosupdate.errors import Md5sumError
from xosupdate.formats.md5sum import Md5sum, dump_md5sum, parse_md5sum

SMART = "smartpm-smart/tests/data"
TESTA = "gitpan-MDV-Distribconf/testdata/testa/media"
A = "956622cf9049e4ea044a491cbe1cbf05"
B = "19fc2aabe2513b2ecf05fcdb4c15d36d"


def test_parse_md5sum_format() -> None:
    md5 = parse_md5sum(f"{A}  hdlist.cz\n{B.upper()} ./synthesis.hdlist.cz\n", source="m")
    assert dict(md5) == {"hdlist.cz": A, "synthesis.hdlist.cz": B}
    assert list(md5) == ["hdlist.cz", "synthesis.hdlist.cz"]
    assert len(md5) == 2
    assert md5["hdlist.cz"] == A
    assert md5.get("pubkey") is None


def test_tabs_between_digest_and_name() -> None:
    assert parse_md5sum(f"{A}\t\thdlist.cz\n", source="m")["hdlist.cz"] == A


def test_repeated_name_keeps_first_position_and_last_digest() -> None:
    md5 = parse_md5sum(f"{A}  x\n{A}  y\n{B}  x\n", source="m")
    assert list(md5.items()) == [("x", B), ("y", A)]
    assert md5.entries == (("x", A), ("y", A), ("x", B))


def test_versioned_synthesis() -> None:
    text = (
        f"{A}  hdlist.cz\n"
        f"{B}  synthesis.hdlist.cz\n"
        f"{A}  20081014-101530-hdlist.cz\n"
        f"{A}  20081013-101530-synthesis.hdlist.cz\n"
        f"{B}  20081014-101530-synthesis.hdlist.cz\n"
        f"{B}  20081012-101530-synthesis.hdlist.cz\n"
        f"{B}  2008101-101530-synthesis.hdlist.cz\n"
    )
    md5 = parse_md5sum(text, source="m")
    assert md5.versioned_synthesis() == "20081014-101530-synthesis.hdlist.cz"
    assert md5.versioned("hdlist.cz") == "20081014-101530-hdlist.cz"
    assert md5.versioned("info.xml.lzma") is None


def test_no_versioned_twin() -> None:
    md5 = parse_md5sum(
        f"{A}  synthesis.hdlist.cz\n{B}  20081014-101530-synthesis.hdlist.cz\n", source="m"
    )
    assert md5.versioned_synthesis() is None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"{A}  hdlist.cz\n\n{B}  synthesis.hdlist.cz\n", 2),  # a blank line
        (f"{A}  hdlist.cz\n{B[:-1]}  synthesis.hdlist.cz\n", 2),  # 31 digits
        (f"{A}0  hdlist.cz\n", 1),  # 33 digits
        (f"{A}hdlist.cz\n", 1),  # no blank
        (f"{A}  two words\n", 1),
        (f"{A}  hdlist.cz\r\n", 1),  # urpmi's \S+$ refuses the carriage return
        (f"  {A}  hdlist.cz\n", 1),
        (f"{'g' * 32}  hdlist.cz\n", 1),
        ("<html><body>404 Not Found</body></html>\n", 1),
    ],
)
def test_whole_file_rejected_on_one_bad_line(text: str, line: int) -> None:
    with pytest.raises(Md5sumError) as info:
        parse_md5sum(text, source="MD5SUM")
    assert info.value.line == line
    assert str(info.value).startswith(f"MD5SUM:{line}: ")


@pytest.mark.parametrize("data", [b"", b"\n", A.encode(), f"{A[1:]}\n".encode()])
def test_32_bytes_or_less_is_invalid(data: bytes) -> None:
    with pytest.raises(Md5sumError, match="invalid MD5SUM file"):
        parse_md5sum(data, source="m")


def test_33_bytes_is_long_enough_to_be_judged() -> None:
    with pytest.raises(Md5sumError, match="not an md5sum line"):
        parse_md5sum(f"{A}\n\n", source="m")


def test_truncated_last_line() -> None:
    with pytest.raises(Md5sumError, match="truncated") as info:
        parse_md5sum(f"{A}  hdlist.cz\n{B}  synthes", source="m")
    assert info.value.line == 2


def test_binary_junk() -> None:
    with pytest.raises(Md5sumError, match="UTF-8") as info:
        parse_md5sum(b"\x00\xff" * 1000, source="m")
    assert info.value.line == 1


def test_invalid_utf8_names_the_line() -> None:
    with pytest.raises(Md5sumError, match="UTF-8") as info:
        parse_md5sum(f"{A}  hdlist.cz\n{B}  ".encode() + b"\xe9t\xe9\n", source="m")
    assert info.value.line == 2


def test_nul_byte() -> None:
    with pytest.raises(Md5sumError, match="NUL") as info:
        parse_md5sum(f"{A}  hdlist.cz\n{B}  syn\x00thesis\n", source="m")
    assert info.value.line == 2


def test_ten_megabyte_line_is_rejected_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(Md5sumError, match="longer than") as info:
        parse_md5sum(f"{A}  hdlist.cz\n{B}  {'x' * 10_000_000}\n", source="m")
    assert info.value.line == 2
    assert time.perf_counter() - start < 1


def test_dump_md5sum() -> None:
    assert dump_md5sum({"hdlist.cz": A, "synthesis.hdlist.cz": B.upper()}) == (
        f"{A}  hdlist.cz\n{B}  synthesis.hdlist.cz\n"
    )


@pytest.mark.parametrize(
    "entries", [{"x": "123"}, {"x": "g" * 32}, {"": A}, {"a b": A}, {"./x": A}]
)
def test_dump_refuses_what_cannot_be_read_back(entries: dict[str, str]) -> None:
    with pytest.raises(Md5sumError):
        dump_md5sum(entries)


_names = st.text(
    st.characters(min_codepoint=33, max_codepoint=0x2FF), min_size=1, max_size=20
).filter(lambda n: not n.startswith("./"))
_digests = st.binary(min_size=1, max_size=8).map(lambda b: hashlib.md5(b).hexdigest())


@pytest.mark.property
@settings(max_examples=60)
@given(st.dictionaries(_names, _digests, min_size=1, max_size=6))
def test_dump_parse_round_trip(entries: dict[str, str]) -> None:
    parsed = parse_md5sum(dump_md5sum(entries), source="m")
    assert dict(parsed) == entries
    assert list(parsed) == list(entries)
    assert parsed == Md5sum(entries=tuple(entries.items()))


# ---------------------------------------------------------------- real files


@pytest.mark.parametrize("medium", [f"{SMART}/urpmi", f"{SMART}/urpmi-xml", f"{TESTA}/first"])
def test_real_md5sum_matches_the_files_next_to_it(realdata: Path, medium: str) -> None:
    info = realdata / medium / "media_info"
    md5 = parse_md5sum((info / "MD5SUM").read_bytes(), source=str(info / "MD5SUM"))
    assert "synthesis.hdlist.cz" in md5
    for name, digest in md5.items():
        assert hashlib.md5((info / name).read_bytes()).hexdigest() == digest, name
    assert md5.versioned_synthesis() is None


def test_real_per_distrib_md5sum(realdata: Path) -> None:
    info = realdata / TESTA / "media_info"
    md5 = parse_md5sum((info / "MD5SUM").read_bytes(), source="MD5SUM")
    assert len(md5) == 9
    present = [name for name in md5 if (info / name).exists()]
    assert "hdlist_first.cz" not in present  # listed, but not copied into the fixture
    for name in present:
        assert hashlib.md5((info / name).read_bytes()).hexdigest() == md5[name], name


def test_real_mismatch_fixture(realdata: Path) -> None:
    """second_src's MD5SUM has a deliberately wrong hdlist.cz digest (ends in 0123456)."""
    distrib = parse_md5sum((realdata / TESTA / "media_info/MD5SUM").read_bytes(), source="d")
    medium = parse_md5sum(
        (realdata / TESTA / "second_src/media_info/MD5SUM").read_bytes(), source="m"
    )
    assert medium["hdlist.cz"].endswith("0123456")
    assert medium["hdlist.cz"] != distrib["hdlist_second_src.cz"]
    assert medium["synthesis.hdlist.cz"] == distrib["synthesis.hdlist_second_src.cz"]
    synthesis = realdata / TESTA / "media_info/synthesis.hdlist_second_src.cz"
    assert hashlib.md5(synthesis.read_bytes()).hexdigest() == medium["synthesis.hdlist.cz"]
