# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi synthesis files: a fast index pass, full records on demand, and the writer.

A synthesis is UTF-8 text, one ``@tag@payload`` line per tag; tags accumulate for the
current package and the ``@info@`` line closes it (design/formats.md §5). The index pass
reads only what every update check needs (name, epoch, version, release, arch, installed
size, group) and keeps each package's other lines as bytes, parsed into a ``Package`` only
when asked. It never builds dependency lists, so a 63,000-package release synthesis is
indexed about as fast as it decompresses, and decompression runs on a second core while
the index is built (``_compress.iter_decompressed``).

Validation is complete even in the fast pass: every line must be a tag line, every package
must be closed by ``@info@``, fields must be well formed, no line may exceed perl-URPM's
512 KiB. Any violation is one ``SynthesisError`` naming the file and line.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import operator
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, NamedTuple

from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.domain.package import Package
from xosupdate.errors import InvalidEvrError, SynthesisError
from xosupdate.formats._compress import iter_decompressed

__all__ = [
    "IndexEntry",
    "Synthesis",
    "build_synthesis",
    "dump_synthesis",
    "load_synthesis",
    "parse_dependency",
    "parse_synthesis",
]

log = logging.getLogger(__name__)

MAX_LINE: Final = 512 * 1024  # perl-URPM's limit
MAX_BLOCK: Final = 16 << 20  # one package's tag lines (real ones: a few KiB)
# A whole distribution medium holds tens of thousands of packages. Minimal @info@ lines
# inflating from a few MB would otherwise index tens of millions (gigabytes, as root too).
MAX_PACKAGES: Final = 500_000
_INFO_SEP: Final = b"\n@info@"
# A line that is neither empty nor a tag line: perl-URPM fails with "bad line" on it.
_BAD_LINE: Final = re.compile(rb"\n[^@\n]")
# Provide lines with more than one entry, and obsoletes lines: literal-prefix patterns, which
# the regex engine scans at memchr speed (a "^" anchor with MULTILINE would not).
_MULTI_PROVIDES: Final = re.compile(rb"\n@provides@([^\n@]*@[^\n]*)")
_OBSOLETES: Final = re.compile(rb"\n@obsoletes@([^\n]*)")
# The "[*]" and "[op evr]" parts of dependency entries, dropped to get the names (never
# across a line: obsoletes lines are joined by newlines to be substituted at once).
# "[" excluded inside: a run of "[" without "]" was searched to its line's end from each.
_VERSIONS: Final = re.compile(rb"\[[^\[\]@\n]*\]")
_START: Final = re.Match.start
_GROUP: Final = re.Match.group
# Constant arguments for map(), which runs the index pass's per-package steps in C.
_REPEAT_AT: Final = itertools.repeat(b"@")
_REPEAT_ONE: Final = itertools.repeat(1)
_DEP_LISTS: Final = {
    b"provides": "provides",
    b"requires": "requires",
    b"conflicts": "conflicts",
    b"obsoletes": "obsoletes",
    b"suggests": "suggests",
    b"recommends": "suggests",
}


class IndexEntry(NamedTuple):
    """What the index pass reads of each package, from its ``@info@`` line."""

    name: str
    epoch: int
    version: str
    release: str
    arch: str
    size: int
    group: str
    disttag: str = ""
    distepoch: str = ""

    @property
    def evr(self) -> Evr:
        """The package's EVR (validated: librpm never sees a malformed label)."""
        return Evr(epoch=self.epoch, version=self.version, release=self.release)

    @property
    def fullname(self) -> str:
        """``name-version-release.arch``, as in ``@info@`` and rpm file names."""
        dist = f"-{self.disttag}{self.distepoch}" if self.disttag else ""
        return f"{self.name}-{self.version}-{self.release}{dist}.{self.arch}"


