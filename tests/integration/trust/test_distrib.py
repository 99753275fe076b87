# SPDX-License-Identifier: GPL-2.0-or-later
"""``media add-distrib``: the urpmi.cfg blocks urpmi.addmedia --distrib [--mirrorlist]
writes (design/formats.md §1.5, §12.2), from served trees: the demo, the §12.3 media.cfg
(exact text of the §12.2 samples) and every real media.cfg of ../shared/realdata."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from xosupdate.config import Settings
from xosupdate.errors import HTTPStatusError, UrpmiCfgError
from xosupdate.formats.urpmicfg import encode_urpmicfg
from xosupdate.repo import MirrorServer, SigningKey
from xosupdate.services.demo import DemoSandbox, DemoServer, serve_demo
from xosupdate.services.distrib import DistribPlan, apply_distrib, plan_distrib
from xosupdate.system.rpmlib import imported_keys

pytestmark = pytest.mark.integration

FAST = Settings(connect_timeout=0.5, read_timeout=0.5)

# design/formats.md §12.3, verbatim.
MEDIA_CFG_12_3 = """\
[media_info]
mediacfg_version=2
version=9
branch=Official
arch=x86_64
xml-info=1

[core/release]
hdlist=hdlist_core_release.cz
name=Core Release
media_type=release

[core/updates]
hdlist=hdlist_core_updates.cz
name=Core Updates
media_type=updates
updates_for=core/release

[core/backports]
hdlist=hdlist_core_backports.cz
name=Core Backports
media_type=backports
noauto=1
"""

# design/formats.md §12.2: urpmi.addmedia --distrib http://127.0.0.1:8765/signed/distrib/9/x86_64
URPMI_CFG_12_2_DISTRIB = """\
{
}

Core\\ Release http://127.0.0.1:8765/signed/distrib/9/x86_64/media/core/release {
  key-ids: b3dde119
}

Core\\ Updates http://127.0.0.1:8765/signed/distrib/9/x86_64/media/core/updates {
  key-ids: b3dde119
  update
}

Core\\ Backports http://127.0.0.1:8765/signed/distrib/9/x86_64/media/core/backports {
  ignore
}
"""

# design/formats.md §12.2: urpmi.addmedia --distrib --mirrorlist http://127.0.0.1:8765/mirrors.list
URPMI_CFG_12_2_MIRRORLIST = """\
{
}

Core\\ Release  {
  key-ids: b3dde119
  mirrorlist: http://127.0.0.1:8765/mirrors.list
  with-dir: media/core/release
}

Core\\ Updates  {
  key-ids: b3dde119
  mirrorlist: http://127.0.0.1:8765/mirrors.list
  update
  with-dir: media/core/updates
}

Core\\ Backports  {
  ignore
  mirrorlist: http://127.0.0.1:8765/mirrors.list
  with-dir: media/core/backports
}
"""

TREE_PATH = "signed/distrib/9/x86_64"


@pytest.fixture
def empty_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    return root


@pytest.fixture
def signed_12_3(tmp_path: Path, signing_keys: Mapping[str, SigningKey]) -> Iterator[MirrorServer]:
    """The §12.3 tree: every medium has a pubkey (one key), as urpmi's signed test tree."""
    top = tmp_path / "www"
    tree = top / TREE_PATH
    (tree / "media/media_info").mkdir(parents=True)
    (tree / "media/media_info/media.cfg").write_text(MEDIA_CFG_12_3)
    for medium in ("core/release", "core/updates", "core/backports"):
        info = tree / "media" / medium / "media_info"
        info.mkdir(parents=True)
        (info / "pubkey").write_text(signing_keys["release"].armored)
    with MirrorServer(top) as mirror:
        (top / "mirrors.list").write_text(
            "continent=EU,zone=FR,country=France,city=Paris,latitude=48.86,longitude=2.35,"
            f"version=9,arch=x86_64,type=distrib,url={mirror.url}/{TREE_PATH}\n"
        )
        yield mirror


def sample(text: str, mirror: MirrorServer, key: SigningKey) -> str:
    return text.replace("http://127.0.0.1:8765", mirror.url).replace("b3dde119", key.short_id)


def test_section_12_3_gives_the_section_12_2_text(
    empty_root: Path, signed_12_3: MirrorServer, signing_keys: Mapping[str, SigningKey]
) -> None:
    plan = plan_distrib(empty_root, f"{signed_12_3.url}/{TREE_PATH}", settings=FAST)
    assert plan.new_text == sample(URPMI_CFG_12_2_DISTRIB, signed_12_3, signing_keys["release"])
    # Ignored media get no key-ids, so their pubkey is never fetched (§12.4).
    assert not any("backports/media_info/pubkey" in p for p in signed_12_3.paths())
    assert [m.name for m in plan.media] == ["Core Release", "Core Updates", "Core Backports"]
    apply_distrib(plan)
    assert (empty_root / "etc/urpmi/urpmi.cfg").read_text() == plan.new_text


