# SPDX-License-Identifier: GPL-2.0-or-later
"""Signature verdicts on candidate packages (domain layer)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["SignatureVerdict", "Verdict"]


class Verdict(enum.StrEnum):
    """What a package's header signature says about it, best first."""

    TRUSTED = "trusted"
    OTHER_MEDIUM_KEY = "other-medium-key"
    UNKNOWN_KEY = "unknown-key"
    UNSIGNED = "unsigned"
    BAD = "bad"

    @property
    def installable(self) -> bool:
        """Only packages signed by their own medium's key are ever installed."""
        return self is Verdict.TRUSTED


@dataclass(frozen=True, slots=True, kw_only=True)
class SignatureVerdict:
    """The verdict on one candidate, with the signer when known.

    Attributes:
        key_id: the signer's short key id (last 8 hex digits, lowercase), or "".
        signer_medium: the medium whose key signed it, when it is a known media key.
        detail: a sentence for people ("Signed by 70771ff3, the key of Main Updates").
    """

    name: str
    arch: str
    medium: str
    verdict: Verdict
    key_id: str = ""
    signer_medium: str = ""
    detail: str = ""
    url: str = ""

    def to_json(self) -> dict[str, str]:
        """A record of ``signatures --json``."""
        return {
            "name": self.name,
            "arch": self.arch,
            "medium": self.medium,
            "verdict": self.verdict.value,
            "key_id": self.key_id,
            "detail": self.detail,
        }
