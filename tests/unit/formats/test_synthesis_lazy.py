# SPDX-License-Identifier: GPL-2.0-or-later
"""The lazy index of the update engine gives what the full index pass gives."""

from __future__ import annotations

import pytest

from xosupdate.domain.evr import Evr
from xosupdate.errors import SynthesisError
from xosupdate.formats._compress import Compression, compress
from xosupdate.formats.synthesis import (
    IndexEntry,
    _info_entry,
    build_synthesis,
    parse_dependency,
    parse_synthesis,
)

TEXT = (
    b"@provides@xos-lib[== 1.0-1]@libxos[== 1.0]@/usr/lib/libxos.so.1\n"
    b"@obsoletes@xos-oldlib[< 1]@ancient\n"
    b"@summary@the library\n"
    b"@info@xos-lib-1.0-1.noarch@0@10@System/Libraries\n"
    b"@provides@xos-hello[== 1.1-1]\n"
    b"@requires@libxos[>= 1.0]@/bin/sh[*]\n"
    b"@info@xos-hello-1.1-1.x86_64@2@20@System/Base\n"
    b"@provides@xos-hello[== 1.0-1]\n"
    b"@info@xos-hello-1.0-1.x86_64@0@20@System/Base\n"
)


@pytest.mark.parametrize("kind", [Compression.PLAIN, Compression.XZ])
def test_lazy_and_full_indexes_agree(kind: Compression) -> None:
    data = compress(TEXT * 3, kind)
    lazy = parse_synthesis(data, source="s", lazy=True)
    full = parse_synthesis(data, source="s")
    assert len(lazy) == len(full) == 9
    assert (
        lazy.entry(1)
        == full.entries[1]
        == IndexEntry("xos-hello", 2, "1.1", "1", "x86_64", 20, "System/Base")
    )
    assert lazy.entries == full.entries  # materialises every entry
    for name in ("xos-lib", "xos-hello", "libxos", "/usr/lib/libxos.so.1", "nothing"):
        assert lazy.find(name) == full.find(name)
        assert lazy.providers_of(name) == full.providers_of(name)
    assert lazy.find("xos-hello") == [1, 2, 4, 5, 7, 8]
    assert lazy.providers_of("libxos") == [0, 3, 6]
    assert lazy.by_name()["xos-hello"] == full.by_name()["xos-hello"]
    assert [p.fullname for p in lazy.packages()] == [p.fullname for p in full.packages()]


def test_obsoletes_index_only_for_the_asked_names() -> None:
    lazy = build_synthesis([TEXT], source="s", lazy=True, obsoleted=["xos-oldlib"])
    assert lazy.obsoleters_of("xos-oldlib") == [0]
    assert lazy.obsoleters_of("ancient") == []  # not asked for: not indexed
    full = parse_synthesis(TEXT, source="s")
    assert full.obsoleters_of("ancient") == [0]
    assert full.obsoleters_of("xos-oldlib") == [0]


def test_raw_tags_of_a_package() -> None:
    syn = parse_synthesis(TEXT, source="s", lazy=True)
    assert syn.raw_tags(0) == {
        "provides": "xos-lib[== 1.0-1]@libxos[== 1.0]@/usr/lib/libxos.so.1",
        "obsoletes": "xos-oldlib[< 1]@ancient",
        "summary": "the library",
    }
    assert syn.raw_tag(1, "requires") == "libxos[>= 1.0]@/bin/sh[*]"
    assert syn.raw_tag(1, "summary") is None


def test_a_bad_info_line_is_reported_when_the_entry_is_read() -> None:
    syn = parse_synthesis(
        b"@info@a-1-1.noarch@0@0@G\n@info@b-1-1.noarch@x@0@G\n", source="m.cz", lazy=True
    )
    assert syn.entry(0).name == "a"
    with pytest.raises(SynthesisError, match=r"^m.cz:2: bad @info@ line"):
        syn.entry(1)


@pytest.mark.parametrize(
    "text",
    [
        # rpm5 disttag fields: the full parser reads them.
        b"@info@glibc-2.2.4-25-mdv2011.0.i586@6@1000@Development/C@mdv@2011.0\n",
        # A name the quick pass cannot cut: the full parser says what is wrong.
        b"@info@nodashes.noarch@0@0@G\n",
    ],
)
def test_lines_the_quick_pass_leaves_to_the_full_parser(text: bytes) -> None:
    def read(*, lazy: bool) -> object:
        try:
            return parse_synthesis(text, source="s", lazy=lazy).entries
        except SynthesisError as exc:
            return str(exc)

    assert read(lazy=True) == read(lazy=False)


