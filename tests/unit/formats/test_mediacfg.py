# SPDX-License-Identifier: GPL-2.0-or-later
"""media.cfg and hdlists: Config::IniFiles' reading, Distribconf's defaults, real trees."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xosupdate.domain.medium import MediumKind
from xosupdate.errors import MediaCfgError
from xosupdate.formats.mediacfg import (
    MediaCfg,
    MediaSection,
    dump_mediacfg,
    parse_hdlists,
    parse_mediacfg,
    reduce_pathname,
)

HISTORY = "gitpan-MDV-Distribconf/testdata/history"
MEDIA_INFO = "media/media_info/media.cfg"

# formats.md §1.4, the Mageia template's output (keys sorted).
MAGEIA = """[media_info]
version=8
mediacfg_version=2
branch=Official
arch=x86_64
xml-info=1

[core/updates]
hdlist=hdlist_core_updates.cz
media_type=official:free:updates
media_types=official:free:updates
name=Core Updates
srpms=../../SRPMS/core/updates
updates_for=core/release

[core/updates_testing]
hdlist=hdlist_core_updates_testing.cz
media_type=official:free:testing
media_types=official:free:testing
name=Core Updates Testing
noauto=1
srpms=../../SRPMS/core/updates_testing
"""

# formats.md §12.3, a minimal media.cfg urpmi accepts.
MINIMAL = """[media_info]
mediacfg_version=2
version=9
branch=Official
arch=x86_64
xml-info=1

[core/release]
hdlist=hdlist_core_release.cz
name=Core Release
media_type=release

[core/updates]
hdlist=hdlist_core_updates.cz
name=Core Updates
media_type=updates
updates_for=core/release