@dataclass(slots=True)
class Synthesis:
    """An indexed synthesis: index entries in file order, full records on demand.

    The decompressed text is kept as the bodies of the chunks it arrived in; each package
    is located by the offset of its ``@info@`` line (``_seps``) and of that line's end
    (``_ends``) in its body, its tag block being everything since the previous package.

    Attributes:
        source: the file name (or URL) errors are reported against.
    """

    source: str
    _bodies: list[bytes] = field(repr=False)
    _firsts: list[int] = field(repr=False)
    _seps: list[int] = field(repr=False)
    _ends: list[int] = field(repr=False)
    _entries: list[IndexEntry | None] = field(repr=False)
    # Lazy mode (update engine): where each package name (as bytes) is.
    _names: _NameIndex | None = field(default=None, repr=False)
    _by_name: dict[str, list[int]] | None = field(default=None, repr=False)
    _obsoletes: dict[bytes, list[int]] | None = field(default=None, repr=False)
    # The package of each entry of the provide lines of several entries, and where each
    # capability name is among those entries.
    _provides: tuple[list[int], _NameIndex] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self._seps)

    @property
    def entries(self) -> list[IndexEntry]:
        """One ``IndexEntry`` per package, in file order."""
        if None in self._entries:
            for i, e in enumerate(self._entries):
                if e is None:
                    self.entry(i)
        return self._entries  # type: ignore[return-value]

    def entry(self, i: int) -> IndexEntry:
        """The index entry of package ``i`` (parsed now if the pass was lazy).

        Raises:
            SynthesisError: its ``@info@`` line is malformed.
        """
        e = self._entries[i]
        if e is None:
            body, _start, sep, end = self._locate(i)
            try:
                e = _info_entry(body[sep + 7 : end])
            except (ValueError, UnicodeDecodeError) as exc:
                raise SynthesisError(
                    f"bad @info@ line: {exc}", source=self.source, line=self.line_of(i)
                ) from exc
            self._entries[i] = e
        return e

    def _locate(self, i: int) -> tuple[bytes, int, int, int]:
        """Body, block start, ``@info@`` offset and line end of package ``i``."""
        c = bisect.bisect_right(self._firsts, i) - 1
        start = self._ends[i - 1] if i > self._firsts[c] else 0
        return self._bodies[c], start, self._seps[i], self._ends[i]

    def by_name(self) -> dict[str, list[int]]:
        """Positions of the packages of each name."""
        if self._by_name is None:
            index: dict[str, list[int]] = {}
            if self._names is not None:
                for raw, positions in self._names.items():
                    index[raw.decode("utf-8", errors="replace")] = positions
            else:
                for i, e in enumerate(self.entries):
                    index.setdefault(e.name, []).append(i)
            self._by_name = index
        return self._by_name

    def find(self, name: str) -> list[int]:
        """Positions of the packages called ``name`` (several versions may coexist)."""
        if self._names is not None:
            return self._names.positions(name.encode())
        return list(self.by_name().get(name, ()))

    def providers_of(self, capability: str) -> list[int]:
        """Packages that may provide ``capability``: those of that name (rpm's
        self-provide) and those listing it among several provides, file provides included.
        Versions are not checked here; the caller checks ranges on the candidates."""
        found = self.find(capability)
        extra = self._virtual_providers(capability.encode())
        return found + [i for i in extra if i not in found] if extra else found

    def obsoleted_names(self) -> set[str]:
        """Every name some ``@obsoletes@`` line names (in lazy mode, among the names the
        index pass was told about)."""
        return {raw.decode("utf-8", errors="replace") for raw in self._obsoletes_index()}

    def obsoleters_of(self, name: str) -> list[int]:
        """Packages whose ``@obsoletes@`` line names ``name`` (ranges not checked)."""
        return list(self._obsoletes_index().get(name.encode(), ()))

    def _obsoletes_index(self) -> dict[bytes, list[int]]:
        if self._obsoletes is None:
            self._obsoletes = {}
            for body, seps, first, end in self._each_body():
                _index_obsoletes_local(self._obsoletes, body, seps, first, end=end)
        return self._obsoletes

    def _each_body(self) -> Iterator[tuple[bytes, list[int], int, int]]:
        """Each body with the offsets of its packages, the first one's number, and where
        the last one ends (the bytes after it are the start of the next body too)."""
        for c, body in enumerate(self._bodies):
            first = self._firsts[c]
            last = self._firsts[c + 1] if c + 1 < len(self._firsts) else len(self._seps)
            yield body, self._seps[first:last], first, self._ends[last - 1]

    def _virtual_providers(self, capability: bytes) -> list[int]:
        owners, where = self._provides_index()
        return [owners[n] for n in where.positions(capability)]

    def _provides_index(self) -> tuple[list[int], _NameIndex]:
        """The package of every entry of the provide lines of several entries, and where
        each capability name is among those entries."""
        # Built on first use when the pass was not lazy (the lazy pass builds it as it goes).
        if self._provides is None:
            self._provides = ([], _NameIndex())
            for body, seps, first, end in self._each_body():
                _index_provides(self._provides, body, seps, first, end=end)
        return self._provides

    def raw_tag(self, i: int, tag: str) -> str | None:
        """The payload of package ``i``'s ``@tag@`` line, undecoded into values; None when
        it has none. Cheaper than ``package(i)`` when one line is all a caller needs."""
        body, start, sep, _end = self._locate(i)
        marker = f"\n@{tag}@".encode()
        at = body.find(marker, start, sep)
        if at < 0:
            return None
        stop = body.find(b"\n", at + len(marker), sep + 1)
        return body[at + len(marker) : stop].decode("utf-8", errors="replace")

    def raw_tags(self, i: int) -> dict[str, str]:
        """Every tag line of package ``i`` as ``{tag: payload}``, undecoded into values
        (one split of its block; the first line of a repeated tag wins)."""
        body, start, sep, _end = self._locate(i)
        out: dict[str, str] = {}
        for line in body[start:sep].decode("utf-8", errors="replace").split("\n"):
            if line:
                tag, _, payload = line[1:].partition("@")
                out.setdefault(tag, payload)
        return out

    def package(self, i: int) -> Package:
        """The full record of package ``i``: dependencies, summary, file size.

        Raises:
            SynthesisError: a malformed tag line, naming its line number.
        """
        return _parse_record(self, i)

    def packages(self) -> Iterator[Package]:
        """Every package in full (for ``inspect`` and tests; update checks use entries)."""
        for i in range(len(self)):
            yield _parse_record(self, i)

    def tag_lines(self, i: int) -> list[bytes]:
        """The raw tag lines of package ``i`` (without its ``@info@`` line)."""
        body, start, sep, _end = self._locate(i)
        return [line for line in body[start:sep].split(b"\n") if line]

    def line_of(self, i: int) -> int:
        """1-based line number of package ``i``'s ``@info@`` line (for error messages)."""
        body, _start, sep, _end = self._locate(i)
        return self._line_at(i, body, sep)

    def _line_at(self, i: int, body: bytes, newline: int) -> int:
        """Number of the line after the newline at ``newline`` in package ``i``'s body
        (counted only on error paths, never during the index pass)."""
        c = bisect.bisect_right(self._firsts, i) - 1
        before = sum(
            body.count(b"\n", 0, end)
            for body, _seps, _first, end in itertools.islice(self._each_body(), c)
        )
        return before + body.count(b"\n", 0, newline + 1)


