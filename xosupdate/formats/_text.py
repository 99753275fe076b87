# SPDX-License-Identifier: GPL-2.0-or-later
"""Text plumbing shared by the parsers of urpmi's line-based formats (formats layer, private).

Every format in this package is text read line by line. This module decodes the raw input
and reports the problems that are not specific to one format (invalid UTF-8, NUL bytes,
absurdly long lines) as the calling format's own error class, with the source and the
1-based line number, so that binary junk never reaches a format's grammar.
"""

from __future__ import annotations

from typing import Final

from xosupdate.errors import FormatError

__all__ = ["MAX_LINE", "check_lines", "decode", "split_lines", "split_pairs"]

# No line of a configuration or index file comes anywhere near this; a longer one is binary
# junk or an attack, and refusing it early keeps every later step linear and cheap.
MAX_LINE: Final = 65_536


def decode(data: str | bytes, *, source: str, error: type[FormatError]) -> str:
    """``data`` as text; bytes must be UTF-8.

    Raises:
        FormatError: (as ``error``) naming the line of the first byte that is not UTF-8.
    """
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            source=source,
            line=line,
        ) from exc


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without terminators, split on ``\\n`` only (as Perl reads them).

    A final terminator does not start an empty last line; a ``\\r`` before ``\\n`` stays part
    of the line (each format decides what it means).
    """
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def check_lines(
    text: str,
    lines: list[str],
    *,
    source: str,
    error: type[FormatError],
    max_line: int = MAX_LINE,
) -> None:
    """Refuse NUL bytes and lines longer than ``max_line`` characters.

    Args:
        text: the whole text (a NUL in it is found without scanning line by line).
        lines: ``text`` split into lines, whose indexes give the line numbers.

    Raises:
        FormatError: (as ``error``) naming the first offending line.
    """
    if "\x00" in text:
        number = next(i for i, line in enumerate(lines, 1) if "\x00" in line)
        raise error("NUL byte (binary data, not text)", source=source, line=number)
    if lines and max(map(len, lines)) > max_line:
        number = next(i for i, line in enumerate(lines, 1) if len(line) > max_line)
        raise error(f"line longer than {max_line} characters", source=source, line=number)


def split_pairs(line: str) -> list[tuple[str, str]]:
    """The ``key=value`` pairs of a product.id or mirror-list line, as urpmi reads them.

    Split on ``,``, then each piece at its first ``=``; pieces without ``=`` are ignored and
    values keep their blanks. A repeated key keeps its first position and its last value.
    """
    pairs: dict[str, str] = {}
    for piece in line.split(","):
        key, sep, value = piece.partition("=")
        if sep:
            pairs[key] = value
    return list(pairs.items())
