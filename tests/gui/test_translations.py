# SPDX-License-Identifier: GPL-2.0-or-later
"""Translations: every user-visible string of ui/ is extractable (pyside6-lupdate) under
the context Qt looks it up with; the committed catalogues cover all of it, keep every
placeholder and tag, and match the committed .qm files; LANG=fr_FR.UTF-8 shows the French
window, down to Qt's own buttons; accelerators never clash."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT
from tests.gui.conftest import shown_window, speaking
from tests.gui.fakes import FakeBackend, FakeHelper, candidate, medium
from xosupdate.domain.advisory import Importance
from xosupdate.domain.plan import UpdateCounts, UpdatePlan
from xosupdate.services.demo import DemoSandbox
from xosupdate.ui.dialogs.shortcuts import ShortcutsDialog
from xosupdate.ui.i18n import CATALOGUE_DIR, install_translators
from xosupdate.ui.mainwindow import MainWindow
from xosupdate.ui.notifier import tooltip_text
from xosupdate.ui.presenters.notifier import NotifierState
from xosupdate.ui.wording import update_counts_text

UI = REPO_ROOT / "ui"
TS_DIR = REPO_ROOT / "resources" / "translations"
LANGS = ("en", "fr")
# Languages whose singular form serves 1 only (French's serves 0 and 1: it needs %n).
ONE_IS_ONE = {"en"}
# Contexts of module-level QCoreApplication.translate calls (functions, not classes).
MODULE_CONTEXTS = {"app", "errors", "notifier", "wording"}
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
QT_TRANSLATIONS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))

# What a translation must carry over from its source: Qt's %n, %1…, str.format's {0} or
# {name}, and HTML tags.
_PLACEHOLDER = re.compile(r"%n|%L?\d+|\{[^{}]*\}")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# One "&" that is not "&&": a keyboard accelerator.
_ACCELERATOR = re.compile(r"(?<!&)&(?!&)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    kind: str  # the translation's type attribute: "" when finished
    forms: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def _read_ts(path: Path) -> list[Message]:
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            numerus = m.get("numerus") == "yes"
            forms = (
                tuple(f.text or "" for f in tr.iter("numerusform")) if numerus else (tr.text or "",)
            )
            out.append(
                Message(
                    context=name,
                    source=m.findtext("source") or "",
                    comment=m.findtext("comment") or "",
                    numerus=numerus,
                    kind=tr.get("type", ""),
                    forms=forms,
                )
            )
    return out


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        pytest.skip(f"{name} is not installed")
    return tool


def _sources() -> list[str]:
    return sorted(str(p) for p in UI.rglob("*.py") if "forms" not in p.relative_to(UI).parts)


def _lupdate(ts: Path, *options: str) -> None:
    subprocess.run(
        [str(_tool("pyside6-lupdate")), "-source-language", "en", *options, *_sources(),
         "-ts", str(ts)],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[Message]:
    """What lupdate finds in ui/ today, into an empty catalogue."""
    ts = tmp_path_factory.mktemp("lupdate") / "xosupdate_xx.ts"
    _lupdate(ts)
    return _read_ts(ts)


def test_lupdate_finds_every_context(extracted: list[Message]) -> None:
    contexts = {m.context for m in extracted}
    classes = {
        line.split("class ", 1)[1].split("(", 1)[0]
        for p in UI.rglob("*.py")
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("class ")
    }
    stray = contexts - classes - MODULE_CONTEXTS
    assert not stray, f"translations under contexts Qt never looks up: {stray}"
    assert {"MainWindow", "UpdatesModel", "InstallDialog", "errors", "wording"} <= contexts
    assert len(extracted) > 300
    # Counted strings are numerus forms ("%n package(s)"), never "{0} packages".
    assert sum(m.numerus for m in extracted) >= 10
    counted = [m.source for m in extracted if not m.numerus and "%n" in m.source]
    assert not counted


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_covers_every_string(lang: str, extracted: list[Message], tmp_path: Path) -> None:
    """The committed catalogue, updated by lupdate from today's sources, has nothing
    new, unfinished or vanished: `make translations` was run and every string translated
    (English holds the plural forms only)."""
    ts = tmp_path / f"xosupdate_{lang}.ts"
    shutil.copy(TS_DIR / ts.name, ts)
    _lupdate(ts, *(["-pluralonly"] if lang == "en" else []))
    messages = _read_ts(ts)
    wanted = {m.key for m in extracted if m.numerus or lang != "en"}
    assert {m.key for m in messages} == wanted
    pending = [(m.context, m.source, m.kind) for m in messages if m.kind]
    assert not pending, f"{len(pending)} {lang} messages not finished: {pending[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders_and_markup(lang: str) -> None:
    messages = _read_ts(TS_DIR / f"xosupdate_{lang}.ts")
    assert messages
    for m in messages:
        # French, like English, has two forms: one (French: 0 and 1) and many.
        assert len(m.forms) == (2 if m.numerus else 1), m
        for i, form in enumerate(m.forms):
            assert form.strip(), m
            wanted = _PLACEHOLDER.findall(m.source)
            if lang in ONE_IS_ONE and m.numerus and i == 0 and "%n" not in form:
                wanted.remove("%n")  # "The last check failed" (English's singular is 1 only)
            assert sorted(_PLACEHOLDER.findall(form)) == sorted(wanted), (m, form)
            assert [t.split()[0] for t in _TAG.findall(form)] == [
                t.split()[0] for t in _TAG.findall(m.source)
            ], (m, form)
            assert len(_ACCELERATOR.findall(form)) == len(_ACCELERATOR.findall(m.source)), form
            # Spaces the code joins pieces with (" (testing)") stay where they are.
            assert (form[:1].isspace(), form[-1:].isspace()) == (
                m.source[:1].isspace(),
                m.source[-1:].isspace(),
            ), form


def test_french_typography() -> None:
    """Non-breaking spaces before « : ; ? ! » and inside guillemets, typographic
    apostrophes: never a line broken before a colon."""
    for m in _read_ts(TS_DIR / "xosupdate_fr.ts"):
        for form in m.forms:
            plain = _TAG.sub("", form)
            assert not re.search(r" [:;?!»]|« |'", plain), form
            assert not re.search(r"\w[:;?!»]", _PLACEHOLDER.sub("x", plain).replace("://", "")), (
                form
            )


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("lang", LANGS)
def test_committed_qm_files_match_the_catalogues(lang: str, tmp_path: Path) -> None:
    """lrelease's output is not byte-stable: compare what the committed and a freshly
    compiled .qm translate every message to."""
    ts = TS_DIR / f"xosupdate_{lang}.ts"
    fresh = tmp_path / f"xosupdate_{lang}.qm"
    subprocess.run(
        [str(_tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    committed, rebuilt = QTranslator(), QTranslator()
    assert committed.load(str(CATALOGUE_DIR / fresh.name)), "run make translations"
    assert rebuilt.load(str(fresh))
    for m in _read_ts(ts):
        for n in (1, 2, 7) if m.numerus else (-1,):
            ours = committed.translate(m.context, m.source, m.comment or None, n)
            assert ours, (m, n)
            assert ours == rebuilt.translate(m.context, m.source, m.comment or None, n), m


# ---------------------------------------------------------------- the window in French

PLAN = UpdatePlan(
    candidates=(
        candidate("bash", medium="Updates", importance=Importance.SECURITY, filesize=3000),
        candidate("amsd", medium="Updates", importance=Importance.BUGFIX, filesize=2000),
    ),
    media=("Main", "Updates"),
)


@pytest.fixture
def french(qapp: QApplication) -> Iterator[QLocale]:
    """The French catalogues and locale, as ``LANG=fr_FR.UTF-8`` gives them; English again
    afterwards."""
    with speaking(qapp, FRENCH) as locale:
        yield locale


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    backend = FakeBackend(
        media=(medium("Main"), medium("Updates", update=True)),
        plans={(): PLAN},
        launcher=FakeHelper(tmp_path),
    )
    return shown_window(qtbot, backend)


def _qt_has(lang: str) -> bool:
    return (QT_TRANSLATIONS / f"qtbase_{lang}.qm").exists()


@pytest.mark.usefixtures("french")
def test_french_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert window.windowTitle() == "Mises à jour logicielles"
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["&Mises à jour", "&Parcourir un média", "A&udit"]
    assert window.action_refresh.text() == "&Actualiser"
    assert window.action_install.text() == "&Installer la sélection"
    assert [a.text() for a in window.menuBar().actions()] == [
        "&Fichier",
        "É&dition",
        "&Outils",
        "&Aide",
    ]
    assert window.install_button.text() == "Installer les 2 paquets sélectionnés (5,0 ko)"
    assert window.selection_label.text() == "2 paquets seront installés, 5,0 ko à télécharger."
    window.presenter.updates.select_none()
    assert window.install_button.text() == "Installer la sélection"
    assert window.selection_label.text() == "Aucune sélection."
    window.presenter.updates.select_security()
    assert window.selection_label.text() == "1 paquet sera installé, 3,0 ko à télécharger."
    model = window.updates_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Paquet",
        "Version installée \u2192 nouvelle",
        "Importance",
        "Signature",
        "Téléchargement",
    ]
    group = model.index(0, 0)
    assert model.data(group) == "Updates (2) \u2014 Mises à jour"
    assert sorted(model.data(model.index(r, 2, group)) for r in range(2)) == [
        "Correctif",
        "Sécurité",
    ]


@pytest.mark.usefixtures("french")
def test_french_shortcuts_window(qtbot: QtBot, tmp_path: Path) -> None:
    """The tabs' keys follow the French accelerators; Qt's Close button is French when
    PySide6 ships qtbase_fr."""
    window = _window(qtbot, tmp_path)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    dialog = ShortcutsDialog(window.actions(), window, tabs=tabs)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Raccourcis clavier"
    grid = dialog.findChild(QTableWidget)
    assert grid is not None
    cells = [(grid.item(r, 0), grid.item(r, 1)) for r in range(grid.rowCount())]
    keys = {k.text(): v.text() for k, v in cells if k is not None and v is not None}
    assert keys["Alt+M, Alt+P, Alt+U"] == "Onglets Mises à jour, Parcourir et Audit"
    assert keys["Espace"] == "Cocher ou décocher les paquets sélectionnés"
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    close = box.button(QDialogButtonBox.StandardButton.Close)
    if not _qt_has("fr"):
        pytest.skip(f"PySide6 ships no qtbase_fr.qm in {QT_TRANSLATIONS}")
    assert close.text().replace("&", "") == "Fermer"


@pytest.mark.usefixtures("french")
def test_french_notifier() -> None:
    """The tray icon's words, and the count it shares with the window's summary."""
    counts = UpdateCounts(security=2, bugfix=1, normal=1)
    assert update_counts_text(counts) == (
        "4 mises à jour disponibles\u00a0: 2 de sécurité, 1 correctif"
    )
    assert update_counts_text(UpdateCounts(normal=1)) == "1 mise à jour disponible"
    assert update_counts_text(UpdateCounts()) == "Votre système est à jour."
    when = dt.datetime(2009, 1, 13, 11, 5, tzinfo=dt.UTC)
    state = NotifierState(counts=counts, failures=3, error="x", last_success=when)
    lines = tooltip_text(state).splitlines()
    assert lines[0] == "Impossible de rechercher les mises à jour"
    assert lines[2].startswith("4 mises à jour disponibles")
    assert lines[3].startswith("Dernière vérification\u00a0: 13/01/2009")


def _mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def _clashes(letters: list[str]) -> set[str]:
    return {k for k in letters if k and letters.count(k) > 1}


@pytest.mark.parametrize("lang", LANGS)
def test_accelerators_are_unique(
    lang: str, qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    """In each menu; and across the menu bar, the tabs and the labels and buttons of the
    tab shown (Alt+letter reaches all of them at once)."""
    translators = install_translators(qapp, FRENCH) if lang == "fr" else []
    try:
        window = _window(qtbot, tmp_path)
        for menu in window.menuBar().findChildren(QMenu):
            letters = [_mnemonic(a.text()) for a in menu.actions()]
            assert not _clashes(letters), (menu.title(), letters)
        always = [_mnemonic(a.text()) for a in window.menuBar().actions()]
        always += [_mnemonic(window.tabs.tabText(i)) for i in range(window.tabs.count())]
        for i in range(window.tabs.count()):
            page = window.tabs.widget(i)
            assert page is not None
            texts = [w.text() for w in page.findChildren(QLabel) if w.buddy() is not None]
            texts += [w.text() for w in page.findChildren(QAbstractButton)]
            letters = always + [_mnemonic(t) for t in texts]
            assert not _clashes(letters), (window.tabs.tabText(i), letters)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


# ---------------------------------------------------------------- LANG, end to end


@pytest.mark.integration
def test_lang_chooses_french(built_demo: DemoSandbox, tmp_path: Path) -> None:
    """``LANG=fr_FR.UTF-8 xosupdate-gui --demo --screenshot``: ui/app.py loads the French
    catalogue and the window is French (its title and tabs, logged with the picture)."""
    dest = tmp_path / "demo"
    shutil.copytree(built_demo.dest, dest, symlinks=True)
    shot = tmp_path / "list.png"
    gui = Path(sys.executable).with_name("xosupdate-gui")
    command = [str(gui)] if gui.exists() else [sys.executable, "-m", "xosupdate.ui.app"]
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="fr_FR.UTF-8")
    res = subprocess.run(
        [*command, "--demo", "--demo-dir", str(dest), "--cache-dir", str(tmp_path / "cache"),
         "--screenshot", str(shot), "--view", "list", "-v"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert f"translation {CATALOGUE_DIR / 'xosupdate_fr.qm'} loaded" in res.stderr
    assert "window 'Mises à jour logicielles — bac à sable de démonstration'" in res.stderr
    assert "['&Mises à jour', '&Parcourir un média', 'A&udit']" in res.stderr
    assert shot.exists()
