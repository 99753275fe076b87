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
import re
from collections.abc import Iterable, Iterator, Sequence
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
    "dump_synthesis",
    "load_synthesis",
    "parse_dependency",
    "parse_synthesis",
]

log = logging.getLogger(__name__)

MAX_LINE: Final = 512 * 1024  # perl-URPM's limit
_INFO_SEP: Final = b"\n@info@"
# A line that is neither empty nor a tag line: perl-URPM fails with "bad line" on it.
_BAD_LINE: Final = re.compile(rb"\n[^@\n]")
# Provide lines with more than one entry, and obsoletes lines: literal-prefix patterns, which
# the regex engine scans at memchr speed (a "^" anchor with MULTILINE would not).
_MULTI_PROVIDES: Final = re.compile(rb"\n@provides@([^\n@]*@[^\n]*)")
_OBSOLETES: Final = re.compile(rb"\n@obsoletes@([^\n]*)")
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
    """An indexed synthesis: ``entries`` in file order, full records on demand.

    Attributes:
        source: the file name (or URL) errors are reported against.
        entries: one ``IndexEntry`` per package, in file order.
    """

    source: str
    entries: list[IndexEntry]
    _tags: list[bytes] = field(repr=False)
    _by_name: dict[str, list[int]] | None = field(default=None, repr=False)
    _deps: _DepIndex | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def by_name(self) -> dict[str, list[int]]:
        """Positions of the packages of each name (built on first use)."""
        if self._by_name is None:
            index: dict[str, list[int]] = {}
            for i, e in enumerate(self.entries):
                index.setdefault(e.name, []).append(i)
            self._by_name = index
        return self._by_name

    def find(self, name: str) -> list[int]:
        """Positions of the packages called ``name`` (several versions may coexist)."""
        return self.by_name().get(name, [])

    def providers_of(self, capability: str) -> list[int]:
        """Packages that may provide ``capability``: those of that name (rpm's
        self-provide) and those listing it among several provides, file provides included.
        Versions are not checked here; the caller checks ranges on the candidates."""
        found = self.find(capability)
        extra = self._dep_index().providers(capability.encode())
        return found + [i for i in extra if i not in found] if extra else found

    def obsoleters_of(self, name: str) -> list[int]:
        """Packages whose ``@obsoletes@`` line names ``name`` (ranges not checked)."""
        return list(self._dep_index().obsoletes.get(name.encode(), ()))

    def raw_tag(self, i: int, tag: str) -> str | None:
        """The payload of package ``i``'s ``@tag@`` line, undecoded into values; None when
        it has none. Cheaper than ``package(i)`` when one line is all a caller needs."""
        block = self._tags[i]
        marker = f"\n@{tag}@".encode()
        at = block.find(marker)
        if at < 0:
            return None
        end = block.find(b"\n", at + len(marker))
        payload = block[at + len(marker):] if end < 0 else block[at + len(marker):end]
        return payload.decode("utf-8", errors="replace")

    def _dep_index(self) -> _DepIndex:
        if self._deps is None:
            self._deps = _DepIndex()
            self._deps.add_blocks(self._tags)
        return self._deps

    def package(self, i: int) -> Package:
        """The full record of package ``i``: dependencies, summary, file size.

        Raises:
            SynthesisError: a malformed tag line, naming its line number.
        """
        return _parse_record(self, i)

    def packages(self) -> Iterator[Package]:
        """Every package in full (for ``inspect`` and tests; update checks use entries)."""
        for i in range(len(self.entries)):
            yield _parse_record(self, i)

    def tag_lines(self, i: int) -> list[bytes]:
        """The raw tag lines of package ``i`` (without its ``@info@`` line)."""
        return [line for line in self._tags[i].split(b"\n") if line]

    def line_of(self, i: int) -> int:
        """1-based line number of package ``i``'s ``@info@`` line (for error messages)."""
        return self._block_start(i) + self._tags[i].count(b"\n") + 1

    def _block_start(self, i: int) -> int:
        """Newlines before package ``i``'s tag block (line numbers are only needed on the
        error path, so they are counted then rather than tracked during the index pass)."""
        return sum(t.count(b"\n") for t in self._tags[:i]) + i


