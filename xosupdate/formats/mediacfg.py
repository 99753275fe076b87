# SPDX-License-Identifier: GPL-2.0-or-later
"""A distribution's ``media/media_info/media.cfg`` and the older ``hdlists`` (formats layer).

media.cfg is an INI file as Perl's Config::IniFiles reads it for MDV::Distribconf
(design/formats.md §1): ``[section]`` headers, ``key=value`` lines (blanks around the key and
before the value dropped; the value keeps everything else), comment lines starting with ``#``
or ``;``, blank lines, and lines ending in ``\\`` continued on the next line. Lines end in
LF, CRLF or a lone CR. ``[media_info]`` holds the distribution's values; every other section
is a medium whose name is its directory, relative to ``media/``.

Where Config::IniFiles is lax this parser refuses, because a media.cfg that needs it is
broken and guessing would add or hide media: a repeated section or key, a ``key=value``
before the first section, here-document values (``key=<<EOT``), a continuation at the end of
the file, any other line. A ``mediacfg_version`` that is not a number, or above 4, is refused
as urpmi refuses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from xosupdate.domain.medium import MediumKind, classify_medium
from xosupdate.errors import MediaCfgError
from xosupdate.formats._text import MAX_LINE, check_lines, decode

__all__ = [
    "MAX_MEDIACFG_VERSION",
    "MediaCfg",
    "MediaSection",
    "dump_mediacfg",
    "parse_hdlists",
    "parse_mediacfg",
    "reduce_pathname",
]

# MDV::Distribconf 4.x: the newest format urpmi can read.
MAX_MEDIACFG_VERSION: Final = 4
_GLOBAL: Final = "media_info"
_WS: Final = " \t\n\r\f\v"
_LINE_BREAK: Final = re.compile(r"\r\n?|\n")
_SUBSTITUTION_RUN: Final = re.compile(r"[/ ]+")
_SIZE: Final = re.compile(r"(\d+)\s*([kmgtp]?)b?", re.ASCII | re.IGNORECASE)
# More digits than any real size or version has (int() refuses thousands of them).
_SIZE_DIGITS: Final = 20
_SIZE_UNITS: Final = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
_MEDIA_KEY: Final = re.compile(r"%\{(\w+)\}", re.ASCII)
_GLOBAL_KEY: Final = re.compile(r"\$\{(\w+)\}", re.ASCII)
_URL_HOST: Final = re.compile(r"([^:/]*://[^/]*/)?(.*)", re.DOTALL)
# Distribconf gives up expanding ${…} and %{…} after this many nested levels.
_MAX_EXPANSION: Final = 15
# hdlists lines are a few dozen characters; the legacy grammar backtracks, so keep them short.
_HDLISTS_MAX_LINE: Final = 4096
_HDLISTS_HEAD: Final = re.compile(r"(\S+)\s+(\S+)(?=\s)")
_HDLISTS_TAIL: Final = re.compile(r"\s+([^(]*)(?:\s+\(([A-Za-z0-9_]+)\))?")
_HDLISTS_LOOSE_TAIL: Final = re.compile(r"\s+(.*)", re.DOTALL)


def _perl_true(value: str | None) -> bool:
    """Perl's truth of a string: everything but undef, ``""`` and ``"0"``."""
    return value is not None and value not in ("", "0")


def _underscored(text: str) -> str:
    """Distribconf's ``s![/ ]+!_!g`` used for every default name."""
    return _SUBSTITUTION_RUN.sub("_", text)


