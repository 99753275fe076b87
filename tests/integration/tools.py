# SPDX-License-Identifier: GPL-2.0-or-later
"""Small helpers of the integration tests: rpmkeys on a sandbox root, gpg-agent lookup."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def rpmkeys(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``rpmkeys --root ROOT --define '_dbpath /var/lib/rpm' ARGS`` (never the host db)."""
    assert root.is_absolute()
    assert root != Path("/")
    return subprocess.run(
        ["rpmkeys", "--root", str(root), "--define", "_dbpath /var/lib/rpm", *args],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, LC_ALL="C"),
    )


def gpg_agents_for(home: Path) -> list[str]:
    """Command lines of running gpg-agent processes of one GNUPGHOME."""
    out = subprocess.run(
        ["pgrep", "-a", "-f", f"gpg-agent --homedir {home}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [line for line in out.splitlines() if "pgrep" not in line]
