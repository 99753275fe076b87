# SPDX-License-Identifier: GPL-2.0-or-later
"""The main window's presenter: the task runner and the presenters of each pane (ui layer).

It owns the one ``TaskRunner`` of the window and hands it to the pane presenters; the
window only connects their signals and calls their slots.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from xosupdate.ui.backend import Backend
from xosupdate.ui.presenters.audit import AuditPresenter
from xosupdate.ui.presenters.browse import BrowsePresenter
from xosupdate.ui.presenters.updates import UpdatesPresenter
from xosupdate.ui.tasks import Runner, TaskRunner

__all__ = ["MainPresenter"]


class MainPresenter(QObject):
    """Presenters of the update list, the medium browser and the audit.

    Args:
        runner: the task runner (tests pass a synchronous fake); default a new
            ``TaskRunner`` owned by the presenter.
    """

    def __init__(
        self, backend: Backend, runner: Runner | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.runner: Runner = runner if runner is not None else TaskRunner(self)
        self.updates = UpdatesPresenter(backend, self.runner, self)
        self.browse = BrowsePresenter(backend, self.runner, self)
        self.audit = AuditPresenter(backend, self.runner, self)

    @property
    def privileged(self) -> bool:
        """Changes to the system need the administrator's password."""
        return self.backend.privileged

    @Slot()
    def start(self) -> None:
        """The first load: media and update list."""
        self.updates.reload()

    @Slot()
    def shutdown(self) -> None:
        """Stop what runs (the window is closing); waits a few seconds at most."""
        self.runner.cancel_all()
        self.runner.wait_for_done(5000)
