# SPDX-License-Identifier: GPL-2.0-or-later
"""Inputs a fuzzer found that raised something else than the format's own error: each
now gets that error (or is read as the format allows), never a crash."""

from __future__ import annotations

import gzip

import pytest

from xosupdate.domain.evr import Evr
from xosupdate.errors import (
    FormatError,
    InvalidEvrError,
    MediaCfgError,
    MirrorListError,
    SynthesisError,
)
from xosupdate.formats import _compress, synthesis
from xosupdate.formats._compress import Compression, compress, decompress, iter_decompressed
from xosupdate.formats.mediacfg import parse_mediacfg
from xosupdate.formats.mirrorlist import parse_mirrorlist
from xosupdate.formats.openpgp import armored_blocks, packet_body, short_id
from xosupdate.formats.skiplist import parse_skip_list
from xosupdate.formats.synthesis import parse_dependency, parse_synthesis
from xosupdate.formats.urpmiout import LineKind, LineSplitter, UrpmiOutput, parse_line, parse_size

MANY = "9" * 5000  # more digits than int() converts (ValueError, not a format error)


@pytest.mark.parametrize("label", ["²:1-1", f"{MANY}:1-1", "99999999999:1-1"])
def test_epochs_that_are_no_rpm_epoch(label: str) -> None:
    with pytest.raises(InvalidEvrError, match="epoch must be a non-negative integer"):
        Evr.parse(label)
    with pytest.raises(InvalidEvrError):
        parse_dependency(f"foo[== {label}]")


def test_media_cfg_numbers_with_thousands_of_digits() -> None:
    cfg = parse_mediacfg(f"[media_info]\n\n[main]\nhdlist=h\nsize={MANY}k\n", source="m")
    assert cfg.sections[0].size_bytes is None
    with pytest.raises(MediaCfgError, match="mediacfg_version is not a number"):
        parse_mediacfg(f"[media_info]\nmediacfg_version={MANY}\n", source="m")


def test_an_urpmi_size_too_long_to_be_one() -> None:
    assert parse_size("9" * 400) is None
    assert parse_size("13KB") == 13312


@pytest.mark.parametrize("data", [b"\xc6", b"\x99", b""])
def test_a_packet_of_one_byte(data: bytes) -> None:
    with pytest.raises(ValueError, match="not an OpenPGP packet"):
        packet_body(data)
    with pytest.raises(ValueError, match="not an OpenPGP packet"):
        short_id(data)


@pytest.mark.parametrize("lazy", [False, True])
def test_an_obsoletes_bracket_left_open_to_the_next_line(lazy: bool) -> None:
    data = b"@obsoletes@old[\n@obsoletes@other]\n@info@new-1-1.noarch@0@0@G\n"
    syn = parse_synthesis(data, source="s", lazy=lazy)
    assert syn.obsoleted_names() >= {"old["}  # kept as written: it matches no package
    assert syn.entry(0).name == "new"


def test_coordinates_out_of_this_world() -> None:
    huge = "9" * 400  # a float of infinity: cos() of it raised "math domain error"
    with pytest.raises(MirrorListError, match="latitude 9+ is not between -90 and 90"):
        parse_mirrorlist(f"latitude={huge},longitude=2,type=distrib,url=http://a\n", source="l")
    with pytest.raises(MirrorListError, match="longitude -200 is not between -180 and 180"):
        parse_mirrorlist("latitude=1,longitude=-200,type=distrib,url=http://a\n", source="l")


def test_synthesis_error_type_is_kept() -> None:
    with pytest.raises(SynthesisError):
        parse_synthesis(b"@info@x-1-1.noarch@\xb2@0@G\n", source="s").entry(0)


def test_an_urpmi_counter_of_thousands_of_digits_is_no_progress() -> None:
    out = UrpmiOutput()
    lines = list(out.feed(f"      1/{MANY}: bash        ####\n".encode()))
    assert [line.kind for line in lines] != [LineKind.PACKAGE]


# ---------------------------------------------------------------- second batch: size
# Inputs on which the former code was quadratic or unbounded (the fuzzer's timings in the
# comments). No time is asserted here (speed is ``make bench``'s): these sizes keep the
# suite quick now and would make it crawl again.


