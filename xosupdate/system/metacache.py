# SPDX-License-Identifier: GPL-2.0-or-later
"""xosupdate's per-user metadata cache, one per system root (system layer).

Layout, under ``CACHE/roots/<slug>-<hash>/`` (one directory per system root, so that a
sandbox and the running system never share entries):

* ``media/<quoted medium name>/``: the verified ``MD5SUM``, ``synthesis.hdlist.cz``,
  ``descriptions`` and ``pubkey`` of each medium, plus ``state.json`` (where and when they
  were fetched, the validators for the next conditional request, the keys of the pubkey)
  and ``pubkey.changed`` when the medium's key changed (kept out of every keyring).
  Refresh builds a new directory next to it and swaps it in with ``replace_dir``;
* ``partial/<quoted medium name>/``: ``*.part`` files of interrupted downloads (resumed);
* ``mirrors.json``: the ranked mirrors of each mirror list (see ``services/mirrors.py``);
* ``verdicts.json``: header signature checks keyed by package URL, size and ETag;
* ``results/``: computed results (update plans) keyed by their inputs.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import quote

from xosupdate.system.replacefile import sync_dir

__all__ = ["MetadataCache", "atomic_write", "replace_dir", "restore_dir"]

log = logging.getLogger(__name__)

_SLUG: Final = re.compile(r"[^A-Za-z0-9_.-]+")


def atomic_write(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and
    ``os.replace``: readers see the old file or the new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_dir(new: Path, target: Path) -> None:
    """Put the complete directory ``new`` (its files flushed to disk) in the place of
    ``target`` (same parent).

    ``target`` is renamed aside, ``new`` renamed in, the old one removed: a reader finds
    the old directory, the new one, or (for the instant between the two renames) none,
    and then falls back to urpmi's own copy; never a mix of old and new files. An old
    directory left aside by a crash between the renames is put back by
    ``restore_dir``.
    """
    # The new files are on disk before any rename: a crash never leaves an empty file
    # where the old cache was.
    sync_dir(new)
    if not target.exists():
        new.replace(target)
        sync_dir(target.parent)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".old-{target.name}-", dir=target.parent))
    aside.rmdir()
    target.replace(aside)
    try:
        new.replace(target)
    except BaseException:
        aside.replace(target)
        raise
    sync_dir(target.parent)
    shutil.rmtree(aside, ignore_errors=True)


def restore_dir(target: Path) -> None:
    """Undo a ``replace_dir`` that a crash stopped between its two renames, and remove
    what such a crash (or one while a new directory was written) left next to it."""
    if not target.parent.is_dir():
        return
    # mkdtemp's names: the prefix, then 8 characters (so "Main" never matches "Main-x").
    mine = re.compile(rf"\.(old|new)-{re.escape(target.name)}-[a-z0-9_]{{8}}")
    for leftover in sorted(target.parent.iterdir()):
        match = mine.fullmatch(leftover.name)
        if match is None or not leftover.is_dir():
            continue
        if match.group(1) == "old" and not target.exists():
            leftover.replace(target)
            log.info("restored %s from %s", target, leftover.name)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _entry(medium: str) -> str:
    """A medium's directory name: quoted, and a leading dot too, so that no name ("." or
    "..", which urpmi.cfg allows) can mean the directory itself or its parent, and none is
    hidden or taken for a leftover of ``replace_dir``."""
    quoted = quote(medium, safe="")
    return f"%2E{quoted[1:]}" if quoted.startswith(".") else quoted


@dataclass(frozen=True, slots=True)
class MetadataCache:
    """The cache of one root."""

    cache_dir: Path
    root: Path

    @property
    def root_dir(self) -> Path:
        """The directory of this root's entries."""
        resolved = str(self.root.resolve())
        slug = _SLUG.sub("_", resolved).strip("_")[-40:] or "root"
        digest = hashlib.sha256(resolved.encode()).hexdigest()[:12]
        return self.cache_dir / "roots" / f"{slug}-{digest}"

    def medium_dir(self, medium: str) -> Path:
        """Where the verified metadata of ``medium`` lives (may not exist yet)."""
        return self.root_dir / "media" / _entry(medium)

    def file(self, medium: str, name: str) -> Path | None:
        """The cached ``name`` of ``medium``, or None."""
        path = self.medium_dir(medium) / name
        return path if path.is_file() else None

    def partial_dir(self, medium: str) -> Path:
        """Where interrupted downloads of ``medium`` wait to be resumed."""
        return self.root_dir / "partial" / _entry(medium)

    @property
    def mirrors_file(self) -> Path:
        """The ranked mirrors of each mirror list."""
        return self.root_dir / "mirrors.json"

    @property
    def verdicts_file(self) -> Path:
        """Header signature checks keyed by package URL."""
        return self.root_dir / "verdicts.json"

    @property
    def results_dir(self) -> Path:
        """Where computed results (update plans) are kept."""
        return self.root_dir / "results"
