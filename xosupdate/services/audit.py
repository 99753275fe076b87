# SPDX-License-Identifier: GPL-2.0-or-later
"""Audit: every installed package against every medium (services layer).

Administrators ask "what is installed, and how does it stand against the media?". Each
installed package gets one status, decided in this order:

* ``update-available``: an enabled, non-testing medium has a newer version;
* ``only-in-testing``: only a testing medium has a newer version, or the installed
  version itself is found only on a testing medium (installed from testing);
* ``up-to-date``: an enabled medium has this very version and nothing newer;
* ``newer-than-media``: the media only have older versions (left over from testing or
  backports, or built locally);
* ``in-no-medium``: no medium has a package of that name.

Testing media count even while disabled (their metadata from a refresh or urpmi's state);
other disabled media do not. Versions are compared by librpm, archs by urpmi's rules.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xosupdate.domain.advisory import Advisory
from xosupdate.domain.arch import ArchPolicy
from xosupdate.domain.evr import Evr
from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import MediumProblem
from xosupdate.errors import ProductIdError, XosUpdateError
from xosupdate.formats.descriptions import parse_descriptions
from xosupdate.formats.productid import parse_productid
from xosupdate.services.media import read_urpmicfg
from xosupdate.services.updates import MediumFiles, load_media, locate_metadata
from xosupdate.system.installed import InstalledPackage, InstalledSet
from xosupdate.system.metacache import MetadataCache
from xosupdate.system.urpmistate import UrpmiState

__all__ = ["AuditRecord", "AuditReport", "AuditStatus", "audit_system"]

log = logging.getLogger(__name__)


class AuditStatus(enum.StrEnum):
    """Where an installed package stands, most urgent first."""

    UPDATE_AVAILABLE = "update-available"
    ONLY_IN_TESTING = "only-in-testing"
    UP_TO_DATE = "up-to-date"
    NEWER_THAN_MEDIA = "newer-than-media"
    IN_NO_MEDIUM = "in-no-medium"

    @property
    def label(self) -> str:
        """Words for people."""
        return self.value.replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRecord:
    """One installed package and what the media offer for it.

    Attributes:
        available: the newest version on the enabled, non-testing media (None: none).
        testing: the newest version on the testing media (None: none).
        installed_on: when it was installed (seconds since the epoch; 0 when unknown).
    """

    name: str
    arch: str
    installed: Evr
    status: AuditStatus
    available: Evr | None = None
    available_medium: str = ""
    testing: Evr | None = None
    testing_medium: str = ""
    advisory: Advisory | None = None
    installed_on: int = 0

    @property
    def installed_from_testing(self) -> bool:
        """Whether the installed version is found on a testing medium and on no other
        (what a tester still has from testing)."""
        return (
            self.testing is not None
            and self.testing.compare(self.installed) == 0
            and (self.available is None or self.available.compare(self.installed) != 0)
        )

    def to_json(self) -> dict[str, object]:
        """A record of ``audit --format json``."""
        return {
            "name": self.name,
            "arch": self.arch,
            "installed": self.installed.to_json(),
            "status": self.status.value,
            "available": self.available.to_json() if self.available else None,
            "available_medium": self.available_medium or None,
            "testing": self.testing.to_json() if self.testing else None,
            "testing_medium": self.testing_medium or None,
            "installed_from_testing": self.installed_from_testing,
            "advisory": (
                {**self.advisory.to_json(), "importance": self.advisory.importance.value}
                if self.advisory
                else None
            ),
            "installed_on": _date(self.installed_on),
        }


def _date(stamp: int) -> str | None:
    if not stamp:
        return None
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat()


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditReport:
    """The whole audit of one system.

    Attributes:
        product: the fields of ``/etc/product.id`` (empty when it has none).
        media: every medium of urpmi.cfg, in its order.
        counts: records per status (every status present, zero included).
    """

    root: str
    generated: str
    records: tuple[AuditRecord, ...]
    product: tuple[tuple[str, str], ...] = ()
    media: tuple[Medium, ...] = ()
    problems: tuple[MediumProblem, ...] = ()
    counts: Mapping[AuditStatus, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """``audit --format json`` (schema 1)."""
        return {
            "schema": 1,
            "root": self.root,
            "generated": self.generated,
            "product": dict(self.product),
            "media": [
                {
                    "name": m.name,
                    "enabled": m.enabled,
                    "kind": m.kind.value,
                    "key_ids": list(m.key_ids),
                }
                for m in self.media
            ],
            "counts": {s.value: self.counts.get(s, 0) for s in AuditStatus},
            "records": [r.to_json() for r in self.records],
            "problems": [{"medium": p.medium, "message": p.message} for p in self.problems],
        }


def _newest(
    options: Sequence[tuple[Evr, str]],
) -> tuple[Evr | None, str]:
    best: tuple[Evr, str] | None = None
    for evr, medium in options:
        if best is None or evr > best[0]:
            best = (evr, medium)
    return (best[0], best[1]) if best else (None, "")


def _status(installed: Evr, available: Evr | None, testing: Evr | None) -> AuditStatus:
    if available is not None and available > installed:
        return AuditStatus.UPDATE_AVAILABLE
    if testing is not None and testing > installed:
        return AuditStatus.ONLY_IN_TESTING
    if available is not None and available.compare(installed) == 0:
        return AuditStatus.UP_TO_DATE
    if testing is not None and testing.compare(installed) == 0:
        return AuditStatus.ONLY_IN_TESTING
    if available is not None or testing is not None:
        return AuditStatus.NEWER_THAN_MEDIA
    return AuditStatus.IN_NO_MEDIUM


def audit_system(
    root: Path,
    *,
    cache_dir: Path | None = None,
    installed_reader: Callable[[Path], InstalledSet] | None = None,
    policy: ArchPolicy | None = None,
) -> AuditReport:
    """Audit ``root``: every installed package against the enabled and testing media.

    Raises:
        UrpmiCfgError: no or malformed urpmi.cfg.
        RpmDatabaseError: the rpm database cannot be read.
    """
    policy = policy or ArchPolicy.for_host()
    cfg = read_urpmicfg(root)
    media = cfg.media
    used = [(i, m) for i, m in enumerate(media) if m.enabled or m.testing]
    cache = MetadataCache(cache_dir, root) if cache_dir is not None else None
    files = [(i, locate_metadata(root, cache, m)) for i, m in used]
    # A disabled testing medium that was never refreshed is simply not there to compare.
    files = [(i, f) for i, f in files if f.synthesis is not None or f.medium.enabled]
    if installed_reader is None:
        from xosupdate.system.rpmlib import read_installed  # noqa: PLC0415

        def installed_reader(r: Path) -> InstalledSet:
            return read_installed(r, details=True)

    loaded, installed, failed = load_media(root, files, installed_reader=installed_reader)

    records: list[AuditRecord] = []
    wanted: dict[int, set[str]] = {}
    for pkg in sorted(installed.packages, key=lambda p: (p.name, p.arch)):
        normal: list[tuple[Evr, str]] = []
        testing: list[tuple[Evr, str]] = []
        ranks: dict[str, int] = {}
        for m in loaded:
            for pos in m.syn.find(pkg.name):
                e = m.syn.entry(pos)
                if not policy.may_replace(pkg.arch, e.arch):
                    continue
                try:
                    evr = e.evr
                except XosUpdateError:
                    continue
                (testing if m.medium.testing else normal).append((evr, m.medium.name))
                ranks[m.medium.name] = m.rank
        available, available_medium = _newest(normal)
        test, test_medium = _newest(testing)
        status = _status(pkg.evr, available, test)
        if status is AuditStatus.UPDATE_AVAILABLE:
            wanted.setdefault(ranks[available_medium], set()).add(pkg.name)
        records.append(_record(pkg, status, available, available_medium, test, test_medium))

    advisories = _advisories(files, wanted)
    if advisories:
        records = [_with_advisory(r, advisories.get((r.available_medium, r.name))) for r in records]
    return AuditReport(
        root=str(root),
        generated=dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
        records=tuple(records),
        product=_product(root),
        media=media,
        problems=tuple(
            MediumProblem(medium=name, message=f"medium {name}: {text}") for name, text in failed
        ),
        counts=Counter(r.status for r in records),
    )


def _record(  # noqa: PLR0917 - a private constructor helper, called once
    pkg: InstalledPackage,
    status: AuditStatus,
    available: Evr | None,
    available_medium: str,
    testing: Evr | None,
    testing_medium: str,
) -> AuditRecord:
    return AuditRecord(
        name=pkg.name,
        arch=pkg.arch,
        installed=pkg.evr,
        status=status,
        available=available,
        available_medium=available_medium,
        testing=testing,
        testing_medium=testing_medium,
        installed_on=pkg.install_time,
    )


def _with_advisory(record: AuditRecord, advisory: Advisory | None) -> AuditRecord:
    if advisory is None:
        return record
    return AuditRecord(
        name=record.name,
        arch=record.arch,
        installed=record.installed,
        status=record.status,
        available=record.available,
        available_medium=record.available_medium,
        testing=record.testing,
        testing_medium=record.testing_medium,
        advisory=advisory,
        installed_on=record.installed_on,
    )


def _advisories(
    files: Sequence[tuple[int, MediumFiles]], wanted: Mapping[int, set[str]]
) -> dict[tuple[str, str], Advisory]:
    """Advisories of the packages with an update, keyed by (medium, name)."""
    out: dict[tuple[str, str], Advisory] = {}
    for rank, mf in files:
        names = wanted.get(rank)
        if not names or mf.descriptions is None:
            continue
        try:
            desc = parse_descriptions(
                mf.descriptions.read_bytes(), source=str(mf.descriptions), only=names
            )
        except (OSError, XosUpdateError) as exc:
            log.warning("medium %s: %s", mf.medium.name, exc)
            continue
        for name in names:
            advisory = desc.for_package(name)
            if advisory is not None:
                out[(mf.medium.name, name)] = advisory
    return out


def _product(root: Path) -> tuple[tuple[str, str], ...]:
    path = UrpmiState(root).product_id
    try:
        return parse_productid(path.read_bytes(), source=str(path)).fields
    except (OSError, ProductIdError) as exc:
        log.info("%s: %s", path, exc)
        return ()
