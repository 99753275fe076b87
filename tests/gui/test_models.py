# SPDX-License-Identifier: GPL-2.0-or-later
"""The other models: media, audit, a medium's packages, refresh progress, mirrors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.gui.conftest import check_model
from tests.gui.fakes import evr, medium
from xosupdate.domain.progress import Phase, Progress
from xosupdate.errors import NetworkError
from xosupdate.formats.mirrorlist import Mirror
from xosupdate.services.audit import AuditRecord, AuditStatus
from xosupdate.services.mirrors import MirrorRanking, MirrorStatus
from xosupdate.services.packages import MediumPackage, PackageState
from xosupdate.services.refresh import MediumRefresh, RefreshStatus
from xosupdate.ui.models.audit import AuditColumn, AuditFilterProxy, AuditModel
from xosupdate.ui.models.media import MediaColumn, MediaModel
from xosupdate.ui.models.mirrors import MirrorsColumn, MirrorsModel
from xosupdate.ui.models.packages import PackagesColumn, PackagesFilterProxy, PackagesModel
from xosupdate.ui.models.refresh import ROLE_FRACTION, RefreshColumn, RefreshModel, RowState


def test_media_model(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    m = MediaModel()
    check_model(qtmodeltester, m)
    m.set_media([medium("Main"), medium("Updates", update=True), medium("Testing", enabled=False)])
    check_model(qtmodeltester, m)
    assert m.index(2, MediaColumn.KIND).data() == "Testing"
    assert m.index(1, MediaColumn.KIND).data() == "Updates"
    assert m.index(2, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "Signing keys: 5c4f6421" in m.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(m.switch_requested) as blocker:
        assert not m.setData(m.index(2, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == ["Testing", True]
    m.set_pending("Testing", True)
    assert m.index(2, MediaColumn.KIND).data() == "Testing \u2014 switching on\u2026"
    assert not m.flags(m.index(2, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    m.set_pending("Testing", None)
    assert m.index(2, MediaColumn.KIND).data() == "Testing"


def test_audit_model(qtmodeltester: ModelTester) -> None:
    m = AuditModel()
    m.set_records(
        [
            AuditRecord(
                name="bash",
                arch="x86_64",
                installed=evr("1-1"),
                status=AuditStatus.UPDATE_AVAILABLE,
                available=evr("2-1"),
                available_medium="Updates",
                installed_on=86400 * 365,
            ),
            AuditRecord(
                name="xos-pam",
                arch="x86_64",
                installed=evr("2-1"),
                status=AuditStatus.ONLY_IN_TESTING,
                testing=evr("2.1-1"),
                testing_medium="Testing",
            ),
            AuditRecord(
                name="zsh", arch="x86_64", installed=evr("1-1"), status=AuditStatus.IN_NO_MEDIUM
            ),
        ]
    )
    check_model(qtmodeltester, m)
    assert m.index(0, AuditColumn.AVAILABLE).data() == "2-1"
    assert m.index(0, AuditColumn.MEDIUM).data() == "Updates"
    assert m.index(0, AuditColumn.INSTALLED_ON).data() == "1971-01-01"
    assert m.index(1, AuditColumn.STATUS).data() == "Only in testing"
    assert m.index(1, AuditColumn.STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    proxy = AuditFilterProxy()
    proxy.setSourceModel(m)
    check_model(qtmodeltester, proxy)
    proxy.set_text("testing")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    proxy.set_statuses({AuditStatus.IN_NO_MEDIUM})
    assert proxy.index(0, 0).data() == "zsh"
    proxy.set_statuses(())
    proxy.sort(AuditColumn.STATUS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "zsh"


def test_packages_model(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    m = PackagesModel()
    packages = [
        MediumPackage(
            name="a",
            arch="x86_64",
            evr=evr("2-1"),
            medium="T",
            installed=evr("1-1"),
            state=PackageState.UPDATE,
            filesize=100,
            summary="the a",
        ),
        MediumPackage(
            name="b",
            arch="x86_64",
            evr=evr("1-1"),
            medium="T",
            installed=evr("1-1"),
            state=PackageState.INSTALLED,
        ),
        MediumPackage(name="c", arch="noarch", evr=evr("1-1"), medium="T", filesize=50),
    ]
    m.set_packages("T", packages)
    check_model(qtmodeltester, m)
    assert m.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) is None  # nothing to install
    assert m.index(2, PackagesColumn.STATE).data() == "Not installed"
    assert m.index(2, PackagesColumn.INSTALLED).data() == "\u2013"
    with qtbot.waitSignal(m.selection_changed) as blocker:
        m.set_all_checked(True)
    assert blocker.args == [2, 150]
    m.toggle(m.index(0, PackagesColumn.SIZE))
    assert [p.name for p in m.checked_packages()] == ["c"]
    proxy = PackagesFilterProxy()
    proxy.setSourceModel(m)
    check_model(qtmodeltester, proxy)
    proxy.set_text("the a")
    assert proxy.rowCount() == 1


def test_refresh_model(qtmodeltester: ModelTester) -> None:
    m = RefreshModel()
    m.start(["Main", "Updates"])
    check_model(qtmodeltester, m)
    m.update(Progress(phase=Phase.CHECK, medium="Main", file="MD5SUM"))
    assert m.index(0, RefreshColumn.STATUS).data() == "Asking the mirror whether it changed"
    m.update(
        Progress(
            phase=Phase.DOWNLOAD,
            medium="Updates",
            file="synthesis.hdlist.cz",
            bytes_done=1000,
            bytes_total=4000,
        )
    )
    assert m.index(1, RefreshColumn.STATUS).data() == (
        "Downloading synthesis.hdlist.cz: 1.0 kB of 4.0 kB"
    )
    assert m.index(1, RefreshColumn.PROGRESS).data(ROLE_FRACTION) == 0.25
    assert m.index(1, RefreshColumn.PROGRESS).data() == "25 %"
    m.finish(MediumRefresh(medium="Main", status=RefreshStatus.UP_TO_DATE))
    m.finish(
        MediumRefresh(
            medium="Updates",
            status=RefreshStatus.FAILED,
            error=NetworkError(url="http://m/x", reason="refused", medium="Updates"),
        )
    )
    m.update(Progress(phase=Phase.CHECK, medium="Main"))  # late: ignored
    assert m.rows() == [
        ("Main", RowState.UP_TO_DATE, "Up to date"),
        ("Updates", RowState.FAILED, "Failed: http://m/x: refused"),
    ]
    m.start(["Main"])
    m.update(Progress(phase=Phase.DOWNLOAD, medium="Main", file="x", bytes_done=5))
    m.cancel_running()
    assert m.rows()[0][1] is RowState.CANCELLED
    check_model(qtmodeltester, m)


def test_mirrors_model(qtmodeltester: ModelTester) -> None:
    m = MirrorsModel()
    check_model(qtmodeltester, m)
    m.set_ranking(
        MirrorRanking(
            list_url="http://list",
            fetched=0.0,
            probed=True,
            mirrors=(
                MirrorStatus(
                    url="http://good",
                    latency=0.012,
                    mirror=Mirror(url="http://good", city="Amsterdam", country="Netherlands"),
                ),
                MirrorStatus(url="http://slow", latency=1.004),
                MirrorStatus(url="http://dead", error="connection refused"),
            ),
        )
    )
    check_model(qtmodeltester, m)
    assert [m.index(r, MirrorsColumn.STATUS).data() for r in range(3)] == [
        "Chosen",
        "Usable",
        "Failed: connection refused",
    ]
    assert m.index(0, MirrorsColumn.LATENCY).data() == "12 ms"
    assert m.index(0, MirrorsColumn.LOCATION).data() == "Amsterdam, Netherlands"
    assert m.index(2, MirrorsColumn.LATENCY).data() == "\u2013"
