# SPDX-License-Identifier: GPL-2.0-or-later
"""The notifier's presenter: when to check, what a check found, when to speak (ui layer).

A check is what the window's F5 does, as the user and into the user's cache: refresh the
enabled media's metadata, then compute the update plan with the same engine. It never
runs as root and never takes urpmi's lock (design/ux.md §1.2: users disabled mdkapplet
because its checks locked urpmi). Its count is ``UpdatePlan.counts()``, the window's.

Schedule: the first check ``first_check_minutes`` after start, then one every
``check_interval_hours`` (±10 %, so that machines started together do not all hit the
mirror at once). A failed check is retried sooner (15 minutes, doubling up to the
interval); after ``FAILURES_BEFORE_TELLING`` failures in a row the notifier says once that
it could not check, and keeps saying it in its tooltip until a check succeeds.

It speaks only when a check finds an update it has not announced before (remembered
across sessions): silence when nothing changed. When the rpm database or urpmi.cfg
changes (updates installed, a medium switched), the count is computed again from the
cache without a refresh and without a notification: the user did it.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QFileSystemWatcher,
    QObject,
    QSettings,
    QTimer,
    Signal,
    Slot,
)

from xosupdate.config import Settings
from xosupdate.domain.plan import UpdateCounts, UpdatePlan
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken
from xosupdate.errors import LockedError, NoMediumError, SyncCancelledError, XosUpdateError
from xosupdate.ui.backend import RefreshBackend
from xosupdate.ui.errors import describe_error
from xosupdate.ui.tasks import Runner, TaskHandle
from xosupdate.ui.wording import update_counts_icon, update_counts_text

__all__ = [
    "FAILURES_BEFORE_TELLING",
    "CheckOutcome",
    "Notice",
    "NotifierBackend",
    "NotifierPresenter",
    "NotifierState",
]

log = logging.getLogger(__name__)

FAILURES_BEFORE_TELLING: Final = 3
_RETRY_MINUTES: Final = 15.0
_JITTER: Final = 0.1
# The rpm database is written in several steps: recount once it is quiet.
_RECOUNT_DELAY_MS: Final = 3_000
_NOTIFIED_KEY: Final = "notifier/notified"
_LAST_SUCCESS_KEY: Final = "notifier/last_success"
# Longest single-shot QTimer interval (a signed 32-bit count of milliseconds).
_MAX_TIMER_MS: Final = 2**31 - 1


class NotifierBackend(RefreshBackend, Protocol):
    """What a check needs of the core."""

    def compute_updates(self, media: tuple[str, ...] = ()) -> UpdatePlan:
        """The update plan of the enabled media."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckOutcome:
    """What one check found.

    Attributes:
        failed_media: the media whose refresh failed (the plan uses their old cache).
        refreshed: False when the refresh was skipped (another one of the same cache ran:
            the window's, whose result is just as fresh).
    """

    plan: UpdatePlan
    failed_media: tuple[str, ...] = ()
    all_failed: bool = False
    refreshed: bool = True


class Phase(enum.Enum):
    """What the notifier is doing."""

    IDLE = "idle"
    CHECKING = "checking"


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifierState:
    """What the tray icon shows.

    Attributes:
        counts: the pending updates by importance; None until a count succeeded.
        failures: checks failed in a row.
        error: what the last failed check ran into ("" after a success).
        last_success: when a check last succeeded.
        stale_media: media whose last refresh failed although the check went through.
        unwatched: why the checks cannot see (some) updates, however they go: no medium,
            every medium switched off, or no update medium on (mgaapplet's states). Said
            at once: it is not a failure that may pass, and not "up to date".
    """

    phase: Phase = Phase.IDLE
    counts: UpdateCounts | None = None
    failures: int = 0
    error: str = ""
    last_success: dt.datetime | None = None
    stale_media: tuple[str, ...] = ()
    unwatched: str = ""

    @property
    def failing(self) -> bool:
        """Checks failed often enough in a row to say so."""
        return self.failures >= FAILURES_BEFORE_TELLING

    @property
    def visible(self) -> bool:
        """The icon is shown only when there is something to act on (design/ux.md §1.1:
        an indicator that is always there is a complaint of its own)."""
        return self.failing or bool(self.unwatched) or bool(self.counts and self.counts.total)

    @property
    def icon_name(self) -> str:
        """The icon of the most urgent thing to tell."""
        if self.failing or self.unwatched:
            return "verdict-warning"
        return update_counts_icon(self.counts or UpdateCounts())


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """A message for the desktop's notifications."""

    title: str
    text: str
    urgent: bool = False