def reduce_pathname(url: str) -> str:
    """urpmi's ``reduce_pathname``: collapse ``//``, ``.`` and ``dir/..`` in a URL or path.

    The scheme and host are kept; ``..`` that cannot be collapsed stays.

    >>> reduce_pathname("http://h/2009.0/i586/media/../../SRPMS/main/release")
    'http://h/2009.0/SRPMS/main/release'
    """
    match = _URL_HOST.fullmatch(url)
    assert match is not None  # the pattern matches any string
    host, path = match.group(1) or "", match.group(2)
    path = re.sub("/+", "/", path).removesuffix("/")
    # Perl's split drops trailing empty fields (none left here) but keeps a leading one.
    # urpmi builds "component/" strings and cuts the last one with s|([^/]+)/$||; the same
    # on a list of components (linear, where searching the string each time was not).
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out and out[-1]:
                if out.pop() == "..":
                    out += ["..", ".."]
            else:
                out.append("..")
        elif part != ".":
            out.append(part)
    return host + ("/".join(out) or "/")


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaSection:
    """One medium of media.cfg: its section path and its values as written.

    The typed properties read the section's own values with Distribconf's defaults. For
    mediacfg_version 3 files (``${key}``/``%{key}`` substitutions) and for Distribconf's
    fallback to ``[media_info]``, use ``MediaCfg.getvalue``.

    Attributes:
        path: the section name: the medium's directory relative to ``media/``
            (``main/release``, ``../../SRPMS/main/release``, ``../../i586/media/main/release``).
        values: the ``(key, value)`` lines in file order.
    """

    path: str
    values: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> str | None:
        """The value of ``key`` as written, or None when the section has no such key."""
        for k, v in self.values:
            if k == key:
                return v
        return None

    def _list(self, *keys: str) -> tuple[str, ...]:
        for key in keys:
            value = self.get(key)
            if value is not None:
                return tuple(value.split())
        return ()

    @property
    def name(self) -> str:
        """The medium's name (``name=``, else the path with ``/`` and blanks turned to ``_``)."""
        value = self.get("name")
        return _underscored(self.path) if value is None else value.strip(_WS)

    @property
    def noauto(self) -> bool:
        """``noauto=1``: not enabled by default (urpmi adds it ``ignore``d or not at all)."""
        return _perl_true(self.get("noauto"))

    @property
    def updates_for(self) -> tuple[str, ...]:
        """The media this one carries updates for (``updates_for=``, blank-separated)."""
        return self._list("updates_for")

    @property
    def is_update(self) -> bool:
        """An update medium: urpmi flags it ``update``."""
        return _perl_true(self.get("updates_for"))

    @property
    def debug_for(self) -> tuple[str, ...]:
        """The media this one carries debug info for (``debug_for=``, legacy ``debugfor=``)."""
        return self._list("debug_for", "debugfor")

    @property
    def is_debug(self) -> bool:
        """A debug-info medium."""
        return bool(self.debug_for)

    @property
    def srpms(self) -> tuple[str, ...]:
        """The source media of this binary medium."""
        return self._list("srpms")

    @property
    def rpms(self) -> tuple[str, ...]:
        """On a source medium, the binary media built from it."""
        return self._list("rpms")

    @property
    def is_source(self) -> bool:
        """A source medium: urpmi recognises it by ``rpms=`` and never adds it by default."""
        return _perl_true(self.get("rpms"))

    @property
    def media_types(self) -> tuple[str, ...]:
        """Mageia's ``media_type``/``media_types`` tags (``official``, ``free``, ``updates``…)."""
        for key in ("media_type", "media_types"):
            value = self.get(key)
            if value is not None:
                return tuple(t for t in value.strip(_WS).split(":") if t)
        return ()

    @property
    def arch(self) -> str | None:
        """The medium's own ``arch=`` (32-bit media of a 64-bit tree), else None."""
        value = self.get("arch")
        return None if value is None else value.strip(_WS)

    @property
    def hdlist(self) -> str:
        """hdlist basename (default ``hdlist_<lc name>.cz``)."""
        value = self.get("hdlist")
        return _underscored(f"hdlist_{self.name.lower()}.cz") if value is None else value

    @property
    def synthesis(self) -> str:
        """Per-distrib synthesis basename (default ``synthesis.<lc hdlist>``)."""
        value = self.get("synthesis")
        return _underscored(f"synthesis.{self.hdlist.lower()}") if value is None else value

    @property
    def pubkey(self) -> str:
        """Per-distrib pubkey basename (default ``pubkey_<lc name>``)."""
        value = self.get("pubkey")
        return _underscored(f"pubkey_{self.name.lower()}") if value is None else value

    def xml_file(self, kind: str) -> str:
        """The ``info``, ``files`` or ``changelog`` xml file name.

        Default ``<kind>.<lc name>.xml.lzma``.
        """
        value = self.get(kind)
        return _underscored(f"{kind}.{self.name.lower()}.xml.lzma") if value is None else value

    @property
    def size(self) -> str | None:
        """Informational size as written (``3400m``), or None."""
        value = self.get("size")
        return None if value is None else value.strip(_WS)

    @property
    def size_bytes(self) -> int | None:
        """``size`` in bytes (units k, m, g, t, p are powers of 1024), None if unreadable."""
        match = _SIZE.fullmatch(self.size or "")
        if match is None or len(match.group(1)) > _SIZE_DIGITS:
            return None
        return int(match.group(1)) * _SIZE_UNITS[match.group(2).lower()]

    @property
    def use_copied_hdlist(self) -> bool:
        """Use the synthesis copy in ``media/media_info/`` (CD/DVD installs)."""
        return _perl_true(self.get("use_copied_hdlist"))

    @property
    def kind(self) -> MediumKind:
        """What the medium is for: its ``rpms``/``debug_for``, tags, then path and name."""
        if self.is_source:
            return MediumKind.SOURCE
        if self.is_debug:
            return MediumKind.DEBUG
        if self.media_types:
            kind = classify_medium(":".join(self.media_types), update=self.is_update)
            if kind is not MediumKind.OTHER:
                return kind
        return classify_medium(self.path, self.name, update=self.is_update)

    def url_path(self, base_url: str, *, mediacfg_version: int = 2) -> str:
        """The medium's URL under the distribution URL ``base_url`` (formats.md §1.5).

        ``<base>/media/<path>`` with ``..`` collapsed; in version 1 files a path holding
        ``/`` is relative to ``base_url`` itself (``../SRPMS/main``).

        >>> MediaSection(path="../../SRPMS/main/release").url_path("http://m/2009.0/i586")
        'http://m/2009.0/SRPMS/main/release'
        """
        if mediacfg_version >= 2 or "/" not in self.path:
            return reduce_pathname(f"{base_url}/media/{self.path}")
        return reduce_pathname(f"{base_url}/{self.path}")

    def __str__(self) -> str:
        return self.name


