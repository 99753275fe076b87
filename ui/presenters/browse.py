# SPDX-License-Identifier: GPL-2.0-or-later
"""The "browse a medium" tab: everything one medium holds (ui layer).

For testers: what is in XtreemOS_Testing, what of it is installed, and ticking single
packages to install from it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Signal, Slot

from xosupdate.errors import SyncCancelledError
from xosupdate.services.packages import MediumPackage
from xosupdate.ui.backend import UpdatesBackend
from xosupdate.ui.models.packages import PackagesFilterProxy, PackagesModel
from xosupdate.ui.tasks import Runner

__all__ = ["BrowsePresenter"]


class BrowsePresenter(QObject):
    """One medium's packages.

    Signals:
        packages_loaded(str, int): the medium shown and how many packages it holds.
        load_failed(object): the exception that kept the list from loading.
        busy_changed(bool, str): loading started (True, what) or ended.
        selection_changed(int, object): ticked packages and their download size.
    """

    packages_loaded = Signal(str, int)
    load_failed = Signal(object)
    busy_changed = Signal(bool, str)
    selection_changed = Signal(int, object)

    def __init__(
        self, backend: UpdatesBackend, runner: Runner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self.model = PackagesModel(self)
        self.proxy = PackagesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.model.selection_changed.connect(self.selection_changed)
        self._generation = 0
        self._medium = ""

    @property
    def medium(self) -> str:
        """The medium asked for ("" before the first)."""
        return self._medium

    @Slot(str)
    def show_medium(self, medium: str) -> None:
        """Load the packages of ``medium`` off the GUI thread."""
        self._medium = medium
        self.reload()

    @Slot()
    def reload(self) -> None:
        """Read the medium shown again (after an install or a refresh)."""
        if not self._medium:
            return
        self._generation += 1
        generation, medium, backend = self._generation, self._medium, self._backend
        self.busy_changed.emit(
            True, QCoreApplication.translate("BrowsePresenter", "Reading {0}\u2026").format(medium)
        )
        self._runner.submit(
            lambda: backend.medium_packages(medium),
            succeeded=lambda result: self._on_loaded(generation, medium, result),
            failed=lambda exc: self._on_failed(generation, exc),
            name=f"packages of {medium}",
        )

    def _on_loaded(self, generation: int, medium: str, result: object) -> None:
        if generation != self._generation:
            return
        self.busy_changed.emit(False, "")
        assert isinstance(result, tuple)
        packages = [p for p in result if isinstance(p, MediumPackage)]
        self.model.set_packages(medium, packages)
        self.packages_loaded.emit(medium, len(packages))

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.busy_changed.emit(False, "")
        self.model.set_packages(self._medium, [])
        if not isinstance(exc, SyncCancelledError):
            self.load_failed.emit(exc)

    @Slot(QModelIndex)
    def toggle(self, proxy_index: QModelIndex) -> None:
        """Flip the tick of the row at ``proxy_index`` (an index of ``proxy``)."""
        self.model.toggle(self.proxy.mapToSource(proxy_index))

    def install_names(self) -> list[str]:
        """Package names of the ticked packages."""
        return [p.name for p in self.model.checked_packages()]
