# SPDX-License-Identifier: GPL-2.0-or-later
"""Declarative descriptions of packages, media and distributions to build (repository builder).

These values say *what* a test or demo repository holds; ``tree.build_distrib`` turns them
into signed rpm files and a urpmi tree. Dependencies are written in rpm's own syntax
(``"libxos >= 1.0"``, ``"/bin/sh"``) and go verbatim into the generated spec file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from xosupdate.domain.advisory import Advisory

__all__ = [
    "MEDIUM_KEY",
    "SCRIPTLETS",
    "DistribSpec",
    "FileEntry",
    "MediumSpec",
    "PackageSpec",
]

# ``PackageSpec.signed_by`` default: sign with the key of the medium the package is in.
MEDIUM_KEY: Final = "<medium key>"
SCRIPTLETS: Final = frozenset({"pre", "post", "preun", "postun", "pretrans", "posttrans"})

_NAME: Final = re.compile(r"^[A-Za-z0-9_+][A-Za-z0-9._+-]*$")
_VERSION: Final = re.compile(r"^[A-Za-z0-9._+~^]+$")
# rpm globs and expands these in %files lines, and spaces would need quoting.
_BAD_PATH_CHARS: Final = frozenset(" \t\n%*?[]{}\\\"'")
# Files under these directories are installed executable.
_EXEC_DIRS: Final = ("/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/libexec/")

FileEntry = str | tuple[str, str]
"""A packaged file: a path (gets a one-line content naming the package) or ``(path, text)``.
A path ending in ``/`` is a directory the package owns."""


def _check(condition: bool, message: str) -> None:  # noqa: FBT001 - an assertion helper
    if not condition:
        raise ValueError(message)


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageSpec:
    """One binary package to build.

    Attributes:
        epoch: 0 means no Epoch tag (rpm and urpmi treat a missing epoch as 0).
        arch: ``noarch`` or a real arch (``x86_64``, ``i586``); the spec is built for it.
        requires, provides, obsoletes, conflicts: rpm dependency strings.
        requires_pre: written as ``Requires(pre):`` (a synthesis marks them ``[*]``).
        suggests: weak dependencies, written as ``Recommends:`` (what urpmi installs by
            default; the synthesis calls them ``@suggests@`` or ``@recommends@``).
        files: packaged files, see ``FileEntry``.
        scriptlets: shell bodies keyed by ``pre``, ``post``, ``preun``, ``postun``,
            ``pretrans``, ``posttrans`` (each adds rpm's ``/bin/sh`` pre-requirement).
        signed_by: a key name of ``build_distrib(keys=…)``, None for an unsigned package,
            or ``MEDIUM_KEY`` (default) for the key of the medium it is put in.
    """

    name: str
    version: str
    release: str
    epoch: int = 0
    arch: str = "noarch"
    summary: str = ""
    group: str = "System/Base"
    license: str = "GPLv2+"
    description: str = ""
    requires: tuple[str, ...] = ()
    requires_pre: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    obsoletes: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    suggests: tuple[str, ...] = ()
    files: tuple[FileEntry, ...] = ()
    # A Mapping cannot be hashed: equality includes the scriptlets, the hash does not.
    scriptlets: Mapping[str, str] = field(default_factory=dict, hash=False)
    signed_by: str | None = MEDIUM_KEY

    def __post_init__(self) -> None:
        _check(bool(_NAME.match(self.name)), f"bad package name {self.name!r}")
        for what, value in (("version", self.version), ("release", self.release)):
            _check(bool(_VERSION.match(value)), f"{self.name}: bad {what} {value!r}")
        _check(self.epoch >= 0, f"{self.name}: negative epoch")
        _check(bool(_NAME.match(self.arch)), f"{self.name}: bad arch {self.arch!r}")
        for dep in (
            *self.requires,
            *self.requires_pre,
            *self.provides,
            *self.obsoletes,
            *self.conflicts,
            *self.suggests,
        ):
            _check(
                bool(dep.strip()) and "\n" not in dep and "," not in dep,
                f"{self.name}: bad dependency {dep!r}",
            )
        unknown = set(self.scriptlets) - SCRIPTLETS
        _check(not unknown, f"{self.name}: unknown scriptlets {sorted(unknown)}")
        for path, _ in self.file_contents():
            _check(
                path.startswith("/")
                and not _BAD_PATH_CHARS.intersection(path)
                and "/../" not in path + "/",
                f"{self.name}: bad file path {path!r}",
            )

    @property
    def fullname(self) -> str:
        """``name-version-release.arch``, the rpm file name without ``.rpm``."""
        return f"{self.name}-{self.version}-{self.release}.{self.arch}"

    @property
    def filename(self) -> str:
        """The rpm file name (never carries the epoch)."""
        return f"{self.fullname}.rpm"

    @property
    def evr(self) -> str:
        """``[E:]V-R`` as rpm writes it."""
        head = f"{self.epoch}:" if self.epoch else ""
        return f"{head}{self.version}-{self.release}"

    def file_contents(self) -> tuple[tuple[str, str | None], ...]:
        """Every packaged path with its content (None for an owned directory)."""
        out: list[tuple[str, str | None]] = []
        for entry in self.files:
            if isinstance(entry, tuple):
                out.append(entry)
            elif entry.endswith("/") and entry != "/":
                out.append((entry.rstrip("/"), None))
            else:
                out.append((entry, f"{self.name} {self.evr}\n"))
        return tuple(out)

    @staticmethod
    def is_executable(path: str) -> bool:
        """Files in bin and sbin directories are installed with mode 0755."""
        return path.startswith(_EXEC_DIRS)


@dataclass(frozen=True, slots=True, kw_only=True)
class MediumSpec:
    """One medium of a distribution tree.

    Attributes:
        path: the media.cfg section, i.e. the directory under ``media/`` (``main/release``).
        name: the medium's name (``name=`` in media.cfg, the urpmi medium name).
        updates_for: the path of the medium this one updates (an update medium).
        noauto: not enabled by default (``urpmi.addmedia --distrib`` adds it ``ignore``d).
        media_type: Mageia's ``media_type`` tags (``official:free:updates``), if any.
        key: the name of the key whose public part is the medium's ``pubkey`` and that signs
            its packages by default; None for an unsigned medium without pubkey.
        advisories: update advisories, written to ``media_info/descriptions``.
    """

    path: str
    name: str
    packages: tuple[PackageSpec, ...] = ()
    updates_for: str | None = None
    noauto: bool = False
    media_type: str | None = None
    key: str | None = None
    advisories: tuple[Advisory, ...] = ()

    def __post_init__(self) -> None:
        _check(
            bool(self.path) and not self.path.startswith("/") and ".." not in self.path.split("/"),
            f"bad medium path {self.path!r}",
        )
        _check(bool(self.name.strip()) and "/" not in self.name, f"bad medium name {self.name!r}")
        seen: set[str] = set()
        for p in self.packages:
            _check(p.filename not in seen, f"{self.name}: {p.filename} listed twice")
            seen.add(p.filename)

    @property
    def hdlist_name(self) -> str:
        """The ``hdlist=`` value of media.cfg, named as the distribution's tools name it.

        Mandriva drops ``_release`` (``hdlist_main.cz``, ``hdlist_main_updates.cz``); the
        Mageia template, recognised by ``media_type``, keeps it (``hdlist_core_release.cz``).
        """
        base = self.path.replace("/", "_").lower()
        if self.media_type is None:
            base = base.removesuffix("_release")
        return f"hdlist_{base}.cz"

    @property
    def has_descriptions(self) -> bool:
        """Update media and media with advisories get a ``descriptions`` file."""
        return self.updates_for is not None or bool(self.advisories)


@dataclass(frozen=True, slots=True, kw_only=True)
class DistribSpec:
    """A distribution tree: its media and the ``[media_info]`` of media.cfg."""

    media: tuple[MediumSpec, ...]
    version: str = "2.0"
    branch: str = "Official"
    arch: str = "x86_64"
    product: str | None = None

    def __post_init__(self) -> None:
        paths = [m.path for m in self.media]
        names = [m.name for m in self.media]
        _check(len(set(paths)) == len(paths), "two media with the same path")
        _check(len(set(names)) == len(names), "two media with the same name")
        for m in self.media:
            _check(
                m.updates_for is None or m.updates_for in paths,
                f"{m.name}: updates_for {m.updates_for!r} is not a medium of the tree",
            )

    def key_names(self) -> frozenset[str]:
        """Every key name the media and packages refer to."""
        names: set[str] = set()
        for m in self.media:
            if m.key is not None:
                names.add(m.key)
            for p in m.packages:
                if p.signed_by is not None and p.signed_by != MEDIUM_KEY:
                    names.add(p.signed_by)
        return frozenset(names)
