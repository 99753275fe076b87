# SPDX-License-Identifier: GPL-2.0-or-later
"""Changing the system through the privileged helper (services layer, Qt-free).

The helper is started once per request: ``pkexec /usr/libexec/xosupdate/xosupdate-helper
VERB`` for the running system (``/``), or the same code directly (``python -I -m
xosupdate.helper VERB --root DIR``) for a sandbox root the user owns. The request goes in
as one JSON line; the replies come back as JSON lines, decoded by ``ReplyDecoder`` (a pure
line-by-line decoder the GUI's QProcess wrapper reuses) into typed events; ``cancel()``
writes the cancel line. pkexec's own exit statuses 126 and 127 (no result line) become
``AuthorizationDismissedError`` and ``NotAuthorizedError``; a failed result becomes the
``XosUpdateError`` its code stands for; anything else that breaks the protocol is a
``HelperProtocolError``.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, Protocol

from xosupdate.errors import (
    AuthorizationDismissedError,
    HelperError,
    HelperProtocolError,
    NotAuthorizedError,
)
from xosupdate.helper.protocol import (
    CANCEL_LINE,
    MAX_REPLY_BYTES,
    Event,
    HelperExit,
    InstallRequest,
    LogEvent,
    MediumRequest,
    Phase,
    PlannedPackage,
    ProgressEvent,
    RefreshRequest,
    Request,
    ResultEvent,
    Verb,
    check_medium_name,
    check_package_name,
    decode_reply,
    error_for_result,
    request_line,
)

__all__ = [
    "HELPER_PATH",
    "PKEXEC",
    "DirectLauncher",
    "Event",
    "HelperLauncher",
    "HelperRun",
    "InstallRequest",
    "LogEvent",
    "MediumRequest",
    "Phase",
    "PkexecLauncher",
    "PlannedPackage",
    "ProgressEvent",
    "RefreshRequest",
    "ReplyDecoder",
    "Request",
    "ResultEvent",
    "install_request",
    "launcher_for",
    "medium_request",
    "refresh_request",
    "run_helper",
]

log = logging.getLogger(__name__)

HELPER_PATH: Final = "/usr/libexec/xosupdate/xosupdate-helper"
PKEXEC: Final = "/usr/bin/pkexec"
PKEXEC_DISMISSED: Final = 126
PKEXEC_NOT_AUTHORIZED: Final = 127
_STDERR_TAIL: Final = 20

EventCallback = Callable[[Event], None]


# ---------------------------------------------------------------- requests


def install_request(
    packages: Sequence[str], *, media: Sequence[str] = (), simulate: bool = False
) -> InstallRequest:
    """An install (or simulate) request, checked with the helper's own name rules so that
    a request the helper would refuse never costs a password prompt.

    Raises:
        RequestRejectedError: a name breaks the rules, or nothing is asked for.
    """
    names = tuple(dict.fromkeys(check_package_name(p) for p in packages))
    return InstallRequest(
        verb=Verb.SIMULATE if simulate else Verb.INSTALL,
        packages=names,
        media=tuple(dict.fromkeys(check_medium_name(m) for m in media)),
    )


def refresh_request(media: Sequence[str] = ()) -> RefreshRequest:
    """A refresh request (every enabled medium when ``media`` is empty)."""
    return RefreshRequest(media=tuple(dict.fromkeys(check_medium_name(m) for m in media)))


def medium_request(medium: str, *, enable: bool) -> MediumRequest:
    """A media-enable or media-disable request."""
    return MediumRequest(
        verb=Verb.MEDIA_ENABLE if enable else Verb.MEDIA_DISABLE,
        medium=check_medium_name(medium),
    )


# ---------------------------------------------------------------- launchers


class HelperLauncher(Protocol):
    """How the helper process is started (tests point it at fake helpers)."""

    def command(self, verb: Verb, root: Path) -> list[str]:
        """The argument list that runs the helper for ``verb`` on ``root``."""


@dataclass(frozen=True, slots=True)
class PkexecLauncher:
    """``pkexec HELPER VERB``: the running system, after polkit's authorization."""

    pkexec: str = PKEXEC
    helper: str = HELPER_PATH

    def command(self, verb: Verb, root: Path) -> list[str]:
        """The pkexec command line (only for ``/``: the helper refuses --root there)."""
        if root != Path("/"):
            raise HelperError(f"pkexec only changes the running system, not {root}")
        return [self.pkexec, self.helper, verb.value]


@dataclass(frozen=True, slots=True)
class DirectLauncher:
    """The helper run as the user, on a sandbox root the user owns."""

    python: str = sys.executable

    def command(self, verb: Verb, root: Path) -> list[str]:
        """``python -I -m xosupdate.helper VERB --root ROOT``."""
        return [self.python, "-I", "-m", "xosupdate.helper", verb.value, "--root", str(root)]


def launcher_for(root: Path) -> HelperLauncher:
    """pkexec for ``/``, the direct helper for any other root."""
    return PkexecLauncher() if root.resolve() == Path("/") else DirectLauncher()


# ---------------------------------------------------------------- replies


