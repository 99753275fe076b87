# SPDX-License-Identifier: GPL-2.0-or-later
"""One window and one notifier per user and root (ui layer).

A click on the notifier, the menu entry and a second click on it all start
``xosupdate-gui``; two windows on one system would show two lists, could start two
installs and would write the same remembered geometry. The first window of a user and
root therefore listens on a local socket in the user's runtime directory (mode 0700, and
the socket itself only accepts its owner), and a later start asks it to come forward,
then exits. The demo's root is not the system's: a demo window and the real one coexist.

The socket carries one fixed request and nothing else: whatever else arrives is ignored,
so another program of the same user can at most bring the window forward.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Final

from PySide6.QtCore import QDir, QLockFile, QObject, QStandardPaths, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = [
    "WindowInstance",
    "instance_name",
    "root_digest",
    "runtime_dir",
    "single_instance_lock",
]

log = logging.getLogger(__name__)

_REQUEST: Final = b"xosupdate: come forward\n"
_CONNECT_MS: Final = 500
_WRITE_MS: Final = 500
# A claim is held only while the socket is checked and created.
_CLAIM_MS: Final = 2000


def runtime_dir() -> str:
    """The user's runtime directory (``$XDG_RUNTIME_DIR``), or the temporary one."""
    return (
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
        or QDir.tempPath()
    )


def root_digest(root: Path) -> str:
    """A short, file-name-safe name for ``root``."""
    return hashlib.sha256(str(root).encode()).hexdigest()[:12]


def instance_name(program: str, root: Path) -> str:
    """The name of ``program``'s single instance for this user and ``root``."""
    return f"xosupdate-{program}-{os.getuid()}-{root_digest(root)}"


def single_instance_lock(name: str) -> QLockFile | None:
    """The lock named ``name`` in the runtime directory, held; None when another process
    holds it (a lock left by a crashed process is taken over)."""
    lock = QLockFile(f"{runtime_dir()}/{name}.lock")
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(0) else None


class WindowInstance(QObject):
    """The first window of a name, or a messenger to it.

    Signals:
        activation_requested(): a later start asked this window to come forward.
    """

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._path = f"{runtime_dir()}/{name}"
        self._server: QLocalServer | None = None

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self) -> bool:
        """True when this process is the first: it then listens for later ones. False when
        a window of this name answered: it has been asked to come forward."""
        # Two windows started at once must not both find no one and both listen.
        lock = QLockFile(f"{self._path}.lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(_CLAIM_MS):
            log.warning("%s.lock: held too long by another process", self._path)
        try:
            if self._ask_first():
                return False
            # Nobody answered: a socket file left there is a crashed window's.
            QLocalServer.removeServer(self._path)
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if not server.listen(self._path):
                # The window still opens, only without this guard.
                log.warning("%s: cannot listen: %s", self._path, server.errorString())
                return True
            server.newConnection.connect(self._on_server_new_connection)
            self._server = server
            return True
        finally:
            lock.unlock()

    def close(self) -> None:
        """Stop listening (the window is closing): the next start opens a window."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def _ask_first(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self._path)
        if not socket.waitForConnected(_CONNECT_MS):
            return False
        socket.write(_REQUEST)
        sent = socket.waitForBytesWritten(_WRITE_MS)
        socket.disconnectFromServer()
        return sent

    @Slot()
    def _on_server_new_connection(self) -> None:
        server = self._server
        while server is not None and (socket := server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.setReadBufferSize(len(_REQUEST))
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)
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
        if request == _REQUEST:
            self.activation_requested.emit()
        else:
            log.warning("%s: ignoring an unknown request", self._path)
        socket.abort()
