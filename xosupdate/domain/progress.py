# SPDX-License-Identifier: GPL-2.0-or-later
"""Progress reports and cancellation of long operations (domain layer).

Slow core functions (refreshing media, fetching headers, choosing mirrors) are synchronous
and Qt-free. They take a ``progress`` callback receiving ``Progress`` values and a
``CancelToken`` they check between chunks of work; the CLI draws a line per medium from the
values, the GUI forwards them through a signal (design/STYLE.md §9).
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from xosupdate.errors import SyncCancelledError

__all__ = ["NEVER_CANCELLED", "CancelToken", "Phase", "Progress", "ProgressFn"]


class Phase(enum.StrEnum):
    """What an operation is doing."""

    MIRRORS = "mirrors"  # fetching the mirror list, probing mirrors
    CHECK = "check"  # asking whether a medium changed (its MD5SUM)
    DOWNLOAD = "download"  # fetching a file
    VERIFY = "verify"  # checksums, parsing, signatures
    DONE = "done"


@dataclass(frozen=True, slots=True, kw_only=True)
class Progress:
    """One progress report.

    Attributes:
        medium: the medium concerned ("" for work that is not per medium).
        file: the file being fetched or checked (a base name or a package name).
        bytes_done, bytes_total: of the current file; ``bytes_total`` None when unknown.
        files_done, files_total: files finished, and planned so far, for the medium.
    """

    phase: Phase
    medium: str = ""
    file: str = ""
    bytes_done: int = 0
    bytes_total: int | None = None
    files_done: int = 0
    files_total: int = 0

    @property
    def fraction(self) -> float | None:
        """``bytes_done / bytes_total`` (0..1), None when the total is unknown."""
        if not self.bytes_total:
            return None
        return min(1.0, self.bytes_done / self.bytes_total)


ProgressFn = Callable[[Progress], None]


class CancelToken:
    """A flag one thread raises and workers check between chunks (a ``threading.Event``).

    >>> token = CancelToken()
    >>> token.cancelled
    False
    >>> token.cancel()
    >>> token.cancelled
    True
    """

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask every holder of the token to stop as soon as it can."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking early on cancellation; True if cancelled."""
        return self._event.wait(timeout)

    def check(self, *, medium: str | None = None) -> None:
        """Raise ``SyncCancelledError`` when cancelled.

        Raises:
            SyncCancelledError: ``cancel()`` was called.
        """
        if self._event.is_set():
            raise SyncCancelledError(medium=medium)


class _NeverCancelled(CancelToken):
    """The default token: nobody can cancel it."""

    __slots__ = ()

    def cancel(self) -> None:
        raise TypeError("NEVER_CANCELLED cannot be cancelled; make a CancelToken")


NEVER_CANCELLED: Final[CancelToken] = _NeverCancelled()
