# SPDX-License-Identifier: GPL-2.0-or-later
"""Qt's own messages into xosupdate's log (ui layer), for every Qt entry point."""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

__all__ = ["install_qt_message_handler"]

# Qt messages that say nothing to a user: the offscreen platform of --screenshot, and a
# tray icon on a platform without a tray.
_QT_NOISE: Final = (
    "This plugin does not support propagateSizeHints",
    "QObject::connect: No such signal QPlatformNativeInterface::systemTrayWindowChanged",
)


def _qt_message(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own messages go to xosupdate's log instead of stderr."""
    if message.startswith(_QT_NOISE):
        return
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(mode, logging.ERROR)
    logging.getLogger("xosupdate.ui.qt").log(level, "%s", message)


def install_qt_message_handler() -> None:
    """Route Qt's messages to the ``xosupdate.ui.qt`` logger (entry points only)."""
    qInstallMessageHandler(_qt_message)
