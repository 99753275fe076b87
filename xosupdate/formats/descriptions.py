# SPDX-License-Identifier: GPL-2.0-or-later
"""Update advisories: a medium's ``media_info/descriptions`` (formats layer; formats.md §6).

Blocks start with ``%package name…``; the ``Update:``/``Updated:``, ``Importance:``, ``ID:``
and ``URL:`` headers count only right after it, ``%pre`` starts the reason for the update
and ``%description`` the description, each running to the next ``%package``. This is urpmi's
reading (``get_updates_description``), with three differences: text before the first
``%package`` is an error instead of being ignored, a ``%package`` line without names is an
error instead of being taken as text, and a ``\\r`` ending a line is dropped.

Lenient on purpose: other header-like lines between ``%package`` and ``%pre`` are ignored as
urpmi ignores them, lines of any length are kept (descriptions are free text), and a file
cut short cannot be told from a complete one (the format has no trailer).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Final

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.errors import DescriptionsError
from xosupdate.formats._text import decode, split_lines

__all__ = ["Descriptions", "dump_descriptions", "parse_descriptions"]

_PACKAGE: Final = "%package"
_DIRECTIVES: Final = ("%package", "%pre", "%description")


@dataclass(frozen=True, slots=True, kw_only=True)
class Descriptions:
    """The advisories of one update medium, in file order.

    Every name of a ``%package`` line maps to that block's advisory; when a name appears in
    several blocks the last one wins, as in urpmi.
    """

    advisories: tuple[Advisory, ...] = ()
    _by_package: dict[str, Advisory] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_by_package", {name: a for a in self.advisories for name in a.packages}
        )

    def for_package(self, name: str) -> Advisory | None:
        """The advisory of package ``name`` (a plain name, no version), or None."""
        return self._by_package.get(name)

    def __len__(self) -> int:
        return len(self.advisories)


def _text(lines: list[str]) -> str:
    # urpmi keeps the text as written; the blank lines that separate blocks are dropped.
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[:end])


class _Block:
    """The block being read (mutable while parsing, frozen into an Advisory at the end)."""

    __slots__ = ("description", "headers", "packages", "pre", "section")

    def __init__(self, packages: tuple[str, ...]) -> None:
        self.packages = packages
        self.headers: dict[str, str] = {}
        self.pre: list[str] = []
        self.description: list[str] = []
        self.section = "pkg"

    def advisory(self) -> Advisory:
        importance = self.headers.get("importance")
        return Advisory(
            packages=self.packages,
            importance=Importance.NORMAL if importance is None else Importance.parse(importance),
            id=self.headers.get("id", ""),
            url=self.headers.get("url", ""),
            updated=self.headers.get("updated", ""),
            reason=_text(self.pre),
            description=_text(self.description),
        )


_HEADERS: Final = (
    ("Update: ", "updated"),
    ("Updated: ", "updated"),
    ("Importance: ", "importance"),
    ("ID: ", "id"),
    ("URL: ", "url"),
)


def parse_descriptions(
    data: str | bytes, *, source: str, only: Collection[str] | None = None
) -> Descriptions:
    """Read a descriptions file.

    Args:
        only: parse just the blocks that list one of these package names (the update
            engine needs a few hundred of thousands); the whole file is still checked for
            encoding, NUL bytes and text before the first ``%package``.

    Raises:
        DescriptionsError: not UTF-8 text, a NUL byte, non-blank text before the first
            ``%package``, or a ``%package`` line without package names.
    """
    text = decode(data, source=source, error=DescriptionsError)
    if "\x00" in text:
        number = text.count("\n", 0, text.index("\x00")) + 1
        raise DescriptionsError("NUL byte (binary data, not text)", source=source, line=number)
    # Blocks start at "%package" lines; splitting on them first (in C) lets a filtered read
    # skip the blocks nobody asked for.
    chunks = ("\n" + text).split("\n" + _PACKAGE)
    head = chunks[0]
    if head.strip():
        number = next(i for i, line in enumerate(split_lines(head[1:]), 1) if line.strip())
        raise DescriptionsError(
            f"text before the first %package: {split_lines(head[1:])[number - 1][:80]!r}",
            source=source,
            line=number,
        )
    wanted = None if only is None else set(only)
    advisories: list[Advisory] = []
    line = head.count("\n")
    for chunk in chunks[1:]:
        first, _, _rest = chunk.partition("\n")
        number = line + 1
        line += chunk.count("\n") + 1
        if first.endswith("\r"):
            first = first[:-1]
        names = tuple(first.split())
        if not names or first[:1] != " ":
            raise DescriptionsError(
                f"expected '%package name…', got {(_PACKAGE + first)[:80]!r}",
                source=source,
                line=number,
            )
        if wanted is not None and wanted.isdisjoint(names):
            continue
        advisories.append(_parse_block(names, chunk))
    return Descriptions(advisories=tuple(advisories))


def _parse_block(names: tuple[str, ...], chunk: str) -> Advisory:
    """One block: headers right after ``%package``, then ``%pre`` and ``%description``."""
    block = _Block(names)
    for line in split_lines(chunk)[1:]:
        if line.endswith("\r"):
            line = line[:-1]
        if line.startswith("%pre"):
            block.section = "pre"
        elif line.startswith("%description"):
            block.section = "description"
        elif block.section == "pre":
            block.pre.append(line)
        elif block.section == "description":
            block.description.append(line)
        else:
            for prefix, key in _HEADERS:
                if line.startswith(prefix):
                    block.headers[key] = line[len(prefix) :].strip()
                    break
    return block.advisory()


def _check_value(value: str, *, what: str) -> None:
    if "\n" in value or "\r" in value or "\x00" in value or value != value.strip():
        raise DescriptionsError(f"{what} cannot be written: {value[:80]!r}", source="<dump>")


def _check_text(value: str, *, what: str) -> None:
    if "\r" in value or "\x00" in value:
        raise DescriptionsError(f"{what} holds a carriage return or NUL", source="<dump>")
    for line in value.split("\n"):
        if line.startswith(_DIRECTIVES):
            raise DescriptionsError(
                f"{what} has a line urpmi would read as a directive: {line[:80]!r}",
                source="<dump>",
            )


def _section(value: str) -> str:
    return _text(value.split("\n")) + "\n" if value.strip() else ""


def dump_descriptions(advisories: Iterable[Advisory]) -> str:
    """A descriptions file in the shape update media carry (see formats.md §6).

    Trailing blank lines of a reason or description are dropped (the reader drops them too).

    Raises:
        DescriptionsError: an advisory has no package, a package name holds a blank, a header
            value holds a line break or surrounding blanks, or a text line would be read as
            a ``%`` directive.
    """
    out: list[str] = []
    for advisory in advisories:
        if not advisory.packages:
            raise DescriptionsError("advisory without packages", source="<dump>")
        for name in advisory.packages:
            if not name or len(name.split()) != 1 or name != name.strip():
                raise DescriptionsError(f"package name {name!r}", source="<dump>")
        out.append(f"%package {' '.join(advisory.packages)}\n")
        for label, value in (
            ("Update", advisory.updated),
            ("Importance", advisory.importance.value),
            ("ID", advisory.id),
            ("URL", advisory.url),
        ):
            _check_value(value, what=label)
            if value:
                out.append(f"{label}: {value}\n")
        _check_text(advisory.reason, what="reason")
        _check_text(advisory.description, what="description")
        out.append(f"\n%pre\n{_section(advisory.reason)}\n")
        out.append(f"%description\n{_section(advisory.description)}\n")
    return "".join(out)