def load_synthesis(path: Path | str, *, lazy: bool = False) -> Synthesis:
    """Read and index a synthesis file (any compression).

    Raises:
        SynthesisError: unreadable, corrupt or malformed, naming the file and line.
    """
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SynthesisError(f"cannot read: {exc.strerror or exc}", source=source) from exc
    return parse_synthesis(data, source=source, lazy=lazy)


def parse_synthesis(data: bytes, *, source: str, lazy: bool = False) -> Synthesis:
    """Index a synthesis (compressed or plain) without building dependency lists.

    Args:
        lazy: index names and obsoletes only (what the update engine needs), parsing each
            ``@info@`` line when it is first asked for. Lines are still all checked to be
            tag lines, and every package to be closed; an ``@info@`` line is fully
            validated when read.

    Raises:
        SynthesisError: corrupt compression, a line that is not a tag line, an ``@info@``
            line with bad fields, tags after the last ``@info@``, a line over 512 KiB.
    """
    chunks = iter_decompressed(data, source=source, error=SynthesisError)
    return build_synthesis(chunks, source=source, lazy=lazy)


def build_synthesis(
    chunks: Iterable[bytes],
    *,
    source: str,
    lazy: bool = False,
    obsoleted: Collection[str] | None = None,
) -> Synthesis:
    """Index decompressed chunks (see ``parse_synthesis``); ``chunks`` may come from
    ``iter_decompressed`` started earlier, so that other work overlaps decompression.

    Args:
        obsoleted: in lazy mode, the only names ``obsoleters_of`` will be asked about (the
            installed names): the obsoletes of others are not indexed.
    """
    builder = _IndexBuilder(
        source, lazy=lazy, obsoleted=None if obsoleted is None else {n.encode() for n in obsoleted}
    )
    for chunk in chunks:
        builder.feed(chunk)
    return builder.finish()


