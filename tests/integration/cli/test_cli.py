# SPDX-License-Identifier: GPL-2.0-or-later
"""The CLI contract of design/ARCHITECTURE.md on the demo sandbox: JSON schema 1 records,
exit codes (0, 1, 2, 100) and one ``error:`` line."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from xosupdate.cli.__main__ import main
from xosupdate.formats.urpmicfg import parse_urpmicfg, set_ignored
from xosupdate.services.demo import DemoSandbox

pytestmark = pytest.mark.integration


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_media_list_json(demo_sandbox: DemoSandbox, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--root", str(demo_sandbox.root), "media", "list", "--json")
    doc = json.loads(out)
    assert status == 0 and doc["schema"] == 1
    names = [m["name"] for m in doc["media"]]
    assert names == ["Main", "Contrib", "XtreemOS", "XtreemOS_Updates", "XtreemOS_Testing"]
    testing = doc["media"][-1]
    assert testing["enabled"] is False and testing["testing"] is True
    assert set(testing) == {
        "name",
        "url",
        "mirrorlist",
        "with_dir",
        "enabled",
        "update",
        "testing",
        "kind",
        "key_ids",
    }
    updates = doc["media"][3]
    assert updates["update"] is True and updates["key_ids"] and updates["mirrorlist"]


def test_updates_json_schema(
    demo_sandbox: DemoSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "--root", str(demo_sandbox.root), "--cache-dir", str(tmp_path), "updates", "--json"
    )
    doc = json.loads(out)
    assert status == 0 and doc["schema"] == 1 and doc["problems"] == []
    records = {r["name"]: r for r in doc["updates"]}
    for r in records.values():
        assert {
            "name",
            "arch",
            "installed",
            "candidate",
            "medium",
            "importance",
            "advisory",
        } <= set(r)
        assert set(r["candidate"]) == {"epoch", "version", "release"}
        assert r["importance"] in ("security", "bugfix", "normal")
    upgrade = records["openssl"]
    assert upgrade["installed"]["version"] and upgrade["advisory"]["id"].startswith("XOSSA")
    new = next(r for r in records.values() if r["installed"] is None)
    assert new["required_by"]
    # The new kernel says "should-restart = system", as Mandriva's and Mageia's do.
    assert records["kernel-desktop-2.6.27.7-1mnb"]["restart"] == "system"
    assert "restart" not in upgrade


def test_updates_held_back_by_the_skip_list(
    demo_sandbox: DemoSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A copy of the root: the shared sandbox stays as built.
    root = tmp_path / "root"
    shutil.copytree(demo_sandbox.root, root, symlinks=True)
    (root / "etc/urpmi/skip.list").write_text("# not now\nopenssl\n")
    argv = ["--root", str(root), "--cache-dir", str(tmp_path / "cache"), "updates"]
    status, out, _ = run(capsys, *argv, "--json")
    doc = json.loads(out)
    assert status == 0 and "openssl" not in {r["name"] for r in doc["updates"]}
    (held,) = doc["held"]
    assert held["name"] == "openssl" and held["advisory"]["id"].startswith("XOSSA")
    status, out, _ = run(capsys, *argv)
    assert (
        "Held back by /etc/urpmi/skip.list: openssl (0.9.8h-3mdv2009.0 -> 0.9.8h-3.2mdv2009.0)"
        in out.splitlines()
    )


def test_updates_text_names_the_restart_before_installing(
    demo_sandbox: DemoSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "--root", str(demo_sandbox.root), "--cache-dir", str(tmp_path), "updates"
    )
    assert status == 0
    assert out.splitlines()[-1] == (
        "A restart of the computer will be needed after installing: kernel-desktop-2.6.27.7-1mnb."
    )


def test_updates_check_exit_codes(
    demo_sandbox: DemoSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(demo_sandbox.root)
    assert run(capsys, "--root", root, "--cache-dir", str(tmp_path), "updates", "--check")[0] == 100
    # The testing medium was never refreshed: one error naming it, exit 1.
    status, _, err = run(
        capsys,
        "--root",
        root,
        "--cache-dir",
        str(tmp_path),
        "updates",
        "--media",
        "XtreemOS_Testing",
        "--check",
    )
    assert status == 1 and "medium XtreemOS_Testing" in err and err.startswith("error: ")
    status, _, err = run(capsys, "--root", root, "updates", "--media", "Nope")
    assert status == 1 and err.splitlines()[0].startswith("error: no medium named 'Nope'")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["updates", "--bogus"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_audit_formats(
    demo_sandbox: DemoSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(demo_sandbox.root)
    status, out, _ = run(capsys, "--root", root, "audit", "--format", "json")
    doc = json.loads(out)
    assert status == 0 and doc["schema"] == 1
    assert doc["product"]["vendor"] == "XtreemOS"
    assert sum(doc["counts"].values()) == len(doc["records"]) > 0
    assert doc["counts"]["update-available"] > 0
    _, out, _ = run(capsys, "--root", root, "audit", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(doc["records"]) and rows[0]["status"]
    html = tmp_path / "audit.html"
    status, _, err = run(capsys, "--root", root, "audit", "--format", "html", "-o", str(html))
    text = html.read_text()
    assert status == 0 and "wrote" in err
    assert (
        text.startswith("<!DOCTYPE html>")
        and "<script>" in text
        and "http"
        not in (text.split('<table id="audit">')[0].replace("http://www.xtreemos.eu", ""))
    )
    assert "Update available" in text and "vendor=XtreemOS" in text
    _, out, _ = run(capsys, "--root", root, "audit")
    assert out.startswith("Audit of ") and "update-available" in out


def test_root_without_urpmi_cfg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--root", str(tmp_path), "updates")
    assert status == 1 and err.count("error:") == 1 and "urpmi.cfg: no such file" in err


def test_no_medium_to_look_in_is_an_error_not_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "etc/urpmi/urpmi.cfg"
    cfg.parent.mkdir(parents=True)
    cfg.write_text("{\n}\n")
    status, out, err = run(capsys, "--root", str(tmp_path), "updates", "--check")
    assert (status, out) == (1, "")
    assert err.count("error:") == 1 and "urpmi.cfg lists no medium" in err
    cfg.write_text(
        "{\n}\n\nMain http://h/main {\n  ignore\n}\n\nUp http://h/up {\n  ignore\n  update\n}\n"
    )
    status, out, err = run(capsys, "--root", str(tmp_path), "updates", "--json")
    assert (status, out) == (1, "")
    assert "every medium is disabled (Main, Up)" in err and "media enable NAME" in err


def test_no_enabled_update_medium_is_said(
    demo_sandbox: DemoSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The release media are still searched (they may hold newer packages), but security
    and bug-fix updates are not looked for: a warning says so, and no "up to date"."""
    root = tmp_path / "root"
    shutil.copytree(demo_sandbox.root, root, symlinks=True)
    path = root / "etc/urpmi/urpmi.cfg"
    text = path.read_text()
    for medium in parse_urpmicfg(text, source=str(path)).media:
        if medium.update:
            text = set_ignored(text, medium.name, ignored=True, source=str(path))
    path.write_text(text)
    status, _, err = run(capsys, "--root", str(root), "--cache-dir", str(tmp_path / "c"), "updates")
    assert status == 0
    assert err.startswith("warning: no enabled medium is an update medium")
    # Media named (the testing view): what they offer is all that was asked.
    cache = str(tmp_path / "c")
    _, _, err = run(capsys, "--root", str(root), "--cache-dir", cache, "updates", "--media", "Main")
    assert "warning" not in err
    status, _, err = run(
        capsys, "--root", str(demo_sandbox.root), "--cache-dir", str(tmp_path / "d"), "updates"
    )
    assert "warning" not in err


