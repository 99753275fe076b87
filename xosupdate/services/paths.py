# SPDX-License-Identifier: GPL-2.0-or-later
"""Where a front-end finds its system root, cache and settings (services layer).

Shared by the CLI and the GUI so both resolve ``--root``, ``--cache-dir`` and ``--config``
the same way and therefore read and fill the same per-user cache.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from xosupdate.config import CONFIG_PATH, Settings, load_settings
from xosupdate.system.urpmistate import UrpmiState

__all__ = ["Locations", "default_cache_dir", "default_demo_dir", "resolve_locations"]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/xosupdate`` (``~/.cache/xosupdate``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xosupdate"


def default_demo_dir() -> Path:
    """Where the demo sandbox is built unless told otherwise, by ``xosupdate demo`` and
    ``--demo`` alike: ``default_cache_dir()/demo`` (the installed commands may be started
    from any directory, and the cache is where rebuildable data belongs)."""
    return default_cache_dir() / "demo"


def demo_system_root(dest: Path) -> Path:
    """The system root of the demo sandbox built in ``dest``."""
    return dest / "root"


@dataclass(frozen=True, slots=True, kw_only=True)
class Locations:
    """A resolved system root, its per-user cache and its settings."""

    root: Path
    cache_dir: Path
    settings: Settings

    def system_paths(self) -> tuple[Path, ...]:
        """What the updates of ``root`` depend on besides the cache, for a watcher: the rpm
        database's directory and its files (installs and removals rewrite them in place),
        and urpmi.cfg's directory (urpmi.cfg is replaced by a rename, which a watch on the
        file itself would not survive). Only the existing ones."""
        state = UrpmiState(self.root)
        try:
            db_files = sorted(
                p for p in state.rpmdb.iterdir() if p.is_file() and not p.name.startswith("__db")
            )
        except OSError:
            db_files = []
        paths = (state.rpmdb, *db_files, state.urpmi_cfg.parent)
        return tuple(p for p in paths if p.exists())


def resolve_locations(
    root: str | Path = "/", *, cache_dir: str | Path | None = None, config: str | Path | None = None
) -> Locations:
    """Resolve a root, the cache directory and the settings file, and load the settings.

    Args:
        cache_dir: default ``default_cache_dir()``.
        config: default ``ROOT/etc/xosupdate/xosupdate.toml``.

    Raises:
        ConfigError: the settings file is unreadable or holds a bad value.
    """
    resolved = Path(root).resolve()
    settings_file = Path(config) if config else resolved / CONFIG_PATH
    return Locations(
        root=resolved,
        cache_dir=Path(cache_dir) if cache_dir else default_cache_dir(),
        settings=load_settings(settings_file),
    )
