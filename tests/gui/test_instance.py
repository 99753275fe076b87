# SPDX-License-Identifier: GPL-2.0-or-later
"""One window and one notifier per user and root: a later start brings the first forward."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QStandardPaths, Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import shown_window
from tests.gui.fakes import FakeBackend
from xosupdate.services.demo import DemoSandbox
from xosupdate.ui.instance import (
    WindowInstance,
    instance_name,
    runtime_dir,
    single_instance_lock,
)

WAIT = 5_000


@pytest.fixture(autouse=True)
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private ``$XDG_RUNTIME_DIR`` (mode 0700, as the session's own)."""
    path = tmp_path / "run"
    path.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    return path


@pytest.fixture
def first(qtbot: QtBot) -> Iterator[WindowInstance]:
    instance = WindowInstance(instance_name("gui", Path("/")))
    assert instance.claim()
    yield instance
    instance.close()


# A second start is another process: its claim blocks while it waits for the answer.
SECOND_START = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from xosupdate.ui.instance import WindowInstance, instance_name
app = QCoreApplication([])
first = WindowInstance(instance_name("gui", Path(sys.argv[1]))).claim()
print("opens a window" if first else "exits")
"""


def _second_start(qtbot: QtBot, root: Path) -> str:
    """What a second start on ``root`` decides, its claim answered by this event loop."""
    with subprocess.Popen(
        [sys.executable, "-c", SECOND_START, str(root)], stdout=subprocess.PIPE, text=True
    ) as proc:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=WAIT * 2)
        assert proc.stdout is not None
        return proc.stdout.read().strip()


def test_a_second_start_brings_the_first_window_forward(
    qtbot: QtBot, first: WindowInstance, runtime: Path
) -> None:
    assert runtime_dir() == runtime
    assert first.listening
    with qtbot.waitSignal(first.activation_requested, timeout=WAIT):
        assert _second_start(qtbot, Path("/")) == "exits"
    assert first.listening  # for the next one


def test_the_socket_accepts_its_owner_only(qtbot: QtBot, runtime: Path) -> None:
    umask = os.umask(0o022)  # a usual umask: the socket would be world-connectable
    try:
        instance = WindowInstance(instance_name("gui", Path("/")))
        assert instance.claim()
    finally:
        os.umask(umask)
    (sock,) = (p for p in runtime.iterdir() if p.is_socket())
    assert sock.name == instance_name("gui", Path("/"))
    assert stat.S_IMODE(sock.stat().st_mode) & 0o077 == 0
    instance.close()


def test_windows_of_other_roots_are_independent(
    qtbot: QtBot, first: WindowInstance, tmp_path: Path
) -> None:
    demo = WindowInstance(instance_name("gui", tmp_path / "demo" / "root"))
    with qtbot.assertNotEmitted(first.activation_requested, wait=100):
        assert demo.claim()
    demo.close()


def test_anything_but_the_request_is_ignored(
    qtbot: QtBot, first: WindowInstance, runtime: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        qtbot.assertNotEmitted(first.activation_requested, wait=300),
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client,
    ):
        client.connect(str(runtime / instance_name("gui", Path("/"))))
        client.sendall(b"xosupdate: install everything, please\n" * 100)
        # The first window hangs up on it.
        client.setblocking(False)
        qtbot.waitUntil(lambda: _closed(client), timeout=WAIT)
    assert [r.getMessage().rpartition(": ")[2] for r in caplog.records] == [
        "ignoring an unknown request"
    ]
    caplog.clear()


def test_a_connection_that_says_nothing_is_dropped(
    qtbot: QtBot, first: WindowInstance, runtime: Path
) -> None:
    with (
        qtbot.assertNotEmitted(first.activation_requested, wait=100),
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client,
    ):
        client.connect(str(runtime / instance_name("gui", Path("/"))))
        client.sendall(b"xosupdate")  # and then nothing, connection kept open
        client.setblocking(False)
        qtbot.waitUntil(lambda: _closed(client), timeout=WAIT)


def _closed(client: socket.socket) -> bool:
    try:
        return client.recv(1) == b""
    except BlockingIOError:
        return False
    except (ConnectionResetError, BrokenPipeError):
        return True


def test_a_crashed_windows_socket_is_taken_over(qtbot: QtBot, runtime: Path) -> None:
    path = runtime / instance_name("gui", Path("/"))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(path))  # bound, never listening, never removed: a crash's leftover
    instance = WindowInstance(instance_name("gui", Path("/")))
    assert instance.claim()
    assert instance.listening
    instance.close()


def test_a_window_that_does_not_answer_gets_company(
    qtbot: QtBot, runtime: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A first window that is hung, or closing, accepts connections (the kernel does) but
    never answers: the user gets a window, and the first one's socket stays as it was."""
    path = runtime / instance_name("gui", Path("/"))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as hung:
        hung.bind(str(path))
        hung.listen(4)  # never accepted, never read
        before = path.stat().st_ino
        instance = WindowInstance(instance_name("gui", Path("/")))
        assert instance.claim()
        assert not instance.listening
        assert path.stat().st_ino == before
    assert "does not answer" in caplog.text
    caplog.clear()


