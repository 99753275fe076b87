# SPDX-License-Identifier: GPL-2.0-or-later
"""Terminal output of the CLI: the one ``error:`` line, tables, JSON (CLI layer).

User wording of errors lives here, once: every ``XosUpdateError`` carries its structured
fields and a plain message, and the CLI prints ``error: <message>`` plus, where it helps,
one ``hint:`` line.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Final, TextIO

from xosupdate.domain.plan import RESTART_SESSION, RESTART_SYSTEM
from xosupdate.domain.progress import Phase, Progress
from xosupdate.errors import (
    AuthorizationDismissedError,
    LockedError,
    NotAuthorizedError,
    RpmDatabaseError,
    SignatureError,
    SyncCancelledError,
    XosUpdateError,
)

__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_UPDATES",
    "EXIT_USAGE",
    "ProgressBoard",
    "error_lines",
    "json_dump",
    "progress_text",
    "restart_target",
    "table",
]

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_UPDATES: Final = 100

JsonObject = Mapping[str, object]


def error_lines(exc: BaseException) -> list[str]:
    """``error: …`` (and maybe ``hint: …``) for an exception that ends a command."""
    if isinstance(exc, ExceptionGroup):
        lines: list[str] = []
        for sub in exc.exceptions:
            lines.extend(error_lines(sub))
        return lines
    if not isinstance(exc, XosUpdateError):
        return [
            (
                f"error: internal error: {type(exc).__name__}: {exc} (run with --debug "
                "for the traceback)"
            )
        ]
    lines = [f"error: {exc}"]
    if isinstance(exc, AuthorizationDismissedError):
        lines.append("hint: nothing was changed; run the command again to authenticate")
    elif isinstance(exc, NotAuthorizedError):
        lines.append("hint: your account may not change the system; ask an administrator")
    elif isinstance(exc, LockedError):
        lines.append("hint: wait until the other package tool has finished")
    elif isinstance(exc, RpmDatabaseError):
        lines.append("hint: check --root and that the rpm database is readable")
    elif isinstance(exc, SignatureError):
        lines.append(
            "hint: nothing was installed; packages are installed only when a key bound to "
            "their medium signed them"
        )
    elif isinstance(exc, SyncCancelledError):
        lines.append("hint: nothing was installed")
    return lines


def json_dump(payload: JsonObject, stream: TextIO) -> None:
    """Write a JSON document (schema 1 objects) with a final newline.

    Indented for people at a terminal; compact otherwise (scripts, pipes), where a
    2,000-record document is written about three times faster.
    """
    indent = 2 if stream.isatty() else None
    stream.write(
        json.dumps(
            payload, indent=indent, ensure_ascii=False, separators=None if indent else (",", ":")
        )
    )
    stream.write("\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Left-aligned columns separated by two spaces; the last column is not padded."""
    cells = [[str(c) for c in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = []
    for r in cells:
        padded = [c.ljust(w) for c, w in zip(r[:-1], widths, strict=False)]
        out.append("  ".join([*padded, r[-1]]).rstrip())
    return "\n".join(out)


def restart_target(what: str) -> str:
    """What a ``should-restart`` value asks to restart, as the end of a sentence."""
    if what == RESTART_SYSTEM:
        return "the computer"
    if what == RESTART_SESSION:
        return "your session"
    return f"the {what} service"  # as the package names it


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / (1024 * 1024):.1f} MiB"


def progress_text(p: Progress) -> str:
    """A compact description of one progress report (``synthesis.hdlist.cz 45%, 2/4``)."""
    files = f" ({p.files_done}/{p.files_total} files)" if p.files_total > 1 else ""
    if p.phase is Phase.CHECK:
        return f"checking{files}"
    if p.phase is Phase.MIRRORS:
        return "choosing a mirror"
    if p.phase is Phase.VERIFY:
        return f"verifying {p.file}{files}".rstrip()
    if p.phase is Phase.DONE:
        return "done"
    done = _size(p.bytes_done)
    total = f" of {_size(p.bytes_total)}" if p.bytes_total else ""
    return f"{p.file} {done}{total}{files}"


class ProgressBoard:
    """One line per item (medium) on a terminal, redrawn in place as progress arrives.

    Only for terminals: ``update`` is called from worker threads and redraws at most ten
    times a second; ``finish`` puts an item's final line; ``close`` draws the last state.
    """

    _INTERVAL: Final = 0.1

    def __init__(self, stream: TextIO, names: Sequence[str]) -> None:
        self._stream = stream
        self._names = list(names)
        self._lines = dict.fromkeys(names, "waiting")
        self._width = max((len(n) for n in names), default=0)
        self._lock = threading.Lock()
        self._last = 0.0
        self._drawn = False
        self._draw(force=True)

    def update(self, p: Progress) -> None:
        """Show ``p`` on its medium's line."""
        if p.medium not in self._lines:
            return
        with self._lock:
            self._lines[p.medium] = progress_text(p)
            self._draw(force=False)

    def finish(self, name: str, text: str) -> None:
        """Put the final line of ``name``."""
        with self._lock:
            self._lines[name] = text
            self._draw(force=True)

    def close(self) -> None:
        """Draw the final state (the cursor ends below the board)."""
        with self._lock:
            self._draw(force=True)

    def _draw(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._last < self._INTERVAL:
            return
        self._last = now
        out = []
        if self._drawn and self._names:
            out.append(f"\x1b[{len(self._names)}F")  # back to the first line of the board
        for name in self._names:
            out.append(f"\x1b[2K{name + ':':<{self._width + 1}} {self._lines[name]}\n")
        self._stream.write("".join(out))
        self._stream.flush()
        self._drawn = True
