# SPDX-License-Identifier: GPL-2.0-or-later
"""The demo sandbox: tree, root, rpm database, idempotence, and serving it."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.integration.tools import rpmkeys
from xosupdate.cli.__main__ import main as cli_main
from xosupdate.config import load_settings
from xosupdate.domain.advisory import Importance
from xosupdate.domain.dependency import Dependency
from xosupdate.domain.package import Package
from xosupdate.errors import RepoBuildError
from xosupdate.formats.descriptions import parse_descriptions
from xosupdate.formats.mediacfg import parse_mediacfg
from xosupdate.formats.mirrorlist import parse_mirrorlist
from xosupdate.formats.synthesis import load_synthesis
from xosupdate.services import _demo_content as content
from xosupdate.services.demo import DemoSandbox, build_demo, serve_demo
from xosupdate.services.paths import default_demo_dir
from xosupdate.system import rpmlib

pytestmark = pytest.mark.integration


def media_info(sandbox: DemoSandbox, path: str) -> Path:
    return sandbox.distrib_dir / "media" / path / "media_info"


def packages(sandbox: DemoSandbox, path: str) -> list[Package]:
    return list(load_synthesis(media_info(sandbox, path) / "synthesis.hdlist.cz").packages())


def latest(pkgs: list[Package]) -> dict[str, Package]:
    out: dict[str, Package] = {}
    for p in pkgs:
        if p.name not in out or p.evr > out[p.name].evr:
            out[p.name] = p
    return out


def fetch(url: str, *, timeout: float = 5, **headers: str) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname is not None
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def test_tree(demo_sandbox: DemoSandbox) -> None:
    cfg = parse_mediacfg(
        (demo_sandbox.distrib_dir / "media/media_info/media.cfg").read_text(), source="media.cfg"
    )
    assert (cfg.version, cfg.branch, cfg.arch) == ("2.0", "Official", "x86_64")
    assert [(s.path, s.name, s.is_update, s.noauto) for s in cfg.sections] == [
        ("main/release", "Main", False, False),
        ("contrib/release", "Contrib", False, False),
        ("xtreemos/release", "XtreemOS", False, False),
        ("xtreemos/updates", "XtreemOS_Updates", True, False),
        ("xtreemos/testing", "XtreemOS_Testing", False, True),
    ]
    # 2009.0 style: gzip synthesis, @suggests@ rather than @recommends@.
    main = (media_info(demo_sandbox, "main/release") / "synthesis.hdlist.cz").read_bytes()
    assert main[:2] == b"\x1f\x8b"
    urpmi = latest(packages(demo_sandbox, "main/release"))["urpmi"]
    assert urpmi.suggests == (Dependency(name="wget"),)
    total = sum(m.packages for m in demo_sandbox.media)
    assert 30 <= total <= 60
    for m in demo_sandbox.media:
        pubkey = (media_info(demo_sandbox, m.path) / "pubkey").read_text()
        assert pubkey.startswith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
    ids = demo_sandbox.key_ids
    assert ids["Main"] == ids["Contrib"] == ids["XtreemOS"]
    assert len({ids["Main"], ids["XtreemOS_Updates"], ids["XtreemOS_Testing"]}) == 3


def test_root_files(demo_sandbox: DemoSandbox) -> None:
    root = demo_sandbox.root
    assert (root / "etc/product.id").read_text() == (
        "vendor=XtreemOS,distribution=XtreemOS,type=xtreemos,version=2.0,branch=Official,"
        "release=1,arch=x86_64,product=Free\n"
    )
    ids = demo_sandbox.key_ids
    blocks = [
        (
            f"Main  {{\n  key-ids: {ids['Main']}\n  mirrorlist: $MIRRORLIST\n"
            "  with-dir: media/main/release\n}\n"
        ),
        (
            f"Contrib  {{\n  key-ids: {ids['Contrib']}\n  mirrorlist: $MIRRORLIST\n"
            "  with-dir: media/contrib/release\n}\n"
        ),
        (
            f"XtreemOS  {{\n  key-ids: {ids['XtreemOS']}\n  mirrorlist: $MIRRORLIST\n"
            "  with-dir: media/xtreemos/release\n}\n"
        ),
        (
            f"XtreemOS_Updates  {{\n  key-ids: {ids['XtreemOS_Updates']}\n"
            "  mirrorlist: $MIRRORLIST\n  update\n  with-dir: media/xtreemos/updates\n}\n"
        ),
        (
            "XtreemOS_Testing  {\n  ignore\n  mirrorlist: $MIRRORLIST\n"
            "  with-dir: media/xtreemos/testing\n}\n"
        ),
    ]
    assert (root / "etc/urpmi/urpmi.cfg").read_text() == "{\n}\n\n" + "\n".join(blocks)
    assert (root / "etc/release").read_text() == "XtreemOS release 2.0 (Official) for x86_64\n"
    settings = load_settings(demo_sandbox.config_file)
    assert settings.mirrorlist_base_url is not None
    assert settings.mirrorlist_base_url.endswith("/api/mirrors")


def test_urpmi_state_matches_the_mirror(demo_sandbox: DemoSandbox) -> None:
    state = demo_sandbox.root / "var/lib/urpmi"
    for m in demo_sandbox.media:
        local = state / m.name
        expected = ["MD5SUM", "synthesis.hdlist.cz"] + (["descriptions"] if m.update else [])
        assert sorted(f.name for f in local.iterdir()) == (sorted(expected) if m.enabled else [])
        for name in expected if m.enabled else []:
            assert (local / name).read_bytes() == (
                media_info(demo_sandbox, m.path) / name
            ).read_bytes()


def test_rpm_database_holds_the_older_versions(demo_sandbox: DemoSandbox) -> None:
    installed = {p.name: p for p in rpmlib.installed_packages(demo_sandbox.root)}
    assert set(installed) == content.INSTALLED
    assert demo_sandbox.installed == len(installed)
    assert "lib64confuse0" not in installed
    assert installed["perl"].evr.epoch == 2
    updates = packages(demo_sandbox, "xtreemos/updates")
    upgraded = [u for u in updates if u.name in installed]
    assert len(upgraded) >= 8
    for u in upgraded:
        assert u.evr > installed[u.name].evr, u.name
    # Installed for real, files and all.
    assert (demo_sandbox.root / "usr/sbin/xos-amsd").is_file()
    assert rpmlib.imported_keys(demo_sandbox.root) == tuple(
        sorted((demo_sandbox.key_ids["Main"], demo_sandbox.key_ids["XtreemOS_Updates"]))
    )


def test_update_scenarios(demo_sandbox: DemoSandbox) -> None:
    installed = {p.name: p for p in rpmlib.installed_packages(demo_sandbox.root)}
    updates = {p.name: p for p in packages(demo_sandbox, "xtreemos/updates")}
    main = latest(packages(demo_sandbox, "main/release"))
    # kernel-desktop-latest pulls in a kernel package that is not installed.
    latest_kernel = updates["kernel-desktop-latest"]
    (needed,) = latest_kernel.requires
    assert needed.name == "kernel-desktop-2.6.27.7-1mnb"
    assert needed.name in updates
    assert needed.name not in installed
    # An update newly requires a package of Main that is not installed.
    amsd_needs = {d.name for d in updates["xos-amsd"].requires}
    assert "libconfuse.so.0()(64bit)" in amsd_needs
    assert any(d.name == "libconfuse.so.0()(64bit)" for d in main["lib64confuse0"].provides)
    # An epoch bump makes 1.9.5 newer than 2.0.
    node = updates["xtreemos-node-manager"]
    assert (node.evr.epoch, node.evr.version) == (1, "1.9.5")
    assert node.evr > installed["xtreemos-node-manager"].evr


def test_every_requirement_is_resolvable(demo_sandbox: DemoSandbox) -> None:
    available = list(rpmlib.installed_packages(demo_sandbox.root))
    for m in demo_sandbox.media:
        available += packages(demo_sandbox, m.path)
    # Self-provides are among the provides; file requirements resolve through the file
    # provides of the synthesis files.
    provides = [d for p in available for d in p.provides]
    for m in demo_sandbox.media:
        for pkg in packages(demo_sandbox, m.path):
            for req in pkg.requires:
                assert any(req.satisfied_by(p) for p in provides), f"{pkg}: {req}"


def test_advisories(demo_sandbox: DemoSandbox) -> None:
    text = (media_info(demo_sandbox, "xtreemos/updates") / "descriptions").read_text()
    advisories = parse_descriptions(text, source="descriptions").advisories
    assert {a.importance for a in advisories} == set(Importance)
    names = {p.name for p in packages(demo_sandbox, "xtreemos/updates")}
    for adv in advisories:
        assert re.fullmatch(r"XOS(SA|A)-2009:\d{3}", adv.id)
        assert adv.id.startswith("XOSSA") == (adv.importance is Importance.SECURITY)
        assert adv.url == f"http://www.xtreemos.eu/security/advisories?name={adv.id}"
        assert adv.reason
        assert set(adv.packages) <= names
    assert demo_sandbox.medium("XtreemOS_Updates").advisories == len(advisories)


def test_testing_medium(demo_sandbox: DemoSandbox) -> None:
    testing = latest(packages(demo_sandbox, "xtreemos/testing"))
    updates = latest(packages(demo_sandbox, "xtreemos/updates"))
    release = latest(packages(demo_sandbox, "xtreemos/release"))
    newer = [n for n, p in testing.items() if n in release and p.evr > release[n].evr]
    assert len(newer) >= 4
    assert any(n in updates and testing[n].evr > updates[n].evr for n in newer)
    only = [n for n in testing if n not in release and n not in updates]
    assert only == ["xtreemos-checkpointer"]
    assert not demo_sandbox.medium("XtreemOS_Testing").enabled


def test_signatures_against_the_root_keys(demo_sandbox: DemoSandbox) -> None:
    updates = sorted((demo_sandbox.distrib_dir / "media/xtreemos/updates").glob("*.rpm"))
    ok = rpmkeys(demo_sandbox.root, "--checksig", *map(str, updates))
    assert ok.returncode == 0, ok.stdout
    testing = sorted((demo_sandbox.distrib_dir / "media/xtreemos/testing").glob("*.rpm"))
    # The testing key is not imported: the medium is disabled.
    assert rpmkeys(demo_sandbox.root, "--checksig", str(testing[0])).returncode == 1


def test_describe(demo_sandbox: DemoSandbox) -> None:
    text = demo_sandbox.describe()
    for m in demo_sandbox.media:
        assert m.name in text
        assert str(m.key_id) in text
    assert str(demo_sandbox.root) in text
    assert "8 advisories" in text


def test_reuse_force_and_refusal(tmp_path: Path) -> None:
    dest = tmp_path / "demo"
    first = build_demo(dest)
    marker = dest / "xosupdate-demo.json"
    stamp = marker.stat().st_mtime_ns
    started = time.monotonic()
    again = build_demo(dest)
    assert time.monotonic() - started < 0.5
    assert again == first
    assert marker.stat().st_mtime_ns == stamp
    # An outdated marker means rebuilding, as does force.
    data = json.loads(marker.read_text())
    marker.write_text(json.dumps({**data, "format": 0}))
    rebuilt = build_demo(dest)
    assert rebuilt.key_ids != first.key_ids  # new keys: really rebuilt
    forced = build_demo(dest, force=True)
    assert forced.key_ids != rebuilt.key_ids
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(RepoBuildError, match="not a demo sandbox"):
        build_demo(other)
    assert (other / "notes.txt").read_text() == "mine"


def test_serving(demo_sandbox: DemoSandbox) -> None:
    with serve_demo(demo_sandbox, slow_delay=0.3) as server:
        settings = load_settings(demo_sandbox.config_file)
        assert settings.mirrorlist_base_url == server.mirrorlist_base_url
        assert server.mirrorlist_url == (f"{server.mirrorlist_base_url}/xtreemos.2.0.x86_64.list")
        status, body = fetch(server.mirrorlist_url)
        assert status == 200
        mirrors = parse_mirrorlist(body, source="list")
        assert [m.url for m in mirrors] == list(server.mirror_urls)
        assert {m.type for m in mirrors} == {"distrib"}
        dead, slow, good = server.mirror_urls
        # The dead mirror refuses connections.
        dead_port = urllib.parse.urlsplit(dead).port
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", dead_port), timeout=1).close()
        # The slow one answers, late.
        started = time.monotonic()
        assert fetch(f"{slow}/media/media_info/media.cfg")[0] == 200
        assert time.monotonic() - started >= 0.3
        # The good one serves metadata and packages, with Range.
        assert fetch(f"{good}/media/main/release/media_info/MD5SUM")[0] == 200
        rpm_name = next((demo_sandbox.distrib_dir / "media/main/release").glob("bash-*.rpm"))
        status, head = fetch(f"{good}/media/main/release/{rpm_name.name}", Range="bytes=0-95")
        assert (status, head) == (206, rpm_name.read_bytes()[:96])
        assert server.good.paths()[-1].endswith(rpm_name.name)
    with pytest.raises(OSError):  # refused or reset: both mean "stopped"
        fetch(server.mirrorlist_url, timeout=1)


def test_cli_and_gui_share_the_default_place(
    demo_sandbox: DemoSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``xosupdate demo`` without --dir builds where ``xosupdate-gui --demo`` looks, whatever
    the current directory: $XDG_CACHE_HOME/xosupdate/demo."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    expected = tmp_path / "cache/xosupdate/demo"
    assert default_demo_dir() == expected
    # A complete copy is reused as it is: the command finds it there and builds nothing.
    shutil.copytree(demo_sandbox.dest, expected, symlinks=True)
    assert cli_main(["demo"]) == 0
    assert f"{expected / 'root'}" in capsys.readouterr().out
    assert not (tmp_path / "xosupdate-demo").exists()
