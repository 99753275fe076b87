# SPDX-License-Identifier: GPL-2.0-or-later
"""The privileged helper, driven from the GUI thread without blocking it (ui layer).

``HelperProcess`` starts one helper process for one request with ``QProcess`` (the
command line comes from ``services.transaction``'s launchers: pkexec for ``/``, the helper
run directly for a sandbox root), writes the request line, and decodes each stdout line as
it arrives (``readyReadStandardOutput``) with the same pure ``ReplyDecoder`` the CLI uses.
No thread, no ``processEvents`` loop: Qt's event loop delivers the lines.

pkexec's exit statuses 126 and 127 become ``AuthorizationDismissedError`` and
``NotAuthorizedError`` (the decoder's ``finish`` decides); a failed result becomes the
``XosUpdateError`` its code stands for.
"""

from __future__ import annotations

import collections
import logging
from pathlib import Path
from typing import Final, Protocol

from PySide6.QtCore import QObject, QProcess, Signal, Slot

from xosupdate.errors import HelperError, HelperProtocolError, XosUpdateError
from xosupdate.helper.protocol import (
    CANCEL_LINE,
    MAX_REPLY_BYTES,
    LogEvent,
    ProgressEvent,
    Request,
    request_line,
)
from xosupdate.services.transaction import HelperLauncher, ReplyDecoder, launcher_for

__all__ = ["HelperJob", "HelperProcess"]

log = logging.getLogger(__name__)

_STDERR_TAIL: Final = 20


class HelperJob(Protocol):
    """What presenters use of a helper run (``HelperProcess``, or a fake in tests).

    Signals (``SignalInstance`` attributes): ``progress_changed(ProgressEvent)``,
    ``log_received(str)``, ``succeeded(ResultEvent)``, ``failed(XosUpdateError)``;
    exactly one of the last two, once.
    """

    @property
    def request(self) -> Request:
        """The request this run serves."""
        ...

    @property
    def running(self) -> bool:
        """Started and not finished."""
        ...

    def start(self) -> None:
        """Start the helper and send the request."""
        ...

    def cancel(self) -> None:
        """Ask the helper to stop at its next safe point."""
        ...


class HelperProcess(QObject):
    """One helper process serving one request.

    Signals:
        progress_changed(object): a ``ProgressEvent`` (phase, item, done, total,
            cancellable).
        log_received(str): a line worth showing in the log.
        succeeded(object): the successful ``ResultEvent``.
        failed(object): the ``XosUpdateError`` the run ended with (authorization
            dismissed or refused, a refused request, a failed transaction, a broken
            protocol).
    """

    progress_changed = Signal(object)
    log_received = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        request: Request,
        *,
        root: Path,
        launcher: HelperLauncher | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request = request
        self._root = root
        self._launcher = launcher or launcher_for(root)
        self._decoder = ReplyDecoder()
        self._stderr: collections.deque[str] = collections.deque(maxlen=_STDERR_TAIL)
        self._process = QProcess(self)
        self._process.readyReadStandardOutput.connect(self._on_process_ready_read_stdout)
        self._process.readyReadStandardError.connect(self._on_process_ready_read_stderr)
        self._process.finished.connect(self._on_process_finished)
        self._process.errorOccurred.connect(self._on_process_error_occurred)
        self._ended = False
        self.argv: list[str] = []

    @property
    def request(self) -> Request:
        """The request this run serves."""
        return self._request

    @property
    def running(self) -> bool:
        """Started and not finished."""
        return self._process.state() != QProcess.ProcessState.NotRunning

    def start(self) -> None:
        """Start the helper; the request line is written once it runs."""
        try:
            self.argv = self._launcher.command(self._request.verb, self._root)
        except XosUpdateError as exc:
            self._end_with(exc)
            return
        log.info("helper: %s", " ".join(self.argv))
        self._process.setProgram(self.argv[0])
        self._process.setArguments(self.argv[1:])
        self._process.started.connect(self._on_process_started)
        self._process.start()

    def cancel(self) -> None:
        """Ask the helper to stop at its next safe point (downloads stop; a running rpm
        transaction finishes)."""
        if self.running:
            self._process.write(CANCEL_LINE + b"\n")

    def wait_for_finished(self, msecs: int) -> bool:
        """Block until the helper has ended (application shutdown only)."""
        return self._process.waitForFinished(msecs)

    # ------------------------------------------------------------ process signals

    @Slot()
    def _on_process_started(self) -> None:
        self._process.write(request_line(self._request))

    @Slot()
    def _on_process_ready_read_stdout(self) -> None:
        while not self._ended and self._process.canReadLine():
            raw = bytes(self._process.readLine(MAX_REPLY_BYTES + 2).data())
            self._feed(raw)

    def _feed(self, raw: bytes) -> None:
        try:
            event = self._decoder.feed(raw)
        except HelperProtocolError as exc:
            # Nothing it says can be trusted any more: stop it and report.
            self._process.kill()
            self._end_with(exc)
            return
        if isinstance(event, ProgressEvent):
            self.progress_changed.emit(event)
        elif isinstance(event, LogEvent):
            self.log_received.emit(event.text)

    @Slot()
    def _on_process_ready_read_stderr(self) -> None:
        data = bytes(self._process.readAllStandardError().data())
        for line in data.decode("utf-8", "replace").splitlines():
            self._stderr.append(line)
            log.debug("helper: %s", line)

    @Slot(int, QProcess.ExitStatus)
    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        # Lines still buffered (the last ones may arrive with the exit).
        self._on_process_ready_read_stdout()
        rest = bytes(self._process.readAllStandardOutput().data())
        if rest.strip() and not self._ended:
            self._feed(rest)
        self._on_process_ready_read_stderr()
        self._process.closeWriteChannel()
        if self._ended:
            return
        if status == QProcess.ExitStatus.CrashExit:
            self._end_with(HelperProtocolError(f"the helper crashed ({self._stderr_tail()})"))
            return
        try:
            result = self._decoder.finish(code, "\n".join(self._stderr))
        except XosUpdateError as exc:
            self._end_with(exc)
            return
        self._ended = True
        self.succeeded.emit(result)

    @Slot(QProcess.ProcessError)
    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._ended:
            program = self.argv[0] if self.argv else "the helper"
            self._end_with(HelperError(f"cannot start {program}: {self._process.errorString()}"))

    def _stderr_tail(self) -> str:
        return self._stderr[-1] if self._stderr else "no message"

    def _end_with(self, exc: XosUpdateError) -> None:
        if self._ended:
            return
        self._ended = True
        log.info("helper %s failed: %s", self._request.verb.value, exc)
        self.failed.emit(exc)