class _TooLongError(Exception):
    """A substitution made a value longer than ``MAX_LINE`` (``getvalue`` names it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaCfg:
    """A distribution's media.cfg.

    Attributes:
        info: the ``[media_info]`` values in file order.
        sections: the media in file order.
        source: the file name errors are reported against.
    """

    info: tuple[tuple[str, str], ...] = ()
    sections: tuple[MediaSection, ...] = ()
    source: str = field(default="media.cfg", compare=False)

    def get(self, key: str) -> str | None:
        """A ``[media_info]`` value as written, or None."""
        for k, v in self.info:
            if k == key:
                return v
        return None

    def _info(self, key: str) -> str | None:
        value = self.get(key)
        return None if value is None else value.strip(_WS)

    @property
    def version(self) -> str | None:
        """Distribution version: ``2009.0``, ``9``, ``cauldron``."""
        return self._info("version")

    @property
    def mediacfg_version(self) -> int:
        """Format version (1 when absent or 0)."""
        value = self._info("mediacfg_version")
        return int(value) if value and value.isdecimal() and int(value) else 1

    @property
    def branch(self) -> str | None:
        """``Official``, ``Devel``, ``Cooker``."""
        return self._info("branch")

    @property
    def arch(self) -> str | None:
        """``i586``, ``x86_64``."""
        return self._info("arch")

    @property
    def product(self) -> str:
        """Mandriva product (``Download`` when absent)."""
        return self._info("product") or "Download"

    @property
    def xml_info(self) -> bool:
        """``xml-info=1``: media carry ``info.xml.lzma`` and friends."""
        return _perl_true(self.get("xml-info"))

    def section(self, path: str) -> MediaSection | None:
        """The medium whose section is ``path``, or None."""
        for section in self.sections:
            if section.path == path:
                return section
        return None

    def medium_url(self, path: str, base_url: str) -> str | None:
        """``MediaSection.url_path`` of ``path`` with this file's mediacfg_version."""
        section = self.section(path)
        if section is None:
            return None
        return section.url_path(base_url, mediacfg_version=self.mediacfg_version)

    def getvalue(self, path: str | None, key: str) -> str | None:
        """MDV::Distribconf's ``getvalue``: a medium's value with every rule urpmi sees.

        The section's own value, else ``[media_info]``'s (Config::IniFiles' default
        section), else Distribconf's default (``name``, ``hdlist``, ``synthesis``,
        ``pubkey``, ``product``, ``mediacfg_version``); in mediacfg_version 3+ files
        ``%{key}`` (same medium) and ``${key}`` (``[media_info]``) are substituted.

        Args:
            path: the section, or None for ``[media_info]``.

        Returns:
            The value, or None when unset or the section does not exist.

        Raises:
            MediaCfgError: substitutions making the value longer than any line may be (a
                value naming another several times, over and over: Distribconf's 15
                levels would make it billions of characters long).
        """
        media = path or _GLOBAL
        try:
            return self._value(media, key, 0, {})
        except _TooLongError:
            raise MediaCfgError(
                f"[{media}] {key}: substitutions make it longer than {MAX_LINE} characters",
                source=self.source,
            ) from None

    def _value(
        self, media: str, key: str, level: int, seen: dict[tuple[str, str, int], str | None]
    ) -> str | None:
        """``getvalue`` at one level of substitution; ``seen`` holds the answers already
        worked out in this call (a value naming another twice asks twice)."""
        memo = (media, key, level)
        if memo not in seen:
            seen[memo] = self._lookup(media, key, level, seen)
        return seen[memo]

    def _lookup(
        self, media: str, key: str, level: int, seen: dict[tuple[str, str, int], str | None]
    ) -> str | None:
        section = None if media == _GLOBAL else self.section(media)
        if media != _GLOBAL and section is None:
            return None
        default: str | None = None
        if key == "mediacfg_version":
            return str(self.mediacfg_version)
        if key == "path":
            return media
        if key == "product":
            default = "Download"
        elif key in ("name", "hdlist", "synthesis", "pubkey"):
            if key == "name":
                default = media
            else:
                base = self._value(media, "hdlist" if key == "synthesis" else "name", level, seen)
                lc = (base or "").lower()
                default = {
                    "hdlist": f"hdlist_{lc}.cz",
                    "synthesis": f"synthesis.{lc}",
                    "pubkey": f"pubkey_{lc}",
                }[key]
            default = _underscored(default)
        value = section.get(key) if section is not None else None
        if value is None:
            value = self.get(key)
        if value is None:
            value = default
        return self._expand(media, value, level, seen)

    def _expand(
        self,
        media: str,
        value: str | None,
        level: int,
        seen: dict[tuple[str, str, int], str | None],
    ) -> str | None:
        if value is None or not _perl_true(value) or self.mediacfg_version < 3:
            return value
        level += 1
        if level >= _MAX_EXPANSION:
            return value

        def substitute(match: re.Match[str], *, section: str) -> str:
            # An unset (or Perl-false) key leaves the reference as written.
            found = self._value(section, match.group(1), level, seen)
            return found if found and found != "0" else match.group(0)

        value = _MEDIA_KEY.sub(lambda m: substitute(m, section=media), value)
        value = _GLOBAL_KEY.sub(lambda m: substitute(m, section=_GLOBAL), value)
        if len(value) > MAX_LINE:
            raise _TooLongError
        return value