class _IndexBuilder:
    """Incremental index pass over decompressed chunks (lines may span chunks).

    Each chunk is appended to what is left of the previous one (``_pending``: everything
    after its last complete package, starting with the newline that ends that package's
    ``@info@`` line), and the result becomes a body as it is: the complete lines before its
    last newline are indexed, each line found as "newline + line", and the packages they
    close located by offsets. A body's bytes after its last package are read again at the
    start of the next body; nothing else is copied. The ``@info@`` payloads of a chunk are
    split in one tight loop: at 63,000 packages, per-line overhead is what the pass costs.
    """

    __slots__ = (
        "_bodies",
        "_ends",
        "_entries",
        "_firsts",
        "_lazy",
        "_names",
        "_obsoleted",
        "_obsoletes",
        "_pending",
        "_provides",
        "_seps",
        "_source",
        "_used",
    )

    def __init__(
        self, source: str, *, lazy: bool = False, obsoleted: set[bytes] | None = None
    ) -> None:
        self._source = source
        self._lazy = lazy
        self._obsoleted = obsoleted
        self._provides: tuple[list[int], _NameIndex] = ([], _NameIndex())
        self._bodies: list[bytes] = []
        self._used: list[int] = []  # where each body's last package ends
        self._firsts: list[int] = []
        self._seps: list[int] = []
        self._ends: list[int] = []
        self._entries: list[IndexEntry | None] = []
        self._names = _NameIndex()
        self._obsoletes: dict[bytes, list[int]] = {}
        # A virtual newline before line 1, so the first line is found like any other.
        self._pending = b"\n"

    def feed(self, chunk: bytes) -> None:
        buf = self._pending + chunk
        cut = buf.rfind(b"\n")
        if len(buf) - cut > MAX_LINE + 1:
            # The line being read is already over the limit, wherever it ends.
            self._fail(self._newlines() + buf.count(b"\n", 0, cut + 1), "line longer than 512 KiB")
        self._take(buf, cut)
        if len(self._pending) > MAX_BLOCK:
            # No package's tags come near this; the text waiting for its @info@ line would
            # otherwise be copied and searched again with every chunk (quadratic).
            self._fail(
                self._newlines() + 1,
                f"more than {MAX_BLOCK >> 20} MiB of tag lines without an @info@ line",
            )

    def finish(self) -> Synthesis:
        self._take(self._pending, len(self._pending))
        tail = self._pending
        if tail.strip():
            base = self._newlines()
            first = next(n for n, text in enumerate(tail.split(b"\n")) if text.strip())
            self._fail(
                base + first,
                "truncated: tag lines after the last @info@ line (a package is never closed)",
            )
        log.debug("%s: %d packages indexed", self._source, len(self._seps))
        return Synthesis(
            self._source,
            self._bodies,
            self._firsts,
            self._seps,
            self._ends,
            self._entries,
            self._names if self._lazy else None,
            None,
            self._obsoletes if self._lazy else None,
            self._provides if self._lazy else None,
        )

    def _fail(self, line: int, reason: str) -> None:
        raise SynthesisError(reason, source=self._source, line=line)

    def _newlines(self) -> int:
        """Newlines before the current text (the bodies' packages); on error paths only."""
        return sum(
            b.count(b"\n", 0, used) for b, used in zip(self._bodies, self._used, strict=True)
        )

    def _take(self, buf: bytes, limit: int) -> None:
        """Index the complete lines of ``buf``, those before ``limit`` (a newline, or the
        end of the data). ``buf`` starts with a newline."""
        bad = _BAD_LINE.search(buf, 0, limit)
        if bad is not None:
            line = self._newlines() + buf.count(b"\n", 0, bad.start()) + 1
            self._fail(line, "not a synthesis line (every line starts with @tag@)")
        nul = buf.find(b"\x00", 0, limit)
        if nul >= 0:
            self._fail(self._newlines() + buf.count(b"\n", 0, nul), "NUL byte in a synthesis line")
        seps: list[int] = []
        ends: list[int] = []
        names: list[bytes] | None = None
        if self._lazy:
            names = []
            if not self._locate_named(buf, limit, seps, ends, names):
                names = None
                del seps[:], ends[:]
        if names is None:
            find, add_sep, add_end = buf.find, seps.append, ends.append
            at = find(_INFO_SEP, 0, limit)
            while at >= 0:
                end = find(b"\n", at + 7, limit)
                end = limit if end < 0 else end
                add_sep(at)
                add_end(end)
                at = find(_INFO_SEP, end, limit)
        if not seps:
            self._pending = buf
            if limit > MAX_LINE:
                self._check_lines(buf[:limit], self._newlines())
            return
        used = ends[-1]
        self._pending = buf[used:]
        first = len(self._seps)
        if first + len(seps) > MAX_PACKAGES:
            at = seps[MAX_PACKAGES - first]
            self._fail(
                self._newlines() + buf.count(b"\n", 0, at) + 1,
                f"more than {MAX_PACKAGES:,} packages: not a medium's synthesis",
            )
        # A line over 512 KiB lies in a block or an @info@ line over 512 KiB.
        longest = max(
            itertools.chain(map(operator.sub, seps, [0, *ends[:-1]]), map(operator.sub, ends, seps))
        )
        before = self._newlines() if longest > MAX_LINE else 0
        self._bodies.append(buf)
        self._used.append(used)
        self._firsts.append(first)
        self._seps.extend(seps)
        self._ends.extend(ends)
        if longest > MAX_LINE:
            self._check_lines(buf[:used], before)
        if names is not None:
            self._names.extend(names)
            self._entries.extend([None] * len(seps))
        else:
            self._index([buf[s + 7 : e] for s, e in zip(seps, ends, strict=True)], first)
            if self._lazy:
                self._names.extend(
                    [e.name.encode() for e in self._entries[first:] if e is not None]
                )
        if self._lazy:
            _index_obsoletes_local(self._obsoletes, buf, seps, first, self._obsoleted, end=used)
            # Done here, while the next chunk decompresses, rather than at the first
            # virtual provide the update engine asks for.
            _index_provides(self._provides, buf, seps, first, end=used)

    @staticmethod
    def _locate_named(
        buf: bytes, limit: int, seps: list[int], ends: list[int], names: list[bytes]
    ) -> bool:
        """Find every package of ``buf`` before ``limit`` and its name in one pass (the
        lazy index's hot loop); False when a line needs the full parser (rpm5 disttag
        fields, or something malformed to report)."""
        find, rfind = buf.find, buf.rfind
        add_sep, add_end, add_name = seps.append, ends.append, names.append
        at = find(_INFO_SEP, 0, limit)
        if at >= 0:
            end = find(b"\n", at + 7, limit)
            # Three "@" per line: four fields (rpm5 lines have six and take the slow path).
            if buf.count(b"@", at + 7, limit if end < 0 else end) != 3:
                return False
        while at >= 0:
            start = at + 7
            end = find(b"\n", start, limit)
            if end < 0:
                end = limit
            cut = rfind(b"-", start, rfind(b"-", start, find(b"@", start, end)))
            if cut <= start:
                return False
            add_sep(at)
            add_end(end)
            add_name(buf[start:cut])
            at = find(_INFO_SEP, end, limit)
        return True

    def _index(self, infos: list[bytes], first: int) -> None:
        """Turn ``@info@`` payloads into entries (the hot loop of the index pass)."""
        entries = self._entries
        add, new, entry = entries.append, tuple.__new__, IndexEntry
        # Arch and group take a handful of values: sharing one string each saves ~7 MB on
        # a 63,000-package synthesis for ~5 ms.
        shared: dict[str, str] = {}
        share = shared.setdefault
        try:
            text = b"\n".join(infos).decode("utf-8")
            for line in text.split("\n"):
                fullname, epoch, size, group = line.split("@")
                rest, _, arch = fullname.rpartition(".")
                name, version, release = rest.rsplit("-", 2)
                if not (epoch.isdigit() and size.isdigit() and name and version and arch) or (
                    "/" in fullname
                ):
                    raise ValueError(line)  # noqa: TRY301 - the slow path names the line
                add(
                    new(
                        entry,
                        (
                            name,
                            int(epoch),
                            version,
                            release,
                            share(arch, arch),
                            int(size),
                            share(group, group),
                            "",
                            "",
                        ),
                    )
                )
        except (ValueError, UnicodeDecodeError):
            # Unusual lines (rpm5's disttag fields) or broken ones: redo this chunk slowly,
            # line by line, to index the former and name the line of the latter.
            del entries[first:]
            for n, info in enumerate(infos):
                try:
                    add(_info_entry(info))
                except (ValueError, UnicodeDecodeError) as exc:
                    body = self._bodies[-1]
                    number = (
                        self._newlines()
                        - body.count(b"\n", 0, self._used[-1])
                        + body.count(b"\n", 0, self._seps[first + n] + 1)
                    )
                    self._fail(number, f"bad @info@ line: {exc}")

    def _check_lines(self, text: bytes, before: int) -> None:
        """Reject a line over 512 KiB (only called for texts that may hold one)."""
        for n, line in enumerate(text.split(b"\n")):
            if len(line) > MAX_LINE:
                self._fail(before + n, "line longer than 512 KiB")


