# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi.cfg: urpmi's grammar, byte-for-byte round trips and block-local edits."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xosupdate.domain.medium import Medium, MediumKind
from xosupdate.errors import MediumNotFoundError, UrpmiCfgError
from xosupdate.formats.urpmicfg import (
    CfgBlock,
    LineKind,
    UrpmiCfg,
    UrpmiCfgWarning,
    _split_header,
    add_medium,
    dump_urpmicfg,
    encode_urpmicfg,
    expand,
    parse_urpmicfg,
    quotespace,
    remove_medium,
    set_ignored,
    set_option,
    unquotespace,
)

# formats.md §3.3, Mandriva 2009.0 as used in smart's test suite.
MANDRIVA = r"""{
}

Main ftp://ftp.free.fr/mirrors/ftp.mandriva.com/MandrivaLinux/official/2009.0/i586/media/main/release {
  key-ids: 70771ff3
}

Main\ Updates ftp://ftp.free.fr/mirrors/ftp.mandriva.com/MandrivaLinux/official/2009.0/i586/media/main/updates {
  key-ids: 22458a98
  update
}

Mandriva\ Linux\ -\ 2009.0\ (Free)\ -\ Installer cdrom://i586/media/main {
  ignore
  key-ids: 70771ff3
}
"""  # noqa: E501 -- the real file's lines

# formats.md §3.3, the mirror-list form (one blank before the brace, no global block).
MIRRORLIST = r"""Main\ Updates {
  key-ids: 22458a98
  mirrorlist: $MIRRORLIST
  update
  with-dir: media/main/updates
}

Main\ Testing {
  ignore
  mirrorlist: $MIRRORLIST
  with-dir: media/main/testing
}
"""

# urpmi's own round-trip test input (formats.md §3.3).
URPMI_TEST = """{
  downloader: curl
  verify-rpm: yes
  no-suggests
}

update\\ 1 http://foo/bar/$RELEASE {
  key-ids: "123"
  key_ids: 456 789
  priority-upgrade: 'kernel'
  with_synthesis: ../base/synthesis.hdlist.cz
  update
  verify-rpm: no
}
"""

SIGNED = "http://127.0.0.1:8765/signed/distrib/9/x86_64/media/core/"
MIRRORS = "http://127.0.0.1:8765/mirrors.list"

# formats.md §12.2, exactly as urpmi.addmedia wrote them.
ADDMEDIA_SINGLE = """{
}

test file:///srv/mirror/distrib/9/x86_64/media/core/release {
}
"""
ADDMEDIA_DISTRIB = r"""{
}

Core\ Release http://127.0.0.1:8765/signed/distrib/9/x86_64/media/core/release {
  key-ids: b3dde119
}

Core\ Updates http://127.0.0.1:8765/signed/distrib/9/x86_64/media/core/updates {
  key-ids: b3dde119
  update
}

Core\ Backports http://127.0.0.1:8765/signed/distrib/9/x86_64/media/core/backports {
  ignore
}
"""
ADDMEDIA_MIRRORLIST = r"""{
}

Core\ Release  {
  key-ids: b3dde119
  mirrorlist: http://127.0.0.1:8765/mirrors.list
  with-dir: media/core/release
}

Core\ Updates  {
  key-ids: b3dde119
  mirrorlist: http://127.0.0.1:8765/mirrors.list
  update
  with-dir: media/core/updates
}

Core\ Backports  {
  ignore
  mirrorlist: http://127.0.0.1:8765/mirrors.list
  with-dir: media/core/backports
}
"""


def _parse(text: str) -> UrpmiCfg:
    cfg = parse_urpmicfg(text, source="urpmi.cfg")
    assert cfg.dump() == text
    return cfg


# ---------------------------------------------------------------- reading


def test_mandriva_example() -> None:
    cfg = _parse(MANDRIVA)
    assert cfg.names == ("Main", "Main Updates", "Mandriva Linux - 2009.0 (Free) - Installer")
    main, updates, cdrom = cfg.media
    assert main == Medium(
        name="Main",
        url="ftp://ftp.free.fr/mirrors/ftp.mandriva.com/MandrivaLinux/official/2009.0/i586/media/main/release",
        key_ids=("70771ff3",),
        kind=MediumKind.RELEASE,
    )
    assert updates.update
    assert updates.enabled
    assert updates.kind is MediumKind.UPDATES
    assert not cdrom.enabled
    assert cdrom.url == "cdrom://i586/media/main"
    assert cfg.medium("Main Updates") == updates
    assert cfg.global_options == {}
    assert cfg.warnings == ()
    assert [b.is_global for b in cfg.blocks] == [True, False, False, False]


