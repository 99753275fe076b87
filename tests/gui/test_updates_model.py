# SPDX-License-Identifier: GPL-2.0-or-later
"""UpdatesModel and its filter proxy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.gui.conftest import check_model
from tests.gui.fakes import candidate, medium
from xosupdate.domain.advisory import Importance
from xosupdate.domain.plan import CandidateKind, UpdateCandidate
from xosupdate.domain.verdict import SignatureVerdict, Verdict
from xosupdate.ui.models.updates import (
    ROLE_CANDIDATE,
    ROLE_HEADER,
    Column,
    SignatureState,
    UpdatesFilterProxy,
    UpdatesModel,
)

MEDIA = [medium("Main"), medium("Updates", update=True), medium("Testing", enabled=False)]


def plan() -> list[UpdateCandidate]:
    return [
        candidate(
            "libnew",
            "2.0-1",
            None,
            medium="Main",
            kind=CandidateKind.NEW,
            required_by=("amsd",),
            filesize=300,
        ),
        candidate("amsd", medium="Updates", importance=Importance.BUGFIX, filesize=1000),
        candidate("bash", medium="Updates", importance=Importance.SECURITY, filesize=2000),
        candidate("broken", medium="Updates", missing=("libgone >= 2",), filesize=50),
        candidate("xos-api", medium="Updates", filesize=None),
    ]


@pytest.fixture
def model(qtbot: QtBot) -> UpdatesModel:
    m = UpdatesModel()
    m.set_candidates(plan(), media=MEDIA)
    return m


def header(model: UpdatesModel, name: str) -> QModelIndex:
    for row in range(model.rowCount()):
        idx = model.index(row, 0)
        if idx.data().startswith(name + " ("):
            return idx
    raise AssertionError(name)


def row_of(model: UpdatesModel, name: str, column: Column = Column.NAME) -> QModelIndex:
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        for r in range(model.rowCount(parent)):
            idx = model.index(r, column, parent)
            if model.index(r, 0, parent).data() == name:
                return idx
    raise AssertionError(name)


def test_modeltester(qtmodeltester: ModelTester, model: UpdatesModel) -> None:
    check_model(qtmodeltester, model)
    proxy = UpdatesFilterProxy()
    proxy.setSourceModel(model)
    check_model(qtmodeltester, proxy)
    proxy.set_text("ba")
    check_model(qtmodeltester, proxy)


def test_empty_model(qtmodeltester: ModelTester) -> None:
    check_model(qtmodeltester, UpdatesModel())


def test_groups_follow_media_order_and_count(model: UpdatesModel) -> None:
    assert model.media() == ["Main", "Updates"]
    assert header(model, "Updates").data() == "Updates (4) \u2014 Updates"
    assert header(model, "Main").data(ROLE_HEADER) is True
    assert header(model, "Main").data(ROLE_CANDIDATE) is None
    assert row_of(model, "bash").data(ROLE_CANDIDATE).name == "bash"


def test_display_texts(model: UpdatesModel) -> None:
    assert row_of(model, "bash", Column.VERSION).data() == "1.0-1 \u2192 1.1-1"
    assert row_of(model, "bash", Column.IMPORTANCE).data() == "Security"
    assert row_of(model, "amsd", Column.IMPORTANCE).data() == "Bug fix"
    assert row_of(model, "libnew", Column.VERSION).data() == "2.0-1 (new, for amsd)"
    assert (
        row_of(model, "broken", Column.VERSION).data() == "cannot be installed: needs libgone >= 2"
    )
    assert row_of(model, "xos-api", Column.SIZE).data() == "\u2013"
    assert row_of(model, "bash", Column.SIZE).data() == "2.0 kB"
    # Every icon has a text beside it.
    for col in (Column.IMPORTANCE, Column.SIGNATURE):
        idx = row_of(model, "bash", col)
        assert idx.data(Qt.ItemDataRole.DecorationRole) is not None
        assert idx.data()


def test_preselection_and_blocked(model: UpdatesModel) -> None:
    chosen = {c.name for c in model.checked_candidates()}
    # Upgrades ticked, the dependency follows amsd, the blocked update stays out.
    assert chosen == {"amsd", "bash", "xos-api", "libnew"}
    broken = row_of(model, "broken")
    assert not model.flags(broken) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(broken, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    libnew = row_of(model, "libnew")
    assert not model.flags(libnew) & Qt.ItemFlag.ItemIsUserCheckable
    assert libnew.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.selection_size() == 300 + 1000 + 2000


def test_dependency_follows_requirer(qtbot: QtBot, model: UpdatesModel) -> None:
    with qtbot.waitSignal(model.selection_changed) as blocker:
        model.setData(
            row_of(model, "amsd"), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
        )
    assert blocker.args == [2, 2000]
    assert row_of(model, "libnew").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert header(model, "Updates").data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.PartiallyChecked
    )


def test_tristate_header(model: UpdatesModel) -> None:
    updates = header(model, "Updates")
    assert updates.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.setData(updates, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_candidates() == []
    # Main holds only a dependency: nothing to tick by hand.
    assert header(model, "Main").data(Qt.ItemDataRole.CheckStateRole) is None
    model.toggle(updates)
    assert updates.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_ticks_survive_reload_and_testing_not_preselected(model: UpdatesModel) -> None:
    model.setData(row_of(model, "bash"), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    model.set_candidates([*plan(), candidate("xos-t", medium="Testing")], media=MEDIA)
    chosen = {c.name for c in model.checked_candidates()}
    assert chosen == {"amsd", "xos-api", "libnew"}
    model.set_checked(every=True)
    assert "xos-t" in {c.name for c in model.checked_candidates()}
    model.set_checked(every=False)
    assert model.checked_candidates() == []


def test_transitive_dependency(qtbot: QtBot) -> None:
    m = UpdatesModel()
    m.set_candidates(
        [
            candidate("a", medium="U"),
            candidate("b", "1-1", None, medium="U", kind=CandidateKind.NEW, required_by=("a",)),
            candidate("c", "1-1", None, medium="U", kind=CandidateKind.NEW, required_by=("b",)),
        ]
    )
    assert [c.name for c in m.checked_candidates()] == ["a", "b", "c"]


def test_verdicts(qtbot: QtBot, model: UpdatesModel) -> None:
    bash = row_of(model, "bash", Column.SIGNATURE)
    assert bash.data() == "Not checked yet"
    model.set_signature_state(SignatureState.CHECKING)
    assert bash.data() == "Checking\u2026"
    with qtbot.waitSignal(model.dataChanged):
        model.set_verdicts(
            [
                SignatureVerdict(
                    name="bash",
                    arch="x86_64",
                    medium="Updates",
                    verdict=Verdict.TRUSTED,
                    key_id="b65335b2",
                    signer_medium="Updates",
                    detail="the core's sentence",
                ),
            ]
        )
    assert bash.data() == "Trusted"
    # Worded by the GUI from the verdict's fields, in the language shown.
    assert bash.data(Qt.ItemDataRole.ToolTipRole) == "Signed by b65335b2, the key of Updates"
    assert row_of(model, "amsd", Column.SIGNATURE).data() == "Could not be checked"


def verdict(name: str, medium: str, value: Verdict, **fields: str) -> SignatureVerdict:
    return SignatureVerdict(name=name, arch="x86_64", medium=medium, verdict=value, **fields)


def test_untrusted_signatures_are_unticked_before_any_password(
    qtbot: QtBot, model: UpdatesModel
) -> None:
    """bash is signed by another medium's key, libnew (which amsd needs) is not signed:
    neither bash nor amsd can be ticked any more; xos-api, trusted, stays."""
    with qtbot.waitSignal(model.selection_changed):
        model.set_verdicts(
            [
                verdict(
                    "bash",
                    "Updates",
                    Verdict.OTHER_MEDIUM_KEY,
                    key_id="70771ff3",
                    signer_medium="Main",
                ),
                verdict("libnew", "Main", Verdict.UNSIGNED),
                verdict("xos-api", "Updates", Verdict.TRUSTED),
            ]
        )
    assert {c.name for c in model.checked_candidates()} == {"xos-api"}
    for name in ("bash", "amsd"):
        assert not model.flags(row_of(model, name)) & Qt.ItemFlag.ItemIsUserCheckable
    assert row_of(model, "bash").data(Qt.ItemDataRole.ToolTipRole) == (
        "Cannot be installed, its signature is not trusted: "
        "Signed by 70771ff3, the key of Main, not of Updates"
    )
    assert row_of(model, "amsd", Column.VERSION).data(Qt.ItemDataRole.ToolTipRole) == (
        "Cannot be installed: it needs libnew, whose signature is not trusted."
    )
    assert row_of(model, "amsd", Column.VERSION).data(Qt.ItemDataRole.DecorationRole) is not None
    # Neither "select all" nor the medium's box brings them back.
    model.set_checked(every=True)
    assert {c.name for c in model.checked_candidates()} == {"xos-api"}
    model.toggle(header(model, "Updates"))
    assert model.checked_candidates() == []
    model.toggle(header(model, "Updates"))
    assert {c.name for c in model.checked_candidates()} == {"xos-api"}
    # A new list (after a refresh) starts without verdicts, checked again; what was
    # unticked stays so (it was seen already).
    model.set_candidates(plan(), media=MEDIA)
    assert model.refusal(plan()[2]) is None
    assert {c.name for c in model.checked_candidates()} == {"xos-api"}


@pytest.fixture
def proxy(model: UpdatesModel) -> UpdatesFilterProxy:
    p = UpdatesFilterProxy()
    p.setSourceModel(model)
    return p


def visible(proxy: UpdatesFilterProxy) -> list[str]:
    out = []
    for row in range(proxy.rowCount()):
        parent = proxy.index(row, 0)
        out += [proxy.index(r, 0, parent).data() for r in range(proxy.rowCount(parent))]
    return out


def test_filters(proxy: UpdatesFilterProxy) -> None:
    assert len(visible(proxy)) == 5
    proxy.set_text("BAS")
    assert visible(proxy) == ["bash"]
    assert proxy.rowCount() == 1  # Main is hidden: nothing of it matches
    proxy.set_text("")
    proxy.set_importance({Importance.SECURITY, Importance.BUGFIX})
    assert visible(proxy) == ["amsd", "bash"]
    proxy.set_importance(())
    proxy.set_medium("Main")
    assert visible(proxy) == ["libnew"]
    proxy.set_medium("")
    proxy.set_text("XOSA-")  # advisory ids are searched too
    assert set(visible(proxy)) == {"amsd", "bash"}


def test_sorting_keeps_media_order(proxy: UpdatesFilterProxy) -> None:
    proxy.sort(Column.SIZE, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data().split(" ")[0] for r in range(proxy.rowCount())] == [
        "Main",
        "Updates",
    ]
    assert visible(proxy)[1:] == ["bash", "amsd", "broken", "xos-api"]
    proxy.sort(Column.IMPORTANCE, Qt.SortOrder.AscendingOrder)
    assert visible(proxy)[1:3] == ["bash", "amsd"]


def test_two_thousand_rows(qtbot: QtBot) -> None:
    m = UpdatesModel()
    m.set_candidates([candidate(f"pkg{i:04d}", medium=f"M{i % 3}") for i in range(2000)])
    assert sum(m.rowCount(m.index(r, 0)) for r in range(m.rowCount())) == 2000
    assert len(m.checked_candidates()) == 2000


def test_sort_keeps_current_row(qtbot: QtBot) -> None:
    m = UpdatesModel()
    m.set_candidates(
        [candidate("a", filesize=3), candidate("b", filesize=1), candidate("c", filesize=2)]
    )
    group = m.index(0, 0)
    current = QPersistentModelIndex(m.index(0, Column.SIZE, group))  # "a"
    m.sort(Column.SIZE, Qt.SortOrder.AscendingOrder)
    assert [c.name for c in m.candidates()] == ["b", "c", "a"]
    assert current.row() == 2 and current.column() == Column.SIZE
    assert m.index(current.row(), 0, group).data() == "a"
    # A reload keeps the sort.
    m.set_candidates([candidate("z", filesize=0), *m.candidates()])
    assert [c.name for c in m.candidates()] == ["z", "b", "c", "a"]