def _index_provides(
    index: tuple[list[int], _NameIndex],
    body: bytes,
    seps: Sequence[int],
    first: int,
    *,
    end: int,
) -> None:
    """Add the entries of the provide lines of several entries of one body's packages
    (``seps``: their offsets in it, ``end``: where the last one ends): each entry's
    package, and its capability name to the name index.

    Everything in C, over all the entries of the body at once: find the lines, drop the
    "[op evr]" and "[*]" parts, split, and repeat each line's package once per entry.
    """
    found = list(_MULTI_PROVIDES.finditer(body, 0, end))
    if not found:
        return
    owner_of, names = index
    lines = list(map(_GROUP, found, _REPEAT_ONE))
    owners = map(
        operator.add,
        map(bisect.bisect_right, itertools.repeat(seps), map(_START, found)),
        itertools.repeat(first),
    )
    counts = map(operator.add, map(bytes.count, lines, _REPEAT_AT), _REPEAT_ONE)
    owner_of.extend(itertools.chain.from_iterable(map(itertools.repeat, owners, counts)))
    names.extend(_VERSIONS.sub(b"", b"@".join(lines)).split(b"@"))


def _index_obsoletes_local(
    index: dict[bytes, list[int]],
    body: bytes,
    seps: Sequence[int],
    first: int,
    only: set[bytes] | None = None,
    *,
    end: int,
) -> None:
    """Add the obsoleted names of one body's packages (``seps``: their offsets in it,
    ``end``: where the last one ends), only those in ``only`` when given."""
    found = list(_OBSOLETES.finditer(body, 0, end))
    if not found:
        return
    # One substitution for all the lines; they hold no newline, so it separates them.
    lines = _VERSIONS.sub(b"", b"\n".join(map(_GROUP, found, _REPEAT_ONE))).split(b"\n")
    for m, line in zip(found, lines, strict=True):
        deps = line.split(b"@")
        if only is not None:
            if only.isdisjoint(deps):
                continue
            deps = [d for d in deps if d in only]
        owner = first + bisect.bisect_right(seps, m.start())
        for dep in deps:
            index.setdefault(dep, []).append(owner)


