# SPDX-License-Identifier: GPL-2.0-or-later
"""``xosupdate-gui``: the desktop application's entry point (ui layer).

``xosupdate-gui [--root DIR] [--cache-dir DIR] [--config FILE] [--demo [--demo-dir DIR]]
[--screenshot FILE [--view VIEW]]``

* ``--demo`` builds the demo sandbox when it is missing (default
  ``$XDG_CACHE_HOME/xosupdate/demo``: the installed application may be started from any
  directory, and the cache is where rebuildable data belongs; ``make demo`` passes
  ``build/demo`` of the checkout), serves its mirrors on 127.0.0.1 for as long as the
  window is open and points the application at its root.
* ``--screenshot FILE`` renders the window once the update list has been loaded and
  painted (it waits for the window's signal, never for a fixed time), writes a PNG and
  exits; ``--view`` chooses what is on it (see ``xosupdate.ui.screenshot``). It works
  offscreen (``QT_QPA_PLATFORM=offscreen``).

The GUI never runs as root: changes go through the privileged helper.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from xosupdate.errors import XosUpdateError
from xosupdate.logsetup import configure_logging
from xosupdate.services.paths import resolve_locations
from xosupdate.ui.arguments import add_log_arguments, add_system_arguments
from xosupdate.ui.backend import ServicesBackend
from xosupdate.ui.demo import demo_root, system_root
from xosupdate.ui.emitguard import guard_emit_refcounts
from xosupdate.ui.i18n import install_translators
from xosupdate.ui.icons import icon
from xosupdate.ui.instance import WindowInstance, instance_name
from xosupdate.ui.mainwindow import MainWindow
from xosupdate.ui.presenters.main import MainPresenter
from xosupdate.ui.qtlog import install_qt_message_handler

__all__ = ["build_parser", "main"]

# Named, not __name__: the notifier starts the window as ``python -m xosupdate.ui.app``.
log = logging.getLogger("xosupdate.ui.app")

VIEWS = (
    "list",
    "updates",
    "testing-warning",
    "testing",
    "browse",
    "audit",
    "install-confirm",
    "install-progress",
    "install",
    "refresh",
    "mirrors",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``xosupdate-gui``."""
    parser = argparse.ArgumentParser(
        prog="xosupdate-gui",
        description="Software updates for urpmi-based systems (XtreemOS 2.x, Mageia).",
    )
    add_system_arguments(parser)
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        help="write a PNG of the window once the update list is shown, then exit",
    )
    parser.add_argument(
        "--view",
        choices=VIEWS,
        default="updates",
        help="what --screenshot shows (default: updates)",
    )
    add_log_arguments(parser)
    return parser


def _make_excepthook(*, interactive: bool) -> Callable[..., None]:
    """The last resort for exceptions escaping a slot: log the traceback once and, when
    someone is looking, say so in a dialog; a screenshot run exits with status 1."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, exc, tb))
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if not interactive:
            app.exit(1)
            return
        from xosupdate.ui.dialogs.errordialog import ErrorDialog  # noqa: PLC0415

        ErrorDialog.for_exception(exc).exec()

    return hook


def main(argv: Sequence[str] | None = None) -> int:
    """Run the application; returns the exit status."""
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose, debug=args.debug)
    if os.geteuid() == 0 and not args.screenshot and args.root == "/" and not args.demo:
        # design/ux.md §4.6: never the GUI as root (Wayland refuses it, and it needs not be).
        log.warning("xosupdate-gui runs as root; it only needs your own account")
    install_qt_message_handler()
    guard_emit_refcounts()
    app = QApplication([sys.argv[0], *(["-platform", "offscreen"] if _offscreen(args) else [])])
    app.setApplicationName("xosupdate")
    app.setOrganizationName("xosupdate")
    translators = install_translators(app)
    # After the translators: window managers show it after every dialog's title.
    app.setApplicationDisplayName(app.translate("app", "Software Updates"))
    app.setDesktopFileName("xosupdate")
    app.setWindowIcon(icon("xosupdate"))
    sys.excepthook = _make_excepthook(interactive=not args.screenshot)
    # One window per user and root, asked before a demo is served: a second demo start
    # would point the sandbox at mirrors that end with it. Screenshots are renderings.
    instance = None
    if not args.screenshot:
        system = system_root(args)
        instance = WindowInstance(instance_name("gui", system))
        if not instance.claim():
            log.info("a window for %s is open already: it was brought forward", system)
            return 0
    try:
        with demo_root(args) as root:
            return _run(app, args, root, instance)
    except XosUpdateError as exc:
        # Before the window exists (a bad settings file, a demo that cannot be built).
        log.error("%s", exc)  # noqa: TRY400 - an expected error: no traceback
        from xosupdate.ui.dialogs.errordialog import ErrorDialog  # noqa: PLC0415

        if instance is not None:
            instance.close()  # a later start must not be sent to a window that never came
        if not args.screenshot:
            ErrorDialog.for_exception(exc).exec()
        return 1
    finally:
        del translators


def _offscreen(args: argparse.Namespace) -> bool:
    """``--screenshot`` without a display renders offscreen."""
    return (
        bool(args.screenshot)
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and "QT_QPA_PLATFORM" not in os.environ
    )


def _run(
    app: QApplication,
    args: argparse.Namespace,
    demo_root: Path | None,
    instance: WindowInstance | None,
) -> int:
    locations = resolve_locations(
        demo_root or args.root, cache_dir=args.cache_dir, config=args.config
    )
    presenter = MainPresenter(ServicesBackend(locations))
    # Screenshots neither read nor write the user's remembered window geometry.
    settings = None if args.screenshot else QSettings()
    window = MainWindow(presenter, settings=settings)
    if demo_root is not None:
        window.mark_demo()
    if instance is not None:
        instance.activation_requested.connect(window.come_forward)
    if args.screenshot:
        from xosupdate.ui.screenshot import Screenshooter  # noqa: PLC0415

        shooter = Screenshooter(window, Path(args.screenshot), args.view)
        shooter.finished.connect(app.exit)
        window.resize(1280, 800)
    window.show()
    presenter.start()
    status = app.exec()
    if instance is not None:
        instance.close()
    presenter.shutdown()
    return status


if __name__ == "__main__":
    sys.exit(main())
