# SPDX-License-Identifier: GPL-2.0-or-later
"""EVR order through librpm: a hand-checked ascending list, tested pairwise."""

from __future__ import annotations

import itertools

import pytest

from xosupdate.domain.evr import Evr
from xosupdate.errors import InvalidEvrError

# Hand-checked ascending order (design/formats.md §8.1, §8.2): each strictly newer than
# the one before it.
EVR_ORDER = [
    "1.0-1mdk",
    "1.0-1mdv2008.1",
    "1.0-1mdv2009.0",
    "1.0-2mdv2009.0",
    "1.0a-1",
    "1.0.1-1",
    "2.2.4-25mdk",
    "2.2.4-25.1mdk",
    "9-1",
    "10-1",
    "0:11-1",
    "1:0.9-1",
    "1:1.0-1",
    "2:0.1-1",
]


@pytest.mark.parametrize(("lo", "hi"), list(itertools.combinations(EVR_ORDER, 2)))
def test_ascending_pairs(lo: str, hi: str) -> None:
    a, b = Evr.parse(lo), Evr.parse(hi)
    assert a < b and a <= b and b > a and b >= a
    assert not (a > b) and not (a >= b) and a != b
    assert a.compare(b) < 0 < b.compare(a)


def test_equal_labels() -> None:
    assert Evr.parse("0:1.0-1").compare(Evr.parse("1.0-1")) == 0
    assert Evr.parse("0:1.0-1") == Evr.parse("1.0-1")  # epoch 0 and missing are one value
    # librpm treats separators alike: same order, different values.
    assert Evr.parse("1.0-1").compare(Evr.parse("1_0-1")) == 0
    assert Evr.parse("1.0-1") != Evr.parse("1_0-1")


def test_perl_urpm_compare_vectors() -> None:
    pkg = Evr.parse("6:2.2.4-25mdk")
    for same in ("6:2.2.4-25mdk", "6:2.2.4"):
        assert pkg.compare(Evr.parse(same)) == 0
    for older in ("2.2.4-25mdk", "2.2.5", "2.3.1"):
        assert pkg > Evr.parse(older)
    for newer in ("6:2.2.4-25.1mdk", "6:2.2.4.0", "6:2.2.5", "7:2.2.4-24mdk"):
        assert pkg < Evr.parse(newer)


def test_tilde_and_caret_follow_the_system_librpm() -> None:
    assert Evr.parse("1.0~rc1-1") < Evr.parse("1.0-1")
    assert Evr.parse("1.0^git1-1") > Evr.parse("1.0-1")


def test_foreign_types_are_not_comparable() -> None:
    with pytest.raises(TypeError):
        assert Evr.parse("1-1") < "2-1"
    assert Evr.parse("1-1").__lt__(1) is NotImplemented
    assert Evr.parse("1-1").__le__(1) is NotImplemented
    assert Evr.parse("1-1").__gt__(1) is NotImplemented
    assert Evr.parse("1-1").__ge__(1) is NotImplemented


def test_display_and_json() -> None:
    evr = Evr.parse("3:1.2-4mdv2009.0")
    assert str(evr) == "3:1.2-4mdv2009.0"
    assert evr.to_json() == {"epoch": 3, "version": "1.2", "release": "4mdv2009.0"}
    assert str(Evr.parse("1.2")) == "1.2"


@pytest.mark.parametrize(
    "label", ["", "-1", "x:1.0-1", "1.0-", "1 0-1", ":1-1", "1.0-a-b:c", "1.0-\x00", "1/../x-1"]
)
def test_malformed_labels_never_reach_librpm(label: str) -> None:
    with pytest.raises(InvalidEvrError):
        Evr.parse(label)


def test_invalid_evr_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="epoch"):
        Evr(epoch=-1, version="1")
    with pytest.raises(ValueError, match="release"):
        Evr(version="1", release="a-b")
