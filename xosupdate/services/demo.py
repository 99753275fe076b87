# SPDX-License-Identifier: GPL-2.0-or-later
"""The demo sandbox: an XtreemOS 2.0 system and its mirror, built locally (services layer).

``build_demo(DEST)`` makes, on any machine with rpm and gpg, without touching the host
(design/ARCHITECTURE.md, "Demo sandbox")::

    DEST/mirror/xtreemos/2.0/x86_64/      signed urpmi tree: Main, Contrib, XtreemOS,
                                          XtreemOS_Updates (update medium), XtreemOS_Testing
    DEST/mirror/api/mirrors/xtreemos.2.0.x86_64.list     the mirror list
    DEST/root/                            the system: etc/product.id, etc/urpmi/urpmi.cfg as
                                          ``urpmi.addmedia --distrib --mirrorlist`` writes it,
                                          var/lib/urpmi/<medium>/ as urpmi.update leaves it,
                                          an rpm database holding the older versions, and
                                          etc/xosupdate/xosupdate.toml
    DEST/xosupdate-demo.json              marker: format version and what was built

It is idempotent: a complete sandbox of the current format is reused unless ``force``.
``serve_demo`` serves the mirror on 127.0.0.1 and writes the live ports into the mirror
list (a dead mirror, a slow one and a good one) and into the sandbox's settings.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import shutil
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final, Self

from xosupdate.config import CONFIG_PATH
from xosupdate.errors import RepoBuildError
from xosupdate.formats._compress import Compression
from xosupdate.formats.productid import ProductId, dump_productid, mirrorlist_url
from xosupdate.formats.urpmicfg import add_medium
from xosupdate.repo.mirrorserver import MirrorServer
from xosupdate.repo.signing import SigningKey
from xosupdate.repo.tree import DistribTree, build_distrib
from xosupdate.services import _demo_content as content
from xosupdate.services.paths import demo_system_root
from xosupdate.system.metacache import atomic_write
from xosupdate.system.rpmlib import import_pubkey, install_files

__all__ = ["DemoMedium", "DemoSandbox", "DemoServer", "build_demo", "serve_demo"]

log = logging.getLogger(__name__)

FORMAT_VERSION: Final = 1
MARKER: Final = "xosupdate-demo.json"
DISTRIB_URL_PATH: Final = "xtreemos/2.0/x86_64"
PRODUCT: Final = ProductId.build(
    vendor="XtreemOS",
    distribution="XtreemOS",
    type="xtreemos",
    version="2.0",
    branch="Official",
    release="1",
    arch="x86_64",
    product="Free",
)
# Mirror-list directory under the mirror root; the file name is urpmi's for PRODUCT.
MIRRORLIST_DIR: Final = "api/mirrors"
MIRRORLIST_NAME: Final = mirrorlist_url(PRODUCT, base_url="/").lstrip("/")
# Until serve_demo() writes live ports, URLs point at the discard port: refused at once.
_NOT_SERVED_PORT: Final = 9
_OURS: Final = frozenset({"mirror", "root", MARKER})
# (continent, zone, country, city, latitude, longitude) of the dead, slow and good mirror.
_PLACES: Final = (
    ("EU", "FR", "France", "Paris", "48.86", "2.35"),
    ("EU", "DE", "Germany", "Berlin", "52.52", "13.40"),
    ("EU", "NL", "Netherlands", "Amsterdam", "52.37", "4.89"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoMedium:
    """One medium of the demo as the sandbox's urpmi.cfg configures it."""

    name: str
    path: str
    key_id: str | None
    fingerprint: str | None
    enabled: bool
    update: bool
    packages: int
    advisories: int

    @property
    def with_dir(self) -> str:
        """``with-dir`` in urpmi.cfg (``media/main/release``)."""
        return f"media/{self.path}"


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoSandbox:
    """A built demo sandbox.

    Attributes:
        dest: the sandbox directory.
        distrib_url_path: where the tree sits below a mirror's root (and its URL).
        media: the media in urpmi.cfg order.
        installed: packages in the root's rpm database.
        build_seconds: how long building took.
    """

    dest: Path
    distrib_url_path: str
    media: tuple[DemoMedium, ...]
    installed: int
    build_seconds: float

    @property
    def root(self) -> Path:
        """The system root (``xosupdate --root``)."""
        return demo_system_root(self.dest)

    @property
    def mirror(self) -> Path:
        """The mirror's document root (tree and mirror list)."""
        return self.dest / "mirror"

    @property
    def distrib_dir(self) -> Path:
        """The distribution directory holding ``media/``."""
        return self.mirror / self.distrib_url_path

    @property
    def mirrorlist_path(self) -> str:
        """The mirror list's path below the mirror's root."""
        return f"{MIRRORLIST_DIR}/{MIRRORLIST_NAME}"

    @property
    def mirrorlist_file(self) -> Path:
        """The mirror list file (rewritten by ``serve_demo``)."""
        return self.mirror / self.mirrorlist_path

    @property
    def config_file(self) -> Path:
        """The sandbox's xosupdate settings (rewritten by ``serve_demo``)."""
        return self.root / CONFIG_PATH

    @property
    def key_ids(self) -> dict[str, str]:
        """Short key id per medium name (every medium has a key, enabled or not)."""
        return {m.name: m.key_id for m in self.media if m.key_id}

    def medium(self, name: str) -> DemoMedium:
        """The medium called ``name``.

        Raises:
            KeyError: no such medium.
        """
        for m in self.media:
            if m.name == name:
                return m
        raise KeyError(name)

    def describe(self) -> str:
        """What was made, for ``xosupdate demo`` to print."""
        width = max(len(m.name) for m in self.media)
        lines = [
            f"XtreemOS 2.0 demo sandbox in {self.dest} (built in {self.build_seconds:.1f} s)",
            f"  system root  {self.root}",
            (
                f"               {self.installed} packages installed, product.id "
                f"{dump_productid(PRODUCT).strip()}"
            ),
            f"  mirror tree  {self.distrib_dir}",
            f"  mirror list  {self.mirrorlist_file}",
            "               (a dead, a slow and a good mirror on 127.0.0.1 while served)",
            "  media (urpmi.cfg order):",
        ]
        for m in self.media:
            notes = []
            if m.update:
                notes.append(f"update medium, {m.advisories} advisories")
            if not m.enabled:
                notes.append("disabled (testing), key not imported")
            lines.append(
                f"    {m.name:<{width}}  {m.path:<17} {m.packages:>3} packages, "
                f"key {m.key_id or 'none'}" + "".join(f", {n}" for n in notes)
            )
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, object]:
        """The marker's content."""
        return {
            "format": FORMAT_VERSION,
            "distrib_url_path": self.distrib_url_path,
            "installed": self.installed,
            "build_seconds": self.build_seconds,
            "media": [dataclasses.asdict(m) for m in self.media],
        }


