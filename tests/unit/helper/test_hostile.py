# SPDX-License-Identifier: GPL-2.0-or-later
"""Hostile requests are refused with a stable code, and nothing runs or changes.

Each case runs the helper in-process twice: with the urpmi executor pointed at recording
stub executables (their log proves urpmi was never started) and with a recording executor.
After each: one ``result`` line, the documented exit status, urpmi.cfg byte-identical, the
rpm database unchanged, and not even the helper's lock file created.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.unit.helper.conftest import RecordingExecutor, Runner, Sandbox, Stubs
from xosupdate.helper.protocol import ErrorCode, HelperExit

# Refusals and failures are logged as warnings for the audit trail: expected here.
pytestmark = pytest.mark.expected_warnings

OK_INSTALL: dict[str, object] = {"protocol": 1, "packages": ["openssl"]}
BIG = "a" * 4096


def req(**fields: object) -> dict[str, object]:
    return {"protocol": 1, **fields}


# (id, argv after the program name (ROOT = the sandbox), stdin, expected code)
CORPUS: list[tuple[str, list[str], bytes | dict[str, object], ErrorCode]] = [
    # option injection through names
    ("pkg --no-verify-rpm", ["install"], req(packages=["--no-verify-rpm"]), ErrorCode.BAD_NAME),
    ("pkg -a", ["install"], req(packages=["-a"]), ErrorCode.BAD_NAME),
    ("pkg --root=/x", ["install"], req(packages=["--root=/x"]), ErrorCode.BAD_NAME),
    ("pkg --auto-update", ["simulate"], req(packages=["ok", "--auto-update"]), ErrorCode.BAD_NAME),
    ("medium --no-verify-rpm", ["install"], req(packages=["a"], media=["--no-verify-rpm"]),
     ErrorCode.BAD_NAME),
    ("medium -a", ["refresh"], req(media=["-a"]), ErrorCode.BAD_NAME),
    ("medium --root=/x", ["media-enable"], req(medium="--root=/x"), ErrorCode.BAD_NAME),
    ("medium --urpmi-root", ["media-disable"], req(medium="--urpmi-root"), ErrorCode.BAD_NAME),
    # paths and shell metacharacters
    ("pkg slash", ["install"], req(packages=["../../etc/passwd"]), ErrorCode.BAD_NAME),
    ("pkg dotdot", ["install"], req(packages=["foo..bar"]), ErrorCode.BAD_NAME),
    ("pkg local rpm", ["install"], req(packages=["evil.rpm"]), ErrorCode.BAD_NAME),
    ("pkg spec file", ["install"], req(packages=["evil.spec"]), ErrorCode.BAD_NAME),
    ("medium slash", ["refresh"], req(media=["Main/../../etc"]), ErrorCode.BAD_NAME),
    ("medium dotdot", ["media-enable"], req(medium=".."), ErrorCode.BAD_NAME),
    ("pkg space", ["install"], req(packages=["openssl bash"]), ErrorCode.BAD_NAME),
    ("medium leading space", ["media-enable"], req(medium=" Main"), ErrorCode.BAD_NAME),
    ("medium two spaces", ["media-enable"], req(medium="Main  Updates"), ErrorCode.BAD_NAME),
    ("medium tab", ["media-enable"], req(medium="Main\tUpdates"), ErrorCode.BAD_NAME),
    ("medium comma", ["refresh"], req(media=["Main,Contrib"]), ErrorCode.BAD_NAME),
    ("pkg semicolon", ["install"], req(packages=["a;reboot"]), ErrorCode.BAD_NAME),
    ("pkg subshell", ["install"], req(packages=["$(reboot)"]), ErrorCode.BAD_NAME),
    ("pkg backticks", ["install"], req(packages=["`id`"]), ErrorCode.BAD_NAME),
    ("pkg pipe", ["install"], req(packages=["a|b"]), ErrorCode.BAD_NAME),
    ("medium dollar", ["media-enable"], req(medium="$MIRRORLIST"), ErrorCode.BAD_NAME),
    ("pkg NUL", ["install"], req(packages=["openssl\x00"]), ErrorCode.BAD_NAME),
    ("medium NUL", ["media-enable"], req(medium="Main\x00"), ErrorCode.BAD_NAME),
    ("pkg newline", ["install"], req(packages=["openssl\nbash"]), ErrorCode.BAD_NAME),
    ("medium newline", ["media-disable"], req(medium="Main\n"), ErrorCode.BAD_NAME),
    ("pkg empty", ["install"], req(packages=[""]), ErrorCode.BAD_NAME),
    ("pkg non-ascii", ["install"], req(packages=["opénssl"]), ErrorCode.BAD_NAME),
    ("pkg 4 KB", ["install"], req(packages=[BIG]), ErrorCode.BAD_NAME),
    ("medium 4 KB", ["media-enable"], req(medium=BIG), ErrorCode.BAD_NAME),
    ("too many packages", ["install"], req(packages=[f"p{i}" for i in range(1001)]),
     ErrorCode.TOO_MANY),
    # the command line
    ("no verb", [], OK_INSTALL, ErrorCode.BAD_VERB),
    ("unknown verb", ["erase"], OK_INSTALL, ErrorCode.BAD_VERB),
    ("verb case", ["INSTALL"], OK_INSTALL, ErrorCode.BAD_VERB),
    ("verb as option", ["--install"], OK_INSTALL, ErrorCode.BAD_VERB),
    ("extra option", ["install", "--no-verify-rpm"], OK_INSTALL, ErrorCode.BAD_ARGUMENT),
    ("root without dir", ["install", "--root"], OK_INSTALL, ErrorCode.BAD_ARGUMENT),
    ("root= form", ["install", "--root=ROOT"], OK_INSTALL, ErrorCode.BAD_ARGUMENT),
    ("two roots", ["install", "--root", "ROOT", "--root", "ROOT"], OK_INSTALL,
     ErrorCode.BAD_ARGUMENT),
    ("missing root", ["install", "--root", "ROOT/nope"], OK_INSTALL, ErrorCode.BAD_ROOT),
    # keys and types
    ("unknown key", ["install"], req(packages=["a"], options="--nodeps"), ErrorCode.BAD_REQUEST),
    ("key of another verb", ["install"], req(packages=["a"], medium="Main"),
     ErrorCode.BAD_REQUEST),
    ("missing packages", ["install"], req(), ErrorCode.BAD_REQUEST),
    ("missing protocol", ["install"], {"packages": ["a"]}, ErrorCode.BAD_REQUEST),
    ("missing medium", ["media-enable"], req(), ErrorCode.BAD_REQUEST),
    ("empty packages", ["install"], req(packages=[]), ErrorCode.BAD_REQUEST),
    ("protocol bool", ["install"], {"protocol": True, "packages": ["a"]}, ErrorCode.BAD_REQUEST),
    ("protocol string", ["install"], {"protocol": "1", "packages": ["a"]}, ErrorCode.BAD_REQUEST),
    ("protocol float", ["install"], {"protocol": 1.0, "packages": ["a"]}, ErrorCode.BAD_REQUEST),
    ("protocol 2", ["install"], {"protocol": 2, "packages": ["a"]}, ErrorCode.BAD_PROTOCOL),
    ("packages string", ["install"], req(packages="openssl"), ErrorCode.BAD_REQUEST),
    ("packages int", ["install"], req(packages=[1]), ErrorCode.BAD_REQUEST),
    ("packages nested", ["install"], req(packages=[["a"]]), ErrorCode.BAD_REQUEST),
    ("packages object", ["install"], req(packages={"a": 1}), ErrorCode.BAD_REQUEST),
    ("media string", ["install"], req(packages=["a"], media="Main"), ErrorCode.BAD_REQUEST),
    ("media null", ["refresh"], req(media=None), ErrorCode.BAD_REQUEST),
    ("medium list", ["media-enable"], req(medium=["Main"]), ErrorCode.BAD_REQUEST),
    ("medium bool", ["media-enable"], req(medium=True), ErrorCode.BAD_REQUEST),
    # the media must exist (and be enabled to be used)
    ("unknown medium", ["install"], req(packages=["a"], media=["Nope"]),
     ErrorCode.UNKNOWN_MEDIUM),
    ("unknown medium enable", ["media-enable"], req(medium="Nope"), ErrorCode.UNKNOWN_MEDIUM),
    ("substring of a medium", ["media-disable"], req(medium="Mai"), ErrorCode.UNKNOWN_MEDIUM),
    ("disabled medium", ["install"], req(packages=["a"], media=["XtreemOS_Testing"]),
     ErrorCode.MEDIUM_DISABLED),
    ("refresh disabled", ["refresh"], req(media=["XtreemOS_Testing"]), ErrorCode.MEDIUM_DISABLED),
    # the stream
    ("1 MB stdin", ["install"], b'{"protocol": 1, "packages": ["' + b"a" * (1 << 20) + b'"]}\n',
     ErrorCode.TOO_LARGE),
    ("1 MB without newline", ["install"], b"x" * (1 << 20), ErrorCode.TOO_LARGE),
    ("empty stdin", ["install"], b"", ErrorCode.BAD_JSON),
    ("blank line", ["install"], b"\n", ErrorCode.BAD_JSON),
    ("invalid JSON", ["install"], b'{"protocol": 1,\n', ErrorCode.BAD_JSON),
    ("not UTF-8", ["install"], b'{"protocol": 1, "packages": ["\xff"]}\n', ErrorCode.BAD_JSON),
    ("NaN", ["install"], b'{"protocol": NaN, "packages": ["a"]}\n', ErrorCode.BAD_JSON),
    ("duplicate key", ["install"], b'{"protocol": 1, "packages": ["a"], "packages": ["b"]}\n',
     ErrorCode.BAD_JSON),
    ("deep nesting", ["install"], b"[" * 100_000 + b"]" * 100_000 + b"\n", ErrorCode.TOO_LARGE),
    ("deep nesting, short", ["install"], b"[" * 30_000 + b"\n", ErrorCode.BAD_JSON),
    # Python refuses to read more than 4,300 digits into an int (a ValueError of its own).
    ("huge number", ["install"], b'{"protocol": ' + b"1" * 5000 + b"}\n", ErrorCode.BAD_JSON),
    ("array", ["install"], b'["install", "openssl"]\n', ErrorCode.BAD_REQUEST),
    ("null", ["install"], b"null\n", ErrorCode.BAD_REQUEST),
    ("two requests, two lines", ["install"],
     json.dumps(OK_INSTALL).encode() + b"\n" + json.dumps(OK_INSTALL).encode() + b"\n",
     ErrorCode.TRAILING_DATA),
    ("two requests, one line", ["install"],
     json.dumps(OK_INSTALL).encode() + json.dumps(OK_INSTALL).encode() + b"\n",
     ErrorCode.TRAILING_DATA),
    ("second request unterminated", ["install"],
     json.dumps(OK_INSTALL).encode() + b'\n{"protocol": 1, "packages": ["bash"]}',
     ErrorCode.TRAILING_DATA),
    ("request then garbage", ["install"], json.dumps(OK_INSTALL).encode() + b"\nrm -rf /\n",
     ErrorCode.TRAILING_DATA),
]  # fmt: skip


def _argv(argv: list[str], sandbox: Sandbox) -> list[str]:
    out = [a.replace("ROOT", str(sandbox.root)) for a in argv]
    verbs = ("install", "simulate", "refresh", "media-enable", "media-disable")
    if len(argv) == 1 and argv[0] in verbs:
        out += ["--root", str(sandbox.root)]
    return out


@pytest.mark.parametrize(("name", "argv", "stdin", "code"), CORPUS, ids=[c[0] for c in CORPUS])
@pytest.mark.parametrize("kind", ["urpmi-stubs", "recording"])
def test_hostile_request_is_refused(
    helper: Runner,
    sandbox: Sandbox,
    stubs: Stubs,
    kind: str,
    name: str,
    argv: list[str],
    stdin: bytes | dict[str, object],
    code: ErrorCode,
) -> None:
    recording = RecordingExecutor()
    executor = stubs.executor() if kind == "urpmi-stubs" else recording
    before = sandbox.snapshot()
    outcome = helper(_argv(argv, sandbox), stdin, executor=executor)
    assert outcome.result.code is code, outcome.result.message
    assert not outcome.result.ok
    assert outcome.status == HelperExit.REJECTED
    assert len(outcome.lines) == 1  # nothing but the result
    assert stubs.calls() == []
    assert recording.calls == []
    assert sandbox.snapshot() == before


PKEXEC_ENV = {"PKEXEC_UID": "1000"}


@pytest.mark.parametrize("verb", ["install", "simulate", "refresh", "media-enable"])
def test_root_option_refused_under_pkexec(
    helper: Runner, sandbox: Sandbox, stubs: Stubs, verb: str
) -> None:
    before = sandbox.snapshot()
    request = OK_INSTALL if verb in ("install", "simulate") else req(media=["Main"])
    if verb == "media-enable":
        request = req(medium="XtreemOS_Testing")
    outcome = helper(
        [verb, "--root", str(sandbox.root)],
        request,
        executor=stubs.executor(),
        env=PKEXEC_ENV,
        euid=0,
    )
    assert outcome.result.code is ErrorCode.BAD_ROOT
    assert "pkexec" in outcome.result.message
    assert outcome.status == HelperExit.REJECTED
    assert stubs.calls() == []
    assert sandbox.snapshot() == before


def test_unprivileged_root_must_be_owned(helper: Runner, sandbox: Sandbox, stubs: Stubs) -> None:
    before = sandbox.snapshot()
    # The sandbox belongs to uid 0 (tests run as root); a user with uid 1000 may not use it,
    # nor "/" without pkexec.
    for argv in (["install", "--root", str(sandbox.root)], ["install"]):
        outcome = helper(argv, OK_INSTALL, executor=stubs.executor(), euid=1000, uid=1000)
        assert outcome.result.code is ErrorCode.BAD_ROOT
    # Root without PKEXEC_UID is not "privileged": it is a user owning its sandbox.
    outcome = helper(
        ["install", "--root", str(sandbox.root)], OK_INSTALL, executor=stubs.executor(), uid=0
    )
    assert outcome.result.ok
    assert len(stubs.calls()) == 1
    assert sandbox.snapshot()[:2] == before[:2]


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda t: t.replace("{\n}", "{\n  no-verify-rpm\n}", 1), ErrorCode.VERIFY_DISABLED),
        (lambda t: t.replace("{\n}", "{\n  verify-rpm: no\n}", 1), ErrorCode.VERIFY_DISABLED),
        (
            lambda t: t.replace("70771ff3\n}\n\nMain", "70771ff3\n  verify-rpm: 0\n}\n\nMain", 1),
            ErrorCode.VERIFY_DISABLED,
        ),
        (lambda t: t.replace("  key-ids: 22458a98\n", ""), ErrorCode.MEDIUM_WITHOUT_KEY),
    ],
    ids=["global no-verify-rpm", "global verify-rpm: no", "medium verify-rpm: 0", "no key-ids"],
)  # fmt: skip
def test_untrusted_configuration_is_refused(
    helper: Runner,
    sandbox: Sandbox,
    stubs: Stubs,
    edit: Callable[[str], str],
    code: ErrorCode,
) -> None:
    sandbox.cfg.write_text(edit(sandbox.cfg.read_text()))
    before = sandbox.snapshot()
    for verb in ("install", "simulate"):
        outcome = helper([verb, "--root", str(sandbox.root)], OK_INSTALL, executor=stubs.executor())
        assert outcome.result.code is code, outcome.result.message
        assert outcome.status == HelperExit.FAILED
    assert stubs.calls() == []
    assert sandbox.snapshot() == before


def test_global_key_ids_bind_a_medium_without_its_own(
    helper: Runner, sandbox: Sandbox, stubs: Stubs
) -> None:
    text = sandbox.cfg.read_text().replace("  key-ids: 22458a98\n", "")
    sandbox.cfg.write_text(text.replace("{\n}", "{\n  key-ids: 22458a98\n}", 1))
    outcome = helper(
        ["install", "--root", str(sandbox.root)], OK_INSTALL, executor=stubs.executor()
    )
    assert outcome.result.ok, outcome.result.message


def test_a_valid_request_does_run(helper: Runner, sandbox: Sandbox, stubs: Stubs) -> None:
    """The corpus is refused for its content, not because nothing ever runs."""
    outcome = helper(
        ["install", "--root", str(sandbox.root)],
        req(packages=["openssl", "openssl", "bash"], media=["Main Updates"]),
        executor=stubs.executor(),
    )
    assert outcome.result.ok, outcome.result.message
    (call,) = stubs.calls()
    assert call["argv"][1:] == [  # type: ignore[index]
        "--auto",
        "--verify-rpm",
        "--split-length",
        "0",
        "--media",
        "Main Updates",
        "--",
        "openssl",
        "bash",
    ]
