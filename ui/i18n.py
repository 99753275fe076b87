# SPDX-License-Identifier: GPL-2.0-or-later
"""Loading translations (ui layer).

Every user-visible string goes through ``tr()`` or ``QCoreApplication.translate``; the
catalogues are ``xosupdate_<locale>.qm`` files next to this module (built from
``resources/translations/*.ts``), plus Qt's own for its standard dialogs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["install_translators"]

log = logging.getLogger(__name__)

_HERE = Path(__file__).resolve().parent


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's and xosupdate's catalogues for ``locale`` (default: the system's).

    Returns:
        The installed translators (keep them alive as long as the application).
    """
    locale = locale or QLocale()
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    ours = QTranslator(app)
    if ours.load(locale, "xosupdate", "_", str(_HERE)):
        app.installTranslator(ours)
        installed.append(ours)
        log.info("translation %s loaded", ours.filePath())
    return installed