class ReplyDecoder:
    """The helper's replies, line by line (pure: no I/O).

    ``feed`` decodes each stdout line into an ``Event``; ``finish`` takes the exit status
    once the process has ended and returns the successful result or raises what it means.
    """

    def __init__(self) -> None:
        self.result: ResultEvent | None = None

    def feed(self, line: bytes | str) -> Event:
        """Decode one reply line.

        Raises:
            HelperProtocolError: a malformed line, or a line after the result.
        """
        if self.result is not None:
            raise HelperProtocolError("the helper wrote after its result")
        event = decode_reply(line)
        if isinstance(event, ResultEvent):
            self.result = event
        return event

    def finish(self, status: int, stderr: str = "") -> ResultEvent:
        """The outcome for an exit ``status``.

        Raises:
            AuthorizationDismissedError: pkexec exit 126 without a result.
            NotAuthorizedError: pkexec exit 127 without a result.
            HelperProtocolError: no result, or an exit status that contradicts it.
            XosUpdateError: the error a failed result stands for.
        """
        tail = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        if self.result is None:
            if status == PKEXEC_DISMISSED:
                return self._raise(AuthorizationDismissedError())
            if status == PKEXEC_NOT_AUTHORIZED:
                return self._raise(
                    NotAuthorizedError(f"not authorized{f' ({tail})' if tail else ''}")
                )
            raise HelperProtocolError(
                f"the helper ended (exit {status}) without a result" + (f": {tail}" if tail else "")
            )
        if self.result.ok != (status == HelperExit.OK):
            raise HelperProtocolError(
                f"the helper's exit status {status} contradicts its result "
                f"({'ok' if self.result.ok else self.result.code.value})"
            )
        if not self.result.ok:
            raise error_for_result(self.result)
        return self.result

    @staticmethod
    def _raise(exc: HelperError) -> ResultEvent:
        raise exc


class HelperRun:
    """One helper process serving one request.

    Iterate ``events()`` to follow it; ``cancel()`` may be called from any thread (or a
    signal handler) meanwhile; ``events()`` ends by raising the failure, and ``result``
    holds the successful outcome.
    """

    def __init__(
        self, request: Request, *, root: Path, launcher: HelperLauncher | None = None
    ) -> None:
        self.request = request
        self.root = root
        launcher = launcher or launcher_for(root)
        self.argv = launcher.command(request.verb, root)
        self._decoder = ReplyDecoder()
        self._lock = threading.Lock()
        self._stderr: collections.deque[str] = collections.deque(maxlen=_STDERR_TAIL)
        self.result: ResultEvent | None = None
        log.debug("starting %s", " ".join(self.argv))
        try:
            self._proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                close_fds=True,
            )
        except OSError as exc:
            raise HelperError(f"cannot start {self.argv[0]}: {exc.strerror or exc}") from exc
        self._stderr_thread = threading.Thread(
            target=self._drain, args=(self._proc.stderr,), name="helper-stderr", daemon=True
        )
        self._stderr_thread.start()
        self._send(request_line(request))

    def _drain(self, stream: IO[bytes] | None) -> None:
        if stream is None:
            return
        for raw in stream:
            text = raw.decode("utf-8", "replace").rstrip()
            self._stderr.append(text)
            log.debug("helper: %s", text)

    def _send(self, data: bytes) -> None:
        with self._lock:
            stdin = self._proc.stdin
            if stdin is None or stdin.closed:
                return
            try:
                stdin.write(data)
                stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                log.debug("the helper no longer reads its stdin")

    def cancel(self) -> None:
        """Ask the helper to stop at its next safe point (downloads stop; a running
        transaction finishes)."""
        self._send(CANCEL_LINE + b"\n")

    def next_event(self) -> Event | None:
        """The next reply, or None once the helper has ended (``result`` is then set).

        Raises:
            XosUpdateError: as ``ReplyDecoder.finish``, when the helper has ended.
        """
        stdout = self._proc.stdout
        assert stdout is not None
        raw = stdout.readline(MAX_REPLY_BYTES + 2)
        if raw:
            try:
                return self._decoder.feed(raw)
            except HelperProtocolError:
                # Nothing it says can be trusted any more: stop listening (it sees EPIPE
                # and stops at its next safe point) and wait for it.
                self.abandon()
                raise
        self._close()
        status = self._proc.wait()
        self._stderr_thread.join(timeout=5)
        for stream in (self._proc.stdout, self._proc.stderr):
            if stream is not None:
                stream.close()
        self.result = self._decoder.finish(status, "\n".join(self._stderr))
        return None

    def events(self) -> Iterator[Event]:
        """Every reply as it arrives, the result last.

        Raises:
            XosUpdateError: as ``ReplyDecoder.finish``.
        """
        while (event := self.next_event()) is not None:
            yield event

    def _close(self) -> None:
        with self._lock:
            if self._proc.stdin is not None and not self._proc.stdin.closed:
                with contextlib.suppress(OSError):
                    self._proc.stdin.close()

    def abandon(self) -> None:
        """Stop listening: close our ends of the pipes (the helper sees EPIPE and stops at
        its next safe point) and reap it."""
        self._close()
        if self._proc.stdout is not None and not self._proc.stdout.closed:
            self._proc.stdout.close()
        self._proc.wait()
        self._stderr_thread.join(timeout=5)
        if self._proc.stderr is not None:
            self._proc.stderr.close()


def run_helper(
    request: Request,
    *,
    root: Path,
    launcher: HelperLauncher | None = None,
    on_event: EventCallback | None = None,
) -> ResultEvent:
    """Run one request to its end and return the successful result.

    A first Ctrl-C (KeyboardInterrupt) sends the cancel line and keeps following the
    helper until its result (a running transaction is not interrupted); a second one
    stops listening and re-raises.

    Raises:
        XosUpdateError: as ``ReplyDecoder.finish``.
    """
    run = HelperRun(request, root=root, launcher=launcher)
    cancelled = False
    while True:
        try:
            event = run.next_event()
        except KeyboardInterrupt:
            if cancelled:
                run.abandon()
                raise
            cancelled = True
            run.cancel()
            continue
        if event is None:
            break
        if on_event is not None:
            on_event(event)
    assert run.result is not None
    return run.result