class _NameIndex:
    """Where each name of a growing list is, kept in C (``dict.update`` per batch).

    Repeated names (several versions of one package, a capability several packages
    provide) are rare: when there are some, the first positions are indexed on the first
    question, and a repeated name's other positions are searched for, between its first
    and its last, with ``list.index``.
    """

    __slots__ = ("_first", "_last", "_names")

    def __init__(self, names: Sequence[bytes] = ()) -> None:
        self._names: list[bytes] = []
        self._last: dict[bytes, int] = {}
        self._first: dict[bytes, int] | None = None
        self.extend(names)

    def extend(self, names: Sequence[bytes]) -> None:
        """Add names at the end of the list."""
        start = len(self._names)
        self._names.extend(names)
        self._last.update(zip(names, range(start, len(self._names)), strict=True))
        self._first = None

    def _firsts(self) -> dict[bytes, int]:
        if self._first is None:
            n = len(self._names)
            self._first = (
                self._last
                if len(self._last) == n
                else dict(zip(reversed(self._names), range(n - 1, -1, -1), strict=True))
            )
        return self._first

    def positions(self, name: bytes) -> list[int]:
        """Every position of ``name``, in order (empty when absent)."""
        # The resolver asks thousands of times: the common answers without another call.
        last = self._last.get(name)
        if last is None:
            return []
        first = (self._first or self._firsts())[name]
        if first == last:
            return [last]
        out = [first]
        index = self._names.index
        while out[-1] != last:
            out.append(index(name, out[-1] + 1))
        return out

    def items(self) -> Iterator[tuple[bytes, list[int]]]:
        """Each name once, with its positions (one pass over the list: asking
        ``positions`` for each name would search between a repeated name's first and last
        place every time)."""
        if len(self._last) == len(self._names):
            for name, position in self._last.items():
                yield name, [position]
            return
        everywhere: dict[bytes, list[int]] = {}
        for position, name in enumerate(self._names):
            everywhere.setdefault(name, []).append(position)
        yield from everywhere.items()


