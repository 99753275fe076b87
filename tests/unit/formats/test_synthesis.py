# SPDX-License-Identifier: GPL-2.0-or-later
"""Synthesis: index pass, full records, writer, and every way a file can be broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xosupdate.domain.dependency import Dependency, Op
from xosupdate.domain.evr import Evr
from xosupdate.domain.package import Package
from xosupdate.errors import SynthesisError
from xosupdate.formats._compress import Compression, compress
from xosupdate.formats.synthesis import (
    IndexEntry,
    _IndexBuilder,
    dump_synthesis,
    entries_of,
    load_synthesis,
    parse_dependency,
    parse_synthesis,
)

# genhdlist2 output observed with urpmi 8.10x (design/formats.md §12.5), every tag.
GENHDLIST2 = b"""\
@provides@xos-full[== 2:1.2-3.mga9]@xos-virtual[== 3]
@conflicts@xos-legacy[< 1.0]
@obsoletes@xos-old[< 2]
@requires@(xos-lib or xos-extra)@/bin/sh[*]@/bin/sh[*]@/usr/bin/xos-hello@libxos[>= 1.0]
@recommends@xos-docs
@summary@Package exercising all synthesis tags
@filesize@6876
@info@xos-full-1.2-3.mga9.noarch@2@5@Development/Other
@provides@xos-hello[== 1.0-1.mga9]@xos-hello(x86-64)[== 1.0-1.mga9]@/usr/bin/xos-hello
@requires@/bin/sh[*]@/bin/sh@xos-lib
@recommends@xos-docs
@summary@Test package xos-hello
@filesize@6981
@info@xos-hello-1.0-1.mga9.x86_64@0@46@System/Base
"""


def test_index_pass_reads_info_lines() -> None:
    syn = parse_synthesis(GENHDLIST2, source="s")
    assert syn.entries == [
        IndexEntry("xos-full", 2, "1.2", "3.mga9", "noarch", 5, "Development/Other"),
        IndexEntry("xos-hello", 0, "1.0", "1.mga9", "x86_64", 46, "System/Base"),
    ]
    assert syn.find("xos-hello") == [1]
    assert syn.find("nothing") == []
    assert syn.entries[0].evr == Evr(epoch=2, version="1.2", release="3.mga9")
    assert syn.entries[1].fullname == "xos-hello-1.0-1.mga9.x86_64"


def test_full_record_has_every_tag() -> None:
    syn = parse_synthesis(compress(GENHDLIST2, Compression.XZ), source="s")
    full = syn.package(0)
    assert full.summary == "Package exercising all synthesis tags"
    assert full.filesize == 6876
    assert [str(d) for d in full.provides] == ["xos-full == 2:1.2-3.mga9", "xos-virtual == 3"]
    assert full.conflicts == (Dependency(name="xos-legacy", op=Op.LT, evr=Evr(version="1.0")),)
    assert full.obsoletes == (Dependency(name="xos-old", op=Op.LT, evr=Evr(version="2")),)
    req = full.requires
    assert req[0].is_rich and req[0].alternatives() == ("xos-lib", "xos-extra")
    assert req[1] == Dependency(name="/bin/sh", pre=True) and req[1].is_file
    assert req[4] == Dependency(name="libxos", op=Op.GE, evr=Evr(version="1.0"))
    assert full.suggests == (Dependency(name="xos-docs"),)
    hello = syn.package(1)
    assert hello.provides[-1].name == "/usr/bin/xos-hello"  # a file provide
    assert [p.fullname for p in syn.packages()] == [
        "xos-full-1.2-3.mga9.noarch",
        "xos-hello-1.0-1.mga9.x86_64",
    ]


def test_prereq_with_version_and_legacy_forms() -> None:
    assert parse_dependency("prerequirename1[*][== prerequireversion1]") == Dependency(
        name="prerequirename1", op=Op.EQ, evr=Evr(version="prerequireversion1"), pre=True
    )
    assert parse_dependency("foo == 1.0") == Dependency(
        name="foo", op=Op.EQ, evr=Evr(version="1.0")
    )
    assert parse_dependency("zlib1g[>= 1:1.2.0]").evr == Evr(epoch=1, version="1.2.0")
    # Debian-style versions keep their dashes in the version part, as rpm parses them.
    assert parse_dependency("libc[>= 2.11-20080614-0]").evr == Evr(
        version="2.11-20080614", release="0"
    )
    with pytest.raises(ValueError, match="operator"):
        parse_dependency("foo[=> 1]")
    with pytest.raises(ValueError, match="empty dependency name"):
        parse_dependency("[*]")


def test_rpm5_disttag_and_distepoch() -> None:
    text = (
        b"@provides@glibc-devel[== 6:2.2.4-25:2011.0]\n"
        b"@requires@glibc[== 6:2.2.4-25:2011.0]\n"
        b"@info@glibc-devel-2.2.4-25-mdv2011.0.i586@6@1000@Development/C@mdv@2011.0\n"
    )
    syn = parse_synthesis(text, source="s")
    e = syn.entries[0]
    assert (e.name, e.version, e.release, e.disttag, e.distepoch) == (
        "glibc-devel",
        "2.2.4",
        "25",
        "mdv",
        "2011.0",
    )
    pkg = syn.package(0)
    assert pkg.requires[0].evr == Evr(epoch=6, version="2.2.4", release="25")
    assert pkg.fullname == "glibc-devel-2.2.4-25-mdv2011.0.i586"
    assert parse_synthesis(dump_synthesis([pkg]), source="s").entries == [e]


def test_blank_lines_and_unknown_tags_are_ignored() -> None:
    text = b"\n@newtag@whatever\n\n@summary@x\n@info@a-1-1.noarch@0@0@G\n\n"
    syn = parse_synthesis(text, source="s")
    assert len(syn) == 1 and syn.package(0).summary == "x"
    assert syn.tag_lines(0) == [b"@newtag@whatever", b"@summary@x"]


def test_no_final_newline() -> None:
    assert len(parse_synthesis(b"@info@a-1-1.noarch@0@0@G", source="s")) == 1


# ---------------------------------------------------------------- real files


def test_smart_fixture(realdata: Path) -> None:
    syn = load_synthesis(realdata / "smartpm-smart/tests/data/urpmi/media_info/synthesis.hdlist.cz")
    assert [e.name for e in syn.entries] == ["name1", "name2"]
    p = syn.package(0)
    assert [str(d) for d in p.provides] == [
        "providename1 == provideversion1",
        "name1 == version1-release1",
    ]
    assert [(d.name, d.pre) for d in p.requires] == [
        ("/bin/sh", True),
        ("/bin/sh", True),
        ("prerequirename1", True),
        ("requirename1", False),
    ]
    assert p.conflicts[0].name == "conflictsname1" and p.obsoletes[0].name == "obsoletesname1"
    assert p.summary == "Summary1" and p.group == "Group1"


def test_genhdlist_2005_and_source_fixtures(realdata: Path) -> None:
    base = realdata / "gitpan-MDV-Distribconf/testdata/testa/media"
    first = load_synthesis(base / "first/media_info/synthesis.hdlist.cz")
    copy = load_synthesis(base / "media_info/synthesis.hdlist_first.cz")
    assert first.entries == copy.entries
    assert [str(d) for d in first.package(0).provides] == ["test-rpm == 1.0-1mdk"]
    src = load_synthesis(base / "media_info/synthesis.hdlist_first_src.cz")
    assert src.entries[0].arch == "src" and src.package(0).is_source
    assert len(load_synthesis(base / "media_info/synthesis.hdlist_second.cz")) == 0


def test_empty_synthesis_gives_zero_packages(realdata: Path) -> None:
    path = realdata / "OpenMandrivaSoftware-perl-URPM-3.20/t/empty_synthesis.cz"
    assert len(path.read_bytes()) == 20
    assert len(load_synthesis(path)) == 0


def test_buggy_synthesis_fails_as_a_whole(realdata: Path) -> None:
    path = realdata / "OpenMandrivaSoftware-perl-URPM-3.20/t/buggy_synthesis.cz"
    with pytest.raises(SynthesisError) as err:
        load_synthesis(path)
    assert str(err.value).startswith(f"{path}: corrupt gzip data")


def test_bench_release_synthesis(bench_corpus: Path) -> None:
    syn = load_synthesis(bench_corpus / "media/core/release/media_info/synthesis.hdlist.cz")
    assert len(syn) == 63436
    assert syn.entries[0].name == "0ad"
    assert syn.package(len(syn) - 1).name == syn.entries[-1].name


# ---------------------------------------------------------------- broken input


def _error(data: bytes) -> SynthesisError:
    with pytest.raises(SynthesisError) as err:
        parse_synthesis(data, source="m.cz")
    return err.value


def test_line_that_is_not_a_tag_names_its_line() -> None:
    err = _error(b"@summary@a\n@info@a-1-1.noarch@0@0@G\nnot a tag\n@info@b-1-1.noarch@0@0@G\n")
    assert (err.source, err.line) == ("m.cz", 3)
    assert str(err).startswith("m.cz:3: not a synthesis line")


def test_truncated_plain_text_is_refused() -> None:
    err = _error(b"@info@a-1-1.noarch@0@0@G\n@provides@b\n@summary@b\n")
    assert err.line == 2 and "truncated" in str(err)


def test_truncated_compressed_file_is_refused() -> None:
    packed = compress(GENHDLIST2 * 50, Compression.GZIP)
    assert "truncated" in str(_error(packed[:-20])) or "corrupt" in str(_error(packed[:-20]))


def test_corrupt_compression_is_refused() -> None:
    packed = bytearray(compress(GENHDLIST2 * 50, Compression.XZ))
    packed[100:110] = b"\xff" * 10
    assert "corrupt" in str(_error(bytes(packed)))


@pytest.mark.parametrize(
    ("info", "what"),
    [
        (b"@info@a-1-1.noarch@0@0", "fields"),
        (b"@info@a-1.noarch@0@0@G", "name-version-release.arch"),
        (b"@info@a-1-1.noarch@x@0@G", "epoch"),
        (b"@info@a-1-1.noarch@0@big@G", "size"),
        (b"@info@a-1-1.noarch@0@0@G@extra", "fields"),
        (b"@info@a-1-1.noarch@0@0@\xff\xfe", "decode"),
    ],
)
def test_bad_info_lines(info: bytes, what: str) -> None:
    err = _error(b"@info@ok-1-1.noarch@0@0@G\n@summary@x\n" + info + b"\n")
    assert err.line == 3
    assert what in str(err)


def test_binary_junk_is_refused() -> None:
    assert _error(bytes(range(256)) * 40).line == 1
    assert "NUL" in str(_error(b"@summary@a\x00b\n@info@a-1-1.noarch@0@0@G\n"))


def test_ten_megabyte_line_is_refused_quickly() -> None:
    err = _error(
        b"@info@a-1-1.noarch@0@0@G\n@summary@"
        + b"x" * 10_000_000
        + b"\n"
        + b"@info@b-1-1.noarch@0@0@G\n"
    )
    assert err.line == 2 and "512 KiB" in str(err)
    assert "512 KiB" in str(_error(b"@info@a-1-1.noarch@0@0@" + b"G" * 600_000 + b"\n"))


def test_ten_megabyte_line_across_chunks() -> None:
    builder = _IndexBuilder("m.cz")
    with pytest.raises(SynthesisError, match="512 KiB"):
        for _ in range(20):
            builder.feed(b"@summary@" + b"x" * 100_000)


def test_bad_dependency_is_reported_on_demand_with_its_line() -> None:
    syn = parse_synthesis(
        b"@info@a-1-1.noarch@0@0@G\n@summary@b\n@requires@x[=> 1]\n@info@b-1-1.noarch@0@0@G\n",
        source="m.cz",
    )
    assert syn.package(0).name == "a"
    with pytest.raises(SynthesisError) as err:
        syn.package(1)
    assert err.value.line == 3 and "operator" in str(err.value)
    assert syn.line_of(1) == 4


def test_bad_version_in_info_is_reported_on_demand() -> None:
    syn = parse_synthesis(b"@info@a-1:0-1.noarch@0@0@G\n", source="m.cz")
    with pytest.raises(SynthesisError, match=r"m.cz:1: bad @info@ line"):
        syn.package(0)


@pytest.mark.parametrize("lazy", [False, True])
@pytest.mark.parametrize(
    "info",
    [
        b"x-1/../../../../etc/cron.d/x-1.noarch@0@0@G",  # a version that is a path
        b"../../x-1-1.noarch@0@0@G",  # a name
        b"x-1-1.noarch/..@0@0@G",  # an arch
    ],
)
def test_a_slash_in_a_package_identity_is_refused(info: bytes, lazy: bool) -> None:
    """rpm allows no "/" in a name, version, release or arch; the helper names downloaded
    files after them, as root (a mirror must not choose a path)."""
    data = b"@info@ok-1-1.noarch@0@0@System/Base\n@info@" + info + b"\n"
    with pytest.raises(SynthesisError, match=r"^m.cz:2: bad @info@ line"):
        syn = parse_synthesis(data, source="m.cz", lazy=lazy)
        assert syn.entry(0).group == "System/Base"  # a group may hold one
        syn.entry(1)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SynthesisError, match="cannot read"):
        load_synthesis(tmp_path / "missing.cz")


# ---------------------------------------------------------------- properties

_name = st.from_regex(r"[a-z][a-z0-9+_.-]{0,12}[a-z0-9]", fullmatch=True)
_ver = st.from_regex(r"[0-9][0-9a-z.+~_]{0,6}", fullmatch=True)
_evr = st.builds(lambda e, v, r: Evr(epoch=e, version=v, release=r), st.integers(0, 3), _ver, _ver)
_dep = st.builds(
    lambda n, op, evr: Dependency(name=n, op=op, evr=None if op is Op.ANY else evr),
    _name,
    st.sampled_from(list(Op)),
    _evr,
)
_req = st.builds(
    lambda d, pre: Dependency(name=d.name, op=d.op, evr=d.evr, pre=pre), _dep, st.booleans()
)
_pkg = st.builds(
    lambda n, evr, arch, size, group, summary, fs, prov, req, conf, obs, sug: Package(
        name=n,
        evr=evr,
        arch=arch,
        size=size,
        group=group,
        summary=summary,
        filesize=fs,
        provides=tuple(prov),
        requires=tuple(req),
        conflicts=tuple(conf),
        obsoletes=tuple(obs),
        suggests=tuple(Dependency(name=d.name) for d in sug),
    ),
    _name,
    _evr,
    st.sampled_from(["noarch", "x86_64", "i586", "src"]),
    st.integers(0, 10**10),
    st.from_regex(r"[A-Z][a-z]+(/[A-Z][a-z ]+)?", fullmatch=True),
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="@"), max_size=30
    ),
    st.none() | st.integers(0, 10**9),
    st.lists(_dep, max_size=3),
    st.lists(_req, max_size=3),
    st.lists(_dep, max_size=2),
    st.lists(_dep, max_size=2),
    st.lists(_dep, max_size=2),
)


@pytest.mark.property
@settings(max_examples=60, deadline=None)
@given(
    st.lists(_pkg, max_size=8),
    st.sampled_from([Compression.PLAIN, Compression.GZIP, Compression.XZ]),
)
def test_write_then_parse_round_trip(packages: list[Package], kind: Compression) -> None:
    syn = parse_synthesis(compress(dump_synthesis(packages), kind), source="p")
    assert syn.entries == entries_of(packages)
    assert list(syn.packages()) == [
        Package(
            name=p.name,
            evr=p.evr,
            arch=p.arch,
            size=p.size,
            group=p.group,
            summary=p.summary,
            filesize=p.filesize,
            provides=p.provides,
            requires=p.requires,
            conflicts=p.conflicts,
            obsoletes=p.obsoletes,
            suggests=p.suggests,
        )
        for p in packages
    ]


@pytest.mark.property
@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 400), min_size=1, max_size=30))
def test_chunk_boundaries_do_not_matter(cuts: list[int]) -> None:
    data = GENHDLIST2 * 5
    builder = _IndexBuilder("c")
    pos = 0
    for size in cuts:
        builder.feed(data[pos : pos + size])
        pos += size
    builder.feed(data[pos:])
    syn = builder.finish()
    whole = parse_synthesis(data, source="c")
    assert syn.entries == whole.entries
    assert list(syn.packages()) == list(whole.packages())
