# SPDX-License-Identifier: GPL-2.0-or-later
"""The console script leaves without tearing the interpreter down, but loses nothing:
output is flushed, exit handlers run, a working thread is waited for."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_output_and_exit_handlers_survive_the_quick_exit() -> None:
    done = _python(
        """
        import atexit, sys
        from xosupdate.cli.__main__ import leave
        atexit.register(lambda: print("handler ran"))
        print("answer", end="; ")
        sys.stderr.write("note")
        leave(100)
        print("never")
        """
    )
    assert done.returncode == 100
    assert done.stdout == "answer; handler ran\n"
    assert done.stderr == "note"


def test_a_working_thread_is_waited_for() -> None:
    done = _python(
        """
        import threading, time
        from xosupdate.cli.__main__ import leave
        def work():
            time.sleep(0.2)
            print("thread done", flush=True)
        threading.Thread(target=work).start()
        leave(3)
        """
    )
    assert done.returncode == 3
    assert done.stdout == "thread done\n"
