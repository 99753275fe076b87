# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi's package lists: ``/etc/urpmi/skip.list`` (formats layer; design/formats.md §3.5).

One item per line: a package name, or a ``/regex/`` matched against a package's full name
``name-version-release.arch``. Everything after ``#`` is a comment and blanks around an
item are dropped (urpm::sys::get_packages_list). A name stands for every package that
*provides* it, its own name included (perl-URPM's compute_flags); a regular expression
matches anywhere in the full name, as Perl's ``=~`` does.

urpmi stops with "reg ex problem" when one of the expressions does not compile; here that
line is reported and left out, so that an administrator's typo never hides the updates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from xosupdate.errors import SkipListError
from xosupdate.formats._text import decode, split_lines

__all__ = ["SkipList", "parse_skip_list"]

_REGEX: Final = re.compile(r"/(.*)/")


@dataclass(frozen=True, slots=True, kw_only=True)
class SkipList:
    """The packages urpmi never upgrades on its own (held back).

    Attributes:
        names: capability names; every package providing one of them is held.
        patterns: expressions searched in full names (``name-version-release.arch``).
        problems: one error per line left out (a regular expression that does not
            compile), naming the file and line.
    """

    names: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()
    problems: tuple[SkipListError, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.names or self.patterns)

    def matches_fullname(self, fullname: str) -> bool:
        """Whether one of the expressions matches ``fullname``."""
        return any(p.search(fullname) for p in self.patterns)


def parse_skip_list(data: str | bytes, *, source: str) -> SkipList:
    """Read a skip.list.

    >>> s = parse_skip_list("# held\\nkernel-server  # our own build\\n/^apache-/\\n", source="x")
    >>> sorted(s.names), s.matches_fullname("apache-base-2.2.9-1.x86_64")
    (['kernel-server'], True)

    Raises:
        SkipListError: the file is not text.
    """
    text = decode(data, source=source, error=SkipListError)
    names: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    problems: list[SkipListError] = []
    for number, raw in enumerate(split_lines(text), 1):
        item = raw.partition("#")[0].strip()
        if not item:
            continue
        m = _REGEX.fullmatch(item)
        if m is None:
            names.add(item)
            continue
        try:
            patterns.append(re.compile(m.group(1)))
        except re.error as exc:
            problems.append(
                SkipListError(
                    f"bad regular expression {item}: {exc}; line ignored",
                    source=source,
                    line=number,
                )
            )
    return SkipList(names=frozenset(names), patterns=tuple(patterns), problems=tuple(problems))