@dataclass(slots=True)
class _DepIndex:
    """Who provides and who obsoletes what, beyond rpm's self-provides.

    Packages with a single provide only provide themselves (rpm always adds that one), and
    ``Synthesis.find`` answers for those. The other provide lines (about one package in six)
    are kept as they are, with their package positions, and searched when asked: update
    checks ask for a handful of capabilities, so a full dictionary would cost more than it
    saves. Obsoletes are asked for every installed name, so they get a dictionary.
    Names stay bytes: decoding each one on the index pass would cost more than the lookups.
    """

    provide_lines: list[bytes] = field(default_factory=list)
    provide_owners: list[int] = field(default_factory=list)
    obsoletes: dict[bytes, list[int]] = field(default_factory=dict)
    _provides: dict[bytes, list[int]] | None = None

    def add(self, text: bytes, seps: Sequence[int], first: int) -> None:
        """Index the blocks of ``text`` whose ``@info@`` lines start at ``seps``.

        ``text`` holds whole blocks; a line at offset ``pos`` belongs to the package
        whose separator is the first one after ``pos``.
        """
        lines, owners = self.provide_lines, self.provide_owners
        for m in _MULTI_PROVIDES.finditer(text):
            lines.append(m.group(1))
            owners.append(first + bisect.bisect_right(seps, m.start()))
        obsoletes = self.obsoletes
        for m in _OBSOLETES.finditer(text):
            owner = first + bisect.bisect_right(seps, m.start())
            for dep in m.group(1).split(b"@"):
                cut = dep.find(b"[")
                obsoletes.setdefault(dep if cut < 0 else dep[:cut], []).append(owner)
        self._provides = None

    def add_blocks(self, tags: Sequence[bytes]) -> None:
        """Index whole tag blocks (a synthesis indexed without the dependency pass)."""
        text = b"".join(tags)
        seps = list(itertools.accumulate(len(t) for t in tags))
        self.add(text, [s - 1 for s in seps], 0)

    def providers(self, name: bytes) -> list[int]:
        """Packages listing ``name`` among several provides."""
        if self._provides is None:
            index: dict[bytes, list[int]] = {}
            for line, owner in zip(self.provide_lines, self.provide_owners, strict=True):
                for dep in line.split(b"@"):
                    cut = dep.find(b"[")
                    index.setdefault(dep if cut < 0 else dep[:cut], []).append(owner)
            self._provides = index
        return self._provides.get(name, [])


def load_synthesis(path: Path | str, *, dep_index: bool = False) -> Synthesis:
    """Read and index a synthesis file (any compression).

    Raises:
        SynthesisError: unreadable, corrupt or malformed, naming the file and line.
    """
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SynthesisError(f"cannot read: {exc.strerror or exc}", source=source) from exc
    return parse_synthesis(data, source=source, dep_index=dep_index)


def parse_synthesis(data: bytes, *, source: str, dep_index: bool = False) -> Synthesis:
    """Index a synthesis (compressed or plain) without building dependency lists.

    Args:
        dep_index: also index provides and obsoletes names during the pass (the update
            engine needs them; built while the next chunk decompresses, they cost little).

    Raises:
        SynthesisError: corrupt compression, a line that is not a tag line, an ``@info@``
            line with bad fields, tags after the last ``@info@``, a line over 512 KiB.
    """
    builder = _IndexBuilder(source, dep_index=dep_index)
    for chunk in iter_decompressed(data, source=source, error=SynthesisError):
        builder.feed(chunk)
    return builder.finish()


