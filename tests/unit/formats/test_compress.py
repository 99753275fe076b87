# SPDX-License-Identifier: GPL-2.0-or-later
"""Compression by magic bytes: every container, integrity checks, real fixtures."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

from xosupdate.errors import FormatError, SynthesisError
from xosupdate.formats import _compress
from xosupdate.formats._compress import Compression, compress, decompress, iter_decompressed, sniff

TEXT = b"@summary@hello\n@info@hello-1.0-1.noarch@0@10@System/Base\n" * 200


@pytest.mark.parametrize("kind", list(Compression))
def test_round_trip_each_container(kind: Compression) -> None:
    packed = compress(TEXT, kind)
    assert sniff(packed) is kind
    assert decompress(packed, source="t") == TEXT
    assert b"".join(iter_decompressed(packed, source="t")) == TEXT


@pytest.mark.parametrize("kind", [k for k in Compression if k is not Compression.PLAIN])
def test_truncated_is_one_error(kind: Compression) -> None:
    packed = compress(TEXT, kind)
    with pytest.raises(SynthesisError, match="^t: (truncated|corrupt)"):
        decompress(packed[: len(packed) // 2], source="t", error=SynthesisError)


@pytest.mark.parametrize(
    "kind", [Compression.GZIP, Compression.XZ, Compression.BZIP2, Compression.ZSTD]
)
def test_corrupt_body_is_one_error(kind: Compression) -> None:
    packed = bytearray(compress(TEXT, kind))
    packed[len(packed) // 2] ^= 0xFF
    packed[len(packed) // 2 + 1] ^= 0xFF
    with pytest.raises(FormatError, match="corrupt|truncated"):
        decompress(bytes(packed), source="t")


def test_concatenated_members_and_padding() -> None:
    one = gzip.compress(b"a\n", mtime=0)
    two = gzip.compress(b"b\n", mtime=0)
    assert decompress(one + two, source="t") == b"a\nb\n"
    assert decompress(one + b"\x00" * 16, source="t") == b"a\n"


def test_junk_after_the_stream_is_refused() -> None:
    with pytest.raises(FormatError, match="junk after"):
        decompress(gzip.compress(b"a\n") + b"<html>", source="t")


def test_plain_and_empty_inputs() -> None:
    assert sniff(b"") is Compression.PLAIN
    assert decompress(b"", source="t") == b""
    assert list(iter_decompressed(b"", source="t")) == []
    assert list(iter_decompressed(b"x", source="t")) == [b"x"]


def test_extension_is_never_trusted(tmp_path: Path) -> None:
    # A ".cz" file that is really xz (Mageia) and one that is zstd (Mageia 8+).
    for kind in (Compression.XZ, Compression.ZSTD, Compression.GZIP):
        path = tmp_path / "synthesis.hdlist.cz"
        path.write_bytes(compress(TEXT, kind))
        assert decompress(path.read_bytes(), source=str(path)) == TEXT


def test_large_input_inflates_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_compress, "_BACKGROUND_MIN", 10)
    packed = compress(TEXT * 50, Compression.XZ)
    assert b"".join(iter_decompressed(packed, source="t")) == TEXT * 50
    truncated = packed[:-40]
    with pytest.raises(FormatError):
        b"".join(iter_decompressed(truncated, source="t"))


def test_background_can_be_asked_for_or_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    real = _compress._in_background

    def counting(make: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
        threads.append("started")
        return real(make)

    monkeypatch.setattr(_compress, "_in_background", counting)
    small = compress(TEXT, Compression.XZ)
    assert b"".join(iter_decompressed(small, source="t")) == TEXT
    assert threads == []  # small: inflated as it is read
    assert b"".join(iter_decompressed(small, source="t", background=True)) == TEXT
    assert threads == ["started"]
    monkeypatch.setattr(_compress, "_BACKGROUND_MIN", 10)
    assert b"".join(iter_decompressed(small, source="t", background=False)) == TEXT
    assert threads == ["started"]


def test_abandoned_background_iterator_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_compress, "_BACKGROUND_MIN", 10)
    it = iter_decompressed(compress(TEXT * 50, Compression.GZIP), source="t")
    assert next(it)
    assert isinstance(it, Generator)
    it.close()  # the producer thread is told to stop; nothing hangs


def test_lzma_alone_real_fixture(realdata: Path) -> None:
    path = realdata / "smartpm-smart/tests/data/urpmi-xml/media_info/info.xml.lzma"
    data = path.read_bytes()
    assert sniff(data) is Compression.LZMA
    assert decompress(data, source=str(path)).startswith(b"<?xml")


def test_buggy_synthesis_trailer_is_checked(realdata: Path) -> None:
    path = realdata / "OpenMandrivaSoftware-perl-URPM-3.20/t/buggy_synthesis.cz"
    with pytest.raises(FormatError, match="corrupt gzip data"):
        decompress(path.read_bytes(), source=str(path))


@pytest.mark.parametrize("kind", [k for k in Compression if k is not Compression.PLAIN])
def test_a_decompression_bomb_fails_in_bounded_steps(
    kind: Compression, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mirror's few KiB that inflate without end: one error, and (zstd apart) never more
    than one step of output held at once."""
    monkeypatch.setattr(_compress, "MAX_DECOMPRESSED", 3 << 20)
    monkeypatch.setattr(_compress, "_STEP", 1 << 18)
    bomb = compress(bytes(8 << 20), kind, level=1)
    assert len(bomb) < 1 << 20
    sizes: list[int] = []
    with pytest.raises(FormatError, match=rf"^m: {kind} data inflating to more than 3 MiB"):
        for chunk in iter_decompressed(bomb, source="m", background=False):
            sizes.append(len(chunk))
    if kind is not Compression.ZSTD:
        assert max(sizes) <= 1 << 18
    assert sum(sizes) <= 3 << 20
