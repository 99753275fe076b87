# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi's skip.list: names, ``/regex/`` of full names, comments (design/formats.md §3.5)."""

from __future__ import annotations

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


def test_a_latin1_comment_does_not_make_it_unusable() -> None:
    s = parse_skip_list(b"# paquets \xe0 ne pas mettre \xe0 jour\nfoo\n", source="x")
    assert s.names == {"foo"} and s.problems == ()


def test_posix_classes_are_translated_and_what_python_reads_otherwise_is_named() -> None:
    s = parse_skip_list("/^foo-[[:digit:]]/\n/^bar-[[x]/\n/(?<n>baz)/\n", source="x")
    assert s.matches_fullname("foo-1.0-1.noarch") and not s.matches_fullname("foo-x-1.noarch")
    assert [p.line for p in s.problems] == [2, 3]
