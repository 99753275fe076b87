# SPDX-License-Identifier: GPL-2.0-or-later
"""Running urpmi and urpmi.update for the helper (helper layer, privileged side).

The command lines are closed: absolute tool paths fixed when the executor is made (tests
point them at recording stubs; a request never can), an argument list, no shell,
``env={"LC_ALL": "C", "PATH": SAFE_PATH}``, stdin closed, the working directory ``/``, and
always ``--auto --verify-rpm``. Names come last, after ``--``, and have passed the
protocol's name rules. No option a request could influence is ever added: no
``--no-verify-rpm``, ``--nopubkey``, ``--urpmi-root``, ``--root``, ``--curl-options``,
``--downloader``, ``--proxy``, ``--no-md5sum``.

Per verb (decided here):

* ``install``: ``urpmi --auto --verify-rpm [--media A,B] -- NAME…``
* ``simulate``: the same with ``--test`` (urpmi still downloads the packages into its
  cache, then stops before the transaction: "Installation is possible").
* ``refresh``: ``urpmi.update -- NAME…`` (every enabled medium when the request names none).

A request's ``media`` become ``--media A,B``: urpmi then uses only those media, for the
requested packages and for new dependencies alike, exactly as the rpm transaction executor
does. ``--searchmedia`` is not used: urpmi 6.x takes a single name there and, when that
medium is ignored, silently searches every medium instead.

Output (both streams, one pipe, in order) is parsed by ``formats.urpmiout`` into progress
replies; the exit code and the collected messages become the result (formats.md §9.2,
§12.8): 16 bad signature (``SignatureError`` by urpmi's reason), 7 locked, 17 unresolved,
11/12 transaction failed, 10/13/14 missing files, 1 unknown package or failure.
Cancelling is honoured only while urpmi downloads (SIGINT to its process group); once the
``installing`` line appears the transaction runs to its end.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from xosupdate.errors import (
    KeyNotBoundError,
    LockedError,
    MediumWithoutKeyError,
    SignatureError,
    SyncCancelledError,
    SyncError,
    TamperedPackageError,
    TransactionFailedError,
    UnknownKeyError,
    UnsignedPackageError,
    XosUpdateError,
)
from xosupdate.formats.urpmiout import (
    LineKind,
    SignatureReason,
    UrpmiExit,
    UrpmiLine,
    UrpmiOutput,
    rpm_fullname,
)
from xosupdate.helper.protocol import (
    ErrorCode,
    InstallRequest,
    Phase,
    PlannedPackage,
    RefreshRequest,
    Verb,
)
from xosupdate.helper.verbs import Context, involved_media

__all__ = ["SAFE_PATH", "URPMI", "URPMI_UPDATE", "UrpmiExecutor", "urpmi_argv"]

log = logging.getLogger(__name__)

URPMI: Final = "/usr/sbin/urpmi"
URPMI_UPDATE: Final = "/usr/sbin/urpmi.update"
SAFE_PATH: Final = "/usr/sbin:/usr/bin:/sbin:/bin"
C_ENV: Final = {"LC_ALL": "C", "PATH": SAFE_PATH}
_CHUNK: Final = 65536

_SIGNATURE_ERRORS: Final[dict[SignatureReason, type[SignatureError]]] = {
    SignatureReason.MEDIUM_WITHOUT_KEY: MediumWithoutKeyError,
    SignatureReason.MISSING: UnsignedPackageError,
    SignatureReason.INVALID_KEY_ID: KeyNotBoundError,
    SignatureReason.NO_KEY: UnknownKeyError,
    SignatureReason.INVALID: TamperedPackageError,
}


def urpmi_argv(urpmi: str, request: InstallRequest) -> list[str]:
    """The urpmi command line for an install or simulate request (names validated)."""
    # One transaction (--split-length 0): split ones are committed one by one, so a later
    # one failing (a bad signature is checked per transaction) would leave the system half
    # updated behind a failed result.
    argv = [urpmi, "--auto", "--verify-rpm", "--split-length", "0"]
    if request.verb is Verb.SIMULATE:
        argv.append("--test")
    if request.media:
        argv += ["--media", ",".join(request.media)]
    return [*argv, "--", *request.packages]


class _Run:
    """One urpmi process: reads its output, reports progress, honours cancel."""

    def __init__(self, argv: Sequence[str], ctx: Context, *, verb: str) -> None:
        self.argv = list(argv)
        self.ctx = ctx
        self.verb = verb
        self.output = UrpmiOutput()
        self.installing = False  # the transaction started: cancel is no longer honoured
        self.cancel_sent = False
        self._download = ""
        self._lock = threading.Lock()

    def run(self) -> int:
        log.info("running %s", " ".join(self.argv))
        self.ctx.report.log(f"running {Path(self.argv[0]).name}")
        try:
            proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                # Both streams in one pipe keep urpmi's order of progress and messages.
                stderr=subprocess.STDOUT,
                env=dict(C_ENV),
                cwd="/",
                shell=False,
                close_fds=True,
                start_new_session=True,  # its own process group, for cancel
            )
        except OSError as exc:
            raise TransactionFailedError(
                f"cannot run {self.argv[0]}: {exc.strerror or exc}",
                reason_code=ErrorCode.TRANSACTION.value,
            ) from exc
        stop = threading.Event()
        watcher = threading.Thread(
            target=self._watch_cancel, args=(proc, stop), name="urpmi-cancel", daemon=True
        )
        watcher.start()
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        try:
            while chunk := os.read(fd, _CHUNK):
                for line in self.output.feed(chunk):
                    self._report(line)
            for line in self.output.finish():
                self._report(line)
            return proc.wait()
        finally:
            stop.set()
            watcher.join()
            if proc.poll() is None:
                if self.installing:
                    # Never killed in the middle of a transaction (a client gone, an error
                    # while reporting): read its output to the end and let it finish.
                    with contextlib.suppress(OSError):
                        while os.read(fd, _CHUNK):
                            pass
                    proc.wait()
                else:
                    proc.kill()
                    proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()

    def _watch_cancel(self, proc: subprocess.Popen[bytes], stop: threading.Event) -> None:
        refused = False
        while not stop.wait(0.05):
            if not self.ctx.cancel.is_set() or self.cancel_sent:
                continue
            with self._lock:
                if self.installing:
                    if not refused:
                        refused = True
                        self.ctx.report.log("cancel refused: urpmi is installing")
                    continue
                self.cancel_sent = True
            self.ctx.report.log("cancelling the download")
            try:
                os.killpg(proc.pid, signal.SIGINT)
            except ProcessLookupError:
                return

    def _report(self, line: UrpmiLine) -> None:
        report = self.ctx.report
        kind = line.kind
        if kind is LineKind.DOWNLOAD_START:
            self._download = rpm_fullname(line.url) + ".rpm"
            report.progress(Phase.DOWNLOAD, self._download, 0, 0, cancellable=True)
        elif kind is LineKind.DOWNLOAD_PROGRESS:
            size = line.size or 0
            done = size * (line.percent or 0) // 100
            report.progress(Phase.DOWNLOAD, self._download, done, size, cancellable=True)
        elif kind in (LineKind.INSTALLING, LineKind.PREPARING):
            with self._lock:
                self.installing = self.verb == Verb.INSTALL
            if kind is LineKind.PREPARING:
                report.progress(Phase.PREPARE, "", 0, 0, cancellable=False)
            else:
                report.log(line.text.strip())
        elif kind is LineKind.PACKAGE:
            report.progress(Phase.INSTALL, line.name, line.done, line.total, cancellable=False)
        elif kind is LineKind.REMOVING:
            report.progress(Phase.REMOVE, line.name, line.done, line.total, cancellable=False)
        elif kind in (LineKind.MEDIUM_UP_TO_DATE, LineKind.MEDIUM_UPDATED):
            report.progress(Phase.REFRESH, line.medium, 1, 1, cancellable=False)
            report.log(line.text.strip())
        elif kind not in (LineKind.BLANK, LineKind.HASHES, LineKind.INSTALL_FILE):
            report.log(line.text.strip())


def _signature_error(output: UrpmiOutput, exit_code: int) -> SignatureError:
    bad = output.bad_signatures
    details = tuple(f"{b.fullname}: {b.text}" for b in bad)
    reasons = {b.reason for b in bad}
    cls: type[SignatureError] = SignatureError
    if len(reasons) == 1:
        cls = _SIGNATURE_ERRORS[next(iter(reasons))]
    listed = "; ".join(details) if details else "see the log"
    error = cls(
        f"urpmi refused packages with bad signatures (exit {exit_code}): {listed}",
        package=bad[0].fullname if len(bad) == 1 else None,
    )
    error.details = details  # type: ignore[attr-defined]
    return error


def _failure(output: UrpmiOutput, exit_code: int, *, cancelled: bool) -> XosUpdateError:
    """The error an urpmi exit code and its output stand for (formats.md §9.2, §12.8)."""
    # Interrupted while downloading, urpmi exits on the signal, or with 3 (Ctrl-C while
    # resolving) or 10 (files missing: the ones it did not get).
    if cancelled and (exit_code < 0 or exit_code in (UrpmiExit.SOURCES, UrpmiExit.MISSING_FILES)):
        return SyncCancelledError("cancelled during the download; nothing was installed")
    if exit_code == UrpmiExit.LOCKED or LineKind.LOCKED in output.kinds:
        return LockedError("urpmi database locked")
    if exit_code == UrpmiExit.BAD_SIGNATURE:
        return _signature_error(output, exit_code)
    if exit_code == UrpmiExit.NOT_INSTALLED or output.unsatisfied:
        details = tuple(f"{pkg}: needs {req}" for pkg, req in output.unsatisfied)
        return TransactionFailedError(
            "some packages cannot be installed: " + ("; ".join(details) or "see the log"),
            exit_code=exit_code,
            reason_code=ErrorCode.UNRESOLVED.value,
            details=details,
        )
    if exit_code in (UrpmiExit.SOME_FAILED, UrpmiExit.ALL_FAILED):
        details = tuple(output.problems)
        return TransactionFailedError(
            "the rpm transaction failed: " + ("; ".join(details) or "see the log"),
            exit_code=exit_code,
            reason_code=ErrorCode.TRANSACTION.value,
            details=details,
        )
    if exit_code in (
        UrpmiExit.MISSING_FILES,
        UrpmiExit.MISSING_SOME_FAILED,
        UrpmiExit.MISSING_ALL_FAILED,
    ):
        details = tuple(output.failures + output.problems)
        return TransactionFailedError(
            "some packages could not be downloaded: " + ("; ".join(details) or "see the log"),
            exit_code=exit_code,
            reason_code=ErrorCode.MISSING_FILES.value,
            details=details,
        )
    not_found = [f for f in output.failures if f.startswith("No package named")]
    if not_found:
        return TransactionFailedError(
            "; ".join(not_found),
            exit_code=exit_code,
            reason_code=ErrorCode.NOT_FOUND.value,
            details=tuple(not_found),
        )
    details = tuple(output.failures + output.problems)
    return TransactionFailedError(
        f"urpmi failed (exit {exit_code})" + (f": {'; '.join(details)}" if details else ""),
        exit_code=exit_code,
        reason_code=ErrorCode.TRANSACTION.value,
        details=details,
    )


class UrpmiExecutor:
    """The executor for real urpmi systems (``/`` with ``/usr/sbin/urpmi``).

    Args:
        urpmi, urpmi_update: absolute paths of the tools (tests inject recording stubs).
    """

    name = "urpmi"

    def __init__(self, *, urpmi: str = URPMI, urpmi_update: str = URPMI_UPDATE) -> None:
        for path in (urpmi, urpmi_update):
            if not Path(path).is_absolute():
                raise ValueError(f"urpmi tools must be absolute paths: {path}")
        self.urpmi = urpmi
        self.urpmi_update = urpmi_update

    def _install(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        run = _Run(urpmi_argv(self.urpmi, request), ctx, verb=request.verb)
        code = run.run()
        if code != UrpmiExit.OK:
            raise _failure(run.output, code, cancelled=run.cancel_sent)
        return tuple(PlannedPackage(fullname=n) for n in dict.fromkeys(run.output.fullnames))

    def install(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        """``urpmi --auto --verify-rpm --split-length 0 [--media …] -- NAME…``."""
        return self._install(request, ctx)

    def simulate(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        """``urpmi --auto --verify-rpm --split-length 0 --test [--media …] -- NAME…``."""
        return self._install(request, ctx)

    def refresh(
        self, request: RefreshRequest, ctx: Context, *, trust_keys: bool = False
    ) -> tuple[str, ...]:
        """``urpmi.update [--nopubkey] NAME…`` (every enabled medium when none is named):
        the key of a medium without key-ids is trusted only with ``trust_keys`` (see
        ``Executor.refresh``)."""
        names = tuple(m.name for m in involved_media(ctx.cfg, request.media))
        if not names:
            return ()
        options = [] if trust_keys else ["--nopubkey"]
        # No "--": urpmi.update takes media names only through its Getopt "<>" callback,
        # which "--" turns off. Medium names never start with "-" (protocol rules).
        run = _Run([self.urpmi_update, *options, *names], ctx, verb=request.verb)
        code = run.run()
        if code == UrpmiExit.OK:
            return names
        if code == UrpmiExit.LOCKED or LineKind.LOCKED in run.output.kinds:
            raise LockedError("urpmi database locked")
        if run.cancel_sent:
            raise SyncCancelledError("refresh cancelled")
        details = tuple(run.output.failures)
        raise SyncError(
            f"urpmi.update failed (exit {code})" + (f": {'; '.join(details)}" if details else "")
        )
