# SPDX-License-Identifier: GPL-2.0-or-later
"""The audit tab: every installed package against the media, and its export (ui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from xosupdate.errors import SyncCancelledError
from xosupdate.services.audit import AuditReport, AuditStatus
from xosupdate.services.report import ReportFormat
from xosupdate.ui.backend import AuditBackend
from xosupdate.ui.models.audit import AuditFilterProxy, AuditModel
from xosupdate.ui.tasks import Runner

__all__ = ["EXPORT_FORMATS", "AuditPresenter"]

# (format, file suffix) of the export; the table format is for terminals.
EXPORT_FORMATS = (
    (ReportFormat.CSV, ".csv"),
    (ReportFormat.JSON, ".json"),
    (ReportFormat.HTML, ".html"),
)


class AuditPresenter(QObject):
    """Runs the audit and exports it (``services/report.py``, as the CLI does).

    Signals:
        audit_loaded(object): the ``AuditReport`` now shown.
        load_failed(object): the exception that kept the audit from loading.
        busy_changed(bool, str): work started (True, what) or ended.
        exported(str, int): a report was written (path, number of packages).
        export_failed(object): the exception that kept it from being written.
    """

    audit_loaded = Signal(object)
    load_failed = Signal(object)
    busy_changed = Signal(bool, str)
    exported = Signal(str, int)
    export_failed = Signal(object)

    def __init__(
        self, backend: AuditBackend, runner: Runner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self.model = AuditModel(self)
        self.proxy = AuditFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._report: AuditReport | None = None
        self._generation = 0

    @property
    def report(self) -> AuditReport | None:
        """The audit shown, None before the first."""
        return self._report

    @Slot()
    def reload(self) -> None:
        """Run the audit off the GUI thread."""
        self._generation += 1
        generation, backend = self._generation, self._backend
        self.busy_changed.emit(
            True, QCoreApplication.translate("AuditPresenter", "Auditing installed packages\u2026")
        )
        self._runner.submit(
            backend.audit,
            succeeded=lambda result: self._on_loaded(generation, result),
            failed=lambda exc: self._on_failed(generation, exc),
            name="audit",
        )

    def _on_loaded(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        self.busy_changed.emit(False, "")
        assert isinstance(result, AuditReport)
        self._report = result
        self.model.set_records(result.records)
        self.audit_loaded.emit(result)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.busy_changed.emit(False, "")
        if not isinstance(exc, SyncCancelledError):
            self.load_failed.emit(exc)

    def set_status_filter(self, status: AuditStatus | None) -> None:
        """Show one status only (None: all)."""
        self.proxy.set_statuses(() if status is None else (status,))

    def export(self, path: Path, fmt: ReportFormat) -> None:
        """Write the whole audit shown (not only the filtered rows) to ``path``."""
        report = self._report
        if report is None:
            return
        backend = self._backend

        def write() -> int:
            backend.write_file(path, backend.render_report(report, fmt))
            return len(report.records)

        self._runner.submit(
            write,
            succeeded=lambda n: self.exported.emit(str(path), n if isinstance(n, int) else 0),
            failed=self.export_failed.emit,
            name=f"export {fmt.value}",
        )
