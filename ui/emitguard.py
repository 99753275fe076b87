# SPDX-License-Identifier: GPL-2.0-or-later
"""A guard against a reference-counting bug of PySide6's ``SignalInstance.emit``.

PySide6 6.12 returns ``True`` from every ``emit()`` made from Python without taking a
reference for it: each emit takes one of ``True``'s references away. On Python 3.11,
where ``True`` is not immortal yet (3.12 made it so), about two thousand emits in a
process bring its count to zero and the interpreter aborts ("bool_dealloc: deallocating
True or False"): a long refresh, or a notifier running for days, would crash. (Signals
emitted by Qt itself, a QTimer's, are not affected.)

The guard measures the bug once and, only when it is there, gives ``True`` a reserve of
references that no process will use up. An extra reference to ``True`` costs nothing: it
is never freed anyway.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Final

from PySide6.QtCore import QObject, Signal

__all__ = ["guard_emit_refcounts", "references_lost_per_emit"]

log = logging.getLogger(__name__)

_PROBES: Final = 16
_RESERVE: Final = 1 << 40  # a trillion emits


class _Probe(QObject):
    fired = Signal()


def references_lost_per_emit() -> int:
    """How many references ``True`` loses per ``emit()`` made from Python (0: no bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    return max(0, round((before - sys.getrefcount(True)) / _PROBES))


def guard_emit_refcounts() -> bool:
    """Give ``True`` a reserve of references when ``emit()`` takes them away; whether the
    bug was found. Call once, before the window or the notifier emits anything."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # immortal there
    lost = references_lost_per_emit()
    if not lost:
        return False
    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(True)).value += _RESERVE
    log.debug("PySide6 emit() loses %d reference(s) to True each time: reserve given", lost)
    return True
