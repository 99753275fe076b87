# SPDX-License-Identifier: GPL-2.0-or-later
"""/etc/product.id and the ``$MIRRORLIST`` URL built from it (formats layer; formats.md §2).

product.id is one LDAP-like line, ``key=value`` pairs separated by ``,``. urpmi splits on
``,`` and then at the first ``=``; values keep their blanks and pieces without ``=`` are
ignored. This parser does the same, and refuses what urpmi could not build a mirror-list URL
from: no pairs at all, or no ``version`` or ``arch``. Trailing blank lines are tolerated; a
second line with content is an error (urpmi would silently read garbage from it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from xosupdate.errors import ProductIdError
from xosupdate.formats._text import check_lines, decode, split_lines, split_pairs

__all__ = [
    "MAGEIA_MIRRORS",
    "MANDRIVA_MIRRORS",
    "OPENMANDRIVA_MIRRORS",
    "XTREEMOS_MIRRORS",
    "ProductId",
    "dump_productid",
    "mirrorlist_url",
    "parse_productid",
]

# urpmi 6.x (Mandriva 2008.1-2009.1): http, not yet the https of Mandriva 2010.0.
MANDRIVA_MIRRORS: Final = "http://api.mandriva.com/mirrors/"
# ASSUMPTION: XtreemOS runs its own copy of Mandriva's mirror API with the same file names.
# Not confirmed against a real XtreemOS 2.x box; the user's settings can override the
# prefix (``base_url``) for private mirrors and the demo.
XTREEMOS_MIRRORS: Final = "http://api.xtreemos.org/mirrors/"
MAGEIA_MIRRORS: Final = "https://mirrors.mageia.org/api/"
OPENMANDRIVA_MIRRORS: Final = "https://downloads.openmandriva.org/mirrors/"

_REQUIRED: Final = ("version", "arch")
# The fields the mirror-list URL is made of (``mirrorlist_url``).
_URL_FIELDS: Final = ("vendor", "type", "version", "arch")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductId:
    """The keys of /etc/product.id, every one of them in file order.

    The usual keys are properties (``""`` when absent); ``get`` reads any other
    (``media``, ``build``...). Compare values lower-cased, as urpmi does.

    Attributes:
        fields: the ``(key, value)`` pairs; a repeated key keeps its first position and its
            last value.
    """

    fields: tuple[tuple[str, str], ...]

    @classmethod
    def build(
        cls,
        *,
        vendor: str = "",
        distribution: str = "",
        type: str = "",  # product.id's own key name, shadowing the builtin here only
        version: str = "",
        branch: str = "",
        release: str = "",
        arch: str = "",
        product: str = "",
        extra: tuple[tuple[str, str], ...] = (),
    ) -> ProductId:
        """A product.id in the order bcd writes it; empty values are left out."""
        known = (
            ("vendor", vendor),
            ("distribution", distribution),
            ("type", type),
            ("version", version),
            ("branch", branch),
            ("release", release),
            ("arch", arch),
            ("product", product),
        )
        return cls(fields=tuple((k, v) for k, v in known if v) + extra)

    def get(self, key: str, default: str = "") -> str:
        """The value of ``key``, or ``default``."""
        for k, v in self.fields:
            if k == key:
                return v
        return default

    @property
    def vendor(self) -> str:
        """``Mandriva``, ``mageia``, ``OpenMandriva``, ``XtreemOS``..."""
        return self.get("vendor")

    @property
    def distribution(self) -> str:
        """``Mandriva Linux``..."""
        return self.get("distribution")

    @property
    def type(self) -> str:
        """``Basic``, ``base``...: the first word of Mandriva's mirror-list file name."""
        return self.get("type")

    @property
    def version(self) -> str:
        """``2009.0``, ``9``, ``cauldron``."""
        return self.get("version")

    @property
    def branch(self) -> str:
        """``Official``, ``Devel``..."""
        return self.get("branch")

    @property
    def release(self) -> str:
        """Release number of the product (``1``)."""
        return self.get("release")

    @property
    def arch(self) -> str:
        """``i586``, ``x86_64``."""
        return self.get("arch")

    @property
    def product(self) -> str:
        """``Free``, ``Download``, ``One``, ``Powerpack`` (Mageia: ``Free`` hides non-free)."""
        return self.get("product")

    def __str__(self) -> str:
        return " ".join(v for v in (self.distribution or self.vendor, self.version, self.arch) if v)


