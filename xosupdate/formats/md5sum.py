# SPDX-License-Identifier: GPL-2.0-or-later
"""The ``media_info/MD5SUM`` file of a medium (formats layer; design/formats.md §4.3).

``md5sum`` output run inside ``media_info/``: one ``<32 hex digits><blanks><file name>`` line
per file. urpmi rejects the whole file when any line does not match, and a file of 32 bytes
or less is "invalid MD5SUM"; so does this parser. On top of urpmi's rule it requires the last
line to be terminated, as md5sum always writes it: an unterminated last line is how a
truncated download looks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final

from xosupdate.errors import Md5sumError
from xosupdate.formats._text import check_lines, decode, split_lines

__all__ = ["Md5sum", "dump_md5sum", "parse_md5sum"]

# urpmi: ^([0-9a-f]+)\s+(?:\./)?(\S+)$ (case-insensitive); an MD5 is exactly 32 digits.
_LINE: Final = re.compile(r"([0-9a-fA-F]{32})\s+(?:\./)?(\S+)", re.ASCII)
_MD5: Final = re.compile(r"[0-9a-f]{32}", re.ASCII)
_NAME: Final = re.compile(r"\S+", re.ASCII)
_VERSIONED: Final = re.compile(r"\d{8}-\d{6}-(.+)", re.ASCII)
_MIN_SIZE: Final = 33
_SYNTHESIS: Final = "synthesis.hdlist.cz"


@dataclass(frozen=True, slots=True, kw_only=True)
class Md5sum(Mapping[str, str]):
    """An MD5SUM file: a read-only mapping of file name to lowercase hex digest.

    Iteration follows the file. A name listed twice keeps its first position and its last
    digest (urpmi builds a hash from the lines in order).

    Attributes:
        entries: the ``(name, digest)`` lines as read, duplicates included.
    """

    entries: tuple[tuple[str, str], ...] = ()
    _index: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", dict(self.entries))

    def __getitem__(self, name: str) -> str:
        return self._index[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def versioned(self, basename: str) -> str | None:
        """The ``YYYYMMDD-HHMMSS-<basename>`` entry with the same digest as ``basename``.

        genhdlist2 lists such "versioned" names next to the plain ones; urpmi downloads the
        versioned name to defeat stale proxy caches. With several candidates the latest
        (greatest timestamp) is chosen.

        Returns:
            The versioned file name, or None when ``basename`` is absent or has no twin.
        """
        digest = self._index.get(basename)
        if digest is None:
            return None
        found = [
            name
            for name, value in self._index.items()
            if value == digest
            and (m := _VERSIONED.fullmatch(name)) is not None
            and m.group(1) == basename
        ]
        return max(found, default=None)

    def versioned_synthesis(self) -> str | None:
        """The versioned twin of ``synthesis.hdlist.cz`` (see ``versioned``)."""
        return self.versioned(_SYNTHESIS)


def parse_md5sum(data: str | bytes, *, source: str) -> Md5sum:
    """Read an MD5SUM file.

    Args:
        data: the file's content (bytes are decoded as UTF-8).
        source: file name or URL for error messages.

    Raises:
        Md5sumError: the file is 32 bytes or less, not UTF-8 text, a line does not read
            ``<md5> <name>``, or the last line is not terminated (truncated).
    """
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size < _MIN_SIZE:
        raise Md5sumError(f"invalid MD5SUM file ({size} bytes)", source=source, line=1)
    text = decode(data, source=source, error=Md5sumError)
    lines = split_lines(text)
    check_lines(text, lines, source=source, error=Md5sumError)
    entries: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        match = _LINE.fullmatch(line)
        if match is None:
            raise Md5sumError(
                f"not an md5sum line ('<32 hex digits>  <file name>'): {line[:80]!r}",
                source=source,
                line=number,
            )
        entries.append((match.group(2), match.group(1).lower()))
    if not text.endswith("\n"):
        raise Md5sumError(
            "last line is not terminated (truncated file?)", source=source, line=len(lines)
        )
    return Md5sum(entries=tuple(entries))


def dump_md5sum(entries: Mapping[str, str]) -> str:
    """``entries`` (name → hex digest) in md5sum's format: digest, two spaces, name.

    Raises:
        Md5sumError: a digest is not 32 hex digits or a name is empty or holds a blank.
    """
    out: list[str] = []
    for name, digest in entries.items():
        if _MD5.fullmatch(digest.lower()) is None:
            raise Md5sumError(f"not an MD5 digest: {digest!r}", source="<dump>", field=name)
        if _NAME.fullmatch(name) is None or name.startswith("./"):
            raise Md5sumError(f"file name cannot be written: {name!r}", source="<dump>", field=name)
        out.append(f"{digest.lower()}  {name}\n")
    return "".join(out)
