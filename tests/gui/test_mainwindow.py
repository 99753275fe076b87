# SPDX-License-Identifier: GPL-2.0-or-later
"""The main window on a fake backend: wiring, keyboard, banner, consent, errors, settings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import shown_window
from tests.gui.fakes import (
    DeferredTaskRunner,
    FakeBackend,
    FakeHelper,
    SyncTaskRunner,
    candidate,
    evr,
    medium,
    progress,
    result,
)
from xosupdate.domain.advisory import Importance
from xosupdate.domain.plan import CandidateKind, MediumProblem, UpdatePlan
from xosupdate.errors import NoMediumError, RpmDatabaseError, UrpmiCfgError
from xosupdate.services.audit import AuditRecord, AuditReport, AuditStatus
from xosupdate.services.packages import MediumPackage
from xosupdate.ui.dialogs.testing import EnableTestingDialog
from xosupdate.ui.mainwindow import MainWindow
from xosupdate.ui.models.updates import ROLE_CANDIDATE, Column
from xosupdate.ui.presenters.main import MainPresenter

MEDIA = (medium("Main"), medium("Updates", update=True), medium("Testing", enabled=False))
PLAN = UpdatePlan(
    candidates=(
        candidate(
            "libnew",
            "2.0-1",
            None,
            medium="Main",
            kind=CandidateKind.NEW,
            required_by=("amsd",),
            filesize=1000,
            restart="system",
        ),
        candidate("amsd", medium="Updates", importance=Importance.BUGFIX, filesize=2000),
        candidate(
            "bash",
            medium="Updates",
            importance=Importance.SECURITY,
            filesize=3000,
            summary="The GNU Bourne Again shell",
        ),
        candidate("broken", medium="Updates", missing=("libgone",)),
    ),
    media=("Main", "Updates"),
)


@pytest.fixture
def helper(tmp_path: Path) -> FakeHelper:
    return FakeHelper(tmp_path)


@pytest.fixture
def backend(helper: FakeHelper) -> FakeBackend:
    return FakeBackend(media=MEDIA, plans={(): PLAN}, launcher=helper)


@pytest.fixture
def window(qtbot: QtBot, backend: FakeBackend) -> MainWindow:
    return shown_window(qtbot, backend)


def test_loaded_and_details(window: MainWindow) -> None:
    assert window.install_button.text() == "Install 3 selected (6.0 kB)"
    assert window.install_button.isEnabled()
    # The first package is current and its details are shown.
    assert "libnew" in window.updates_details.toPlainText()
    assert "\nRestart\nthe computer, once it is installed\n" in window.updates_details.toPlainText()
    view = window.updates_view
    proxy = view.model()
    bash = proxy.index(1, 0, proxy.index(1, 0))
    assert bash.data(ROLE_CANDIDATE).name == "bash"
    view.setCurrentIndex(bash)
    text = window.updates_details.toPlainText()
    assert "The GNU Bourne Again shell" in text
    assert "Security" in text and "Reason for update" in text
    assert "XOSA-2009:" in text
    assert view.isFirstColumnSpanned(0, proxy.index(0, 0).parent())
    assert not window.problems_bar.isVisible()
    assert not window.testing_banner.isVisible()


def test_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    view = window.updates_view
    proxy = view.model()
    view.setFocus()
    view.setCurrentIndex(proxy.index(1, Column.IMPORTANCE, proxy.index(1, 0)))  # bash
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert window.install_button.text() == "Install 2 selected (3.0 kB)"
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert window.install_button.text() == "Install 3 selected (6.0 kB)"
    QTest.keyClick(
        view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not window.install_button.isEnabled()
    assert window.install_button.text() == "Install selected"
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert window.install_button.isEnabled()
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search
    QTest.keyClicks(window.search, "bas")
    assert proxy.rowCount() == 1
    # Enter on a package opens (focuses) its details and never installs.
    view.setFocus()
    view.setCurrentIndex(proxy.index(0, 0, proxy.index(0, 0)))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.updates_details


def test_refresh_key_refreshes_then_reloads(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    before = len(backend.calls)
    with qtbot.waitSignal(window.presenter.signatures.verdicts_loaded):
        QTest.keyClick(window.updates_view, Qt.Key.Key_F5)
    # The signatures are checked a moment after the list is shown.
    assert backend.calls[before:] == ["refresh()", "list_media", "compute_updates()", "signatures"]
    assert window.refresh_panel.isVisible()
    assert [(m, t) for m, _s, t in window.presenter.refresh.model.rows()] == [
        ("Main", "Updated: 3 packages"),
        ("Updates", "Updated: 3 packages"),
    ]
    assert "up to date" in window.refresh_panel.title.text()


def test_filters(window: MainWindow) -> None:
    proxy = window.updates_view.model()
    window.importance_filter.setCurrentIndex(window.importance_filter.findData(Importance.SECURITY))
    assert proxy.rowCount() == 1
    window.importance_filter.setCurrentIndex(0)
    window.medium_filter.setCurrentIndex(window.medium_filter.findData("Main"))
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data().startswith("Main")


def test_testing_consent_then_banner(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend, helper: FakeHelper
) -> None:
    helper.play("media-enable", result(message="medium Testing enabled"))
    helper.play("media-disable", result(message="medium Testing disabled"))
    model = window.presenter.updates.media_model
    testing = model.index(2, 0)
    model.setData(testing, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    dialog = window.testing_dialog
    assert isinstance(dialog, EnableTestingDialog)
    assert dialog.isVisible()
    assert not dialog.switch_on.isEnabled()  # not before "I understand the risks"
    dialog.understood.setChecked(True)
    # The helper will have switched it on when the media are read again.
    backend.media = (MEDIA[0], MEDIA[1], medium("Testing", enabled=True))
    with qtbot.waitSignal(window.presenter.updates.updates_loaded, timeout=10_000):
        dialog.switch_on.click()
        assert "switching on" in model.index(2, 1).data()
        assert "Switching Testing on" in window.busy_label.text()
    assert [r["verb"] for r in helper.requests()] == ["media-enable"]
    assert window.testing_banner.isVisible()
    assert "Testing enabled" in window.testing_banner.text
    assert window.view_selector.findData("Testing") >= 0
    backend.media = MEDIA
    with qtbot.waitSignal(window.presenter.updates.updates_loaded, timeout=10_000):
        window.testing_banner.buttons()[0].click()  # "Switch off Testing": no consent
    assert helper.requests()[-1]["verb"] == "media-disable"
    assert not window.testing_banner.isVisible()


def test_testing_banner_counts_what_is_installed_from_testing(
    qtbot: QtBot, backend: FakeBackend
) -> None:
    backend.media = (MEDIA[0], MEDIA[1], medium("Testing", enabled=True))
    backend.report = AuditReport(
        root="/",
        generated="2026-11-26",
        records=(
            AuditRecord(  # installed from Testing
                name="xos-pam",
                arch="x86_64",
                installed=evr("2.1-0.1"),
                status=AuditStatus.ONLY_IN_TESTING,
                testing=evr("2.1-0.1"),
                testing_medium="Testing",
            ),
            AuditRecord(  # merely offered an update by Testing
                name="xos-gui",
                arch="x86_64",
                installed=evr("1-1"),
                status=AuditStatus.ONLY_IN_TESTING,
                testing=evr("1.1-0.1"),
                testing_medium="Testing",
            ),
        ),
    )
    window = shown_window(qtbot, backend)
    # The audit ran for the banner, which says what a tester still has from testing.
    assert window.presenter.audit.report is backend.report
    assert "1 package installed from testing." in window.testing_banner.text
    labels = [b.text() for b in window.testing_banner.buttons()]
    assert labels == ["Switch off Testing", "Show in the audit"]
    window.testing_banner.buttons()[1].click()
    assert window.tabs.currentIndex() == 2
    assert window.audit_status.currentData() == AuditStatus.ONLY_IN_TESTING
    assert window.presenter.audit.proxy.rowCount() == 2


def test_background_audit_failure_waits_for_its_tab(qtbot: QtBot, backend: FakeBackend) -> None:
    backend.media = (MEDIA[0], MEDIA[1], medium("Testing", enabled=True))

    def audit() -> AuditReport:
        raise RpmDatabaseError("cannot open Packages", root="/")

    backend.audit = audit  # type: ignore[method-assign]
    window = shown_window(qtbot, backend)
    assert window.testing_banner.isVisible()
    assert not window.error_bar.isVisible()  # not over the update list
    window.tabs.setCurrentIndex(2)
    assert window.error_bar.isVisible()
    assert "cannot open Packages" in window.error_bar.text


def test_switch_refused(qtbot: QtBot, window: MainWindow, helper: FakeHelper) -> None:
    helper.play("media-disable", {"exit": 126})
    with qtbot.waitSignal(window.presenter.error_reported, timeout=10_000):
        window.presenter.updates.request_switch("Main", False)
    assert "Authentication was cancelled" in window.error_dialog.message.text()
    window.error_dialog.close()
    assert (
        window.presenter.updates.media_model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )


def test_install_flow(
    qtbot: QtBot, window: MainWindow, helper: FakeHelper, backend: FakeBackend
) -> None:
    planned = [
        ("amsd-1.1-1.x86_64", "Updates"),
        ("bash-1.1-1.x86_64", "Updates"),
        ("libnew-2.0-1.x86_64", "Main"),
    ]
    helper.play("simulate", result(packages=planned))
    helper.play(
        "install",
        progress("download", "bash-1.1-1.x86_64.rpm", 3000, 3000, cancellable=True),
        progress("verify", "bash-1.1-1.x86_64.rpm", 1, 3, cancellable=True),
        progress("install", "bash", 2, 3),
        {"type": "log", "text": "installing bash"},
        result(packages=planned),
    )
    with qtbot.waitSignal(window.presenter.transactions.confirmation_needed, timeout=10_000):
        window.install_button.click()
    dialog = window.install_dialog
    assert dialog.pages.currentIndex() == 1
    assert dialog.planned_list.topLevelItemCount() == 3
    assert "3 packages will be installed" in dialog.confirm_title.text()
    assert "Download: 6.0 kB" in dialog.confirm_title.text()
    # libnew says "should-restart = system": the user knows before saying yes.
    restart = "Afterwards, restart the computer (asked for by libnew)."
    assert not dialog.restart_notice.isHidden() and dialog.restart_notice.text() == restart
    assert window.selection_label.text().endswith(f" {restart}")  # with the selection
    backend.plans[()] = UpdatePlan(candidates=(PLAN.candidates[3],), media=PLAN.media)
    with qtbot.waitSignal(window.presenter.updates.updates_loaded, timeout=10_000):
        dialog.install_button.click()
    assert dialog.pages.currentIndex() == 3
    assert dialog.summary_text.text() == (
        "3 packages were installed.\nRestart the computer to finish (asked for by libnew)."
    )
    assert "installing bash" in dialog.log_view.toPlainText()
    assert [r["verb"] for r in helper.requests()] == ["simulate", "install"]
    assert helper.requests()[1]["request"]["packages"] == ["libnew", "amsd", "bash"]
    # The list was computed again: only the blocked update is left.
    assert [c.name for c in window.presenter.updates.updates_model.candidates()] == ["broken"]
    dialog.close_button.click()


def test_failed_install_keeps_the_rest(
    qtbot: QtBot, window: MainWindow, helper: FakeHelper
) -> None:
    helper.play(
        "simulate",
        result(packages=[("amsd-1.1-1.x86_64", "Updates"), ("bash-1.1-1.x86_64", "Updates")]),
    )
    helper.play(
        "install", result(False, "unsigned", "bash-1.1-1.x86_64.rpm is not signed", package="bash")
    )
    with qtbot.waitSignal(window.presenter.transactions.confirmation_needed, timeout=10_000):
        window.install_button.click()
    dialog = window.install_dialog
    with qtbot.waitSignal(window.presenter.updates.updates_loaded, timeout=10_000):
        dialog.install_button.click()
    assert "A package could not be verified" in dialog.summary_text.text()
    dialog.copy_button.click()
    assert "UnsignedPackageError [unsigned]" in QApplication.clipboard().text()
    chosen = {c.name for c in window.presenter.updates.install_candidates()}
    assert chosen == {"libnew", "amsd"}
    assert "bash was not installed" in window.notice_bar.text
    assert "other updates are" in window.notice_bar.text
    dialog.close_button.click()


def test_cancel_consent(window: MainWindow, helper: FakeHelper) -> None:
    switched: list[tuple[str, bool]] = []
    window.presenter.updates.switch_confirmed.connect(lambda n, on: switched.append((n, on)))
    window.presenter.updates.request_switch("Testing", True)
    window.testing_dialog.reject()
    assert switched == []
    assert helper.requests() == []


def test_problems_and_errors(qtbot: QtBot, window: MainWindow, backend: FakeBackend) -> None:
    backend.plans[()] = UpdatePlan(
        candidates=PLAN.candidates,
        problems=(MediumProblem(medium="Main", message="medium Main: no metadata yet"),),
        media=PLAN.media,
    )
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.reload()
    assert window.problems_bar.isVisible()
    assert "medium Main: no metadata yet" in window.problems_bar.text
    backend.fail = RpmDatabaseError("cannot open Packages", root="/r")
    window.presenter.updates.reload()
    assert window.error_bar.isVisible()
    assert "installed packages cannot be read" in window.error_bar.text
    details = window.error_bar.buttons()[0]
    details.click()
    dialog = window.error_dialog
    dialog.copy.click()
    assert "RpmDatabaseError [rpmdb]" in QApplication.clipboard().text()
    dialog.close()


def test_no_update_medium_is_said_over_the_list(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.plans[()] = UpdatePlan(media=PLAN.media, no_update_medium=True)
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.reload()
    assert window.summary_label.text() == "No updates on the media switched on."
    backend.plans[()] = dataclasses.replace(PLAN, no_update_medium=True)
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.reload()
    assert window.problems_bar.isVisible()
    assert "No update medium is switched on." in window.problems_bar.text
    assert "not looked for" in window.problems_bar.text
    [show] = window.problems_bar.buttons()
    assert show.text() == "Show the media"
    window.main_splitter.setSizes([0, 1000])
    show.click()
    assert window.main_splitter.sizes()[0] > 0
    assert window.media_view.hasFocus() or QApplication.focusWidget() is window.media_view


def test_every_medium_off_is_an_error_not_up_to_date(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.compute_error = NoMediumError("/etc/urpmi/urpmi.cfg", configured=("Main", "Updates"))
    window.presenter.updates.reload()
    assert window.error_bar.isVisible()
    assert "Every medium is switched off" in window.error_bar.text
    assert "up to date" not in window.summary_label.text()
    assert window.presenter.updates.updates_model.rowCount() == 0
    # The media are still listed, where one is ticked to switch it on.
    assert window.media_view.model().rowCount() == len(MEDIA)
    assert [b.text() for b in window.error_bar.buttons()] == ["Details\u2026", "Show the media"]
    backend.compute_error = NoMediumError("/etc/urpmi/urpmi.cfg")
    window.presenter.updates.reload()
    assert "No medium is configured" in window.error_bar.text
    assert [b.text() for b in window.error_bar.buttons()] == ["Details\u2026", "Try again"]


def test_held_back_updates_are_said_not_offered(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    held = candidate("kernel-server", medium="Updates", importance=Importance.SECURITY)
    backend.plans[()] = UpdatePlan(candidates=PLAN.candidates, media=PLAN.media, held=(held,))
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.reload()
    assert window.summary_label.text() == (
        "3 updates available: 1 security, 1 bug fix; "
        "1 more held back by /etc/urpmi/skip.list: kernel-server"
    )
    assert "kernel-server" not in {
        c.name for c in window.presenter.updates.updates_model.candidates()
    }
    backend.plans[()] = UpdatePlan(media=PLAN.media, held=(held,))
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.reload()
    assert window.summary_label.text() == (
        "Your system is up to date. 1 update held back by /etc/urpmi/skip.list: kernel-server."
    )


def test_an_update_older_than_a_held_one_is_asked_for_by_full_name(
    qtbot: QtBot, window: MainWindow, helper: FakeHelper, backend: FakeBackend
) -> None:
    offered = candidate("bash", "1.1-1", medium="Updates")
    held = candidate("bash", "2.0-1", medium="Updates")
    backend.plans[()] = UpdatePlan(candidates=(offered,), media=PLAN.media, held=(held,))
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.reload()
    helper.play("simulate", result(packages=[("bash-1.1-1.x86_64", "Updates")]))
    with qtbot.waitSignal(window.presenter.transactions.confirmation_needed, timeout=10_000):
        window.install_button.click()
    # By name, urpmi would take 2.0, which skip.list holds back (it never skips a name).
    assert helper.requests()[0]["request"]["packages"] == ["bash-1.1-1.x86_64"]
    window.install_dialog.decline_button.click()


def test_geometry_remembered(qtbot: QtBot, backend: FakeBackend, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    w = MainWindow(MainPresenter(backend, SyncTaskRunner()), settings=settings)
    qtbot.addWidget(w)
    w.show()
    w.resize(700, 500)  # the offscreen screen is 800x600: restoring clamps to it
    w.main_splitter.setSizes([260, 420])
    sizes = w.main_splitter.sizes()
    w.close()
    again = MainWindow(MainPresenter(backend, SyncTaskRunner()), settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert (again.size().width(), again.size().height()) == (700, 500)
    assert again.main_splitter.sizes() == sizes


def test_accessible_names(window: MainWindow) -> None:
    for widget in (
        window.search,
        window.updates_view,
        window.media_view,
        window.importance_filter,
        window.medium_filter,
        window.view_selector,
        window.audit_view,
        window.browse_view,
    ):
        assert widget.accessibleName(), widget.objectName()


def test_no_install_while_another_list_loads(qtbot: QtBot, backend: FakeBackend) -> None:
    """Switching the view loads another list: until it is shown, Install would name the
    new view's media for the old list's packages."""
    runner = DeferredTaskRunner()
    presenter = MainPresenter(backend, runner)
    w = MainWindow(presenter)
    qtbot.addWidget(w)
    w.show()
    presenter.start()
    runner.run_next()
    assert w.install_button.isEnabled()
    presenter.updates.set_view(("Testing",))
    assert not w.install_button.isEnabled() and not w.action_install.isEnabled()
    w.action_install.trigger()  # the shortcut does nothing either
    assert presenter.transactions.stage.name == "IDLE"
    runner.run_next()  # the testing view is shown: Install follows its selection again
    assert w.install_button.isEnabled() == bool(presenter.updates.install_candidates())
    presenter.shutdown()


def test_the_medium_filter_follows_its_medium_away(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    """Filtered on Updates, then Updates is switched off: the filter falls back to "All
    media" in the combo and in the list (it showed nothing, under "1 update available")."""
    window.medium_filter.setCurrentIndex(window.medium_filter.findData("Updates"))
    backend.media = (medium("Main"), medium("Updates", enabled=False, update=True))
    backend.plans[()] = UpdatePlan(
        candidates=(candidate("kernel", medium="Main"),), media=("Main",)
    )
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.reload()
    assert window.medium_filter.currentText() == "All media"
    proxy = window.updates_view.model()
    assert proxy.rowCount() == 1  # the Main group, with kernel in it


