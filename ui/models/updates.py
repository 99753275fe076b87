# SPDX-License-Identifier: GPL-2.0-or-later
"""The update list: candidates grouped under their medium (ui layer).

``UpdatesModel`` is a two-level tree: one row per medium ("XtreemOS_Updates (11)") with a
tri-state check box, and under it one row per ``UpdateCandidate`` in plan order. Views get
the domain object through ``ROLE_CANDIDATE`` and never parse display strings.

What the user ticks is UI state and lives here, keyed by NEVRA, so it survives a reload
of the list: a package still offered at the same version keeps its tick. New packages the
updates require ("new, for xos-amsd") are not ticked by hand: they follow the packages
that need them, since the helper brings them in anyway. Updates that cannot be installed
(a requirement nothing satisfies) cannot be ticked and say why.

``UpdatesFilterProxy`` filters by text, importance and medium and sorts packages inside
their medium; medium rows keep urpmi.cfg's order.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from xosupdate.domain.advisory import Importance
from xosupdate.domain.medium import Medium
from xosupdate.domain.nevra import Nevra
from xosupdate.domain.plan import CandidateKind, UpdateCandidate
from xosupdate.domain.verdict import SignatureVerdict
from xosupdate.ui.icons import icon
from xosupdate.ui.models.checks import as_check_state
from xosupdate.ui.models.filtering import rows_filter_change
from xosupdate.ui.models.headers import column_title
from xosupdate.ui.wording import (
    format_size,
    importance_icon,
    importance_text,
    medium_kind_icon,
    medium_kind_text,
    verdict_detail,
    verdict_icon,
    verdict_text,
)

__all__ = [
    "ROLE_CANDIDATE",
    "ROLE_HEADER",
    "ROLE_MEDIUM",
    "ROLE_SORT",
    "ROLE_VERDICT",
    "Column",
    "SignatureState",
    "UpdatesFilterProxy",
    "UpdatesModel",
    "verdict_key",
]

ROLE_CANDIDATE: Final = Qt.ItemDataRole.UserRole + 1
ROLE_MEDIUM: Final = Qt.ItemDataRole.UserRole + 2
ROLE_SORT: Final = Qt.ItemDataRole.UserRole + 3
ROLE_HEADER: Final = Qt.ItemDataRole.UserRole + 4
ROLE_VERDICT: Final = Qt.ItemDataRole.UserRole + 5

Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()
# internalId of a medium row; package rows carry their medium's row + 1.
_HEADER_ID: Final = 0


class Column(enum.IntEnum):
    """Columns of the update list (the check box sits in NAME)."""

    NAME = 0
    VERSION = 1
    IMPORTANCE = 2
    SIGNATURE = 3
    SIZE = 4


_COLUMNS: Final = 5
assert len(Column) == _COLUMNS
_COLUMN_AT: Final = tuple(Column)  # Column(i) without the enum call, in data() and flags()

# Flags as precomputed values: the view asks for every row's flags when it lays out an
# expanded tree, and building them with enum operators each time shows on 2,000 rows.
_FLAGS: Final = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS_HEADER_CHECK: Final = _FLAGS | Qt.ItemFlag.ItemIsUserCheckable
_FLAGS_ITEM: Final = _FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_FLAGS_ITEM_CHECK: Final = _FLAGS_ITEM | Qt.ItemFlag.ItemIsUserCheckable


class SignatureState(enum.Enum):
    """Where the signature column stands for packages without a verdict yet."""

    NOT_CHECKED = "not-checked"
    CHECKING = "checking"
    UNAVAILABLE = "unavailable"


def verdict_key(name: str, arch: str, medium: str) -> tuple[str, str, str]:
    """How verdicts are matched to candidates (a verdict names no version)."""
    return (name, arch, medium)


@dataclass(slots=True)
class _Group:
    name: str
    medium: Medium | None
    items: list[UpdateCandidate] = field(default_factory=list)


def _column_titles() -> dict[int, str]:
    return {
        Column.NAME: QCoreApplication.translate("UpdatesModel", "Package"),
        Column.VERSION: QCoreApplication.translate("UpdatesModel", "Installed \u2192 new version"),
        Column.IMPORTANCE: QCoreApplication.translate("UpdatesModel", "Importance"),
        Column.SIGNATURE: QCoreApplication.translate("UpdatesModel", "Signature"),
        Column.SIZE: QCoreApplication.translate("UpdatesModel", "Download"),
    }


class UpdatesModel(QAbstractItemModel):
    """Update candidates grouped per medium, with the user's ticks.

    Signals:
        selection_changed(int, object): ticked packages (dependencies included) and their
            download size in bytes.
    """

    selection_changed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._checked: set[Nevra] = set()
        self._seen: frozenset[Nevra] = frozenset()  # every package any list showed
        self._ticked_names: frozenset[str] = frozenset()
        self._verdicts: dict[tuple[str, str, str], SignatureVerdict] = {}
        self._signature_problems: dict[tuple[str, str, str], str] = {}
        # Names that cannot be ticked because of a signature verdict, with the reason.
        self._refused: dict[str, str] = {}
        self._signature_state = SignatureState.NOT_CHECKED
        self._sort_column = Column.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------ replacing data

    def set_candidates(
        self,
        candidates: Sequence[UpdateCandidate],
        *,
        media: Sequence[Medium] = (),
        preselect: bool = True,
    ) -> None:
        """Replace the list (groups in the order of ``media``, then first appearance).

        Ticks of packages still offered at the same version are kept. Packages never seen
        before (in any list this model showed: a round trip through the testing view, or a
        list a failed medium shortened, must not tick again what the user unticked) are
        ticked when ``preselect`` and they are installable updates from a non-testing
        medium.
        """
        known = {m.name: m for m in media}
        previous = self._seen
        self._seen = previous | {c.nevra for c in candidates}
        self.beginResetModel()
        groups: dict[str, _Group] = {m.name: _Group(m.name, m) for m in media}
        for c in candidates:
            groups.setdefault(c.medium, _Group(c.medium, known.get(c.medium))).items.append(c)
        self._groups = [g for g in groups.values() if g.items]
        for g in self._groups:
            g.items = self._sorted(g.items)
        self._verdicts = {}
        self._signature_problems = {}
        self._refused = {}
        self._signature_state = SignatureState.NOT_CHECKED
        checked: set[Nevra] = set()
        for g in self._groups:
            testing = g.medium is not None and g.medium.testing
            for c in g.items:
                if not self._checkable(c):
                    continue
                nevra = c.nevra
                if nevra in self._checked or (preselect and nevra not in previous and not testing):
                    checked.add(nevra)
        self._set_ticks(checked)
        self.endResetModel()
        self._emit_selection()

    def set_verdicts(
        self,
        verdicts: Iterable[SignatureVerdict],
        *,
        problems: Mapping[tuple[str, str, str], str] | None = None,
    ) -> None:
        """Show signature verdicts (matched by name, arch and medium); ``problems`` say
        why a candidate could not be checked (its header could not be fetched).

        A package signed by anything but its own medium's key cannot be ticked, nor can
        the updates that need it: they are unticked now, before any password is asked for
        (the helper would refuse them after it; design/ux.md §3.1, no "continue anyway").
        """
        self._verdicts = {verdict_key(v.name, v.arch, v.medium): v for v in verdicts}
        self._signature_problems = dict(problems or {})
        self._signature_state = SignatureState.UNAVAILABLE
        self._refused = self._refusals()
        if self._refused and self._groups:
            # Flags, ticks and the version column's words change on whole rows.
            for row, g in enumerate(self._groups):
                parent = self.index(row, 0)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(g.items) - 1, _COLUMNS - 1, parent)
                )
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._groups) - 1, _COLUMNS - 1))
            kept = {c.nevra for c in self.candidates() if c.nevra in self._checked}
            self._replace_checked({n for n in kept if n.name not in self._refused})
        self._signature_column_changed()

    def _refusals(self) -> dict[str, str]:
        """The names refused for their signature, and why: the package itself, or, to a
        fixed point, a new package it needs."""
        refused: dict[str, str] = {}
        for c in self.candidates():
            verdict = self.verdict(c)
            if verdict is not None and not verdict.verdict.installable:
                refused.setdefault(
                    c.name,
                    QCoreApplication.translate(
                        "UpdatesModel", "Cannot be installed, its signature is not trusted: {0}"
                    ).format(verdict_detail(verdict) or verdict_text(verdict.verdict)),
                )
        new = [c for c in self.candidates() if c.kind is CandidateKind.NEW]
        grew = True
        while grew:
            grew = False
            for c in new:
                if c.name not in refused:
                    continue
                for name in c.required_by:
                    if name not in refused:
                        #: {0}: a package name.
                        refused[name] = QCoreApplication.translate(
                            "UpdatesModel",
                            "Cannot be installed: it needs {0}, whose signature is not trusted.",
                        ).format(c.name)
                        grew = True
        return refused

    def set_signature_state(self, state: SignatureState) -> None:
        """What the signature column says for packages without a verdict."""
        self._signature_state = state
        self._signature_column_changed()

    def _signature_column_changed(self) -> None:
        for row, g in enumerate(self._groups):
            if g.items:
                parent = self.index(row, 0)
                self.dataChanged.emit(
                    self.index(0, Column.SIGNATURE, parent),
                    self.index(len(g.items) - 1, Column.SIGNATURE, parent),
                )

    # ------------------------------------------------------------ reading

    def candidates(self) -> list[UpdateCandidate]:
        """Every candidate, in list order."""
        return [c for g in self._groups for c in g.items]

    def media(self) -> list[str]:
        """The medium rows, in order."""
        return [g.name for g in self._groups]

    def verdict(self, candidate: UpdateCandidate) -> SignatureVerdict | None:
        """The signature verdict of a candidate, when known."""
        return self._verdicts.get(verdict_key(candidate.name, candidate.arch, candidate.medium))

    def signature_problem(self, candidate: UpdateCandidate) -> str | None:
        """Why the candidate's signature could not be checked, when it could not."""
        return self._signature_problems.get(
            verdict_key(candidate.name, candidate.arch, candidate.medium)
        )

    def is_checked(self, candidate: UpdateCandidate) -> bool:
        """Whether the candidate will be installed: ticked, or a dependency of a ticked
        package."""
        if candidate.kind is CandidateKind.NEW:
            return self._needed(candidate)
        return candidate.nevra in self._checked

    def _needed(self, candidate: UpdateCandidate) -> bool:
        return not self._ticked_names.isdisjoint(candidate.required_by)

    def checked_candidates(self) -> list[UpdateCandidate]:
        """What the user ticked, with the new packages those need, in list order."""
        return [c for c in self.candidates() if self.is_checked(c)]

    def selection_size(self) -> int:
        """Download size of the selection in bytes (packages without a size count 0)."""
        return sum(c.filesize or 0 for c in self.checked_candidates())

    # ------------------------------------------------------------ changing the ticks

    def _checkable(self, candidate: UpdateCandidate) -> bool:
        return (
            candidate.installable
            and candidate.kind is not CandidateKind.NEW
            and candidate.name not in self._refused
        )

    def refusal(self, candidate: UpdateCandidate) -> str | None:
        """Why the candidate cannot be ticked for its (or a dependency's) signature."""
        return self._refused.get(candidate.name)

    def set_checked(self, predicate: Mapping[Nevra, bool] | None = None, *, every: bool) -> None:
        """Tick (``every=True``) or untick every checkable package, or only the NEVRAs
        in ``predicate`` to the value they map to."""
        new: set[Nevra] = set(self._checked)
        for c in self.candidates():
            if not self._checkable(c):
                continue
            value = every if predicate is None else predicate.get(c.nevra)
            if value is None:
                continue
            if value:
                new.add(c.nevra)
            else:
                new.discard(c.nevra)
        self._replace_checked(new)

    def check_only(self, wanted: Iterable[UpdateCandidate]) -> None:
        """Tick exactly ``wanted`` (those of them that are checkable)."""
        nevras = {c.nevra for c in wanted if self._checkable(c)}
        present = {c.nevra for c in self.candidates()}
        self._replace_checked(nevras & present)

    def toggle(self, index: Index) -> None:
        """Flip the tick of a package row, or of a whole medium row."""
        if not index.isValid():
            return
        first = self.index(index.row(), Column.NAME, index.parent())
        state = self.data(first, Qt.ItemDataRole.CheckStateRole)
        if state is None or not (self.flags(first) & Qt.ItemFlag.ItemIsUserCheckable):
            return
        new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        self.setData(first, new, Qt.ItemDataRole.CheckStateRole)

    def _replace_checked(self, new: set[Nevra]) -> None:
        if new == self._checked:
            return
        self._set_ticks(new)
        self._all_check_states_changed()
        self._emit_selection()

    def _set_ticks(self, checked: set[Nevra]) -> None:
        self._checked = checked
        # Names that will be installed: the ticked packages, then, to a fixed point, the
        # new packages something in the set requires (a dependency of a dependency).
        wanted = {n.name for n in checked}
        new = [c for c in self.candidates() if c.kind is CandidateKind.NEW]
        grew = True
        while grew:
            grew = False
            for c in new:
                if c.name not in wanted and not wanted.isdisjoint(c.required_by):
                    wanted.add(c.name)
                    grew = True
        self._ticked_names = frozenset(wanted)

    def _all_check_states_changed(self) -> None:
        if not self._groups:
            return
        last = len(self._groups) - 1
        self.dataChanged.emit(
            self.index(0, Column.NAME),
            self.index(last, Column.NAME),
            [Qt.ItemDataRole.CheckStateRole],
        )
        for row, g in enumerate(self._groups):
            parent = self.index(row, 0)
            self.dataChanged.emit(
                self.index(0, Column.NAME, parent),
                self.index(len(g.items) - 1, Column.NAME, parent),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def _emit_selection(self) -> None:
        chosen = self.checked_candidates()
        self.selection_changed.emit(len(chosen), sum(c.filesize or 0 for c in chosen))

    # ------------------------------------------------------------ sorting

    def _sorted(self, items: list[UpdateCandidate]) -> list[UpdateCandidate]:
        return sorted(
            items,
            key=lambda c: self._sort_key(c, self._sort_column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the packages inside each medium (medium rows keep urpmi.cfg's order).

        Sorting here, with Python's sort on one key per package, rather than in the proxy
        (a Python ``lessThan`` per comparison) keeps a 2,000-row list responsive.
        """
        if not 0 <= column < len(Column):
            return
        self._sort_column = Column(column)
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        moved: dict[tuple[int, int], int] = {}
        for g_row, g in enumerate(self._groups):
            new = self._sorted(g.items)
            position = {id(c): row for row, c in enumerate(new)}
            for old_row, c in enumerate(g.items):
                moved[(g_row, old_row)] = position[id(c)]
            g.items = new
        old = self.persistentIndexList()
        new_indexes = []
        for index in old:
            ident = index.internalId()
            if ident == _HEADER_ID:
                new_indexes.append(QModelIndex(index))
                continue
            row = moved.get((ident - 1, index.row()), index.row())
            new_indexes.append(self.createIndex(row, index.column(), ident))
        self.changePersistentIndexList(old, new_indexes)
        self.layoutChanged.emit()

    # ------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # Bounds checked here rather than with hasIndex(): the view asks for every row of
        # an expanded 2,000-row tree, and each call into C++ and back counts.
        if row < 0 or not 0 <= column < _COLUMNS:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._groups):
                return QModelIndex()
            return self.createIndex(row, column, _HEADER_ID)
        if parent.internalId() != _HEADER_ID or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if row >= len(self._groups[group].items):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _HEADER_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _HEADER_ID)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _HEADER_ID:
            return 0
        return len(self._groups[parent.row()].items)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: ARG002 - same for every row
        return _COLUMNS

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        return self.rowCount(parent) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return column_title(section, orientation, role, _column_titles)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        ident = index.internalId()
        if ident == _HEADER_ID:
            if index.column() != Column.NAME:
                return _FLAGS
            group = self._groups[index.row()]
            checkable = any(self._checkable(c) for c in group.items)
            return _FLAGS_HEADER_CHECK if checkable else _FLAGS
        if index.column() != Column.NAME:
            return _FLAGS_ITEM
        candidate = self._groups[ident - 1].items[index.row()]
        return _FLAGS_ITEM_CHECK if self._checkable(candidate) else _FLAGS_ITEM

    def candidate_at(self, row: int, parent: Index) -> UpdateCandidate | None:
        """The candidate of row ``row`` under ``parent`` (None for medium rows): the
        filter's fast path, without building an index."""
        if not parent.isValid():
            return None
        items = self._groups[parent.row()].items
        return items[row] if 0 <= row < len(items) else None

    def _candidate(self, index: Index) -> UpdateCandidate | None:
        ident = index.internalId()
        if ident == _HEADER_ID:
            return None
        group = self._groups[ident - 1]
        return group.items[index.row()]

    # ------------------------------------------------------------ data

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _HEADER_ID:
            return self._header_data(self._groups[index.row()], index.column(), role)
        candidate = self._candidate(index)
        if candidate is None:
            return None
        return self._item_data(candidate, _COLUMN_AT[index.column()], role)

    def _header_data(self, group: _Group, column: int, role: int) -> object:
        if role == ROLE_HEADER:
            return True
        if role == ROLE_MEDIUM:
            return group.name
        if role == ROLE_CANDIDATE:
            return None
        if column != Column.NAME:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{group.name} ({len(group.items)})"
            if group.medium is not None and (group.medium.testing or group.medium.update):
                text += f" \u2014 {medium_kind_text(group.medium)}"
            return text
        if role == Qt.ItemDataRole.CheckStateRole:
            return self._group_state(group)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and group.medium is not None:
            return icon(medium_kind_icon(group.medium))
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and group.medium is not None
            and group.medium.testing
        ):
            return QCoreApplication.translate(
                "UpdatesModel",
                "Testing medium: candidates for a future update, not supported; "
                "they may break your system.",
            )
        if role == ROLE_SORT:
            return self._groups.index(group)
        return None

    def _group_state(self, group: _Group) -> Qt.CheckState | None:
        checkable = [c for c in group.items if self._checkable(c)]
        if not checkable:
            return None
        ticked = sum(1 for c in checkable if c.nevra in self._checked)
        if ticked == 0:
            return Qt.CheckState.Unchecked
        if ticked == len(checkable):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked

    def _item_data(self, c: UpdateCandidate, column: Column, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, column)
        if role == ROLE_CANDIDATE:
            return c
        if role == ROLE_MEDIUM:
            return c.medium
        if role == ROLE_HEADER:
            return False
        if role == ROLE_VERDICT:
            return self.verdict(c)
        if role == ROLE_SORT:
            return self._sort_key(c, column)
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.NAME:
            return Qt.CheckState.Checked if self.is_checked(c) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(c, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(c, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column is Column.NAME:
            return c.summary
        return None

    def _display(self, c: UpdateCandidate, column: Column) -> str:
        if column is Column.NAME:
            return c.name
        if column is Column.VERSION:
            if not c.installable:
                return QCoreApplication.translate(
                    "UpdatesModel", "cannot be installed: needs {0}"
                ).format("; ".join(c.missing))
            if c.kind is CandidateKind.NEW:
                return QCoreApplication.translate("UpdatesModel", "{0} (new, for {1})").format(
                    c.candidate, ", ".join(c.required_by)
                )
            if c.replaces:
                return QCoreApplication.translate("UpdatesModel", "{0} (replaces {1})").format(
                    c.candidate, ", ".join(c.replaces)
                )
            return f"{c.installed} \u2192 {c.candidate}" if c.installed else str(c.candidate)
        if column is Column.IMPORTANCE:
            return importance_text(c.importance)
        if column is Column.SIGNATURE:
            verdict = self.verdict(c)
            if verdict is not None:
                return verdict_text(verdict.verdict)
            return {
                SignatureState.NOT_CHECKED: QCoreApplication.translate(
                    "UpdatesModel", "Not checked yet"
                ),
                SignatureState.CHECKING: QCoreApplication.translate(
                    "UpdatesModel", "Checking\u2026"
                ),
                SignatureState.UNAVAILABLE: QCoreApplication.translate(
                    "UpdatesModel", "Could not be checked"
                ),
            }[self._signature_state]
        return format_size(c.filesize)

    def _decoration(self, c: UpdateCandidate, column: Column) -> object:
        if column is Column.IMPORTANCE:
            return icon(importance_icon(c.importance))
        if column is Column.VERSION:
            if not c.installable or c.name in self._refused:
                return icon("status-blocked")
            if c.kind is CandidateKind.NEW:
                return icon("status-new")
            return None
        if column is Column.SIGNATURE:
            verdict = self.verdict(c)
            return icon(verdict_icon(verdict.verdict) if verdict else "verdict-pending")
        return None

    def _tooltip(self, c: UpdateCandidate, column: Column) -> str | None:
        if column is Column.SIGNATURE:
            verdict = self.verdict(c)
            if verdict is not None:
                return verdict_detail(verdict) or None
            return self.signature_problem(c)
        if column is Column.VERSION and not c.installable:
            return QCoreApplication.translate(
                "UpdatesModel", "Nothing on the enabled media provides: {0}"
            ).format("; ".join(c.missing))
        if column in (Column.NAME, Column.VERSION) and c.name in self._refused:
            return self._refused[c.name]
        return c.summary or None

    def _sort_key(self, c: UpdateCandidate, column: Column) -> tuple[int | str, str]:
        if column is Column.IMPORTANCE:
            return (c.importance.rank, c.name)
        if column is Column.SIZE:
            return (c.filesize or 0, c.name)
        if column is Column.SIGNATURE:
            verdict = self.verdict(c)
            return (verdict.verdict.value if verdict else "~", c.name)
        if column is Column.VERSION:
            return (str(c.candidate), c.name)
        return (c.name.casefold(), c.name)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not (self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        on = as_check_state(value) != Qt.CheckState.Unchecked
        if index.internalId() == _HEADER_ID:
            group = self._groups[index.row()]
            self.set_checked({c.nevra: on for c in group.items}, every=on)
            return True
        candidate = self._candidate(index)
        if candidate is None:
            return False
        self.set_checked({candidate.nevra: on}, every=on)
        return True


class UpdatesFilterProxy(QSortFilterProxyModel):
    """Text search, importance and medium filters over ``UpdatesModel``.

    A medium row stays visible while one of its packages matches (recursive filtering);
    medium rows keep their order whatever the sort column.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._text = ""
        self._importance: frozenset[Importance] = frozenset()
        self._medium = ""

    def set_text(self, text: str) -> None:
        """Show packages whose name, summary or advisory id contains ``text``."""
        with rows_filter_change(self):
            self._text = text.strip().casefold()

    def set_importance(self, importance: Iterable[Importance]) -> None:
        """Show only these importances (empty: all)."""
        with rows_filter_change(self):
            self._importance = frozenset(importance)

    def set_medium(self, medium: str) -> None:
        """Show only this medium ("": all)."""
        with rows_filter_change(self):
            self._medium = medium

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not (self._text or self._importance or self._medium):
            return True
        model = self.sourceModel()
        candidate = (
            model.candidate_at(source_row, source_parent)
            if isinstance(model, UpdatesModel)
            else None
        )
        if not isinstance(candidate, UpdateCandidate):
            # A medium row: shown through its matching packages (recursive filtering), or
            # on its own when nothing filters.
            return not (self._text or self._importance or self._medium)
        if self._medium and candidate.medium != self._medium:
            return False
        if self._importance and candidate.importance not in self._importance:
            return False
        if self._text:
            advisory = candidate.advisory.id if candidate.advisory else ""
            haystack = f"{candidate.name}\n{candidate.summary}\n{advisory}".casefold()
            return self._text in haystack
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (see ``UpdatesModel.sort``); the proxy keeps its
        order and only filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
