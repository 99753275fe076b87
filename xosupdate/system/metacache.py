# SPDX-License-Identifier: GPL-2.0-or-later
"""xosupdate's per-user metadata cache, one per system root (system layer).

Layout: ``CACHE/roots/<slug>-<hash>/media/<quoted medium name>/`` holding the verified
``MD5SUM``, ``synthesis.hdlist.cz``, ``descriptions`` and ``pubkey`` of each medium (written
by refresh, atomically), and ``CACHE/roots/<slug>-<hash>/results/`` for computed results
keyed by their inputs. The root is part of the key so that a sandbox and the running system
never share entries.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import quote

__all__ = ["MetadataCache", "atomic_write"]

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
        return self.root_dir / "media" / quote(medium, safe="")

    def file(self, medium: str, name: str) -> Path | None:
        """The cached ``name`` of ``medium``, or None."""
        path = self.medium_dir(medium) / name
        return path if path.is_file() else None

    @property
    def results_dir(self) -> Path:
        """Where computed results (update plans) are kept."""
        return self.root_dir / "results"