def test_select_all_and_none_act_on_the_list_shown(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    p = window.presenter
    p.updates.select_none()
    backend.packages["Main"] = (
        MediumPackage(name="vim", arch="x86_64", evr=evr("7.2-1"), medium="Main"),
    )
    with qtbot.waitSignal(p.browse.packages_loaded):
        p.browse.show_medium("Main")
    window.tabs.setCurrentIndex(1)  # Browse a medium
    window.browse_view.setFocus()
    QTest.keyClick(window.browse_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert [x.name for x in p.browse.model.checked_packages()] == ["vim"]
    assert p.updates.install_candidates() == []  # the hidden update list is left alone
    window.tabs.setCurrentIndex(2)  # Audit: nothing to tick
    window.audit_view.setFocus()
    QTest.keyClick(
        window.audit_view,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [x.name for x in p.browse.model.checked_packages()] == ["vim"]
    assert p.updates.install_candidates() == []


def test_a_medium_that_cannot_be_browsed_leaves_the_update_list_alone(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    before = window.summary_label.text()
    backend.fail = UrpmiCfgError("malformed", source="urpmi.cfg", line=3)
    window.presenter.browse.show_medium("Main")
    assert window.error_bar.isVisible()
    assert window.summary_label.text() == before  # the update list's summary stays
    calls = len(backend.calls)
    window.error_bar.buttons()[1].click()  # Try again: the medium, not the update list
    assert backend.calls[calls:] == ["medium_packages(Main)"]


def test_no_install_from_the_view_of_a_medium_switched_off(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend, helper: FakeHelper
) -> None:
    """The testing view shows what a medium offers while it is off; installing from it
    needs it on (the helper would refuse it, after asking for the password)."""
    backend.plans[("Testing",)] = UpdatePlan(
        candidates=(candidate("xos-t", medium="Testing"),), media=("Testing",)
    )
    with qtbot.waitSignal(window.shown_updates):
        window.presenter.updates.set_view(("Testing",))
    window.presenter.updates.select_all()
    assert window.presenter.updates.install_candidates()
    assert not window.install_button.isEnabled()
    assert window.install_button.toolTip() == "Switch Testing on to install from it."
    window.action_install.trigger()
    assert helper.requests() == []


def test_space_on_a_group_selected_with_its_packages_toggles_the_group(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.updates_view
    proxy = view.model()
    updates = proxy.index(1, 0)  # the Updates group: amsd, bash, broken
    selection = view.selectionModel()
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(updates, rows)
    for r in range(proxy.rowCount(updates)):
        selection.select(proxy.index(r, 0, updates), rows)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Space)  # the group goes off, its packages with it
    assert {c.name for c in window.presenter.updates.install_candidates()} <= {"libnew"}
