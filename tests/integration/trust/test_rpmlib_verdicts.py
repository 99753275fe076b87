# SPDX-License-Identifier: GPL-2.0-or-later
"""librpm's verdict on real packages: from the header prefix, and on the whole file."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import pytest

from xosupdate.errors import FormatError
from xosupdate.repo import DistribTree, SigningKey
from xosupdate.system import rpmlib
from xosupdate.system.rpmlib import (
    HeaderCheck,
    HeaderStatus,
    header_prefix_length,
    header_verdict,
    verify_package_file,
)

pytestmark = pytest.mark.integration


def prefix_of(data: bytes) -> bytes:
    """Grow a prefix as the signatures service does: 8 KiB, then what the header needs."""
    have = data[:100]
    while (needed := header_prefix_length(have)) > len(have):
        have = data[:needed]
    return have


def test_header_verdicts(trust_tree: DistribTree, signing_keys: Mapping[str, SigningKey]) -> None:
    main = trust_tree.medium("Main")
    keys = [signing_keys["release"].armored, signing_keys["updates"].armored]
    expected = {
        "xos-good": (HeaderStatus.OK, signing_keys["release"].key_id),
        "xos-otherkey": (HeaderStatus.OK, signing_keys["updates"].key_id),
        "xos-stranger": (HeaderStatus.NOKEY, signing_keys["other"].key_id),
        "xos-unsigned": (HeaderStatus.UNSIGNED, ""),
        "xos-tamperhdr": (HeaderStatus.BAD, None),
        # The header is intact: a tampered payload is only seen with the whole file.
        "xos-tamperpay": (HeaderStatus.OK, signing_keys["release"].key_id),
    }
    for name, (status, key_id) in expected.items():
        data = main.rpm(name).read_bytes()
        check = header_verdict(prefix_of(data), keys)
        assert check.status is status, name
        if key_id is not None:
            assert check.key_id == key_id.lower(), name
        if status is not HeaderStatus.BAD:
            assert (check.name, check.version, check.release, check.arch) == (
                name,
                "1.0",
                "1xos2.0",
                "noarch",
            )
            assert check.header_end == len(prefix_of(data)) < len(data)
    # Without any key every signed package is NOKEY, never OK.
    good = prefix_of(main.rpm("xos-good").read_bytes())
    assert header_verdict(good, []).status is HeaderStatus.NOKEY


def test_prefix_length_grows(trust_tree: DistribTree) -> None:
    data = trust_tree.medium("Main").rpm("xos-good").read_bytes()
    first = header_prefix_length(data[:10])
    assert first == 112  # lead and the signature header's intro
    second = header_prefix_length(data[:first])
    third = header_prefix_length(data[:second])
    assert first < second < third == header_prefix_length(data)
    with pytest.raises(FormatError, match="only 200 bytes"):
        header_verdict(data[:200], [])
    with pytest.raises(FormatError, match="no lead magic"):
        header_prefix_length(b"<html>" + b"x" * 200)


def test_whole_file_checks(trust_tree: DistribTree, signing_keys: Mapping[str, SigningKey]) -> None:
    main = trust_tree.medium("Main")
    keys = [signing_keys["release"].armored]
    good = verify_package_file(main.rpm("xos-good"), keys)
    assert good.ok and good.payload_ok and good.reason == ""
    payload = verify_package_file(main.rpm("xos-tamperpay"), keys)
    assert payload.header.status is HeaderStatus.OK
    assert not payload.ok and not payload.payload_ok
    assert "payload" in payload.reason
    header = verify_package_file(main.rpm("xos-tamperhdr"), keys)
    assert header.header.status is HeaderStatus.BAD and not header.ok
    unsigned = verify_package_file(main.rpm("xos-unsigned"), keys)
    assert unsigned.payload_ok and not unsigned.ok and unsigned.reason == "unsigned"
    stranger = verify_package_file(main.rpm("xos-stranger"), keys)
    assert stranger.payload_ok and not stranger.ok
    assert stranger.header.status is HeaderStatus.NOKEY


def test_packages_without_payload_digest_use_the_legacy_md5(
    trust_tree: DistribTree,
    signing_keys: Mapping[str, SigningKey],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Packages older than rpm 4.14 (Mandriva 2009.0) have no PAYLOADDIGEST: the signature
    # header's MD5 over main header and payload is what tells a tampered payload.
    real = rpmlib.header_verdict

    def without_digest(prefix: bytes, keys: Sequence[str]) -> HeaderCheck:
        return dataclasses.replace(real(prefix, keys), payload_digest="", payload_algo="")

    monkeypatch.setattr(rpmlib, "header_verdict", without_digest)
    main = trust_tree.medium("Main")
    keys = [signing_keys["release"].armored]
    good = verify_package_file(main.rpm("xos-good"), keys)
    assert good.header.sigmd5 and good.ok
    tampered = verify_package_file(main.rpm("xos-tamperpay"), keys)
    assert not tampered.payload_ok and not tampered.ok
