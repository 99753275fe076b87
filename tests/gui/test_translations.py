# SPDX-License-Identifier: GPL-2.0-or-later
"""Every user-visible string of ui/ is extractable for translators (pyside6-lupdate), under
the context Qt looks it up with at run time (the class name for ``self.tr``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"
# Contexts of module-level QCoreApplication.translate calls (functions, not classes).
MODULE_CONTEXTS = {"app", "errors", "notifier", "wording"}


def test_lupdate_finds_every_context(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    sources = sorted(str(p) for p in UI.rglob("*.py") if "forms" not in p.parts)
    ts = tmp_path / "xosupdate_xx.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(ts)], check=True, capture_output=True)
    contexts = {c.findtext("name"): len(c.findall("message")) for c in ET.parse(ts).getroot()}
    classes = {
        line.split("class ", 1)[1].split("(", 1)[0]
        for p in UI.rglob("*.py")
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("class ")
    }
    stray = set(contexts) - classes - MODULE_CONTEXTS
    assert not stray, f"translations under contexts Qt never looks up: {stray}"
    assert {"MainWindow", "UpdatesModel", "InstallDialog", "errors", "wording"} <= set(contexts)
    assert sum(contexts.values()) > 300
