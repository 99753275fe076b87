# SPDX-License-Identifier: GPL-2.0-or-later
"""Where urpmi keeps its configuration and state inside a system root (system layer).

All paths are relative to a root (``/`` on a real system, a sandbox in tests and the demo).
urpmi's per-medium state directory has two layouts (design/formats.md §3.5, §12.1): the
directory ``var/lib/urpmi/<Name>/`` of a normal system, and the flat names
``var/lib/urpmi/synthesis.hdlist.<Name>.cz`` that older urpmi and ``--urpmi-root`` write.
Both are read.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["UrpmiState"]

URPMI_CFG: Final = "etc/urpmi/urpmi.cfg"
PRODUCT_ID: Final = "etc/product.id"
STATEDIR: Final = "var/lib/urpmi"
RPMDB: Final = "var/lib/rpm"
MIRRORS_CACHE: Final = "var/cache/urpmi/mirrors.cache"
RELEASE_FILE: Final = "etc/release"
# urpmi reads /etc/release: "Mandriva Linux release 2009.0 (Official) for i586".
_RELEASE: Final = re.compile(r"release\s+(\S+)")
_ARCH: Final = re.compile(r"\bfor\s+(\S+)")
_PRODUCT_KEY: Final = re.compile(r"(?:^|,)\s*(version|arch)=([^,\n]*)")


@dataclass(frozen=True, slots=True)
class UrpmiState:
    """urpmi's files under ``root``."""

    root: Path

    @property
    def urpmi_cfg(self) -> Path:
        """``etc/urpmi/urpmi.cfg``."""
        return self.root / URPMI_CFG

    @property
    def product_id(self) -> Path:
        """``etc/product.id``."""
        return self.root / PRODUCT_ID

    def variables(self) -> dict[str, str]:
        """``ARCH``, ``RELEASE`` and ``HOST``, the values urpmi puts for ``$ARCH``,
        ``$RELEASE`` and ``$HOST`` in urpmi.cfg URLs (design/formats.md §2.2).

        ``etc/release`` of the root gives the release and arch, product.id fills what it
        lacks, the host name is this machine's. A variable with no value is left out.
        """
        out: dict[str, str] = {}
        try:
            text = (self.root / RELEASE_FILE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        line = text.partition("\n")[0]
        if m := _RELEASE.search(line):
            out["RELEASE"] = m.group(1)
        if m := _ARCH.search(line):
            out["ARCH"] = m.group(1)
        if "RELEASE" not in out or "ARCH" not in out:
            try:
                product = self.product_id.read_text(encoding="utf-8", errors="replace")
            except OSError:
                product = ""
            found = dict(_PRODUCT_KEY.findall(product.lower()))
            if "RELEASE" not in out and found.get("version"):
                out["RELEASE"] = found["version"].strip()
            if "ARCH" not in out and found.get("arch"):
                out["ARCH"] = found["arch"].strip()
        out["HOST"] = socket.gethostname()
        return out

    @property
    def rpmdb(self) -> Path:
        """The rpm database directory (``_dbpath`` is always /var/lib/rpm in the root)."""
        return self.root / RPMDB

    def statedir_file(self, medium: str, name: str) -> Path | None:
        """urpmi's copy of ``name`` (``synthesis.hdlist.cz``, ``MD5SUM``, ``descriptions``)
        for ``medium``, in whichever layout exists; None when urpmi has none."""
        base = self.root / STATEDIR
        per_medium = base / medium / name
        if per_medium.is_file():
            return per_medium
        # Flat layout: synthesis.hdlist.<Name>.cz, MD5SUM.<Name>, descriptions.<Name>.
        if name.endswith(".cz"):
            flat = base / f"{name.removesuffix('.cz')}.{medium}.cz"
        else:
            flat = base / f"{name}.{medium}"
        return flat if flat.is_file() else None

    def rpmdb_fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """(name, size, mtime_ns) of every file of the rpm database: any install or
        removal changes it, so results computed from the database can be cached by it."""
        try:
            entries = sorted(self.rpmdb.iterdir())
        except OSError:
            return ()
        out = []
        for entry in entries:
            # Reading touches these (sqlite's shared-memory index, Berkeley DB's regions,
            # lock files) without changing the database: they must not count.
            if entry.name.endswith("-shm") or entry.name.startswith(("__db", ".")):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            out.append((entry.name, st.st_size, st.st_mtime_ns))
        return tuple(out)
