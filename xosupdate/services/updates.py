# SPDX-License-Identifier: GPL-2.0-or-later
"""Update candidates, as ``urpmi --auto-select`` and rpmdrake compute them (services layer).

For every installed package (design/formats.md §8.4):

1. the newest same-name package of the search media that is strictly newer than every
   installed copy of that name, of an arch that may replace it (strict-arch on x86_64:
   same arch, or noarch on either side); ties go to the medium listed first in urpmi.cfg;
2. when that finds nothing, a package that obsoletes it (exactly one such name, not older
   than its own installed copies; several → nothing, as urpmi does). urpmi prefers a single
   obsoleter even over a same-name upgrade; xosupdate keeps the same-name upgrade, as
   libsolv and dnf do, and never swaps a package for another one while its own update
   exists;
3. then, as ``--auto-select`` does, the requirements of what was chosen: each one met by the
   installed set (minus what is replaced) or by the plan, or else by the best provider of
   the enabled media, added as a new install naming the packages that need it. A
   requirement nothing meets makes its update not installable, names the requirement, and
   drops the new installs only it needed; the rest of the plan stays.

Whatever ``/etc/urpmi/skip.list`` holds back (a name any package provides, or a ``/regex/``
of full names) is never chosen, in any of those steps: urpmi would not install it on its
own. The newest upgrade it holds back is reported apart (``UpdatePlan.held``); an older
candidate the list does not hold still counts.

Kernels carry their version in their name, so they are never upgraded: the
``kernel-*-latest`` metapackage is, and the new kernel comes in as a new install.

Reading is done so that decompressing the largest synthesis overlaps everything else
(the rpm database, the other media, the descriptions). A computed plan is kept in the cache,
keyed by every input (files by size, mtime and inode; the rpm database by its files), so an
unchanged system answers from there.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import platform
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from xosupdate import __version__
from xosupdate.domain.medium import Medium
from xosupdate.errors import (
    MediumNotFoundError,
    NoMediumError,
    SynthesisError,
    XosUpdateError,
)
from xosupdate.formats._compress import iter_decompressed
from xosupdate.services.collection import collection_paused
from xosupdate.services.media import read_urpmicfg
from xosupdate.system.metacache import MetadataCache, atomic_write
from xosupdate.system.urpmistate import UrpmiState

if TYPE_CHECKING:
    from xosupdate.domain.arch import ArchPolicy
    from xosupdate.domain.plan import UpdatePlan
    from xosupdate.formats.skiplist import SkipList
    from xosupdate.services._resolver import LoadedMedium
    from xosupdate.system.installed import InstalledSet

__all__ = ["MediumFiles", "compute_updates", "load_media", "locate_metadata"]

log = logging.getLogger(__name__)

SYNTHESIS: Final = "synthesis.hdlist.cz"
DESCRIPTIONS: Final = "descriptions"
_RESULT_FORMAT: Final = 4
SKIP_LIST: Final = "etc/urpmi/skip.list"

InstalledReader = Callable[[Path], "InstalledSet"]


@dataclass(frozen=True, slots=True)
class MediumFiles:
    """Where a medium's metadata is read from.

    Attributes:
        origin: ``cache`` (xosupdate's verified copy), ``urpmi`` (urpmi's state directory)
            or ``none``.
    """

    medium: Medium
    synthesis: Path | None
    descriptions: Path | None
    origin: str


def locate_metadata(root: Path, cache: MetadataCache | None, medium: Medium) -> MediumFiles:
    """xosupdate's cache first, else urpmi's own copies (either layout)."""
    if cache is not None:
        synthesis = cache.file(medium.name, SYNTHESIS)
        if synthesis is not None:
            return MediumFiles(medium, synthesis, cache.file(medium.name, DESCRIPTIONS), "cache")
    state = UrpmiState(root)
    synthesis = state.statedir_file(medium.name, SYNTHESIS)
    if synthesis is not None:
        return MediumFiles(
            medium, synthesis, state.statedir_file(medium.name, DESCRIPTIONS), "urpmi"
        )
    return MediumFiles(medium, None, None, "none")


def _fingerprint(path: Path | None) -> tuple[object, ...]:
    if path is None:
        return ()
    try:
        st = path.stat()
    except OSError:
        # Gone since it was located (a refresh swapping the directory): no answer from the
        # result cache; reading it then reports the medium as it stands.
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns, st.st_ino)


# ---------------------------------------------------------------- loading


def compute_updates(
    root: Path,
    *,
    cache_dir: Path | None = None,
    media: Sequence[str] = (),
    installed_reader: InstalledReader | None = None,
    policy: ArchPolicy | None = None,
    use_result_cache: bool = True,
) -> UpdatePlan:
    """The update plan of ``root``.

    Args:
        media: search only these media for candidates, enabled or not (the testing view,
            like ``urpmq --auto-select --media NAME``); dependencies may also come from the
            enabled media. Empty: every enabled medium.
        installed_reader: reads the installed set (default: the rpm database; tests inject
            fakes).
        policy: arch rules (default: urpmi's for this host).
        use_result_cache: answer from, and store into, the result cache in ``cache_dir``.

    Raises:
        UrpmiCfgError: no or malformed urpmi.cfg.
        MediumNotFoundError: a name in ``media`` is not in urpmi.cfg.
        NoMediumError: no medium named, and none enabled (or none at all): nothing to look
            in, which is not "up to date".
        RpmDatabaseError: the rpm database cannot be read.
    """
    cfg = read_urpmicfg(root)
    all_media = cfg.media
    for name in media:
        if name not in cfg.names:
            raise MediumNotFoundError(name, known=cfg.names)
    wanted = set(media)
    search = {i for i, m in enumerate(all_media) if (m.name in wanted if wanted else m.enabled)}
    if not search:
        raise NoMediumError(str(UrpmiState(root).urpmi_cfg), configured=cfg.names)
    used = [(i, m) for i, m in enumerate(all_media) if m.enabled or i in search]
    cache = MetadataCache(cache_dir, root) if cache_dir is not None else None
    files = [(i, locate_metadata(root, cache, m)) for i, m in used]

    skip_data = _read_skip_list(root)
    # Parsed before the result cache answers: its warnings are said at every run.
    skip = _skip_list(root, skip_data)
    key: str | None = None
    if cache is not None and use_result_cache:
        strict = policy.strict if policy is not None else platform.machine()
        key = _result_key(root, cfg.text, skip_data, files, sorted(wanted), strict)
        cached = _load_result(cache, key)
        if cached is not None:
            log.debug("update plan of %s answered from the result cache", root)
            return cached

    # The computation makes hundreds of thousands of objects and frees few of them: the
    # collector's passes over them would find nothing (about 20 ms on a distribution).
    with collection_paused():
        plan = _compute_plan(
            root,
            files,
            search=search,
            used=used,
            installed_reader=installed_reader,
            policy=policy,
            skip=skip,
            no_update_medium=not wanted and not any(all_media[i].update for i in search),
        )
    if cache is not None and key is not None and not plan.problems:
        _store_result(cache, key, plan)
    return plan


def _compute_plan(
    root: Path,
    files: Sequence[tuple[int, MediumFiles]],
    *,
    search: set[int],
    used: Sequence[tuple[int, Medium]],
    installed_reader: InstalledReader | None,
    policy: ArchPolicy | None,
    skip: SkipList | None,
    no_update_medium: bool,
) -> UpdatePlan:
    loaded, installed, failed = load_media(root, files, installed_reader=installed_reader)

    from xosupdate.domain.arch import ArchPolicy  # noqa: PLC0415
    from xosupdate.domain.plan import MediumProblem, UpdatePlan  # noqa: PLC0415
    from xosupdate.formats.descriptions import parse_descriptions  # noqa: PLC0415
    from xosupdate.services._resolver import Resolver  # noqa: PLC0415

    resolver = Resolver(loaded, search, installed, policy or ArchPolicy.for_host(), skip)
    resolver.select_upgrades()
    resolver.resolve()
    resolver.settle()
    # Advisories last, and only the blocks of the packages in the plan.
    wanted_names = resolver.names_by_rank()
    for m in loaded:
        desc_path = dict(files)[m.rank].descriptions
        if desc_path is None or m.rank not in wanted_names:
            continue
        try:
            m.desc = parse_descriptions(
                desc_path.read_bytes(), source=str(desc_path), only=wanted_names[m.rank]
            )
        except (OSError, XosUpdateError) as exc:
            # Advisories are a bonus: a broken descriptions file must not hide updates.
            log.warning("medium %s: %s", m.medium.name, exc)
    problems = tuple(
        MediumProblem(medium=name, message=f"medium {name}: {text}") for name, text in failed
    )
    plan = UpdatePlan(
        candidates=tuple(resolver.candidates()),
        problems=problems,
        media=tuple(m.name for _, m in used),
        held=tuple(resolver.held_candidates()),
        no_update_medium=no_update_medium,
    )
    log.info("%s: %d candidates, %d media problems", root, len(plan.candidates), len(problems))
    return plan


def _read_skip_list(root: Path) -> bytes:
    """The bytes of ROOT's skip.list (empty when it has none or it cannot be read)."""
    path = root / SKIP_LIST
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
    except OSError as exc:
        log.warning("%s: cannot read: %s; nothing is held back", path, exc.strerror or exc)
        return b""


def _skip_list(root: Path, data: bytes) -> SkipList | None:
    """ROOT's skip.list parsed; each line it cannot use is one warning."""
    if not data:
        return None
    from xosupdate.formats.skiplist import parse_skip_list  # noqa: PLC0415 - rarely there

    skip = parse_skip_list(data, source=str(root / SKIP_LIST))
    for problem in skip.problems:
        log.warning("%s", problem)
    return skip


def load_media(
    root: Path,
    files: Sequence[tuple[int, MediumFiles]],
    *,
    installed_reader: InstalledReader | None = None,
) -> tuple[list[LoadedMedium], InstalledSet, list[tuple[str, str]]]:
    """Index the synthesis of each medium and read the installed set, overlapped.

    Every large synthesis starts inflating in the background first; the installed set and
    the smaller media are read meanwhile, and librpm and the resolver are only imported
    then (their import overlaps the decompression instead of delaying it).

    Returns:
        The media that could be read (by rank), the installed set, and ``(medium, reason)``
        for those that could not.

    Raises:
        RpmDatabaseError: the rpm database cannot be read (nothing to compare with).
    """
    failed: list[tuple[str, str]] = []
    pending: list[tuple[int, MediumFiles, Iterator[bytes]]] = []
    for rank, mf in files:
        if mf.synthesis is None:
            failed.append((mf.medium.name, "no metadata yet (run 'xosupdate refresh')"))
            continue
        try:
            # Every medium inflates in the background, the small ones too: they are
            # read only after the rpm database.
            chunks = iter_decompressed(
                mf.synthesis.read_bytes(),
                source=str(mf.synthesis),
                error=SynthesisError,
                background=True,
            )
        except OSError as exc:
            failed.append((mf.medium.name, f"{mf.synthesis}: {exc.strerror or exc}"))
            continue
        except XosUpdateError as exc:
            failed.append((mf.medium.name, str(exc)))
            continue
        pending.append((rank, mf, chunks))

    from xosupdate.formats.synthesis import build_synthesis  # noqa: PLC0415
    from xosupdate.services import _resolver  # noqa: PLC0415

    if installed_reader is None:
        from xosupdate.system.rpmlib import read_installed  # noqa: PLC0415

        installed_reader = read_installed
    installed = installed_reader(root)

    loaded: list[LoadedMedium] = []
    # Smallest first: while they are read, the largest one keeps inflating in the background.
    pending.sort(key=lambda p: _size(p[1].synthesis))
    obsoleted = installed.by_name().keys()
    for rank, mf, chunks in pending:
        try:
            syn = build_synthesis(chunks, source=str(mf.synthesis), lazy=True, obsoleted=obsoleted)
        except XosUpdateError as exc:
            failed.append((mf.medium.name, str(exc)))
            continue
        loaded.append(_resolver.LoadedMedium(rank, mf.medium, syn))
    loaded.sort(key=lambda m: m.rank)
    return loaded, installed, failed


def _size(path: Path | None) -> int:
    return path.stat().st_size if path is not None else 0


# ---------------------------------------------------------------- result cache


def _result_key(  # noqa: PLR0917 - every input of the plan, in one place
    root: Path,
    cfg_text: str,
    skip_data: bytes,
    files: Sequence[tuple[int, MediumFiles]],
    media: Sequence[str],
    arch: object,
) -> str:
    h = hashlib.sha256()
    parts: list[object] = [
        __version__,
        _RESULT_FORMAT,
        str(root),
        cfg_text,
        skip_data,
        media,
        arch,
        UrpmiState(root).rpmdb_fingerprint(),
    ]
    for _rank, mf in files:
        parts.append((mf.medium.name, _fingerprint(mf.synthesis), _fingerprint(mf.descriptions)))
    h.update(repr(parts).encode())
    return h.hexdigest()


def _load_result(cache: MetadataCache, key: str) -> UpdatePlan | None:
    path = cache.results_dir / f"updates-{key}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        plan = pickle.loads(data)  # noqa: S301 - our own per-user cache, written below
    except Exception:  # noqa: BLE001 - a stale or damaged entry is recomputed
        log.debug("discarding unreadable result %s", path)
        return None
    from xosupdate.domain.plan import UpdatePlan  # noqa: PLC0415 - loaded by pickle already

    return plan if isinstance(plan, UpdatePlan) else None


def _store_result(cache: MetadataCache, key: str, plan: UpdatePlan) -> None:
    directory = cache.results_dir
    try:
        for old in directory.glob("updates-*.pickle"):
            old.unlink(missing_ok=True)  # one plan per root is enough
        atomic_write(
            directory / f"updates-{key}.pickle",
            pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL),
            mode=0o600,
        )
    except OSError as exc:
        log.info("cannot keep the update plan in %s: %s", directory, exc)
