# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading pubkey files with python-gnupg in throw-away homes."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping

import pytest

from xosupdate.errors import FormatError
from xosupdate.repo import SigningKey
from xosupdate.system.gpg import read_keys, short_id

pytestmark = pytest.mark.integration


def test_read_keys_of_several_blocks(signing_keys: Mapping[str, SigningKey]) -> None:
    release, updates = signing_keys["release"], signing_keys["updates"]
    text = "Some text before\n" + release.armored + updates.armored + release.armored
    keys = read_keys(text)
    assert [k.fingerprint for k in keys] == [release.fingerprint, updates.fingerprint]
    first = keys[0]
    assert first.short_id == release.short_id == short_id(release.fingerprint)
    assert first.key_id == release.key_id
    assert first.uids == (f"{release.name} <{release.email}>",)
    assert (first.algorithm, first.length) == ("EdDSA", 255)
    assert first.created is not None and first.expires is None
    # Each key comes back alone, armoured, and reads back as itself.
    assert [k.fingerprint for k in read_keys(first.armored)] == [release.fingerprint]


def test_unreadable_pubkeys() -> None:
    with pytest.raises(FormatError, match="no PGP PUBLIC KEY BLOCK"):
        read_keys(b"<html><body>captive portal</body></html>")
    broken = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n"
    with pytest.raises(FormatError, match="unreadable key"):
        read_keys(broken)
    with pytest.raises(FormatError, match="too large"):
        read_keys(b"x" * (2 * 1024 * 1024))


def test_no_agent_left_behind(signing_keys: Mapping[str, SigningKey]) -> None:
    read_keys(signing_keys["release"].armored)
    out = subprocess.run(
        ["pgrep", "-af", "gpg-agent --homedir /tmp/gh"], capture_output=True, text=True, check=False
    ).stdout
    homes = [line for line in out.splitlines() if "pgrep" not in line]
    # Agents of the session's signing keys may run; none of read_keys' homes (removed).
    for line in homes:
        home = line.split("--homedir", 1)[1].split()[0]
        assert home in {str(k.home) for k in signing_keys.values()}, line
