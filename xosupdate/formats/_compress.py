# SPDX-License-Identifier: GPL-2.0-or-later
"""Compression of urpmi metadata, recognised by magic bytes (formats layer).

urpmi never changes file names: ``synthesis.hdlist.cz`` has been gzip (Mandriva 2009.0), xz
(Mageia 2012+) and zstd (Mageia 8+), and ``*.xml.lzma`` is LZMA-alone or xz. Readers must
therefore sniff the first bytes and never trust an extension (design/formats.md §4.2).

Every decoder checks the container's own integrity (gzip CRC32 and length, xz check, zstd
frame end, bzip2 stream end): a truncated or corrupt file is one error for the whole file,
never the part that happened to decompress.
"""

from __future__ import annotations

import bz2
import enum
import lzma
import queue
import re
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from typing import Final, Protocol

from xosupdate.errors import FormatError

__all__ = [
    "Compression",
    "compress",
    "decompress",
    "iter_decompressed",
    "sniff",
]

# Compressed input is fed to the decoders in slices of this size: big enough that the
# per-call overhead vanishes, small enough that parsing can start while the rest inflates.
_SLICE: Final = 1 << 18
# Beyond this much compressed input, iter_decompressed inflates in a background thread
# (zlib, lzma and bz2 release the GIL), so parsing overlaps decompression on a second core.
_BACKGROUND_MIN: Final = 1 << 20
_SWITCH_INTERVAL: Final = 0.0002
# A decompression bomb (a few KiB that inflate to gigabytes) must fail, not exhaust memory
# (the privileged helper parses what mirrors serve): each decoder call returns at most
# _STEP bytes, and the whole may not exceed MAX_DECOMPRESSED. A real synthesis is 20 MB.
_STEP: Final = 1 << 24
_ZSTD_SLICE: Final = 1 << 10
_NONZERO: Final = re.compile(rb"[^\x00]")
MAX_DECOMPRESSED: Final = 1 << 30


class Compression(enum.StrEnum):
    """Containers found in urpmi trees."""

    GZIP = "gzip"
    XZ = "xz"
    LZMA = "lzma"  # LZMA-alone (old .xml.lzma files)
    ZSTD = "zstd"
    BZIP2 = "bzip2"
    PLAIN = "plain"


def sniff(data: bytes) -> Compression:
    """The container of ``data``, from its magic bytes (plain when none matches).

    >>> sniff(b"\\x1f\\x8b\\x08\\x00")
    <Compression.GZIP: 'gzip'>
    >>> sniff(b"@info@foo-1-1.noarch@0@0@Base")
    <Compression.PLAIN: 'plain'>
    """
    if data.startswith(b"\x1f\x8b"):
        return Compression.GZIP
    if data.startswith(b"\xfd7zXZ\x00"):
        return Compression.XZ
    if data.startswith(b"\x28\xb5\x2f\xfd"):
        return Compression.ZSTD
    if data.startswith(b"BZh"):
        return Compression.BZIP2
    # LZMA-alone has no magic: properties byte 0x5d and a little-endian dictionary size
    # (urpmi's lzma -5 writes 5d 00 00 80 00, other levels other powers of two).
    if len(data) >= 13 and data[0] == 0x5D and data[1:3] == b"\x00\x00":
        return Compression.LZMA
    return Compression.PLAIN


class _Decoder(Protocol):
    """The part of zlib/lzma/bz2/zstd decompression objects used here."""

    @property
    def eof(self) -> bool: ...

    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: bytes) -> bytes: ...


def _new_decoder(kind: Compression) -> _Decoder:
    if kind is Compression.GZIP:
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if kind is Compression.XZ:
        return lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
    if kind is Compression.LZMA:
        return lzma.LZMADecompressor(format=lzma.FORMAT_ALONE)
    if kind is Compression.BZIP2:
        return bz2.BZ2Decompressor()
    import zstandard  # noqa: PLC0415 - imported only when a zstd file shows up

    decoder: _Decoder = zstandard.ZstdDecompressor().decompressobj()
    return decoder


def _decoder_errors(kind: Compression) -> tuple[type[Exception], ...]:
    """What the decoder of ``kind`` raises on corrupt input."""
    base: tuple[type[Exception], ...] = (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError)
    if kind is Compression.ZSTD:
        import zstandard  # noqa: PLC0415 - only when a zstd file shows up

        return (*base, zstandard.ZstdError)
    return base


def _inflate(
    data: bytes,
    kind: Compression,
    source: str,
    error: type[FormatError],
) -> Iterator[bytes]:
    """Decompressed chunks of ``data``; raises ``error`` unless every stream ends cleanly
    and the whole stays under ``MAX_DECOMPRESSED``."""
    pos = 0
    total = 0
    # zstd's decoder takes no output bound: small input slices bound its output instead
    # (a zstd block inflates at most ~43,000-fold).
    size = _ZSTD_SLICE if kind is Compression.ZSTD else _SLICE
    while True:
        decoder = _new_decoder(kind)
        while not decoder.eof:
            piece = b""
            if _wants_input(decoder, kind):
                if pos >= len(data):
                    raise error(f"truncated {kind} data (the stream ends early)", source=source)
                piece = data[pos : pos + size]
                pos += len(piece)
            try:
                out = _step(decoder, kind, piece)
            except _decoder_errors(kind) as exc:
                raise error(f"corrupt {kind} data: {exc}", source=source) from exc
            if out:
                total += len(out)
                if total > MAX_DECOMPRESSED:
                    raise error(
                        f"{kind} data inflating to more than {MAX_DECOMPRESSED >> 20} MiB",
                        source=source,
                    )
                yield out
        # Concatenated members/streams are legal for gzip, xz, bzip2 and zstd; gzip and xz
        # files may also carry zero padding after the last one. The next one starts where
        # this one's unused input does (no copy of the rest: thousands of members).
        pos -= len(decoder.unused_data)
        if _NONZERO.search(data, pos) is None:
            return
        if kind is Compression.LZMA or sniff(data[pos : pos + 16]) is not kind:
            raise error(f"junk after the end of the {kind} data", source=source)


