# SPDX-License-Identifier: GPL-2.0-or-later
"""The helper's own refresh of urpmi's state directory (no urpmi here): what it keeps."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from tests.integration.tools import QuietReporter
from xosupdate.config import Settings
from xosupdate.domain.evr import Evr
from xosupdate.domain.medium import Medium
from xosupdate.domain.package import Package
from xosupdate.formats.synthesis import dump_synthesis
from xosupdate.helper.fetch import Fetcher, MediumSource, refresh_medium, statedir
from xosupdate.helper.verbs import Cancel

pytestmark = pytest.mark.expected_warnings  # what is not kept is a warning


def _mirror(top: Path, descriptions: bytes, listed: bytes | None) -> str:
    info = top / "media_info"
    info.mkdir(parents=True, exist_ok=True)
    synthesis = gzip.compress(
        dump_synthesis([Package(name="foo", evr=Evr.parse("2-1"), arch="noarch")]), mtime=0
    )
    (info / "synthesis.hdlist.cz").write_bytes(synthesis)
    (info / "descriptions").write_bytes(descriptions)
    lines = [f"{hashlib.md5(synthesis).hexdigest()}  synthesis.hdlist.cz\n"]
    if listed is not None:
        lines.append(f"{hashlib.md5(listed).hexdigest()}  descriptions\n")
    (info / "MD5SUM").write_text("".join(lines))
    return f"file://{top}"


@pytest.mark.parametrize(
    ("served", "listed"),
    [
        (b"%package foo\n%pre\nnot what MD5SUM says\n", b"%package foo\n%pre\nthe real one\n"),
        (b"<!DOCTYPE html><html>captive portal</html>\n", None),
    ],
)
def test_descriptions_not_matching_md5sum_or_html_are_not_kept(
    tmp_path: Path, served: bytes, listed: bytes | None
) -> None:
    root = tmp_path / "root"
    old = statedir(root, "Up") / "descriptions"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%package foo\n%pre\nadvisories of the previous synthesis\n")
    medium = Medium(name="Up", update=True)
    source = MediumSource(medium=medium, urls=[_mirror(tmp_path / "mirror", served, listed)])
    fetcher = Fetcher(settings=Settings(), cancel=Cancel(), report=QuietReporter())
    outcome = refresh_medium(source, root=root, fetcher=fetcher, want_pubkey=False)
    assert outcome.updated
    assert (statedir(root, "Up") / "synthesis.hdlist.cz").is_file()
    # Neither the page nor the stale advisories: none describes the new synthesis.
    assert not old.exists()
