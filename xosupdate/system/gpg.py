# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading OpenPGP public keys with python-gnupg (system layer).

This is the only module that imports gnupg. Each call works in its own short, private
GNUPGHOME (``tempfile.mkdtemp(prefix="gh")`` in the system temporary directory, removed
afterwards): nothing is read from or written to the user's keyrings. Only public keys are
imported and exported, so gpg runs with ``--no-autostart`` and no gpg-agent is started
(one found anyway is stopped before the directory goes, design/testing.md §3).

A medium's ``media_info/pubkey`` is ASCII armour holding one or more key blocks, each
with one or more keys. ``read_keys`` returns every key with its fingerprint, key ids,
user ids and its own armoured export (what the rpm keyring takes one at a time). gpg's
status output (``NODATA``, ``IMPORT_RES``…) is turned into ``FormatError`` here.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import gnupg

from xosupdate.errors import FormatError

__all__ = ["PublicKey", "read_keys", "short_id"]

log = logging.getLogger(__name__)

_BLOCK: Final = re.compile(
    r"-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----", re.DOTALL
)
_FINGERPRINT: Final = re.compile(r"[0-9A-F]{40}", re.ASCII)
# gpg's public key algorithm numbers (RFC 4880 §9.1, RFC 9580 §9.1).
_ALGORITHMS: Final = {
    "1": "RSA",
    "2": "RSA",
    "3": "RSA",
    "16": "Elgamal",
    "17": "DSA",
    "18": "ECDH",
    "19": "ECDSA",
    "22": "EdDSA",
}
_MAX_PUBKEY: Final = 1024 * 1024
# Shown when gpg says nothing more useful.
_GPG_DEFAULT_REASON: Final = "gpg found no public key"
# gpg's chatter about its fresh home directory and its totals.
_GPG_NOISE: Final = re.compile(r"keybox .* created|trustdb|Total number|imported:|unchanged:")


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicKey:
    """One public key of a pubkey file.

    Attributes:
        fingerprint: 40 hex digits, uppercase (v4 keys).
        key_id: the last 16 hex digits, uppercase (what rpm prints as ``Key ID``).
        short_id: urpmi's id: the last 8 hex digits, lowercase (``key-ids: 70771ff3``).
        uids: the user ids (``XtreemOS release key <release-key@xtreemos.invalid>``).
        algorithm: ``RSA``, ``DSA``, ``EdDSA``…; ``length`` its size in bits.
        created, expires: seconds since the epoch; ``expires`` None when it never does.
        armored: this key alone, ASCII-armoured.
    """

    fingerprint: str
    uids: tuple[str, ...] = ()
    algorithm: str = ""
    length: int = 0
    created: int | None = None
    expires: int | None = None
    armored: str = ""

    @property
    def key_id(self) -> str:
        """The 16 hex digit key id, uppercase."""
        return self.fingerprint[-16:]

    @property
    def short_id(self) -> str:
        """urpmi's key id: the last 8 hex digits, lowercase."""
        return short_id(self.fingerprint)

    @property
    def name(self) -> str:
        """The first user id, or the short id when the key has none."""
        return self.uids[0] if self.uids else self.short_id


def short_id(key_id: str) -> str:
    """urpmi's key id of a fingerprint or long key id: its last 8 hex digits, lowercase.

    >>> short_id("89FC22B0FEF7E1DC145C48BC1E38B91F964CD62E")
    '964cd62e'
    """
    return key_id[-8:].lower()


@contextlib.contextmanager
def _gpg_home() -> Iterator[gnupg.GPG]:
    """A python-gnupg handle on a fresh, private, short GNUPGHOME; removed on exit."""
    home = tempfile.mkdtemp(prefix="gh")
    try:
        # gpg 2.2 starts an agent on --import (to look for secret keys) unless told not to.
        yield gnupg.GPG(gnupghome=home, options=["--no-autostart"])
    finally:
        # Reading and exporting public keys never needs the agent; should one have been
        # started anyway, stop it: agents left behind pile up (design/testing.md §3).
        if any(p.name.startswith("S.gpg-agent") for p in Path(home).iterdir()):
            gpgconf = shutil.which("gpgconf")
            if gpgconf is not None:
                subprocess.run(
                    [gpgconf, "--homedir", home, "--kill", "gpg-agent"],
                    capture_output=True,
                    check=False,
                    timeout=30,
                    stdin=subprocess.DEVNULL,
                )
        shutil.rmtree(home, ignore_errors=True)


def _gpg_reason(stderr: str) -> str:
    """The first telling ``gpg:`` line of gpg's stderr, for an error message."""
    for line in stderr.splitlines():
        text = line.removeprefix("gpg: ").strip()
        if line.startswith("gpg: ") and not _GPG_NOISE.search(text):
            return text
    return _GPG_DEFAULT_REASON


def _int(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() else None


def read_keys(armored: str | bytes, *, source: str = "pubkey") -> tuple[PublicKey, ...]:
    """Every public key of an armoured pubkey file, in file order (duplicates once).

    Raises:
        FormatError: the text holds no public key block gpg can read (an HTML page, a
            truncated download, a secret key only), or is larger than 1 MiB.
    """
    if isinstance(armored, bytes):
        if len(armored) > _MAX_PUBKEY:
            raise FormatError("too large for a pubkey file", source=source)
        text = armored.decode("ascii", "replace")
    else:
        text = armored
    blocks = _BLOCK.findall(text)
    if not blocks:
        raise FormatError("no PGP PUBLIC KEY BLOCK", source=source)
    with _gpg_home() as gpg:
        imported = gpg.import_keys("\n".join(blocks))
        fingerprints = [f for f in dict.fromkeys(imported.fingerprints) if f]
        if not fingerprints:
            raise FormatError(f"unreadable key: {_gpg_reason(imported.stderr)}", source=source)
        listing = {k["fingerprint"]: k for k in gpg.list_keys()}
        keys: list[PublicKey] = []
        for fingerprint in fingerprints:
            info = listing.get(fingerprint)
            if info is None or _FINGERPRINT.fullmatch(fingerprint) is None:
                # v3 keys (16 hex digit "fingerprints") and v5 keys are not urpmi's.
                raise FormatError(f"unsupported key {fingerprint}", source=source)
            exported = gpg.export_keys(fingerprint)
            keys.append(
                PublicKey(
                    fingerprint=fingerprint,
                    uids=tuple(info.get("uids") or ()),
                    algorithm=_ALGORITHMS.get(str(info.get("algo")), str(info.get("algo"))),
                    length=_int(info.get("length")) or 0,
                    created=_int(info.get("date")),
                    expires=_int(info.get("expires")),
                    armored=exported if isinstance(exported, str) else "",
                )
            )
    log.debug("%s: keys %s", source, ", ".join(k.short_id for k in keys))
    return tuple(keys)
