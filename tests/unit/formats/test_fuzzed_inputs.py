# SPDX-License-Identifier: GPL-2.0-or-later
"""Inputs a fuzzer found that raised something else than the format's own error: each
now gets that error (or is read as the format allows), never a crash."""

from __future__ import annotations

import pytest

from xosupdate.domain.evr import Evr
from xosupdate.errors import InvalidEvrError, MediaCfgError, MirrorListError, SynthesisError
from xosupdate.formats.mediacfg import parse_mediacfg
from xosupdate.formats.mirrorlist import parse_mirrorlist
from xosupdate.formats.openpgp import packet_body, short_id
from xosupdate.formats.synthesis import parse_dependency, parse_synthesis
from xosupdate.formats.urpmiout import LineKind, UrpmiOutput, parse_size

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
