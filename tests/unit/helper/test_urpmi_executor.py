# SPDX-License-Identifier: GPL-2.0-or-later
"""The urpmi executor against recording stubs that replay urpmi's observed output."""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.unit.helper.conftest import Outcome, Runner, Sandbox, Stubs
from xosupdate.helper.__main__ import main
from xosupdate.helper.protocol import (
    ErrorCode,
    HelperExit,
    LogEvent,
    Phase,
    ProgressEvent,
    decode_reply,
)
from xosupdate.helper.urpmi import SAFE_PATH, UrpmiExecutor

# Refusals and failures are logged as warnings for the audit trail: expected here.
pytestmark = pytest.mark.expected_warnings

# Always: no questions, signatures checked, one transaction (never half committed).
ONE = ["--auto", "--verify-rpm", "--split-length", "0"]


def run(
    helper: Runner, sandbox: Sandbox, stubs: Stubs, verb: str, request: dict[str, object]
) -> tuple[Outcome, list[dict[str, object]]]:
    outcome = helper([verb, "--root", str(sandbox.root)], request, executor=stubs.executor())
    return outcome, stubs.calls()


@pytest.mark.parametrize(
    ("verb", "request_", "argv"),
    [
        ("install", {"packages": ["openssl"]}, [*ONE, "--", "openssl"]),
        (
            "install",
            {"packages": ["openssl", "bash"], "media": ["Main Updates", "Main"]},
            [*ONE, "--media", "Main Updates,Main", "--", "openssl", "bash"],
        ),
        (
            "simulate",
            {"packages": ["xos-hello"]},
            [*ONE, "--test", "--", "xos-hello"],
        ),
        (
            "simulate",
            {"packages": ["xos-hello"], "media": ["Contrib"]},
            [*ONE, "--test", "--media", "Contrib", "--", "xos-hello"],
        ),
    ],
)
def test_install_argv_and_environment(
    helper: Runner,
    sandbox: Sandbox,
    stubs: Stubs,
    verb: str,
    request_: dict[str, object],
    argv: list[str],
) -> None:
    outcome, calls = run(helper, sandbox, stubs, verb, {"protocol": 1, **request_})
    assert outcome.result.ok
    (call,) = calls
    assert call["argv"] == [str(stubs.directory / "urpmi"), *argv]
    env = call["env"]
    assert isinstance(env, dict)
    # Python adds LC_CTYPE for its own use when started under LC_ALL=C; nothing else.
    assert {k: v for k, v in env.items() if k != "LC_CTYPE"} == {
        "LC_ALL": "C",
        "PATH": SAFE_PATH,
    }
    assert call["cwd"] == "/"
    assert call["stdin"] == "/dev/null"


@pytest.mark.parametrize(
    ("request_", "names"),
    [
        ({"media": ["Main Updates"]}, ["Main Updates"]),
        ({"media": ["Contrib", "Main"]}, ["Contrib", "Main"]),
        ({}, ["Main", "Main Updates", "Contrib"]),  # every enabled medium, urpmi.cfg order
    ],
)
def test_refresh_argv(
    helper: Runner,
    sandbox: Sandbox,
    stubs: Stubs,
    request_: dict[str, object],
    names: list[str],
) -> None:
    outcome, calls = run(helper, sandbox, stubs, "refresh", {"protocol": 1, **request_})
    assert outcome.result.ok
    (call,) = calls
    # No "--": urpmi.update reads media names through its Getopt "<>" callback only. And
    # "--nopubkey": the kept authorisation of refreshes never trusts a medium's key.
    assert call["argv"] == [str(stubs.directory / "urpmi.update"), "--nopubkey", *names]
    progress = [e for e in outcome.events if isinstance(e, ProgressEvent)]
    assert [(e.phase, e.item) for e in progress] == [
        (Phase.REFRESH, "Core Release"),
        (Phase.REFRESH, "Core Updates"),
    ]


def test_enabling_a_medium_may_trust_its_key(
    helper: Runner, sandbox: Sandbox, stubs: Stubs
) -> None:
    """media-enable (asked for every time) fetches the medium as urpmi.update does on its
    own, key included: the one place a medium's key may come to be trusted."""
    outcome, calls = run(helper, sandbox, stubs, "media-enable", {"protocol": 1, "medium": "Main"})
    assert outcome.result.ok
    (call,) = calls
    assert call["argv"] == [str(stubs.directory / "urpmi.update"), "Main"]


