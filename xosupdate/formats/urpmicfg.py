# SPDX-License-Identifier: GPL-2.0-or-later
"""/etc/urpmi/urpmi.cfg, read and edited losslessly (formats layer; formats.md §3, §12.2).

urpmi rewrites the whole file when it changes it (options sorted, unknown lines dropped,
variables put back). xosupdate never does: ``parse_urpmicfg`` keeps every line's exact text
(``UrpmiCfg.dump()`` gives the input back byte for byte) and the edits are text-to-text
functions that touch only the lines of the block they edit. The caller writes the result
atomically.

The grammar is urpmi's ``load_config_raw`` (6.17 and 8.x): lines split on ``\\n``; a line
whose first non-blank character is ``#`` is a comment; other lines are trimmed; ``{`` alone
opens the global block; ``name [url] {`` (blanks in name and url escaped as ``\\ ``) opens a
medium block; ``}`` alone closes the open block; inside, ``key: value`` options (one pair of
surrounding quotes dropped), bare flags and ``[no-]boolean[: yes|on|1|no|off|0]``. Unknown
lines are kept and reported as warnings. Syntax errors are urpmi's ("syntax error in config
file at line N"): ``{`` while a block is open, ``}`` without one, a medium defined twice; and
xosupdate's own, where urpmi would silently misread the file: a block never closed (a
truncated file), ``}`` sharing its line with something else, an option outside any block, a
line ending in ``{`` that is not a readable medium header.

``$ARCH``, ``$RELEASE``, ``$HOST`` and ``$MIRRORLIST`` stay as written; ``expand`` replaces
them when a caller needs the value urpmi would use. Names are therefore compared as written:
urpmi, which expands first, would also see ``a$ARCH`` and ``ai586`` as the same medium.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from xosupdate.domain.medium import Medium, classify_medium
from xosupdate.errors import MediumNotFoundError, UrpmiCfgError
from xosupdate.formats._text import check_lines

__all__ = [
    "BOOLEAN_OPTIONS",
    "FLAG_OPTIONS",
    "VALUE_OPTIONS",
    "CfgBlock",
    "CfgLine",
    "LineKind",
    "UrpmiCfg",
    "UrpmiCfgWarning",
    "add_medium",
    "decode_urpmicfg",
    "dump_urpmicfg",
    "encode_urpmicfg",
    "expand",
    "parse_urpmicfg",
    "quotespace",
    "remove_medium",
    "set_ignored",
    "set_option",
    "unquotespace",
]

# Options with a value, urpmi 6.17 and 8.x together (key-ids is handled on its own).
VALUE_OPTIONS: Final = frozenset(
    {
        "hdlist", "list", "with_hdlist", "with_synthesis", "with-dir", "mirrorlist",
        "media_info_dir", "removable", "md5sum", "limit-rate",
        "nb-of-new-unrequested-pkgs-between-auto-select-orphans-check", "xml-info",
        "excludepath", "split-level", "split-length", "priority-upgrade", "prohibit-remove",
        "downloader", "retry", "default-media", "download-all", "tune-rpm", "curl-options",
        "rsync-options", "wget-options", "prozilla-options", "aria2-options",
    }
)  # fmt: skip
# Bare words (``hdlist`` and ``synthesis`` are accepted and ignored by urpmi 8.x).
FLAG_OPTIONS: Final = frozenset(
    {
        "update", "ignore", "synthesis", "hdlist", "noreconfigure", "no-suggests",
        "no-recommends", "no-media-info", "static", "virtual", "disable-certificate-check",
    }
)  # fmt: skip
# ``[no-]name[: value]``.
BOOLEAN_OPTIONS: Final = frozenset(
    {
        "verify-rpm", "norebuild", "fuzzy", "allow-force", "allow-nodeps", "pre-clean",
        "post-clean", "excludedocs", "compress", "keep", "ignoresize", "auto", "repackage",
        "strict-arch", "nopubkey", "resume",
    }
)  # fmt: skip
_KEY_IDS: Final = "key-ids"
_WS: Final = " \t\r\f\v"
_TRUE: Final = frozenset({"yes", "on", "1", ""})
_QUOTES: Final = "'\""
_ESCAPED_BLANK: Final = re.compile(r"\\([ \t\r\f\v])")
_BLANK: Final = re.compile(r"([ \t\r\f\v])")
# The bytes decode_urpmicfg could not read as UTF-8.
_FOREIGN: Final = re.compile("[\udc80-\udcff]")
_KEY_ID_SEPARATORS: Final = re.compile(r"[\s,]+")


class LineKind(enum.StrEnum):
    """What one line of urpmi.cfg is."""

    BLANK = "blank"
    COMMENT = "comment"
    OPEN_GLOBAL = "open-global"
    OPEN_MEDIUM = "open-medium"
    CLOSE = "close"
    VALUE = "value"  # key: value
    FLAG = "flag"  # a bare word
    BOOLEAN = "boolean"  # [no-]name[: value]
    OBSOLETE = "obsolete"  # "modified", ignored by urpmi
    UNKNOWN = "unknown"  # kept verbatim, reported as a warning

    @property
    def is_option(self) -> bool:
        """A line that sets an option of its block."""
        return self in (LineKind.VALUE, LineKind.FLAG, LineKind.BOOLEAN)


@dataclass(frozen=True, slots=True, kw_only=True)
class CfgLine:
    """One line of urpmi.cfg, exactly as written.

    Attributes:
        number: 1-based line number.
        text: the line's exact text, terminator (``\\n``) included when it has one.
        block: index in ``UrpmiCfg.blocks`` of the block the line belongs to (its opening and
            closing lines included), None outside blocks.
        key: for options, the option name as urpmi stores it (``key_ids`` → ``key-ids``,
            booleans without ``no-``).
        value: for options, the value urpmi stores: quotes stripped, booleans ``1``/``0``,
            flags ``1``.
    """

    number: int
    text: str
    kind: LineKind
    block: int | None = None
    key: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CfgBlock:
    """The global block (``name == ""``) or a medium block.

    Attributes:
        name, url: unescaped (``\\ `` → blank), variables unexpanded; url ``""`` when absent.
        first_line, last_line: line numbers of the ``{`` and ``}`` lines.
        options: the options urpmi reads, in order of first appearance; when a key is set
            twice the last value counts, as in urpmi.
    """

    name: str
    url: str = ""
    first_line: int
    last_line: int
    options: tuple[tuple[str, str], ...] = ()

    @property
    def is_global(self) -> bool:
        """The block of global options."""
        return not self.name

    def get(self, key: str) -> str | None:
        """The value of option ``key`` (``key_ids`` may be spelled either way), or None."""
        if key == "key_ids":
            key = _KEY_IDS
        for k, v in self.options:
            if k == key:
                return v
        return None

    def flag(self, key: str) -> bool:
        """A flag or boolean that is set (``1``)."""
        return self.get(key) == "1"


@dataclass(frozen=True, slots=True, kw_only=True)
class UrpmiCfgWarning:
    """Something urpmi itself would warn about, with its line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _medium(block: CfgBlock) -> Medium:
    update = block.flag("update")
    with_dir = block.get("with-dir") or ""
    verify = block.get("verify-rpm")
    key_ids = tuple(k.lower() for k in _KEY_ID_SEPARATORS.split(block.get(_KEY_IDS) or "") if k)
    return Medium(
        name=block.name,
        url=block.url,
        mirrorlist=block.get("mirrorlist") or "",
        with_dir=with_dir,
        enabled=not block.flag("ignore"),
        update=update,
        key_ids=key_ids,
        media_info_dir=block.get("media_info_dir") or "",
        with_synthesis=block.get("with_synthesis") or "",
        verify_rpm=None if verify is None else verify == "1",
        static=block.flag("static"),
        virtual=block.flag("virtual"),
        kind=classify_medium(block.name, block.url, with_dir, update=update),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class UrpmiCfg:
    """urpmi.cfg as a document: every line, the blocks, urpmi's view of them.

    Attributes:
        text: the whole file as read; ``dump()`` returns it.
        lines: every line, in order.
        blocks: the global block(s) and the media, in file order.
        warnings: unknown lines and other things urpmi would warn about.
    """

    text: str
    source: str
    lines: tuple[CfgLine, ...] = ()
    blocks: tuple[CfgBlock, ...] = ()
    warnings: tuple[UrpmiCfgWarning, ...] = ()

    @property
    def media(self) -> tuple[Medium, ...]:
        """The media in configuration order (the order urpmi ranks them)."""
        return tuple(_medium(b) for b in self.blocks if not b.is_global)

    @property
    def names(self) -> tuple[str, ...]:
        """The media names in configuration order."""
        return tuple(b.name for b in self.blocks if not b.is_global)

    @property
    def global_options(self) -> Mapping[str, str]:
        """The options of the global block (urpmi reads only the first one)."""
        for block in self.blocks:
            if block.is_global:
                return MappingProxyType(dict(block.options))
        return MappingProxyType({})

    def block(self, name: str) -> CfgBlock:
        """The block of medium ``name`` (exact name, as urpmi.removemedia matches).

        Raises:
            MediumNotFoundError: no medium is called ``name``.
        """
        for block in self.blocks:
            if block.name == name and not block.is_global:
                return block
        raise MediumNotFoundError(name, known=self.names)

    def medium(self, name: str) -> Medium:
        """The medium called ``name``.

        Raises:
            MediumNotFoundError: no medium is called ``name``.
        """
        return _medium(self.block(name))

    def dump(self) -> str:
        """The text of the file, byte for byte what was parsed."""
        return self.text


# ---------------------------------------------------------------- reading


def quotespace(text: str) -> str:
    """urpmi's ``quotespace``: a backslash before every blank."""
    return _BLANK.sub(r"\\\1", text)


def unquotespace(text: str) -> str:
    """urpmi's ``unquotespace``: ``\\ `` (backslash, blank) becomes the blank."""
    return _ESCAPED_BLANK.sub(r"\1", text)


def _split_header(line: str) -> tuple[str, str] | None:
    """Name and url of a trimmed ``name [url] {`` line, still escaped, or None.

    urpmi matches ``^(.*?[^\\\\])\\s+(?:(.*?[^\\\\])\\s+)?{$``: the name ends at the first blank
    not escaped by a backslash, the url (optional) at the last blank run before ``{``. This
    is the same decision computed in linear time; the test suite checks it against the
    regular expression.
    """
    body = line[:-1]
    n = len(body)
    i = 1
    while i < n and not (body[i] in _WS and body[i - 1] != "\\"):
        i += 1
    if i >= n:
        return None
    j = i
    while j < n and body[j] in _WS:
        j += 1
    if j == n:
        return body[:i], ""
    end = n
    while body[end - 1] in _WS:
        end -= 1
    if end == n:
        return None  # no blank before "{"
    if body[end - 1] != "\\":
        return body[:i], body[j:end]
    # The url ends in "\": its last character must be the first (escaped) blank.
    if end + 1 < n:
        return body[:i], body[j : end + 1]
    return None


def _strip_quotes(value: str) -> str:
    # urpmi: \s*['"]?(.*?)['"]?$ -- one optional quote at each end, not necessarily paired.
    if value and value[0] in _QUOTES:
        value = value[1:]
    if value and value[-1] in _QUOTES:
        value = value[:-1]
    return value


def _option(content: str) -> tuple[LineKind, str, str]:
    """Kind, key and value of a trimmed line inside a block (urpmi's order of tests)."""
    if not content:
        return LineKind.BLANK, "", ""
    name, colon, rest = content.partition(":")
    name = name.rstrip(_WS)
    if colon and name in VALUE_OPTIONS:
        return LineKind.VALUE, name, _strip_quotes(rest.lstrip(_WS))
    if colon and name in (_KEY_IDS, "key_ids"):
        return LineKind.VALUE, _KEY_IDS, _strip_quotes(rest.lstrip(_WS))
    if content in FLAG_OPTIONS:
        return LineKind.FLAG, content, "1"
    negated = content.startswith("no-")
    body = content[3:] if negated else content
    name, colon, rest = body.partition(":")
    name = name.rstrip(_WS) if colon else name
    if name in BOOLEAN_OPTIONS:
        truth = rest.lstrip(_WS).lower() in _TRUE
        return LineKind.BOOLEAN, name, "1" if truth != negated else "0"
    if content == "modified":
        return LineKind.OBSOLETE, "", ""
    return LineKind.UNKNOWN, "", ""


class _Open:
    """The block being read."""

    __slots__ = ("first", "index", "name", "options", "url")

    def __init__(self, index: int, first: int, name: str, url: str) -> None:
        self.index = index
        self.first = first
        self.name = name
        self.url = url
        self.options: dict[str, str] = {}


def decode_urpmicfg(data: str | bytes) -> str:
    """urpmi.cfg's text. urpmi reads it as bytes, so a comment an older tool wrote in
    Latin-1 is fine to it: a byte that is not UTF-8 is kept as it is (as a lone surrogate,
    ``encode_urpmicfg`` gives it back), and ``parse_urpmicfg`` refuses it outside comments.
    """
    return data if isinstance(data, str) else data.decode("utf-8", "surrogateescape")


def encode_urpmicfg(text: str) -> bytes:
    """The bytes to write for ``text`` (from ``decode_urpmicfg``): every byte read comes
    back as it was."""
    return text.encode("utf-8", "surrogateescape")


def _check_foreign(raw: list[str], *, source: str) -> None:
    """Refuse a byte that is not UTF-8 outside a comment: in a medium's name, URL or option
    it would be shown, compared and written as something else than urpmi reads."""
    for number, line in enumerate(raw, 1):
        found = _FOREIGN.search(line)
        if found is not None and not line.lstrip(_WS).startswith("#"):
            byte = ord(found.group()) - 0xDC00
            raise UrpmiCfgError(
                f"not valid UTF-8 (byte 0x{byte:02x}), which only a comment may hold",
                source=source,
                line=number,
            )


def _syntax(reason: str, *, source: str, line: int) -> UrpmiCfgError:
    return UrpmiCfgError(f"syntax error: {reason}", source=source, line=line)


def parse_urpmicfg(data: str | bytes, *, source: str) -> UrpmiCfg:
    """Read urpmi.cfg (see the module docstring for the grammar).

    Raises:
        UrpmiCfgError: naming the line of a syntax error, a medium defined twice, a block
            never closed, a NUL byte, a line over 64 KiB, or, outside comments, bytes
            that are not UTF-8.
    """
    text = decode_urpmicfg(data)
    pieces = text.split("\n")
    raw = [p + "\n" for p in pieces[:-1]]
    if pieces[-1]:
        raw.append(pieces[-1])
    if _FOREIGN.search(text) is not None:
        _check_foreign(raw, source=source)
    check_lines(text, [r.removesuffix("\n") for r in raw], source=source, error=UrpmiCfgError)
    lines: list[CfgLine] = []
    blocks: list[CfgBlock] = []
    warnings: list[UrpmiCfgWarning] = []
    names: dict[str, int] = {}
    have_global = False
    current: _Open | None = None
    for number, line_text in enumerate(raw, 1):
        content = line_text.removesuffix("\n")
        block = None if current is None else current.index
        if content.lstrip(_WS).startswith("#"):
            lines.append(CfgLine(number=number, text=line_text, kind=LineKind.COMMENT, block=block))
            continue
        stripped = content.strip(_WS)
        if stripped == "}":
            if current is None:
                raise _syntax("'}' without an open block", source=source, line=number)
            blocks.append(
                CfgBlock(
                    name=current.name,
                    url=current.url,
                    first_line=current.first,
                    last_line=number,
                    options=tuple(current.options.items()),
                )
            )
            lines.append(CfgLine(number=number, text=line_text, kind=LineKind.CLOSE, block=block))
            current = None
            continue
        if stripped.endswith("{"):
            if current is not None:
                raise _syntax(
                    f"'{{' while the block opened on line {current.first} is open",
                    source=source,
                    line=number,
                )
            index = len(blocks)
            if stripped == "{":
                if have_global:
                    warnings.append(
                        UrpmiCfgWarning(
                            line=number, message="second global block (urpmi reads only the first)"
                        )
                    )
                have_global = True
                current = _Open(index, number, "", "")
                kind = LineKind.OPEN_GLOBAL
            else:
                header = _split_header(stripped)
                if header is None:
                    raise _syntax(
                        f"unreadable medium header {stripped[:80]!r}", source=source, line=number
                    )
                name, url = unquotespace(header[0]), unquotespace(header[1])
                if name in names:
                    raise UrpmiCfgError(
                        f"medium {name!r} is defined twice (first on line {names[name]})",
                        source=source,
                        line=number,
                    )
                names[name] = number
                current = _Open(index, number, name, url)
                kind = LineKind.OPEN_MEDIUM
            lines.append(CfgLine(number=number, text=line_text, kind=kind, block=index))
            continue
        if stripped.startswith("}") or stripped.endswith("}"):
            raise _syntax("'}' must be alone on its line", source=source, line=number)
        kind, key, value = _option(stripped)
        if kind.is_option:
            if current is None:
                raise _syntax(
                    f"option {stripped[:40]!r} outside of a block", source=source, line=number
                )
            current.options[key] = value
        elif kind is LineKind.UNKNOWN:
            warnings.append(UrpmiCfgWarning(line=number, message=f"unknown line {stripped!r}"))
        lines.append(
            CfgLine(number=number, text=line_text, kind=kind, block=block, key=key, value=value)
        )
    if current is not None:
        raise UrpmiCfgError(
            f"block opened on line {current.first} is never closed (truncated file?)",
            source=source,
            line=len(raw),
        )
    return UrpmiCfg(
        text=text,
        source=source,
        lines=tuple(lines),
        blocks=tuple(blocks),
        warnings=tuple(warnings),
    )


def dump_urpmicfg(cfg: UrpmiCfg) -> str:
    """The text of ``cfg``: exactly what was parsed (see ``UrpmiCfg.dump``)."""
    return cfg.dump()


def expand(value: str, variables: Mapping[str, str]) -> str:
    """Replace ``$NAME`` (followed by a non-word character) for each ``NAME`` in ``variables``.

    urpmi expands ``$HOST``, ``$ARCH`` and ``$RELEASE`` when it reads urpmi.cfg;
    ``$MIRRORLIST`` is resolved later, by the mirror code. One pass: a replacement text is
    never expanded again.

    >>> expand("http://m/$RELEASE/$ARCH/media/main", {"ARCH": "i586", "RELEASE": "2009.0"})
    'http://m/2009.0/i586/media/main'
    """
    if not variables:
        return value
    names = sorted(variables, key=len, reverse=True)
    pattern = re.compile(r"\$(" + "|".join(map(re.escape, names)) + r")\b", re.ASCII)
    return pattern.sub(lambda m: variables[m.group(1)], value)


# ---------------------------------------------------------------- editing


def _eol(line: CfgLine) -> str:
    return "\r\n" if line.text.endswith("\r\n") else "\n"


def _join(lines: Iterable[CfgLine]) -> str:
    return "".join(line.text for line in lines)


def _is_blank(line: CfgLine) -> bool:
    return not line.text.strip(_WS + "\n")


def _insert_sorted(cfg: UrpmiCfg, block: CfgBlock, key: str, content: str) -> str:
    """Insert ``content`` (one option line, indented by two blanks) where urpmi sorts it.

    After the last option of the block whose key sorts before ``key``, else right after the
    block's opening line; comments and blank lines stay where they are.
    """
    index = block.first_line - 1
    for line in cfg.lines[block.first_line : block.last_line - 1]:
        if line.kind.is_option and line.key < key:
            index = line.number - 1
    after = cfg.lines[index]
    new = f"  {content}{_eol(after)}"
    return _join(cfg.lines[: index + 1]) + new + _join(cfg.lines[index + 1 :])


def _options_of(cfg: UrpmiCfg, block: CfgBlock, *keys: str) -> list[CfgLine]:
    return [
        line
        for line in cfg.lines[block.first_line : block.last_line - 1]
        if line.kind.is_option and line.key in keys
    ]


def _without(cfg: UrpmiCfg, drop: Iterable[CfgLine]) -> str:
    numbers = {line.number for line in drop}
    return _join(line for line in cfg.lines if line.number not in numbers)


def set_ignored(text: str | bytes, medium: str, *, ignored: bool, source: str = "urpmi.cfg") -> str:
    """Disable (``ignored=True``) or enable a medium, changing only its ``ignore`` line.

    Disabling adds one ``  ignore`` line inside the block where urpmi would sort it;
    enabling removes the block's ``ignore`` line(s). Nothing else changes; a medium already
    in the wanted state gives the text back unchanged.

    Raises:
        MediumNotFoundError: no medium is called ``medium``.
        UrpmiCfgError: ``text`` is not a readable urpmi.cfg.
    """
    cfg = parse_urpmicfg(text, source=source)
    block = cfg.block(medium)
    flags = [line for line in _options_of(cfg, block, "ignore") if line.kind is LineKind.FLAG]
    if ignored == bool(flags):
        return cfg.text
    if ignored:
        return _insert_sorted(cfg, block, "ignore", "ignore")
    return _without(cfg, flags)


def _check_text(value: str, *, what: str, source: str, field: str) -> None:
    if not value.isprintable() or value != value.strip(_WS) or value.endswith("\\"):
        raise UrpmiCfgError(
            f"{what} cannot be written in urpmi.cfg: {value!r}", source=source, field=field
        )


def _check_value(value: str, *, source: str, field: str) -> None:
    _check_text(value, what="value", source=source, field=field)
    # A line ending in a brace opens or closes a block when read back.
    if not value or value[0] in _QUOTES or value[-1] in _QUOTES or value[-1] in "{}":
        raise UrpmiCfgError(
            f"value cannot be written in urpmi.cfg: {value!r}", source=source, field=field
        )


def set_option(
    text: str | bytes, medium: str, key: str, value: str | None, *, source: str = "urpmi.cfg"
) -> str:
    """Set (or, with ``None``, remove) a value option of a medium, such as ``key-ids``.

    An existing line for the option is rewritten in place (its indentation and line end
    kept; further lines setting the same option are removed); otherwise one line is added
    where urpmi would sort it. Booleans (``verify-rpm``...) take ``0`` or ``1``; an existing
    ``no-verify-rpm`` line is the same option. Nothing outside the block changes.

    Raises:
        MediumNotFoundError: no medium is called ``medium``.
        UrpmiCfgError: ``key`` is not an urpmi value option or boolean, or ``value`` cannot
            be written (empty, blanks around it, quotes at its ends, control characters).
    """
    cfg = parse_urpmicfg(text, source=source)
    block = cfg.block(medium)
    name = _KEY_IDS if key == "key_ids" else key
    if name not in VALUE_OPTIONS and name not in BOOLEAN_OPTIONS and name != _KEY_IDS:
        raise UrpmiCfgError(f"not an urpmi.cfg value option: {key!r}", source=source, field=key)
    if value is not None:
        _check_value(value, source=source, field=key)
        if name in BOOLEAN_OPTIONS and value not in ("0", "1"):
            raise UrpmiCfgError(f"{name} takes 0 or 1, not {value!r}", source=source, field=key)
    existing = [
        line
        for line in _options_of(cfg, block, name)
        if line.kind in (LineKind.VALUE, LineKind.BOOLEAN)
    ]
    if value is None:
        return _without(cfg, existing) if existing else cfg.text
    content = f"{name}: {value}"
    if not existing:
        return _insert_sorted(cfg, block, name, content)
    first = existing[0]
    indent = first.text[: len(first.text) - len(first.text.lstrip(_WS))]
    replaced = f"{indent}{content}{_eol(first)}"
    drop = {line.number for line in existing[1:]}
    return "".join(
        replaced if line.number == first.number else line.text
        for line in cfg.lines
        if line.number not in drop
    )


def add_medium(
    text: str | bytes,
    *,
    name: str,
    url: str = "",
    mirrorlist: str = "",
    with_dir: str = "",
    update: bool = False,
    ignore: bool = False,
    key_ids: Iterable[str] = (),
    media_info_dir: str | None = None,
    verify_rpm: bool | None = None,
    source: str = "urpmi.cfg",
) -> str:
    """Append a medium block exactly as ``urpmi.addmedia`` writes it (formats.md §12.2).

    ``Name\\ With\\ Blanks url {``, or ``Name  {`` (two blanks) for a mirror-list medium
    without url; options sorted, indented by two blanks; ``key-ids`` comma-separated;
    ``media_info_dir`` left out when it is the default ``media_info``; a blank line between
    blocks (after the new block too when the file already ends with one, as urpmi 6.x
    wrote it). An empty global block ``{`` ``}`` comes first when the file has no block at
    all. Line ends follow the file's first line.

    Raises:
        UrpmiCfgError: the medium exists, the name is empty or holds ``/`` or a control
            character, or a value cannot be written in urpmi.cfg.
    """
    cfg = parse_urpmicfg(text, source=source)
    if name in cfg.names:
        existing = cfg.block(name)
        raise UrpmiCfgError(
            f"medium {name!r} already exists", source=source, line=existing.first_line
        )
    if not name or "/" in name or not name.isprintable() or name.endswith("\\"):
        raise UrpmiCfgError(f"medium name cannot be used: {name!r}", source=source, field="name")
    if url:
        _check_text(url, what="url", source=source, field="url")
    ids = [k.lower() for k in key_ids]
    for k in ids:
        if not k or _KEY_ID_SEPARATORS.search(k) or not k.isprintable():
            raise UrpmiCfgError(f"key id cannot be written: {k!r}", source=source, field=_KEY_IDS)
    # (key, value as urpmi reads it back, line as urpmi.addmedia writes it)
    options: list[tuple[str, str, str]] = []
    if ignore:
        options.append(("ignore", "1", "ignore"))
    if ids:
        options.append((_KEY_IDS, ",".join(ids), f"{_KEY_IDS}: {','.join(ids)}"))
    for key, value in (
        ("media_info_dir", "" if media_info_dir == "media_info" else media_info_dir or ""),
        ("mirrorlist", mirrorlist),
        ("with-dir", with_dir),
    ):
        if value:
            _check_value(value, source=source, field=key)
            options.append((key, value, f"{key}: {value}"))
    if update:
        options.append(("update", "1", "update"))
    if verify_rpm is not None:
        options.append(("verify-rpm", str(int(verify_rpm)), f"verify-rpm: {int(verify_rpm)}"))
    options.sort()
    first = cfg.lines[0] if cfg.lines else None
    eol = _eol(first) if first is not None and first.text.endswith("\n") else "\n"
    block = (
        f"{quotespace(name)} {quotespace(url)} {{{eol}"
        + "".join(f"  {line}{eol}" for _, _, line in options)
        + f"}}{eol}"
    )
    out = cfg.text
    if out and not out.endswith("\n"):
        out += eol
    if not cfg.blocks:
        out += f"{{{eol}}}{eol}"
    if out[:-1].rpartition("\n")[2].strip(_WS):
        out += eol + block
    else:
        # The file already ends with a blank line: urpmi 6.x wrote one after every block.
        out += block + eol
    # The escaping rules have corners (a name starting with "#" is a comment, quotes around
    # values vanish...): read the result back rather than trust the writer.
    try:
        written = parse_urpmicfg(out, source=source).block(name)
        readable = written.url == url and dict(written.options) == {k: v for k, v, _ in options}
    except (MediumNotFoundError, UrpmiCfgError):
        readable = False
    if not readable:
        raise UrpmiCfgError(
            f"medium {name!r} cannot be written in urpmi.cfg", source=source, field="name"
        )
    return out


def remove_medium(text: str | bytes, name: str, *, source: str = "urpmi.cfg") -> str:
    """Remove medium ``name``'s block and the blank line that separated it from the others.

    The blank line after the block goes, else the one before it (so that removing a medium
    ``add_medium`` appended gives the original text back); every other line stays.

    Raises:
        MediumNotFoundError: no medium is called ``name``.
        UrpmiCfgError: ``text`` is not a readable urpmi.cfg.
    """
    cfg = parse_urpmicfg(text, source=source)
    block = cfg.block(name)
    start, end = block.first_line - 1, block.last_line - 1
    if end + 1 < len(cfg.lines) and _is_blank(cfg.lines[end + 1]):
        end += 1
    elif start > 0 and _is_blank(cfg.lines[start - 1]):
        start -= 1
    return _join(cfg.lines[:start]) + _join(cfg.lines[end + 1 :])
