# SPDX-License-Identifier: GPL-2.0-or-later
"""Small writers of urpmi's text files, for the repository builder and the demo.

Stand-ins for the ``dump_*`` functions of ``xosupdate.formats`` (mediacfg, urpmicfg,
productid, md5sum, descriptions) with the same call shapes, so that they can be swapped
for those once they land. Each writes exactly what the real tools write
(design/formats.md §1.4, §2.1, §4.3, §6, §12.2, §12.3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from xosupdate.domain.advisory import Advisory

__all__ = [
    "add_medium",
    "dump_descriptions",
    "dump_md5sum",
    "dump_mediacfg",
    "dump_productid",
]


def dump_md5sum(entries: Mapping[str, str]) -> str:
    """MD5SUM as ``md5sum`` writes it: ``<32 hex><two spaces><basename>`` per file.

    >>> dump_md5sum({"synthesis.hdlist.cz": "0" * 32})
    '00000000000000000000000000000000  synthesis.hdlist.cz\\n'
    """
    return "".join(f"{digest}  {name}\n" for name, digest in entries.items())


def dump_descriptions(advisories: Iterable[Advisory]) -> str:
    """A medium's ``descriptions`` file (one ``%package`` block per advisory).

    Headers follow the ``%package`` line directly; empty ones are left out.

    >>> print(dump_descriptions([Advisory(packages=("a", "b"), id="X-1", reason="fix")]),
    ...       end="")
    %package a b
    Importance: normal
    ID: X-1
    <BLANKLINE>
    %pre
    fix
    <BLANKLINE>
    %description
    <BLANKLINE>
    """
    out: list[str] = []
    for adv in advisories:
        out.append("%package " + " ".join(adv.packages))
        if adv.updated:
            out.append(f"Update: {adv.updated}")
        out.append(f"Importance: {adv.importance.value}")
        if adv.id:
            out.append(f"ID: {adv.id}")
        if adv.url:
            out.append(f"URL: {adv.url}")
        out += ["", "%pre", *adv.reason.splitlines(), "", "%description",
                *adv.description.splitlines(), ""]
    return "\n".join(out) + "\n" if out else ""


def dump_mediacfg(info: Mapping[str, str],
                  media: Sequence[tuple[str, Mapping[str, str]]]) -> str:
    """media.cfg: ``[media_info]`` then one section per medium path, keys as given.

    >>> print(dump_mediacfg({"mediacfg_version": "2"}, [("main/release", {"name": "Main"})]),
    ...       end="")
    [media_info]
    mediacfg_version=2
    <BLANKLINE>
    [main/release]
    name=Main
    """
    sections = [("media_info", info), *media]
    return "\n".join(
        "".join([f"[{name}]\n", *(f"{k}={v}\n" for k, v in keys.items())])
        for name, keys in sections
    )


def _quotespace(text: str) -> str:
    """urpmi's escaping of blanks in medium names and URLs (``Main\\ Updates``)."""
    return "".join("\\" + c if c.isspace() else c for c in text)


def add_medium(text: str, *, name: str, url: str = "", mirrorlist: str = "",
               with_dir: str = "", update: bool = False, ignore: bool = False,
               key_ids: Sequence[str] = ()) -> str:
    """``text`` (an urpmi.cfg, possibly empty) with one medium block appended.

    The block is what ``urpmi.addmedia`` writes: options sorted, flags bare, two-space
    indent, a blank line before the block; with a mirror list there is no URL, hence the
    two spaces before the brace (``Main  {``). An empty ``text`` first gets the empty
    global block.

    >>> print(add_medium("", name="Main", mirrorlist="$MIRRORLIST",
    ...                  with_dir="media/main/release", key_ids=["70771ff3"]), end="")
    {
    }
    <BLANKLINE>
    Main  {
      key-ids: 70771ff3
      mirrorlist: $MIRRORLIST
      with-dir: media/main/release
    }
    """
    options: dict[str, str | None] = {}
    if ignore:
        options["ignore"] = None
    if key_ids:
        options["key-ids"] = ",".join(key_ids)
    if mirrorlist:
        options["mirrorlist"] = mirrorlist
    if update:
        options["update"] = None
    if with_dir:
        options["with-dir"] = with_dir
    lines = [f"{_quotespace(name)} {_quotespace(url)} {{"]
    lines += [f"  {k}" if v is None else f"  {k}: {v}" for k, v in sorted(options.items())]
    lines.append("}\n")
    head = text if text else "{\n}\n"
    if not head.endswith("\n"):
        head += "\n"
    return head + "\n" + "\n".join(lines)


def dump_productid(fields: Mapping[str, str]) -> str:
    """/etc/product.id: one line of ``key=value`` pairs joined by commas.

    >>> dump_productid({"vendor": "XtreemOS", "version": "2.0"})
    'vendor=XtreemOS,version=2.0\\n'
    """
    return ",".join(f"{k}={v}" for k, v in fields.items()) + "\n"