def test_mirrorlist_form() -> None:
    cfg = _parse(MIRRORLIST)
    updates, testing = cfg.media
    assert (updates.name, updates.url, updates.mirrorlist, updates.with_dir) == (
        "Main Updates",
        "",
        "$MIRRORLIST",
        "media/main/updates",
    )
    assert updates.kind is MediumKind.UPDATES
    assert testing.kind is MediumKind.TESTING
    assert testing.testing
    assert cfg.global_options == {}
    assert not testing.enabled
    assert not testing.update


def test_urpmi_round_trip_test_input() -> None:
    cfg = _parse(URPMI_TEST)
    assert cfg.global_options == {"downloader": "curl", "verify-rpm": "1", "no-suggests": "1"}
    (medium,) = cfg.media
    assert medium.name == "update 1"
    assert medium.url == "http://foo/bar/$RELEASE"  # kept unexpanded
    assert medium.key_ids == ("456", "789")  # the later key_ids line wins
    assert medium.with_synthesis == "../base/synthesis.hdlist.cz"
    assert medium.verify_rpm is False
    block = cfg.block("update 1")
    assert block.get("priority-upgrade") == "kernel"
    assert block.get("key_ids") == block.get("key-ids") == "456 789"
    assert block.flag("update")
    assert [(line.kind, line.key, line.value) for line in cfg.lines[7:9]] == [
        (LineKind.VALUE, "key-ids", "123"),
        (LineKind.VALUE, "key-ids", "456 789"),
    ]


@pytest.mark.parametrize(
    ("line", "kind", "key", "value"),
    [
        ("verify-rpm", LineKind.BOOLEAN, "verify-rpm", "1"),
        ("verify-rpm: YES", LineKind.BOOLEAN, "verify-rpm", "1"),
        ("verify-rpm : on", LineKind.BOOLEAN, "verify-rpm", "1"),
        ("verify-rpm: 0", LineKind.BOOLEAN, "verify-rpm", "0"),
        ("verify-rpm: maybe", LineKind.BOOLEAN, "verify-rpm", "0"),
        ("no-verify-rpm", LineKind.BOOLEAN, "verify-rpm", "0"),
        ("no-verify-rpm: no", LineKind.BOOLEAN, "verify-rpm", "1"),
        ("strict-arch:", LineKind.BOOLEAN, "strict-arch", "1"),
        ("key_ids:'AB12'", LineKind.VALUE, "key-ids", "AB12"),
        ('downloader :  "wget', LineKind.VALUE, "downloader", "wget"),
        ("limit-rate: ''", LineKind.VALUE, "limit-rate", ""),
        ("curl-options: -k 'x'", LineKind.VALUE, "curl-options", "-k 'x"),
        ("hdlist: hdlist.cz", LineKind.VALUE, "hdlist", "hdlist.cz"),
        ("hdlist", LineKind.FLAG, "hdlist", "1"),
        ("no-recommends", LineKind.FLAG, "no-recommends", "1"),
        ("modified", LineKind.OBSOLETE, "", ""),
        ("update: yes", LineKind.UNKNOWN, "", ""),
        ("verify-rpms", LineKind.UNKNOWN, "", ""),
        ("no-", LineKind.UNKNOWN, "", ""),
        ("", LineKind.BLANK, "", ""),
    ],
)
def test_option_lines(line: str, kind: LineKind, key: str, value: str) -> None:
    cfg = _parse(f"m u {{\n \t{line}\r\n}}\n")
    assert (cfg.lines[1].kind, cfg.lines[1].key, cfg.lines[1].value) == (kind, key, value)
    assert cfg.lines[1].block == 0
    assert cfg.warnings == (
        (UrpmiCfgWarning(line=2, message=f"unknown line {line!r}"),)
        if kind is LineKind.UNKNOWN
        else ()
    )