def _wants_input(decoder: _Decoder, kind: Compression) -> bool:
    """Whether ``decoder`` has given all it can of the input fed so far."""
    if kind is Compression.GZIP:
        return not getattr(decoder, "unconsumed_tail", b"")
    if kind is Compression.ZSTD:
        return True
    return bool(getattr(decoder, "needs_input", True))  # lzma, bz2


def _step(decoder: _Decoder, kind: Compression, piece: bytes) -> bytes:
    """At most ``_STEP`` bytes more from ``decoder``, fed ``piece`` (zlib takes back the
    input it left unread; zstd's decoder has no bound, only the total is checked)."""
    if kind is Compression.ZSTD:
        return decoder.decompress(piece)
    if kind is Compression.GZIP:
        tail: bytes = getattr(decoder, "unconsumed_tail", b"")
        return decoder.decompress(tail + piece, _STEP)  # type: ignore[call-arg]
    return decoder.decompress(piece, _STEP)  # type: ignore[call-arg]


def iter_decompressed(
    data: bytes,
    *,
    source: str,
    error: type[FormatError] = FormatError,
    background: bool | None = None,
) -> Iterator[bytes]:
    """The decompressed content of ``data``, chunk by chunk.

    Large inputs are inflated in a background thread, started at once: the caller may do
    other work and then parse chunk after chunk while the rest inflates. The integrity
    error, if any, is raised after the chunks that preceded it: callers must not treat what
    they read as whole until the iterator is exhausted.

    Args:
        background: inflate in a background thread whatever the size (True), never
            (False), or when the input is large (None). Worth it for small inputs only
            when the caller has other work to do before it reads them.

    Raises:
        FormatError (the ``error`` subclass): corrupt, truncated or trailing-junk input.
    """
    kind = sniff(data)
    if kind is Compression.PLAIN:
        return iter([data] if data else [])
    if not (len(data) >= _BACKGROUND_MIN if background is None else background):
        return _inflate(data, kind, source, error)
    return _in_background(lambda: _inflate(data, kind, source, error))


_DONE: Final = object()


def _in_background(make: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
    """Run a chunk producer in a daemon thread, started now; the returned iterator hands
    its chunks over and re-raises its exception in the consumer."""
    chunks: queue.SimpleQueue[object] = queue.SimpleQueue()
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in make():
                if stop.is_set():
                    return
                chunks.put(chunk)
        except BaseException as exc:  # noqa: BLE001 - handed over to the consumer thread
            chunks.put(exc)
        else:
            chunks.put(_DONE)

    worker = threading.Thread(target=produce, name="xosupdate-inflate", daemon=True)
    # The decoders release the GIL while inflating but must take it back for every output
    # block; with the default 5 ms switch interval the busy consumer holds it so long that
    # the producer mostly waits (measured: no overlap at all). A short interval while both
    # run lets decompression and parsing truly overlap (0.27 s -> 0.19 s on a 20 MB
    # synthesis). Concurrent parses may restore each other's value early: harmless.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(_SWITCH_INTERVAL)
    worker.start()
    return _consume(chunks, stop, interval)


def _consume(
    chunks: queue.SimpleQueue[object],
    stop: threading.Event,
    interval: float,
) -> Iterator[bytes]:
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, bytes)
            yield item
    finally:
        # The consumer stopped (done, error or abandoned): let the producer finish quietly.
        stop.set()
        sys.setswitchinterval(interval)


def decompress(data: bytes, *, source: str, error: type[FormatError] = FormatError) -> bytes:
    """The whole decompressed content of ``data`` (plain data is returned as is).

    Raises:
        FormatError (the ``error`` subclass): corrupt, truncated or trailing-junk input.
    """
    kind = sniff(data)
    if kind is Compression.PLAIN:
        return data
    return b"".join(_inflate(data, kind, source, error))


def compress(data: bytes, kind: Compression, *, level: int | None = None) -> bytes:
    """``data`` in the given container, as genhdlist2 and gendistrib write them."""
    if kind is Compression.PLAIN:
        return data
    if kind is Compression.GZIP:
        # mtime 0 keeps builds reproducible: same packages, same synthesis bytes, same MD5SUM.
        import gzip  # noqa: PLC0415 - writers only, kept off the readers' import path

        return gzip.compress(data, compresslevel=9 if level is None else level, mtime=0)
    if kind is Compression.XZ:
        return lzma.compress(
            data,
            format=lzma.FORMAT_XZ,
            check=lzma.CHECK_CRC64,
            preset=7 if level is None else level,
        )
    if kind is Compression.LZMA:
        return lzma.compress(data, format=lzma.FORMAT_ALONE, preset=5 if level is None else level)
    if kind is Compression.BZIP2:
        return bz2.compress(data, 9 if level is None else level)
    import zstandard  # noqa: PLC0415 - imported only when writing zstd

    compressed: bytes = zstandard.ZstdCompressor(
        level=19 if level is None else level, write_checksum=True
    ).compress(data)
    return compressed
