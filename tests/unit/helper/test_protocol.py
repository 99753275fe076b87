# SPDX-License-Identifier: GPL-2.0-or-later
"""The helper protocol: name rules, requests, replies and the error-code contract."""

from __future__ import annotations

import json

import pytest

from xosupdate.errors import (
    HelperError,
    HelperProtocolError,
    LockedError,
    RequestRejectedError,
    SignatureError,
    SyncCancelledError,
    SyncError,
    TransactionFailedError,
    UnsignedPackageError,
    XosUpdateError,
    error_class_for_code,
)
from xosupdate.helper.protocol import (
    MAX_MEDIUM_NAME,
    MAX_PACKAGE_NAME,
    REJECTIONS,
    ErrorCode,
    InstallRequest,
    LogEvent,
    MediumRequest,
    Phase,
    PlannedPackage,
    ProgressEvent,
    RefreshRequest,
    ResultEvent,
    Verb,
    check_medium_name,
    check_package_name,
    code_of,
    decode_reply,
    encode_reply,
    error_for_result,
    is_cancel_line,
    parse_request,
    request_line,
    result_for_error,
)

GOOD_PACKAGES = [
    "openssl",
    "lib64openssl0.9.8",
    "kernel-desktop-2.6.27.7-1mnb",
    "gcc-c++",
    "perl-URPM",
    "python3.11",
    "_private",
    "9base",
    "xos-hello-1.1-1.mga9.x86_64",
    "a" * MAX_PACKAGE_NAME,
]
BAD_PACKAGES = [
    "",
    "-a",
    "--root=/x",
    "+plus",
    ".hidden",
    "a/b",
    "a..b",
    "foo.rpm",
    "a b",
    "a\tb",
    "a;b",
    "$(x)",
    "`x`",
    "a'b",
    'a"b',
    "a\\b",
    "a*",
    "a?",
    "a[1]",
    "foo(x86-64)",
    "a\x00",
    "a\n",
    "é",
    "a" * (MAX_PACKAGE_NAME + 1),
]
GOOD_MEDIA = [
    "Main",
    "Main Updates",
    "Core Release",
    "XtreemOS_Testing",
    "Mandriva Linux - 2009.0 (Free) - Installer",
    "contrib-backports",
    "dl.example.org:8080",
    "a" * MAX_MEDIUM_NAME,
]
BAD_MEDIA = [
    "",
    " Main",
    "Main ",
    "Main  Updates",
    "-a",
    "(x)",
    "Main/Updates",
    "..",
    "a..b",
    "Main,Contrib",
    "$MIRRORLIST",
    "a\\ b",
    "#comment",
    "a'b",
    "Main\tUpdates",
    "Main\n",
    "Main\x00",
    "Mäin",
    "a" * (MAX_MEDIUM_NAME + 1),
]


@pytest.mark.parametrize("name", GOOD_PACKAGES)
def test_good_package_names(name: str) -> None:
    assert check_package_name(name) == name


@pytest.mark.parametrize("name", BAD_PACKAGES)
def test_bad_package_names(name: str) -> None:
    with pytest.raises(RequestRejectedError) as info:
        check_package_name(name)
    assert info.value.reason_code == ErrorCode.BAD_NAME


@pytest.mark.parametrize("name", GOOD_MEDIA)
def test_good_medium_names(name: str) -> None:
    assert check_medium_name(name) == name


@pytest.mark.parametrize("name", BAD_MEDIA)
def test_bad_medium_names(name: str) -> None:
    with pytest.raises(RequestRejectedError) as info:
        check_medium_name(name)
    assert info.value.reason_code == ErrorCode.BAD_NAME


@pytest.mark.parametrize("value", [1, None, b"openssl", ["a"]])
def test_names_must_be_strings(value: object) -> None:
    for check in (check_package_name, check_medium_name):
        with pytest.raises(RequestRejectedError) as info:
            check(value)
        assert info.value.reason_code == ErrorCode.BAD_REQUEST


def test_requests_round_trip() -> None:
    requests: list[InstallRequest | RefreshRequest | MediumRequest] = [
        InstallRequest(verb=Verb.INSTALL, packages=("openssl", "bash"), media=("Main Updates",)),
        InstallRequest(verb=Verb.SIMULATE, packages=("openssl",)),
        RefreshRequest(media=("Main",)),
        RefreshRequest(),
        MediumRequest(verb=Verb.MEDIA_ENABLE, medium="XtreemOS_Testing"),
        MediumRequest(verb=Verb.MEDIA_DISABLE, medium="XtreemOS_Testing"),
    ]
    for request in requests:
        line = request_line(request)
        assert line.endswith(b"\n")
        assert b"\n" not in line[:-1]
        assert parse_request(request.verb, line.strip()) == request


def test_duplicates_are_dropped_in_order() -> None:
    request = parse_request(
        Verb.INSTALL,
        b'{"protocol": 1, "packages": ["b", "a", "b"], "media": ["Main", "Main"]}',
    )
    assert isinstance(request, InstallRequest)
    assert request.packages == ("b", "a")
    assert request.media == ("Main",)


def test_refresh_media_are_optional() -> None:
    assert parse_request(Verb.REFRESH, b'{"protocol": 1}') == RefreshRequest()


def test_cancel_lines() -> None:
    assert is_cancel_line(b'{"cancel": true}')
    assert is_cancel_line(b'{"cancel":true}')
    for line in (b'{"cancel": 1}', b'{"cancel": "true"}', b'{"cancel": true, "x": 1}',
                 b"cancel", b"\xff", b"[true]", b'{"cancel": false}'):  # fmt: skip
        assert not is_cancel_line(line), line