# ---------------------------------------------------------------- reading


def _physical_lines(text: str) -> list[str]:
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def parse_mediacfg(data: str | bytes, *, source: str) -> MediaCfg:
    """Read a media.cfg (an empty file is a valid, empty one).

    Raises:
        MediaCfgError: naming the line of the first problem (see the module docstring).
    """
    text = decode(data, source=source, error=MediaCfgError)
    lines = _physical_lines(text)
    check_lines(text, lines, source=source, error=MediaCfgError)
    info: list[tuple[str, str]] | None = None
    sections: dict[str, list[tuple[str, str]]] = {}
    seen: dict[str, int] = {}  # section path → line of its header
    current: list[tuple[str, str]] | None = None
    keys: dict[str, int] = {}  # key → line, in the current section
    version_line = 0
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        stripped = line.strip(_WS)
        if not stripped or stripped[0] in "#;":
            continue
        if stripped[0] == "[" and stripped[-1] == "]" and stripped[1:-1].strip(_WS):
            path = stripped[1:-1].strip(_WS)
            if path in seen:
                raise MediaCfgError(
                    f"section [{path}] repeated (first on line {seen[path]})",
                    source=source,
                    line=number,
                )
            seen[path] = number
            current = []
            keys = {}
            if path == _GLOBAL:
                info = current
            else:
                sections[path] = current
            continue
        key, sep, value = line.partition("=")
        key = key.strip(_WS)
        if not sep or not key:
            raise MediaCfgError(
                f"not a [section], key=value, comment or blank line: {stripped[:80]!r}",
                source=source,
                line=number,
            )
        if current is None:
            raise MediaCfgError(
                f"{key}= before the first [section]", source=source, line=number, field=key
            )
        if key in keys:
            raise MediaCfgError(
                f"{key}= repeated (first on line {keys[key]})",
                source=source,
                line=number,
                field=key,
            )
        keys[key] = number
        start = number
        value = value.lstrip(_WS)
        if value.startswith("<<"):
            raise MediaCfgError(
                "here-document values (key=<<EOT) are not supported",
                source=source,
                line=number,
                field=key,
            )
        # Config::IniFiles' -allowcontinue: a trailing backslash joins the next line.
        while value.endswith("\\"):
            if number == len(lines):
                raise MediaCfgError(
                    "continued line (ending in '\\') at the end of the file",
                    source=source,
                    line=number,
                    field=key,
                )
            value = value[:-1] + lines[number]
            number += 1
            if len(value) > MAX_LINE:
                raise MediaCfgError(
                    f"value longer than {MAX_LINE} characters", source=source, line=number
                )
        current.append((key, value))
        if current is info and key == "mediacfg_version":
            version_line = start
    cfg = MediaCfg(
        info=tuple(info or ()),
        sections=tuple(MediaSection(path=p, values=tuple(v)) for p, v in sections.items()),
        source=source,
    )
    raw = cfg.get("mediacfg_version")
    if raw is not None:
        version = raw.strip(_WS)
        if not version.isdecimal() or not version.isascii() or len(version) > _SIZE_DIGITS:
            raise MediaCfgError(
                f"mediacfg_version is not a number: {raw[:20]!r}",
                source=source,
                line=version_line,
                field="mediacfg_version",
            )
        if int(version) > MAX_MEDIACFG_VERSION:
            raise MediaCfgError(
                f"mediacfg_version {int(version)} is newer than urpmi reads "
                f"({MAX_MEDIACFG_VERSION})",
                source=source,
                line=version_line,
                field="mediacfg_version",
            )
    return cfg


