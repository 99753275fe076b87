# SPDX-License-Identifier: GPL-2.0-or-later
"""reconfig.urpmi: the magic line, literal first-match rules, L and N flags."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from xosupdate.errors import ReconfigError
from xosupdate.formats.reconfig import MAGIC, RECONFIGURABLE, ReconfigRule, apply, parse_reconfig


def _rules(*lines: str) -> tuple[ReconfigRule, ...]:
    return parse_reconfig("\n".join((MAGIC, *lines)) + "\n", source="r")


def test_parse_rules_comments_and_flags() -> None:
    rules = _rules("", "  # a comment", "/cauldron /cauldron/$ARCH  # moved", "a.b c L N", "x y")
    assert rules == (
        ReconfigRule(pattern="/cauldron", replacement="/cauldron/$ARCH", line=4),
        ReconfigRule(pattern="a.b", replacement="c", flags="L N", line=5),
        ReconfigRule(pattern="x", replacement="y", line=6),
    )
    assert rules[1].last
    assert rules[1].restart
    assert not rules[0].last
    assert not rules[0].restart
    assert RECONFIGURABLE == ("url", "with_synthesis", "media_info_dir")


def test_magic_line_may_carry_more_text() -> None:
    assert parse_reconfig(MAGIC + " (generated)\n/a /b", source="r")[0].pattern == "/a"


def test_apply_literal_first_occurrence() -> None:
    rules = _rules("a.c X")
    assert apply(rules, "abc a.c a.c") == "abc X a.c"  # the pattern is not a regex
    assert apply(rules, "nothing") == "nothing"
    assert apply((), "value") == "value"


def test_apply_all_rules_in_order_unless_last() -> None:
    assert apply(_rules("/a /b", "/b /c"), "/a") == "/c"
    assert apply(_rules("/a /b L", "/b /c"), "/a") == "/b"
    assert apply(_rules("/x /y L", "/a /b"), "/a") == "/b"  # L only stops once matched


def test_apply_n_starts_over() -> None:
    rules = _rules("/b /c", "/a /b N")
    assert apply(rules, "/a") == "/c"


def test_apply_n_that_keeps_matching_is_refused() -> None:
    with pytest.raises(ReconfigError, match="endless") as info:
        apply(_rules("/a /a/b N"), "/a", source="reconfig")
    assert info.value.line == 2
    assert str(info.value).startswith("reconfig:2: ")


@pytest.mark.parametrize("data", ["", "\n", "/ /media_info/\n", "#this is an urpmi\n/a /b\n"])
def test_missing_magic_is_line_1(data: str) -> None:
    with pytest.raises(ReconfigError, match="not a reconfiguration file") as info:
        parse_reconfig(data, source="reconfig.urpmi")
    assert info.value.line == 1


def test_rule_without_replacement() -> None:
    with pytest.raises(ReconfigError, match="without a replacement") as info:
        _rules("/a /b", "/lonely # comment")
    assert info.value.line == 3


def test_junk_utf8_nul_long_line() -> None:
    with pytest.raises(ReconfigError, match="UTF-8"):
        parse_reconfig(b"\x00\xff" * 1000, source="r")
    with pytest.raises(ReconfigError, match="UTF-8") as info:
        parse_reconfig(MAGIC.encode() + b"\n/a /\xe9\n", source="r")
    assert info.value.line == 2
    with pytest.raises(ReconfigError, match="NUL"):
        parse_reconfig(MAGIC + "\n/a\x00 /b\n", source="r")
    start = time.perf_counter()
    with pytest.raises(ReconfigError, match="longer than"):
        parse_reconfig(MAGIC + "\n/a /" + "b" * 10_000_000 + "\n", source="r")
    assert time.perf_counter() - start < 1


def test_truncated_after_the_magic_line_has_no_rules() -> None:
    with pytest.raises(ReconfigError):
        parse_reconfig(MAGIC[:-4], source="r")
    assert parse_reconfig(MAGIC, source="r") == ()


def test_real_valid_file(realdata: Path) -> None:
    path = realdata / "shlomif-urpmi/t/data/reconfig.urpmi"
    rules = parse_reconfig(path.read_bytes(), source=str(path))
    assert rules == (ReconfigRule(pattern="/reconfig", replacement="/various", line=2),)
    assert apply(rules, "file:///tmp/reconfig") == "file:///tmp/various"


def test_real_file_without_magic_is_refused(realdata: Path) -> None:
    path = realdata / "smartpm-smart/tests/data/urpmi/reconfig.urpmi"
    with pytest.raises(ReconfigError) as info:
        parse_reconfig(path.read_bytes(), source=str(path))
    assert info.value.line == 1
