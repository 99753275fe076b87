# SPDX-License-Identifier: GPL-2.0-or-later
"""Mirror lists, mirrorlist: values, zone.tab, clock and urpmi's proximity order."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from xosupdate.errors import MirrorListError
from xosupdate.formats.mirrorlist import (
    Mirror,
    is_list_url,
    parse_clock,
    parse_mirror_value,
    parse_mirrorlist,
    parse_zone_tab,
    proximity_order,
    usable,
)

URPMI = "smartpm-smart/tests/data/urpmi"
MAGEIA = (
    "continent=EU,zone=FR,country=FR,city=Paris,latitude=46,longitude=2,version=9,"
    "arch=x86_64,type=distrib,url=http://ftp.free.fr/mirrors/mageia.org/distrib/9/x86_64\n"
)


def test_parse_mageia_line() -> None:
    (m,) = parse_mirrorlist(MAGEIA, source="list")
    assert m == Mirror(
        url="http://ftp.free.fr/mirrors/mageia.org/distrib/9/x86_64",
        type="distrib",
        continent="EU",
        zone="FR",
        country="FR",
        city="Paris",
        latitude=46.0,
        longitude=2.0,
        version="9",
        arch="x86_64",
        fields=m.fields,
    )
    assert [k for k, _ in m.fields][-1] == "url"
    assert str(m) == m.url


def test_lines_keep_unknown_keys_and_tolerate_crlf_and_blank_lines() -> None:
    mirrors = parse_mirrorlist(
        "\nurl=ftp://a/b,restricted=FR,latitude=,longitude=-.5\r\n  \nurl=file:///srv/m\n",
        source="l",
    )
    assert [m.url for m in mirrors] == ["ftp://a/b", "file:///srv/m"]
    assert mirrors[0].latitude is None
    assert mirrors[0].longitude == -0.5
    assert ("restricted", "FR") in mirrors[0].fields


def test_empty_list() -> None:
    assert parse_mirrorlist(b"", source="l") == ()
    assert parse_mirrorlist("\n\n", source="l") == ()


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (MAGEIA + "continent=EU,zone=FR,type=distrib\n", 2, "url"),
        (MAGEIA + "url=\n", 2, "url"),
        ("<html><head><title>Portal</title></head>\n", 1, "url"),
        (MAGEIA.replace("latitude=46", "latitude=north"), 1, "latitude"),
        (MAGEIA.replace("longitude=2", "longitude=nan"), 1, "longitude"),
        (MAGEIA.replace("longitude=2", "longitude=1_0"), 1, "longitude"),
    ],
)
def test_malformed_lines(text: str, line: int, field: str) -> None:
    with pytest.raises(MirrorListError) as info:
        parse_mirrorlist(text, source="mirrors.list")
    assert (info.value.line, info.value.field) == (line, field)
    assert str(info.value).startswith(f"mirrors.list:{line}: ")


def test_truncated_line_without_url() -> None:
    with pytest.raises(MirrorListError, match="no url="):
        parse_mirrorlist(MAGEIA + MAGEIA[:50], source="l")


def test_junk_utf8_nul_and_long_line() -> None:
    with pytest.raises(MirrorListError, match="UTF-8"):
        parse_mirrorlist(b"\x00\xff" * 1000, source="l")
    with pytest.raises(MirrorListError, match="NUL") as info:
        parse_mirrorlist(MAGEIA + "url=http://x\x00\n", source="l")
    assert info.value.line == 2
    start = time.perf_counter()
    with pytest.raises(MirrorListError, match="longer than"):
        parse_mirrorlist(MAGEIA + "url=http://" + "x" * 10_000_000 + "\n", source="l")
    assert time.perf_counter() - start < 1


def test_usable_filters_type_scheme_version_and_arch() -> None:
    mirrors = parse_mirrorlist(
        "type=distrib,version=9,arch=x86_64,url=http://a\n"
        "type=distrib,version=9,arch=x86_64,url=rsync://b\n"
        "type=updates,version=9,arch=x86_64,url=http://c\n"
        "type=distrib,version=8,arch=x86_64,url=HTTPS://d\n"
        "type=distrib,version=9,arch=i586,url=ftp://e\n"
        "type=distrib,version=9,arch=i586,url=file:///f\n",
        source="l",
    )
    assert [m.url for m in usable(mirrors)] == ["http://a", "HTTPS://d", "ftp://e", "file:///f"]
    assert [m.url for m in usable(mirrors, version="9")] == ["http://a", "ftp://e", "file:///f"]
    assert [m.url for m in usable(mirrors, version="9", arch="x86_64")] == ["http://a"]


def test_usable_drops_what_cannot_be_fetched_duplicates_and_remote_local_files() -> None:
    mirrors = parse_mirrorlist(
        "".join(
            f"type=distrib,url={url}\n"
            for url in (
                "http://a/m",
                "http://a/m/",  # the same mirror written again: tried once
                "http://a//m",
                "ftp://127.0.0.1:99999/x",  # port out of range
                "http://[::1/x",  # unclosed bracket
                "http:///nohost",
                "http://b/m?x=",  # a query would swallow the file names appended
                "http://c/m#top",
                "file:///etc/hostname?",
                "file:///srv/mirror",
                "http://d/m",
            )
        ),
        source="l",
    )
    assert [m.url for m in usable(mirrors)] == ["http://a/m", "file:///srv/mirror", "http://d/m"]
    # A list fetched from the network may not send anyone to local files.
    assert [m.url for m in usable(mirrors, local=False)] == ["http://a/m", "http://d/m"]


def test_parse_mirror_value() -> None:
    value = "$MIRRORLIST  http://m/list.list?reason=update\thttp://ftp.example/9/x86_64"
    elements = parse_mirror_value(value)
    assert elements == (
        "$MIRRORLIST",
        "http://m/list.list?reason=update",
        "http://ftp.example/9/x86_64",
    )
    assert [is_list_url(e) for e in elements] == [False, True, False]
    assert is_list_url("http://127.0.0.1:8765/mirrors.list")
    assert not is_list_url("http://host/mirrors.lists")
    assert parse_mirror_value("") == ()


def test_parse_zone_tab() -> None:
    zones = parse_zone_tab(
        "# comment\n\nFR\t+4852+00220\tEurope/Paris\nAR\t-3436-05827\tAmerica/Buenos_Aires\t"
        "Buenos Aires\r\nUS\t+404251-0740023\tAmerica/New_York\n"
    )
    assert zones["Europe/Paris"].country == "FR"
    assert math.isclose(zones["Europe/Paris"].latitude, 48 + 52 / 60)
    assert math.isclose(zones["Europe/Paris"].longitude, 2 + 20 / 60)
    assert math.isclose(zones["America/Buenos_Aires"].latitude, -(34 + 36 / 60))
    assert math.isclose(zones["America/Buenos_Aires"].longitude, -(58 + 27 / 60))
    assert math.isclose(zones["America/New_York"].latitude, 40 + 42 / 60 + 51 / 3600)
    assert math.isclose(zones["America/New_York"].longitude, -(74 + 0 / 60 + 23 / 3600))


@pytest.mark.parametrize(
    "text", ["FR +4852+00220 Europe/Paris\n", "FR\t4852+00220\tEurope/Paris\n", "FR\t+4852\tX\n"]
)
def test_zone_tab_malformed(text: str) -> None:
    with pytest.raises(MirrorListError) as info:
        parse_zone_tab("# ok\n" + text, source="zone.tab")
    assert info.value.line == 2


def test_parse_clock() -> None:
    assert parse_clock('UTC=true\nZONE="Europe/Paris"\nARC=false\n') == "Europe/Paris"
    assert parse_clock("ZONE='America/New_York'\n") == "America/New_York"
    assert parse_clock(b"UTC=false\n") is None
    assert parse_clock("ZONE=\n") is None
    with pytest.raises(MirrorListError):
        parse_clock(b"\xff")


def _m(
    url: str, lat: float | None, lon: float | None, continent: str = "", country: str = ""
) -> Mirror:
    return Mirror(url=url, latitude=lat, longitude=lon, continent=continent, country=country)


def test_proximity_order_distance_country_and_continent() -> None:
    paris = (48.86, 2.35)
    brussels = _m("brussels", 50.85, 4.35, "EU", "BE")
    geneva = _m("geneva", 46.20, 6.14, "EU", "CH")
    madrid = _m("madrid", 40.42, -3.70, "EU", "ES")
    newyork = _m("newyork", 40.71, -74.0, "NA", "US")
    nowhere = _m("nowhere", None, None, "EU")
    origin = _m("origin", 0, 0, "EU")
    order = proximity_order(
        [newyork, nowhere, madrid, origin, geneva, brussels],
        latitude=paris[0],
        longitude=paris[1],
    )
    assert [m.url for m in order] == [
        "brussels",
        "geneva",
        "madrid",
        "newyork",
        "nowhere",
        "origin",
    ]
    # The local country halves the distance: Geneva beats Brussels for a Swiss user in Paris.
    order = proximity_order([brussels, geneva], latitude=paris[0], longitude=paris[1], country="CH")
    assert [m.url for m in order] == ["geneva", "brussels"]


def test_proximity_order_continent_correction() -> None:
    # From Lima: Bogota (SA) is nearest and defines the best continent; Miami (NA) beats a
    # mirror at the same place without a continent only through the SA -> NA factor 0.9.
    bogota = _m("bogota", 4.71, -74.07, "SA")
    miami = _m("miami", 25.76, -80.19, "NA")
    far = _m("far", 25.76, -80.19, "")
    order = proximity_order([far, miami, bogota], latitude=-12.05, longitude=-77.04)
    assert [m.url for m in order] == ["bogota", "miami", "far"]


def test_proximity_order_is_stable_and_handles_no_coordinates() -> None:
    a, b = _m("a", 10, 10), _m("b", 10, 10)
    assert proximity_order([b, a], latitude=0, longitude=0) == (b, a)
    assert proximity_order([a, b], latitude=0, longitude=0) == (a, b)
    none = [_m("x", None, 1.0), _m("y", 1.0, None)]
    assert proximity_order(none, latitude=0, longitude=0) == tuple(none)
    assert proximity_order([], latitude=0, longitude=0) == ()


# ---------------------------------------------------------------- real files


def test_real_mirrorlist_and_geolocation(realdata: Path) -> None:
    mirrors = parse_mirrorlist((realdata / URPMI / "mirrorlist.txt").read_bytes(), source="m")
    assert len(mirrors) == 6
    assert {m.type for m in mirrors} == {"distrib", "iso", "updates"}
    assert mirrors[0].city == "Oslo"
    assert mirrors[0].bw == "1GB"
    assert mirrors[0].latitude == 59.65
    good = usable(mirrors, version="2010.1", arch="x86_64")
    assert [m.url for m in good] == [
        "http://ftp.uio.no/linux/MandrivaLinux/official/2010.1/x86_64",
        "http://ftp.sunet.se/pub/Linux/distributions/mandrakelinux/official/2010.1/x86_64",
    ]
    zone = parse_clock((realdata / URPMI / "clock").read_bytes())
    assert zone == "Europe/Stockholm"
    zones = parse_zone_tab((realdata / URPMI / "zone.tab").read_bytes())
    assert set(zones) == {"Europe/Oslo", "Europe/Stockholm"}
    here = zones[zone]
    assert here.country == "SE"
    assert math.isclose(here.latitude, 59 + 20 / 60)
    assert math.isclose(here.longitude, 18 + 3 / 60)
    order = proximity_order(
        good, latitude=here.latitude, longitude=here.longitude, country=here.country
    )
    assert [m.city for m in order] == ["Uppsala", "Oslo"]
