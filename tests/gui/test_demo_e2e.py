# SPDX-License-Identifier: GPL-2.0-or-later
"""End to end on the demo sandbox: the real services, the real helper (run directly on the
sandbox root, as for any root the user owns), the mirrors served on 127.0.0.1.

A tester's whole round (the seed's testing workflow): switch XtreemOS_Testing on (consent,
then the helper enables it and refreshes it), list what it offers as updates, install all
of those, browse everything it holds, install one package of it, switch it off again.
Each test gets its own copy of the sandbox, served for that test only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import demo_copy
from xosupdate.domain.verdict import Verdict
from xosupdate.services.demo import DemoSandbox, serve_demo
from xosupdate.services.packages import PackageState
from xosupdate.services.paths import resolve_locations
from xosupdate.ui.backend import ServicesBackend
from xosupdate.ui.mainwindow import MainWindow
from xosupdate.ui.models.refresh import RowState
from xosupdate.ui.presenters.main import MainPresenter

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TESTING = "XtreemOS_Testing"
WAIT = 30_000


@pytest.fixture
def window(qtbot: QtBot, built_demo: DemoSandbox, tmp_path: Path) -> Iterator[MainWindow]:
    """The window on a fresh, served copy of the demo sandbox."""
    sandbox = demo_copy(built_demo, tmp_path / "demo")
    with serve_demo(sandbox, slow_delay=0.01):
        where = resolve_locations(sandbox.root, cache_dir=tmp_path / "cache")
        presenter = MainPresenter(ServicesBackend(where))
        w = MainWindow(presenter)
        qtbot.addWidget(w)
        w.show()
        with qtbot.waitSignal(w.shown_updates, timeout=WAIT):
            presenter.start()
        yield w
        presenter.shutdown()


def names(window: MainWindow) -> set[str]:
    return {c.name for c in window.presenter.updates.updates_model.candidates()}


def switch_testing_on(qtbot: QtBot, window: MainWindow) -> None:
    model = window.presenter.updates.media_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == TESTING)
    model.setData(model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    dialog = window.testing_dialog
    dialog.understood.setChecked(True)
    with qtbot.waitSignal(window.presenter.transactions.medium_switched, timeout=WAIT):
        dialog.switch_on.click()
    qtbot.waitUntil(lambda: not window.presenter.updates.loading, timeout=WAIT)
    assert window.testing_banner.isVisible()


def install_selection(qtbot: QtBot, window: MainWindow, button: object) -> list[str]:
    with qtbot.waitSignal(window.presenter.transactions.confirmation_needed, timeout=WAIT):
        button.click()  # type: ignore[attr-defined]
    dialog = window.install_dialog
    items = [
        dialog.planned_list.topLevelItem(i) for i in range(dialog.planned_list.topLevelItemCount())
    ]
    planned = [item.text(0) for item in items if item is not None]
    with qtbot.waitSignal(window.presenter.transactions.install_finished, timeout=WAIT):
        dialog.install_button.click()
    qtbot.waitUntil(lambda: not window.presenter.updates.loading, timeout=WAIT)
    done = "package was installed." if len(planned) == 1 else "packages were installed."
    assert f"{len(planned)} {done}" in dialog.summary_text.text()
    dialog.close_button.click()
    return planned


def test_refresh_signatures_install(qtbot: QtBot, window: MainWindow) -> None:
    p = window.presenter
    # F5: the metadata into the user's cache (the dead mirror fails over), then the list.
    with qtbot.waitSignal(p.refresh.finished, timeout=WAIT) as refreshed:
        QTest.keyClick(window.updates_view, Qt.Key.Key_F5)
    assert not refreshed.args[0].failed
    assert {s for _m, s, _t in p.refresh.model.rows()} <= {RowState.UPDATED, RowState.UP_TO_DATE}
    with qtbot.waitSignal(p.signatures.verdicts_loaded, timeout=WAIT) as checked:
        pass
    verdicts = {v.name: v.verdict for v in checked.args[0].verdicts}
    assert verdicts["openssl"] is Verdict.TRUSTED
    before = names(window)
    assert {"bash", "openssl", "xos-amsd"} <= before
    window.presenter.updates.select_security()
    planned = install_selection(qtbot, window, window.install_button)
    assert any(p.startswith("openssl-0.9.8h-3.2") for p in planned)
    after = names(window)
    assert "openssl" not in after and "bash" in after  # only the security ones went in


def test_testing_round(qtbot: QtBot, window: MainWindow) -> None:
    switch_testing_on(qtbot, window)
    # Refresh the testing medium into the user's cache, as a tester does before looking.
    with qtbot.waitSignal(window.presenter.refresh.finished, timeout=WAIT) as refreshed:
        window.presenter.refresh_media((TESTING,))
    assert [r.medium for r in refreshed.args[0].results] == [TESTING]
    assert not refreshed.args[0].failed
    # Updates offered by the testing medium (the testing view).
    with qtbot.waitSignal(window.presenter.updates.updates_loaded, timeout=WAIT) as blocker:
        window.presenter.updates.set_view([TESTING])
    offered = {c.name for c in blocker.args[0].candidates if c.medium == TESTING}
    assert "xtreemfs-client" in offered
    assert window.presenter.updates.install_candidates() == []  # never ticked for you
    window.presenter.updates.select_all()
    install_selection(qtbot, window, window.install_button)
    assert not {
        c.name for c in window.presenter.updates.updates_model.candidates() if c.medium == TESTING
    }
    # Everything the testing medium holds; install one package that is not installed.
    browse = window.presenter.browse
    with qtbot.waitSignal(browse.packages_loaded, timeout=WAIT):
        browse.show_medium(TESTING)
    fresh = next(p for p in browse.model.packages() if p.state is PackageState.NOT_INSTALLED)
    row = browse.model.packages().index(fresh)
    browse.model.setData(
        browse.model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    with qtbot.waitSignal(browse.packages_loaded, timeout=WAIT):
        planned = install_selection(qtbot, window, window.browse_install_button)
    assert any(p.startswith(fresh.name + "-") for p in planned)
    now = next(p for p in browse.model.packages() if p.name == fresh.name)
    assert now.state is PackageState.INSTALLED
    # Switch it off again: no consent needed, the banner goes.
    with qtbot.waitSignal(window.presenter.transactions.medium_switched, timeout=WAIT):
        window.testing_banner.buttons()[0].click()
    qtbot.waitUntil(lambda: not window.presenter.updates.loading, timeout=WAIT)
    assert not window.testing_banner.isVisible()
    media = {m.name: m.enabled for m in window.presenter.updates.media}
    assert media[TESTING] is False


@pytest.mark.parametrize("view", ["updates", "testing-warning"])
def test_screenshot_command(built_demo: DemoSandbox, tmp_path: Path, view: str) -> None:
    """``xosupdate-gui --demo --screenshot``: the window once loaded, offscreen, as a PNG."""
    dest = tmp_path / "demo"
    shutil.copytree(built_demo.dest, dest, symlinks=True)
    shot = tmp_path / f"{view}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "xosupdate.ui.app",
            "--demo",
            "--demo-dir",
            str(dest),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--screenshot",
            str(shot),
            "--view",
            view,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert f"screenshot written to {shot}" in res.stdout
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
