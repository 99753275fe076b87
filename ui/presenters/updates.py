# SPDX-License-Identifier: GPL-2.0-or-later
"""The main window's update list and media panel (ui layer).

``UpdatesPresenter`` owns the media model, the update model and its filter proxy, and
runs the core through the task runner: reading urpmi.cfg and computing the plan in one
task (so media and list always agree), for the enabled media or for a view restricted to
some media (the testing view). It decides the testing opt-in: switching a testing medium on
first needs the user's informed consent (``testing_consent_needed``); only then is the
switch handed on (``switch_confirmed``) to whoever talks to the privileged helper.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Signal, Slot

from xosupdate.domain.advisory import Importance
from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import UpdateCandidate, UpdatePlan
from xosupdate.errors import NoMediumError, SyncCancelledError
from xosupdate.ui.backend import UpdatesBackend
from xosupdate.ui.models.media import MediaModel
from xosupdate.ui.models.updates import UpdatesFilterProxy, UpdatesModel
from xosupdate.ui.tasks import Runner

__all__ = ["UpdatesPresenter"]

log = logging.getLogger(__name__)


class UpdatesPresenter(QObject):
    """Media, update list, selection and view of the main window.

    Signals:
        media_loaded(object): the media, a ``tuple[Medium, ...]`` in urpmi.cfg order.
        updates_loaded(object): the ``UpdatePlan`` now shown.
        load_failed(object): the exception that kept the list from loading.
        busy_changed(bool, str): work started (True, what) or ended (False, "").
        testing_enabled_changed(object): the enabled testing media (``tuple[Medium, ...]``),
            for the banner; empty when none.
        view_changed(object): the media the list is restricted to (``tuple[str, ...]``;
            empty: every enabled medium).
        selection_changed(int, object): packages that will be installed and their download
            size in bytes (an int; object, since sizes pass 2 GiB).
        testing_consent_needed(str): the user asked to switch a testing medium on; the
            window explains the risk and calls ``confirm_switch`` if the user agrees.
        switch_confirmed(str, bool): a medium is to be switched on (True) or off.
    """

    media_loaded = Signal(object)
    updates_loaded = Signal(object)
    load_failed = Signal(object)
    busy_changed = Signal(bool, str)
    testing_enabled_changed = Signal(object)
    view_changed = Signal(object)
    selection_changed = Signal(int, object)
    testing_consent_needed = Signal(str)
    switch_confirmed = Signal(str, bool)

    def __init__(
        self, backend: UpdatesBackend, runner: Runner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self.media_model = MediaModel(self)
        self.updates_model = UpdatesModel(self)
        self.proxy = UpdatesFilterProxy(self)
        self.proxy.setSourceModel(self.updates_model)
        self._view: tuple[str, ...] = ()
        self._plan: UpdatePlan | None = None
        self._media: tuple[Medium, ...] = ()
        self._generation = 0
        self._loading = False
        self.media_model.switch_requested.connect(self._on_media_model_switch_requested)
        self.updates_model.selection_changed.connect(self.selection_changed)

    # ------------------------------------------------------------ state

    @property
    def view(self) -> tuple[str, ...]:
        """The media the list is restricted to (empty: every enabled medium)."""
        return self._view

    @property
    def plan(self) -> UpdatePlan | None:
        """The plan shown, None before the first load."""
        return self._plan

    @property
    def media(self) -> tuple[Medium, ...]:
        """The media as last read."""
        return self._media

    @property
    def loading(self) -> bool:
        """A reload is under way."""
        return self._loading

    def testing_media(self) -> tuple[Medium, ...]:
        """Every testing medium, enabled or not."""
        return tuple(m for m in self._media if m.testing)

    def install_candidates(self) -> list[UpdateCandidate]:
        """What an install of the selection asks for: the ticked packages and the new
        packages they need, named explicitly (the list shows them as part of the
        selection, and the helper's rpm executor installs what it is asked for)."""
        return self.updates_model.checked_candidates()

    # ------------------------------------------------------------ loading

    @Slot()
    def reload(self) -> None:
        """Read the media and compute the update list again, off the GUI thread."""
        self._generation += 1
        generation = self._generation
        view = self._view
        backend = self._backend

        def load() -> tuple[tuple[Medium, ...], UpdatePlan | NoMediumError]:
            media = backend.list_media()
            try:
                return media, backend.compute_updates(view)
            except NoMediumError as exc:
                # Nothing to look in: the media still fill their list, where one is ticked.
                return media, exc

        self._set_loading(True)
        self._runner.submit(
            load,
            succeeded=lambda result: self._on_loaded(generation, result),
            failed=lambda exc: self._on_load_failed(generation, exc),
            name="load updates",
        )

    def set_view(self, media: Sequence[str]) -> None:
        """Show updates from these media only (enabled or not); empty: every enabled
        medium. Reloads the list."""
        view = tuple(media)
        if view == self._view and self._plan is not None:
            return
        self._view = view
        self.view_changed.emit(view)
        self.reload()

    def _set_loading(self, loading: bool) -> None:
        if loading == self._loading:
            return
        self._loading = loading
        self.busy_changed.emit(
            loading,
            QCoreApplication.translate("UpdatesPresenter", "Looking for updates\u2026")
            if loading
            else "",
        )

    def _on_loaded(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self._set_loading(False)
        assert isinstance(result, tuple)
        media, plan = result
        self._media = tuple(media)
        self.media_model.set_media(self._media)
        if isinstance(plan, NoMediumError):
            self._plan = None
            self.updates_model.set_candidates((), media=self._media)
            self.media_loaded.emit(self._media)
            self.testing_enabled_changed.emit(())
            self.load_failed.emit(plan)
            return
        assert isinstance(plan, UpdatePlan)
        self._plan = plan
        self.updates_model.set_candidates(plan.candidates, media=self._media)
        self.media_loaded.emit(self._media)
        self.testing_enabled_changed.emit(tuple(m for m in self._media if m.testing and m.enabled))
        log.info("update list: %d candidates", len(plan.candidates))
        self.updates_loaded.emit(plan)

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        if isinstance(exc, SyncCancelledError):
            return
        self.load_failed.emit(exc)

    # ------------------------------------------------------------ selection

    @Slot()
    def select_all(self) -> None:
        """Tick every update that can be installed."""
        self.updates_model.set_checked(every=True)

    @Slot()
    def select_none(self) -> None:
        """Untick everything."""
        self.updates_model.set_checked(every=False)

    @Slot()
    def select_security(self) -> None:
        """Tick the security updates only."""
        self.updates_model.check_only(
            c for c in self.updates_model.candidates() if c.importance is Importance.SECURITY
        )

    def deselect(self, names: Sequence[str]) -> None:
        """Untick the packages called ``names`` (a failed install names its culprit: the
        rest stays ticked)."""
        wanted = set(names)
        self.updates_model.set_checked(
            {c.nevra: False for c in self.updates_model.candidates() if c.name in wanted},
            every=False,
        )

    @Slot(QModelIndex)
    def toggle(self, proxy_index: QModelIndex) -> None:
        """Flip the tick of the row at ``proxy_index`` (an index of ``proxy``)."""
        self.updates_model.toggle(self.proxy.mapToSource(proxy_index))

    # ------------------------------------------------------------ media switches

    @Slot(str, bool)
    def _on_media_model_switch_requested(self, name: str, on: bool) -> None:
        self.request_switch(name, on)

    def request_switch(self, name: str, on: bool) -> None:
        """The user asked to switch a medium on or off. Testing media need consent."""
        medium = self.media_model.medium(name)
        if medium is None or medium.enabled == on:
            return
        if on and medium.testing:
            self.testing_consent_needed.emit(name)
            return
        self.confirm_switch(name, on)

    def confirm_switch(self, name: str, on: bool) -> None:
        """Hand the switch on (after consent for testing media) and show it pending."""
        self.media_model.set_pending(name, on)
        self.switch_confirmed.emit(name, on)

    def switch_ended(self, name: str) -> None:
        """The helper is done with ``name`` (either way): read everything again."""
        self.media_model.set_pending(name, None)
        self.reload()
