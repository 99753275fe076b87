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
from typing import TYPE_CHECKING, Protocol

from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import UpdatePlan
from xosupdate.domain.progress import NEVER_CANCELLED, CancelToken, ProgressFn
from xosupdate.services.audit import AuditReport
from xosupdate.services.packages import MediumPackage
from xosupdate.services.paths import Locations
from xosupdate.services.report import ReportFormat
from xosupdate.services.transaction import HelperLauncher
from xosupdate.services.updates import InstalledReader

if TYPE_CHECKING:
    # Types only: these modules load requests and gnupg, which the window does not need
    # before the first refresh (launch time).
    from xosupdate.services.mirrors import MirrorRanking
    from xosupdate.services.refresh import RefreshReport
    from xosupdate.services.signatures import SignatureReport

__all__ = [
    "AuditBackend",
    "Backend",
    "MirrorsBackend",
    "RefreshBackend",
    "ServicesBackend",
    "SignaturesBackend",
    "UpdatesBackend",
]


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
    """The real services for one root, cache and settings.

    Args:
        installed_reader: how the installed set is read (default: the rpm database); the
            responsiveness test reads the bench corpus's list instead.
    """

    def __init__(
        self, locations: Locations, *, installed_reader: InstalledReader | None = None
    ) -> None:
        self.locations = locations
        self._installed_reader = installed_reader

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

        return compute_updates(
            self.root,
            cache_dir=self.locations.cache_dir,
            media=media,
            installed_reader=self._installed_reader,
        )

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

    def refresh(
        self,
        names: Sequence[str] = (),
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> RefreshReport:
        """Fetch and verify the media's metadata into the user's cache."""
        from xosupdate.services.refresh import refresh_media  # noqa: PLC0415

        return refresh_media(
            self.root,
            cache_dir=self.locations.cache_dir,
            settings=self.locations.settings,
            names=names,
            progress=progress,
            cancel=cancel,
        )

    def signatures(
        self,
        plan: UpdatePlan,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> SignatureReport:
        """Verdicts on the candidates of ``plan`` (their rpm headers, fetched by range)."""
        from xosupdate.services.signatures import check_signatures  # noqa: PLC0415

        return check_signatures(
            self.root,
            cache_dir=self.locations.cache_dir,
            settings=self.locations.settings,
            plan=plan,
            progress=progress,
            cancel=cancel,
        )

    def mirrors(
        self,
        *,
        probe: bool = False,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> MirrorRanking:
        """The ranked mirrors, remembered or fetched (``probe``: measure them now)."""
        from xosupdate.services.mirrors import rank_mirrors  # noqa: PLC0415

        return rank_mirrors(
            self.root,
            cache_dir=self.locations.cache_dir,
            settings=self.locations.settings,
            probe=probe,
            progress=progress,
            cancel=cancel,
        )

    def write_file(self, path: Path, text: str) -> None:
        """Write an export atomically (the same way the CLI's ``-o`` does)."""
        from xosupdate.services.report import write_report  # noqa: PLC0415

        write_report(path, text)


class RefreshBackend(Protocol):
    """What refreshing the metadata cache needs."""

    def refresh(
        self,
        names: Sequence[str] = (),
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> RefreshReport:
        """Refresh these media (every enabled one when empty) into the user's cache."""
        ...


class SignaturesBackend(Protocol):
    """What the signature column needs."""

    def signatures(
        self,
        plan: UpdatePlan,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> SignatureReport:
        """The signature verdict of each candidate of ``plan``, from its rpm header."""
        ...


class MirrorsBackend(Protocol):
    """What the mirror dialog needs."""

    def mirrors(
        self,
        *,
        probe: bool = False,
        progress: ProgressFn | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> MirrorRanking:
        """The ranked mirrors of the root's mirror list (``probe``: measure them now)."""
        ...


class Backend(
    UpdatesBackend, AuditBackend, RefreshBackend, SignaturesBackend, MirrorsBackend, Protocol
):
    """Everything the main window needs of the core."""

    @property
    def privileged(self) -> bool:
        """Changes need the administrator (pkexec) rather than running the helper directly."""
        ...

    def helper_launcher(self) -> HelperLauncher | None:
        """How the privileged helper is started (None: pkexec for ``/``, the helper run
        directly for a sandbox root)."""
        ...