def test_unknown_lines_comments_and_odd_whitespace_are_kept() -> None:
    text = (
        "# urpmi.cfg written by hand\r\n"
        "  \t\n"
        "some garbage line\n"
        "\t{\t\r\n"
        "   # indented comment {\n"
        "  downloader:\twget  \n"
        "}   \n"
        "   \n"
        "a\\ b\\\tc\t\tftp://x/y\\ z\t{\n"
        "\tignore\n"
        "}"
    )
    cfg = _parse(text)
    assert [line.kind for line in cfg.lines] == [
        LineKind.COMMENT,
        LineKind.BLANK,
        LineKind.UNKNOWN,
        LineKind.OPEN_GLOBAL,
        LineKind.COMMENT,
        LineKind.VALUE,
        LineKind.CLOSE,
        LineKind.BLANK,
        LineKind.OPEN_MEDIUM,
        LineKind.FLAG,
        LineKind.CLOSE,
    ]
    assert cfg.warnings == (UrpmiCfgWarning(line=3, message="unknown line 'some garbage line'"),)
    assert str(cfg.warnings[0]) == "line 3: unknown line 'some garbage line'"
    assert cfg.global_options == {"downloader": "wget"}
    assert cfg.names == ("a b\tc",)
    assert cfg.media[0].url == "ftp://x/y z"
    assert cfg.lines[-1].text == "}"
    assert dump_urpmicfg(cfg) == text


@pytest.mark.parametrize(
    ("header", "name", "url"),
    [
        ("a  {", "a", ""),
        ("a\\ b\\  {", "a b ", ""),
        ("a b\\  {", "a", "b "),  # the url's escaped blank is also its last character
        ("a b c\t{", "a", "b c"),
        ("{ u {", "{", "u"),
        ("} u {", "}", "u"),
    ],
)
def test_medium_headers(header: str, name: str, url: str) -> None:
    (block,) = _parse(header + "\n}\n").blocks
    assert (block.name, block.url) == (name, url)


def test_second_global_block_is_a_warning() -> None:
    cfg = _parse("{\n  downloader: curl\n}\n{\n  downloader: wget\n}\n")
    assert cfg.global_options == {"downloader": "curl"}
    assert cfg.warnings[0].line == 4


def test_medium_values() -> None:
    cfg = _parse(
        "x\\ (y) $HOST {\n  key-ids: 70771FF3, 22458a98 ,\n  media_info_dir: info\n"
        "  static\n  virtual\n  verify-rpm: 1\n}\n"
    )
    m = cfg.medium("x (y)")
    assert m.url == "$HOST"
    assert m.key_ids == ("70771ff3", "22458a98")
    assert (m.media_info_dir, m.static, m.virtual, m.verify_rpm) == ("info", True, True, True)
    assert str(m) == "x (y)"


def test_unknown_medium() -> None:
    cfg = _parse(MANDRIVA)
    with pytest.raises(MediumNotFoundError) as info:
        cfg.medium("Contrib")
    assert info.value.known == cfg.names
    with pytest.raises(MediumNotFoundError):
        cfg.block("")


def test_empty_file() -> None:
    cfg = _parse("")
    assert cfg.media == ()
    assert cfg.lines == ()
    assert parse_urpmicfg(b"\n", source="x").lines[0].kind is LineKind.BLANK


@pytest.mark.parametrize(
    ("text", "line", "match"),
    [
        ("{\n{\n}\n", 2, "while the block opened on line 1 is open"),
        ("{\nm u {\n}\n", 2, "while the block opened on line 1 is open"),
        ("m u {\n  update\n  x {\n}\n", 3, "while the block opened on line 1 is open"),
        ("{\n}\n}\n", 3, "'}' without an open block"),
        ("m u {\n  update }\n", 2, "alone on its line"),
        ("{ no-verify-rpm }\n", 1, "alone on its line"),
        ("m u {\n}}\n", 2, "alone on its line"),
        ("update\n", 1, "outside of a block"),
        ("{\n}\nverify-rpm: 0\n", 3, "outside of a block"),
        ("name{\n", 1, "unreadable medium header"),
        ("a\\ {\n", 1, "unreadable medium header"),
        ("a b\\ {\n", 1, "unreadable medium header"),
        ("a b{\n", 1, "unreadable medium header"),
        ("m u {\n}\nm v {\n}\n", 3, "'m' is defined twice"),
        ("m\\  u {\n}\nm\\  v {\n}\n", 3, "defined twice"),
        ("{\n}\n\nm u {\n  update\n", 5, "never closed"),
        ("m u {", 1, "never closed"),
    ],
)
def test_syntax_errors(text: str, line: int, match: str) -> None:
    with pytest.raises(UrpmiCfgError, match=match) as info:
        parse_urpmicfg(text, source="/etc/urpmi/urpmi.cfg")
    assert info.value.line == line
    assert str(info.value).startswith(f"/etc/urpmi/urpmi.cfg:{line}: ")


