# SPDX-License-Identifier: GPL-2.0-or-later
"""Replacing a configuration file in place, crash-safe and without losing its attributes
(system layer): urpmi.cfg, whether the privileged helper or the user (in a sandbox root they
own) writes it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["NotRegularFileError", "replace_file", "sync_dir"]


class NotRegularFileError(OSError):
    """The file to replace is a symbolic link, a directory or a device: it is left alone
    (replacing a link would cut it, and writing through it would write elsewhere)."""


def sync_dir(path: Path) -> None:
    """Flush ``path``'s entries to disk (a rename is durable only once its directory is)."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_file(path: Path, data: bytes, *, new_mode: int = 0o644) -> None:
    """Replace ``path`` atomically with ``data``, keeping its mode and owner.

    The new text goes to a temporary file in the same directory, is flushed to disk, then
    renamed over the old one, and the directory is flushed: readers see the old file or the
    new one, never a mix, and a crash leaves one of them. A file that does not exist yet is
    created with ``new_mode``.

    Raises:
        NotRegularFileError: ``path`` is not a regular file (symbolic links included).
        OSError: it cannot be written.
    """
    try:
        st: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise NotRegularFileError(f"{path} is not a regular file")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), stat.S_IMODE(st.st_mode) if st else new_mode)
            if st is not None and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(out.fileno(), st.st_uid, st.st_gid)
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_dir(path.parent)