def check_system(backend: NotifierBackend, cancel: CancelToken = NEVER_CANCELLED) -> CheckOutcome:
    """One check (runs off the GUI thread): refresh as the user, then count."""
    failed: tuple[str, ...] = ()
    all_failed = False
    refreshed = True
    try:
        report = backend.refresh(cancel=cancel)
    except LockedError:
        log.info("the metadata cache is being refreshed by another xosupdate: counting only")
        refreshed = False
    else:
        failed = tuple(r.medium for r in report.failed)
        all_failed = bool(report.results) and len(failed) == len(report.results)
        for r in report.failed:
            log.info("refresh of %s failed: %s", r.medium, r.error)
    plan = backend.compute_updates()
    return CheckOutcome(plan=plan, failed_media=failed, all_failed=all_failed, refreshed=refreshed)


def unwatched_text(outcome: UpdatePlan | NoMediumError) -> str:
    """What keeps the checks from seeing updates, for ``NotifierState.unwatched``."""
    if isinstance(outcome, NoMediumError):
        text = describe_error(outcome)
        return f"{text.title}: {text.text}"
    if outcome.no_update_medium:
        return QCoreApplication.translate(
            "NotifierPresenter",
            "No update medium is switched on: security and bug-fix updates are not looked for.",
        )
    return ""


