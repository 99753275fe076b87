# SPDX-License-Identifier: GPL-2.0-or-later
"""The core, as the GUI's presenters use it, for one system root (ui layer, Qt-free).

Presenters depend on the small protocols below, never on services directly, so tests run
them on fakes; ``ServicesBackend`` is the real thing: each method is one call of a
``xosupdate.services`` function with the root, cache and settings resolved once. Every
method may be slow; presenters call them through the ``TaskRunner``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import UpdatePlan
from xosupdate.services.audit import AuditReport
from xosupdate.services.packages import MediumPackage
from xosupdate.services.paths import Locations
from xosupdate.services.report import ReportFormat
from xosupdate.services.transaction import HelperLauncher

__all__ = ["AuditBackend", "Backend", "ServicesBackend", "UpdatesBackend"]


class UpdatesBackend(Protocol):
    """What the update list needs."""

    @property
    def root(self) -> Path:
        """The system root."""
        ...

    def list_media(self) -> tuple[Medium, ...]:
        """The media of urpmi.cfg."""
        ...

    def compute_updates(self, media: Sequence[str] = ()) -> UpdatePlan:
        """The update plan (``media``: only these, enabled or not)."""
        ...

    def medium_packages(self, medium: str) -> tuple[MediumPackage, ...]:
        """Everything ``medium`` holds."""
        ...


class AuditBackend(Protocol):
    """What the audit tab needs."""

    def audit(self) -> AuditReport:
        """Every installed package against the media."""
        ...

    def render_report(self, report: AuditReport, fmt: ReportFormat) -> str:
        """The report as an exported document."""
        ...

    def write_file(self, path: Path, text: str) -> None:
        """Write an export atomically."""
        ...


class ServicesBackend:
    """The real services for one root, cache and settings."""

    def __init__(self, locations: Locations) -> None:
        self.locations = locations

    @property
    def root(self) -> Path:
        """The system root."""
        return self.locations.root

    @property
    def privileged(self) -> bool:
        """Changes to this root need the administrator (it is the running system)."""
        return self.locations.root == Path("/")

    def list_media(self) -> tuple[Medium, ...]:
        """The media of urpmi.cfg."""
        from xosupdate.services.media import list_media  # noqa: PLC0415 - lazy, off-thread

        return list_media(self.root)

    def compute_updates(self, media: Sequence[str] = ()) -> UpdatePlan:
        """The update plan."""
        from xosupdate.services.updates import compute_updates  # noqa: PLC0415

        return compute_updates(self.root, cache_dir=self.locations.cache_dir, media=media)

    def medium_packages(self, medium: str) -> tuple[MediumPackage, ...]:
        """Everything ``medium`` holds, against the installed system."""
        from xosupdate.services.packages import list_medium_packages  # noqa: PLC0415

        return list_medium_packages(self.root, medium, cache_dir=self.locations.cache_dir)

    def audit(self) -> AuditReport:
        """Every installed package against the media."""
        from xosupdate.services.audit import audit_system  # noqa: PLC0415

        return audit_system(self.root, cache_dir=self.locations.cache_dir)

    def render_report(self, report: AuditReport, fmt: ReportFormat) -> str:
        """The report as CSV, JSON, HTML or a table."""
        from xosupdate.services.report import render_report  # noqa: PLC0415

        return render_report(report, fmt)

    def helper_launcher(self) -> HelperLauncher | None:
        """The default: ``services.transaction.launcher_for(root)``."""
        return None

    def write_file(self, path: Path, text: str) -> None:
        """Write an export atomically (the same way the CLI's ``-o`` does)."""
        from xosupdate.services.report import write_report  # noqa: PLC0415

        write_report(path, text)


class Backend(UpdatesBackend, AuditBackend, Protocol):
    """Everything the main window needs of the core."""

    @property
    def privileged(self) -> bool:
        """Changes need the administrator (pkexec) rather than running the helper directly."""
        ...

    def helper_launcher(self) -> HelperLauncher | None:
        """How the privileged helper is started (None: pkexec for ``/``, the helper run
        directly for a sandbox root)."""
        ...
