# SPDX-License-Identifier: GPL-2.0-or-later
"""Loading translations (ui layer).

Every user-visible string goes through ``tr()`` or ``QCoreApplication.translate``; the
catalogues are ``xosupdate_<lang>.qm`` files next to this module, compiled by
``make translations`` from ``resources/translations/xosupdate_<lang>.ts`` and committed
(the RPM's ``make install`` runs without Qt's tools), plus Qt's own ``qtbase_<lang>`` for
its standard buttons and dialogs.

Counted strings are written once, with ``%n`` ("%n package(s)"); every language gives
their plural forms, English too: ``xosupdate_en.qm`` holds only those forms ("1 package",
"6 packages") and is always installed first, so a language without a catalogue of its
own (or the C locale) still reads proper English.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["CATALOGUE_DIR", "install_translators"]

log = logging.getLogger(__name__)

CATALOGUE_DIR: Final = Path(__file__).resolve().parent


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's and xosupdate's catalogues for ``locale`` (default: the system's).

    Returns:
        The installed translators, the one searched first last (keep them alive as long
        as the application; ``app.removeTranslator`` each to go back to the sources).
    """
    locale = locale or QLocale()
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    english = QTranslator(app)
    if english.load("xosupdate_en", str(CATALOGUE_DIR)):
        app.installTranslator(english)
        installed.append(english)
    else:
        log.warning("the English catalogue is missing from %s", CATALOGUE_DIR)
    ours = QTranslator(app)
    # Installed last, searched first; English is already there.
    if ours.load(locale, "xosupdate", "_", str(CATALOGUE_DIR)) and (
        ours.filePath() != english.filePath()
    ):
        app.installTranslator(ours)
        installed.append(ours)
        log.info("translation %s loaded", ours.filePath())
    return installed