def test_a_start_that_cannot_take_the_claim_lock_opens_a_window_and_removes_nothing(
    qtbot: QtBot, runtime: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = runtime / instance_name("gui", Path("/"))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as other:
        other.bind(str(path))  # whatever another start claiming now has there
    held = QLockFile(f"{path}.lock")
    assert held.tryLock(0)  # another start is claiming
    try:
        instance = WindowInstance(instance_name("gui", Path("/")), claim_wait_ms=50)
        assert instance.claim()
        assert not instance.listening
        assert path.is_socket()
    finally:
        held.unlock()
    assert "held by another start" in caplog.text
    caplog.clear()


def test_without_a_runtime_directory_a_private_one_in_the_cache_serves(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _location: "")
    path = runtime_dir()
    assert path == tmp_path / "cache" / "xosupdate" / "run"
    assert stat.S_IMODE(path.stat().st_mode) == 0o700


def test_once_the_first_window_closes_the_next_start_opens_one(
    qtbot: QtBot, first: WindowInstance
) -> None:
    first.close()
    again = WindowInstance(instance_name("gui", Path("/")))
    assert again.claim()
    again.close()


def test_the_notifier_lock_is_held_once(runtime: Path) -> None:
    name = instance_name("notifier", Path("/"))
    lock = single_instance_lock(name)
    assert lock is not None
    assert single_instance_lock(name) is None
    assert single_instance_lock(instance_name("notifier", Path("/srv/other"))) is not None
    lock.unlock()
    assert single_instance_lock(name) is not None


# The offscreen platform cannot stack windows; a desktop's can.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_window_comes_forward_restored_with_its_list(
    qtbot: QtBot, backend: FakeBackend
) -> None:
    window = shown_window(qtbot, backend)
    rows = window.presenter.updates.updates_model.rowCount()
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=WAIT)
    window.come_forward()
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=WAIT)
    assert window.isVisible()
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    assert window.presenter.updates.updates_model.rowCount() == rows


@pytest.fixture
def backend() -> FakeBackend:
    from tests.gui.test_mainwindow import MEDIA, PLAN  # noqa: PLC0415 - its sample data

    return FakeBackend(media=MEDIA, plans={(): PLAN})


def test_a_second_demo_window_leaves_the_first_ones_mirrors_alone(
    built_demo: DemoSandbox, tmp_path: Path, runtime: Path
) -> None:
    """Two ``xosupdate-gui --demo`` processes: the second exits at once, and the sandbox
    still points at the mirrors of the first (a second demo used to rewrite them)."""
    dest = tmp_path / "demo"
    subprocess.run(["cp", "-a", str(built_demo.dest), str(dest)], check=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    argv = [sys.executable, "-m", "xosupdate.ui.app", "--demo", "--demo-dir", str(dest)]
    sock = runtime / instance_name("gui", (dest / "root").resolve())
    # What serving the demo rewrites: the mirror list, then the settings naming it.
    pointers = [
        dest / f.relative_to(built_demo.dest)
        for f in (built_demo.mirrorlist_file, built_demo.config_file)
    ]
    unserved = [f.read_bytes() for f in pointers]
    with subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL) as first:
        try:
            deadline = time.monotonic() + 60
            while not sock.is_socket() or [f.read_bytes() for f in pointers][-1] == unserved[-1]:
                assert first.poll() is None, "the first window ended"
                assert time.monotonic() < deadline, "the first window never served its demo"
                time.sleep(0.05)
            served = [f.read_bytes() for f in pointers]
            second = subprocess.run(
                [*argv, "-v"], env=env, capture_output=True, text=True, timeout=30, check=False
            )
            assert second.returncode == 0, second.stderr
            assert "is open already" in second.stderr + second.stdout
            assert [f.read_bytes() for f in pointers] == served
            assert first.poll() is None
        finally:
            first.terminate()
            first.wait(timeout=30)