def test_section_12_3_with_a_mirror_list(
    empty_root: Path, signed_12_3: MirrorServer, signing_keys: Mapping[str, SigningKey]
) -> None:
    list_url = f"{signed_12_3.url}/mirrors.list"
    plan = plan_distrib(empty_root, None, mirrorlist=list_url, settings=FAST)
    assert plan.new_text == sample(URPMI_CFG_12_2_MIRRORLIST, signed_12_3, signing_keys["release"])
    assert plan.media_cfg_url == f"{signed_12_3.url}/{TREE_PATH}/media/media_info/media.cfg"


@pytest.fixture
def demo(demo_sandbox: DemoSandbox) -> Iterator[DemoServer]:
    with serve_demo(demo_sandbox, slow_delay=0.2) as server:
        yield server


def test_demo_tree_with_mirror_list_gives_the_demo_root(
    demo_sandbox: DemoSandbox, demo: DemoServer, tmp_path: Path
) -> None:
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    shutil.copy(demo_sandbox.root / "etc/product.id", root / "etc/product.id")
    (root / "var/lib/rpm").mkdir(parents=True)
    settings = Settings(
        mirrorlist_base_url=demo.mirrorlist_base_url, connect_timeout=0.5, read_timeout=0.5
    )
    plan = plan_distrib(
        root, None, mirrorlist="$MIRRORLIST", settings=settings, cache_dir=tmp_path / "cache"
    )
    # Exactly what urpmi.addmedia --distrib --mirrorlist wrote in the demo sandbox.
    assert plan.new_text == (demo_sandbox.root / "etc/urpmi/urpmi.cfg").read_text()
    # The probes chose the good mirror (the dead one refuses, the slow one is slower).
    assert plan.media_cfg_url == f"{demo.distrib_url}/media/media_info/media.cfg"
    imported = apply_distrib(plan)
    ids = demo_sandbox.key_ids
    assert imported == (ids["Main"], ids["XtreemOS_Updates"])  # as urpmi imports them
    assert set(imported_keys(root)) == set(imported)


def test_demo_tree_by_url(demo_sandbox: DemoSandbox, demo: DemoServer, empty_root: Path) -> None:
    plan = plan_distrib(empty_root, demo.distrib_url + "/", settings=FAST)
    ids = demo_sandbox.key_ids
    url = demo.distrib_url
    assert plan.new_text == (
        "{\n}\n\n"
        f"Main {url}/media/main/release {{\n  key-ids: {ids['Main']}\n}}\n\n"
        f"Contrib {url}/media/contrib/release {{\n  key-ids: {ids['Contrib']}\n}}\n\n"
        f"XtreemOS {url}/media/xtreemos/release {{\n  key-ids: {ids['XtreemOS']}\n}}\n\n"
        f"XtreemOS_Updates {url}/media/xtreemos/updates {{\n"
        f"  key-ids: {ids['XtreemOS_Updates']}\n  update\n}}\n\n"
        f"XtreemOS_Testing {url}/media/xtreemos/testing {{\n  ignore\n}}\n"
    )
    # Adding the same distribution again: every name clashes (Main2…), urpmi's rule.
    again = plan_distrib(empty_root, demo.distrib_url, settings=FAST)
    assert again.new_text == plan.new_text  # nothing was written yet
    apply_distrib(plan)
    twice = plan_distrib(empty_root, demo.distrib_url, settings=FAST)
    assert [m.name for m in twice.media] == [
        "Main2",
        "Contrib2",
        "XtreemOS2",
        "XtreemOS_Updates2",
        "XtreemOS_Testing2",
    ]
    assert twice.new_text.startswith(plan.new_text + "\n")


def test_file_url_writes_plain_paths(
    empty_root: Path, signed_12_3: MirrorServer, signing_keys: Mapping[str, SigningKey]
) -> None:
    local = signed_12_3.root_dir / TREE_PATH
    plan = plan_distrib(empty_root, f"file://{local}", settings=FAST)
    assert [m.url for m in plan.media] == [
        f"{local}/media/core/release",
        f"{local}/media/core/updates",
        f"{local}/media/core/backports",
    ]
    assert plan.media[0].key_ids == (signing_keys["release"].short_id,)