[core/backports]
hdlist=hdlist_core_backports.cz
name=Core Backports
media_type=backports
noauto=1
"""


def _read(realdata: Path, relative: str) -> MediaCfg:
    path = realdata / relative
    return parse_mediacfg(path.read_bytes(), source=str(path))


def _section(cfg: MediaCfg, path: str) -> MediaSection:
    section = cfg.section(path)
    assert section is not None, path
    return section


def test_mageia_example() -> None:
    cfg = parse_mediacfg(MAGEIA, source="media.cfg")
    assert (cfg.version, cfg.mediacfg_version, cfg.branch, cfg.arch) == (
        "8",
        2,
        "Official",
        "x86_64",
    )
    assert cfg.xml_info
    assert cfg.product == "Download"
    updates, testing = cfg.sections
    assert updates.name == "Core Updates"
    assert updates.media_types == ("official", "free", "updates")
    assert updates.updates_for == ("core/release",)
    assert updates.is_update
    assert not updates.noauto
    assert updates.srpms == ("../../SRPMS/core/updates",)
    assert updates.kind is MediumKind.UPDATES
    assert testing.noauto
    assert not testing.is_update
    assert testing.kind is MediumKind.TESTING
    assert testing.url_path("http://m/distrib/8/x86_64") == (
        "http://m/distrib/8/x86_64/media/core/updates_testing"
    )


def test_minimal_example() -> None:
    cfg = parse_mediacfg(MINIMAL.encode(), source="media.cfg")
    assert [s.name for s in cfg.sections] == ["Core Release", "Core Updates", "Core Backports"]
    assert [s.kind for s in cfg.sections] == [
        MediumKind.RELEASE,
        MediumKind.UPDATES,
        MediumKind.BACKPORTS,
    ]
    assert [s.media_types for s in cfg.sections] == [("release",), ("updates",), ("backports",)]
    assert [s.noauto for s in cfg.sections] == [False, False, True]
    assert cfg.section("core/updates") is cfg.sections[1]
    assert cfg.section("nope") is None
    assert cfg.medium_url("core/release", "file:///srv/mirror/distrib/9/x86_64") == (
        "file:///srv/mirror/distrib/9/x86_64/media/core/release"
    )
    assert cfg.medium_url("nope", "http://x") is None


def test_empty_file_is_valid() -> None:
    cfg = parse_mediacfg(b"", source="media.cfg")
    assert cfg == MediaCfg()
    assert cfg.mediacfg_version == 1
    assert cfg.version is None
    assert not cfg.xml_info
    assert parse_mediacfg("# only a comment\n\n", source="m") == MediaCfg()


def test_ini_syntax_as_config_inifiles_reads_it() -> None:
    text = (
        "; semicolon comment\r\n"
        "  # indented comment\r\n"
        "  [ media_info ]  \r\n"
        "  version =  2009.0\r\n"
        "branch=Official  \r"  # a lone CR ends a line too
        "[a]b]\n"
        "name = A  B \n"
        "empty=\n"
        "continued=one \\\n"
        "two\\\n"
        "\n"
        "after=1\n"
        "trailing=#not a comment\n"
    )
    cfg = parse_mediacfg(text, source="m")
    assert cfg.info == (("version", "2009.0"), ("branch", "Official  "))
    assert cfg.branch == "Official"
    (section,) = cfg.sections
    assert section.path == "a]b"
    assert section.values == (
        ("name", "A  B "),
        ("empty", ""),
        ("continued", "one two"),
        ("after", "1"),
        ("trailing", "#not a comment"),
    )
    assert section.name == "A  B"


def test_defaults_of_distribconf() -> None:
    s = MediaSection(path="debug_main/release", values=(("debug_for", "main"),))
    assert s.name == "debug_main_release"
    assert s.hdlist == "hdlist_debug_main_release.cz"
    assert s.synthesis == "synthesis.hdlist_debug_main_release.cz"
    assert s.pubkey == "pubkey_debug_main_release"
    assert s.xml_file("info") == "info.debug_main_release.xml.lzma"
    assert s.is_debug
    assert s.kind is MediumKind.DEBUG
    named = MediaSection(path="x", values=(("name", "Main Updates"), ("hdlist", "HD.cz")))
    assert named.hdlist == "HD.cz"
    assert named.synthesis == "synthesis.hd.cz"
    assert named.pubkey == "pubkey_main_updates"
    assert str(named) == "Main Updates"
    assert MediaSection(path="p", values=(("files", "f.xml"),)).xml_file("files") == "f.xml"
    explicit = MediaSection(path="p", values=(("synthesis", "S"), ("pubkey", "K")))
    assert (explicit.synthesis, explicit.pubkey) == ("S", "K")


@pytest.mark.parametrize(
    ("size", "expected"),
    [("3400m", 3400 << 20), ("1m", 1 << 20), ("12", 12), ("2G", 2 << 30), ("5 kb", 5 << 10)],
)
def test_size_bytes(size: str, expected: int) -> None:
    assert MediaSection(path="p", values=(("size", size),)).size_bytes == expected


def test_size_unreadable_or_absent() -> None:
    assert MediaSection(path="p", values=(("size", "big"),)).size_bytes is None
    assert MediaSection(path="p").size is None
    assert MediaSection(path="p").size_bytes is None


def test_perl_truth_of_flags() -> None:
    def flags(value: str) -> tuple[bool, bool, bool, bool]:
        s = MediaSection(
            path="p",
            values=(
                ("noauto", value),
                ("updates_for", value),
                ("rpms", value),
                ("use_copied_hdlist", value),
            ),
        )
        return s.noauto, s.is_update, s.is_source, s.use_copied_hdlist

    assert flags("0") == (False,) * 4
    assert flags("") == (False,) * 4
    assert flags("1") == (True,) * 4
    assert flags("yes") == (True,) * 4


def test_kind_falls_back_to_path_and_name() -> None:
    tagged = MediaSection(path="weird", values=(("media_type", "official:free"),))
    assert tagged.kind is MediumKind.OTHER
    assert MediaSection(path="contrib/backports").kind is MediumKind.BACKPORTS
    assert MediaSection(path="src", values=(("rpms", "main"),)).kind is MediumKind.SOURCE
    assert MediaSection(path="x", values=(("updates_for", "y"),)).kind is MediumKind.UPDATES
    assert MediaSection(path="jpackage").kind is MediumKind.OTHER
    assert MediaSection(path="p", values=(("media_types", "a::b"),)).media_types == ("a", "b")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h/a/b/media/../../SRPMS/main", "http://h/a/SRPMS/main"),
        ("http://h/x86_64/media/../../i586/media/main", "http://h/i586/media/main"),
        ("http://h//a/./b//", "http://h//a/b"),  # as urpmi: the host keeps its slash
        ("http://h/a//./b//", "http://h/a/b"),
        ("/srv/m/media/../x", "/srv/m/x"),
        ("file:///srv/m/media/core", "file:///srv/m/media/core"),
        ("a/../../b", "../b"),
        ("../../a", "../../a"),
        ("/..", "/.."),
        ("http://h/", "http://h//"),
        ("", "/"),
    ],
)
def test_reduce_pathname(url: str, expected: str) -> None:
    assert reduce_pathname(url) == expected


def test_reduce_pathname_long_paths() -> None:
    # Searching the whole result for its last component at every ".." took ~90 s here.
    deep = "a/" * 100_000 + "../" * 99_999
    assert reduce_pathname("http://h/" + deep) == "http://h/a"
    assert (
        reduce_pathname("http://h/" + "../" * 100_000 + "x") == "http://h/" + "../" * 100_000 + "x"
    )


def test_url_path_version_1_and_2() -> None:
    src = MediaSection(path="../SRPMS/main")
    assert src.url_path("http://m/2006.0/i586", mediacfg_version=1) == "http://m/2006.0/SRPMS/main"
    assert src.url_path("http://m/2006.0/i586/") == "http://m/2006.0/i586/SRPMS/main"
    flat = MediaSection(path="main")
    assert flat.url_path("http://m/2006.0/i586", mediacfg_version=1) == (
        "http://m/2006.0/i586/media/main"
    )


def test_getvalue_follows_distribconf() -> None:
    cfg = parse_mediacfg(
        "[media_info]\narch=x86_64\nproduct=Free\n"
        "[main]\nname=Main Stuff\n[../../i586/m]\narch=i586\n",
        source="m",
    )
    assert cfg.getvalue("main", "arch") == "x86_64"  # the [media_info] fallback
    assert cfg.getvalue("../../i586/m", "arch") == "i586"
    assert cfg.getvalue("main", "hdlist") == "hdlist_main_stuff.cz"
    assert cfg.getvalue("main", "synthesis") == "synthesis.hdlist_main_stuff.cz"
    assert cfg.getvalue("main", "pubkey") == "pubkey_main_stuff"
    assert cfg.getvalue("../../i586/m", "name") == ".._.._i586_m"
    assert cfg.getvalue("main", "path") == "main"
    assert cfg.getvalue(None, "product") == "Free"
    assert cfg.getvalue(None, "mediacfg_version") == "1"
    assert cfg.getvalue("main", "nothing") is None
    assert cfg.getvalue("nope", "name") is None
    assert parse_mediacfg("[a]\n", source="m").getvalue("a", "product") == "Download"


def test_getvalue_substitutions_in_version_3() -> None:
    cfg = parse_mediacfg(
        "[media_info]\nmediacfg_version=3\nversion=2010.0\nzero=0\n"
        "[main]\nname=Main ${version}\nrepo=%{name}/%{nothing}/${zero}\nloop=%{loop}x\n",
        source="m",
    )
    assert cfg.getvalue("main", "name") == "Main 2010.0"
    assert cfg.getvalue("main", "hdlist") == "hdlist_main_2010.0.cz"
    assert cfg.getvalue("main", "repo") == "Main 2010.0/%{nothing}/${zero}"
    # A self-reference stops after Distribconf's 15 levels instead of looping.
    assert cfg.getvalue("main", "loop") == "%{loop}" + "x" * 15
    assert cfg.sections[0].name == "Main ${version}"  # typed properties: as written
    v2 = parse_mediacfg("[media_info]\nmediacfg_version=2\n[m]\nname=${version}\n", source="m")
    assert v2.getvalue("m", "name") == "${version}"


def test_getvalue_substitutions_stay_linear() -> None:
    # Each level names the next one three times: 3**15 substitutions, 14 million
    # characters at the last level, had every reference been worked out again.
    levels = "".join(f"k{i}=%{{k{i + 1}}}%{{k{i + 1}}}%{{k{i + 1}}}\n" for i in range(20))
    cfg = parse_mediacfg(f"[media_info]\nmediacfg_version=3\n[m]\n{levels}", source="m.cfg")
    assert cfg.getvalue("m", "k12") == "%{k20}" * 3**8  # a few levels: as Distribconf
    with pytest.raises(MediaCfgError, match=r"\[m\] k0: substitutions make it longer") as info:
        cfg.getvalue("m", "k0")
    assert info.value.source == "m.cfg"


@pytest.mark.parametrize(
    ("text", "line", "match"),
    [
        ("[a]\nx=1\n[b]\n[a]\n", 4, r"section \[a\] repeated \(first on line 1\)"),
        ("[a]\nx=1\n\nx=2\n", 4, r"x= repeated \(first on line 2\)"),
        ("# c\nversion=1\n[a]\n", 2, "before the first"),
        ("[a]\njust some words\n", 2, "not a"),
        ("[a]\n=value\n", 2, "not a"),
        ("[a]\n[]\n", 2, "not a"),
        ("[a] # comment\n", 1, "not a"),
        ("[a]\nk=<<EOT\nv\nEOT\n", 2, "here-document"),
        ("[a]\nk=v\\", 2, "end of the file"),
        ("[media_info]\nmediacfg_version=5\n", 2, "newer than urpmi reads"),
        ("[media_info]\n\nmediacfg_version=two\n", 3, "not a number"),
        ("[media_info]\nmediacfg_version=\n", 2, "not a number"),
        ("<html><body>404</body></html>\n", 1, "not a"),
    ],
)
def test_malformed(text: str, line: int, match: str) -> None:
    with pytest.raises(MediaCfgError, match=match) as info:
        parse_mediacfg(text, source="media.cfg")
    assert info.value.line == line
    assert str(info.value).startswith(f"media.cfg:{line}: ")


def test_version_4_is_still_read() -> None:
    assert parse_mediacfg("[media_info]\nmediacfg_version=4\n", source="m").mediacfg_version == 4
    assert parse_mediacfg("[media_info]\nmediacfg_version=0\n", source="m").mediacfg_version == 1


def test_junk_utf8_nul_long_lines() -> None:
    with pytest.raises(MediaCfgError, match="UTF-8") as info:
        parse_mediacfg(b"\x00\xff" * 1000, source="m")
    assert info.value.line == 1
    with pytest.raises(MediaCfgError, match="UTF-8") as info:
        parse_mediacfg(b"[a]\nname=Caf\xe9\n", source="m")
    assert info.value.line == 2
    with pytest.raises(MediaCfgError, match="NUL") as info:
        parse_mediacfg("[a]\rname=x\x00\n", source="m")
    assert info.value.line == 2
    start = time.perf_counter()
    with pytest.raises(MediaCfgError, match="longer than") as info:
        parse_mediacfg("[a]\nname=" + "x" * 10_000_000 + "\n", source="m")
    assert info.value.line == 2
    assert time.perf_counter() - start < 1
    with pytest.raises(MediaCfgError, match="longer than") as info:
        parse_mediacfg("[a]\nname=x\\\n" + ("y" * 60_000 + "\\\n") * 3 + "z\n", source="m")
    assert info.value.line == 4


def test_truncated_file_reads_what_it_holds() -> None:
    cfg = parse_mediacfg(MINIMAL[:-30], source="m")
    assert cfg.sections[-1].path == "core/backports"
    assert cfg.sections[-1].get("media_type") is None


# ---------------------------------------------------------------- hdlists


def test_hdlists_grammar() -> None:
    cfg = parse_hdlists(
        "hdlist1.cz\tmedia/main\tInstallation  CD 1  (650m)\n"
        "# comment\n\n"
        "noauto:suppl:hdlist2.cz media/contrib Contrib # trailing comment\n"
        "hdlist3.cz Mandrake/RPMS3 Name (with parenthesis) more\n"
        ":hdlist4.cz media//x  (1m)\n",
        source="hdlists",
    )
    main, contrib, rpms3, x = cfg.sections
    assert main.path == "main"
    assert main.values == (
        ("hdlist", "hdlist1.cz"),
        ("name", "Installation  CD 1"),
        ("size", "650m"),
    )
    assert contrib.values == (
        ("hdlist", "hdlist2.cz"),
        ("name", "Contrib"),
        ("noauto", "1"),
        ("suppl", "1"),
    )
    assert contrib.noauto
    assert rpms3.path == "Mandrake/RPMS3"
    assert rpms3.name == "Name (with parenthesis) more"
    assert x.path == "x"
    assert x.values == (("hdlist", "hdlist4.cz"), ("name", ""), ("size", "1m"))
    assert cfg.mediacfg_version == 1
    old = parse_hdlists("hdlist1.cz Mandrake/RPMS1 CD1\n", source="h", mediadir="Mandrake")
    assert old.sections[0].path == "RPMS1"
    assert old.medium_url("RPMS1", "ftp://m/10.0/i586") == "ftp://m/10.0/i586/media/RPMS1"


def test_hdlists_colons_in_names() -> None:
    cfg = parse_hdlists("a:b:hdlist.cz media/p Name: with colon\n", source="h")
    (s,) = cfg.sections
    assert s.values == (
        ("hdlist", "hdlist.cz"),
        ("name", "Name: with colon"),
        ("a", "1"),
        ("b", "1"),
    )


@pytest.mark.parametrize(
    ("text", "line", "match"),
    [
        ("hdlist.cz media/first\n", 1, "expected"),
        ("h1.cz media/a A\nh2.cz media/a B\n", 2, "repeated"),
        ("h1.cz media/a A\n" + "h:" * 3000 + "\n", 2, "longer than 4096"),
    ],
)
def test_hdlists_malformed(text: str, line: int, match: str) -> None:
    with pytest.raises(MediaCfgError, match=match) as info:
        parse_hdlists(text, source="hdlists")
    assert info.value.line == line


def test_hdlists_junk_and_invalid_utf8() -> None:
    with pytest.raises(MediaCfgError, match="UTF-8") as info:
        parse_hdlists(b"\x00\xff" * 1000, source="hdlists")
    assert info.value.line == 1
    with pytest.raises(MediaCfgError, match="NUL"):
        parse_hdlists("h.cz media/a A\x00\n", source="hdlists")
    assert parse_hdlists(b"", source="hdlists") == MediaCfg()


def test_hdlists_pathological_line_is_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(MediaCfgError):
        parse_hdlists("x" + ":" * 4000 + "\n", source="h")
    with pytest.raises(MediaCfgError):
        parse_hdlists(":a" * 2000 + "\n", source="h")
    assert time.perf_counter() - start < 1


def test_real_hdlists(realdata: Path) -> None:
    path = realdata / "gitpan-MDV-Distribconf/testdata/testa/media/media_info/hdlists"
    cfg = parse_hdlists(path.read_bytes(), source=str(path))
    assert [s.path for s in cfg.sections] == ["first", "first_src", "second", "second_src"]
    assert [s.name for s in cfg.sections] == ["first", "first_src", "second", "second_src"]
    assert [s.size for s in cfg.sections] == ["3400m", None, None, "4300m"]
    assert cfg.sections[0].hdlist == "hdlist_first.cz"
    mediacfg = _read(realdata, "gitpan-MDV-Distribconf/testdata/testa/" + MEDIA_INFO)
    assert [s.path for s in mediacfg.sections][:2] == ["first", "first_src"]


# ---------------------------------------------------------------- writing


def test_dump_shape() -> None:
    cfg = MediaCfg(
        info=(("version", "9"), ("mediacfg_version", "2")),
        sections=(
            MediaSection(path="core/release", values=(("name", "Core Release"),)),
            MediaSection(path="empty"),
        ),
    )
    assert dump_mediacfg(cfg) == (
        "[media_info]\nversion=9\nmediacfg_version=2\n\n"
        "[core/release]\nname=Core Release\n\n[empty]\n"
    )
    assert dump_mediacfg(MediaCfg()) == ""
    assert dump_mediacfg(MediaCfg(sections=(MediaSection(path="a"),))) == "[a]\n"


def test_dump_minimal_round_trips_byte_for_byte() -> None:
    assert dump_mediacfg(parse_mediacfg(MINIMAL, source="m")) == MINIMAL
    assert dump_mediacfg(parse_mediacfg(MAGEIA, source="m")) == MAGEIA


@pytest.mark.parametrize(
    "cfg",
    [
        MediaCfg(sections=(MediaSection(path=""),)),
        MediaCfg(sections=(MediaSection(path=" a"),)),
        MediaCfg(sections=(MediaSection(path="media_info"),)),
        MediaCfg(sections=(MediaSection(path="a\nb"),)),
        MediaCfg(sections=(MediaSection(path="a"), MediaSection(path="a"))),
        MediaCfg(info=(("", "v"),)),
        MediaCfg(info=(("k=", "v"),)),
        MediaCfg(info=(("#k", "v"),)),
        MediaCfg(info=(("[k", "v]"),)),
        MediaCfg(info=(("k ", "v"),)),
        MediaCfg(info=(("k", "v"), ("k", "w"))),
        MediaCfg(info=(("k", " v"),)),
        MediaCfg(info=(("k", "v\\"),)),
        MediaCfg(info=(("k", "<<EOT"),)),
        MediaCfg(info=(("k", "a\rb"),)),
    ],
)
def test_dump_refuses_what_cannot_be_read_back(cfg: MediaCfg) -> None:
    with pytest.raises(MediaCfgError):
        dump_mediacfg(cfg)


_printable = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
_keys = st.text(_printable, min_size=1, max_size=10).filter(
    lambda k: k == k.strip() and "=" not in k and k[0] not in "#;[" and k != "mediacfg_version"
)
_values = st.text(_printable, max_size=15).filter(
    lambda v: v == v.lstrip(" \t\f\v") and not v.endswith("\\") and not v.startswith("<<")
)
_paths = st.text(_printable, min_size=1, max_size=20).filter(
    lambda p: p == p.strip() and p != "media_info"
)
_pairs = st.dictionaries(_keys, _values, max_size=5).map(lambda d: tuple(d.items()))


@pytest.mark.property
@settings(max_examples=80)
@given(
    _pairs,
    st.dictionaries(_paths, _pairs, max_size=5),
    st.sampled_from([None, "1", "2", "3", "4"]),
)
def test_dump_parse_round_trip(
    info: tuple[tuple[str, str], ...],
    sections: dict[str, tuple[tuple[str, str], ...]],
    version: str | None,
) -> None:
    if version is not None:
        info = (*info, ("mediacfg_version", version))
    cfg = MediaCfg(
        info=info, sections=tuple(MediaSection(path=p, values=v) for p, v in sections.items())
    )
    assert parse_mediacfg(dump_mediacfg(cfg), source="m") == cfg


# ---------------------------------------------------------------- real trees


def test_real_2007_1_i586(realdata: Path) -> None:
    cfg = _read(realdata, f"{HISTORY}/official/2007.1/i586/{MEDIA_INFO}")
    assert (cfg.version, cfg.mediacfg_version, cfg.branch, cfg.arch, cfg.product) == (
        "2007.1",
        2,
        "official",
        "i586",
        "Download",
    )
    main = cfg.section("main/release")
    assert main is not None
    assert (main.name, main.hdlist, main.size, main.size_bytes) == (
        "Main",
        "hdlist_main.cz",
        "3400m",
        3400 << 20,
    )
    assert main.srpms == ("../../SRPMS/main/release",)
    assert main.kind is MediumKind.RELEASE
    updates = cfg.section("main/updates")
    assert updates is not None
    assert updates.is_update
    assert updates.updates_for == ("main/release",)
    testing = cfg.section("main/testing")
    assert testing is not None
    assert testing.noauto
    assert not testing.is_update
    assert testing.kind is MediumKind.TESTING
    debug = cfg.section("debug_main/release")
    assert debug is not None
    assert debug.debug_for == ("main/release",)
    assert debug.kind is MediumKind.DEBUG
    src = cfg.section("../../SRPMS/main/release")
    assert src is not None
    assert src.is_source
    assert src.rpms == ("main/release", "debug_main/release")
    assert src.kind is MediumKind.SOURCE
    base = "http://ftp.free.fr/mirrors/ftp.mandriva.com/MandrivaLinux/official/2007.1/i586"
    assert src.url_path(base) == (
        "http://ftp.free.fr/mirrors/ftp.mandriva.com/MandrivaLinux/official/2007.1/SRPMS/main/release"
    )
    assert main.url_path(base) == base + "/media/main/release"
    # The real file only adds a blank line at its end.
    text = (realdata / f"{HISTORY}/official/2007.1/i586/{MEDIA_INFO}").read_text()
    assert dump_mediacfg(cfg) == text.removesuffix("\n")


def test_real_2007_1_x86_64_compat_media(realdata: Path) -> None:
    cfg = _read(realdata, f"{HISTORY}/official/2007.1/x86_64/{MEDIA_INFO}")
    assert cfg.get("minor") == "1"
    assert cfg.get("subversion") == "1"
    main32 = cfg.section("../../i586/media/main/release")
    assert main32 is not None
    assert (main32.name, main32.arch) == ("Main32", "i586")
    assert cfg.getvalue("main/release", "arch") == "x86_64"
    updates32 = cfg.section("../../i586/media/main/updates")
    assert updates32 is not None
    assert updates32.updates_for == ("../../i586/media/main/release",)
    base = "http://m/official/2007.1/x86_64"
    assert main32.url_path(base) == "http://m/official/2007.1/i586/media/main/release"
    nonfree = cfg.section("non-free/release")
    assert nonfree is not None
    assert not nonfree.noauto  # noauto=0
    debug = cfg.section("debug_non-free/release")
    assert debug is not None
    assert debug.name == "debug_non-free_release"


def test_real_cooker_sections_without_names(realdata: Path) -> None:
    cfg = _read(realdata, f"{HISTORY}/devel/cooker/i586/{MEDIA_INFO}")
    assert cfg.branch == "Cooker"
    debug = cfg.section("debug_main/release")
    assert debug is not None
    assert debug.name == "debug_main_release"
    assert debug.hdlist == "hdlist_debug_main.cz"
    assert debug.debug_for == ("main",)
    nonfree_src = cfg.section("../../SRPMS/non-free/release")
    assert nonfree_src is not None
    assert nonfree_src.name == "Non-free  Sources"
    assert nonfree_src.rpms == ("non-free/release",)  # written with a trailing blank
    nonfree = cfg.section("non-free/release")
    assert nonfree is not None
    assert nonfree.name == "non-free_release"


def test_real_old_trees_are_version_1(realdata: Path) -> None:
    cfg = _read(realdata, f"{HISTORY}/official/2006.0/i586/{MEDIA_INFO}")
    assert cfg.mediacfg_version == 1
    src = cfg.section("../SRPMS/main")
    assert src is not None
    assert src.noauto
    assert cfg.medium_url("../SRPMS/main", "http://m/2006.0/i586") == "http://m/2006.0/SRPMS/main"
    assert cfg.medium_url("main", "http://m/2006.0/i586") == "http://m/2006.0/i586/media/main"
    flat = _read(realdata, f"{HISTORY}/official/10.2/i586/{MEDIA_INFO}")
    assert [s.path for s in flat.sections] == ["main", "contrib", "jpackage"]
    assert _section(flat, "jpackage").noauto


def test_real_v1_with_legacy_debugfor(realdata: Path) -> None:
    cfg = _read(realdata, "gitpan-MDV-Distribconf/testdata/test/" + MEDIA_INFO)
    assert cfg.xml_info
    debug = cfg.section("debug_main")
    assert debug is not None
    assert debug.debug_for == ("main",)
    assert debug.kind is MediumKind.DEBUG
    main = cfg.section("main")
    assert main is not None
    assert main.name == "main"


def test_real_testa_negative_tree_is_still_well_formed(realdata: Path) -> None:
    cfg = _read(realdata, "gitpan-MDV-Distribconf/testdata/testa/" + MEDIA_INFO)
    assert [s.path for s in cfg.sections] == [
        "first",
        "first_src",
        "first_debug",
        "second",
        "second_src",
    ]
    assert _section(cfg, "first_src").is_source
    assert _section(cfg, "first_debug").debug_for == ("first",)


@pytest.mark.parametrize(
    "relative",
    ["shlomif-urpmi/t/data/media.cfg", "OpenMandrivaSoftware-urpmi-6.17/t/data/media.cfg"],
)
def test_real_urpmi_test_distribs(realdata: Path, relative: str) -> None:
    cfg = _read(realdata, relative)
    assert cfg.mediacfg_version == 2
    names = [s.name for s in cfg.sections]
    assert names[:3] == ["Various", "Various II", "Various III"]
    assert [s.noauto for s in cfg.sections] == [False, False, True, True, True]
    assert cfg.sections[3].debug_for == ("various",)
    assert cfg.sections[4].is_source
    assert cfg.sections[4].rpms == ("various",)
    assert cfg.sections[4].size_bytes == 1 << 20


def test_bench_corpus_media_cfg(bench_corpus: Path) -> None:
    path = bench_corpus / MEDIA_INFO
    cfg = parse_mediacfg(path.read_bytes(), source=str(path))
    assert [s.kind for s in cfg.sections] == [
        MediumKind.RELEASE,
        MediumKind.UPDATES,
        MediumKind.TESTING,
    ]
    assert cfg.sections[0].synthesis == "../core/release/media_info/synthesis.hdlist.cz"
