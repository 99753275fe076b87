# SPDX-License-Identifier: GPL-2.0-or-later
"""``xosupdate install`` and ``xosupdate media enable|disable`` on a copy of the demo root
(the helper runs directly: a sandbox root needs no pkexec)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.integration.helper.conftest import installed_versions, rpmdb_state
from xosupdate.cli.__main__ import main
from xosupdate.formats.urpmicfg import parse_urpmicfg

pytestmark = pytest.mark.integration


class Terminal(io.StringIO):
    """A stdin that claims to be a terminal, with the user's answers."""

    def isatty(self) -> bool:
        return True


def cli(
    root: Path,
    *args: str,
    answer: str | None = None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    stdin: io.StringIO = Terminal(answer) if answer is not None else io.StringIO("")
    monkeypatch.setattr("sys.stdin", stdin)
    status = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_install_dry_run_yes_and_refusals(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = rpmdb_state(root)
    status, out, err = cli(
        root, "install", "xos-amsd", "lib64confuse0", "--dry-run",
        monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert status == 0, err
    assert "The following 2 packages would be installed:" in out
    assert "xos-amsd-2.0.1-1xos2.0.x86_64" in out
    assert "XtreemOS_Updates" in out
    assert "lib64confuse0-2.6-1mdv2009.0.x86_64" in out
    assert rpmdb_state(root) == before
    # Not a terminal and no --yes: nothing happens.
    status, out, err = cli(
        root, "install", "xos-amsd", "lib64confuse0", monkeypatch=monkeypatch, capsys=capsys
    )
    assert status == 1
    assert "use --yes" in err
    assert rpmdb_state(root) == before
    # The user says no.
    status, out, _ = cli(
        root, "install", "xos-amsd", "lib64confuse0", answer="n\n",
        monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert status == 1
    assert "Install 2 packages? [y/N]" in out
    assert "Nothing was installed." in out
    assert rpmdb_state(root) == before
    # The user says yes.
    status, out, err = cli(
        root, "install", "xos-amsd", "lib64confuse0", answer="y\n",
        monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert status == 0, err
    assert "Installed 2 packages." in out
    assert "installing xos-amsd (2/2)" in err or "installing xos-amsd (1/2)" in err
    assert installed_versions(root, "xos-amsd") == {"xos-amsd": ["2.0.1-1xos2.0"]}
    status, out, _ = cli(
        root, "install", "xos-amsd", "--yes", monkeypatch=monkeypatch, capsys=capsys
    )
    assert status == 0
    assert "Nothing to install" in out


def test_install_errors(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(
        root, "install", "openssl", "--yes", monkeypatch=monkeypatch, capsys=capsys
    )
    assert status == 1
    assert "error: cannot install: lib64openssl0.9.8 = 0.9.8h-3.2mdv2009.0 is needed by" in err
    status, _, err = cli(root, "install", "--", "-a", monkeypatch=monkeypatch, capsys=capsys)
    assert (status, err.strip()) == (1, "error: not a package name: '-a'")
    status, _, err = cli(
        root, "install", "xos-pam", "--media", "XtreemOS_Testing",
        monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert status == 1
    assert "medium 'XtreemOS_Testing' is disabled; enable it first" in err


def test_media_enable_asks_for_testing_media(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = root / "etc/urpmi/urpmi.cfg"
    original = cfg.read_bytes()

    def testing_enabled() -> bool:
        return parse_urpmicfg(cfg.read_bytes(), source="x").medium("XtreemOS_Testing").enabled

    status, out, err = cli(
        root, "media", "enable", "XtreemOS_Testing", answer="no\n",
        monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert status == 1
    assert "XtreemOS_Testing is a testing medium" in out
    assert "may break your system" in out
    assert "xosupdate media disable XtreemOS_Testing" in out
    assert "Nothing was changed." in out
    assert cfg.read_bytes() == original
    status, out, _ = cli(
        root, "media", "enable", "XtreemOS_Testing", answer="y\n",
        monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert status == 0
    assert "medium XtreemOS_Testing enabled" in out
    assert testing_enabled()
    # Enabling fetched the medium's metadata and bound its key, as urpmi.update does.
    testing = parse_urpmicfg(cfg.read_bytes(), source="x").medium("XtreemOS_Testing")
    assert testing.key_ids
    status, out, _ = cli(
        root, "media", "disable", "XtreemOS_Testing", monkeypatch=monkeypatch, capsys=capsys
    )
    assert (status, testing_enabled()) == (0, False)
    # Only the key binding remains of the round trip: one line inside the medium's block.
    added = set(cfg.read_bytes().splitlines()) - set(original.splitlines())
    assert added == {f"  key-ids: {','.join(testing.key_ids)}".encode()}
    assert len(cfg.read_bytes().splitlines()) == len(original.splitlines()) + 1
    status, out, _ = cli(
        root, "media", "enable", "XtreemOS_Testing", "--yes",
        monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert status == 0
    assert "testing medium" not in out
    assert testing_enabled()
    # An ordinary medium: no question.
    status, out, _ = cli(root, "media", "enable", "Main", monkeypatch=monkeypatch, capsys=capsys)
    assert (status, out.strip()) == (0, "medium Main was already enabled")
    status, _, err = cli(root, "media", "enable", "Nope", monkeypatch=monkeypatch, capsys=capsys)
    assert status == 1
    assert "no medium named 'Nope'" in err