# ---------------------------------------------------------------- building


def _settings_text(mirrorlist_base_url: str) -> str:
    return (
        "# xosupdate settings of the demo sandbox.\n"
        "# serve_demo() writes the live port of the loopback mirror here when it starts.\n"
        f'mirrorlist_base_url = "{mirrorlist_base_url}"\n'
    )


def _mirrorlist_text(urls: tuple[str, str, str]) -> str:
    """urpmi's mirror-list lines (design/formats.md §2.3) for the dead, slow, good mirror."""
    lines = []
    for (continent, zone, country, city, lat, lon), url in zip(_PLACES, urls, strict=True):
        lines.append(
            f"continent={continent},zone={zone},country={country},city={city},"
            f"latitude={lat},longitude={lon},version={PRODUCT.version},"
            f"arch={PRODUCT.arch},type=distrib,url={url}"
        )
    return "\n".join(lines) + "\n"


def _load(dest: Path) -> DemoSandbox | None:
    """The sandbox described by ``dest``'s marker, if it is complete and current."""
    try:
        data = json.loads((dest / MARKER).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT_VERSION:
            return None
        sandbox = DemoSandbox(
            dest=dest,
            distrib_url_path=data["distrib_url_path"],
            media=tuple(DemoMedium(**m) for m in data["media"]),
            installed=int(data["installed"]),
            build_seconds=float(data["build_seconds"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    needed = (
        sandbox.distrib_dir / "media" / "media_info" / "media.cfg",
        sandbox.mirrorlist_file,
        sandbox.root / "etc" / "urpmi" / "urpmi.cfg",
        sandbox.root / "etc" / "product.id",
        sandbox.config_file,
        sandbox.root / "var" / "lib" / "rpm",
    )
    return sandbox if all(p.exists() for p in needed) else None


def _clear(dest: Path) -> None:
    """Remove what an earlier build left; refuse to touch a directory that is not ours."""
    if not dest.exists():
        return
    entries = {e.name for e in dest.iterdir()}
    foreign = entries - _OURS
    if foreign and MARKER not in entries:
        raise RepoBuildError(
            f"{dest} is not empty and is not a demo sandbox "
            f"(holds {', '.join(sorted(foreign)[:3])})"
        )
    (dest / MARKER).unlink(missing_ok=True)  # first: a half-removed sandbox is not complete
    for name in ("mirror", "root"):
        shutil.rmtree(dest / name, ignore_errors=True)


def _make_root(sandbox_root: Path, tree: DistribTree) -> int:
    """The system: keys, older packages, product.id, urpmi.cfg, urpmi's state."""
    cfg = ""
    older: list[Path] = []
    for medium in tree.media:
        enabled = not medium.noauto
        # urpmi.update imports the pubkey of each medium it refreshes; an ignored medium
        # is never refreshed, so it has no key-ids and its key is not imported.
        key_ids: tuple[str, ...] = ()
        if enabled and medium.pubkey is not None:
            key_ids = import_pubkey(sandbox_root, medium.pubkey.read_text(encoding="ascii"))
        cfg = add_medium(
            cfg,
            name=medium.name,
            mirrorlist="$MIRRORLIST",
            with_dir=medium.with_dir,
            update=medium.update,
            ignore=not enabled,
            key_ids=key_ids,
        )
        state = sandbox_root / "var" / "lib" / "urpmi" / medium.name
        state.mkdir(parents=True, exist_ok=True)
        if enabled:
            shutil.copy2(medium.synthesis, state / medium.synthesis.name)
            shutil.copy2(medium.md5sum, state / medium.md5sum.name)
            if medium.update and medium.descriptions is not None:
                shutil.copy2(medium.descriptions, state / medium.descriptions.name)
        if enabled and not medium.update:
            older += [
                path
                for pkg, path in zip(medium.packages, medium.rpms, strict=True)
                if pkg.name in content.INSTALLED
            ]
    # Scriptlets off: the root has no shell to run them (and must not run the host's).
    install_files(sandbox_root, older, verify=True, noscripts=True)
    etc = sandbox_root / "etc"
    (etc / "urpmi").mkdir(parents=True, exist_ok=True)
    (etc / "urpmi" / "urpmi.cfg").write_text(cfg, encoding="utf-8")
    (etc / "product.id").write_text(dump_productid(PRODUCT), encoding="utf-8")
    return len(older)


def build_demo(dest: Path | str, *, force: bool = False) -> DemoSandbox:
    """Build the demo sandbox in ``dest`` (or reuse a complete one).

    Takes one to two seconds on two cores: three rpmbuild runs in parallel, signing with
    three fresh keys, one rpm transaction into the root.

    Args:
        force: rebuild even when ``dest`` holds a complete sandbox of this format.

    Raises:
        RepoBuildError: rpmbuild, rpmsign or gpg failed, or ``dest`` holds other things.
        XosUpdateError: installing into the sandbox root failed.
    """
    dest = Path(dest).resolve()
    if not force:
        existing = _load(dest)
        if existing is not None:
            log.info("reusing the demo sandbox in %s", dest)
            return existing
    _clear(dest)
    started = time.monotonic()
    dest.mkdir(parents=True, exist_ok=True)
    distrib = content.demo_distrib()
    with contextlib.ExitStack() as stack:
        keys: Mapping[str, SigningKey] = {
            name: stack.enter_context(SigningKey.generate(label, email=email))
            for name, (label, email) in content.KEYS.items()
        }
        tree = build_distrib(
            distrib,
            dest / "mirror" / DISTRIB_URL_PATH,
            keys=keys,
            compression=Compression.GZIP,
            recommends=False,
        )
    built = time.monotonic()
    installed = _make_root(dest / "root", tree)
    not_served = f"http://127.0.0.1:{_NOT_SERVED_PORT}"
    sandbox = DemoSandbox(
        dest=dest,
        distrib_url_path=DISTRIB_URL_PATH,
        installed=installed,
        build_seconds=0.0,
        media=tuple(
            DemoMedium(
                name=m.name,
                path=m.path,
                key_id=m.key_short_id,
                fingerprint=m.key_fingerprint,
                enabled=not m.noauto,
                update=m.update,
                packages=len(m.rpms),
                advisories=len(spec.advisories),
            )
            for m, spec in zip(tree.media, distrib.media, strict=True)
        ),
    )
    atomic_write(sandbox.config_file, _settings_text(f"{not_served}/{MIRRORLIST_DIR}").encode())
    nowhere = f"{not_served}/{DISTRIB_URL_PATH}"
    atomic_write(sandbox.mirrorlist_file, _mirrorlist_text((nowhere, nowhere, nowhere)).encode())
    sandbox = dataclasses.replace(sandbox, build_seconds=round(time.monotonic() - started, 3))
    # The marker goes last: its presence means "complete".
    atomic_write(dest / MARKER, (json.dumps(sandbox.to_json(), indent=2) + "\n").encode())
    log.info(
        "demo sandbox built in %.1f s (tree %.1f s, root %.1f s)",
        sandbox.build_seconds,
        built - started,
        time.monotonic() - built,
    )
    return sandbox


# ---------------------------------------------------------------- serving


class DemoServer:
    """The demo's mirrors on 127.0.0.1, running until ``stop()`` (made by ``serve_demo``).

    Attributes:
        good: the mirror that answers at once (also serves the mirror list).
        slow: a second server on the same tree that delays every tree request.
        dead_url, slow_url, distrib_url: the three mirrors' distribution URLs, in the
            mirror list's order.
        mirrorlist_base_url: what the sandbox's settings now name.
        mirrorlist_url: the list itself.
    """

    def __init__(
        self, sandbox: DemoSandbox, *, good: MirrorServer, slow: MirrorServer, dead: socket.socket
    ) -> None:
        self.sandbox = sandbox
        self.good = good
        self.slow = slow
        self._dead = dead
        path = sandbox.distrib_url_path
        self.dead_url = f"http://127.0.0.1:{dead.getsockname()[1]}/{path}"
        self.slow_url = f"{slow.url}/{path}"
        self.distrib_url = f"{good.url}/{path}"
        self.mirrorlist_base_url = f"{good.url}/{MIRRORLIST_DIR}"
        self.mirrorlist_url = mirrorlist_url(PRODUCT, base_url=self.mirrorlist_base_url)

    @property
    def mirror_urls(self) -> tuple[str, str, str]:
        """The dead, slow and good mirror, as the mirror list orders them."""
        return (self.dead_url, self.slow_url, self.distrib_url)

    def stop(self) -> None:
        """Stop both servers and free the dead port (the files keep the last ports)."""
        self.good.stop()
        self.slow.stop()
        self._dead.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve_demo(sandbox: DemoSandbox, *, slow_delay: float = 1.0) -> DemoServer:
    """Serve the demo mirror on 127.0.0.1 and point the sandbox at it.

    Starts a good and a slow mirror server (``slow_delay`` seconds before each answer of
    the tree) and reserves a port that refuses connections; then writes the mirror list
    (dead, slow, good) and the sandbox's ``mirrorlist_base_url`` with the live ports.

    Returns:
        The running servers; stop them with ``stop()`` or a ``with`` block.
    """
    with contextlib.ExitStack() as cleanup:
        dead = cleanup.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
        # Bound but never listening: connections are refused, and no other program can
        # take the port while the demo runs.
        dead.bind(("127.0.0.1", 0))
        good = cleanup.enter_context(MirrorServer(sandbox.mirror))
        slow = cleanup.enter_context(MirrorServer(sandbox.mirror))
        slow.fault("/" + sandbox.distrib_url_path, delay=slow_delay)
        server = DemoServer(sandbox, good=good, slow=slow, dead=dead)
        atomic_write(sandbox.mirrorlist_file, _mirrorlist_text(server.mirror_urls).encode())
        atomic_write(sandbox.config_file, _settings_text(server.mirrorlist_base_url).encode())
        cleanup.pop_all()  # running: the caller stops it now
    log.info(
        "demo mirror list %s (dead %s, slow %s, good %s)",
        server.mirrorlist_url,
        server.dead_url,
        server.slow_url,
        server.distrib_url,
    )
    return server
