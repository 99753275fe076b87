# SPDX-License-Identifier: GPL-2.0-or-later
"""Hand-written fakes for the GUI tests: a synchronous task runner and domain builders."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.domain.evr import Evr
from xosupdate.domain.medium import Medium, MediumKind
from xosupdate.domain.plan import CandidateKind, UpdateCandidate, UpdatePlan
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken, Phase, Progress, ProgressFn
from xosupdate.domain.verdict import SignatureVerdict, Verdict
from xosupdate.errors import SyncCancelledError
from xosupdate.helper.protocol import Verb
from xosupdate.services.audit import AuditReport
from xosupdate.services.mirrors import MirrorRanking
from xosupdate.services.packages import MediumPackage
from xosupdate.services.refresh import MediumRefresh, RefreshReport, RefreshStatus
from xosupdate.services.report import ReportFormat
from xosupdate.services.signatures import SignatureReport


@dataclass
class SyncTask:
    """A task that already ran; ``cancel()`` after the fact changes nothing."""

    name: str
    cancelled: bool = False
    done: bool = True

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class SyncTaskRunner:
    """Runs every task at once on the calling thread, keeping TaskRunner's contract:
    exactly one terminal callback, progress before it, exceptions become ``failed``."""

    submitted: list[str] = field(default_factory=list)
    cancel_requests: int = 0

    def submit(
        self,
        fn: Callable[..., object],
        *,
        succeeded: Callable[[object], None],
        failed: Callable[[BaseException], None],
        progress: Callable[[object], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        name: str = "",
    ) -> SyncTask:
        task = SyncTask(name=name or getattr(fn, "__name__", "task"))
        self.submitted.append(task.name)
        try:
            result = fn(progress=progress) if progress is not None else fn()
        except Exception as exc:  # noqa: BLE001 - the worker boundary, as in TaskRunner
            failed(exc)
            return task
        succeeded(result)
        return task

    def cancel_all(self) -> None:
        self.cancel_requests += 1

    def wait_for_done(self, msecs: int = -1) -> bool:
        return True


@dataclass
class DeferredTaskRunner:
    """Keeps tasks until the test finishes them: for cancel and "busy" states."""

    pending: list[tuple[str, Callable[..., object], dict[str, object]]] = field(
        default_factory=list
    )

    def submit(
        self,
        fn: Callable[..., object],
        *,
        succeeded: Callable[[object], None],
        failed: Callable[[BaseException], None],
        progress: Callable[[object], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        name: str = "",
    ) -> SyncTask:
        task = SyncTask(name=name or getattr(fn, "__name__", "task"), done=False)
        self.pending.append(
            (
                task.name,
                fn,
                {
                    "task": task,
                    "succeeded": succeeded,
                    "failed": failed,
                    "progress": progress,
                    "on_cancel": on_cancel,
                },
            )
        )
        return task

    def run_next(self) -> None:
        _, fn, parts = self.pending.pop(0)
        task = parts["task"]
        assert isinstance(task, SyncTask)
        progress = parts["progress"]
        try:
            result = fn(progress=progress) if progress is not None else fn()
        except Exception as exc:  # noqa: BLE001 - the worker boundary, as in TaskRunner
            task.done = True
            parts["failed"](exc)  # type: ignore[operator]
            return
        task.done = True
        if task.cancelled:
            parts["failed"](SyncCancelledError())  # type: ignore[operator]
        else:
            parts["succeeded"](result)  # type: ignore[operator]

    def cancel_all(self) -> None:
        for _, _, parts in self.pending:
            task = parts["task"]
            assert isinstance(task, SyncTask)
            task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        return not self.pending


def evr(label: str) -> Evr:
    return Evr.parse(label)


def candidate(
    name: str,
    new: str = "1.1-1",
    old: str | None = "1.0-1",
    *,
    medium: str = "Updates",
    importance: Importance | None = None,
    kind: CandidateKind = CandidateKind.UPGRADE,
    required_by: tuple[str, ...] = (),
    missing: tuple[str, ...] = (),
    filesize: int | None = 1000,
    summary: str = "",
    arch: str = "x86_64",
    restart: str = "",
) -> UpdateCandidate:
    advisory = None
    if importance is not None:
        advisory = Advisory(
            packages=(name,),
            importance=importance,
            id=f"XOSA-2009:{abs(hash(name)) % 1000:03d}",
            url=f"http://advisories.example/{name}",
            reason=f"Fixes {name}.",
            description=f"Details about {name}.",
        )
    return UpdateCandidate(
        name=name,
        arch=arch,
        candidate=evr(new),
        installed=evr(old) if old and kind is CandidateKind.UPGRADE else None,
        medium=medium,
        kind=kind,
        summary=summary or f"The {name} package",
        filesize=filesize,
        advisory=advisory,
        required_by=required_by,
        installable=not missing,
        missing=missing,
        restart=restart,
    )


def medium(
    name: str, *, enabled: bool = True, update: bool = False, kind: MediumKind | None = None
) -> Medium:
    if kind is None:
        kind = (
            MediumKind.TESTING
            if "Testing" in name
            else (MediumKind.UPDATES if update else MediumKind.RELEASE)
        )
    return Medium(
        name=name,
        mirrorlist="$MIRRORLIST",
        with_dir=f"media/{name.lower()}",
        enabled=enabled,
        update=update,
        key_ids=("5c4f6421",),
        kind=kind,
    )


@dataclass
class FakeBackend:
    """The core of a pretend system: media, a plan per view, a medium's packages, an
    audit. ``fail`` makes the next call raise."""

    media: tuple[Medium, ...] = ()
    plans: dict[tuple[str, ...], UpdatePlan] = field(default_factory=dict)
    packages: dict[str, tuple[MediumPackage, ...]] = field(default_factory=dict)
    report: AuditReport | None = None
    fail: BaseException | None = None
    # Raised by every compute_updates until cleared (nothing to look in, say).
    compute_error: BaseException | None = None
    calls: list[str] = field(default_factory=list)
    written: dict[Path, str] = field(default_factory=dict)
    root: Path = Path("/tmp/fake-root")
    privileged: bool = False
    launcher: FakeHelper | None = None
    refresh_results: dict[str, MediumRefresh] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    ranking: MirrorRanking | None = None

    def helper_launcher(self) -> FakeHelper | None:
        return self.launcher

    def _maybe_fail(self, what: str) -> None:
        self.calls.append(what)
        if self.fail is not None:
            exc, self.fail = self.fail, None
            raise exc

    def list_media(self) -> tuple[Medium, ...]:
        self._maybe_fail("list_media")
        return self.media

    def refresh(
        self,
        names: Sequence[str] = (),
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> RefreshReport:
        self._maybe_fail(f"refresh{tuple(names)}")
        media = list(names) or [m.name for m in self.media if m.enabled]
        results = []
        for name in media:
            if progress is not None:
                progress(Progress(phase=Phase.CHECK, medium=name, file="MD5SUM"))
                progress(
                    Progress(
                        phase=Phase.DOWNLOAD,
                        medium=name,
                        file="synthesis.hdlist.cz",
                        bytes_done=500,
                        bytes_total=1000,
                        files_done=0,
                        files_total=1,
                    )
                )
            cancel.check(medium=name)
            results.append(
                self.refresh_results.get(name)
                or MediumRefresh(medium=name, status=RefreshStatus.UPDATED, packages=3)
            )
        return RefreshReport(results=tuple(results))

    def signatures(
        self,
        plan: UpdatePlan,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> SignatureReport:
        self._maybe_fail("signatures")
        return SignatureReport(
            verdicts=tuple(
                SignatureVerdict(
                    name=c.name,
                    arch=c.arch,
                    medium=c.medium,
                    verdict=self.verdicts.get(c.name, Verdict.TRUSTED),
                    key_id="5c4f6421",
                    signer_medium=c.medium,
                    detail=f"Signed by 5c4f6421, the key of {c.medium}",
                )
                for c in plan.candidates
            )
        )

    def mirrors(
        self,
        *,
        probe: bool = False,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> MirrorRanking:
        self._maybe_fail(f"mirrors(probe={probe})")
        assert self.ranking is not None
        return self.ranking

    def compute_updates(self, media: Sequence[str] = ()) -> UpdatePlan:
        self._maybe_fail(f"compute_updates{tuple(media)}")
        if self.compute_error is not None:
            raise self.compute_error
        return self.plans.get(tuple(media), UpdatePlan(media=tuple(m.name for m in self.media)))

    def medium_packages(self, medium: str) -> tuple[MediumPackage, ...]:
        self._maybe_fail(f"medium_packages({medium})")
        return self.packages.get(medium, ())

    def audit(self) -> AuditReport:
        self._maybe_fail("audit")
        assert self.report is not None
        return self.report

    def render_report(self, report: AuditReport, fmt: ReportFormat) -> str:
        return f"{fmt.value}: {len(report.records)} records"

    def write_file(self, path: Path, text: str) -> None:
        self._maybe_fail(f"write_file({path.name})")
        self.written[path] = text


def progress(
    phase: str, item: str = "", done: int = 0, total: int = 0, *, cancellable: bool = False
) -> dict[str, object]:
    return {
        "type": "progress",
        "phase": phase,
        "item": item,
        "done": done,
        "total": total,
        "cancellable": cancellable,
    }


def result(
    ok: bool = True,
    code: str = "ok",
    message: str = "done",
    *,
    packages: Sequence[tuple[str, str]] = (),
    **extra: object,
) -> dict[str, object]:
    return {
        "type": "result",
        "ok": ok,
        "code": code,
        "message": message,
        "details": [],
        "packages": [{"fullname": f, "medium": m} for f, m in packages],
        "exit_code": None,
        "medium": None,
        "package": None,
        **extra,
    }


@dataclass
class FakeHelper:
    """A launcher that runs tests/gui/fake_helper.py with a scenario per verb."""

    directory: Path
    scenario: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.directory / "scenario.json"

    def play(self, verb: str, *steps: dict[str, object]) -> None:
        self.scenario[verb] = list(steps)
        self.path.write_text(json.dumps(self.scenario))

    def command(self, verb: Verb, root: Path) -> list[str]:
        self.path.write_text(json.dumps(self.scenario))
        script = Path(__file__).with_name("fake_helper.py")
        return [sys.executable, "-I", str(script), str(self.path), verb.value]

    def requests(self) -> list[dict[str, Any]]:
        log = self.directory / "scenario.json.log"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text().splitlines()]
