# SPDX-License-Identifier: GPL-2.0-or-later
"""Small helpers of the tests: rpmkeys on a sandbox root, gpg-agent lookup, a mirror that
misbehaves by name, a helper reporter that says nothing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from xosupdate.helper.protocol import Phase
from xosupdate.repo import MirrorServer


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


def misbehave(mirror: MirrorServer, path: str, fault: str) -> None:
    """Make ``path`` of ``mirror`` silent (``hang``), or send its headers (``drip_headers``)
    or its body (``drip``) a byte every 0.2 s."""
    if fault == "hang":
        mirror.fault(path, hang=True)
    elif fault == "drip_headers":
        mirror.fault(path, drip_headers=0.2)
    else:
        mirror.fault(path, drip=0.2)


class QuietReporter:
    """A helper ``Reporter`` that drops every reply."""

    def progress(
        self, phase: Phase, item: str = "", done: int = 0, total: int = 0, *, cancellable: bool
    ) -> None:
        pass

    def log(self, text: str) -> None:
        pass