def test_junk_utf8_nul_long_line() -> None:
    with pytest.raises(UrpmiCfgError, match="UTF-8") as info:
        parse_urpmicfg(b"\x00\xff" * 1000, source="u")
    assert info.value.line == 1
    with pytest.raises(UrpmiCfgError, match="UTF-8") as info:
        parse_urpmicfg(b"{\n}\n\nCaf\xe9 u {\n}\n", source="u")
    assert info.value.line == 4
    with pytest.raises(UrpmiCfgError, match="NUL") as info:
        parse_urpmicfg("{\n  downloader: \x00\n}\n", source="u")
    assert info.value.line == 2
    start = time.perf_counter()
    with pytest.raises(UrpmiCfgError, match="longer than") as info:
        parse_urpmicfg("{\n}\nm u {\n  curl-options: " + "x" * 10_000_000 + "\n}\n", source="u")
    assert info.value.line == 4
    assert time.perf_counter() - start < 1


def test_latin1_comments_are_kept_byte_for_byte() -> None:
    # urpmi reads urpmi.cfg as bytes: a comment an older tool wrote in Latin-1 is no error.
    data = b"# m\xe9dias\n{\n}\n\nMain u {\n  # \xe0 jour\n}\n"
    cfg = parse_urpmicfg(data, source="u")
    assert cfg.names == ("Main",)
    assert encode_urpmicfg(cfg.text) == data
    edited = encode_urpmicfg(set_ignored(data, "Main", ignored=True))
    assert edited == data.replace(b"Main u {\n", b"Main u {\n  ignore\n")


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"{\n}\n\nCaf\xe9 u {\n}\n", 4),  # a name
        (b"{\n}\nm http://h/\xe9 {\n}\n", 3),  # a URL
        (b"{\n}\nm u {\n  # fine\xe9\n  key-ids: \xe9\n}\n", 5),  # an option
    ],
)
def test_latin1_outside_comments_is_refused(data: bytes, line: int) -> None:
    with pytest.raises(UrpmiCfgError, match=r"byte 0xe9\), which only a comment") as info:
        parse_urpmicfg(data, source="u")
    assert info.value.line == line


def test_truncated_file() -> None:
    with pytest.raises(UrpmiCfgError, match="never closed") as info:
        parse_urpmicfg(ADDMEDIA_DISTRIB[:200], source="u")
    assert info.value.line == 9  # the last line; the message names line 8, the opening
    assert "opened on line 8" in str(info.value)


def test_quotespace() -> None:
    assert quotespace("Core Release\t2") == "Core\\ Release\\\t2"
    assert unquotespace("Core\\ Release\\\t2\\x") == "Core Release\t2\\x"
    for text in ("a b", "a\\ b", " a ", "a\\\\ b"):
        assert unquotespace(quotespace(text)) == text


def test_expand() -> None:
    variables = {"ARCH": "i586", "RELEASE": "2009.0", "HOST": "box"}
    assert expand("http://$HOST/$RELEASE/$ARCH/$ARCHx/$MIRRORLIST", variables) == (
        "http://box/2009.0/i586/$ARCHx/$MIRRORLIST"
    )
    assert expand("$A$AB", {"A": "$AB", "AB": "z"}) == "$ABz"  # one pass, longest name first
    assert expand("$ARCH", {}) == "$ARCH"


# The regular expression urpmi uses for medium headers, with Perl's \s for blanks.
_URPMI_HEADER = re.compile(r"(.*?[^\\])[ \t\r\f\v]+(?:(.*?[^\\])[ \t\r\f\v]+)?\{")


