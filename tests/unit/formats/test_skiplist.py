# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi's skip.list: names, ``/regex/`` of full names, comments (design/formats.md §3.5)."""

from __future__ import annotations

import pytest

from xosupdate.errors import SkipListError
from xosupdate.formats.skiplist import SkipList, parse_skip_list


def test_names_expressions_comments_and_blanks() -> None:
    s = parse_skip_list(
        "# Here you can specify the packages that won't be upgraded automatically\n"
        "  kernel-server   # our own build\n"
        "\n"
        "/^apache-/\n"
        "/-1\\.0-/  \n"
        "webserver\r\n",
        source="skip.list",
    )
    # A carriage return is blank, as Perl's \s*$ strips it.
    assert s.names == {"kernel-server", "webserver"}
    assert s.matches_fullname("apache-base-2.2.9-1mdv2009.0.x86_64")
    assert s.matches_fullname("foo-1.0-1.noarch")  # anywhere in the name, as Perl's =~
    assert not s.matches_fullname("mod_apache-1.1-1.x86_64")
    assert s and s.problems == ()


def test_a_bad_expression_is_left_out_and_named() -> None:
    s = parse_skip_list("foo\n/[bad/\n/^bar-/\n", source="/etc/urpmi/skip.list")
    assert s.names == {"foo"} and len(s.patterns) == 1
    (problem,) = s.problems
    assert (problem.source, problem.line) == ("/etc/urpmi/skip.list", 2)
    assert str(problem).startswith("/etc/urpmi/skip.list:2: bad regular expression /[bad/")


def test_only_comments_hold_nothing() -> None:
    assert not parse_skip_list("# nothing\n\n   \n", source="x")
    assert not SkipList()


def test_not_text() -> None:
    with pytest.raises(SkipListError, match=r"^x:2: not valid UTF-8"):
        parse_skip_list(b"foo\n\xff\n", source="x")
