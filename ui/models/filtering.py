# SPDX-License-Identifier: GPL-2.0-or-later
"""A filter change on a QSortFilterProxyModel, on every Qt 6 the package accepts (ui layer).

Qt 6.10 deprecates ``invalidateFilter()`` for ``beginFilterChange()`` and
``endFilterChange()``; older Qt 6 releases only have ``invalidateRowsFilter()``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QSortFilterProxyModel

__all__ = ["rows_filter_change"]


@contextlib.contextmanager
def rows_filter_change(proxy: QSortFilterProxyModel) -> Iterator[None]:
    """Wrap a change of the criteria ``filterAcceptsRow`` reads."""
    if not hasattr(proxy, "beginFilterChange"):
        yield
        proxy.invalidateRowsFilter()
        return
    proxy.beginFilterChange()
    try:
        yield
    finally:
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