# ---------------------------------------------------------------- replies


EVENTS = [
    ProgressEvent(phase=Phase.DOWNLOAD, item="a.rpm", done=10, total=20, cancellable=True),
    ProgressEvent(phase=Phase.INSTALL, item="a", done=1, total=2),
    LogEvent(text="medium Main is up-to-date"),
    LogEvent(text="non-ASCII é ✓ and \"quotes\"\nand a newline"),
    ResultEvent(
        ok=True,
        code=ErrorCode.OK,
        message="installed 1 packages",
        packages=(
            PlannedPackage(fullname="a-1-1.noarch", medium="Main"),
            PlannedPackage(fullname="b-1-1.noarch"),
        ),
    ),
    ResultEvent(
        ok=False,
        code=ErrorCode.UNRESOLVED,
        message="cannot install",
        details=("x is needed by a-1-1",),
        exit_code=17,
        medium="Main",
        package="a",
    ),
]  # fmt: skip


@pytest.mark.parametrize("event", EVENTS)
def test_replies_round_trip(event: ProgressEvent | LogEvent | ResultEvent) -> None:
    line = encode_reply(event)
    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1
    assert line.isascii()
    assert decode_reply(line) == event
    assert decode_reply(line.decode()) == event


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"not json",
        b"[]",
        b'{"type": "nope"}',
        b'{"type": "progress", "phase": "warp", "item": "", "done": 0, "total": 0}',
        b'{"type": "progress", "phase": "install", "item": "", "done": "1", "total": 0}',
        b'{"type": "progress", "phase": "install", "item": "", "done": true, "total": 0}',
        b'{"type": "progress", "phase": "install", "done": 1, "total": 1}',
        b'{"type": "log"}',
        b'{"type": "log", "text": 3}',
        b'{"type": "result", "ok": 1, "code": "ok", "message": ""}',
        b'{"type": "result", "ok": false, "code": "what", "message": ""}',
        b'{"type": "result", "ok": false, "code": "locked"}',
        b'{"type": "result", "ok": false, "code": "locked", "message": "", "details": [1]}',
        b'{"type": "result", "ok": true, "code": "ok", "message": "", "packages": [{}]}',
        b'{"type": "result", "ok": true, "code": "ok", "message": "", "packages": "a"}',
        b'{"type": "result", "ok": true, "code": "ok", "message": "", "exit_code": "1"}',
        (
            b'{"type": "result", "ok": true, "code": "ok", "message": "",'
            b' "packages": [{"fullname": "a", "medium": 1}]}'
        ),
        b"[" * 100_000,
        b'{"type": "log", "text": "' + b"a" * (1 << 20) + b'"}',
    ],
)
def test_malformed_replies(line: bytes) -> None:
    with pytest.raises(HelperProtocolError):
        decode_reply(line)


def test_every_code_maps_to_an_error_and_back() -> None:
    for code in ErrorCode:
        if code is ErrorCode.OK:
            continue
        result = ResultEvent(ok=False, code=code, message=f"failed: {code}", exit_code=12)
        error = error_for_result(result)
        assert isinstance(error, XosUpdateError)
        assert str(error).startswith(f"failed: {code}")
        # The stable code survives the trip: as the class's code or as its reason.
        assert code.value in (error.code, getattr(error, "reason_code", None))
        assert code_of(error) is code
        if code in REJECTIONS:
            assert isinstance(error, RequestRejectedError)
        elif code.value != error.code:
            assert isinstance(error, TransactionFailedError)
            assert error.exit_code == 12
        else:
            assert error_class_for_code(code.value) is type(error)
        again = result_for_error(error)
        assert (again.code, again.message) == (code, str(error))


def test_error_classes() -> None:
    assert isinstance(
        error_for_result(ResultEvent(ok=False, code=ErrorCode.LOCKED, message="x")), LockedError
    )
    unsigned = error_for_result(
        ResultEvent(ok=False, code=ErrorCode.UNSIGNED, message="x", package="a.rpm", medium="Main")
    )
    assert isinstance(unsigned, UnsignedPackageError)
    assert (unsigned.package, unsigned.medium) == ("a.rpm", "Main")
    assert isinstance(
        error_for_result(ResultEvent(ok=False, code=ErrorCode.SIGNATURE, message="x")),
        SignatureError,
    )
    assert isinstance(
        error_for_result(ResultEvent(ok=False, code=ErrorCode.CANCELLED, message="x")),
        SyncCancelledError,
    )
    assert isinstance(
        error_for_result(ResultEvent(ok=False, code=ErrorCode.SYNC, message="x")), SyncError
    )
    assert (
        type(error_for_result(ResultEvent(ok=False, code=ErrorCode.HELPER, message="x")))
        is HelperError
    )
    assert isinstance(
        error_for_result(ResultEvent(ok=False, code=ErrorCode.OK, message="x")), HelperProtocolError
    )
    # Errors the helper never sends as such still get a code.
    assert code_of(XosUpdateError("x")) is ErrorCode.HELPER
    assert code_of(TransactionFailedError("x", reason_code="odd")) is ErrorCode.TRANSACTION
    assert code_of(RequestRejectedError("x", reason_code="odd")) is ErrorCode.HELPER


def test_request_json_is_the_documented_shape() -> None:
    line = request_line(InstallRequest(verb=Verb.INSTALL, packages=("a",)))
    assert json.loads(line) == {"protocol": 1, "packages": ["a"]}
    line = request_line(MediumRequest(verb=Verb.MEDIA_ENABLE, medium="Main"))
    assert json.loads(line) == {"protocol": 1, "medium": "Main"}
