# SPDX-License-Identifier: GPL-2.0-or-later
"""list_medium_packages: everything a medium holds, against the installed set."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.services.test_updates import STRICT, Medium, System, inst, pkg
from xosupdate.errors import MediumNotFoundError, NoMetadataError
from xosupdate.services.packages import PackageState, list_medium_packages


def test_states_against_installed(tmp_path: Path) -> None:
    system = System(
        tmp_path,
        [
            Medium("Main", [pkg("a-1.0-1.x86_64")]),
            Medium(
                "Testing",
                [
                    pkg("a-1.1-1.x86_64"),
                    pkg("b-2.0-1.x86_64", provides=["should-restart = network-manager"]),
                    pkg("c-0.9-1.noarch"),
                    pkg("d-1.0-1.x86_64"),
                    pkg("d-1.0-1.src"),
                ],
                enabled=False,
            ),
        ],
        [inst("a-1.0-1.x86_64"), inst("c-1.0-1.noarch"), inst("d-1.0-1.x86_64")],
    )
    found = list_medium_packages(
        tmp_path, "Testing", installed_reader=lambda _r: system.installed, policy=STRICT
    )
    assert [(p.name, p.state) for p in found] == [
        ("a", PackageState.UPDATE),
        ("b", PackageState.NOT_INSTALLED),
        ("c", PackageState.OLDER),
        ("d", PackageState.INSTALLED),
    ]
    assert found[0].installed is not None and str(found[0].installed) == "1.0-1"
    assert found[0].fullname == "a-1.1-1.x86_64"
    assert found[1].filesize == 1000
    # What it asks to restart once installed, for the browser's install and details.
    assert (found[0].restart, found[1].restart) == ("", "network-manager")


def test_unknown_and_unrefreshed_media(tmp_path: Path) -> None:
    System(tmp_path, [Medium("Main", [pkg("a-1.0-1.x86_64")])], [])
    with pytest.raises(MediumNotFoundError):
        list_medium_packages(tmp_path, "Nope")
    (tmp_path / "var/lib/urpmi/Main/synthesis.hdlist.cz").unlink()
    with pytest.raises(NoMetadataError, match="no metadata yet"):
        list_medium_packages(tmp_path, "Main")
