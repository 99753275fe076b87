# SPDX-License-Identifier: GPL-2.0-or-later
"""``xosupdate inspect``: recognise any urpmi file and show what it holds (services layer).

Administrators use it to see why a medium shows nothing: the format is detected from the
content (compression by magic bytes, then the shape of the first meaningful line), never
from the file name alone, and a malformed file ends in one error naming its line.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xosupdate.domain.dependency import Dependency
from xosupdate.errors import FormatError
from xosupdate.formats._compress import Compression, sniff

__all__ = ["FileFormat", "Inspection", "detect_format", "inspect_file"]

JsonRecord = Mapping[str, object]


class FileFormat(enum.StrEnum):
    """The formats ``inspect`` knows (the ``format`` field of its JSON)."""

    MEDIA_CFG = "media.cfg"
    PRODUCT_ID = "product.id"
    URPMI_CFG = "urpmi.cfg"
    SYNTHESIS = "synthesis"
    DESCRIPTIONS = "descriptions"
    MD5SUM = "md5sum"
    MIRRORLIST = "mirrorlist"


_MD5_LINE: Final = re.compile(r"^[0-9a-fA-F]{32}\s+\S")
_SECTION: Final = re.compile(r"^\[[^\]]+\]\s*$")
_HDLISTS_LINE: Final = re.compile(r"^(\S+:)?hdlist\S*\.cz\s+\S+\s+\S")
_NAMES: Final = {
    "media.cfg": FileFormat.MEDIA_CFG,
    "hdlists": FileFormat.MEDIA_CFG,
    "product.id": FileFormat.PRODUCT_ID,
    "urpmi.cfg": FileFormat.URPMI_CFG,
    "descriptions": FileFormat.DESCRIPTIONS,
    "MD5SUM": FileFormat.MD5SUM,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Inspection:
    """What ``inspect`` shows: JSON records plus a summary and a table for people."""

    format: FileFormat
    records: tuple[JsonRecord, ...]
    summary: str
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()


def _first_line(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped
    return ""


def detect_format(data: bytes, *, name: str = "") -> FileFormat:
    """The format of ``data``, from its content; the file name only breaks ties.

    Raises:
        FormatError: the content matches none of the formats.
    """
    base = Path(name).name
    if sniff(data) is not Compression.PLAIN:
        return FileFormat.SYNTHESIS  # the only compressed format among these
    text = data[:65536].decode("utf-8", errors="replace")
    line = _first_line(text)
    if not line:
        if base.startswith("synthesis"):
            return FileFormat.SYNTHESIS
        if base.endswith(".list"):
            return FileFormat.MIRRORLIST
        if base in _NAMES:
            return _NAMES[base]
        raise FormatError(
            "empty file, and its name does not say which format it is", source=name or "input"
        )
    if line.startswith("@"):
        return FileFormat.SYNTHESIS
    if line.startswith("%package"):
        return FileFormat.DESCRIPTIONS
    if _SECTION.match(line) or _HDLISTS_LINE.match(line):
        return FileFormat.MEDIA_CFG
    if line == "{" or line.endswith("{"):
        return FileFormat.URPMI_CFG
    if _MD5_LINE.match(line):
        return FileFormat.MD5SUM
    if "=" in line:
        keys = {pair.partition("=")[0].strip() for pair in line.split(",")}
        if "url" in keys and ({"type", "latitude", "continent", "zone"} & keys):
            return FileFormat.MIRRORLIST
        if {"version", "vendor", "type", "arch"} & keys:
            return FileFormat.PRODUCT_ID
    if base in _NAMES:
        return _NAMES[base]
    raise FormatError(
        f"not an urpmi file I know (first line: {line[:60]!r})", source=name or "input", line=1
    )


def _dep_json(deps: Sequence[Dependency]) -> list[JsonRecord]:
    return [
        {
            "name": d.name,
            "op": d.op.value or None,
            "evr": str(d.evr) if d.evr else None,
            "pre": d.pre,
        }
        for d in deps
    ]


def _inspect_synthesis(data: bytes, source: str) -> Inspection:
    from xosupdate.formats.synthesis import parse_synthesis  # noqa: PLC0415

    syn = parse_synthesis(data, source=source)
    records: list[JsonRecord] = []
    rows = []
    for p in syn.packages():
        records.append(
            {
                "name": p.name,
                "epoch": p.evr.epoch,
                "version": p.evr.version,
                "release": p.evr.release,
                "arch": p.arch,
                "size": p.size,
                "group": p.group,
                "summary": p.summary,
                "filesize": p.filesize,
                "provides": _dep_json(p.provides),
                "requires": _dep_json(p.requires),
                "conflicts": _dep_json(p.conflicts),
                "obsoletes": _dep_json(p.obsoletes),
                "suggests": _dep_json(p.suggests),
            }
        )
        rows.append((p.name, str(p.evr), p.arch, p.size, p.group))
    n = len(records)
    return Inspection(
        format=FileFormat.SYNTHESIS,
        records=tuple(records),
        summary=f"{n} package{'s' if n != 1 else ''}",
        headers=("NAME", "EVR", "ARCH", "SIZE", "GROUP"),
        rows=tuple(rows),
    )


def _inspect_mediacfg(text: bytes, source: str) -> Inspection:
    from xosupdate.formats.mediacfg import parse_hdlists, parse_mediacfg  # noqa: PLC0415

    first = _first_line(text[:65536].decode("utf-8", errors="replace"))
    cfg = (
        parse_hdlists(text, source=source)
        if _HDLISTS_LINE.match(first)
        else parse_mediacfg(text, source=source)
    )
    records: list[JsonRecord] = []
    rows = []
    for sec in cfg.sections:
        records.append(
            {
                "path": sec.path,
                "name": sec.name,
                "noauto": sec.noauto,
                "updates_for": sec.updates_for or None,
                "is_source": sec.is_source,
                "media_types": list(sec.media_types),
                "arch": sec.arch or None,
                "fields": dict(sec.values),
            }
        )
        flags = ", ".join(
            f
            for f, on in (
                ("noauto", sec.noauto),
                ("source", sec.is_source),
                ("update", bool(sec.updates_for)),
            )
            if on
        )
        rows.append((sec.path, sec.name, flags or "-"))
    info = ", ".join(f"{k}={v}" for k, v in cfg.info)
    return Inspection(
        format=FileFormat.MEDIA_CFG,
        records=tuple(records),
        summary=f"{len(records)} media ({info or 'no [media_info]'})",
        headers=("SECTION", "NAME", "FLAGS"),
        rows=tuple(rows),
    )


def _inspect_productid(text: bytes, source: str) -> Inspection:
    from xosupdate.formats.productid import mirrorlist_url, parse_productid  # noqa: PLC0415

    product = parse_productid(text, source=source)
    records: tuple[JsonRecord, ...] = tuple({"key": k, "value": v} for k, v in product.fields)
    return Inspection(
        format=FileFormat.PRODUCT_ID,
        records=records,
        summary=f"mirror list {mirrorlist_url(product)}",
        headers=("KEY", "VALUE"),
        rows=tuple(product.fields),
    )


def _inspect_urpmicfg(text: bytes, source: str) -> Inspection:
    from xosupdate.formats.urpmicfg import parse_urpmicfg  # noqa: PLC0415
    from xosupdate.services.media import medium_json  # noqa: PLC0415

    cfg = parse_urpmicfg(text, source=source)
    records = tuple(medium_json(m) for m in cfg.media)
    rows = tuple(
        (
            m.name,
            "on" if m.enabled else "off",
            m.kind.value,
            ",".join(m.key_ids) or "-",
            m.url or f"{m.mirrorlist} {m.with_dir}",
        )
        for m in cfg.media
    )
    warn = f", {len(cfg.warnings)} warnings" if cfg.warnings else ""
    return Inspection(
        format=FileFormat.URPMI_CFG,
        records=records,
        summary=f"{len(records)} media{warn}",
        headers=("MEDIUM", "ENABLED", "KIND", "KEY-IDS", "SOURCE"),
        rows=rows,
    )


def _inspect_descriptions(text: bytes, source: str) -> Inspection:
    from xosupdate.formats.descriptions import parse_descriptions  # noqa: PLC0415

    desc = parse_descriptions(text, source=source)
    records = tuple(
        {
            "packages": list(a.packages),
            "importance": a.importance.value,
            "id": a.id,
            "url": a.url,
            "updated": a.updated,
            "reason": a.reason,
            "description": a.description,
        }
        for a in desc.advisories
    )
    rows = tuple((a.id or "-", a.importance.value, " ".join(a.packages)) for a in desc.advisories)
    return Inspection(
        format=FileFormat.DESCRIPTIONS,
        records=records,
        summary=f"{len(records)} advisories",
        headers=("ID", "IMPORTANCE", "PACKAGES"),
        rows=rows,
    )


def _inspect_md5sum(text: bytes, source: str) -> Inspection:
    from xosupdate.formats.md5sum import parse_md5sum  # noqa: PLC0415

    sums = parse_md5sum(text, source=source)
    records = tuple({"name": n, "md5": d} for n, d in sums.items())
    return Inspection(
        format=FileFormat.MD5SUM,
        records=records,
        summary=f"{len(records)} entries",
        headers=("FILE", "MD5"),
        rows=tuple(sums.items()),
    )


def _inspect_mirrorlist(text: bytes, source: str) -> Inspection:
    from xosupdate.formats.mirrorlist import parse_mirrorlist, usable  # noqa: PLC0415

    mirrors = parse_mirrorlist(text, source=source)
    ok = set(usable(mirrors))
    records = tuple(
        {
            "url": m.url,
            "type": m.type,
            "country": m.country,
            "city": m.city,
            "continent": m.continent,
            "latitude": m.latitude,
            "longitude": m.longitude,
            "version": m.version,
            "arch": m.arch,
            "usable": m in ok,
        }
        for m in mirrors
    )
    rows = tuple(
        (m.url, m.type or "-", m.country or "-", "yes" if m in ok else "no") for m in mirrors
    )
    return Inspection(
        format=FileFormat.MIRRORLIST,
        records=records,
        summary=f"{len(records)} mirrors, {len(ok)} usable",
        headers=("URL", "TYPE", "COUNTRY", "USABLE"),
        rows=rows,
    )


_INSPECTORS: Final = {
    FileFormat.SYNTHESIS: _inspect_synthesis,
    FileFormat.MEDIA_CFG: _inspect_mediacfg,
    FileFormat.PRODUCT_ID: _inspect_productid,
    FileFormat.URPMI_CFG: _inspect_urpmicfg,
    FileFormat.DESCRIPTIONS: _inspect_descriptions,
    FileFormat.MD5SUM: _inspect_md5sum,
    FileFormat.MIRRORLIST: _inspect_mirrorlist,
}


def inspect_file(path: Path) -> Inspection:
    """Detect ``path``'s format and parse it whole.

    Raises:
        FormatError: unreadable, unknown or malformed (naming file and line).
    """
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", source=source) from exc
    kind = detect_format(data, name=source)
    return _INSPECTORS[kind](data, source)
