# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared test set-up: offscreen Qt, real-data fixtures, markers that skip with a reason."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt aborts the whole process without a display unless a platform is chosen before any
# QApplication exists (design/testing.md §8).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read the user's or the host's xosupdate configuration or cache.
os.environ.pop("XDG_CACHE_HOME", None)

REPO_ROOT = Path(__file__).resolve().parent.parent


def _shared_dir() -> Path:
    """``../shared`` beside the repository; a git worktree under ``wt/`` looks one level up."""
    for candidate in (REPO_ROOT.parent / "shared", REPO_ROOT.parent.parent / "shared"):
        if candidate.is_dir():
            return candidate
    return REPO_ROOT.parent / "shared"


REALDATA = _shared_dir() / "realdata"
BENCH = _shared_dir() / "bench"

_TOOLS = ("rpm", "rpmbuild", "rpmsign", "rpmkeys", "gpg")


def _userns_ok() -> bool:
    try:
        return (
            subprocess.run(
                ["unshare", "-r", "true"], capture_output=True, check=False, timeout=10
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = [t for t in _TOOLS if shutil.which(t) is None]
    userns: bool | None = None
    for item in items:
        if {"qtbot", "qapp", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
        if missing and item.get_closest_marker("integration"):
            item.add_marker(pytest.mark.skip(reason=f"needs {', '.join(missing)}"))
        if item.get_closest_marker("needs_userns") and os.geteuid() != 0:
            if userns is None:
                userns = _userns_ok()
            if not userns:
                item.add_marker(
                    pytest.mark.skip(reason="unprivileged user namespaces are disabled")
                )


@pytest.fixture(scope="session")
def realdata() -> Path:
    """../shared/realdata, read in place (never copied into the repository)."""
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata is absent")
    return REALDATA


@pytest.fixture(scope="session")
def bench_corpus() -> Path:
    """../shared/bench/corpus, the distribution-scale corpus."""
    corpus = BENCH / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/bench is absent")
    return corpus


@pytest.fixture
def sandbox_root(tmp_path: Path) -> Path:
    """An empty system root (never the host's /etc/urpmi, /var/lib/urpmi or /var/lib/rpm)."""
    root = tmp_path / "root"
    for d in ("etc/urpmi", "var/lib/urpmi", "var/lib/rpm"):
        (root / d).mkdir(parents=True)
    return root


@pytest.fixture(autouse=True)
def _no_unexpected_warnings(
    caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest
) -> Iterator[None]:
    """Any WARNING or worse that xosupdate logs fails the test, unless the test asserted it
    and took it off ``caplog`` (``caplog.clear()``), or is marked ``expected_warnings``
    (the helper's refusal tests: logging every refusal is what they check)."""
    yield
    if request.node.get_closest_marker("expected_warnings"):
        return
    unexpected = [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in caplog.get_records("call")
        if r.levelno >= logging.WARNING and r.name.startswith("xosupdate")
    ]
    if unexpected:
        pytest.fail("unexpected log records:\n" + "\n".join(unexpected), pytrace=False)
