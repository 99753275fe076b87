# SPDX-License-Identifier: GPL-2.0-or-later
"""Media of a system: reading urpmi.cfg (services layer).

Looking never needs privileges: urpmi.cfg is world-readable. Changing it goes through the
helper (``services/transaction.py``), or directly for a sandbox root the user owns.
"""

from __future__ import annotations

import logging
from pathlib import Path

from xosupdate.domain.medium import Medium
from xosupdate.errors import UrpmiCfgError
from xosupdate.formats.urpmicfg import UrpmiCfg, parse_urpmicfg
from xosupdate.system.urpmistate import UrpmiState

__all__ = ["list_media", "medium_json", "read_urpmicfg"]

log = logging.getLogger(__name__)


def read_urpmicfg(root: Path) -> UrpmiCfg:
    """Parse ``ROOT/etc/urpmi/urpmi.cfg``.

    Raises:
        UrpmiCfgError: the file is missing, unreadable or malformed (naming the line).
    """
    path = UrpmiState(root).urpmi_cfg
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UrpmiCfgError(
            "no such file: this root has no urpmi media (add some with "
            "'xosupdate media add-distrib URL')",
            source=str(path),
        ) from exc
    except OSError as exc:
        raise UrpmiCfgError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    cfg = parse_urpmicfg(data, source=str(path))
    for warning in cfg.warnings:
        log.info("%s", warning)
    return cfg


def list_media(root: Path) -> tuple[Medium, ...]:
    """The media of ``root`` in urpmi.cfg order (the order urpmi ranks them)."""
    return read_urpmicfg(root).media


def medium_json(medium: Medium) -> dict[str, object]:
    """A record of ``media list --json``."""
    return {
        "name": medium.name,
        "url": medium.url,
        "mirrorlist": medium.mirrorlist,
        "with_dir": medium.with_dir,
        "enabled": medium.enabled,
        "update": medium.update,
        "testing": medium.testing,
        "kind": medium.kind.value,
        "key_ids": list(medium.key_ids),
    }
