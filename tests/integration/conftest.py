# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures for tests with real rpm, rpmbuild, rpmsign, gpg and a loopback mirror.

``signing_keys`` makes three throw-away ed25519 keys once per session; ``build_repo``
builds a ``DistribSpec`` into a session temporary directory, once per distinct spec, so
modules that describe the same tree share one build; ``demo_sandbox`` is the demo, built
once. Built trees are shared: treat them as read-only (copy a tree before changing it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import pytest

from xosupdate.repo import Compression, DistribSpec, DistribTree, SigningKey, build_distrib
from xosupdate.services.demo import DemoSandbox, build_demo

BuildRepo = Callable[..., DistribTree]

# Names the specs of the tests use for the session keys.
KEY_NAMES = ("release", "updates", "other")


@pytest.fixture(scope="session")
def signing_keys() -> Iterator[Mapping[str, SigningKey]]:
    """Three ed25519 keys: ``release``, ``updates`` and ``other`` (closed at session end)."""
    keys = {name: SigningKey.generate(f"XOS test {name} key") for name in KEY_NAMES}
    yield keys
    for key in keys.values():
        key.close()


@pytest.fixture(scope="session")
def build_repo(
    tmp_path_factory: pytest.TempPathFactory, signing_keys: Mapping[str, SigningKey]
) -> BuildRepo:
    """``build_repo(spec, *, keys=None, compression=GZIP, recommends=False) -> DistribTree``.

    Builds once per distinct arguments and session; ``keys`` defaults to ``signing_keys``.
    """
    cache: dict[object, DistribTree] = {}

    def build(
        spec: DistribSpec,
        *,
        keys: Mapping[str, SigningKey] | None = None,
        compression: Compression = Compression.GZIP,
        recommends: bool = False,
    ) -> DistribTree:
        use = signing_keys if keys is None else keys
        key = (
            spec,
            compression,
            recommends,
            tuple(sorted((n, k.fingerprint) for n, k in use.items())),
        )
        if key not in cache:
            dest = tmp_path_factory.mktemp("distrib")
            cache[key] = build_distrib(
                spec, dest, keys=use, compression=compression, recommends=recommends
            )
        return cache[key]

    return build


@pytest.fixture(scope="session")
def demo_sandbox(tmp_path_factory: pytest.TempPathFactory) -> DemoSandbox:
    """The demo sandbox, built once per session (about a second). Read-only: tests that
    serve it get fresh ports written into its mirror list and settings."""
    return build_demo(tmp_path_factory.mktemp("demo"))
