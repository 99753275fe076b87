# SPDX-License-Identifier: GPL-2.0-or-later
"""OpenPGP public keys as media carry them (formats layer; RFC 4880).

A medium's ``media_info/pubkey`` holds one or more ASCII-armoured key blocks. urpmi names a
key by the last 8 hex digits of its v4 fingerprint (``key-ids`` in urpmi.cfg, the version of
rpm's ``gpg-pubkey`` pseudo-package). Both sides of the privilege boundary (the user's
``system/rpmlib.py`` and the helper's ``rpmtx.py``) read keys with these functions.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from typing import Final

__all__ = ["armor", "armored_blocks", "fingerprint", "fingerprints", "packet_body", "short_id"]

_BEGIN: Final = "-----BEGIN PGP PUBLIC KEY BLOCK-----"
_END: Final = "-----END PGP PUBLIC KEY BLOCK-----"


def armored_blocks(text: str) -> list[str]:
    """Every ``PUBLIC KEY BLOCK`` of ``text``, armour lines included, in order (a BEGIN
    without END is no block). Linear: a lazy regex searched to the end from every BEGIN."""
    blocks = []
    at = text.find(_BEGIN)
    while at >= 0:
        end = text.find(_END, at + len(_BEGIN))
        if end < 0:
            break
        blocks.append(text[at : end + len(_END)])
        at = text.find(_BEGIN, end + len(_END))
    return blocks


def packet_body(data: bytes) -> bytes:
    """The body of the first OpenPGP packet (RFC 4880 §4.2, old and new formats).

    Raises:
        ValueError: not a packet, a length form keys never use, or a packet cut short.
    """
    if len(data) < 2 or not data[0] & 0x80:
        raise ValueError("not an OpenPGP packet")
    tag = data[0]
    if tag & 0x40:  # new format
        first = data[1]
        if first < 192:
            start, length = 2, first
        elif first < 224:
            if len(data) < 3:
                raise ValueError("OpenPGP packet cut short")
            start, length = 3, ((first - 192) << 8) + data[2] + 192
        elif first == 255:
            start, length = 6, int.from_bytes(data[2:6], "big")
        else:
            raise ValueError("partial body length in a key packet")
    else:
        width = {0: 1, 1: 2, 2: 4}.get(tag & 0x03)
        if width is None:
            raise ValueError("indeterminate packet length")
        start, length = 1 + width, int.from_bytes(data[1 : 1 + width], "big")
    if len(data) < start + length:
        raise ValueError("OpenPGP packet cut short")
    return data[start : start + length]


def fingerprint(packet: bytes) -> str:
    """The fingerprint of a v4 public key packet (40 hex digits, lowercase); ``packet``
    may be followed by the rest of its certificate.

    Raises:
        ValueError: not a v4 key packet.
    """
    body = packet_body(packet)
    if not body or body[0] != 4:
        raise ValueError("only OpenPGP v4 keys are supported")
    digest = hashlib.sha1(b"\x99" + len(body).to_bytes(2, "big") + body, usedforsecurity=False)
    return digest.hexdigest()


def fingerprints(b64s: Iterable[str]) -> set[str]:
    """The fingerprints of base64 key data (rpm's ``gpg-pubkey`` ``PUBKEYS``); data that
    cannot be read counts as a key of its own (it is one more key, not none)."""
    out = set()
    for b64 in b64s:
        try:
            out.add(fingerprint(base64.b64decode(b64)))
        except ValueError:  # binascii.Error is one
            out.add(b64)
    return out


def short_id(packet: bytes) -> str:
    """urpmi's id of a v4 public key packet: the last 8 hex digits of its fingerprint,
    which two keys can share (urpmi.cfg's key-ids are made of them).

    Raises:
        ValueError: not a v4 key packet.
    """
    return fingerprint(packet)[-8:]


def _crc24(data: bytes) -> int:
    """The armour checksum of RFC 4880 §6.1 (librpm rejects armour without it)."""
    crc = 0xB704CE
    for byte in data:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def armor(b64: str) -> bytes:
    """An armoured public key block around base64 key data, as ``rpm.pubkey`` wants it."""
    body = "".join(b64.split())
    crc = base64.b64encode(_crc24(base64.b64decode(body)).to_bytes(3, "big")).decode()
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return (
        f"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{lines}\n={crc}\n"
        "-----END PGP PUBLIC KEY BLOCK-----\n"
    ).encode()
