# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures of the GUI tests (offscreen Qt, see tests/conftest.py)."""

from __future__ import annotations

import contextlib
import gc
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QAbstractItemModel, QLocale
from PySide6.QtWidgets import QApplication

from tests.gui.fakes import FakeBackend, SyncTaskRunner
from xosupdate.services.collection import pauses
from xosupdate.services.demo import DemoSandbox, build_demo
from xosupdate.ui.emitguard import guard_emit_refcounts
from xosupdate.ui.i18n import install_translators
from xosupdate.ui.mainwindow import MainWindow
from xosupdate.ui.presenters.main import MainPresenter

if TYPE_CHECKING:
    # pytestqt.modeltest reads pytest-qt's Qt binding when imported: only after set-up.
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

# As the window and the notifier do at start: the GUI suite emits far more than the two
# thousand times PySide6 6.12's emit() can take a reference from True (ui/emitguard.py).
guard_emit_refcounts()


@contextlib.contextmanager
def speaking(qapp: QApplication, locale: QLocale) -> Iterator[QLocale]:
    """The GUI in ``locale``, its catalogues installed as the application installs them;
    the previous locale and no catalogue of ours afterwards."""
    previous = QLocale()
    QLocale.setDefault(locale)
    translators = install_translators(qapp, locale)
    try:
        yield locale
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication) -> Iterator[QLocale]:
    """The GUI in English whatever the host's locale, with its catalogue (the plural
    forms: "1 package", "3 packages")."""
    with speaking(qapp, ENGLISH) as locale:
        yield locale


def shown_window(qtbot: QtBot, backend: FakeBackend) -> MainWindow:
    """The main window over ``backend`` on a synchronous runner, shown with its list loaded."""
    presenter = MainPresenter(backend, SyncTaskRunner())
    window = MainWindow(presenter)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.shown_updates):
        presenter.start()
    return window


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """``qtmodeltester.check`` (pytest-qt's method is untyped)."""
    tester.check(model)  # type: ignore[no-untyped-call]


@pytest.fixture(autouse=True)
def _qt_garbage_on_the_gui_thread() -> Iterator[None]:
    """Collect each test's garbage on the GUI thread when it ends.

    Presenters and windows a test drops often sit in reference cycles (slots, lambdas).
    Left for later, they would be collected by whichever thread allocates next, possibly a
    task runner's worker of a later test, and a QObject destroyed off its thread corrupts
    the event loop (seen: a QFileSystemWatcher's socket notifier freed by a worker, then a
    segfault in the GUI thread's event dispatcher).
    """
    yield
    gc.collect()
    # A window's collector pauses automatic collection: none may outlive its test.
    assert pauses() == 0, "a GuiThreadCollector outlived its test"


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> DemoSandbox:
    """The demo sandbox, built once per session; tests work on copies (``demo_copy``)."""
    return build_demo(tmp_path_factory.mktemp("demo-original") / "demo")


def demo_copy(built: DemoSandbox, dest: Path) -> DemoSandbox:
    """A private copy of the built sandbox (the copy is complete: reused as it is)."""
    shutil.copytree(built.dest, dest, symlinks=True)
    return build_demo(dest)
