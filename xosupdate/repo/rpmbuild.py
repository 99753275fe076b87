# SPDX-License-Identifier: GPL-2.0-or-later
"""Build rpm files from ``PackageSpec`` values with as few rpmbuild runs as possible.

One generated spec holds many ``%package -n`` subpackages, each with its own version,
release, epoch and dependencies (design/testing.md §2): about 9 ms per package instead of
70-100 ms per separate build. A spec cannot hold two packages of the same name, so the
packages are split into *layers*: the first version of every name goes into layer 0, a
second version of a name into layer 1, and so on; two packages that ship the same path
with different content are kept apart the same way. Each arch gets its own specs
(``--target``), noarch packages join the most common arch with ``BuildArch: noarch``, and
the specs are built in parallel.

Files are not written by shell code in the spec: the builder lays out each layer's
buildroot as a plain directory and ``%install`` copies it, so contents need no quoting.
"""

from __future__ import annotations

import logging
import os
import platform
import subprocess
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from xosupdate.errors import RepoBuildError
from xosupdate.repo.specs import PackageSpec

__all__ = ["build_rpms"]

log = logging.getLogger(__name__)

# Mandriva 2009.0's release day: every build gets it as build time and file mtime, so the
# same specs give the same unsigned rpm bytes.
SOURCE_DATE_EPOCH: Final = 1223510400
_TIMEOUT: Final = 600
_DEP_TAGS: Final = (
    ("Provides", "provides"),
    ("Requires", "requires"),
    ("Requires(pre)", "requires_pre"),
    ("Obsoletes", "obsoletes"),
    ("Conflicts", "conflicts"),
    ("Recommends", "suggests"),
)


@dataclass(slots=True)
class _Layer:
    """Packages that can share one spec: distinct names, no path with two contents."""

    arch: str
    packages: list[PackageSpec] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    files: dict[str, str] = field(default_factory=dict)

    def accepts(self, spec: PackageSpec) -> bool:
        if spec.name in self.names:
            return False
        return all(
            self.files.get(path, content) == content
            for path, content in spec.file_contents()
            if content is not None
        )

    def add(self, spec: PackageSpec) -> None:
        self.packages.append(spec)
        self.names.add(spec.name)
        self.files.update((p, c) for p, c in spec.file_contents() if c is not None)


def _escape(text: str) -> str:
    """Spec text that rpm must not macro-expand."""
    return text.replace("%", "%%")


def _layers(packages: Sequence[PackageSpec]) -> list[_Layer]:
    arches = Counter(p.arch for p in packages if p.arch != "noarch")
    main_arch = arches.most_common(1)[0][0] if arches else platform.machine()
    layers: list[_Layer] = []
    for spec in packages:
        arch = main_arch if spec.arch == "noarch" else spec.arch
        layer = next((la for la in layers if la.arch == arch and la.accepts(spec)), None)
        if layer is None:
            layer = _Layer(arch)
            layers.append(layer)
        layer.add(spec)
    return layers


def _subpackage(spec: PackageSpec) -> str:
    summary = spec.summary or f"Test package {spec.name}"
    lines = [
        f"%package -n {spec.name}",
        f"Version: {spec.version}",
        f"Release: {spec.release}",
        *([f"Epoch: {spec.epoch}"] if spec.epoch else []),
        f"Summary: {_escape(summary)}",
        f"Group: {_escape(spec.group)}",
        f"License: {_escape(spec.license)}",
        *(["BuildArch: noarch"] if spec.arch == "noarch" else []),
        # Only the declared dependencies (plus rpm's self-provide, rpmlib() and the
        # scriptlet interpreter, which rpm always adds).
        "AutoReqProv: no",
    ]
    for tag, attr in _DEP_TAGS:
        lines.extend(f"{tag}: {dep}" for dep in getattr(spec, attr))
    lines += [f"%description -n {spec.name}", _escape(spec.description or summary), ""]
    return "\n".join(lines)


def _files_and_scripts(spec: PackageSpec) -> str:
    lines = [f"%files -n {spec.name}", "%defattr(-,root,root,-)"]
    for path, content in spec.file_contents():
        if content is None:
            lines.append(f"%dir {path}")
        elif spec.is_executable(path):
            lines.append(f"%attr(0755,root,root) {path}")
        else:
            lines.append(path)
    lines.append("")
    for kind, body in spec.scriptlets.items():
        lines += [f"%{kind} -n {spec.name}", _escape(body.rstrip("\n")), ""]
    return "\n".join(lines)


