# SPDX-License-Identifier: GPL-2.0-or-later
"""Desktop integration files pass the freedesktop validators, and the icons are complete."""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO_ROOT

PACKAGING = REPO_ROOT / "packaging"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


@pytest.mark.parametrize("name", ["xosupdate.desktop", "xosupdate-notifier.desktop"])
def test_desktop_entries_validate(name: str) -> None:
    res = subprocess.run(
        [_tool("desktop-file-validate"), str(PACKAGING / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "error" not in res.stdout.lower()


def test_metainfo_validates() -> None:
    res = subprocess.run(
        [
            _tool("appstreamcli"),
            "validate",
            "--no-net",
            "--pedantic",
            str(PACKAGING / "org.xtreemos.xosupdate.metainfo.xml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_desktop_entry_launches_the_gui_with_the_icon() -> None:
    text = (PACKAGING / "xosupdate.desktop").read_text()
    assert "\nExec=xosupdate-gui\n" in text and "\nIcon=xosupdate\n" in text
    assert "Name[fr]=" in text


@pytest.mark.parametrize("name", ["xosupdate.desktop", "xosupdate-notifier.desktop"])
def test_desktop_entries_are_in_french(name: str) -> None:
    entries = dict(
        line.split("=", 1) for line in (PACKAGING / name).read_text().splitlines() if "=" in line
    )
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert key in entries, key
        assert entries.get(f"{key}[fr]", "").strip(), f"{key}[fr]"
    assert len(entries["Keywords[fr]"].split(";")) >= len(entries["Keywords"].split(";")) - 2


def test_metainfo_is_in_french() -> None:
    root = ET.parse(PACKAGING / "org.xtreemos.xosupdate.metainfo.xml").getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag in ("name", "summary"):
        assert [e.get(lang) for e in root.findall(tag)] == [None, "fr"], tag
    # Every paragraph of the descriptions (the application's, the releases') is followed by
    # its French one.
    for description in root.iter("description"):
        langs = [p.get(lang) for p in description.findall("p")]
        assert langs and langs == [None, "fr"] * (len(langs) // 2), langs
    keywords = [k.get(lang) for k in root.iter("keyword")]
    assert keywords.count("fr") == keywords.count(None)


def test_man_page_renders() -> None:
    res = subprocess.run(
        [_tool("groff"), "-man", "-Tutf8", "-ww", "-z", str(PACKAGING / "xosupdate.1")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0 and res.stderr == "", res.stderr


@pytest.mark.parametrize("size", ICON_SIZES)
def test_hicolor_png_icons(size: int) -> None:
    data = (PACKAGING / "icons" / f"{size}x{size}" / "xosupdate.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_scalable_icon_is_svg() -> None:
    assert (REPO_ROOT / "resources/icons/xosupdate.svg").read_text().lstrip().startswith("<?xml")
