# SPDX-License-Identifier: GPL-2.0-or-later
"""Which package the rpm transaction executor takes for a requested name."""

from __future__ import annotations

from xosupdate.domain.arch import ArchPolicy
from xosupdate.domain.evr import Evr
from xosupdate.domain.medium import Medium
from xosupdate.domain.package import Package
from xosupdate.formats.synthesis import Synthesis, dump_synthesis, parse_synthesis
from xosupdate.helper.rpmtx import _choose

MEDIUM = Medium(name="Updates")


def _pkg(name: str, version: str, arch: str = "noarch") -> Package:
    return Package(name=name, evr=Evr(version=version, release="1"), arch=arch)


def _syn(*labels: str) -> list[tuple[int, Medium, Synthesis]]:
    packages = [_pkg(*label.rsplit("-", 2)[:2]) for label in labels]
    return [(0, MEDIUM, parse_synthesis(dump_synthesis(packages), source="s"))]


def test_a_name_takes_the_newest_and_a_full_name_that_very_package() -> None:
    loaded = _syn("foo-1.5-1", "foo-2.0-1")
    installed = {"foo": [(Evr(version="1.0", release="1"), "noarch")]}
    policy = ArchPolicy(strict=True)
    newest = _choose("foo", loaded, installed, policy)
    assert newest is not None and newest.entry.fullname == "foo-2.0-1.noarch"
    # What the update list asks for when skip.list holds foo-2.0 back.
    older = _choose("foo-1.5-1.noarch", loaded, installed, policy)
    assert older is not None and older.entry.fullname == "foo-1.5-1.noarch"
    assert _choose("foo-3.0-1.noarch", loaded, installed, policy) is None
    # Strict arch holds for a full name too: an installed x86_64 foo is not replaced by i586.
    i586 = [(0, MEDIUM, parse_synthesis(dump_synthesis([_pkg("foo", "2.0", "i586")]), source="s"))]
    x86_64 = {"foo": [(Evr(version="1.0", release="1"), "x86_64")]}
    assert _choose("foo-2.0-1.i586", i586, x86_64, policy) is None