def test_root_without_rpm_database(
    demo_sandbox: DemoSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "root"
    (root / "etc/urpmi").mkdir(parents=True)
    (root / "etc/urpmi/urpmi.cfg").write_bytes(
        (demo_sandbox.root / "etc/urpmi/urpmi.cfg").read_bytes()
    )
    status, _, err = run(capsys, "--root", str(root), "updates")
    assert status == 1 and "rpm database" in err and "hint:" in err


def test_inspect_every_format(
    realdata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    product = tmp_path / "product.id"
    product.write_text(
        "vendor=XtreemOS,distribution=XtreemOS,type=xtreemos,version=2.0,"
        "branch=Official,release=1,arch=x86_64,product=Free\n"
    )
    cases = {
        realdata / "smartpm-smart/tests/data/urpmi/media_info/synthesis.hdlist.cz": "synthesis",
        realdata / "smartpm-smart/tests/data/urpmi/media_info/MD5SUM": "md5sum",
        realdata / "smartpm-smart/tests/data/urpmi/media_info/descriptions": "descriptions",
        realdata / "smartpm-smart/tests/data/urpmi/mirrorlist.txt": "mirrorlist",
        realdata / "edumagic-edumagic/urpmi.cfg": "urpmi.cfg",
        realdata / "shlomif-urpmi/t/data/media.cfg": "media.cfg",
        realdata / "gitpan-MDV-Distribconf/testdata/testa/media/media_info/hdlists": "media.cfg",
        product: "product.id",
    }
    for path, fmt in cases.items():
        status, out, _ = run(capsys, "inspect", "--json", str(path))
        doc = json.loads(out)
        assert (status, doc["schema"], doc["format"]) == (0, 1, fmt), path
        assert doc["records"], path
        status, out, _ = run(capsys, "inspect", str(path))
        assert status == 0 and out.startswith(f"{path}: {fmt}, ")
    empty = realdata / "OpenMandrivaSoftware-perl-URPM-3.20/t/empty_synthesis.cz"
    status, out, _ = run(capsys, "inspect", "--json", str(empty))
    assert status == 0 and json.loads(out)["records"] == []


def test_inspect_errors_name_file_and_line(
    realdata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    buggy = realdata / "OpenMandrivaSoftware-perl-URPM-3.20/t/buggy_synthesis.cz"
    status, out, err = run(capsys, "inspect", str(buggy))
    assert (status, out) == (1, "") and err.startswith(f"error: {buggy}: corrupt gzip data")
    bad = tmp_path / "urpmi.cfg"
    bad.write_text("{\n}\n\nMain http://m {\n  key-ids: 1\n{\n")
    status, _, err = run(capsys, "inspect", str(bad))
    assert status == 1 and err.startswith(f"error: {bad}:6: ")
    junk = tmp_path / "junk"
    junk.write_bytes(b"\x00\x01binary junk\xff" * 100)
    status, _, err = run(capsys, "inspect", str(junk))
    assert status == 1 and err.startswith(f"error: {junk}:1: ")
    assert err.count("\n") == 1  # one line, never a traceback
