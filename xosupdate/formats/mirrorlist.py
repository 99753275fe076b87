# SPDX-License-Identifier: GPL-2.0-or-later
"""Mirror lists and the inputs urpmi geolocates with (formats layer; formats.md §2.2-§2.4).

A mirror list has one mirror per line, comma-separated ``key=value`` pairs read like
product.id, ``url`` last. Every line is kept; ``usable`` picks what urpmi would use. The
geolocation inputs (``zone.tab``, ``/etc/sysconfig/clock``) and urpmi's proximity order are
pure functions here; choosing, caching and black-listing mirrors is a service's job.
"""

from __future__ import annotations

import math
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from xosupdate.errors import MirrorListError
from xosupdate.formats._text import check_lines, decode, split_lines, split_pairs

__all__ = [
    "Mirror",
    "Zone",
    "is_list_url",
    "parse_clock",
    "parse_mirror_value",
    "parse_mirrorlist",
    "parse_zone_tab",
    "proximity_order",
    "usable",
]

_USABLE_SCHEMES: Final = ("http://", "https://", "ftp://", "file://")
_SLASHES: Final = re.compile("/{2,}")
# Plain decimal degrees; float() alone would also take "nan", "inf" and "1_0".
_DECIMAL: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
# zone.tab coordinates: ±DDMM±DDDMM or ±DDMMSS±DDDMMSS (ISO 6709).
_COORDINATES: Final = re.compile(
    r"([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?", re.ASCII
)
_LIST_URL: Final = re.compile(r".*\.list(?:\?.*)?", re.DOTALL)


@dataclass(frozen=True, slots=True, kw_only=True)
class Mirror:
    """One line of a mirror list.

    Attributes:
        url: the arch-level directory (the parent of ``media/``).
        type: ``distrib``, ``updates``, ``iso``, ``restricted``.
        zone: ISO country code; ``country`` is a full name on Mandriva lists and an ISO code
            on Mageia lists.
        latitude, longitude: decimal degrees, None when the line has none.
        fields: every ``(key, value)`` pair of the line, in order.
    """

    url: str
    type: str = ""
    continent: str = ""
    zone: str = ""
    country: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    bw: str = ""
    version: str = ""
    arch: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.url


@dataclass(frozen=True, slots=True, kw_only=True)
class Zone:
    """One time zone of ``zone.tab``: where it is and which country it belongs to."""

    name: str
    country: str
    latitude: float
    longitude: float


def _degrees(value: str, *, key: str, source: str, line: int) -> float | None:
    if not value:
        return None
    if _DECIMAL.fullmatch(value) is None:
        raise MirrorListError(
            f"{key} is not a number: {value[:40]!r}", source=source, line=line, field=key
        )
    degrees = float(value)
    limit = 90 if key == "latitude" else 180
    if not -limit <= degrees <= limit:
        raise MirrorListError(
            f"{key} {value[:40]} is not between -{limit} and {limit}",
            source=source,
            line=line,
            field=key,
        )
    return degrees


def parse_mirrorlist(data: str | bytes, *, source: str) -> tuple[Mirror, ...]:
    """Read a mirror list (every line, whatever its type or scheme).

    Blank lines are skipped; an empty list is an empty tuple.

    Raises:
        MirrorListError: a line without ``url=``, a latitude or longitude that is not a
            decimal number, or not UTF-8 text (an HTML error page fails on its first line).
    """
    text = decode(data, source=source, error=MirrorListError)
    lines = split_lines(text)
    check_lines(text, lines, source=source, error=MirrorListError)
    mirrors: list[Mirror] = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        pairs = split_pairs(line)
        values = dict(pairs)
        url = values.get("url", "")
        if not url:
            raise MirrorListError(
                f"no url= in mirror line {line[:80]!r}", source=source, line=number, field="url"
            )
        mirrors.append(
            Mirror(
                url=url,
                type=values.get("type", ""),
                continent=values.get("continent", ""),
                zone=values.get("zone", ""),
                country=values.get("country", ""),
                city=values.get("city", ""),
                latitude=_degrees(
                    values.get("latitude", ""), key="latitude", source=source, line=number
                ),
                longitude=_degrees(
                    values.get("longitude", ""), key="longitude", source=source, line=number
                ),
                bw=values.get("bw", ""),
                version=values.get("version", ""),
                arch=values.get("arch", ""),
                fields=tuple(pairs),
            )
        )
    return tuple(mirrors)


def usable(
    mirrors: Iterable[Mirror],
    *,
    version: str | None = None,
    arch: str | None = None,
    local: bool = True,
) -> tuple[Mirror, ...]:
    """The mirrors urpmi would use: ``type=distrib`` over http, https, ftp or file, once
    each (the first line of a URL written twice), in the list's order.

    rsync mirrors are skipped (xosupdate never runs rsync), and so are URLs that cannot be
    fetched as written (no host, a bad port, blanks, a query or fragment, which would
    swallow the file names appended to them). ``version`` and ``arch``, when given, must
    match the line's own values exactly. ``local``: the list is a local file; a list
    fetched from the network may not send anyone to local files (``file://``).
    """
    seen: set[str] = set()
    out = []
    for m in mirrors:
        if not (
            m.type == "distrib"
            and m.url.lower().startswith(_USABLE_SCHEMES if local else _USABLE_SCHEMES[:3])
            and _well_formed(m.url)
            and (version is None or m.version == version)
            and (arch is None or m.arch == arch)
        ):
            continue
        key = _SLASHES.sub("/", m.url.split("://", 1)[1]).rstrip("/")
        if key not in seen:
            seen.add(key)
            out.append(m)
    return tuple(out)


