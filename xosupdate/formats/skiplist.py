# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi's package lists: ``/etc/urpmi/skip.list`` (formats layer; design/formats.md §3.5).

One item per line: a package name, or a ``/regex/`` matched against a package's full name
``name-version-release.arch``. Everything after ``#`` is a comment and blanks around an
item are dropped (urpm::sys::get_packages_list). A name stands for every package that
*provides* it, its own name included (perl-URPM's compute_flags); a regular expression
matches anywhere in the full name, as Perl's ``=~`` does.

Expressions are Perl's; Python's ``re`` reads the common subset the same way, and POSIX
classes (``[[:digit:]]``) are translated. urpmi fails on an expression that does not
compile (Mandriva's dies, Mageia's perl-URPM drops every expression with "reg ex
problem"); here that line alone is reported and left out, so that an administrator's typo
neither stops the update list nor frees the other lines' packages. The file is read as
urpmi reads it, as bytes: a comment in Latin-1 does not make it unusable.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Final

from xosupdate.errors import SkipListError
from xosupdate.formats._text import split_lines

__all__ = ["SkipList", "parse_skip_list"]

_REGEX: Final = re.compile(r"/(.*)/")
# POSIX bracket classes, which Perl knows and Python's re does not.
_POSIX_CLASSES: Final = {
    "[:alnum:]": r"a-zA-Z0-9",
    "[:alpha:]": r"a-zA-Z",
    "[:digit:]": r"0-9",
    "[:lower:]": r"a-z",
    "[:upper:]": r"A-Z",
    "[:xdigit:]": r"0-9a-fA-F",
    "[:space:]": r"\s",
    "[:word:]": r"\w",
    "[:punct:]": r"!-/:-@\[-`{-~",
}
_POSIX_CLASS: Final = re.compile("|".join(map(re.escape, _POSIX_CLASSES)))


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
    """Read a skip.list (never fails: a line it cannot use is one of ``problems``).

    >>> s = parse_skip_list("# held\\nkernel-server  # our own build\\n/^apache-/\\n", source="x")
    >>> sorted(s.names), s.matches_fullname("apache-base-2.2.9-1.x86_64")
    (['kernel-server'], True)
    """
    # Names and expressions are ASCII in practice; anything else is only ever a comment.
    text = data if isinstance(data, str) else data.decode("utf-8", errors="replace")
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
            patterns.append(_compile(m.group(1)))
        except (re.error, FutureWarning, RecursionError, OverflowError) as exc:
            problems.append(
                SkipListError(
                    f"bad regular expression {item}: {exc}; line ignored",
                    source=source,
                    line=number,
                )
            )
    return SkipList(names=frozenset(names), patterns=tuple(patterns), problems=tuple(problems))


def _compile(perl: str) -> re.Pattern[str]:
    """A Perl expression as a Python one; ``FutureWarning`` when Python would read it
    otherwise (a nested set it does not know, say)."""
    python = _POSIX_CLASS.sub(lambda m: _POSIX_CLASSES[m.group(0)], perl)
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        return re.compile(python)
