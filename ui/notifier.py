# SPDX-License-Identifier: GPL-2.0-or-later
"""``xosupdate-notifier``: the tray icon that says when updates are available (ui layer).

``xosupdate-notifier [--root DIR] [--cache-dir DIR] [--config FILE] [--demo [--demo-dir
DIR]] [--check-now]``

Started at login by its autostart entry. It runs as the user: checks refresh the user's
metadata cache and count with the main window's engine (``presenters.notifier``). The icon
is hidden while nothing is pending; a click on it, or on a notification, opens the main
window on the same root, cache and settings. One notifier runs per user and root.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QObject,
    QProcess,
    QSettings,
    Slot,
)
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from xosupdate.errors import XosUpdateError
from xosupdate.logsetup import configure_logging
from xosupdate.services.paths import Locations, resolve_locations
from xosupdate.ui.arguments import add_log_arguments, add_system_arguments
from xosupdate.ui.backend import ServicesBackend
from xosupdate.ui.demo import demo_root, system_root
from xosupdate.ui.emitguard import guard_emit_refcounts
from xosupdate.ui.i18n import install_translators
from xosupdate.ui.icons import icon
from xosupdate.ui.instance import instance_name, root_digest, single_instance_lock
from xosupdate.ui.presenters.notifier import Notice, NotifierPresenter, NotifierState, Phase
from xosupdate.ui.qtlog import install_qt_message_handler
from xosupdate.ui.tasks import GuiThreadCollector, TaskRunner
from xosupdate.ui.wording import update_counts_text

__all__ = ["TrayIcon", "build_parser", "gui_command", "main", "tooltip_text"]

log = logging.getLogger(__name__)

# How long a notification stays (the desktop may cap it).
_NOTICE_MS = 15_000


def tooltip_text(state: NotifierState, *, locale: QLocale | None = None) -> str:
    """What hovering the icon says: the count (the window's words), then how fresh it is."""
    lines: list[str] = []
    if state.unwatched:
        lines.append(state.unwatched)
    if state.failing:
        lines.append(QCoreApplication.translate("notifier", "Could not check for updates"))
        if state.error:
            lines.append(state.error)
    if state.counts is not None:
        lines.append(update_counts_text(state.counts, complete=not state.unwatched))
    if state.phase is Phase.CHECKING:
        lines.append(QCoreApplication.translate("notifier", "Checking for updates\u2026"))
    if state.last_success is not None:
        when = QDateTime.fromSecsSinceEpoch(int(state.last_success.timestamp()))
        text = (locale or QLocale()).toString(when, QLocale.FormatType.ShortFormat)
        lines.append(QCoreApplication.translate("notifier", "Last checked: {0}").format(text))
    elif not lines:
        lines.append(QCoreApplication.translate("notifier", "Not checked yet"))
    if state.stale_media:
        lines.append(
            QCoreApplication.translate("notifier", "Could not be refreshed: {0}").format(
                ", ".join(state.stale_media)
            )
        )
    return "\n".join(lines)


def gui_command(locations: Locations, *, config: str | None = None) -> list[str]:
    """The command that opens the main window on the notifier's root, cache and settings
    (the interpreter running the notifier, so an uninstalled checkout works too)."""
    command = [sys.executable, "-m", "xosupdate.ui.app"]
    if locations.root != Path("/"):
        command += ["--root", str(locations.root)]
    command += ["--cache-dir", str(locations.cache_dir)]
    if config:
        command += ["--config", config]
    return command


class TrayIcon(QObject):
    """The tray icon and its menu, following a ``NotifierPresenter``.

    Args:
        open_window: opens the main window (a click on the icon or on a notification).
    """

    def __init__(
        self,
        presenter: NotifierPresenter,
        open_window: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self._open_window = open_window
        self.tray = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.action_open = self.menu.addAction(self.tr("&Show updates\u2026"))
        self.action_open.triggered.connect(self._on_open)
        self.action_check = self.menu.addAction(self.tr("&Check now"))
        self.action_check.triggered.connect(self._on_check)
        self.menu.addSeparator()
        self.action_quit = self.menu.addAction(self.tr("&Quit"))
        self.action_quit.triggered.connect(QCoreApplication.quit)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._on_activated)
        self.tray.messageClicked.connect(self._on_open)
        presenter.state_changed.connect(self._on_state_changed)
        presenter.notice.connect(self._on_notice)
        self._on_state_changed(presenter.state)

    @property
    def tooltip(self) -> str:
        """The icon's tooltip."""
        return self.tray.toolTip()

    @Slot(object)
    def _on_state_changed(self, state: NotifierState) -> None:
        self.tray.setIcon(icon(state.icon_name))
        self.tray.setToolTip(tooltip_text(state))
        self.action_check.setEnabled(state.phase is not Phase.CHECKING)
        self.tray.setVisible(state.visible)

    @Slot(object)
    def _on_notice(self, notice: Notice) -> None:
        kind = (
            QSystemTrayIcon.MessageIcon.Warning
            if notice.urgent
            else QSystemTrayIcon.MessageIcon.Information
        )
        log.info("notification: %s: %s", notice.title, notice.text)
        # A notification from a hidden icon is lost on some desktops: show it first.
        self.tray.setVisible(True)
        self.tray.showMessage(notice.title, notice.text, kind, _NOTICE_MS)
        self.tray.setVisible(self.presenter.state.visible)

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._on_open()

    @Slot()
    def _on_open(self) -> None:
        self._open_window()

    @Slot()
    def _on_check(self) -> None:
        self.presenter.check_now()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``xosupdate-notifier``."""
    parser = argparse.ArgumentParser(
        prog="xosupdate-notifier",
        description="Tells you when software updates are available (a tray icon).",
    )
    add_system_arguments(parser)
    parser.add_argument(
        "--check-now", action="store_true", help="check at once instead of after a delay"
    )
    add_log_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the notifier; returns the exit status."""
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose, debug=args.debug)
    install_qt_message_handler()
    guard_emit_refcounts()  # it runs for days: thousands of emits
    app = QApplication([sys.argv[0]])
    app.setApplicationName("xosupdate")
    app.setOrganizationName("xosupdate")
    translators = install_translators(app)
    # After the translators: notifications are signed with it.
    app.setApplicationDisplayName(app.translate("app", "Software Updates"))
    app.setDesktopFileName("xosupdate-notifier")
    app.setQuitOnLastWindowClosed(False)
    # One notifier per user and root: autostart plus a manual start would otherwise check
    # twice and notify twice. Taken before a demo is served: a second demo start would
    # point the sandbox at mirrors that end with it.
    system = system_root(args)
    lock = single_instance_lock(instance_name("notifier", system))
    if lock is None:
        log.info("a notifier for %s is already running", system)
        return 0
    try:
        with demo_root(args) as root:
            locations = resolve_locations(
                root or args.root, cache_dir=args.cache_dir, config=args.config
            )
            return _run(app, args, locations)
    except XosUpdateError as exc:
        log.error("%s", exc)  # noqa: TRY400 - an expected error: no traceback
        return 1
    finally:
        lock.unlock()
        del translators