class NotifierPresenter(QObject):
    """Schedules checks, keeps the ``NotifierState`` and decides what to announce.

    Args:
        settings: the schedule (``first_check_minutes``, ``check_interval_hours``).
        memory: where the announced updates and the last success are remembered (None:
            nowhere, tests).
        watch: the paths whose change means "count again" (``Locations.system_paths``);
            asked again after each change, since rpm and urpmi may replace files.
        recount_delay_ms: how long the watched paths must stay quiet before a recount
            (rpm writes its database in several steps).
        now, rng: the clock and the jitter's randomness (tests fix them).

    Signals:
        state_changed(object): the new ``NotifierState``.
        notice(object): a ``Notice`` to show.
    """

    state_changed = Signal(object)
    notice = Signal(object)

    def __init__(
        self,
        backend: NotifierBackend,
        runner: Runner,
        settings: Settings,
        *,
        memory: QSettings | None = None,
        watch: Callable[[], tuple[Path, ...]] | None = None,
        recount_delay_ms: int = _RECOUNT_DELAY_MS,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        rng: random.Random | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self._settings = settings
        self._memory = memory
        self._now = now
        self._rng = rng or random.Random()  # noqa: S311 - spreading load, not secrecy
        self._task: TaskHandle | None = None
        self._recount_pending = False
        self._check_pending = False  # a scheduled check came due while a count ran
        self._retry_minutes = _RETRY_MINUTES
        self._notified: frozenset[str] = self._load_notified()
        self._state = NotifierState(last_success=self._load_last_success())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(recount_delay_ms)
        self._recount_timer.timeout.connect(self._recount)
        self._watch = watch
        self._watcher = QFileSystemWatcher(self)
        self._watch_paths()
        self._watcher.directoryChanged.connect(self._on_system_changed)
        self._watcher.fileChanged.connect(self._on_system_changed)

    # ------------------------------------------------------------ public

    @property
    def state(self) -> NotifierState:
        """What the icon shows now."""
        return self._state

    @property
    def checking(self) -> bool:
        """A check or a count is running."""
        return self._task is not None and not self._task.done

    @property
    def next_check_in_ms(self) -> int | None:
        """Milliseconds until the next scheduled check, None when none is scheduled."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    def start(self) -> None:
        """Schedule the first check."""
        self._schedule(self._settings.first_check_minutes * 60_000)

    @Slot()
    def check_now(self) -> bool:
        """Refresh and count now. False when a check or count already runs (it is not
        queued: its result will be as fresh)."""
        if self.checking:
            log.debug("check not started: another one is running")
            # A count (after an install) may be what runs: the check then follows it, or
            # the schedule would end here (nothing else starts the timer again). A check
            # that runs already answers this one.
            if self._state.phase is not Phase.CHECKING:
                self._check_pending = True
            return False
        self._check_pending = False
        self._timer.stop()
        self._set_state(replace(self._state, phase=Phase.CHECKING))
        backend = self._backend
        token = CancelToken()
        self._task = self._runner.submit(
            lambda: check_system(backend, token),
            succeeded=self._on_checked,
            failed=self._on_check_failed,
            on_cancel=token.cancel,
            name="notifier check",
        )
        return True

    def shutdown(self) -> None:
        """Stop the timers and any running check."""
        self._timer.stop()
        self._recount_timer.stop()
        self._runner.cancel_all()

    # ------------------------------------------------------------ checks

    def _on_checked(self, result: object) -> None:
        self._task = None
        assert isinstance(result, CheckOutcome)
        plan = result.plan
        if result.all_failed or (plan.problems and not plan.candidates):
            reason = (
                #: {0}: media names.
                QCoreApplication.translate("NotifierPresenter", "{0}: no mirror answered").format(
                    ", ".join(result.failed_media)
                )
                if result.all_failed
                else plan.problems[0].message
            )
            self._failed(reason, counts=plan.counts(), unwatched=unwatched_text(plan))
            return
        counts = plan.counts()
        now = self._now()
        self._retry_minutes = _RETRY_MINUTES
        self._set_state(
            NotifierState(
                counts=counts,
                last_success=now,
                stale_media=result.failed_media,
                unwatched=unwatched_text(plan),
            )
        )
        self._remember_success(now)
        self._announce(plan)
        self._schedule(self._interval_ms())
        self._after_task()

    def _on_check_failed(self, exc: BaseException) -> None:
        self._task = None
        if isinstance(exc, SyncCancelledError):
            self._set_state(replace(self._state, phase=Phase.IDLE))
            return
        if isinstance(exc, NoMediumError):
            # Not a failure to retry sooner: a state to show until the media change (a
            # change of urpmi.cfg counts again).
            log.info("nothing to check: %s", exc)
            self._retry_minutes = _RETRY_MINUTES
            self._set_state(
                NotifierState(last_success=self._state.last_success, unwatched=unwatched_text(exc))
            )
            self._schedule(self._interval_ms())
            self._after_task()
            return
        if not isinstance(exc, XosUpdateError):
            log.error("notifier check failed", exc_info=exc)
        self._failed(describe_error(exc).text, counts=self._state.counts)

    def _failed(
        self, reason: str, *, counts: UpdateCounts | None, unwatched: str | None = None
    ) -> None:
        """A failed check; ``unwatched``: the plan's, when one was computed (None: as
        before)."""
        failures = self._state.failures + 1
        log.info("check failed (%d in a row): %s", failures, reason)
        state = replace(
            self._state, phase=Phase.IDLE, counts=counts, failures=failures, error=reason
        )
        if unwatched is not None:
            state = replace(state, unwatched=unwatched)
        self._set_state(state)
        if failures == FAILURES_BEFORE_TELLING:
            self.notice.emit(
                Notice(
                    title=self.tr("Could not check for updates"),
                    text=self.tr("The last %n check(s) failed: {0}", "", failures).format(reason),
                )
            )
        self._schedule(min(self._retry_minutes * 60_000, self._interval_ms()))
        self._retry_minutes *= 2
        self._after_task()

    def _announce(self, plan: UpdatePlan) -> None:
        pending = plan.pending()
        fresh = pending - self._notified
        self._remember_notified(pending)
        if not fresh:
            return
        counts = plan.counts()
        self.notice.emit(
            Notice(
                title=self.tr("Security updates available")
                if counts.security
                else self.tr("Updates available"),
                text=update_counts_text(counts),
                urgent=bool(counts.security),
            )
        )

    # ------------------------------------------------------------ recounts

    def _watch_paths(self) -> None:
        if self._watch is None:
            return
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        new = [str(p) for p in self._watch() if str(p) not in watched]
        if new:
            self._watcher.addPaths(new)

    @Slot(str)
    def _on_system_changed(self, path: str) -> None:
        log.debug("%s changed: counting again soon", path)
        self._watch_paths()
        self._recount_timer.start()

    @Slot()
    def _recount(self) -> None:
        if self.checking:
            self._recount_pending = True
            return
        backend = self._backend
        self._task = self._runner.submit(
            backend.compute_updates,
            succeeded=self._on_recounted,
            failed=self._on_recount_failed,
            name="notifier count",
        )

    def _on_recounted(self, result: object) -> None:
        self._task = None
        assert isinstance(result, UpdatePlan)
        # The count the window shows now, even when a medium cannot be read (the check
        # counts so too); only a whole plan is what the user has seen.
        state = replace(self._state, unwatched=unwatched_text(result))
        if result.candidates or not result.problems:
            state = replace(state, counts=result.counts())
        self._set_state(state)
        if not result.problems:
            # The user changed the system: what is pending now is known to them.
            self._remember_notified(result.pending())
        self._after_task()

    def _on_recount_failed(self, exc: BaseException) -> None:
        self._task = None
        log.info("count after a change of the system failed: %s", exc)
        if isinstance(exc, NoMediumError):  # every medium switched off, say
            self._set_state(replace(self._state, counts=None, unwatched=unwatched_text(exc)))
        self._after_task()

    def _after_task(self) -> None:
        if self._check_pending:
            self.check_now()
        elif self._recount_pending:
            self._recount_pending = False
            self._recount_timer.start()

    # ------------------------------------------------------------ schedule and memory

    def _interval_ms(self) -> float:
        hours = self._settings.check_interval_hours
        return hours * 3_600_000 * self._rng.uniform(1 - _JITTER, 1 + _JITTER)

    def _schedule(self, msecs: float) -> None:
        self._timer.start(int(min(max(msecs, 0), _MAX_TIMER_MS)))

    def _set_state(self, state: NotifierState) -> None:
        self._state = state
        self.state_changed.emit(state)

    def _load_notified(self) -> frozenset[str]:
        if self._memory is None:
            return frozenset()
        text = self._memory.value(_NOTIFIED_KEY, "")
        return frozenset(str(text).split()) if text else frozenset()

    def _remember_notified(self, pending: frozenset[str]) -> None:
        self._notified = pending
        if self._memory is not None:
            self._memory.setValue(_NOTIFIED_KEY, " ".join(sorted(pending)))

    def _load_last_success(self) -> dt.datetime | None:
        if self._memory is None:
            return None
        text = self._memory.value(_LAST_SUCCESS_KEY, "")
        try:
            return dt.datetime.fromisoformat(str(text)) if text else None
        except ValueError:
            return None

    def _remember_success(self, when: dt.datetime) -> None:
        if self._memory is not None:
            self._memory.setValue(_LAST_SUCCESS_KEY, when.isoformat())