def _spec_text(index: int, layer: _Layer, tree: Path) -> str:
    # The container package has no %files section, so rpmbuild does not build it.
    head = "\n".join(
        [
            f"Name: xosupdate-repo-build-{index}",
            "Version: 1",
            "Release: 1",
            "Summary: Packages made by the xosupdate repository builder",
            "License: GPLv2+",
            "",
            "%description",
            "Container of the subpackages below; never built itself.",
            "",
        ]
    )
    install = f"%install\nmkdir -p %{{buildroot}}\ncp -a {tree}/. %{{buildroot}}/\n"
    return "\n".join(
        [head, *map(_subpackage, layer.packages), install, *map(_files_and_scripts, layer.packages)]
    )


def _write_tree(layer: _Layer, tree: Path) -> None:
    tree.mkdir(parents=True)
    for spec in layer.packages:
        for path, content in spec.file_contents():
            target = tree / path.lstrip("/")
            if content is None:
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            target.chmod(0o755 if spec.is_executable(path) else 0o644)
            os.utime(target, (SOURCE_DATE_EPOCH, SOURCE_DATE_EPOCH))


def _build_layer(index: int, layer: _Layer, workdir: Path) -> dict[PackageSpec, Path]:
    top = workdir / f"layer{index}"
    tree = top / "tree"
    _write_tree(layer, tree)
    spec_file = top / "SPECS" / f"layer{index}.spec"
    spec_file.parent.mkdir(parents=True)
    spec_file.write_text(_spec_text(index, layer, tree), encoding="utf-8")
    argv = [
        "rpmbuild",
        "-bb",
        "--quiet",
        "--target",
        layer.arch,
        "--define",
        f"_topdir {top}",
        "--define",
        "debug_package %{nil}",
        "--define",
        "_build_id_links none",
        # Nothing to strip or compress: skip the brp scripts (most of a build's time).
        "--define",
        "__os_install_post %{nil}",
        "--define",
        "_binary_payload w9.gzdio",
        "--define",
        "use_source_date_epoch_as_buildtime 1",
        "--define",
        "clamp_mtime_to_source_date_epoch 1",
        "--define",
        "_buildhost build.xosupdate.invalid",
        str(spec_file),
    ]
    env = dict(os.environ, LC_ALL="C", SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH))
    started = time.monotonic()
    try:
        proc = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            check=False,
            env=env,
            timeout=_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RepoBuildError(f"rpmbuild: {exc}", command=tuple(argv)) from exc
    if proc.returncode != 0:
        raise RepoBuildError(
            f"rpmbuild of {spec_file.name} failed (exit {proc.returncode})",
            command=tuple(argv),
            stderr=proc.stderr[-4000:],
        )
    log.debug(
        "built %d packages for %s in %.2f s",
        len(layer.packages),
        layer.arch,
        time.monotonic() - started,
    )
    built: dict[PackageSpec, Path] = {}
    for spec in layer.packages:
        path = top / "RPMS" / spec.arch / spec.filename
        if not path.is_file():
            raise RepoBuildError(
                f"rpmbuild did not make {spec.filename}",
                command=tuple(argv),
                stderr=proc.stderr[-4000:],
            )
        built[spec] = path
    return built


def build_rpms(
    packages: Sequence[PackageSpec],
    workdir: Path,
    *,
    jobs: int | None = None,
) -> dict[PackageSpec, Path]:
    """Build every package (unsigned) below ``workdir``.

    Args:
        packages: the packages; equal specs are built once.
        workdir: an empty scratch directory (spec files, buildroots, RPMS).
        jobs: rpmbuild runs at a time (default: one per CPU).

    Returns:
        The built rpm file of each distinct spec.

    Raises:
        RepoBuildError: rpmbuild failed (its stderr is in the error).
    """
    unique = list(dict.fromkeys(packages))
    if not unique:
        return {}
    layers = _layers(unique)
    workers = max(1, min(len(layers), jobs or os.cpu_count() or 1))
    started = time.monotonic()
    built: dict[PackageSpec, Path] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rpmbuild") as pool:
        futures = [pool.submit(_build_layer, i, layer, workdir) for i, layer in enumerate(layers)]
        for future in futures:
            built.update(future.result())
    log.info(
        "built %d packages in %d rpmbuild runs in %.2f s",
        len(built),
        len(layers),
        time.monotonic() - started,
    )
    return built
