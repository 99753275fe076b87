# SPDX-License-Identifier: GPL-2.0-or-later
"""``xosupdate-helper VERB [--root DIR]``: the privileged helper's entry point (helper layer).

Started by pkexec as ``/usr/libexec/xosupdate/xosupdate-helper VERB`` (euid 0 and
``PKEXEC_UID`` set: the root is always ``/`` and ``--root`` is refused), or directly by
its user on a sandbox root they own (``python -I -m xosupdate.helper VERB --root DIR``).
One process serves one request:

1. the command line: exactly ``VERB`` or ``VERB --root DIR``, VERB from the closed set;
2. the request: one line of JSON on stdin, at most ``MAX_REQUEST_BYTES``, read in full and
   validated strictly (``protocol.parse_request``); anything after it on stdin that is not
   a ``{"cancel": true}`` line refuses the request;
3. execution (``verbs.execute``) while a thread watches stdin for ``{"cancel": true}``;
4. exactly one ``result`` line; the exit status is ``HelperExit`` (0 only when ok).

Everything that reaches stdout is a protocol line. Logs go to stderr and, when the helper
runs privileged and ``/dev/log`` exists, to syslog (authpriv) with ``PKEXEC_UID`` and the
verb; never the request itself.
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Final, NoReturn

from xosupdate.errors import RequestRejectedError, XosUpdateError
from xosupdate.helper.protocol import (
    MAX_REQUEST_BYTES,
    ErrorCode,
    Event,
    HelperExit,
    InstallRequest,
    LogEvent,
    MediumRequest,
    Phase,
    ProgressEvent,
    Request,
    ResultEvent,
    Verb,
    encode_reply,
    is_cancel_line,
    parse_request,
    rejected,
    result_for_error,
    verb_of,
)
from xosupdate.helper.verbs import Cancel, Executor, execute

__all__ = ["main"]

log = logging.getLogger("xosupdate.helper")

_SYSLOG: Final = "/dev/log"
_READ: Final = 65536
# A cancel line may arrive in pieces; these are the forms a prefix is checked against.
_CANCELS: Final = (b'{"cancel": true}', b'{"cancel":true}')


class ReplyWriter:
    """Writes reply lines to stdout (thread-safe); a vanished client cancels the work."""

    def __init__(self, stream: IO[bytes], cancel: Cancel) -> None:
        self._stream = stream
        self._cancel = cancel
        self._lock = threading.Lock()
        self.gone = False

    def write(self, event: Event) -> None:
        line = encode_reply(event)
        with self._lock:
            if self.gone:
                return
            try:
                self._stream.write(line)
                self._stream.flush()
            except (BrokenPipeError, ValueError, OSError):
                # The client went away: stop at the next point where stopping is safe.
                self.gone = True
                self._cancel.set("the client went away")

    def progress(
        self, phase: Phase, item: str = "", done: int = 0, total: int = 0, *, cancellable: bool
    ) -> None:
        self.write(
            ProgressEvent(phase=phase, item=item, done=done, total=total, cancellable=cancellable)
        )

    def log(self, text: str) -> None:
        self.write(LogEvent(text=text))


class RequestReader:
    """Reads the request line, then watches for cancel lines (never more than one line of
    ``MAX_REQUEST_BYTES`` is held)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._buffer = b""
        self._eof = False
        # A real file descriptor is read with os.read: the watcher thread may still be
        # blocked in it when the process exits, and a buffered reader's lock held by a
        # daemon thread aborts the interpreter at shutdown.
        self._fd: int | None = None
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            self._fd = stream.fileno()

    def _more(self) -> bool:
        if self._eof:
            return False
        try:
            if self._fd is not None:
                chunk = os.read(self._fd, _READ)
            else:
                read1 = getattr(self._stream, "read1", None)
                chunk = read1(_READ) if read1 is not None else self._stream.read(_READ)
        except (OSError, ValueError):
            chunk = b""
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        return True

    def request(self) -> bytes:
        """The first line (without its newline).

        Raises:
            RequestRejectedError: TOO_LARGE, BAD_JSON (nothing sent), TRAILING_DATA (a
                second request already waiting).
        """
        while b"\n" not in self._buffer and len(self._buffer) <= MAX_REQUEST_BYTES:
            if not self._more():
                break
        line, _, rest = self._buffer.partition(b"\n")
        if len(line) > MAX_REQUEST_BYTES:
            raise rejected(ErrorCode.TOO_LARGE, f"request larger than {MAX_REQUEST_BYTES} bytes")
        if not line.strip():
            raise rejected(ErrorCode.BAD_JSON, "no request on stdin")
        self._buffer = rest
        # What the client sent together with the request may only be cancel lines (kept
        # for the watcher); a second request means a second process, never this one.
        *complete, fragment = rest.split(b"\n")
        for extra in complete:
            if extra.strip() and not is_cancel_line(extra.strip()):
                raise rejected(
                    ErrorCode.TRAILING_DATA,
                    "more than one request on stdin; one request per helper process",
                )
        tail = fragment.strip()
        if tail and not is_cancel_line(tail) and not any(c.startswith(tail) for c in _CANCELS):
            raise rejected(ErrorCode.TRAILING_DATA, "unexpected data after the request on stdin")
        return line

    def cancel_lines(self) -> Iterator[bool]:
        """One value per later line: True for a cancel line, False for anything else."""
        while True:
            while b"\n" not in self._buffer:
                if len(self._buffer) > MAX_REQUEST_BYTES or not self._more():
                    if self._buffer.strip():
                        yield is_cancel_line(self._buffer.strip())
                    return
            line, _, self._buffer = self._buffer.partition(b"\n")
            if line.strip():
                yield is_cancel_line(line.strip())


