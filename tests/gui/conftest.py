# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures of the GUI tests (offscreen Qt, see tests/conftest.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel

if TYPE_CHECKING:
    # pytestqt.modeltest reads pytest-qt's Qt binding when imported: only after set-up.
    from pytestqt.modeltest import ModelTester


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """``qtmodeltester.check`` (pytest-qt's method is untyped)."""
    tester.check(model)  # type: ignore[no-untyped-call]