def _run(app: QApplication, args: argparse.Namespace, locations: Locations) -> int:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        log.warning("no system tray yet: the icon appears when the panel provides one")
    runner = TaskRunner()
    # The notifier runs for the whole session: its garbage too is collected on this thread.
    collector = GuiThreadCollector(runner)
    try:
        memory = QSettings()
        # What was announced is remembered per root (the demo's is not the system's).
        memory.beginGroup(f"root-{root_digest(locations.root)}")
        presenter = NotifierPresenter(
            ServicesBackend(locations),
            runner,
            locations.settings,
            memory=memory,
            watch=locations.system_paths,
        )
        command = gui_command(locations, config=args.config)
        tray = TrayIcon(presenter, lambda: _start_detached(command))
        if args.check_now:
            presenter.check_now()
        else:
            presenter.start()
        log.info(
            "notifier for %s started; first check at %s",
            locations.root,
            dt.datetime.now().astimezone()
            + dt.timedelta(milliseconds=presenter.next_check_in_ms or 0),
        )
        status = app.exec()
        presenter.shutdown()
        runner.wait_for_done(5_000)
        del tray
        return status
    finally:
        collector.stop()


def _start_detached(command: list[str]) -> None:
    started, _pid = QProcess.startDetached(command[0], command[1:])
    if not started:
        log.error("could not start %s", " ".join(command))


if __name__ == "__main__":
    sys.exit(main())