def _watch(reader: RequestReader, cancel: Cancel) -> None:
    for is_cancel in reader.cancel_lines():
        if is_cancel:
            log.info("cancel requested")
            cancel.set("cancelled at the client's request")
        else:
            log.warning("unexpected data on stdin after the request; cancelling")
            cancel.set("cancelled: unexpected data after the request")
        # Anything after the first line ends the conversation.
        return


def _parse_argv(argv: Sequence[str]) -> tuple[Verb, str | None]:
    if not argv:
        raise rejected(ErrorCode.BAD_VERB, "no verb given")
    verb = verb_of(argv[0])
    if verb is None:
        raise rejected(ErrorCode.BAD_VERB, f"unknown verb {argv[0][:40]!a}")
    rest = list(argv[1:])
    if not rest:
        return verb, None
    if len(rest) == 2 and rest[0] == "--root" and rest[1]:
        return verb, rest[1]
    raise rejected(ErrorCode.BAD_ARGUMENT, "usage: xosupdate-helper VERB [--root DIR]")


def _resolve_root(root: str | None, *, privileged: bool, uid: int) -> Path:
    if privileged:
        if root is not None:
            # SECURITY: under pkexec the helper works on the running system only.
            raise rejected(ErrorCode.BAD_ROOT, "--root is not allowed when run through pkexec")
        return Path("/")
    path = Path(root or "/")
    try:
        resolved = (Path.cwd() / path).resolve(strict=True)  # absolute: librpm needs it
        st = resolved.stat()
    except (OSError, RuntimeError) as exc:
        raise rejected(ErrorCode.BAD_ROOT, f"root {str(path)[:80]!a} does not exist") from exc
    if not resolved.is_dir():
        raise rejected(ErrorCode.BAD_ROOT, f"root {resolved} is not a directory")
    if st.st_uid != uid:
        raise rejected(
            ErrorCode.BAD_ROOT,
            f"root {resolved} does not belong to you (uid {uid}); the running system is "
            "changed through pkexec",
        )
    return resolved


def default_executor(root: Path) -> Executor:
    """urpmi on ``/`` when it is installed; the rpm transaction otherwise."""
    from xosupdate.helper.urpmi import URPMI, UrpmiExecutor  # noqa: PLC0415

    if root == Path("/") and os.access(URPMI, os.X_OK):
        return UrpmiExecutor()
    from xosupdate.helper.rpmtx import RpmTransactionExecutor  # noqa: PLC0415

    return RpmTransactionExecutor()


@contextlib.contextmanager
def _logging(stderr: IO[str], *, syslog: bool, tag: str) -> Iterator[None]:
    """Handlers for this run only (in-process callers keep their own logging)."""
    handlers: list[logging.Handler] = []
    err = logging.StreamHandler(stderr)
    err.setFormatter(
        logging.Formatter(f"xosupdate-helper[{os.getpid()}] %(levelname)s: %(message)s")
    )
    handlers.append(err)
    if syslog and Path(_SYSLOG).exists():
        with contextlib.suppress(OSError):
            sys_handler = logging.handlers.SysLogHandler(
                address=_SYSLOG, facility=logging.handlers.SysLogHandler.LOG_AUTHPRIV
            )
            sys_handler.setFormatter(logging.Formatter(f"xosupdate-helper: {tag} %(message)s"))
            sys_handler.setLevel(logging.INFO)
            handlers.append(sys_handler)
    logger = logging.getLogger("xosupdate")
    previous = logger.level
    for h in handlers:
        logger.addHandler(h)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        for h in handlers:
            logger.removeHandler(h)
            h.close()
        logger.setLevel(previous)