def test_no_media_cfg(empty_root: Path, signed_12_3: MirrorServer) -> None:
    with pytest.raises(HTTPStatusError) as e:
        plan_distrib(empty_root, f"{signed_12_3.url}/nothing", settings=FAST)
    assert e.value.url == f"{signed_12_3.url}/nothing/media/media_info/media.cfg"


def test_apply_refuses_the_running_system_and_stale_plans(empty_root: Path) -> None:
    plan = DistribPlan(
        root=Path("/"), media_cfg_url="x", media=(), skipped=(), old_text="", new_text="{\n}\n"
    )
    with pytest.raises(UrpmiCfgError, match="privileged helper"):
        apply_distrib(plan)
    stale = DistribPlan(
        root=empty_root, media_cfg_url="x", media=(), skipped=(), old_text="x", new_text="{\n}\n"
    )
    with pytest.raises(UrpmiCfgError, match="changed since"):
        apply_distrib(stale)


def test_apply_keeps_every_other_byte_mode_and_refuses_a_link(
    empty_root: Path, signed_12_3: MirrorServer
) -> None:
    cfg = empty_root / "etc/urpmi/urpmi.cfg"
    # CRLF lines, and a lone carriage return inside a comment: urpmi reads one comment line
    # there, and so must the file written back (a live "ignore" would appear otherwise).
    # A comment in Latin-1, as an older tool wrote it, comes back byte for byte.
    old = (
        b"{\r\n}\r\n# \xe9crit \xe0 la main\n"
        b"Testing /srv/testing {\n  # enable for beta\rignore\n}\n"
    )
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_bytes(old)
    cfg.chmod(0o600)
    plan = plan_distrib(empty_root, f"{signed_12_3.url}/{TREE_PATH}", settings=FAST)
    apply_distrib(plan, import_keys=False)
    data = cfg.read_bytes()
    assert data.startswith(old) and data == encode_urpmicfg(plan.new_text)
    assert cfg.stat().st_mode & 0o777 == 0o600
    # A symbolic link is refused rather than cut (or written through).
    real = empty_root / "etc/urpmi/real.cfg"
    cfg.replace(real)
    cfg.symlink_to(real.name)
    again = plan_distrib(empty_root, f"{signed_12_3.url}/{TREE_PATH}", settings=FAST)
    with pytest.raises(UrpmiCfgError, match="not a regular file"):
        apply_distrib(again, import_keys=False)
    assert cfg.is_symlink() and real.read_bytes() == data


# ---------------------------------------------------------------- real media.cfg files


def _normalise(url: str) -> str:
    """urpmi's reduce_pathname, written independently: posixpath on the path part."""
    head, sep, path = url.partition("://")
    if not sep:
        return posixpath.normpath(url)
    host, _, rest = path.partition("/")
    return f"{head}://{host}" + posixpath.normpath("/" + rest)


def _sections(text: str) -> list[tuple[str, dict[str, str]]]:
    out: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            out.append((line[1:-1], {}))
        else:
            key, _, value = line.partition("=")
            out[-1][1][key.strip()] = value
    return out


def expected_cfg(text: str, base: str, compatible: Callable[[str], bool]) -> str:
    """What formats.md §1.5 says urpmi.addmedia --distrib writes (no pubkeys served)."""
    sections = _sections(text)
    info = dict(sections[0][1]) if sections and sections[0][0] == "media_info" else {}
    version = int(info.get("mediacfg_version", "1") or 1)
    taken: set[str] = set()
    blocks = []
    for path, values in sections:
        if path == "media_info":
            continue
        if values.get("arch") and not compatible(values["arch"].strip()):
            continue
        noauto = values.get("noauto", "") not in ("", "0")
        if noauto and values.get("rpms", "").strip() not in ("", "0"):
            continue
        name = values["name"].strip() if "name" in values else re.sub(r"[/ ]+", "_", path)
        unique, i = name, 2
        while unique in taken:
            unique, i = f"{name}{i}", i + 1
        taken.add(unique)
        relative = f"media/{path}" if version >= 2 or "/" not in path else path
        url = _normalise(f"{base}/{relative}")
        flags = (["  ignore\n"] if noauto else []) + (
            ["  update\n"] if values.get("updates_for", "") not in ("", "0") else []
        )
        escaped = unique.replace(" ", "\\ ")
        blocks.append(f"{escaped} {url} {{\n{''.join(flags)}}}\n")
    return "{\n}\n\n" + "\n".join(blocks)