@pytest.mark.property
@settings(max_examples=300)
@given(st.text(alphabet="ab\\ \t{", max_size=12))
def test_header_split_agrees_with_urpmi_regex(body: str) -> None:
    line = (body + "{").strip(" \t\r\f\v")
    assume(line.endswith("{") and line != "{")
    match = _URPMI_HEADER.fullmatch(line)
    expected = None if match is None else (match.group(1), match.group(2) or "")
    assert _split_header(line) == expected


# ---------------------------------------------------------------- real files


@pytest.mark.parametrize("relative", ["urpmi.cfg", "at-60ed49d/urpmi.cfg"])
def test_real_mageia_files(realdata: Path, relative: str) -> None:
    path = realdata / "edumagic-edumagic" / relative
    data = path.read_bytes()
    cfg = parse_urpmicfg(data, source=str(path))
    assert cfg.dump().encode() == data
    assert cfg.warnings == ()
    assert len(cfg.media) == 9
    core = cfg.media[0]
    assert core.key_ids == ("80420f66",)
    assert core.update
    assert core.enabled
    assert core.url.startswith("http://mirror.yandex.ru/mageia/distrib/")
    assert cfg.block(core.name).get("downloader") == "wget"
    third_party = cfg.media[6:]
    assert [m.key_ids for m in third_party] == [(), (), ()]
    assert [m.enabled for m in third_party] == [True, True, False]
    assert third_party[2].kind is MediumKind.SOURCE

    # Disabling a third-party medium adds one line, in urpmi's sorted position.
    name = third_party[0].name
    disabled = set_ignored(data, name, ignored=True)
    block = cfg.block(name)
    old, new = data.decode().splitlines(True), disabled.splitlines(True)
    assert new[: block.first_line + 1] == old[: block.first_line + 1]  # up to "downloader"
    assert new[block.first_line + 1] == "  ignore\n"
    assert new[block.first_line + 2 :] == old[block.first_line + 1 :]
    assert set_ignored(disabled, name, ignored=False).encode() == data
    # Enabling the source medium removes exactly its ignore line.
    src = third_party[2].name
    enabled = set_ignored(data, src, ignored=False)
    assert len(enabled.splitlines()) == len(old) - 1
    assert parse_urpmicfg(enabled, source="x").medium(src).enabled
    assert set_ignored(enabled, src, ignored=True).encode() == data


# ---------------------------------------------------------------- writing urpmi.addmedia's way


def test_add_medium_single() -> None:
    text = add_medium("", name="test", url="file:///srv/mirror/distrib/9/x86_64/media/core/release")
    assert text == ADDMEDIA_SINGLE


def test_add_medium_distrib() -> None:
    text = ""
    text = add_medium(text, name="Core Release", url=SIGNED + "release", key_ids=["b3dde119"])
    text = add_medium(
        text, name="Core Updates", url=SIGNED + "updates", key_ids=["B3DDE119"], update=True
    )
    text = add_medium(text, name="Core Backports", url=SIGNED + "backports", ignore=True)
    assert text == ADDMEDIA_DISTRIB
    assert [m.enabled for m in _parse(text).media] == [True, True, False]


def test_add_medium_distrib_mirrorlist() -> None:
    text = ""
    for name, path, options in (
        ("Core Release", "release", {"key_ids": ("b3dde119",)}),
        ("Core Updates", "updates", {"key_ids": ("b3dde119",), "update": True}),
        ("Core Backports", "backports", {"ignore": True}),
    ):
        text = add_medium(
            text,
            name=name,
            mirrorlist=MIRRORS,
            with_dir=f"media/core/{path}",
            key_ids=tuple(options.get("key_ids", ())),  # type: ignore[arg-type]
            update=bool(options.get("update")),
            ignore=bool(options.get("ignore")),
        )
    assert text == ADDMEDIA_MIRRORLIST