def parse_hdlists(data: str | bytes, *, source: str, mediadir: str = "media") -> MediaCfg:
    """Read the pre-media.cfg ``hdlists`` file (Mandrake ≤ 10.0 trees; formats.md §1.1).

    One medium per line: ``[opt:opt:]hdlist_file  <mediadir>/path  Name  [(size)]``; ``#``
    starts a comment anywhere. Each option becomes a ``key=1`` value, as in Distribconf,
    and the result reads like a version 1 media.cfg without ``[media_info]``.

    Args:
        mediadir: the directory prefix removed from paths (``Mandrake`` on the oldest trees).

    Raises:
        MediaCfgError: a line with fewer than three fields, a repeated medium, or not text.
    """
    text = decode(data, source=source, error=MediaCfgError)
    lines = _physical_lines(text)
    check_lines(text, lines, source=source, error=MediaCfgError, max_line=_HDLISTS_MAX_LINE)
    sections: dict[str, MediaSection] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.partition("#")[0].lstrip(_WS)
        if not line:
            continue
        fields = _hdlists_fields(line)
        if fields is None:
            raise MediaCfgError(
                f"expected 'hdlist_file path name [(size)]': {line[:80]!r}",
                source=source,
                line=number,
            )
        options, hdlist, path, name, size = fields
        path = re.sub(f"^{re.escape(mediadir)}/+", "", path)
        if path in sections:
            raise MediaCfgError(f"medium {path} repeated", source=source, line=number)
        values = [("hdlist", hdlist), ("name", name)]
        if size is not None:
            values.append(("size", size))
        values.extend((opt, "1") for opt in options.split(":") if opt)
        sections[path] = MediaSection(path=path, values=tuple(values))
    return MediaCfg(sections=tuple(sections.values()))


