# SPDX-License-Identifier: GPL-2.0-or-later
"""A medium's ``reconfig.urpmi`` relocation rules (formats layer; formats.md §4.5).

The first line must start with ``# this is an urpmi reconfiguration file`` (urpmi's guard
against an HTML error page served under that name). Each following line is
``PATTERN REPLACEMENT [FLAGS]``: the pattern is a literal string, only its first occurrence is
replaced, and the flags borrowed from mod_rewrite are ``L`` (last: stop after this rule) and
``N`` (next: start over with the first rule). ``#`` starts a comment anywhere on a line.
urpmi applies the rules to a medium's ``url``, ``with_synthesis`` and ``media_info_dir``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from xosupdate.errors import ReconfigError
from xosupdate.formats._text import check_lines, decode, split_lines

__all__ = ["MAGIC", "RECONFIGURABLE", "ReconfigRule", "apply", "parse_reconfig"]

MAGIC: Final = "# this is an urpmi reconfiguration file"
# The urpmi.cfg values urpmi rewrites with these rules.
RECONFIGURABLE: Final = ("url", "with_synthesis", "media_info_dir")
# urpmi loops for ever on an N rule that keeps matching; xosupdate gives up instead.
_MAX_RESTARTS: Final = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconfigRule:
    """One ``PATTERN REPLACEMENT [FLAGS]`` line.

    Attributes:
        flags: as written; urpmi's default when absent is ``1`` (no flag).
        line: where the rule was read, for error messages.
    """

    pattern: str
    replacement: str
    flags: str = "1"
    line: int = 0

    @property
    def last(self) -> bool:
        """``L``: no further rule applies to this value once this one matched."""
        return "L" in self.flags

    @property
    def restart(self) -> bool:
        """``N``: start over with the first rule once this one matched."""
        return "N" in self.flags


def parse_reconfig(data: str | bytes, *, source: str) -> tuple[ReconfigRule, ...]:
    """Read a reconfig.urpmi file.

    Raises:
        ReconfigError: the magic first line is missing (line 1), a rule has no replacement,
            or the file is not UTF-8 text.
    """
    text = decode(data, source=source, error=ReconfigError)
    lines = split_lines(text)
    check_lines(text, lines, source=source, error=ReconfigError)
    if not lines or not lines[0].startswith(MAGIC):
        raise ReconfigError(
            f"not a reconfiguration file (first line must start with {MAGIC!r})",
            source=source,
            line=1,
        )
    rules: list[ReconfigRule] = []
    for number, line in enumerate(lines[1:], 2):
        body = line.partition("#")[0].strip()
        if not body:
            continue
        parts = body.split(maxsplit=2)
        if len(parts) < 2:
            raise ReconfigError(
                f"rule without a replacement: {body[:80]!r}", source=source, line=number
            )
        flags = parts[2] if len(parts) == 3 else "1"
        rules.append(ReconfigRule(pattern=parts[0], replacement=parts[1], flags=flags, line=number))
    return tuple(rules)


def apply(rules: Sequence[ReconfigRule], value: str, *, source: str = "reconfig.urpmi") -> str:
    """``value`` rewritten by ``rules`` as urpmi does for one urpmi.cfg value.

    Rules are tried in order; a matching rule replaces the first occurrence of its pattern.
    ``L`` stops, ``N`` starts over with the first rule.

    Raises:
        ReconfigError: an ``N`` rule keeps matching (urpmi would loop for ever).
    """
    restarts = 0
    index = 0
    while index < len(rules):
        rule = rules[index]
        index += 1
        if rule.pattern not in value:
            continue
        value = value.replace(rule.pattern, rule.replacement, 1)
        if rule.last:
            break
        if rule.restart:
            restarts += 1
            if restarts > _MAX_RESTARTS:
                raise ReconfigError(
                    "an N rule keeps matching (endless rewrite)", source=source, line=rule.line
                )
            index = 0
    return value
