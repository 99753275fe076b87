# SPDX-License-Identifier: GPL-2.0-or-later
"""Which architectures may replace which, as urpmi decides it (domain layer).

Compatibility is librpm's (``rpm.archscore``: 0 means the machine cannot run it). urpmi
adds *strict-arch*, on by default on x86_64 (and sparc64, ppc64) hosts: an installed
package is only upgraded by a candidate of its own arch, except that ``noarch`` may
replace, or be replaced by, anything (design/formats.md §8.4). On i586 hosts the whole
i386…i686 family may replace each other.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from typing import Final

import rpm

__all__ = ["ArchPolicy"]

_STRICT_HOSTS: Final = frozenset({"x86_64", "amd64", "sparc64", "ppc64", "aarch64"})
_SOURCE: Final = frozenset({"src", "nosrc"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchPolicy:
    """Arch rules for update candidates.

    >>> ArchPolicy(strict=True).may_replace("x86_64", "noarch")
    True
    >>> ArchPolicy(strict=True).may_replace("i586", "i686")
    False
    >>> ArchPolicy(strict=False).may_replace("i586", "i686")
    True
    """

    strict: bool

    @classmethod
    def for_host(cls, machine: str | None = None) -> ArchPolicy:
        """urpmi's default for this machine (strict-arch on 64-bit hosts)."""
        return cls(strict=(machine or platform.machine()) in _STRICT_HOSTS)

    @staticmethod
    def compatible(arch: str) -> bool:
        """The host can install ``arch`` (never a source package)."""
        if arch in _SOURCE:
            return False
        return arch == "noarch" or int(rpm.archscore(arch)) > 0

    def may_replace(self, installed: str, candidate: str) -> bool:
        """Whether a ``candidate``-arch package may upgrade an ``installed``-arch one."""
        if not self.compatible(candidate):
            return False
        if installed == candidate or "noarch" in (installed, candidate):
            return True
        return not self.strict
