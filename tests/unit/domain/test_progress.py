# SPDX-License-Identifier: GPL-2.0-or-later
"""Progress values and cancel tokens."""

from __future__ import annotations

import threading

import pytest

from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken, Phase, Progress
from xosupdate.errors import SyncCancelledError


def test_fraction() -> None:
    assert Progress(phase=Phase.DOWNLOAD, bytes_done=5, bytes_total=10).fraction == 0.5
    assert Progress(phase=Phase.DOWNLOAD, bytes_done=5).fraction is None
    assert Progress(phase=Phase.DOWNLOAD, bytes_done=50, bytes_total=10).fraction == 1.0


def test_token_check_and_wait() -> None:
    token = CancelToken()
    token.check(medium="Main")
    assert token.wait(0) is False
    threading.Timer(0.01, token.cancel).start()
    assert token.wait(5) is True
    with pytest.raises(SyncCancelledError) as e:
        token.check(medium="Main")
    assert e.value.medium == "Main"


def test_never_cancelled_cannot_be_cancelled() -> None:
    with pytest.raises(TypeError):
        NEVER_CANCELLED.cancel()
    NEVER_CANCELLED.check()
    assert not NEVER_CANCELLED.cancelled
