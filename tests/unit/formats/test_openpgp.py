# SPDX-License-Identifier: GPL-2.0-or-later
"""OpenPGP key packets and armour: the short ids urpmi uses as key-ids."""

from __future__ import annotations

import base64
import hashlib

import pytest

from xosupdate.formats.openpgp import _crc24, armor, armored_blocks, packet_body, short_id

# A v4 public-key packet body: version 4, creation time, algorithm 22 (EdDSA), key material.
BODY = bytes([4, 0x5F, 0, 0, 0, 22]) + bytes(range(40))


def _expected_id(body: bytes) -> str:
    return hashlib.sha1(b"\x99" + len(body).to_bytes(2, "big") + body).hexdigest()[-8:]


@pytest.mark.parametrize(
    "packet",
    [
        bytes([0x99]) + len(BODY).to_bytes(2, "big") + BODY,  # old format, 2-byte length
        bytes([0x98, len(BODY)]) + BODY,  # old format, 1-byte length
        bytes([0x9A]) + len(BODY).to_bytes(4, "big") + BODY,  # old format, 4-byte length
        bytes([0xC6, len(BODY)]) + BODY,  # new format, one-octet length
        bytes([0xC6, 0xFF]) + len(BODY).to_bytes(4, "big") + BODY,  # new, five-octet
    ],
)
def test_packet_lengths_and_short_id(packet: bytes) -> None:
    assert packet_body(packet) == BODY
    assert short_id(packet) == _expected_id(BODY)


def test_two_octet_new_format_length() -> None:
    body = bytes([4]) + bytes(300)
    length = len(body) - 192
    packet = bytes([0xC6, (length >> 8) + 192, length & 0xFF]) + body
    assert packet_body(packet) == body


@pytest.mark.parametrize(
    ("packet", "message"),
    [
        (b"", "not an OpenPGP packet"),
        (b"\x01\x02", "not an OpenPGP packet"),
        (bytes([0xC6, 0xE0]) + bytes(10), "partial body length"),
        (bytes([0x9B]) + BODY, "indeterminate packet length"),
        (bytes([0x98, 3, 3, 0, 0]), "only OpenPGP v4 keys"),
    ],
)
def test_malformed_packets(packet: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        short_id(packet)


def test_armor_round_trip() -> None:
    data = bytes([0x98, len(BODY)]) + BODY
    text = armor(base64.b64encode(data).decode()).decode()
    (block,) = armored_blocks("garbage\n" + text + "\ntrailing")
    payload = block.split("\n\n", 1)[1].rsplit("\n=", 1)[0]
    assert base64.b64decode("".join(payload.split())) == data
    crc = block.rsplit("\n=", 1)[1].split("\n", 1)[0]
    assert base64.b64decode(crc) == _crc24(data).to_bytes(3, "big")
    assert _crc24(b"") == 0xB704CE
    assert armored_blocks("no key here") == []
