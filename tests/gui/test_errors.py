# SPDX-License-Identifier: GPL-2.0-or-later
"""Errors in words: title, sentence, hint and copyable details."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from xosupdate.errors import (
    AuthorizationDismissedError,
    ChecksumMismatchError,
    HTTPStatusError,
    KeyNotBoundError,
    LockedError,
    NetworkError,
    SyncCancelledError,
    TransactionFailedError,
    UnsignedPackageError,
    UrpmiCfgError,
    XosUpdateError,
)
from xosupdate.ui.dialogs.errordialog import ErrorDialog
from xosupdate.ui.errors import describe_error, is_cancellation


@pytest.mark.parametrize(
    ("exc", "title", "in_text"),
    [
        (AuthorizationDismissedError(), "Authentication was cancelled", "Nothing was changed"),
        (
            LockedError(pid=42, command="urpmi"),
            "Another program is changing the system",
            "(urpmi, process 42)",
        ),
        (
            NetworkError(url="http://m/x", reason="timed out"),
            "Cannot reach the mirror",
            "http://m/x: timed out",
        ),
        (HTTPStatusError(url="http://m/x", status=404), "The mirror refused a file", "HTTP 404"),
        (
            ChecksumMismatchError(url="u", expected="a", actual="b"),
            "Downloaded data is damaged",
            "checksum mismatch",
        ),
        (
            UnsignedPackageError("bash.rpm has no signature", package="bash"),
            "A package could not be verified",
            "is not signed",
        ),
        (
            KeyNotBoundError("signed by the wrong key"),
            "A package could not be verified",
            "could not be verified",
        ),
        (
            TransactionFailedError("file conflict", details=("bash: /bin/sh",)),
            "The installation failed",
            "file conflict",
        ),
        (
            UrpmiCfgError("no such file", source="urpmi.cfg"),
            "The media configuration cannot be read",
            "urpmi.cfg: no such file",
        ),
        (XosUpdateError("odd"), "Something went wrong", "odd"),
    ],
)
def test_words(qtbot: QtBot, exc: BaseException, title: str, in_text: str) -> None:
    text = describe_error(exc)
    assert text.title == title
    assert in_text in text.text
    assert f"{type(exc).__qualname__}" in text.details


def test_details_carry_fields_and_bugs_their_traceback(qtbot: QtBot) -> None:
    details = describe_error(
        TransactionFailedError("failed", exit_code=16, details=("a", "b"))
    ).details
    assert "[transaction]" in details and "exit_code: 16" in details and "    a\n    b" in details

    def buggy() -> None:
        raise ZeroDivisionError("bug")

    try:
        buggy()
    except ZeroDivisionError as exc:
        bug = describe_error(exc)
    assert bug.title == "Internal error"
    assert "Traceback" in bug.details and "ZeroDivisionError: bug" in bug.details
    assert is_cancellation(SyncCancelledError())


def test_dialog_copy(qtbot: QtBot) -> None:
    dialog = ErrorDialog.for_exception(NetworkError(url="http://m", reason="refused"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details.isVisible()
    dialog.toggle_details.click()
    assert dialog.details.isVisible()
    dialog.copy.click()
    assert "NetworkError [network]" in QGuiApplication.clipboard().text()
