# SPDX-License-Identifier: GPL-2.0-or-later
"""One window and one notifier per user and root (ui layer).

A click on the notifier, the menu entry and a second click on it all start
``xosupdate-gui``; two windows on one system would show two lists, could start two
installs and would write the same remembered geometry. The first window of a user and
root therefore listens on a local socket in the user's runtime directory, which only its
owner can reach, and a later start asks it to come forward, waits for its answer, then
exits. A window that does not answer (hung, or closing) gets company rather than a user
left with no window. The demo's root is not the system's: a demo window and the real one
coexist.

The socket carries one fixed request and nothing else: whatever else arrives is ignored,
so another program of the same user can at most bring the window forward.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
from pathlib import Path
from typing import Final

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from xosupdate.services.paths import default_cache_dir

__all__ = [
    "WindowInstance",
    "instance_name",
    "root_digest",
    "runtime_dir",
    "single_instance_lock",
]

log = logging.getLogger(__name__)

_REQUEST: Final = b"xosupdate: come forward\n"
_ANSWER: Final = b"ok\n"
_CONNECT_MS: Final = 500
_ANSWER_MS: Final = 3000
# How long a connection may take to send the request before it is dropped.
_REQUEST_MS: Final = 1000


class _First(enum.Enum):
    """What asking the first window gave."""

    ANSWERED = enum.auto()  # it is there, and comes forward
    ABSENT = enum.auto()  # no socket, or one nobody listens on (a crash's leftover)
    UNRESPONSIVE = enum.auto()  # someone listens but did not answer in time


def runtime_dir() -> Path:
    """The user's runtime directory (``$XDG_RUNTIME_DIR``, or the one Qt makes), else a
    private directory in the user's cache: never a world-writable one, where another
    user could put a socket or a lock of the same name first."""
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    if runtime:
        return Path(runtime)
    private = default_cache_dir() / "run"
    private.mkdir(mode=0o700, parents=True, exist_ok=True)
    private.chmod(0o700)
    return private


def root_digest(root: Path) -> str:
    """A short, file-name-safe name for ``root``."""
    return hashlib.sha256(str(root).encode()).hexdigest()[:12]


def instance_name(program: str, root: Path) -> str:
    """The name of ``program``'s single instance for this user and ``root``."""
    return f"xosupdate-{program}-{os.getuid()}-{root_digest(root)}"


def single_instance_lock(name: str) -> QLockFile | None:
    """The lock named ``name`` in the runtime directory, held; None when another process
    holds it (a lock left by a crashed process is taken over)."""
    lock = QLockFile(str(runtime_dir() / f"{name}.lock"))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(0) else None


class WindowInstance(QObject):
    """The first window of a name, or a messenger to it.

    Args:
        claim_wait_ms: how long to wait for another start that is claiming the name.

    Signals:
        activation_requested(): a later start asked this window to come forward.
    """

    activation_requested = Signal()

    def __init__(
        self, name: str, parent: QObject | None = None, *, claim_wait_ms: int = 2000
    ) -> None:
        super().__init__(parent)
        self._path = str(runtime_dir() / name)
        self._claim_wait_ms = claim_wait_ms
        self._server: QLocalServer | None = None

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self) -> bool:
        """True when this process opens a window: it is the first, and listens for later
        ones, or the first did not answer. False when the first window answered: it
        comes forward, and this process has nothing to do."""
        first = self._ask_first()
        if first is _First.ABSENT:
            # Two windows started at once must not both find no one and both listen.
            lock = QLockFile(f"{self._path}.lock")
            lock.setStaleLockTime(0)
            if not lock.tryLock(self._claim_wait_ms):
                log.warning("%s.lock: held by another start; opening a window anyway", self._path)
                return True
            try:
                first = self._ask_first()
                if first is _First.ABSENT:
                    self._listen()
                    return True
            finally:
                lock.unlock()
        if first is _First.UNRESPONSIVE:
            log.warning("%s: the open window does not answer; opening another one", self._path)
            return True
        return False

    def close(self) -> None:
        """Stop listening (the window is closing): the next start opens a window."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def _ask_first(self) -> _First:
        socket = QLocalSocket()
        socket.connectToServer(self._path)
        if not socket.waitForConnected(_CONNECT_MS):
            gone = (
                QLocalSocket.LocalSocketError.ServerNotFoundError,
                QLocalSocket.LocalSocketError.ConnectionRefusedError,
            )
            return _First.ABSENT if socket.error() in gone else _First.UNRESPONSIVE
        socket.write(_REQUEST)
        answer = b""
        # A connection is accepted by the kernel whatever the window does: only its
        # answer says that it is alive.
        while len(answer) < len(_ANSWER) and socket.waitForReadyRead(_ANSWER_MS):
            answer += bytes(socket.read(len(_ANSWER) - len(answer)).data())
        socket.abort()
        return _First.ANSWERED if answer == _ANSWER else _First.UNRESPONSIVE

    def _listen(self) -> None:
        # Nobody listens there: a socket file left there is a crashed window's.
        QLocalServer.removeServer(self._path)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._path):
            # The window still opens, only without this guard.
            log.warning("%s: cannot listen: %s", self._path, server.errorString())
            return
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server

    @Slot()
    def _on_server_new_connection(self) -> None:
        server = self._server
        while server is not None and (socket := server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.setReadBufferSize(len(_REQUEST))
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(_REQUEST_MS, socket, socket.abort)
            if socket.bytesAvailable():
                self._read_request(socket)

    @Slot()
    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read_request(socket)

    def _read_request(self, socket: QLocalSocket) -> None:
        if socket.bytesAvailable() < len(_REQUEST):
            return
        request = bytes(socket.read(len(_REQUEST)).data())
        if request != _REQUEST:
            log.warning("%s: ignoring an unknown request", self._path)
            socket.abort()
            return
        socket.write(_ANSWER)
        socket.disconnectFromServer()  # once the answer is sent
        self.activation_requested.emit()
