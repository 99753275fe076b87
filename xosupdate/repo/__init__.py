# SPDX-License-Identifier: GPL-2.0-or-later
"""The repository builder: signed rpm files and urpmi trees for tests, the demo, benchmarks.

Declare packages and media (``PackageSpec``, ``MediumSpec``, ``DistribSpec``), make keys
(``SigningKey``), and ``build_distrib`` builds, signs and writes the tree; ``MirrorServer``
serves it on 127.0.0.1 with Range, conditional requests and injected faults.
"""

from xosupdate.formats._compress import Compression
from xosupdate.repo.mirrorserver import Fault, MirrorServer, RequestRecord
from xosupdate.repo.rpmbuild import build_rpms
from xosupdate.repo.signing import KeyAlgorithm, SigningKey, sign_rpms
from xosupdate.repo.specs import (
    MEDIUM_KEY,
    DistribSpec,
    FileEntry,
    MediumSpec,
    PackageSpec,
)
from xosupdate.repo.tree import DistribTree, MediumTree, build_distrib

__all__ = [
    "MEDIUM_KEY",
    "Compression",
    "DistribSpec",
    "DistribTree",
    "Fault",
    "FileEntry",
    "KeyAlgorithm",
    "MediumSpec",
    "MediumTree",
    "MirrorServer",
    "PackageSpec",
    "RequestRecord",
    "SigningKey",
    "build_distrib",
    "build_rpms",
    "sign_rpms",
]
