# SPDX-License-Identifier: GPL-2.0-or-later
"""``xosupdate-gui --screenshot FILE --view VIEW``: a PNG of one view, then exit (ui layer).

Each view is reached by driving the window as a user would (selecting a row, switching a
tab, asking to switch testing on) and is grabbed when the signal saying it is ready
arrives; nothing waits a fixed time. Dialogs are drawn over the window, centred, the way a
window manager shows them. Used for ``docs/screenshots/`` and ``make demo`` without a
display.

Views: ``list`` (the update list as soon as it is painted: the launch benchmark),
``updates`` (the list with a security update's details, once its signatures are checked),
``testing-warning`` (the consent dialog of the testing medium), ``testing`` (switches the
testing medium on through the helper and shows the updates it offers, under the banner),
``browse`` (switches it on and shows everything it holds), ``audit`` (the audit tab),
``install-confirm``, ``install-progress`` and ``install`` (the security updates through the
helper: the confirmation list, the progress page with its log, the summary), ``refresh``
(F5: the outcome per medium above the recomputed list) and ``mirrors`` (the mirror dialog,
probed).

The views that go through the helper change the root they run on: point them at a copy
of the demo sandbox (``tools/screenshots.py`` does).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from xosupdate.domain.advisory import Importance
from xosupdate.domain.plan import UpdateCandidate
from xosupdate.helper.protocol import Phase, ProgressEvent
from xosupdate.ui.mainwindow import MainWindow
from xosupdate.ui.models.updates import ROLE_CANDIDATE

__all__ = ["Screenshooter", "compose"]

log = logging.getLogger(__name__)

# Give up (exit 1) if a view never becomes ready: a broken sandbox must not hang `make`.
WATCHDOG_MS = 120_000


def compose(window: QWidget, dialog: QWidget | None = None) -> QImage:
    """The window's image, with ``dialog`` drawn centred over it (the window dimmed)."""
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    if dialog is None:
        return image
    shot = dialog.grab()
    painter = QPainter(image)
    # Dim the window behind the dialog, as compositing window managers do.
    painter.fillRect(image.rect(), QColor(0, 0, 0, 70))
    x = (image.width() - shot.width()) // 2
    y = (image.height() - shot.height()) // 3
    painter.drawPixmap(x, y, shot)
    painter.setPen(dialog.palette().color(dialog.foregroundRole()))
    painter.drawRect(QRect(x - 1, y - 1, shot.width() + 1, shot.height() + 1))
    painter.end()
    return image


def _once(signal: SignalInstance, slot: Callable[..., None]) -> None:
    """Connect ``slot`` for the next emission of ``signal`` only."""

    def wrapper(*args: object) -> None:
        signal.disconnect(wrapper)
        slot(*args)

    signal.connect(wrapper)


