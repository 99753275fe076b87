# SPDX-License-Identifier: GPL-2.0-or-later
"""``xosupdate inspect``: recognise any urpmi file and show what it holds (services layer).

Administrators use it to see why a medium shows nothing: the format is detected from the
content (compression by magic bytes, then the shape of the first meaningful line), never
from the file name alone, and a malformed file ends in one error naming its line.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xosupdate.domain.dependency import Dependency
from xosupdate.errors import FormatError
from xosupdate.formats._compress import Compression, decompress, sniff

__all__ = ["FileFormat", "Inspection", "detect_format", "inspect_file"]

JsonRecord = dict[str, object]


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
        raise FormatError("empty file, and its name does not say which format it is",
                          source=name or "input")
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
    raise FormatError(f"not an urpmi file I know (first line: {line[:60]!r})",
                      source=name or "input", line=1)


def _dep_json(deps: Sequence[Dependency]) -> list[JsonRecord]:
    return [{"name": d.name, "op": d.op.value or None,
             "evr": str(d.evr) if d.evr else None, "pre": d.pre} for d in deps]


def _inspect_synthesis(data: bytes, source: str) -> Inspection:
    from xosupdate.formats.synthesis import parse_synthesis  # noqa: PLC0415

    syn = parse_synthesis(data, source=source)
    records: list[JsonRecord] = []
    rows = []
    for p in syn.packages():
        records.append({
            "name": p.name, "epoch": p.evr.epoch, "version": p.evr.version,
            "release": p.evr.release, "arch": p.arch, "size": p.size, "group": p.group,
            "summary": p.summary, "filesize": p.filesize,
            "provides": _dep_json(p.provides), "requires": _dep_json(p.requires),
            "conflicts": _dep_json(p.conflicts), "obsoletes": _dep_json(p.obsoletes),
            "suggests": _dep_json(p.suggests),
        })
        rows.append((p.name, str(p.evr), p.arch, p.size, p.group))
    n = len(records)
    return Inspection(format=FileFormat.SYNTHESIS, records=tuple(records),
                      summary=f"{n} package{'s' if n != 1 else ''}",
                      headers=("NAME", "EVR", "ARCH", "SIZE", "GROUP"), rows=tuple(rows))


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
    if kind is FileFormat.SYNTHESIS:
        return _inspect_synthesis(data, source)
    # Text formats: decompress() returns plain data unchanged.
    text = decompress(data, source=source)
    from xosupdate.services import _inspect_text  # noqa: PLC0415

    return _inspect_text.inspect_text(kind, text, source)