def parse_productid(data: str | bytes, *, source: str) -> ProductId:
    """Read /etc/product.id.

    Raises:
        ProductIdError: not UTF-8 text, more than one line, no ``key=value`` pair, or no
            ``version`` or ``arch``.
    """
    text = decode(data, source=source, error=ProductIdError)
    lines = split_lines(text)
    check_lines(text, lines, source=source, error=ProductIdError)
    # Trailing blank lines are harmless; anything after the first line is not product.id.
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) > 1:
        raise ProductIdError("more than one line", source=source, line=2)
    line = lines[0].rstrip("\r") if lines else ""
    fields = split_pairs(line)
    if not fields:
        raise ProductIdError("no key=value pairs", source=source, line=1)
    for key, value in fields:
        if key in _URL_FIELDS and value != value.strip():
            # It would go into the mirror-list URL as it is ("…x86_64 .list").
            raise ProductIdError(
                f"blanks around the value of {key}: {value!r}", source=source, line=1, field=key
            )
    product = ProductId(fields=tuple(fields))
    for key in _REQUIRED:
        if not product.get(key):
            raise ProductIdError(f"no {key}= value", source=source, line=1, field=key)
    return product


def dump_productid(product: ProductId) -> str:
    """product.id's one line (and its newline) for ``product``.

    Raises:
        ProductIdError: a key is empty or holds ``=``, ``,`` or a line break, or a value
            holds ``,`` or a line break.
    """
    for key, value in product.fields:
        if not key or any(c in key for c in "=,\r\n"):
            raise ProductIdError(f"key cannot be written: {key!r}", source="<dump>", field=key)
        if any(c in value for c in ",\r\n"):
            raise ProductIdError(f"value cannot be written: {value!r}", source="<dump>", field=key)
    return ",".join(f"{k}={v}" for k, v in product.fields) + "\n"


def mirrorlist_url(product: ProductId, *, base_url: str | None = None) -> str:
    """The URL ``$MIRRORLIST`` stands for on this product (formats.md §2.2).

    * Mageia (vendor ``mageia``, type ignored): ``mageia.<version>.<arch>.list`` under
      ``https://mirrors.mageia.org/api/``.
    * OpenMandriva: ``cooker.<arch>.list`` on the Devel branch, else
      ``openmandriva.<version>.<arch>.list``.
    * XtreemOS (assumption, see ``XTREEMOS_MIRRORS``): Mandriva's pattern under XtreemOS's
      mirror API.
    * Mandriva and any other vendor (what urpmi 6.x does):
      ``http://api.mandriva.com/mirrors/<lc type>.<version>.<arch>.list``.

    Args:
        base_url: replaces the scheme, host and path before the file name (private mirrors,
            the demo).

    Raises:
        ProductIdError: the Mandriva pattern is needed but product.id has no ``type``.
    """
    vendor = product.vendor.lower()
    version, arch = product.version, product.arch
    if vendor == "mageia":
        prefix, name = MAGEIA_MIRRORS, f"mageia.{version}.{arch}.list"
    elif vendor == "openmandriva":
        prefix = OPENMANDRIVA_MIRRORS
        if product.branch.lower() == "devel":
            name = f"cooker.{arch}.list"
        else:
            name = f"openmandriva.{version}.{arch}.list"
    else:
        # urpmi lower-cases the type and drops any blank in it.
        kind = "".join(product.type.lower().split())
        if not kind:
            raise ProductIdError(
                "no type= value to build the mirror list URL from",
                source="product.id",
                field="type",
            )
        prefix = XTREEMOS_MIRRORS if vendor == "xtreemos" else MANDRIVA_MIRRORS
        name = f"{kind}.{version}.{arch}.list"
    if base_url is not None:
        prefix = base_url.rstrip("/") + "/"
    return prefix + name