def test_tools_must_be_absolute() -> None:
    with pytest.raises(ValueError, match="absolute"):
        UrpmiExecutor(urpmi="urpmi")


def test_http_install_progress(helper: Runner, sandbox: Sandbox, stubs: Stubs) -> None:
    stubs.set("urpmi", "install-http")
    outcome, _ = run(helper, sandbox, stubs, "install", {"protocol": 1, "packages": ["xos-hello"]})
    result = outcome.result
    assert result.ok
    assert [p.fullname for p in result.packages] == ["xos-hello-1.1-1.mga9.x86_64"]
    events = outcome.events
    progress = [(e.phase, e.item, e.done, e.total, e.cancellable) for e in events
                if isinstance(e, ProgressEvent)]  # fmt: skip
    name = "xos-hello-1.1-1.mga9.x86_64.rpm"
    assert progress == [
        (Phase.DOWNLOAD, name, 0, 0, True),
        (Phase.DOWNLOAD, name, 0, 0, True),
        (Phase.DOWNLOAD, name, 6985, 6985, True),
        (Phase.PREPARE, "", 0, 0, False),
        (Phase.INSTALL, "xos-hello", 1, 1, False),
    ]
    logs = [e.text for e in events if isinstance(e, LogEvent)]
    assert "post-install of xos-hello 1.1" in logs
    assert any(t.startswith("installing xos-hello-1.1-1.mga9.x86_64.rpm from") for t in logs)


def test_local_install_and_upgrade(helper: Runner, sandbox: Sandbox, stubs: Stubs) -> None:
    stubs.set("urpmi", "install-local")
    outcome, _ = run(helper, sandbox, stubs, "install", {"protocol": 1, "packages": ["xos-hello"]})
    result = outcome.result
    assert {p.fullname for p in result.packages} == {
        "xos-docs-0.5-1.mga9.noarch",
        "xos-base-1.0-1.mga9.x86_64",
        "xos-hello-1.0-1.mga9.x86_64",
        "xos-lib-1.0-1.mga9.noarch",
    }
    installs = [(e.item, e.done, e.total) for e in outcome.events
                if isinstance(e, ProgressEvent) and e.phase is Phase.INSTALL]  # fmt: skip
    assert installs == [
        ("xos-base", 1, 4),
        ("xos-docs", 2, 4),
        ("xos-lib", 3, 4),
        ("xos-hello", 4, 4),
    ]
    stubs.set("urpmi", "upgrade")
    outcome, _ = run(helper, sandbox, stubs, "install", {"protocol": 1, "packages": ["xos-hello"]})
    removes = [(e.item, e.done, e.total) for e in outcome.events
               if isinstance(e, ProgressEvent) and e.phase is Phase.REMOVE]  # fmt: skip
    assert removes == [("xos-hello-1.0-1.mga9.x86_64", 1, 1)]


def test_simulate_lists_what_would_be_installed(
    helper: Runner, sandbox: Sandbox, stubs: Stubs
) -> None:
    stubs.set("urpmi", "test-only")
    outcome, _ = run(helper, sandbox, stubs, "simulate", {"protocol": 1, "packages": ["xos-hello"]})
    result = outcome.result
    assert result.ok
    assert [p.fullname for p in result.packages] == ["xos-hello-1.1-1.mga9.x86_64"]
    assert result.message == "1 packages would be installed"


