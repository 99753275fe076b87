# SPDX-License-Identifier: GPL-2.0-or-later
"""Everything one medium holds, against what is installed (services layer).

What ``urpmq --list --media NAME`` shows, with each package's standing: the tester's view
of a testing medium ("what does it hold, what do I have from it?"). Read from xosupdate's
cache, else urpmi's own copies, like the update list; no privileges needed.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xosupdate.domain.arch import ArchPolicy
from xosupdate.domain.evr import Evr
from xosupdate.domain.plan import SHOULD_RESTART, most_disruptive
from xosupdate.errors import MediumNotFoundError, NoMetadataError, SynthesisError
from xosupdate.services.media import read_urpmicfg
from xosupdate.services.updates import locate_metadata
from xosupdate.system.installed import InstalledSet
from xosupdate.system.metacache import MetadataCache

__all__ = ["MediumPackage", "PackageState", "list_medium_packages"]

log = logging.getLogger(__name__)


class PackageState(enum.StrEnum):
    """How a medium's package stands against the installed system."""

    NOT_INSTALLED = "not-installed"
    UPDATE = "update"  # an older version is installed
    INSTALLED = "installed"  # this very version is installed
    OLDER = "older"  # a newer version is installed


@dataclass(frozen=True, slots=True, kw_only=True)
class MediumPackage:
    """One package of a medium.

    Attributes:
        installed: the newest installed version of that name (a compatible arch), or None.
        filesize: the .rpm download size when the synthesis gives it.
        restart: what to restart once it is installed (its ``should-restart`` provide,
            as ``UpdateCandidate.restart``); empty when nothing.
    """

    name: str
    arch: str
    evr: Evr
    medium: str
    summary: str = ""
    filesize: int | None = None
    installed: Evr | None = None
    state: PackageState = PackageState.NOT_INSTALLED
    restart: str = ""

    @property
    def fullname(self) -> str:
        """``name-version-release.arch``."""
        return f"{self.name}-{self.evr.version}-{self.evr.release}.{self.arch}"


def _state(evr: Evr, installed: Evr | None) -> PackageState:
    if installed is None:
        return PackageState.NOT_INSTALLED
    order = evr.compare(installed)
    if order > 0:
        return PackageState.UPDATE
    if order == 0:
        return PackageState.INSTALLED
    return PackageState.OLDER


def list_medium_packages(
    root: Path,
    medium: str,
    *,
    cache_dir: Path | None = None,
    installed_reader: Callable[[Path], InstalledSet] | None = None,
    policy: ArchPolicy | None = None,
) -> tuple[MediumPackage, ...]:
    """The binary packages of ``medium`` (enabled or not), sorted by name.

    Raises:
        UrpmiCfgError: no or malformed urpmi.cfg.
        MediumNotFoundError: ``medium`` is not in urpmi.cfg.
        NoMetadataError: the medium has never been refreshed.
        SynthesisError: its synthesis is damaged.
        RpmDatabaseError: the rpm database cannot be read.
    """
    cfg = read_urpmicfg(root)
    found = next((m for m in cfg.media if m.name == medium), None)
    if found is None:
        raise MediumNotFoundError(medium, known=cfg.names)
    cache = MetadataCache(cache_dir, root) if cache_dir is not None else None
    files = locate_metadata(root, cache, found)
    if files.synthesis is None:
        raise NoMetadataError(f"medium {medium}: no metadata yet (refresh it first)", medium=medium)
    from xosupdate.formats.synthesis import load_synthesis  # noqa: PLC0415

    try:
        syn = load_synthesis(files.synthesis)
    except OSError as exc:
        raise SynthesisError(exc.strerror or str(exc), source=str(files.synthesis)) from exc
    if installed_reader is None:
        from xosupdate.system.rpmlib import read_installed  # noqa: PLC0415

        installed_reader = read_installed
    installed = installed_reader(root).by_name()
    policy = policy or ArchPolicy.for_host()
    out = []
    for pkg in syn.packages():
        if pkg.is_source:
            continue
        mine = [p.evr for p in installed.get(pkg.name, ()) if policy.may_replace(p.arch, pkg.arch)]
        newest = max(mine) if mine else None
        out.append(
            MediumPackage(
                name=pkg.name,
                arch=pkg.arch,
                evr=pkg.evr,
                medium=medium,
                summary=pkg.summary,
                filesize=pkg.filesize,
                installed=newest,
                state=_state(pkg.evr, newest),
                restart=most_disruptive(
                    str(d.evr) for d in pkg.provides if d.name == SHOULD_RESTART and d.evr
                ),
            )
        )
    out.sort(key=lambda p: (p.name, p.arch))
    log.info("medium %s: %d packages", medium, len(out))
    return tuple(out)