def _summary(request: Request) -> str:
    """What the audit log says about a request: never the payload, only its shape."""
    if isinstance(request, InstallRequest):
        media = ",".join(request.media) or "enabled media"
        return f"{len(request.packages)} packages from {media}"
    if isinstance(request, MediumRequest):
        return f"medium {request.medium}"
    return f"media {','.join(request.media) or 'all enabled'}"


def main(
    argv: Sequence[str] | None = None,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | None = None,
    *,
    executor: Executor | None = None,
    env: Mapping[str, str] | None = None,
    euid: int | None = None,
    uid: int | None = None,
    stderr: IO[str] | None = None,
    executor_factory: Callable[[Path], Executor] | None = None,
) -> int:
    """Serve one request; returns the exit status (``HelperExit``).

    Args:
        argv: the arguments after the program name (default ``sys.argv[1:]``).
        stdin, stdout: binary streams (default: the process's).
        executor: overrides the executor (tests); else ``default_executor(root)``.
        env: the environment to judge privilege by (default ``os.environ``).
        euid, uid: effective and real uid (default: the process's; tests fake them).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    env = os.environ if env is None else env
    euid = os.geteuid() if euid is None else euid
    uid = os.getuid() if uid is None else uid
    stdin = sys.stdin.buffer if stdin is None else stdin
    stdout = sys.stdout.buffer if stdout is None else stdout
    privileged = euid == 0 and "PKEXEC_UID" in env
    caller = env.get("PKEXEC_UID", str(uid))
    tag = f"uid={caller} verb={ascii(args[0][:20]) if args else '-'}"
    cancel = Cancel()
    writer = ReplyWriter(stdout, cancel)
    with _logging(stderr or sys.stderr, syslog=privileged, tag=tag):
        result, status = _serve(
            args,
            stdin,
            writer,
            cancel,
            privileged=privileged,
            uid=uid,
            executor=executor,
            factory=executor_factory or default_executor,
        )
        level = logging.INFO if result.ok else logging.WARNING
        log.log(level, "%s: %s (%s)", tag, result.message, result.code.value)
        writer.write(result)
    return int(status)


def _serve(
    args: Sequence[str],
    stdin: IO[bytes],
    writer: ReplyWriter,
    cancel: Cancel,
    *,
    privileged: bool,
    uid: int,
    executor: Executor | None,
    factory: Callable[[Path], Executor],
) -> tuple[ResultEvent, HelperExit]:
    try:
        verb, root_arg = _parse_argv(args)
        root = _resolve_root(root_arg, privileged=privileged, uid=uid)
        if privileged:
            os.umask(0o022)
        reader = RequestReader(stdin)
        request = parse_request(verb, reader.request())
        log.info("%s on %s: %s", verb.value, root, _summary(request))
        threading.Thread(target=_watch, args=(reader, cancel), name="stdin", daemon=True).start()
        result = execute(
            request,
            root=root,
            privileged=privileged,
            executor=executor if executor is not None else factory(root),
            report=writer,
            cancel=cancel,
        )
        return result, HelperExit.OK
    except RequestRejectedError as exc:
        return result_for_error(exc), HelperExit.REJECTED
    except XosUpdateError as exc:
        return result_for_error(exc), HelperExit.FAILED
    except Exception as exc:  # the boundary: report, never a traceback on stdout
        log.exception("internal error")
        return (
            ResultEvent(
                ok=False,
                code=ErrorCode.HELPER,
                message=f"internal error in the helper: {type(exc).__name__}: {exc}",
            ),
            HelperExit.INTERNAL,
        )


def _keep_terminal_signals_out() -> None:
    """pkexec runs this process in the caller's process group and session: the signals of
    the caller's terminal reach it too. None may stop it, or urpmi (or the rpm executor,
    in this process) would die in the middle of a transaction:

    * Ctrl-C, Ctrl-\\ and the terminal hanging up: handlers that only log, rather than
      SIG_IGN, which urpmi, its scriptlets and the daemons they start would inherit
      (handlers are reset by exec); the cancel interrupts urpmi with SIGINT. A caller gone
      with its terminal is seen as the end of stdin, which cancels only while that is safe;
    * Ctrl-Z and background terminal access: ignored.

    Cancelling is the client's ``cancel`` line, honoured only while it is safe."""
    for signum in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
        signal.signal(signum, _log_terminal_signal)
    for signum in (signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(signum, signal.SIG_IGN)


def _log_terminal_signal(signum: int, _frame: object) -> None:
    log.info("%s from the terminal ignored", signal.Signals(signum).name)


def run() -> NoReturn:
    """The program (``python3 -m xosupdate.helper`` and the console script)."""
    _keep_terminal_signals_out()
    sys.exit(main())


if __name__ == "__main__":
    run()