@pytest.mark.parametrize(
    ("case", "code", "details"),
    [
        ("missing-dependency", ErrorCode.UNRESOLVED,
         ("xos-broken-1.0-1.mga9.noarch: needs xos-missing[>= 3]",)),
        ("file-conflict", ErrorCode.TRANSACTION,
         (("file /usr/share/xos-lib/VERSION from install of xos-lib-1.0-1.mga9.noarch conflicts "
           "with file from package xos-filecl-1.0-1.mga9.noarch"),)),
        ("bad-signature", ErrorCode.SIGNATURE, None),
        ("bad-signature-unsigned", ErrorCode.UNSIGNED,
         ("xos-legacy-1.0-1.mga9.noarch: Missing signature (OK ((none)))",)),
        ("bad-signature-nokey", ErrorCode.UNKNOWN_KEY, None),
        ("locked", ErrorCode.LOCKED, ()),
        ("no-package", ErrorCode.NOT_FOUND, ("No package named nosuchpkg",)),
        ("no-medium", ErrorCode.NOT_FOUND, ("No package named xos-hello",)),
    ],
)  # fmt: skip
def test_failures_map_to_stable_codes(
    helper: Runner,
    sandbox: Sandbox,
    stubs: Stubs,
    case: str,
    code: ErrorCode,
    details: tuple[str, ...] | None,
) -> None:
    stubs.set("urpmi", case)
    before = sandbox.cfg.read_bytes()
    outcome, _ = run(helper, sandbox, stubs, "install", {"protocol": 1, "packages": ["xos-hello"]})
    result = outcome.result
    assert result.code is code, result.message
    assert outcome.status == HelperExit.FAILED
    if details is not None:
        assert result.details == details
    if code is not ErrorCode.LOCKED:
        cases = json.loads((Path(__file__).parents[2] / "data/urpmi/cases.json").read_text())
        assert result.exit_code in (None, cases[case]["exit"])
    assert sandbox.cfg.read_bytes() == before


@pytest.mark.parametrize(
    ("exit_code", "code"),
    [
        (10, ErrorCode.MISSING_FILES),
        (13, ErrorCode.MISSING_FILES),
        (11, ErrorCode.TRANSACTION),
        (9, ErrorCode.TRANSACTION),
        (16, ErrorCode.SIGNATURE),
        (17, ErrorCode.UNRESOLVED),
        (7, ErrorCode.LOCKED),
        (1, ErrorCode.TRANSACTION),
    ],
)
def test_exit_codes_without_messages(
    helper: Runner, sandbox: Sandbox, stubs: Stubs, exit_code: int, code: ErrorCode
) -> None:
    stubs.set("urpmi", None, exit=exit_code)
    outcome, _ = run(helper, sandbox, stubs, "install", {"protocol": 1, "packages": ["a"]})
    assert outcome.result.code is code


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("update-updated", ErrorCode.OK),
        ("update-unreachable", ErrorCode.SYNC),
        ("update-md5-mismatch", ErrorCode.SYNC),
        ("update-no-metadata", ErrorCode.SYNC),
        ("update-locked", ErrorCode.LOCKED),
    ],
)
def test_refresh_outcomes(
    helper: Runner, sandbox: Sandbox, stubs: Stubs, case: str, code: ErrorCode
) -> None:
    stubs.set("urpmi.update", case)
    outcome, _ = run(helper, sandbox, stubs, "refresh", {"protocol": 1, "media": ["Main"]})
    assert outcome.result.code is code, outcome.result.message


@pytest.mark.parametrize("sigint_exit", [None, 10, 3])
def test_cancel_during_download_interrupts_urpmi(
    sandbox: Sandbox, stubs: Stubs, sigint_exit: int | None
) -> None:
    """A cancel line while urpmi downloads: SIGINT to its process group, result
    ``cancelled``, whether urpmi dies of the signal or exits 10 (files missing) or 3. The
    stub hangs after its first progress line."""
    stubs.set("urpmi", "install-http", hang=30, sigint_exit=sigint_exit)
    read_fd, write_fd = os.pipe()
    stdin = os.fdopen(read_fd, "rb")
    writer = os.fdopen(write_fd, "wb")
    writer.write(b'{"protocol": 1, "packages": ["xos-hello"]}\n')
    writer.flush()
    out = _Tee(on_line=lambda line: _cancel_on_download(line, writer))
    started = time.monotonic()
    try:
        status = main(
            ["install", "--root", str(sandbox.root)],
            stdin,
            out,
            executor=stubs.executor(),
            env={},
            stderr=io.StringIO(),
        )
    finally:
        writer.close()
        stdin.close()
    assert time.monotonic() - started < 10
    result = decode_reply(out.lines[-1])
    assert result.code is ErrorCode.CANCELLED  # type: ignore[union-attr]
    assert status == HelperExit.FAILED
    assert not any(b'"phase":"install"' in line for line in out.lines)


