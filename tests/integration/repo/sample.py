# SPDX-License-Identifier: GPL-2.0-or-later
"""A small distribution exercising every synthesis tag (shaped after formats.md §12).

Main (signed by ``release``), Main Updates (``updates``, an update medium with advisories)
and Main Testing (noauto, unsigned, no pubkey). Main also holds one unsigned package and
one signed by the ``other`` key.
"""

from __future__ import annotations

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.repo import DistribSpec, MediumSpec, PackageSpec

BASE = PackageSpec(
    name="xos-base",
    version="1.0",
    release="1xos2.0",
    arch="x86_64",
    summary="Base files with a static /bin/sh",
    files=(("/bin/sh", "#!static shell\n"), "/etc/xos-release", "/usr/share/xos/"),
)
LIB = PackageSpec(
    name="xos-lib",
    version="1.0",
    release="1xos2.0",
    provides=("libxos = 1.0",),
    files=("/usr/share/xos-lib/VERSION",),
    scriptlets={"post": "echo post-install of xos-lib"},
)
HELLO = PackageSpec(
    name="xos-hello",
    version="1.0",
    release="1xos2.0",
    arch="x86_64",
    requires=("xos-lib",),
    suggests=("xos-docs",),
    files=("/usr/bin/xos-hello",),
    scriptlets={"post": "echo post-install of xos-hello 100%"},
)
DOCS = PackageSpec(
    name="xos-docs", version="0.5", release="1xos2.0", files=("/usr/share/doc/xos-docs/README",)
)
EXTRA = PackageSpec(
    name="xos-extra",
    version="2.0",
    release="1xos2.0",
    requires=("libxos >= 1.0",),
    conflicts=("xos-legacy",),
)
FULL = PackageSpec(
    name="xos-full",
    version="1.2",
    release="3xos2.0",
    epoch=2,
    group="Development/Other",
    summary="Package exercising all synthesis tags",
    provides=("xos-virtual = 3",),
    conflicts=("xos-legacy < 1.0",),
    obsoletes=("xos-old < 2",),
    requires=("libxos >= 1.0", "/usr/bin/xos-hello"),
    requires_pre=("xos-base",),
)
UNSIGNED = PackageSpec(name="xos-unsigned", version="1.0", release="1xos2.0", signed_by=None)
OTHER = PackageSpec(name="xos-othersigned", version="1.0", release="1xos2.0", signed_by="other")

HELLO_UPDATE = PackageSpec(
    name="xos-hello",
    version="1.1",
    release="1xos2.0",
    arch="x86_64",
    requires=("xos-lib >= 1.1",),
    suggests=("xos-docs",),
    files=("/usr/bin/xos-hello",),
    scriptlets={"post": "echo post-install of xos-hello 1.1"},
)
LIB_UPDATE = PackageSpec(
    name="xos-lib",
    version="1.1",
    release="1xos2.0",
    provides=("libxos = 1.1",),
    files=("/usr/share/xos-lib/VERSION",),
)
HELLO_TESTING = PackageSpec(
    name="xos-hello",
    version="1.2",
    release="0.1xos2.0",
    arch="x86_64",
    files=("/usr/bin/xos-hello",),
)

SECURITY = Advisory(
    packages=("xos-hello",),
    importance=Importance.SECURITY,
    id="XOSSA-2009:001",
    url="http://www.xtreemos.eu/security/advisories?name=XOSSA-2009:001",
    updated="Wed Jan 14 10:00:00 2009",
    reason="Fixes a buffer overflow in the greeting.",
)
BUGFIX = Advisory(
    packages=("xos-lib",),
    importance=Importance.BUGFIX,
    id="XOSA-2009:002",
    url="http://www.xtreemos.eu/security/advisories?name=XOSA-2009:002",
    reason="Fixes the version file.",
)

MAIN = MediumSpec(
    path="main/release",
    name="Main",
    key="release",
    packages=(BASE, LIB, HELLO, DOCS, EXTRA, FULL, UNSIGNED, OTHER),
)
UPDATES = MediumSpec(
    path="main/updates",
    name="Main Updates",
    key="updates",
    updates_for="main/release",
    packages=(HELLO_UPDATE, LIB_UPDATE),
    advisories=(SECURITY, BUGFIX),
)
TESTING = MediumSpec(
    path="main/testing", name="Main Testing", noauto=True, packages=(HELLO_TESTING,)
)

SAMPLE = DistribSpec(
    media=(MAIN, UPDATES, TESTING), version="2.0", branch="Official", arch="x86_64", product="Free"
)