def _well_formed(url: str) -> bool:
    """A mirror URL that can be fetched as written."""
    if "?" in url or "#" in url or any(c.isspace() or not c.isprintable() for c in url):
        return False
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # raises on a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() == "file" or bool(parts.hostname)


def is_list_url(url: str) -> bool:
    """urpmi's test for a mirror-list URL: it ends in ``.list``, perhaps followed by ``?…``.

    >>> is_list_url("http://api.mandriva.com/mirrors/basic.2009.0.i586.list?reason=update")
    True
    >>> is_list_url("http://ftp.free.fr/mirrors/mageia.org/distrib/9/x86_64")
    False
    """
    return _LIST_URL.fullmatch(url) is not None


def parse_mirror_value(mirrorlist_value: str) -> tuple[str, ...]:
    """The elements of urpmi.cfg's ``mirrorlist:`` value, in order (formats.md §2.2).

    The value is a blank-separated list; later elements are fallbacks. Each element is a
    mirror-list URL when ``is_list_url`` says so (after ``$MIRRORLIST`` and friends are
    expanded), else the URL of a single mirror.
    """
    return tuple(mirrorlist_value.split())


# ---------------------------------------------------------------- geolocation


def _coordinate(sign: str, degrees: str, minutes: str, seconds: str | None) -> float:
    value = int(degrees) + int(minutes) / 60 + int(seconds or 0) / 3600
    return -value if sign == "-" else value


def parse_zone_tab(data: str | bytes, *, source: str = "zone.tab") -> Mapping[str, Zone]:
    """Read ``zone.tab``: time zone name → country code and coordinates.

    Lines are ``CC<TAB>±DDMM±DDDMM<TAB>Zone/Name[<TAB>comment]``; ``#`` lines and blank lines
    are skipped.

    Raises:
        MirrorListError: a line with fewer than three fields or unreadable coordinates.
    """
    text = decode(data, source=source, error=MirrorListError)
    lines = split_lines(text)
    check_lines(text, lines, source=source, error=MirrorListError)
    zones: dict[str, Zone] = {}
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            raise MirrorListError(
                "expected 'CC<tab>coordinates<tab>Zone/Name'", source=source, line=number
            )
        country, where, name = fields[0].strip(), fields[1].strip(), fields[2].strip()
        m = _COORDINATES.fullmatch(where)
        if m is None or not country or not name:
            raise MirrorListError(f"unreadable zone line {line[:80]!r}", source=source, line=number)
        zones[name] = Zone(
            name=name,
            country=country,
            latitude=_coordinate(m[1], m[2], m[3], m[4]),
            longitude=_coordinate(m[5], m[6], m[7], m[8]),
        )
    return MappingProxyType(zones)


def parse_clock(data: str | bytes, *, source: str = "/etc/sysconfig/clock") -> str | None:
    """The ``ZONE=`` of Mandriva's ``/etc/sysconfig/clock`` (quotes removed), or None.

    Other lines (``UTC=``, ``ARC=``, comments) are ignored; the last ``ZONE=`` wins as in a
    shell.

    Raises:
        MirrorListError: the file is not UTF-8 text.
    """
    text = decode(data, source=source, error=MirrorListError)
    lines = split_lines(text)
    check_lines(text, lines, source=source, error=MirrorListError)
    zone: str | None = None
    for line in lines:
        key, sep, value = line.strip().partition("=")
        if sep and key == "ZONE":
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            zone = value or None
    return zone


def _continent_factor(best: str, mirror: str) -> float:
    if not best or not mirror:
        return 1.0
    if best == mirror:
        return 0.5
    # urpmi favours going from South America to North America.
    return 0.9 if best == "SA" and mirror == "NA" else 1.0


def proximity_order(
    mirrors: Iterable[Mirror],
    *,
    latitude: float,
    longitude: float,
    country: str | None = None,
) -> tuple[Mirror, ...]:
    """``mirrors`` nearest first, by urpmi's proximity (formats.md §2.4), deterministically.

    distance = √(Δlat² + (Δlon·cos(mirror latitude))²); the nearest mirror defines the best
    continent; each distance is halved when the mirror's ``country`` equals ``country``,
    halved again on the best continent, and multiplied by 0.9 from South to North America.
    urpmi's random ±5 % factor is left out so that equal distances keep the list order.

    Unlike urpmi (where they sort as distance 0, i.e. first), mirrors without coordinates,
    or at exactly 0,0 (urpmi's "none" test), come last in list order.
    """
    located: list[tuple[Mirror, float]] = []
    unlocated: list[Mirror] = []
    for m in mirrors:
        if m.latitude is None or m.longitude is None or (m.latitude == 0 and m.longitude == 0):
            unlocated.append(m)
            continue
        dlat = latitude - m.latitude
        dlon = (longitude - m.longitude) * math.cos(math.radians(m.latitude))
        located.append((m, math.hypot(dlat, dlon)))
    if not located:
        return tuple(unlocated)
    best = min(located, key=lambda pair: pair[1])[0]

    def corrected(pair: tuple[Mirror, float]) -> float:
        mirror, distance = pair
        if country and mirror.country == country:
            distance *= 0.5
        return distance * _continent_factor(best.continent, mirror.continent)

    ordered = sorted(located, key=corrected)
    return tuple(m for m, _ in ordered) + tuple(unlocated)
