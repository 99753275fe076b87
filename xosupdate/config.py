# SPDX-License-Identifier: GPL-2.0-or-later
"""xosupdate's own settings (leaf module: stdlib only).

Read once per entry point from ``ROOT/etc/xosupdate/xosupdate.toml`` (or ``--config``) into
a frozen ``Settings`` and passed down explicitly; there is no global configuration object.
Every key is optional; an unknown key or a value of the wrong type is a ``ConfigError``
naming the key, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xosupdate.errors import ConfigError

__all__ = ["CONFIG_PATH", "Settings", "load_settings"]

CONFIG_PATH: Final = "etc/xosupdate/xosupdate.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Settings with their defaults.

    Attributes:
        mirrorlist_base_url: replaces the distribution's mirror-list service (private
            mirrors, the demo); the list's file name is appended to it.
        connect_timeout, read_timeout: seconds, for every HTTP request.
        mirror_cache_days: how long a chosen mirror is kept (urpmi: 5 days).
        probe_concurrency: latency probes run at once when ranking mirrors.
        refresh_concurrency: media refreshed at once.
        header_concurrency: package headers fetched at once for signature verdicts. Four:
            no slower than eight over loopback on two cores (0.33 s for 200), and eight
            threads busy with instant answers kept the window's thread from the GIL for
            over 100 ms (tests/gui/test_responsiveness.py).
        check_interval_hours, first_check_minutes: the notifier's schedule.
    """

    mirrorlist_base_url: str | None = None
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    mirror_cache_days: float = 5.0
    probe_concurrency: int = 4
    refresh_concurrency: int = 3
    header_concurrency: int = 4
    check_interval_hours: float = 3.0
    first_check_minutes: float = 5.0


def _check(source: str, key: str, value: object, default: object) -> object:
    expected = float if isinstance(default, float) else type(default)
    if default is None:
        if not isinstance(value, str):
            raise ConfigError("must be a string", source=source, key=key)
        return value
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, expected) or isinstance(value, bool):
        raise ConfigError(f"must be a {expected.__name__}", source=source, key=key)
    if isinstance(value, int | float) and value <= 0:
        raise ConfigError("must be positive", source=source, key=key)
    return value


def load_settings(path: Path | None) -> Settings:
    """Settings from a TOML file; defaults when ``path`` is None or does not exist.

    Raises:
        ConfigError: unreadable file, invalid TOML, unknown key or wrong type.
    """
    if path is None or not path.exists():
        return Settings()
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", source=source) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", source=source) from exc
    defaults = {f.name: f.default for f in dataclasses.fields(Settings)}
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in defaults:
            raise ConfigError(
                f"unknown setting (known: {', '.join(defaults)})", source=source, key=key
            )
        values[key] = _check(source, key, value, defaults[key])
    return Settings(**values)  # type: ignore[arg-type]