def test_a_long_run_of_blanks_in_urpmi_output_is_read_at_once() -> None:
    # Ten seconds before (every split of the blanks was tried); ~3 ms now.
    assert parse_line("1/1: x" + " " * 65_000 + "y").kind is LineKind.OTHER
    assert parse_line("      1/4: xos-base              ####").kind is LineKind.PACKAGE
    assert parse_line("      1/1: removing a-1-1.i586").kind is LineKind.REMOVING


def test_urpmi_output_fed_a_byte_at_a_time() -> None:
    splitter = LineSplitter()
    # 77 s before for 60,000 bytes (everything pending was searched again at each byte).
    assert all(splitter.feed(b"#") == [] for _ in range(60_000))
    lines: list[str] = []
    for byte in b"a\r\nb\rc\nd\r":
        lines += splitter.feed(bytes([byte]))
    assert lines[-3:] == ["#" * 60_000 + "a", "b", "c"] and splitter.finish() == ["d"]


def test_a_provides_line_full_of_brackets() -> None:
    data = b"@provides@a@" + b"[" * 50_000 + b"\n@info@p-1-1.noarch@0@0@G\n"  # 3.4 s before
    syn = parse_synthesis(data, source="s", lazy=True)
    assert syn.providers_of("a") == [0]


def test_a_skip_list_expression_python_cannot_compile() -> None:
    s = parse_skip_list("/" + "(" * 500 + ")" * 500 + "/\n/a{4294967296}/\nfoo\n", source="k")
    assert s.names == {"foo"} and [p.line for p in s.problems] == [1, 2]


@pytest.mark.parametrize("data", [b"\xc0\xc5", b"\xc0\xff\x00", b"\x99\x00\x05\x04"])
def test_a_packet_cut_short(data: bytes) -> None:
    with pytest.raises(ValueError, match="cut short"):
        packet_body(data)


def test_many_begin_lines_without_end() -> None:
    text = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n" * 10_000  # 13 s before
    assert armored_blocks(text) == []


def test_thousands_of_empty_gzip_members() -> None:
    data = b"".join(gzip.compress(b"", mtime=0) for _ in range(50_000))  # 2 s before
    assert decompress(data, source="g") == b""


def test_a_zstd_bomb_is_stopped_with_little_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_compress, "MAX_DECOMPRESSED", 64 << 20)
    bomb = compress(bytes(256 << 20), Compression.ZSTD)
    assert len(bomb) < 1 << 20
    biggest = 0
    with pytest.raises(FormatError, match="inflating to more than 64 MiB"):
        for chunk in iter_decompressed(bomb, source="z", background=False):
            biggest = max(biggest, len(chunk))
    assert biggest <= 64 << 20


def test_tag_lines_that_never_reach_an_info_line() -> None:
    data = gzip.compress(b"@summary@x\n" * ((20 << 20) // 11), mtime=0)
    with pytest.raises(SynthesisError, match="more than 16 MiB of tag lines without an @info@"):
        parse_synthesis(data, source="s", lazy=True)


@pytest.mark.parametrize("lazy", [True, False])
def test_millions_of_tiny_packages_are_refused_early(
    monkeypatch: pytest.MonkeyPatch, *, lazy: bool
) -> None:
    """A few MB of minimal @info@ lines would inflate to tens of millions of index entries
    (gigabytes, in root's helper too): past the limit, one error naming the line."""
    monkeypatch.setattr(synthesis, "MAX_PACKAGES", 30_000)
    text = b"".join(b"@summary@s\n@info@n%d-1-1.noarch@0@0@G\n" % i for i in range(40_000))
    with pytest.raises(SynthesisError, match="more than 30,000 packages") as e:
        parse_synthesis(gzip.compress(text, mtime=0), source="s", lazy=lazy)
    assert e.value.line == 60_002  # the @info@ line of package 30,001
    exactly = text[: text.index(b"@summary@s\n@info@n30000-")]
    assert len(parse_synthesis(exactly, source="s", lazy=lazy)) == 30_000


def test_a_doubled_synthesis_indexes_its_names_in_one_pass() -> None:
    one = b"".join(b"@info@n%d-1-1.noarch@0@0@G\n" % i for i in range(20_000))
    syn = parse_synthesis(one + one, source="s", lazy=True)  # by_name: 2.4 s before
    assert syn.by_name()["n7"] == [7, 20_007]
