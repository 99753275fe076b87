# SPDX-License-Identifier: GPL-2.0-or-later
"""Pausing the interpreter's automatic garbage collection, from any thread (services layer).

Two users pause it: the update computation, which makes hundreds of thousands of objects
and frees few of them (the collector's passes would find nothing), and the GUI, which runs
every collection on its own thread for as long as a window is open. Their pauses overlap,
on different threads: each taking ``gc.isenabled()`` on its way in and putting it back on
its way out would let the first one out switch collection back on under the other, or
leave it off for good. One count, under a lock, decides instead: automatic collection is
off while any pause holds, and comes back as the first pause found it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["Pause", "collection_paused", "pauses"]

_lock = threading.Lock()
_held = 0
_was_enabled = True


class Pause:
    """One hold on the pause; ``release()`` once done (again is harmless)."""

    __slots__ = ("_released",)

    def __init__(self) -> None:
        global _held, _was_enabled  # noqa: PLW0603 - the process-wide count
        with _lock:
            if _held == 0:
                _was_enabled = gc.isenabled()
            _held += 1
            gc.disable()
        self._released = False

    def release(self) -> None:
        global _held  # noqa: PLW0603 - the process-wide count
        with _lock:
            if self._released:
                return
            self._released = True
            _held -= 1
            if _held == 0 and _was_enabled:
                gc.enable()


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Automatic collection off while the block runs (reference counting still frees)."""
    pause = Pause()
    try:
        yield
    finally:
        pause.release()


def pauses() -> int:
    """How many pauses hold (tests check that none is left behind)."""
    with _lock:
        return _held
