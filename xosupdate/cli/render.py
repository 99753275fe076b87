# SPDX-License-Identifier: GPL-2.0-or-later
"""Terminal output of the CLI: the one ``error:`` line, tables, JSON (CLI layer).

User wording of errors lives here, once: every ``XosUpdateError`` carries its structured
fields and a plain message, and the CLI prints ``error: <message>`` plus, where it helps,
one ``hint:`` line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Final, TextIO

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
    "error_lines",
    "json_dump",
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
