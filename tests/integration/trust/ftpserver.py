# SPDX-License-Identifier: GPL-2.0-or-later
"""A tiny FTP server on 127.0.0.1 for the transport's ftp:// tests.

Passive mode only, anonymous, read-only: USER, PASS, TYPE, SIZE, MDTM, PASV, REST, RETR,
NOOP, QUIT. Every command goes into ``log``; ``cut_after`` makes the next RETR close its
data connection after that many bytes (a transfer broken off).
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Self


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 xosupdate test ftp")
        passive: socket.socket | None = None
        rest = 0
        try:
            for raw in self.rfile:
                command, _, arg = raw.decode().strip().partition(" ")
                command = command.upper()
                self.server.owner.log.append(f"{command} {arg}".strip())
                path = self.server.owner.root / arg.lstrip("/")
                if command == "USER":
                    self.reply("331 password please")
                elif command == "PASS":
                    self.reply("230 logged in")
                elif command in ("TYPE", "NOOP"):
                    self.reply("200 ok")
                elif command in ("SIZE", "MDTM") and not path.is_file():
                    self.reply("550 no such file")
                elif command == "SIZE":
                    self.reply(f"213 {path.stat().st_size}")
                elif command == "MDTM":
                    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(path.stat().st_mtime))
                    self.reply(f"213 {stamp}")
                elif command == "PASV":
                    passive = socket.create_server(("127.0.0.1", 0))
                    port = passive.getsockname()[1]
                    self.reply(f"227 Entering Passive Mode (127,0,0,1,{port >> 8},{port & 255})")
                elif command == "REST":
                    rest = int(arg)
                    self.reply("350 restarting")
                elif command == "RETR":
                    self.retrieve(path, passive, rest)
                    passive, rest = None, 0
                elif command == "QUIT":
                    self.reply("221 bye")
                    return
                else:
                    self.reply("502 not implemented")
        finally:
            if passive is not None:
                passive.close()

    def retrieve(self, path: Path, passive: socket.socket | None, rest: int) -> None:
        if passive is None or not path.is_file():
            self.reply("550 no such file")
            return
        self.reply("150 opening data connection")
        data, _ = passive.accept()
        passive.close()
        body = path.read_bytes()[rest:]
        cut = self.server.owner.cut_after
        self.server.owner.cut_after = None
        with data:
            data.sendall(body if cut is None else body[:cut])
        self.reply("426 connection closed" if cut is not None else "226 transfer complete")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: FtpServer) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _Handler)


class FtpServer:
    """Serve ``root`` at ``ftp://127.0.0.1:PORT`` until ``stop()``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.log: list[str] = []
        self.cut_after: int | None = None
        self._server = _Server(self)
        self.url = f"ftp://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