class Screenshooter(QObject):
    """Drives ``window`` to ``view`` and saves a PNG to ``path``.

    Signals:
        finished(int): 0 once the file is written, 1 on failure.
    """

    finished = Signal(int)

    def __init__(self, window: MainWindow, path: Path, view: str) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.view = view
        self._started = False
        self._saved = False
        window.shown_updates.connect(self._on_window_shown_updates)
        window.presenter.updates.load_failed.connect(self._on_failed)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)
        self._watchdog.start(WATCHDOG_MS)

    # ------------------------------------------------------------ steps

    def _on_window_shown_updates(self, _count: int) -> None:
        if self._started:
            return
        self._started = True
        step: dict[str, Callable[[], None]] = {
            "list": self._save_later,
            "updates": self._updates,
            "testing-warning": self._testing_warning,
            "testing": self._testing,
            "browse": self._browse,
            "audit": self._audit,
            "refresh": self._refresh,
            "mirrors": self._mirrors,
            "install-confirm": self._install_confirm,
            "install-progress": self._install_progress,
            "install": self._install,
        }
        step.get(self.view, self._updates)()

    def _select(self, wanted: Callable[[UpdateCandidate], bool]) -> None:
        view = self.window.updates_view
        proxy = view.model()
        for g in range(proxy.rowCount()):
            group = proxy.index(g, 0)
            for r in range(proxy.rowCount(group)):
                index = proxy.index(r, 0, group)
                c = index.data(ROLE_CANDIDATE)
                if isinstance(c, UpdateCandidate) and wanted(c):
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    return

    def _when_signed(self, then: Callable[[], None]) -> None:
        """``then()`` once the signature check of the list shown has reported (it starts
        a moment after the list is painted)."""
        signatures = self.window.presenter.signatures
        done: list[bool] = []

        def once(*_args: object) -> None:
            if not done:
                done.append(True)
                then()

        _once(signatures.verdicts_loaded, once)
        _once(signatures.check_failed, once)

    def _updates(self) -> None:
        self._when_signed(self._updates_signed)

    def _updates_signed(self) -> None:
        self._select(lambda c: c.importance is Importance.SECURITY and c.installed is not None)
        self.window.updates_view.setFocus()
        self._save_later()

    def _testing_warning(self) -> None:
        self._when_signed(self._testing_warning_signed)

    def _testing_warning_signed(self) -> None:
        self._select(lambda c: c.importance is Importance.SECURITY)
        testing = self.window.presenter.updates.testing_media()
        if not testing:
            self._fail("the system has no testing medium")
            return
        self.window.presenter.updates.request_switch(testing[0].name, True)
        dialog = getattr(self.window, "testing_dialog", None)
        if dialog is None:
            self._fail("the testing warning did not open")
            return
        self._save_later(dialog)

    def _testing_on(self, then: Callable[[str], None]) -> None:
        """Switch the first testing medium on through the helper (no dialog), then
        ``then(medium)`` once the list has been read again."""
        testing = self.window.presenter.updates.testing_media()
        if not testing:
            self._fail("the system has no testing medium")
            return
        name = testing[0].name
        p = self.window.presenter
        _once(p.transactions.switch_failed, lambda _m, exc: self._on_failed(exc))
        _once(p.updates.updates_loaded, lambda _plan: then(name))
        if testing[0].enabled:
            p.updates.reload()
        else:
            p.updates.confirm_switch(name, True)

    def _testing(self) -> None:
        def show(medium: str) -> None:
            _once(self.window.presenter.updates.updates_loaded, lambda _p: self._updates())
            self.window.presenter.updates.set_view([medium])

        self._testing_on(show)

    def _browse(self) -> None:
        def show(medium: str) -> None:
            browse = self.window.presenter.browse
            _once(browse.packages_loaded, lambda _m, _n: self._browse_loaded())
            browse.load_failed.connect(self._on_failed)
            index = self.window.browse_medium.findData(medium)
            self.window.browse_medium.setCurrentIndex(max(0, index))
            self.window.tabs.setCurrentIndex(1)
            browse.show_medium(medium)

        self._testing_on(show)

    def _browse_loaded(self) -> None:
        # Tick the packages not installed yet: the footer shows what installing them costs.
        model = self.window.presenter.browse.model
        for row, p in enumerate(model.packages()):
            if model.checkable(p) and p.installed is None:
                model.setData(
                    model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
                )
        self._save_later()

    def _refresh(self) -> None:
        p = self.window.presenter
        p.refresh.failed.connect(self._on_failed)
        # The outcome per medium, and the list computed again from the fresh metadata.
        _once(
            p.refresh.finished,
            lambda _r: _once(p.updates.updates_loaded, lambda _p: self._updates()),
        )
        self.window.action_refresh.trigger()

    def _mirrors(self) -> None:
        self._when_signed(self._mirrors_signed)

    def _mirrors_signed(self) -> None:
        p = self.window.presenter
        p.mirrors.load_failed.connect(self._on_failed)
        _once(p.mirrors.ranking_loaded, lambda _r: self._save_later(self.window.mirrors_dialog))
        self.window.action_mirrors.trigger()

    def _audit(self) -> None:
        audit = self.window.presenter.audit
        audit.audit_loaded.connect(lambda _r: self._save_later())
        audit.load_failed.connect(self._on_failed)
        self.window.tabs.setCurrentIndex(2)

    def _start_install(self) -> None:
        self._when_signed(self._start_install_signed)

    def _start_install_signed(self) -> None:
        self._select(lambda c: c.importance is Importance.SECURITY and c.installed is not None)
        self.window.presenter.updates.select_security()
        t = self.window.presenter.transactions
        t.install_failed.connect(self._on_failed)
        self.window.install_button.click()

    def _install_confirm(self) -> None:
        t = self.window.presenter.transactions
        _once(t.confirmation_needed, lambda _p: self._save_later(self.window.install_dialog))
        self._start_install()

    def _install_progress(self) -> None:
        t = self.window.presenter.transactions

        def on_progress(event: object) -> None:
            if isinstance(event, ProgressEvent) and event.phase is Phase.INSTALL:
                t.progress_changed.disconnect(on_progress)
                # Now, while the page shows this step (the helper goes on meanwhile).
                self._save(self.window.install_dialog)

        def confirm(_planned: object) -> None:
            dialog = self.window.install_dialog
            dialog.log_toggle.setChecked(True)
            t.progress_changed.connect(on_progress)
            dialog.install_button.click()

        _once(t.confirmation_needed, confirm)
        self._start_install()

    def _install(self) -> None:
        t = self.window.presenter.transactions
        _once(t.confirmation_needed, lambda _p: self.window.install_dialog.install_button.click())
        # After the list has been computed again: the window behind shows what is left.
        _once(
            t.install_finished,
            lambda _r: _once(
                self.window.presenter.updates.updates_loaded,
                lambda _p: self._save_later(self.window.install_dialog),
            ),
        )
        self._start_install()

    # ------------------------------------------------------------ saving

    def _save_later(self, dialog: QWidget | None = None) -> None:
        # One turn of the event loop: layouts settle and the view paints the new state.
        QTimer.singleShot(0, lambda: self._save(dialog))

    def _save(self, dialog: QWidget | None) -> None:
        if self._saved:
            return
        self._saved = True
        image = compose(self.window, dialog)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(self.path)):
            self._fail(f"cannot write {self.path}")
            return
        # The window's words say which language the picture is in.
        tabs = self.window.tabs
        log.info(
            "screenshot of %s written to %s: window %r, tabs %s",
            self.view,
            self.path,
            self.window.windowTitle(),
            [tabs.tabText(i) for i in range(tabs.count())],
        )
        print(f"screenshot written to {self.path}", flush=True)
        self._watchdog.stop()
        self.finished.emit(0)

    def _on_failed(self, exc: object) -> None:
        self._fail(str(exc))

    def _on_watchdog_timeout(self) -> None:
        self._fail(f"the {self.view} view was not ready after {WATCHDOG_MS // 1000} s")

    def _fail(self, why: str) -> None:
        if self._saved:
            return
        self._saved = True
        log.error("screenshot of %s failed: %s", self.view, why)
        self._watchdog.stop()
        self.finished.emit(1)