def _info_entry(info: bytes) -> IndexEntry:
    """Parse an ``@info@`` payload ``N-V-R.A@EPOCH@SIZE@GROUP[@DISTTAG@DISTEPOCH]``."""
    if len(info) > MAX_LINE:
        raise ValueError("line longer than 512 KiB")
    fields = info.decode("utf-8").split("@")
    if len(fields) == 4:
        # The common shape, checked the quick way (the lazy index parses entries one by
        # one as the update engine asks for them); anything odd takes the full path below.
        fullname, epoch, size, group = fields
        rest, _, arch = fullname.rpartition(".")
        parts = rest.rsplit("-", 2)
        if (
            len(parts) == 3
            and all(parts)
            and arch
            and epoch.isdigit()
            and size.isdigit()
            and "/" not in fullname
        ):
            return tuple.__new__(
                IndexEntry,
                (parts[0], int(epoch), parts[1], parts[2], arch, int(size), group, "", ""),
            )
    if len(fields) == 4:
        fullname, epoch, size, group = fields
        disttag = distepoch = ""
    elif len(fields) == 6:
        fullname, epoch, size, group, disttag, distepoch = fields
        # rpm5 puts "-<disttag><distepoch>" into the full name too.
        suffix = f"-{disttag}{distepoch}"
        rest, dot, arch = fullname.rpartition(".")
        if disttag and rest.endswith(suffix):
            fullname = f"{rest[: -len(suffix)]}{dot}{arch}"
    else:
        raise ValueError(f"{len(fields)} fields instead of 4 (or 6 with disttag)")
    rest, dot, arch = fullname.rpartition(".")
    rest, dash, release = rest.rpartition("-")
    name, dash2, version = rest.rpartition("-")
    if not (dot and dash and dash2 and name and version and release and arch):
        raise ValueError(f"{fullname!r} is not name-version-release.arch")
    if "/" in fullname:
        # rpm allows none, and the name becomes a file name (name-version-release.arch.rpm).
        raise ValueError(f"{fullname!r} holds a '/'")
    if not epoch.isdigit() or not size.isdigit():
        raise ValueError(f"epoch {epoch!r} and size {size!r} must be numbers")
    return IndexEntry(
        name, int(epoch), version, release, arch, int(size), group, disttag, distepoch
    )


def parse_dependency(entry: str) -> Dependency:
    """One dependency-list entry: ``name[*][op evr]`` (or legacy ``name op evr``).

    >>> str(parse_dependency("libxos[>= 1.0]"))
    'libxos >= 1.0'
    >>> parse_dependency("/bin/sh[*]").pre
    True

    Raises:
        ValueError: a bracketed range that is not ``op evr``, or an invalid version.
    """
    name, op, evr_text = entry, "", ""
    if entry.endswith("]") and "[" in entry:
        start = entry.rfind("[")
        inner = entry[start + 1 : -1]
        name = entry[:start]
        if inner == "*":
            if not name:
                raise ValueError(f"empty dependency name in {entry!r}")
            return Dependency(name=name, pre=True)
        op, _, evr_text = inner.partition(" ")
    elif " " in entry and not entry.startswith("("):
        # Pre-2004 form "name == 1.0", still tolerated by perl-URPM's indexer.
        name, op, evr_text = [*entry.split(" ", 2), "", ""][:3]
    pre = name.endswith("[*]")
    if pre:
        name = name[:-3]
    if not name:
        raise ValueError(f"empty dependency name in {entry!r}")
    if not op:
        return Dependency(name=name, pre=pre)
    try:
        parsed_op = Op.parse(op)
    except ValueError:
        raise ValueError(f"unknown operator {op!r} in {entry!r}") from None
    return Dependency(name=name, op=parsed_op, evr=_dep_evr(evr_text), pre=pre)


