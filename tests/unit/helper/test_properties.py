# SPDX-License-Identifier: GPL-2.0-or-later
"""Hypothesis fuzzes the request parser: it raises nothing but the refusal, and what it
accepts satisfies every rule (checked here independently of the implementation)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xosupdate.errors import RequestRejectedError
from xosupdate.helper.protocol import (
    MAX_MEDIA,
    MAX_PACKAGES,
    REJECTIONS,
    ErrorCode,
    InstallRequest,
    MediumRequest,
    RefreshRequest,
    Request,
    Verb,
    decode_reply,
    encode_reply,
    parse_request,
)

pytestmark = pytest.mark.property

# The rules, restated: a second, independent reading of the protocol's docstring.
PACKAGE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._+-]{0,254}", re.ASCII)
MEDIUM = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9._+()\[\]:@~-]| (?! ))*", re.ASCII)
SHELL = set(" \t\n\r\x00;&|$`'\"\\<>*?/,#!{}=%")


def package_ok(name: str) -> bool:
    return (
        PACKAGE.fullmatch(name) is not None
        and ".." not in name
        and not name.endswith(".rpm")
        and not SHELL & set(name)
    )


def medium_ok(name: str) -> bool:
    return (
        0 < len(name) <= 128
        and MEDIUM.fullmatch(name) is not None
        and not name.endswith(" ")
        and ".." not in name
        and not (SHELL - {" "}) & set(name)
    )


def valid(request: Request) -> bool:
    if isinstance(request, InstallRequest):
        return (
            0 < len(request.packages) <= MAX_PACKAGES
            and len(set(request.packages)) == len(request.packages)
            and all(package_ok(p) for p in request.packages)
            and len(request.media) <= MAX_MEDIA
            and all(medium_ok(m) for m in request.media)
        )
    if isinstance(request, RefreshRequest):
        return len(request.media) <= MAX_MEDIA and all(medium_ok(m) for m in request.media)
    return medium_ok(request.medium)


def check(verb: Verb, data: bytes) -> None:
    try:
        request = parse_request(verb, data)
    except RequestRejectedError as exc:
        assert exc.reason_code in {c.value for c in REJECTIONS}  # noqa: PT017 - either outcome is checked
        return
    assert request.verb == verb
    assert valid(request), request
    # What was accepted survives its own encoding unchanged.
    assert parse_request(verb, json.dumps(request.to_json()).encode()) == request


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
# Names close to the rules: mostly the allowed alphabet, sometimes one hostile character.
name_chars = st.sampled_from(
    list("abcXYZ019._+-()[]:@~ ") + ["/", ",", "$", ";", "\x00", "\n", "é", "..", "-", " "]
)
near_names = st.lists(name_chars, min_size=0, max_size=12).map("".join) | st.sampled_from(
    ["openssl", "Main Updates", "-a", "--no-verify-rpm", "a.rpm", "..", "Main  Updates"]
)
verbs = st.sampled_from(list(Verb))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(verb=verbs, data=st.binary(max_size=200))
def test_arbitrary_bytes(verb: Verb, data: bytes) -> None:
    check(verb, data)


@settings(max_examples=300, deadline=None)
@given(verb=verbs, value=json_values)
def test_arbitrary_json(verb: Verb, value: object) -> None:
    check(verb, json.dumps(value).encode())


@settings(max_examples=500, deadline=None)
@given(
    verb=verbs,
    protocol=st.sampled_from([1, 1, 1, 2, 0, True, "1", 1.0, None]),
    packages=st.lists(near_names, max_size=4) | json_values,
    media=st.none() | st.lists(near_names, max_size=3) | json_values,
    medium=near_names | json_values,
    extra=st.none() | st.sampled_from(["options", "root", "cancel", "Packages"]),
)
def test_near_valid_requests(
    verb: Verb,
    protocol: object,
    packages: object,
    media: object,
    medium: object,
    extra: str | None,
) -> None:
    obj: dict[str, object] = {"protocol": protocol}
    if verb in (Verb.INSTALL, Verb.SIMULATE):
        obj["packages"] = packages
    if verb is Verb.MEDIA_ENABLE or verb is Verb.MEDIA_DISABLE:
        obj["medium"] = medium
    elif media is not None:
        obj["media"] = media
    if extra is not None:
        obj[extra] = "x"
    check(verb, json.dumps(obj).encode())


@settings(max_examples=200, deadline=None)
@given(names=st.lists(near_names, min_size=1, max_size=5))
def test_accepts_exactly_the_valid_names(names: list[str]) -> None:
    data = json.dumps({"protocol": 1, "packages": names}).encode()
    try:
        request = parse_request(Verb.INSTALL, data)
    except RequestRejectedError as exc:
        assert exc.reason_code in (ErrorCode.BAD_NAME, ErrorCode.BAD_REQUEST)  # noqa: PT017
        assert not all(package_ok(n) for n in names) or names == []
        return
    assert isinstance(request, InstallRequest)
    assert all(package_ok(n) for n in names)
    assert request.packages == tuple(dict.fromkeys(names))


@settings(max_examples=200, deadline=None)
@given(name=near_names)
def test_medium_names(name: str) -> None:
    data = json.dumps({"protocol": 1, "medium": name}).encode()
    try:
        request = parse_request(Verb.MEDIA_ENABLE, data)
    except RequestRejectedError:
        assert not medium_ok(name)
        return
    assert isinstance(request, MediumRequest)
    assert medium_ok(name)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=50))
def test_log_replies_carry_any_text(text: str) -> None:
    from xosupdate.helper.protocol import LogEvent  # noqa: PLC0415

    line = encode_reply(LogEvent(text=text))
    assert line.count(b"\n") == 1
    assert decode_reply(line) == LogEvent(text=text)
