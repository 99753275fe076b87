# SPDX-License-Identifier: GPL-2.0-or-later
"""A signed tree with every signature case, a system root that has older versions of its
packages installed, and a loopback mirror serving it per test.

``TRUST`` (built once per session, then copied so that two packages can be tampered
with):

* Main (``release`` key): xos-good 1.0, xos-unsigned (no signature), xos-otherkey (signed
  with the ``updates`` key, the key of Main Updates), xos-stranger (``other`` key, bound
  to no medium), xos-tamperhdr (a byte of its main header flipped), xos-tamperpay (a
  byte of its payload flipped), xos-bighdr (300 files: a header longer than 8 KiB);
* Main Updates (``updates`` key, update medium with an advisory): xos-good 1.1;
* Main Testing (``other`` key, noauto): xos-good 1.2;
* Old (``release`` key): the 0.9 versions the root has installed.

The root's urpmi.cfg (written per test, with the live port) has Main, Main Updates and
Main Testing (ignored) as ``url`` media; the release and updates keys are imported into
its rpm database, as urpmi.update would have done.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.conftest import BuildRepo
from xosupdate.config import Settings
from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.formats.urpmicfg import add_medium
from xosupdate.repo import (
    DistribSpec,
    DistribTree,
    MediumSpec,
    MirrorServer,
    PackageSpec,
    SigningKey,
)
from xosupdate.system.rpmlib import header_prefix_length, import_pubkey, install_files

REL = "1xos2.0"
NAMES = (
    "xos-bighdr",
    "xos-good",
    "xos-unsigned",
    "xos-otherkey",
    "xos-stranger",
    "xos-tamperhdr",
    "xos-tamperpay",
)


def _pkg(
    name: str, version: str, *, signed_by: str | None = "<medium key>", files: int = 1
) -> PackageSpec:
    return PackageSpec(
        name=name,
        version=version,
        release=REL,
        summary=f"{name} {version}",
        files=tuple(f"/usr/share/{name}/file{i:04d}" for i in range(files)),
        signed_by=signed_by,
    )


TRUST = DistribSpec(
    version="2.0",
    media=(
        MediumSpec(
            path="main/release",
            name="Main",
            key="release",
            packages=(
                _pkg("xos-good", "1.0"),
                _pkg("xos-unsigned", "1.0", signed_by=None),
                _pkg("xos-otherkey", "1.0", signed_by="updates"),
                _pkg("xos-stranger", "1.0", signed_by="other"),
                _pkg("xos-tamperhdr", "1.0"),
                _pkg("xos-tamperpay", "1.0"),
                # A main header longer than the first 8 KiB range.
                _pkg("xos-bighdr", "1.0", files=300),
            ),
        ),
        MediumSpec(
            path="main/updates",
            name="Main Updates",
            key="updates",
            updates_for="main/release",
            packages=(_pkg("xos-good", "1.1"),),
            advisories=(
                Advisory(
                    id="XOSA-2026:001",
                    packages=("xos-good",),
                    importance=Importance.SECURITY,
                    reason="fix",
                ),
            ),
        ),
        MediumSpec(
            path="main/testing",
            name="Main Testing",
            key="other",
            noauto=True,
            packages=(_pkg("xos-good", "1.2"),),
        ),
        MediumSpec(
            path="old/release",
            name="Old",
            key="release",
            packages=tuple(_pkg(n, "0.9") for n in NAMES),
        ),
    ),
)
MEDIA = ("Main", "Main Updates", "Main Testing")


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x55
    path.write_bytes(bytes(data))


@pytest.fixture(scope="session")
def trust_tree(build_repo: BuildRepo, tmp_path_factory: pytest.TempPathFactory) -> DistribTree:
    """The tree, copied and with its two tampered packages (read-only for tests)."""
    built = build_repo(TRUST)
    dest = tmp_path_factory.mktemp("trust") / "distrib"
    shutil.copytree(built.root, dest)
    tree = dataclasses.replace(
        built,
        root=dest,
        media_cfg=dest / built.media_cfg.relative_to(built.root),
        media=tuple(
            dataclasses.replace(
                m,
                directory=dest / m.directory.relative_to(built.root),
                rpms=tuple(dest / r.relative_to(built.root) for r in m.rpms),
                synthesis=dest / m.synthesis.relative_to(built.root),
                md5sum=dest / m.md5sum.relative_to(built.root),
                pubkey=None if m.pubkey is None else dest / m.pubkey.relative_to(built.root),
                descriptions=None
                if m.descriptions is None
                else dest / m.descriptions.relative_to(built.root),
            )
            for m in built.media
        ),
    )
    main = tree.medium("Main")
    hdr = main.rpm("xos-tamperhdr")
    flip(hdr, header_prefix_length(hdr.read_bytes()) - 40)  # inside the main header's data
    pay = main.rpm("xos-tamperpay")
    flip(pay, pay.stat().st_size - 10)  # inside the compressed payload
    return tree


@pytest.fixture(scope="session")
def trust_root_template(
    trust_tree: DistribTree,
    signing_keys: Mapping[str, SigningKey],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """product.id and an rpm database: the 0.9 packages, the release and updates keys."""
    root = tmp_path_factory.mktemp("trustroot") / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc/product.id").write_text(
        "vendor=XtreemOS,distribution=XtreemOS,type=xtreemos,version=2.0,branch=Official,"
        "release=1,arch=x86_64,product=Free\n"
    )
    (root / "etc/release").write_text("XtreemOS release 2.0 (Official) for x86_64\n")
    for name in ("release", "updates"):
        import_pubkey(root, signing_keys[name].armored)
    install_files(root, trust_tree.medium("Old").rpms, verify=False, noscripts=True)
    return root


@dataclass
class TrustEnv:
    """One test's system root, cache and mirror."""

    root: Path
    cache: Path
    mirror: MirrorServer
    tree: DistribTree
    settings: Settings
    keys: Mapping[str, SigningKey]

    @property
    def distrib_url(self) -> str:
        return self.mirror.url

    def medium_url(self, name: str) -> str:
        return f"{self.mirror.url}/media/{self.tree.medium(name).path}"

    def md5sum_path(self, name: str) -> str:
        return f"/media/{self.tree.medium(name).path}/media_info/MD5SUM"

    def info_path(self, name: str, file: str) -> str:
        return f"/media/{self.tree.medium(name).path}/media_info/{file}"

    def write_cfg(self, *, media: tuple[str, ...] = MEDIA) -> None:
        text = ""
        for name in media:
            m = self.tree.medium(name)
            ids = (m.key_short_id,) if m.key_short_id and not m.noauto else ()
            text = add_medium(
                text,
                name=name,
                url=self.medium_url(name),
                update=m.update,
                ignore=m.noauto,
                key_ids=ids,
            )
        cfg = self.root / "etc/urpmi/urpmi.cfg"
        cfg.parent.mkdir(parents=True, exist_ok=True)
        cfg.write_text(text)


FAST = Settings(connect_timeout=0.5, read_timeout=0.5, probe_concurrency=4)


@pytest.fixture
def trust_env(
    trust_tree: DistribTree,
    trust_root_template: Path,
    signing_keys: Mapping[str, SigningKey],
    tmp_path: Path,
) -> Iterator[TrustEnv]:
    root = tmp_path / "root"
    shutil.copytree(trust_root_template, root)
    with MirrorServer(trust_tree.root) as mirror:
        env = TrustEnv(
            root=root,
            cache=tmp_path / "cache",
            mirror=mirror,
            tree=trust_tree,
            settings=FAST,
            keys=signing_keys,
        )
        env.write_cfg()
        yield env