def _dep_evr(text: str) -> Evr:
    """A dependency's EVR; rpm5's ``E:V-R:DISTEPOCH`` loses the distepoch."""
    head, dash, tail = text.rpartition("-")
    if dash and ":" in tail:
        text = f"{head}-{tail.partition(':')[0]}"
    elif not dash and text.count(":") > 1:
        text = text.rpartition(":")[0]
    return Evr.parse(text)


def _parse_record(syn: Synthesis, i: int) -> Package:
    e = syn.entry(i)
    lists: dict[str, list[Dependency]] = {}
    summary = ""
    filesize: int | None = None
    body, start, sep, _end = syn._locate(i)
    pos = start
    for raw in body[start:sep].split(b"\n"):
        newline = pos
        pos += len(raw) + 1
        if not raw:
            continue
        tag = ""
        try:
            text = raw.decode("utf-8")
            tag, _, payload = text[1:].partition("@")
            key = _DEP_LISTS.get(tag.encode())
            if key is not None:
                deps = lists.setdefault(key, [])
                deps.extend(parse_dependency(d) for d in payload.split("@") if d)
            elif tag == "summary":
                summary = payload
            elif tag == "filesize":
                filesize = int(payload)
            # Unknown tags are ignored, as perl-URPM does (forward compatibility).
        except (ValueError, UnicodeDecodeError) as exc:
            # Line numbers are counted only here, on the error path.
            line = syn._line_at(i, body, newline - 1)
            what = f"bad @{tag}@ line" if tag else "bad line"
            raise SynthesisError(f"{what}: {exc}", source=syn.source, line=line) from exc
    try:
        evr = e.evr
    except InvalidEvrError as exc:
        raise SynthesisError(
            f"bad @info@ line: {exc.reason}", source=syn.source, line=syn.line_of(i)
        ) from exc
    return Package(
        name=e.name,
        evr=evr,
        arch=e.arch,
        size=e.size,
        group=e.group,
        summary=summary,
        filesize=filesize,
        provides=tuple(lists.get("provides", ())),
        requires=tuple(lists.get("requires", ())),
        conflicts=tuple(lists.get("conflicts", ())),
        obsoletes=tuple(lists.get("obsoletes", ())),
        suggests=tuple(lists.get("suggests", ())),
        disttag=e.disttag,
        distepoch=e.distepoch,
    )


# ---------------------------------------------------------------- writer


def _dump_dependency(dep: Dependency) -> str:
    out = dep.name + ("[*]" if dep.pre else "")
    if dep.op is not Op.ANY and dep.evr is not None:
        out += f"[{dep.op.value} {dep.evr}]"
    return out


def dump_synthesis(packages: Iterable[Package], *, recommends: bool = True) -> bytes:
    """Uncompressed synthesis text in perl-URPM's writer order (formats.md §5.1, §12.5).

    Args:
        recommends: write weak dependencies as ``@recommends@`` (Mageia 5+), else
            ``@suggests@`` (Mandriva 2008.0 to Mageia 4).
    """
    out: list[str] = []
    weak = "recommends" if recommends else "suggests"
    for p in packages:
        for tag, deps in (
            ("provides", p.provides),
            ("conflicts", p.conflicts),
            ("obsoletes", p.obsoletes),
            ("requires", p.requires),
        ):
            if deps:
                out.append(f"@{tag}@" + "@".join(_dump_dependency(d) for d in deps))
        if p.suggests:
            # Weak dependencies lose their version in a synthesis (formats.md §12.1).
            out.append(f"@{weak}@" + "@".join(d.name for d in p.suggests))
        if p.summary:
            out.append(f"@summary@{p.summary}")
        if p.filesize is not None:
            out.append(f"@filesize@{p.filesize}")
        info = f"@info@{p.fullname}@{p.evr.epoch}@{p.size}@{p.group}"
        if p.disttag:
            info += f"@{p.disttag}@{p.distepoch}"
        out.append(info)
    return ("\n".join(out) + "\n").encode("utf-8") if out else b""


def entries_of(packages: Sequence[Package]) -> list[IndexEntry]:
    """The index entries ``parse_synthesis`` gives for ``packages`` (tests, builders)."""
    return [
        IndexEntry(
            p.name,
            p.evr.epoch,
            p.evr.version,
            p.evr.release,
            p.arch,
            p.size,
            p.group,
            p.disttag,
            p.distepoch,
        )
        for p in packages
    ]
