# SPDX-License-Identifier: GPL-2.0-or-later
"""The polkit policy and the helper wrapper that packaging installs."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from xosupdate.helper.protocol import Verb
from xosupdate.services.transaction import HELPER_PATH

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
POLICY = PACKAGING / "org.xtreemos.xosupdate.policy"
WRAPPER = PACKAGING / "xosupdate-helper"
KEPT = {Verb.INSTALL, Verb.SIMULATE, Verb.REFRESH}


def actions() -> dict[str, ET.Element]:
    root = ET.parse(POLICY).getroot()
    assert root.tag == "policyconfig"
    return {a.attrib["id"]: a for a in root.findall("action")}


def annotations_of(action: ET.Element) -> dict[str, str]:
    return {a.attrib["key"]: (a.text or "") for a in action.findall("annotate")}


def test_one_action_per_verb() -> None:
    found = actions()
    assert set(found) == {f"org.xtreemos.xosupdate.{verb}" for verb in Verb}
    for verb in Verb:
        action = found[f"org.xtreemos.xosupdate.{verb}"]
        notes = annotations_of(action)
        assert notes["org.freedesktop.policykit.exec.path"] == HELPER_PATH
        assert notes["org.freedesktop.policykit.exec.argv1"] == verb.value
        # pkexec keeps DISPLAY/XAUTHORITY whenever allow_gui is present, even as "false"
        # (checked with polkit 122): the helper gets no display at all.
        assert "org.freedesktop.policykit.exec.allow_gui" not in notes
        defaults = action.find("defaults")
        assert defaults is not None
        values = {d.tag: d.text for d in defaults}
        expected = "auth_admin_keep" if verb in KEPT else "auth_admin"
        assert values == {"allow_any": "no", "allow_inactive": "no", "allow_active": expected}
        assert (action.findtext("description") or "").strip()
        assert (action.findtext("message") or "").strip()


def test_only_simulate_implies_and_only_install() -> None:
    """The install confirmed after a simulation needs no second password; no other
    authorisation stands in for another (media changes and keys always ask)."""
    implied = {
        action_id: notes["org.freedesktop.policykit.imply"].split()
        for action_id, action in actions().items()
        if "org.freedesktop.policykit.imply" in (notes := annotations_of(action))
    }
    assert implied == {"org.xtreemos.xosupdate.simulate": ["org.xtreemos.xosupdate.install"]}


def test_policy_is_well_formed_for_xmllint() -> None:
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed")
    subprocess.run(["xmllint", "--noout", "--nonet", str(POLICY)], check=True)


def test_wrapper_runs_isolated_python() -> None:
    text = WRAPPER.read_text()
    assert text.startswith("#!/bin/sh\n")
    commands = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert commands == ['exec /usr/bin/python3 -I -m xosupdate.helper "$@"']
    assert WRAPPER.stat().st_mode & 0o111