REALDATA_FILES = (
    "gitpan-MDV-Distribconf/testdata/history/devel/cooker/i586/media/media_info/media.cfg",
    "gitpan-MDV-Distribconf/testdata/history/official/10.2/i586/media/media_info/media.cfg",
    "gitpan-MDV-Distribconf/testdata/history/official/2006.0/i586/media/media_info/media.cfg",
    "gitpan-MDV-Distribconf/testdata/history/official/2007.1/i586/media/media_info/media.cfg",
    "gitpan-MDV-Distribconf/testdata/history/official/2007.1/x86_64/media/media_info/media.cfg",
    "shlomif-urpmi/t/data/media.cfg",
    "OpenMandrivaSoftware-urpmi-6.17/t/data/media.cfg",
)


def serve_mediacfg(realdata: Path, relative: str, top: Path) -> Path:
    tree = top / "distrib"
    (tree / "media/media_info").mkdir(parents=True)
    shutil.copy(realdata / relative, tree / "media/media_info/media.cfg")
    return tree


def only_x86_64(arch: str) -> bool:
    return arch in ("x86_64", "noarch")


@pytest.mark.parametrize("relative", REALDATA_FILES)
def test_real_media_cfg_files(
    realdata: Path, relative: str, tmp_path: Path, empty_root: Path
) -> None:
    serve_mediacfg(realdata, relative, tmp_path / "www")
    with MirrorServer(tmp_path / "www") as mirror:
        base = f"{mirror.url}/distrib"
        plan = plan_distrib(empty_root, base, settings=FAST, compatible=only_x86_64)
        text = (realdata / relative).read_text()
        assert plan.new_text == expected_cfg(text, base, only_x86_64)
        for m in plan.media:
            assert m.key_ids == ()  # no pubkey is served: urpmi stores none


def test_urpmi_test_suite_media_cfg_exactly(
    realdata: Path, tmp_path: Path, empty_root: Path
) -> None:
    serve_mediacfg(realdata, "shlomif-urpmi/t/data/media.cfg", tmp_path / "www")
    with MirrorServer(tmp_path / "www") as mirror:
        base = f"{mirror.url}/distrib"
        plan = plan_distrib(empty_root, base, settings=FAST)
    assert plan.new_text == (
        "{\n}\n\n"
        f"Various {base}/media/various {{\n}}\n\n"
        f"Various\\ II {base}/media/various2 {{\n}}\n\n"
        f"Various\\ III {base}/media/various3 {{\n  ignore\n}}\n\n"
        f"Various\\ Debug {base}/media/various-debug {{\n  ignore\n}}\n"
    )
    assert [(s.name, s.reason) for s in plan.skipped] == [("Various Sources", "source medium")]


def test_cooker_name_clash_and_defaults(realdata: Path, tmp_path: Path, empty_root: Path) -> None:
    relative = (
        "gitpan-MDV-Distribconf/testdata/history/devel/cooker/i586/media/media_info/media.cfg"
    )
    serve_mediacfg(realdata, relative, tmp_path / "www")
    with MirrorServer(tmp_path / "www") as mirror:
        plan = plan_distrib(empty_root, f"{mirror.url}/distrib", settings=FAST)
    assert [(m.name, m.path, m.ignore) for m in plan.media] == [
        ("Main", "main/release", False),
        ("Main2", "main/testing", True),  # also called Main in media.cfg
        ("debug_main_release", "debug_main/release", True),  # no name=
        ("debug_main_testing", "debug_main/testing", True),
        ("Contrib", "contrib/release", False),
        ("debug_contrib_release", "debug_contrib/release", True),
        ("non-free_release", "non-free/release", True),
    ]
    assert {s.reason for s in plan.skipped} == {"source medium"}


def test_incompatible_arch_is_skipped(realdata: Path, tmp_path: Path, empty_root: Path) -> None:
    relative = (
        "gitpan-MDV-Distribconf/testdata/history/official/2007.1/x86_64/media/media_info/media.cfg"
    )
    serve_mediacfg(realdata, relative, tmp_path / "www")
    with MirrorServer(tmp_path / "www") as mirror:
        base = f"{mirror.url}/distrib"
        without = plan_distrib(empty_root, base, settings=FAST, compatible=only_x86_64)
        with32 = plan_distrib(empty_root, base, settings=FAST, compatible=lambda a: True)
    assert ("Main32", "arch i586 is not compatible with this machine") in {
        (s.name, s.reason) for s in without.skipped
    }
    main32 = {m.name: m for m in with32.media}["Main32"]
    assert main32.url == f"{mirror.url}/i586/media/main/release"
    assert {m.name: m for m in with32.media}["Main32 Updates"].update
