# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures of the helper's end-to-end tests: the demo served on loopback, a private copy
of its root per test, and a way to see whether an rpm database changed."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from xosupdate.services.demo import DemoSandbox, DemoServer, serve_demo
from xosupdate.system import rpmlib


@pytest.fixture(scope="module")
def demo(demo_sandbox: DemoSandbox) -> Iterator[DemoServer]:
    """The demo's dead, slow and good mirrors (the slow one barely slow: tests are timed)."""
    with serve_demo(demo_sandbox, slow_delay=0.01) as server:
        yield server


@pytest.fixture
def root(demo: DemoServer, tmp_path: Path) -> Path:
    """A private copy of the demo root (the session's demo is shared and read-only)."""
    dest = tmp_path / "root"
    shutil.copytree(demo.sandbox.root, dest, symlinks=True)
    return dest


def rpmdb_state(root: Path) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """Installed packages, imported keys, and the database files' digests (sqlite's
    shared-memory index changes on every read and does not count)."""
    dbdir = root / "var/lib/rpm"
    files = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(dbdir.iterdir())
        if p.is_file() and not p.name.endswith("-shm")
    }
    installed = tuple(p.fullname for p in rpmlib.installed_packages(root))
    return installed, rpmlib.imported_keys(root), files


def installed_versions(root: Path, *names: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in rpmlib.installed_packages(root):
        if p.name in names:
            out.setdefault(p.name, []).append(str(p.evr))
    return out
