# SPDX-License-Identifier: GPL-2.0-or-later
"""The main window (ui layer).

Layout (design/ux.md §2): the media with their switches on the left; on the right three
tabs: the update list (filter bar, the list grouped per medium above a details pane, a
footer with the dynamic install button), a medium's packages (the tester's view) and the
audit. Above them, message bars: the persistent testing banner, media problems and load
errors. Widgets are built in code (no Designer forms: every widget here is either a
standard one or a small class of ``widgets/``, and code keeps them reviewable in one
place).

The window holds no state of its own beyond what Qt widgets hold: it connects the
presenters' signals to widgets and the widgets' signals to the presenters' slots.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from xosupdate import __version__
from xosupdate.domain.advisory import Importance
from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import UpdateCandidate, UpdatePlan, group_restarts
from xosupdate.domain.verdict import Verdict
from xosupdate.errors import NoMediumError
from xosupdate.services.audit import AuditReport, AuditStatus
from xosupdate.services.packages import MediumPackage, PackageState
from xosupdate.services.report import ReportFormat
from xosupdate.ui.dialogs.errordialog import ErrorDialog
from xosupdate.ui.dialogs.install import InstallDialog
from xosupdate.ui.dialogs.mirrors import MirrorsDialog
from xosupdate.ui.dialogs.shortcuts import ShortcutsDialog
from xosupdate.ui.dialogs.testing import EnableTestingDialog
from xosupdate.ui.errors import describe_error, is_cancellation
from xosupdate.ui.icons import icon
from xosupdate.ui.models.audit import AuditColumn
from xosupdate.ui.models.media import ROLE_MEDIUM, MediaColumn
from xosupdate.ui.models.packages import ROLE_PACKAGE, PackagesColumn, state_text
from xosupdate.ui.models.updates import ROLE_CANDIDATE, Column
from xosupdate.ui.presenters.audit import EXPORT_FORMATS
from xosupdate.ui.presenters.main import MainPresenter
from xosupdate.ui.presenters.transaction import Stage
from xosupdate.ui.widgets.details import DetailsPane, candidate_html, package_html
from xosupdate.ui.widgets.itemviews import PackageTableView, UpdatesTreeView
from xosupdate.ui.widgets.messagebar import Action, MessageBar
from xosupdate.ui.widgets.refreshpanel import RefreshPanel
from xosupdate.ui.wording import (
    audit_status_icon,
    audit_status_text,
    format_size,
    importance_text,
    restart_text,
    update_counts_text,
    verdict_text,
)

__all__ = ["MainWindow"]

log = logging.getLogger(__name__)

_GEOMETRY: Final = "window/geometry"
_STATE: Final = "window/state"
_SPLITTERS: Final = "window/splitters"
# The tabs, in their order.
_TAB_UPDATES: Final = 0
_TAB_BROWSE: Final = 1


class MainWindow(QMainWindow):
    """The update assistant's window.

    Signals:
        shown_updates(int): the update list was filled (number of candidates) and painted
            at least once; ``--screenshot`` and the launch benchmark wait for it.
    """

    shown_updates = Signal(int)

    def __init__(
        self,
        presenter: MainPresenter,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self._settings = settings
        self._last_error: BaseException | None = None
        self._shown_count = 0
        self._selected_count = 0  # ticked in the update list
        self._testing_on: tuple[Medium, ...] = ()  # the testing media switched on
        self._audit_error: BaseException | None = None  # of a run while its tab was hidden
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Software Updates"))
        self.setWindowIcon(icon("xosupdate"))
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_central()
        self._make_status_bar()
        self._connect()
        self._restore_settings()

    def mark_demo(self) -> None:
        """Say in the title that this is the demo sandbox, not the running system."""
        self.setWindowTitle(self.tr("Software Updates \u2014 demo sandbox"))

    @Slot()
    def come_forward(self) -> None:
        """Show this window above the others (a second start asked for it): restored if
        minimised, with its list and selection as they were."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # ------------------------------------------------------------ building

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
        *,
        name: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        u = self.presenter.updates
        self.action_refresh = self._action(
            self.tr("&Refresh"),
            QKeySequence(Qt.Key.Key_F5),
            self._on_refresh_triggered,
            name="action_refresh",
        )
        self.action_refresh.setToolTip(
            self.tr("Download the media's package lists again and look for updates (F5)")
        )
        self.action_mirrors = self._action(
            self.tr("&Mirrors\u2026"), None, self._on_mirrors_triggered, name="action_mirrors"
        )
        self.action_mirrors.setToolTip(self.tr("The chosen mirror and measured latencies"))
        self.action_install = self._action(
            self.tr("&Install selected"),
            "Ctrl+I",
            self._on_install_triggered,
            name="action_install",
        )
        self.action_select_all = self._action(
            self.tr("Select &all"),
            "Ctrl+A",
            lambda: self._select_all_in_tab(on=True),
            name="action_select_all",
        )
        self.action_select_none = self._action(
            self.tr("Select &none"),
            "Ctrl+Shift+A",
            lambda: self._select_all_in_tab(on=False),
            name="action_select_none",
        )
        self.action_select_security = self._action(
            self.tr("&Security updates only"),
            None,
            u.select_security,
            name="action_select_security",
        )
        self.action_find = self._action(
            self.tr("&Find"),
            QKeySequence.StandardKey.Find,
            self._on_find_triggered,
            name="action_find",
        )
        self.action_quit = self._action(
            self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, name="action_quit"
        )
        # Ctrl+A belongs to text fields while they have the focus (select their text).
        for action in (self.action_select_all, self.action_select_none):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _select_all_in_tab(self, *, on: bool) -> None:
        """Select all / none in the list the user sees: the update list, the medium
        browser's, nothing on the audit (which installs nothing)."""
        current = self.tabs.currentIndex()
        if current == _TAB_UPDATES:
            if on:
                self.presenter.updates.select_all()
            else:
                self.presenter.updates.select_none()
        elif current == _TAB_BROWSE:
            self.presenter.browse.model.set_all_checked(on)

    def _make_menus(self) -> None:
        menus = self.menuBar()
        #: Menus, tabs and the labels of this window: every "&" letter must differ.
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_refresh)
        file_menu.addAction(self.action_install)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        self.edit_menu = menus.addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.action_find)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.action_select_all)
        self.edit_menu.addAction(self.action_select_none)
        self.edit_menu.addAction(self.action_select_security)
        self.tools_menu = menus.addMenu(self.tr("&Tools"))
        self.tools_menu.addAction(self.action_mirrors)
        help_menu = menus.addMenu(self.tr("&Help"))
        self.action_shortcuts = self._action(
            self.tr("&Keyboard shortcuts"),
            QKeySequence.StandardKey.HelpContents,
            self._on_shortcuts_triggered,
            name="action_shortcuts",
        )
        help_menu.addAction(self.action_shortcuts)
        self.action_about = self._action(
            self.tr("&About xosupdate"), None, self._on_about_triggered, name="action_about"
        )
        help_menu.addAction(self.action_about)

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        tabs = [self.tabs.tabText(i) for i in range(self.tabs.count())]
        dialog = ShortcutsDialog(self.actions(), self, tabs=tabs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About xosupdate"),
            self.tr(
                "<p><b>xosupdate {0}</b></p><p>Software updates for urpmi-based systems "
                "(XtreemOS 2.x, Mageia).</p><p>System root: {1}</p>"
            ).format(__version__, html.escape(str(self.presenter.backend.root))),
        )

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.action_refresh.setIcon(icon("medium-updates"))
        bar.addAction(self.action_refresh)
        self.action_install.setIcon(icon("status-new"))
        bar.addAction(self.action_install)
        bar.addSeparator()
        self.action_mirrors.setIcon(icon("medium-release"))
        bar.addAction(self.action_mirrors)
        self.addToolBar(bar)
        self.toolbar = bar

    def _make_central(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        self.testing_banner = MessageBar(central, object_name="testing_banner")
        self.problems_bar = MessageBar(central, object_name="problems_bar")
        self.error_bar = MessageBar(central, object_name="error_bar")
        # What the last install left to say (a package that failed); kept across reloads.
        self.notice_bar = MessageBar(central, object_name="notice_bar")
        for bar in (self.testing_banner, self.notice_bar, self.problems_bar, self.error_bar):
            outer.addWidget(bar)
        self.refresh_panel = RefreshPanel(self.presenter.refresh.model, central)
        outer.addWidget(self.refresh_panel)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.main_splitter.setObjectName("main_splitter")
        self.media_panel = self._make_media_panel()
        self.main_splitter.addWidget(self.media_panel)
        self.tabs = QTabWidget(self.main_splitter)
        self.tabs.setObjectName("tabs")
        #: The "&" letters of the tabs are listed in the keyboard shortcuts window.
        self.tabs.addTab(self._make_updates_tab(), icon("medium-updates"), self.tr("&Updates"))
        self.tabs.addTab(
            self._make_browse_tab(), icon("medium-release"), self.tr("&Browse a medium")
        )
        self.tabs.addTab(self._make_audit_tab(), icon("status-ok"), self.tr("&Audit"))
        self.main_splitter.addWidget(self.tabs)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([250, 1000])
        outer.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

    def _make_media_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("<b>Media</b>"), panel)
        layout.addWidget(title)
        self.media_view = QTreeView(panel)
        self.media_view.setObjectName("media_view")
        self.media_view.setAccessibleName(self.tr("Media: tick to switch a medium on"))
        self.media_view.setRootIsDecorated(False)
        self.media_view.setUniformRowHeights(True)
        self.media_view.setModel(self.presenter.updates.media_model)
        header = self.media_view.header()
        header.setSectionResizeMode(MediaColumn.NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        title.setBuddy(self.media_view)
        layout.addWidget(self.media_view, 1)
        hint = QLabel(self.tr("Tick a medium to switch it on. Testing media ask first."), panel)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return panel

    def _make_updates_tab(self) -> QWidget:
        u = self.presenter.updates
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.search = QLineEdit(tab)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search name, summary or advisory (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search updates"))
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.importance_filter = QComboBox(tab)
        self.importance_filter.setObjectName("importance_filter")
        self.importance_filter.setAccessibleName(self.tr("Importance filter"))
        self.importance_filter.addItem(self.tr("All importances"), None)
        for imp in Importance:
            self.importance_filter.addItem(
                icon(f"importance-{imp.value}"), importance_text(imp), imp
            )
        filters.addWidget(self.importance_filter)
        self.medium_filter = QComboBox(tab)
        self.medium_filter.setObjectName("medium_filter")
        self.medium_filter.setAccessibleName(self.tr("Medium filter"))
        self.medium_filter.addItem(self.tr("All media"), "")
        filters.addWidget(self.medium_filter)
        view_label = QLabel(self.tr("&Show updates from:"), tab)
        filters.addWidget(view_label)
        self.view_selector = QComboBox(tab)
        self.view_selector.setObjectName("view_selector")
        self.view_selector.setAccessibleName(self.tr("Show updates from"))
        self.view_selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Item data: the one medium the list is restricted to, "" for every enabled medium.
        self.view_selector.addItem(self.tr("Enabled media"), "")
        view_label.setBuddy(self.view_selector)
        filters.addWidget(self.view_selector)
        layout.addLayout(filters)

        select = QHBoxLayout()
        for action in (
            self.action_select_all,
            self.action_select_none,
            self.action_select_security,
        ):
            button = QPushButton(action.text().replace("&", ""), tab)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if shortcut:
                button.setToolTip(shortcut)
            button.clicked.connect(action.trigger)
            select.addWidget(button)
        select.addStretch(1)
        # The same words as the notifier's (wording.update_counts_text).
        self.summary_label = QLabel(tab)
        self.summary_label.setObjectName("summary_label")
        select.addWidget(self.summary_label)
        layout.addLayout(select)

        self.updates_splitter = QSplitter(Qt.Orientation.Vertical, tab)
        self.updates_splitter.setObjectName("updates_splitter")
        self.updates_view = UpdatesTreeView(self.updates_splitter)
        self.updates_view.setObjectName("updates_view")
        self.updates_view.setAccessibleName(self.tr("Updates, grouped per medium"))
        self.updates_view.setModel(u.proxy)
        self.updates_view.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self._size_update_columns()
        self.updates_details = DetailsPane(self.updates_splitter)
        self.updates_details.setObjectName("updates_details")
        self.updates_splitter.addWidget(self.updates_view)
        self.updates_splitter.addWidget(self.updates_details)
        self.updates_splitter.setStretchFactor(0, 3)
        self.updates_splitter.setStretchFactor(1, 2)
        layout.addWidget(self.updates_splitter, 1)

        footer = QHBoxLayout()
        self.selection_label = QLabel(tab)
        self.selection_label.setObjectName("selection_label")
        footer.addWidget(self.selection_label, 1)
        self.install_button = QPushButton(tab)
        self.install_button.setObjectName("install_button")
        self.install_button.setDefault(False)
        self.install_button.clicked.connect(self.action_install.trigger)
        footer.addWidget(self.install_button)
        layout.addLayout(footer)
        self._on_selection_changed(0, 0)
        return tab

    def _size_update_columns(self) -> None:
        header = self.updates_view.header()
        fm = self.updates_view.fontMetrics()
        model = self.updates_view.model()

        def widest(column: Column, texts: Sequence[str]) -> int:
            # The words of the language shown (French ones are longer), or the header's.
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            return max(fm.horizontalAdvance(t) for t in (title, *texts))

        # Fixed widths from the font: ResizeToContents would measure every row.
        widths = {
            Column.NAME: fm.horizontalAdvance("M" * 18),
            Column.VERSION: fm.horizontalAdvance("0" * 36),
            Column.IMPORTANCE: widest(Column.IMPORTANCE, [importance_text(i) for i in Importance])
            + 40,
            Column.SIGNATURE: widest(Column.SIGNATURE, [verdict_text(v) for v in Verdict]) + 36,
            Column.SIZE: widest(Column.SIZE, [format_size(999_900_000)]) + 20,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.VERSION, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

    def _make_browse_tab(self) -> QWidget:
        b = self.presenter.browse
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Medium:"), tab)
        row.addWidget(label)
        self.browse_medium = QComboBox(tab)
        self.browse_medium.setObjectName("browse_medium")
        self.browse_medium.setAccessibleName(self.tr("Medium to browse"))
        label.setBuddy(self.browse_medium)
        row.addWidget(self.browse_medium, 1)
        self.browse_search = QLineEdit(tab)
        self.browse_search.setObjectName("browse_search")
        self.browse_search.setPlaceholderText(self.tr("Search name or summary"))
        self.browse_search.setAccessibleName(self.tr("Search the medium"))
        self.browse_search.setClearButtonEnabled(True)
        row.addWidget(self.browse_search, 2)
        layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        self.browse_splitter = splitter
        splitter.setObjectName("browse_splitter")
        self.browse_view = PackageTableView(splitter)
        self.browse_view.setObjectName("browse_view")
        self.browse_view.setAccessibleName(self.tr("Packages of the medium"))
        self.browse_view.setModel(b.proxy)
        self.browse_view.sortByColumn(PackagesColumn.NAME, Qt.SortOrder.AscendingOrder)
        header = self.browse_view.horizontalHeader()
        fm = self.browse_view.fontMetrics()
        header.resizeSection(PackagesColumn.NAME, fm.horizontalAdvance("M" * 18))
        header.resizeSection(PackagesColumn.VERSION, fm.horizontalAdvance("0" * 30))
        header.resizeSection(PackagesColumn.INSTALLED, fm.horizontalAdvance("0" * 24))
        header.resizeSection(
            PackagesColumn.STATE,
            max(fm.horizontalAdvance(state_text(state)) for state in PackageState) + 40,
        )
        header.setStretchLastSection(True)
        self.browse_details = DetailsPane(splitter)
        self.browse_details.setObjectName("browse_details")
        splitter.addWidget(self.browse_view)
        splitter.addWidget(self.browse_details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        footer = QHBoxLayout()
        self.browse_selection_label = QLabel(tab)
        footer.addWidget(self.browse_selection_label, 1)
        self.browse_install_button = QPushButton(tab)
        self.browse_install_button.setObjectName("browse_install_button")
        self.browse_install_button.clicked.connect(self._on_browse_install_clicked)
        footer.addWidget(self.browse_install_button)
        layout.addLayout(footer)
        self._on_browse_selection_changed(0, 0)
        return tab

    def _make_audit_tab(self) -> QWidget:
        a = self.presenter.audit
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.audit_summary = QLabel(tab)
        self.audit_summary.setObjectName("audit_summary")
        self.audit_summary.setWordWrap(True)
        self.audit_summary.setText(self.tr("The audit runs when this tab is first opened."))
        layout.addWidget(self.audit_summary)
        row = QHBoxLayout()
        self.audit_search = QLineEdit(tab)
        self.audit_search.setObjectName("audit_search")
        self.audit_search.setPlaceholderText(self.tr("Search packages, versions, media"))
        self.audit_search.setAccessibleName(self.tr("Search the audit"))
        self.audit_search.setClearButtonEnabled(True)
        row.addWidget(self.audit_search, 2)
        self.audit_status = QComboBox(tab)
        self.audit_status.setObjectName("audit_status")
        self.audit_status.setAccessibleName(self.tr("Status filter"))
        self.audit_status.addItem(self.tr("All statuses"), None)
        for status in AuditStatus:
            self.audit_status.addItem(
                icon(audit_status_icon(status)), audit_status_text(status), status
            )
        row.addWidget(self.audit_status)
        self.audit_rerun = QPushButton(self.tr("Run again"), tab)
        self.audit_rerun.clicked.connect(a.reload)
        row.addWidget(self.audit_rerun)
        self.export_button = QPushButton(self.tr("E&xport\u2026"), tab)
        self.export_button.setObjectName("export_button")
        menu = QMenu(self.export_button)
        for fmt, suffix in EXPORT_FORMATS:
            #: {0}: a format (CSV, JSON, HTML), {1}: its file name suffix.
            act = menu.addAction(self.tr("{0} file ({1})").format(fmt.value.upper(), suffix))
            act.triggered.connect(lambda _=False, f=fmt, s=suffix: self._on_export(f, s))
        self.export_button.setMenu(menu)
        self.export_button.setEnabled(False)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.audit_view = PackageTableView(tab)
        self.audit_view.setObjectName("audit_view")
        self.audit_view.setAccessibleName(self.tr("Installed packages against the media"))
        self.audit_view.setModel(a.proxy)
        self.audit_view.sortByColumn(AuditColumn.NAME, Qt.SortOrder.AscendingOrder)
        header = self.audit_view.horizontalHeader()
        # Widths follow the content once the audit is loaded (see _on_audit_loaded); Qt
        # measures at most a few hundred rows for it.
        header.setResizeContentsPrecision(300)
        header.setStretchLastSection(True)
        layout.addWidget(self.audit_view, 1)
        return tab

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy_label = QLabel(bar)
        self.busy_bar = QProgressBar(bar)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        bar.addWidget(self.busy_label, 1)
        bar.addPermanentWidget(self.busy_bar)
        self._busy: dict[str, str] = {}

    # ------------------------------------------------------------ wiring

    def _connect(self) -> None:
        p = self.presenter
        u = p.updates
        u.updates_loaded.connect(self._on_updates_loaded)
        u.media_loaded.connect(self._on_media_loaded)
        u.load_failed.connect(self._on_load_failed)
        u.busy_changed.connect(self._on_updates_busy_changed)
        u.selection_changed.connect(self._on_selection_changed)
        u.testing_enabled_changed.connect(self._on_testing_enabled_changed)
        u.testing_consent_needed.connect(self._on_testing_consent_needed)
        u.view_changed.connect(self._on_view_changed)
        self.search.textChanged.connect(u.proxy.set_text)
        self.importance_filter.currentIndexChanged.connect(self._on_importance_filter_changed)
        self.medium_filter.currentIndexChanged.connect(
            lambda _i: u.proxy.set_medium(self.medium_filter.currentData() or "")
        )
        self.view_selector.activated.connect(self._on_view_selector_activated)
        self.updates_view.toggle_requested.connect(u.toggle)
        self.updates_view.details_requested.connect(self._on_details_requested)
        self.updates_view.selectionModel().currentRowChanged.connect(
            self._on_updates_current_changed
        )
        u.proxy.modelReset.connect(self._select_first_update)
        u.updates_model.dataChanged.connect(self._on_updates_model_data_changed)

        b = p.browse
        self.browse_medium.activated.connect(
            lambda _i: b.show_medium(self.browse_medium.currentData() or "")
        )
        b.packages_loaded.connect(self._on_packages_loaded)
        b.load_failed.connect(self._on_browse_load_failed)
        b.busy_changed.connect(self._on_browse_busy_changed)
        b.selection_changed.connect(self._on_browse_selection_changed)
        self.browse_search.textChanged.connect(b.proxy.set_text)
        self.browse_view.toggle_requested.connect(b.toggle)
        self.browse_view.details_requested.connect(lambda _i: self.browse_details.setFocus())
        self.browse_view.selectionModel().currentRowChanged.connect(self._on_browse_current_changed)

        r = p.refresh
        r.started.connect(self._on_refresh_started)
        r.finished.connect(self._on_refresh_finished)
        r.failed.connect(self._on_refresh_failed)
        r.busy_changed.connect(self._on_refresh_busy_changed)
        self.refresh_panel.cancel_requested.connect(r.cancel)
        self.media_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.media_view.customContextMenuRequested.connect(self._on_media_context_menu)

        t = p.transactions
        t.busy_changed.connect(self._on_helper_busy_changed)
        t.install_failed.connect(self._on_install_failed)
        p.error_reported.connect(self._show_error)

        a = p.audit
        a.audit_loaded.connect(self._on_audit_loaded)
        a.load_failed.connect(self._on_audit_load_failed)
        a.busy_changed.connect(self._on_audit_busy_changed)
        a.exported.connect(self._on_exported)
        a.export_failed.connect(self._show_error)
        self.audit_search.textChanged.connect(a.proxy.set_text)
        self.audit_status.currentIndexChanged.connect(
            lambda _i: a.set_status_filter(self.audit_status.currentData())
        )
        self.tabs.currentChanged.connect(self._on_tab_changed)

    # ------------------------------------------------------------ slots: updates

    def _fit_name_column(self, plan: UpdatePlan) -> None:
        """Wide enough for the longest name (one pass over the names, not the rows'
        size hints), at most a third of the list."""
        fm = self.updates_view.fontMetrics()
        # Measuring the 20 longest names is enough (and cheap on 2,000 rows).
        names = sorted((c.name for c in plan.candidates), key=len)[-20:]
        longest = max((fm.horizontalAdvance(n) for n in names), default=0)
        # Indentation, check box and margins.
        extra = self.updates_view.indentation() + 2 * fm.height() + 24
        width = min(longest + extra, max(200, self.updates_view.viewport().width() // 3))
        self.updates_view.header().resizeSection(
            Column.NAME, max(width, fm.horizontalAdvance("M" * 14))
        )

    @Slot(object)
    def _on_updates_loaded(self, plan: UpdatePlan) -> None:
        self.error_bar.hide()
        counts = plan.counts()
        summary = update_counts_text(counts, complete=not plan.no_update_medium)
        if plan.held:
            # Not offered (urpmi would not install them on its own), but not hidden either.
            held = ", ".join(plan.held_labels())
            if counts.total:
                #: {0}: "5 updates available: 2 security", {1}: package names.
                summary = self.tr(
                    "{0}; %n more held back by /etc/urpmi/skip.list: {1}", "", len(plan.held)
                ).format(summary, held)
            else:
                summary += " " + self.tr(
                    "%n update(s) held back by /etc/urpmi/skip.list: {0}.", "", len(plan.held)
                ).format(held)
        self.summary_label.setText(summary)
        self._fit_name_column(plan)
        self._show_problems(plan)
        # Tell --screenshot and the launch benchmark once the list has been painted.
        self._shown_count = len(plan.candidates)
        QTimer.singleShot(0, self._emit_shown_updates)

    @Slot()
    def _emit_shown_updates(self) -> None:
        self.shown_updates.emit(self._shown_count)

    def _show_problems(self, plan: UpdatePlan) -> None:
        parts: list[str] = []
        actions: list[Action] = []
        if plan.no_update_medium:
            # mgaapplet's "no enabled update medium": the list may look complete, it is not.
            parts.append(
                "<b>"
                + self.tr("No update medium is switched on.")
                + "</b> "
                + self.tr("Security and bug-fix updates are not looked for.")
            )
            actions.append((self.tr("Show the media"), self._show_media_panel))
        if plan.problems:
            items = "".join(f"<li>{html.escape(p.message)}</li>" for p in plan.problems)
            parts.append(
                self.tr("Some media could not be read; the list shows the others.")
                + f"<ul style='margin:0'>{items}</ul>"
            )
            actions.append((self.tr("Refresh"), self.action_refresh.trigger))
        if not parts:
            self.problems_bar.hide()
            return
        self.problems_bar.show_message("verdict-warning", "<br>".join(parts), actions)

    @Slot()
    def _show_media_panel(self) -> None:
        """Bring the media list into view and give it the focus: a medium is switched on
        there."""
        sizes = self.main_splitter.sizes()
        if not sizes[0]:
            total = sum(sizes)
            self.main_splitter.setSizes([total // 4, total - total // 4])
        self.media_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.media_view.currentIndex().isValid():
            self.media_view.setCurrentIndex(self.media_view.model().index(0, 0))

    def _fit_media_panel(self) -> None:
        """Wide enough for the media's names and kinds in the language shown (French
        words are longer), within a third of the window; never made narrower."""
        view = self.media_view
        header = view.header()
        if view.model().rowCount() == 0:
            return
        needed = sum(
            max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count())
        )
        needed += 2 * view.frameWidth() + 4
        if view.verticalScrollBar().isVisible():
            needed += view.verticalScrollBar().width()
        sizes = self.main_splitter.sizes()
        total = sum(sizes)
        needed = min(needed, total // 3)
        if sizes[0] and sizes[0] < needed:
            self.main_splitter.setSizes([needed, total - needed])

    @Slot(object)
    def _on_media_loaded(self, media: tuple[Medium, ...]) -> None:
        self._fit_media_panel()
        self._fill_combo(self.medium_filter, [(self.tr("All media"), "")], media, testing=False)
        # Refilled with its signals blocked: a medium gone from the list falls back to "All
        # media", and the filter must follow, or it hides everything.
        self.presenter.updates.proxy.set_medium(self.medium_filter.currentData() or "")
        self._update_install_enabled()  # a medium viewed may have been switched on or off
        views: list[tuple[str, object]] = [(self.tr("Enabled media"), "")]
        views += [
            (self.tr("Testing medium {0}").format(m.name), m.name) for m in media if m.testing
        ]
        view = self.presenter.updates.view
        self._set_combo_items(self.view_selector, views, view[0] if view else "")
        current = self.browse_medium.currentData() or self.presenter.browse.medium
        self._set_combo_items(
            self.browse_medium,
            [(m.name + (self.tr(" (testing)") if m.testing else ""), m.name) for m in media],
            current,
        )
        if not self.presenter.browse.medium and media:
            preferred = next((m for m in media if m.testing), media[0])
            self._set_combo_items(
                self.browse_medium,
                [(m.name + (self.tr(" (testing)") if m.testing else ""), m.name) for m in media],
                preferred.name,
            )

    def _fill_combo(
        self,
        combo: QComboBox,
        head: Sequence[tuple[str, object]],
        media: Sequence[Medium],
        *,
        testing: bool,
    ) -> None:
        items = list(head) + [(m.name, m.name) for m in media if m.enabled or testing]
        self._set_combo_items(combo, items, combo.currentData())

    @staticmethod
    def _set_combo_items(
        combo: QComboBox, items: Sequence[tuple[str, object]], current: object
    ) -> None:
        blocked = combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        index = max(0, combo.findData(current))
        combo.setCurrentIndex(index)
        combo.blockSignals(blocked)

    @Slot(object)
    def _on_view_changed(self, view: tuple[str, ...]) -> None:
        index = self.view_selector.findData(view[0] if view else "")
        if index >= 0:
            self.view_selector.setCurrentIndex(index)

    @Slot(int)
    def _on_view_selector_activated(self, _index: int) -> None:
        data = self.view_selector.currentData()
        self.presenter.updates.set_view((data,) if data else ())

    @Slot(int)
    def _on_importance_filter_changed(self, _index: int) -> None:
        value = self.importance_filter.currentData()
        self.presenter.updates.proxy.set_importance((value,) if value else ())

    @Slot(int, object)
    def _on_selection_changed(self, count: int, size: int) -> None:
        if count:
            self.install_button.setText(
                #: A button. %1: the download size.
                self.tr("Install %n selected (%1)", "", count).replace("%1", format_size(size))
            )
            text = self.tr("%n package(s) will be installed, %1 to download.", "", count).replace(
                "%1", format_size(size)
            )
            # The restart the selection will need, before anything is installed (the most
            # disruptive one; the confirmation lists them all).
            needs = group_restarts(
                (c.name, c.restart)
                for c in self.presenter.updates.updates_model.checked_candidates()
                if c.restart
            )
            if needs:
                what, who = next(iter(needs.items()))
                #: {0}: "the computer", "your session" or "the sshd service"; {1}: packages.
                text += " " + self.tr("Afterwards, restart {0} (asked for by {1}).").format(
                    restart_text(what), ", ".join(who)
                )
            self.selection_label.setText(text)
        else:
            self.install_button.setText(self.tr("Install selected"))
            self.selection_label.setText(self.tr("Nothing selected."))
        self._selected_count = count
        self._update_install_enabled()

    def _update_install_enabled(self) -> None:
        """Install needs a selection, and the list it was made in: while another list
        (another view) loads, the media the install would name are already the new ones.
        A view of a medium that is switched off shows what it offers; installing from it
        needs it on (the helper would refuse, after the password)."""
        u = self.presenter.updates
        off = [m.name for m in u.media if m.name in u.view and not m.enabled]
        on = self._selected_count > 0 and not u.loading and not off
        self.install_button.setEnabled(on)
        self.action_install.setEnabled(on)
        self.install_button.setToolTip(
            self.tr("Switch {0} on to install from it.").format(", ".join(off)) if off else ""
        )

    @Slot(object)
    def _on_testing_enabled_changed(self, media: tuple[Medium, ...]) -> None:
        self._testing_on = media
        if media and self.presenter.audit.report is None:
            # The banner counts what is installed from testing: the audit knows.
            self.presenter.audit.reload()
        self._show_testing_banner()

    def _show_testing_banner(self) -> None:
        media = self._testing_on
        if not media:
            self.testing_banner.hide()
            return
        names = ", ".join(m.name for m in media)
        text = self.tr(
            "<b>Testing enabled:</b> {0}. Its packages are candidates for future updates: "
            "not supported, and they may break your system. Switch it off when you are "
            "done testing."
        ).format(html.escape(names))
        actions: list[Action] = [
            (
                self.tr("Switch off {0}").format(m.name),
                functools.partial(self.presenter.updates.request_switch, m.name, False),
            )
            for m in media
        ]
        report = self.presenter.audit.report
        installed = sum(r.installed_from_testing for r in report.records) if report else 0
        if installed:
            text += " " + self.tr("%n package(s) installed from testing.", "", installed)
            actions.append((self.tr("Show in the audit"), self._show_from_testing))
        self.testing_banner.show_message("medium-testing", text, actions)

    @Slot()
    def _show_from_testing(self) -> None:
        """The audit, showing the packages whose status involves testing."""
        self.audit_status.setCurrentIndex(self.audit_status.findData(AuditStatus.ONLY_IN_TESTING))
        self.tabs.setCurrentIndex(2)

    @Slot(str)
    def _on_testing_consent_needed(self, medium: str) -> None:
        dialog = EnableTestingDialog(medium, self, privileged=self.presenter.privileged)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.presenter.updates.confirm_switch(medium, True))
        self.testing_dialog = dialog
        dialog.open()

    @Slot()
    def _select_first_update(self) -> None:
        proxy = self.presenter.updates.proxy
        if self.updates_view.currentIndex().isValid() or proxy.rowCount() == 0:
            return
        first_group = proxy.index(0, 0)
        first = proxy.index(0, 0, first_group) if proxy.rowCount(first_group) else first_group
        self.updates_view.setCurrentIndex(first)

    @Slot(QModelIndex, QModelIndex)
    def _on_updates_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_update_details(current)

    def show_update_details(self, index: QModelIndex) -> None:
        """Show the package at ``index`` (of the proxy) in the details pane."""
        c = index.data(ROLE_CANDIDATE) if index.isValid() else None
        if not isinstance(c, UpdateCandidate):
            self.updates_details.show_html(
                "<p>{}</p>".format(html.escape(self.tr("Select a package to see its details.")))
            )
            return
        model = self.presenter.updates.updates_model
        medium = self.presenter.updates.media_model.medium(c.medium)
        pending = model.data(
            self.presenter.updates.proxy.mapToSource(index.siblingAtColumn(Column.SIGNATURE))
        )
        self.updates_details.show_html(
            candidate_html(
                c, medium=medium, verdict=model.verdict(c), signature_pending=str(pending or "")
            )
        )

    @Slot(QModelIndex, QModelIndex)
    def _on_updates_model_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        """Verdicts arriving (or ticks) change what the details of the current row say."""
        current = self.updates_view.currentIndex()
        if not current.isValid():
            return
        source = self.presenter.updates.proxy.mapToSource(current)
        if source.parent() == top.parent() and top.row() <= source.row() <= bottom.row():
            self.show_update_details(current)

    @Slot(QModelIndex)
    def _on_details_requested(self, index: QModelIndex) -> None:
        self.show_update_details(index)
        sizes = self.updates_splitter.sizes()
        if sizes[1] == 0:
            self.updates_splitter.setSizes([sizes[0] * 2 // 3, sizes[0] // 3])
        self.updates_details.setFocus()

    # ------------------------------------------------------------ slots: browse

    @Slot(str, int)
    def _on_packages_loaded(self, medium: str, count: int) -> None:
        self.browse_selection_label.setText(
            self.tr("{0}: %n package(s).", "", count).format(medium)
        )
        if self.browse_view.model().rowCount() and not self.browse_view.currentIndex().isValid():
            self.browse_view.setCurrentIndex(self.browse_view.model().index(0, 0))

    @Slot(int, object)
    def _on_browse_selection_changed(self, count: int, size: int) -> None:
        if count:
            self.browse_install_button.setText(
                #: A button. %1: the download size.
                self.tr("Install %n selected (%1)", "", count).replace("%1", format_size(size))
            )
        else:
            self.browse_install_button.setText(self.tr("Install selected"))
        self.browse_install_button.setEnabled(count > 0)

    @Slot(QModelIndex, QModelIndex)
    def _on_browse_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        p = current.data(ROLE_PACKAGE) if current.isValid() else None
        if isinstance(p, MediumPackage):
            medium = self.presenter.updates.media_model.medium(p.medium)
            self.browse_details.show_html(package_html(p, medium=medium))
        else:
            self.browse_details.clear()

    # ------------------------------------------------------------ slots: audit

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        # The audit is a report over the whole width; the media belong to the other tabs.
        self.media_panel.setVisible(index != 2)
        if index == 1 and not self.presenter.browse.medium:
            medium = self.browse_medium.currentData()
            if medium:
                self.presenter.browse.show_medium(medium)
        if index == 2:
            error, self._audit_error = self._audit_error, None
            if error is not None:
                self._on_audit_load_failed(error)  # of a run while the tab was hidden
            elif self.presenter.audit.report is None:
                self.presenter.audit.reload()

    @Slot(object)
    def _on_audit_loaded(self, report: AuditReport) -> None:
        self._audit_error = None
        if self._testing_on:
            self._show_testing_banner()
        counts = " \u00b7 ".join(
            self.tr("{0}: {1}", "an audit status: how many packages have it").format(
                audit_status_text(s), report.counts.get(s, 0)
            )
            for s in AuditStatus
        )
        product = dict(report.product)
        system = " ".join(
            v
            for v in (product.get("distribution"), product.get("version"), product.get("arch"))
            if v
        )
        self.audit_summary.setText(
            self.tr(
                "<b>%n installed package(s)</b> on {0} ({1})<br>{2}", "", len(report.records)
            ).format(
                html.escape(system or report.root),
                html.escape(report.root),
                html.escape(counts),
            )
        )
        self.export_button.setEnabled(True)
        self.audit_view.resizeColumnsToContents()
        header = self.audit_view.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column) + 2, 320))

    def _on_export(self, fmt: ReportFormat, suffix: str) -> None:
        start = str(Path.home() / f"xosupdate-audit{suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit"), start, f"*{suffix}"
        )
        if path:
            self.presenter.audit.export(Path(path), fmt)

    @Slot(str, int)
    def _on_exported(self, path: str, count: int) -> None:
        self.statusBar().showMessage(
            self.tr("Wrote {0} (%n package(s)).", "", count).format(path), 10_000
        )

    # ------------------------------------------------------------ commands

    @Slot()
    def _on_refresh_triggered(self) -> None:
        if not self.presenter.updates.media:
            self.presenter.updates.reload()  # nothing read yet: read urpmi.cfg first
            return
        self.presenter.refresh_media()

    def _on_media_context_menu(self, position: QPoint) -> None:
        index = self.media_view.indexAt(position)
        medium = index.data(ROLE_MEDIUM) if index.isValid() else None
        if not isinstance(medium, Medium):
            return
        menu = QMenu(self.media_view)
        refresh = menu.addAction(self.tr("Refresh {0}").format(medium.name))
        refresh.triggered.connect(lambda _=False: self.presenter.refresh_media((medium.name,)))
        browse = menu.addAction(self.tr("Browse {0}").format(medium.name))
        browse.triggered.connect(lambda _=False: self._browse_medium(medium.name))
        menu.exec(self.media_view.viewport().mapToGlobal(position))

    def _browse_medium(self, name: str) -> None:
        index = self.browse_medium.findData(name)
        if index >= 0:
            self.browse_medium.setCurrentIndex(index)
        self.tabs.setCurrentIndex(1)
        self.presenter.browse.show_medium(name)

    @Slot()
    def _on_mirrors_triggered(self) -> None:
        dialog = MirrorsDialog(self.presenter.mirrors, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.mirrors_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_refresh_started(self, _names: object) -> None:
        self.refresh_panel.show_running()

    @Slot(object)
    def _on_refresh_finished(self, report: object) -> None:
        failed = getattr(report, "failed", ())
        self.refresh_panel.show_done(failures=len(failed))

    @Slot(object)
    def _on_refresh_failed(self, exc: object) -> None:
        if isinstance(exc, BaseException) and is_cancellation(exc):
            self.refresh_panel.show_done(failures=0, cancelled=True)
            return
        self.refresh_panel.hide()  # the error dialog says why (MainPresenter.error_reported)

    @Slot()
    def _on_install_triggered(self) -> None:
        """Install what is ticked in the update list: simulate, confirm, install."""
        u = self.presenter.updates
        if u.loading:
            return  # the shortcut too: the list shown is not the one being loaded
        chosen = u.install_candidates()
        plan = u.plan
        names = plan.request_names(chosen) if plan is not None else [c.name for c in chosen]
        if not names:
            return
        sizes = {c.name: c.filesize or 0 for c in u.updates_model.checked_candidates()}
        # Every candidate's, not only the ticked ones': the plan urpmi makes may add some.
        restarts = {c.name: c.restart for c in u.updates_model.candidates() if c.restart}
        self._start_install(names, media=u.view, sizes=sizes, restarts=restarts)

    @Slot()
    def _on_browse_install_clicked(self) -> None:
        """Install the packages ticked in the medium browser, from that medium only."""
        b = self.presenter.browse
        chosen = b.model.checked_packages()
        if not chosen:
            return
        self._start_install(
            [p.name for p in chosen],
            media=(b.medium,),
            sizes={p.name: p.filesize or 0 for p in chosen},
            restarts={p.name: p.restart for p in chosen if p.restart},
        )

    def _start_install(
        self,
        names: Sequence[str],
        *,
        media: Sequence[str],
        sizes: dict[str, int],
        restarts: dict[str, str] | None = None,
    ) -> None:
        t = self.presenter.transactions
        if t.busy:
            self.statusBar().showMessage(
                self.tr("Another change of the system is under way; try again after it."),
                10_000,
            )
            return
        dialog = InstallDialog(
            t,
            sizes=sizes,
            testing_media=[m.name for m in self.presenter.updates.testing_media()],
            restarts=restarts,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.install_dialog = dialog
        self.notice_bar.hide()
        dialog.open()
        t.install(names, media=media)

    @Slot(object)
    def _on_install_failed(self, exc: object) -> None:
        """Keep the selection, untick the package that failed and say why."""
        culprit = getattr(exc, "package", None)
        if not isinstance(culprit, str) or not culprit:
            return
        name = culprit
        for c in self.presenter.updates.updates_model.candidates():
            if culprit in (c.name, c.fullname, f"{c.fullname}.rpm"):
                name = c.name
        self.presenter.updates.deselect([name])
        text = describe_error(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))
        self.notice_bar.show_message(
            "verdict-warning",
            self.tr(
                "<b>{0} was not installed:</b> {1} It has been unticked; the other updates "
                "are still selected."
            ).format(html.escape(name), html.escape(text.text)),
            [(self.tr("Dismiss"), self.notice_bar.hide)],
        )

    @Slot()
    def _on_find_triggered(self) -> None:
        target = {0: self.search, 1: self.browse_search, 2: self.audit_search}.get(
            self.tabs.currentIndex(), self.search
        )
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    # ------------------------------------------------------------ errors and busy

    @Slot(object)
    def _on_load_failed(self, exc: BaseException) -> None:
        """The update list could not be computed: its summary goes, Try again recomputes."""
        if not is_cancellation(exc):
            self.summary_label.clear()
            self.problems_bar.hide()  # about a list that is no longer shown
        self._show_load_error(exc, self.presenter.updates.reload)

    @Slot(object)
    def _on_browse_load_failed(self, exc: BaseException) -> None:
        """A medium's packages could not be listed: the update list stays as it is."""
        self._show_load_error(exc, self.presenter.browse.reload)

    @Slot(object)
    def _on_audit_load_failed(self, exc: BaseException) -> None:
        if self.tabs.currentIndex() != 2:
            # An audit run for the testing banner, or to keep the tab fresh: said when the
            # tab is opened, not over the list the user is reading.
            log.info("audit failed in the background: %s", exc)
            self._audit_error = exc
            return
        self._show_load_error(exc, self.presenter.audit.reload)

    def _show_load_error(self, exc: BaseException, retry: Callable[[], None]) -> None:
        if is_cancellation(exc):
            return
        self._last_error = exc
        text = describe_error(exc)
        actions: list[Action] = [
            (self.tr("Details\u2026"), lambda: self._show_error(exc)),
            (self.tr("Try again"), retry),
        ]
        if isinstance(exc, NoMediumError) and exc.configured:
            # Ticking a medium reloads the list by itself.
            actions[1] = (self.tr("Show the media"), self._show_media_panel)
        self.error_bar.show_message(
            "verdict-bad",
            f"<b>{html.escape(text.title)}.</b> {html.escape(text.text)}"
            + (f"<br>{html.escape(text.hint)}" if text.hint else ""),
            actions,
        )

    @Slot(object)
    def _show_error(self, exc: BaseException) -> None:
        if is_cancellation(exc):
            return
        dialog = ErrorDialog.for_exception(exc, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_dialog = dialog
        dialog.open()

    # Bound slots, not lambdas: the presenters may outlive the window, and Qt disconnects a
    # bound slot of a deleted widget but not a lambda.
    @Slot(bool, str)
    def _on_updates_busy_changed(self, on: bool, what: str) -> None:
        self._set_busy("updates", on, what)
        self._update_install_enabled()

    @Slot(bool, str)
    def _on_browse_busy_changed(self, on: bool, what: str) -> None:
        self._set_busy("browse", on, what)

    @Slot(bool, str)
    def _on_helper_busy_changed(self, on: bool, what: str) -> None:
        self._set_busy("helper", on, what)

    @Slot(bool, str)
    def _on_refresh_busy_changed(self, on: bool, what: str) -> None:
        self._set_busy("refresh", on, what)
        self.action_refresh.setEnabled(not on)

    @Slot(bool, str)
    def _on_audit_busy_changed(self, on: bool, what: str) -> None:
        self._set_busy("audit", on, what)

    def _set_busy(self, key: str, on: bool, what: str) -> None:
        if on:
            self._busy[key] = what
        else:
            self._busy.pop(key, None)
        self.busy_label.setText(next(iter(self._busy.values()), ""))
        self.busy_bar.setVisible(bool(self._busy))

    # ------------------------------------------------------------ settings

    def _splitters(self) -> list[QSplitter]:
        return [self.main_splitter, self.updates_splitter, self.browse_splitter]

    def _restore_settings(self) -> None:
        if self._settings is None:
            self.resize(1280, 800)
            return
        geometry = self._settings.value(_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self._settings.value(_STATE)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for splitter in self._splitters():
            value = self._settings.value(f"{_SPLITTERS}/{splitter.objectName()}")
            if isinstance(value, QByteArray):
                splitter.restoreState(value)

    def save_settings(self) -> None:
        """Remember geometry and splitters (QSettings; nothing of this leaves ui/)."""
        if self._settings is None:
            return
        self._settings.setValue(_GEOMETRY, self.saveGeometry())
        self._settings.setValue(_STATE, self.saveState())
        for splitter in self._splitters():
            self._settings.setValue(f"{_SPLITTERS}/{splitter.objectName()}", splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        stage = self.presenter.transactions.stage
        if stage in (Stage.INSTALLING, Stage.SWITCHING):
            # Closing would hide a change of the system that is under way.
            self.statusBar().showMessage(
                self.tr("The system is being changed: close the window when it has finished."),
                10_000,
            )
            event.ignore()
            return
        self.presenter.transactions.abort()
        self.save_settings()
        self.presenter.shutdown()
        super().closeEvent(event)