def test_add_medium_other_options_and_line_ends() -> None:
    text = add_medium(
        "{\r\n}\r\n",
        name="Local",
        url="/srv/m",
        media_info_dir="info",
        verify_rpm=False,
        key_ids=["a", "b"],
    )
    assert text == (
        "{\r\n}\r\n\r\nLocal /srv/m {\r\n  key-ids: a,b\r\n  media_info_dir: info\r\n"
        "  verify-rpm: 0\r\n}\r\n"
    )
    assert add_medium("{\n}", name="m", url="u", media_info_dir="media_info") == (
        "{\n}\n\nm u {\n}\n"
    )
    # A file written by urpmi 6.x ends every block with a blank line; so does the new one.
    assert add_medium("{\n}\n\n", name="m", url="u", verify_rpm=True) == (
        "{\n}\n\nm u {\n  verify-rpm: 1\n}\n\n"
    )
    # Comments only: the global block comes first.
    assert add_medium("# hand made\n", name="m", url="u") == "# hand made\n{\n}\n\nm u {\n}\n"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": "Main"}, "already exists"),
        ({"name": ""}, "name cannot be used"),
        ({"name": "a/b"}, "name cannot be used"),
        ({"name": "a\tb"}, "name cannot be used"),
        ({"name": "a\nb"}, "name cannot be used"),
        ({"name": "a\\"}, "name cannot be used"),
        ({"name": "#comment"}, "cannot be written"),
        ({"name": "m", "url": "u\\"}, "url cannot be written"),
        ({"name": "m", "url": " u"}, "url cannot be written"),
        ({"name": "m", "url": "u\x7f"}, "url cannot be written"),
        ({"name": "m", "mirrorlist": "'$MIRRORLIST'"}, "value cannot be written"),
        ({"name": "m", "with_dir": "media/x "}, "value cannot be written"),
        ({"name": "m", "key_ids": ["a b"]}, "key id cannot be written"),
        ({"name": "m", "key_ids": [""]}, "key id cannot be written"),
    ],
)
def test_add_medium_refuses(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(UrpmiCfgError, match=match):
        add_medium(MANDRIVA, **kwargs)  # type: ignore[arg-type]


def test_add_medium_existing_names_its_line() -> None:
    with pytest.raises(UrpmiCfgError) as info:
        add_medium(MANDRIVA, name="Main Updates", url="u")
    assert info.value.line == 8


# ---------------------------------------------------------------- editing


def test_set_ignored_positions() -> None:
    text = "{\n}\n\nm u {\n  # about keys\n  key-ids: 1\n  update\n}\n\nn v {\n}\n"
    assert set_ignored(text, "m", ignored=True) == (
        "{\n}\n\nm u {\n  ignore\n  # about keys\n  key-ids: 1\n  update\n}\n\nn v {\n}\n"
    )
    assert set_ignored(text, "n", ignored=True) == text.replace("n v {\n", "n v {\n  ignore\n")
    assert set_ignored(text, "m", ignored=False) == text  # already enabled
    with pytest.raises(MediumNotFoundError):
        set_ignored(text, "x", ignored=True)


def test_set_ignored_crlf_and_all_ignore_lines() -> None:
    text = "m u {\r\n  downloader: wget\r\n}\r\n"
    assert set_ignored(text, "m", ignored=True) == (
        "m u {\r\n  downloader: wget\r\n  ignore\r\n}\r\n"
    )
    twice = "m u {\n  ignore\n\tignore\n  update\n}"
    assert set_ignored(twice, "m", ignored=False) == "m u {\n  update\n}"
    assert set_ignored(twice, "m", ignored=True) == twice


def test_set_option_key_ids() -> None:
    text = "m u {\n  update\n}\n"
    with_keys = set_option(text, "m", "key-ids", "b3dde119")
    assert with_keys == "m u {\n  key-ids: b3dde119\n  update\n}\n"
    assert set_option(with_keys, "m", "key_ids", None) == text
    assert set_option(text, "m", "key-ids", None) == text
    legacy = "m u {\n\tkey_ids: '1'\r\n  update\n  key-ids: 2\n}\n"
    assert set_option(legacy, "m", "key-ids", "3,4") == "m u {\n\tkey-ids: 3,4\r\n  update\n}\n"


def test_set_option_booleans_and_values() -> None:
    text = "m u {\n  no-verify-rpm\n}\n"
    assert set_option(text, "m", "verify-rpm", "1") == "m u {\n  verify-rpm: 1\n}\n"
    assert set_option(text, "m", "verify-rpm", None) == "m u {\n}\n"
    assert set_option(text, "m", "downloader", "curl") == (
        "m u {\n  downloader: curl\n  no-verify-rpm\n}\n"
    )


@pytest.mark.parametrize(
    ("key", "value", "match"),
    [
        ("update", "1", "not an urpmi.cfg value option"),
        ("nosuch", "1", "not an urpmi.cfg value option"),
        ("verify-rpm", "yes", "takes 0 or 1"),
        ("downloader", "", "cannot be written"),
        ("downloader", " curl", "cannot be written"),
        ("downloader", "'curl'", "cannot be written"),
        ("downloader", "cu\nrl", "cannot be written"),
        # Read back, a line ending in a brace would open or close a block.
        ("with-dir", "media/x {", "cannot be written"),
        ("with-dir", "media/x }", "cannot be written"),
    ],
)
def test_set_option_refuses(key: str, value: str, match: str) -> None:
    with pytest.raises(UrpmiCfgError, match=match):
        set_option("m u {\n}\n", "m", key, value)


def test_remove_medium() -> None:
    assert (
        remove_medium(ADDMEDIA_DISTRIB, "Core Backports")
        == ADDMEDIA_DISTRIB.rsplit("\n\nCore\\ Backports", 1)[0] + "\n"
    )
    middle = remove_medium(ADDMEDIA_DISTRIB, "Core Updates")
    assert parse_urpmicfg(middle, source="u").names == ("Core Release", "Core Backports")
    assert "}\n\nCore\\ Backports" in middle
    assert remove_medium("{\n}\nm u {\n}", "m") == "{\n}\n"
    assert remove_medium("m u {\n}\n", "m") == ""
    with pytest.raises(MediumNotFoundError):
        remove_medium(ADDMEDIA_DISTRIB, "Core")


def test_add_then_remove_restores_the_real_file(realdata: Path) -> None:
    data = (realdata / "edumagic-edumagic/urpmi.cfg").read_text()
    added = add_medium(data, name="XtreemOS Testing", url="http://m/testing", ignore=True)
    assert added.startswith(data)
    assert remove_medium(added, "XtreemOS Testing") == data


# ---------------------------------------------------------------- properties

_name_chars = st.sampled_from([*"abcXYZ019 ()$'\"-_.,:{}#\\\t", "RELEASE", "ARCH"])
# Any name urpmi.cfg can hold (tabs included, escaped like blanks)...
_any_names = (
    st.lists(_name_chars, min_size=1, max_size=8)
    .map("".join)
    .filter(lambda n: "\n" not in n and not n.endswith("\\") and not n.startswith("#"))
)
# ...and the ones add_medium accepts.
_names = _any_names.filter(str.isprintable)
_urls = st.sampled_from(
    [
        "",
        "http://m/$RELEASE/$ARCH/media/main",
        "ftp://ftp.free.fr/mirrors/2009.0/i586/media/main/updates",
        "cdrom://i586/media/main",
        "file:///srv/with space/x",
        "/srv/mirror/distrib/9/x86_64/media/core/release",
    ]
)
_option_lines = st.sampled_from(
    [
        "key-ids: 70771ff3",
        "key_ids: '22458a98'",
        'key-ids: "1,2"',
        "downloader: wget",
        "priority-upgrade: 'kernel'",
        "update",
        "static",
        "verify-rpm: no",
        "no-verify-rpm",
        "verify-rpm : yes",
        "modified",
        "# a comment {",
        "",
        "something unknown",
        "with-dir: media/main/release",
        "mirrorlist: $MIRRORLIST",
    ]
)
_indents = st.sampled_from(["", "  ", "\t", "    "])
_seps = st.sampled_from([" ", "  ", "\t"])
_outside = st.sampled_from(["", "# comment", "   ", "\t# indented comment", "stray words"])


@st.composite
def _configs(draw: st.DrawFn) -> tuple[str, list[str], list[bool]]:
    """A urpmi.cfg text, its media names and whether each one is enabled."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    names = draw(st.lists(_any_names, unique=True, max_size=4))
    lines: list[str] = []
    if draw(st.booleans()):
        lines += [
            "{",
            *(draw(_indents) + o for o in draw(st.lists(_option_lines, max_size=2))),
            "}",
        ]
    enabled: list[bool] = []
    for name in names:
        lines += draw(st.lists(_outside, max_size=2))
        url = draw(_urls)
        sep = draw(_seps)
        head = quotespace(name) + (sep + quotespace(url) if url else " ") + draw(_seps) + "{"
        options = [draw(_indents) + o for o in draw(st.lists(_option_lines, max_size=4))]
        ignored = draw(st.booleans())
        if ignored:
            options.insert(draw(st.integers(0, len(options))), draw(_indents) + "ignore")
        enabled.append(not ignored)
        lines += [draw(_indents) + head, *options, draw(_indents) + "}"]
    lines += draw(st.lists(_outside, max_size=2))
    text = eol.join(lines)
    if draw(st.booleans()) and lines:
        text += eol
    return text, names, enabled


def _outside_block_unchanged(old: str, new: str, block: CfgBlock) -> None:
    """Every line before and after ``block`` is byte-identical in ``new``."""
    a, b = old.split("\n"), new.split("\n")
    head = block.first_line  # lines before the block, plus its opening line
    tail = len(a) - block.last_line + 1  # the closing line and everything after
    assert b[:head] == a[:head]
    assert b[len(b) - tail :] == a[len(a) - tail :]


@pytest.mark.property
@settings(max_examples=120)
@given(_configs())
def test_parse_dump_is_identity(config: tuple[str, list[str], list[bool]]) -> None:
    text, names, enabled = config
    cfg = parse_urpmicfg(text, source="u")
    assert cfg.dump() == text
    assert "".join(line.text for line in cfg.lines) == text
    assert list(cfg.names) == names
    assert [m.enabled for m in cfg.media] == enabled
    assert parse_urpmicfg(text.encode(), source="u").dump() == text


@pytest.mark.property
@settings(max_examples=80)
@given(_configs())
def test_set_ignored_is_local_and_reversible(config: tuple[str, list[str], list[bool]]) -> None:
    text, names, enabled = config
    cfg = parse_urpmicfg(text, source="u")
    for name, on in zip(names, enabled, strict=True):
        block = cfg.block(name)
        toggled = set_ignored(text, name, ignored=on)
        _outside_block_unchanged(text, toggled, block)
        assert parse_urpmicfg(toggled, source="u").medium(name).enabled is not on
        if on:
            assert set_ignored(toggled, name, ignored=False) == text
            assert len(toggled.split("\n")) == len(text.split("\n")) + 1
        assert set_ignored(text, name, ignored=not on) == text


@pytest.mark.property
@settings(max_examples=80)
@given(_configs(), st.sampled_from(["key-ids", "downloader", "verify-rpm"]))
def test_set_option_is_local(config: tuple[str, list[str], list[bool]], key: str) -> None:
    text, names, _ = config
    cfg = parse_urpmicfg(text, source="u")
    for name in names:
        value = "1" if key == "verify-rpm" else "b3dde119"
        edited = set_option(text, name, key, value)
        _outside_block_unchanged(text, edited, cfg.block(name))
        assert parse_urpmicfg(edited, source="u").block(name).get(key) == value
        removed = set_option(edited, name, key, None)
        _outside_block_unchanged(text, removed, cfg.block(name))
        assert parse_urpmicfg(removed, source="u").block(name).get(key) is None


@pytest.mark.property
@settings(max_examples=80)
@given(_configs(), _names, _urls, st.booleans())
def test_add_then_remove_is_identity(
    config: tuple[str, list[str], list[bool]], name: str, url: str, ignore: bool
) -> None:
    text, names, _ = config
    assume(name not in names)
    cfg = parse_urpmicfg(text, source="u")
    added = add_medium(text, name=name, url=url, ignore=ignore, key_ids=["b3dde119"])
    new = parse_urpmicfg(added, source="u")
    assert new.names == (*cfg.names, name)
    assert new.medium(name).url == url
    assert new.medium(name).enabled is not ignore
    if cfg.blocks and text.endswith("\n"):
        assert added.startswith(text)
        assert remove_medium(added, name) == text
    for old in names:  # removing another medium touches only its own block and separator
        removed = parse_urpmicfg(remove_medium(text, old), source="u")
        assert old not in removed.names
        size = cfg.block(old).last_line - cfg.block(old).first_line + 1
        assert len(cfg.lines) - len(removed.lines) in (size, size + 1)