def test_cancel_is_refused_once_urpmi_installs(sandbox: Sandbox, stubs: Stubs) -> None:
    stubs.set("urpmi", "install-local")
    executor = stubs.executor()
    read_fd, write_fd = os.pipe()
    writer = os.fdopen(write_fd, "wb")
    # The cancel line arrives with the request; urpmi's output has no download phase, so
    # the watcher only gets to it while (or after) urpmi installs: it must not interrupt.
    writer.write(b'{"protocol": 1, "packages": ["xos-hello"]}\n')
    writer.flush()
    out = _Tee(on_line=lambda line: _cancel_on(b'"phase":"prepare"', line, writer))
    with os.fdopen(read_fd, "rb") as stdin:
        status = main(
            ["install", "--root", str(sandbox.root)],
            stdin,
            out,
            executor=executor,
            env={},
            stderr=io.StringIO(),
        )
    writer.close()
    result = decode_reply(out.lines[-1])
    assert result.code is ErrorCode.OK  # type: ignore[union-attr]
    assert status == HelperExit.OK
    assert sum(b'"phase":"install"' in line for line in out.lines) == 4


def test_a_terminal_interrupt_never_stops_an_install(sandbox: Sandbox, stubs: Stubs) -> None:
    """pkexec runs the helper in the caller's process group: Ctrl-C there reaches it. It
    must neither stop it nor kill urpmi in the middle of its transaction."""
    from xosupdate.helper.__main__ import _keep_terminal_signals_out  # noqa: PLC0415

    stubs.set("urpmi", "install-local")
    previous = signal.getsignal(signal.SIGINT)
    _keep_terminal_signals_out()
    try:
        out = _Tee(
            on_line=lambda line: (
                os.kill(os.getpid(), signal.SIGINT) if b'"phase":"prepare"' in line else None
            )
        )
        status = main(
            ["install", "--root", str(sandbox.root)],
            io.BytesIO(b'{"protocol": 1, "packages": ["xos-hello"]}\n'),
            out,
            executor=stubs.executor(),
            env={},
            stderr=io.StringIO(),
        )
        # urpmi, which a cancel interrupts with SIGINT, does not inherit an ignored one.
        child = subprocess.run(
            [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT))"],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    assert status == HelperExit.OK
    assert sum(b'"phase":"install"' in line for line in out.lines) == 4
    assert "default_int_handler" in child.stdout


def test_no_signal_of_the_callers_terminal_stops_the_helper() -> None:
    """Ctrl-\\ (SIGQUIT), a hangup (SIGHUP) and Ctrl-Z (SIGTSTP) reach the helper like
    Ctrl-C: none may kill or stop it (in a child process: on failure it dies, not the
    test run); what it starts (urpmi, scriptlets, daemons) does not inherit them ignored."""
    program = textwrap.dedent(
        """
        import os, signal, subprocess, sys
        from xosupdate.helper.__main__ import _keep_terminal_signals_out

        _keep_terminal_signals_out()
        for s in (signal.SIGQUIT, signal.SIGHUP, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
            os.kill(os.getpid(), s)
        child = "import signal as s; print(*(s.getsignal(n) == s.SIG_DFL for n in (3, 1)))"
        run = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True)
        print(run.stdout.strip())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert done.stdout.split() == ["True", "True"]


def test_the_console_script_keeps_the_terminal_signals_out() -> None:
    """The installed ``xosupdate-helper`` script starts where ``python3 -m`` does."""
    [script] = importlib.metadata.entry_points(group="console_scripts", name="xosupdate-helper")
    assert script.value == "xosupdate.helper.__main__:run"


class _Tee(io.BytesIO):
    """A stdout that hands every complete line to a callback (to react mid-run)."""

    def __init__(self, *, on_line: object) -> None:
        super().__init__()
        self.lines: list[bytes] = []
        self._pending = b""
        self._on_line = on_line
        self._lock = threading.Lock()

    def write(self, data: bytes) -> int:  # type: ignore[override]
        with self._lock:
            self._pending += bytes(data)
            while b"\n" in self._pending:
                line, _, self._pending = self._pending.partition(b"\n")
                self.lines.append(line)
                self._on_line(line)  # type: ignore[operator]
        return len(data)


def _cancel_on_download(line: bytes, writer: io.BufferedWriter) -> None:
    _cancel_on(b'"phase":"download"', line, writer)


def _cancel_on(marker: bytes, line: bytes, writer: io.BufferedWriter) -> None:
    if marker in line and not writer.closed:
        writer.write(b'{"cancel": true}\n')
        writer.flush()