def test_long_line_without_any_package_in_the_chunk() -> None:
    with pytest.raises(SynthesisError, match="512 KiB"):
        parse_synthesis(
            b"@summary@" + b"x" * 600_000 + b"\n@info@a-1-1.noarch@0@0@G\n", source="s", lazy=True
        )


def test_edge_cases_of_the_full_parser() -> None:
    with pytest.raises(ValueError, match="512 KiB"):
        _info_entry(b"a" * 600_000)
    # rpm5 fields whose suffix is not in the full name: taken as written.
    e = _info_entry(b"foo-1-2.noarch@0@0@G@mdv@2011.0")
    assert (e.name, e.version, e.release, e.disttag) == ("foo", "1", "2", "mdv")
    # An rpm5 EVR without a release keeps its version, loses the distepoch.
    assert parse_dependency("foo[>= 1:2.0:2011.0]").evr == Evr(epoch=1, version="2.0")
    with pytest.raises(ValueError, match="empty dependency name"):
        parse_dependency("[>= 1]")


def test_tags_only_and_a_long_line_before_any_package() -> None:
    with pytest.raises(SynthesisError, match="512 KiB"):
        build_synthesis([b"@summary@" + b"x" * 600_000, b"\n@summary@y"], source="s")


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 7, 64, 333])
def test_chunks_cut_anywhere_give_the_same_index(size: int) -> None:
    text = TEXT * 4
    whole = build_synthesis([text], source="s", lazy=True, obsoleted=["xos-oldlib"])
    cut = build_synthesis(_chunks(text, size), source="s", lazy=True, obsoleted=["xos-oldlib"])
    assert cut.entries == whole.entries
    # Names and provides repeated across chunks keep every position, in order.
    assert cut.find("xos-hello") == whole.find("xos-hello") == [1, 2, 4, 5, 7, 8, 10, 11]
    assert cut.providers_of("libxos") == whole.providers_of("libxos") == [0, 3, 6, 9]
    assert cut.obsoleters_of("xos-oldlib") == [0, 3, 6, 9]
    assert [cut.raw_tags(i) for i in range(len(cut))] == [
        whole.raw_tags(i) for i in range(len(whole))
    ]
    full = build_synthesis(_chunks(text, size), source="s")
    assert full.entries == whole.entries
    assert full.providers_of("libxos") == [0, 3, 6, 9]


@pytest.mark.parametrize("size", [5, 64, 1000])
@pytest.mark.parametrize("lazy", [True, False])
def test_error_lines_are_counted_across_chunks(size: int, lazy: bool) -> None:
    lines = len((TEXT * 3).splitlines())
    bad = TEXT * 3 + b"not a tag line\n" + TEXT
    with pytest.raises(SynthesisError) as caught:
        build_synthesis(_chunks(bad, size), source="s", lazy=lazy)
    assert caught.value.line == lines + 1
    truncated = TEXT * 3 + b"\n@summary@no info line follows\n"
    with pytest.raises(SynthesisError, match="truncated") as caught:
        build_synthesis(_chunks(truncated, size), source="s", lazy=lazy)
    assert caught.value.line == lines + 2
    nul = TEXT * 2 + b"@summary@a \x00 inside\n" + TEXT
    with pytest.raises(SynthesisError, match="NUL") as caught:
        build_synthesis(_chunks(nul, size), source="s", lazy=lazy)
    assert caught.value.line == len((TEXT * 2).splitlines()) + 1
    broken = TEXT * 3 + b"@info@no-version.x86_64@0@1@G\n"
    with pytest.raises(SynthesisError, match="not name-version-release") as caught:
        build_synthesis(_chunks(broken, size), source="s", lazy=lazy).entries  # noqa: B018
    assert caught.value.line == lines + 1


@pytest.mark.parametrize("size", [5, 64, 1000])
def test_an_entry_read_later_names_its_line_across_chunks(size: int) -> None:
    lines = len((TEXT * 3).splitlines())
    text = TEXT * 3 + b"@info@foo-1-1.x86_64@x@1@G\n" + TEXT
    syn = build_synthesis(_chunks(text, size), source="s", lazy=True)
    with pytest.raises(SynthesisError, match="bad @info@ line") as caught:
        syn.entry(9)
    assert caught.value.line == lines + 1
    assert syn.line_of(10) == lines + 5