def _hdlists_fields(line: str) -> tuple[str, str, str, str, str | None] | None:
    """Distribconf's two hdlists regexes, without their quadratic backtracking.

    ``(?:(.*):)?`` is greedy: options end at the last ``:`` after which the rest still
    reads as ``hdlist path name``; the strict tail (``name (size)``) is tried on every
    candidate before the loose one (``name`` is the rest of the line).
    """
    colons = [i for i, c in enumerate(line) if c == ":"]
    starts = [i + 1 for i in reversed(colons)] + [0]
    for tail in (_HDLISTS_TAIL, _HDLISTS_LOOSE_TAIL):
        for start in starts:
            head = _HDLISTS_HEAD.match(line, start)
            if head is None:
                continue
            rest = tail.fullmatch(line, head.end())
            if rest is None:
                continue
            size = rest.group(2) if tail is _HDLISTS_TAIL else None
            options = line[: start - 1] if start else ""
            return options, head.group(1), head.group(2), rest.group(1).rstrip(_WS), size
    return None


# ---------------------------------------------------------------- writing


def _check_key(key: str, *, where: str) -> None:
    if not key or key != key.strip(_WS) or key[0] in "#;[" or any(c in key for c in "=\r\n\x00"):
        raise MediaCfgError(f"key cannot be written: {key!r}", source="<dump>", field=where)


def _check_value(key: str, value: str, *, where: str) -> None:
    if (
        any(c in value for c in "\r\n\x00")
        or value != value.lstrip(_WS)
        or value.endswith("\\")
        or value.startswith("<<")
    ):
        raise MediaCfgError(
            f"value of {key} cannot be written: {value[:80]!r}", source="<dump>", field=where
        )


def _block(header: str, values: Iterable[tuple[str, str]]) -> str:
    lines = [f"[{header}]\n"]
    seen: set[str] = set()
    for key, value in values:
        _check_key(key, where=header)
        _check_value(key, value, where=header)
        if key in seen:
            raise MediaCfgError(f"key {key} repeated", source="<dump>", field=header)
        seen.add(key)
        lines.append(f"{key}={value}\n")
    return "".join(lines)


def dump_mediacfg(cfg: MediaCfg) -> str:
    """A media.cfg that ``parse_mediacfg`` reads back equal to ``cfg``.

    ``[media_info]`` first (when it has values), then the media; a blank line between
    sections, keys in the given order.

    Raises:
        MediaCfgError: a section path, key or value that media.cfg cannot hold (line
            breaks, blanks around a path or key, ``=`` in a key, a value starting with a
            blank or ``<<`` or ending in ``\\``, repeated paths or keys).
    """
    blocks: list[str] = []
    if cfg.info:
        blocks.append(_block(_GLOBAL, cfg.info))
    paths: set[str] = set()
    for section in cfg.sections:
        path = section.path
        if (
            not path
            or path != path.strip(_WS)
            or path == _GLOBAL
            or path in paths
            or any(c in path for c in "\r\n\x00")
        ):
            raise MediaCfgError(f"section cannot be written: [{path}]", source="<dump>")
        paths.add(path)
        blocks.append(_block(path, section.values))
    return "\n".join(blocks)
