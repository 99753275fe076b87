# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading pubkey files with python-gnupg in throw-away homes."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

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


def test_no_agent_is_started(
    signing_keys: Mapping[str, SigningKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    homes: list[Path] = []
    real = tempfile.mkdtemp

    def mkdtemp(*args: object, **kw: object) -> str:
        home: str = real(*args, **kw)  # type: ignore[call-overload]
        homes.append(Path(home))
        return home

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    sockets: list[str] = []
    real_rmtree = shutil.rmtree

    def rmtree(path: str, *args: object, **kw: object) -> None:
        sockets.extend(p.name for p in Path(path).glob("S.gpg-agent*"))
        real_rmtree(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "rmtree", rmtree)
    read_keys(signing_keys["release"].armored)
    assert homes and not any(h.exists() for h in homes)
    assert sockets == []