class _IndexBuilder:
    """Incremental index pass over decompressed chunks (lines may span chunks).

    Every text handed to ``_take`` starts with a newline and stops just before one, so each
    line is found as "newline + line" whatever chunk it arrived in. A package's tag block
    (all its lines before ``@info@``) is kept as the bytes between two ``@info@`` lines.
    The ``@info@`` payloads of a chunk are decoded together and split in one tight loop:
    at 63,000 packages, per-line overhead is what the index pass costs.
    """

    __slots__ = ("_carry", "_deps", "_entries", "_pending", "_source", "_tags")

    def __init__(self, source: str, *, dep_index: bool = False) -> None:
        self._source = source
        self._deps = _DepIndex() if dep_index else None
        self._entries: list[IndexEntry] = []
        self._tags: list[bytes] = []
        # A virtual newline before line 1, so the first line is found like any other.
        self._carry = b"\n"
        self._pending = b""  # tag block of the package being read

    def feed(self, chunk: bytes) -> None:
        buf = self._carry + chunk
        cut = buf.rfind(b"\n")
        if cut <= 0:
            # No complete line yet: a very long line, waiting for its end within limits.
            self._carry = buf
            if len(buf) > MAX_LINE + 1:
                self._fail(self._newlines(self._pending) + 1, "line longer than 512 KiB")
            return
        self._carry = buf[cut:]
        self._take(buf[:cut])

    def finish(self) -> Synthesis:
        self._take(self._carry)
        tail = self._pending
        if tail.strip():
            base = self._newlines(b"")
            first = next(n for n, text in enumerate(tail.split(b"\n")) if text.strip())
            self._fail(base + first, "truncated: tag lines after the last @info@ line "
                                     "(a package is never closed)")
        log.debug("%s: %d packages indexed", self._source, len(self._entries))
        return Synthesis(self._source, self._entries, self._tags, None, self._deps)

    def _fail(self, line: int, reason: str) -> None:
        raise SynthesisError(reason, source=self._source, line=line)

    def _newlines(self, pending: bytes) -> int:
        """Newlines read before the current text, given the current pending block."""
        return (sum(t.count(b"\n") for t in self._tags) + len(self._entries)
                + pending.count(b"\n"))

    def _take(self, text: bytes) -> None:
        """Index complete lines (``text`` starts with a newline, ends before one)."""
        bad = _BAD_LINE.search(text)
        if bad is not None:
            line = self._newlines(self._pending) + text.count(b"\n", 0, bad.start()) + 1
            self._fail(line, "not a synthesis line (every line starts with @tag@)")
        if b"\x00" in text:
            line = self._newlines(self._pending) + text.count(b"\n", 0, text.index(b"\x00"))
            self._fail(line, "NUL byte in a synthesis line")
        # The pending block of the previous chunk continues here: work on both together so
        # that every block is one slice and every offset is known.
        buf = self._pending + text
        infos: list[bytes] = []
        seps: list[int] = []
        tags = self._tags
        first = len(tags)
        find, add_info, add_tags, add_sep = buf.find, infos.append, tags.append, seps.append
        start = 0
        at = find(_INFO_SEP)
        while at >= 0:
            end = find(b"\n", at + 7)
            end = len(buf) if end < 0 else end
            add_tags(buf[start:at])
            add_info(buf[at + 7:end])
            add_sep(at)
            start = end
            at = find(_INFO_SEP, end)
        self._pending = buf[start:]
        if not infos:
            return
        if max(map(len, tags[first:])) > MAX_LINE:
            self._check_blocks(first)
        self._index(infos, first)
        if self._deps is not None:
            self._deps.add(buf[:start], seps, first)

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
            if len(text) > MAX_LINE and max(map(len, infos)) > MAX_LINE:
                raise ValueError("line longer than 512 KiB")
            for line in text.split("\n"):
                fullname, epoch, size, group = line.split("@")
                rest, _, arch = fullname.rpartition(".")
                name, version, release = rest.rsplit("-", 2)
                if not (epoch.isdigit() and size.isdigit() and name and version and arch):
                    raise ValueError(line)
                add(new(entry, (name, int(epoch), version, release, share(arch, arch),
                                int(size), share(group, group), "", "")))
        except (ValueError, UnicodeDecodeError):
            # Unusual lines (rpm5's disttag fields) or broken ones: redo this chunk slowly,
            # line by line, to index the former and name the line of the latter.
            del entries[first:]
            for n, info in enumerate(infos):
                try:
                    add(_info_entry(info))
                except (ValueError, UnicodeDecodeError) as exc:
                    line = Synthesis(self._source, entries, self._tags).line_of(first + n)
                    self._fail(line, f"bad @info@ line: {exc}")

    def _check_blocks(self, first: int) -> None:
        """Reject a line over 512 KiB in an unusually large tag block."""
        for i in range(first, len(self._tags)):
            block = self._tags[i]
            if len(block) > MAX_LINE:
                base = sum(t.count(b"\n") for t in self._tags[:i]) + i
                for n, text in enumerate(block.split(b"\n")):
                    if len(text) > MAX_LINE:
                        self._fail(base + n, "line longer than 512 KiB")


def _info_entry(info: bytes) -> IndexEntry:
    """Parse an ``@info@`` payload ``N-V-R.A@EPOCH@SIZE@GROUP[@DISTTAG@DISTEPOCH]``."""
    if len(info) > MAX_LINE:
        raise ValueError("line longer than 512 KiB")
    fields = info.decode("utf-8").split("@")
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
    if not epoch.isdigit() or not size.isdigit():
        raise ValueError(f"epoch {epoch!r} and size {size!r} must be numbers")
    return IndexEntry(name, int(epoch), version, release, arch, int(size), group,
                      disttag, distepoch)


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
        inner = entry[start + 1:-1]
        name = entry[:start]
        if inner == "*":
            if not name:
                raise ValueError(f"empty dependency name in {entry!r}")
            return Dependency(name=name, pre=True)
        op, _, evr_text = inner.partition(" ")
    elif " " in entry and not entry.startswith("("):
        # Pre-2004 form "name == 1.0", still tolerated by perl-URPM's indexer.
        name, op, evr_text = (entry.split(" ", 2) + ["", ""])[:3]
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
    e = syn.entries[i]
    lists: dict[str, list[Dependency]] = {}
    summary = ""
    filesize: int | None = None
    for offset, raw in enumerate(syn._tags[i].split(b"\n")):  # noqa: SLF001 - same module
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
            line = syn._block_start(i) + offset  # noqa: SLF001
            what = f"bad @{tag}@ line" if tag else "bad line"
            raise SynthesisError(f"{what}: {exc}", source=syn.source, line=line) from exc
    try:
        evr = e.evr
    except InvalidEvrError as exc:
        raise SynthesisError(f"bad @info@ line: {exc.reason}", source=syn.source,
                             line=syn.line_of(i)) from exc
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
            ``@suggests@`` (Mandriva 2008.0 – Mageia 4).
    """
    out: list[str] = []
    weak = "recommends" if recommends else "suggests"
    for p in packages:
        for tag, deps in (("provides", p.provides), ("conflicts", p.conflicts),
                          ("obsoletes", p.obsoletes), ("requires", p.requires)):
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
    return [IndexEntry(p.name, p.evr.epoch, p.evr.version, p.evr.release, p.arch, p.size,
                       p.group, p.disttag, p.distepoch) for p in packages]
