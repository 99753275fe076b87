# SPDX-License-Identifier: GPL-2.0-or-later
"""What the demo sandbox holds: an XtreemOS 2.0 (Mandriva 2009.0 based) distribution.

About fifty packages with the names, versions and release suffixes of the real
distribution (``mdv2009.0`` for the Mandriva base, ``xos2.0`` for XtreemOS's own, ``mnb2``
for the kernel) and believable dependencies. The updates medium carries advisories of
every importance, a kernel-desktop-latest bump that pulls in a new kernel package, an
update that newly requires a package nobody has installed, and an epoch bump. The testing
medium holds newer versions of a few packages and one package found nowhere else.

``INSTALLED`` names the release packages the sandbox root has installed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.repo.specs import DistribSpec, FileEntry, MediumSpec, PackageSpec

__all__ = ["INSTALLED", "KEYS", "MAIN_ARCH", "demo_distrib"]

MAIN_ARCH: Final = "x86_64"
MDV: Final = "mdv2009.0"
# Key names of the distribution and the user ids gpg gives them.
KEYS: Final = {
    "release": ("XtreemOS release key", "release-key@xtreemos.invalid"),
    "updates": ("XtreemOS updates key", "updates-key@xtreemos.invalid"),
    "testing": ("XtreemOS testing key", "testing-key@xtreemos.invalid"),
}
_ADVISORY_URL: Final = "http://www.xtreemos.eu/security/advisories?name="

LIBC: Final = "libc.so.6()(64bit)"
LIBSSL: Final = "libssl.so.0.9.8()(64bit)"
LIBXML: Final = "libxml2.so.2()(64bit)"
LIBFUSE: Final = "libfuse.so.2()(64bit)"
LIBZ: Final = "libz.so.1()(64bit)"
LIBCONFUSE: Final = "libconfuse.so.0()(64bit)"


def _pkg(
    name: str,
    version: str,
    release: str,
    summary: str,
    *,
    arch: str = MAIN_ARCH,
    epoch: int = 0,
    group: str = "System/Base",
    requires: tuple[str, ...] = (),
    provides: tuple[str, ...] = (),
    obsoletes: tuple[str, ...] = (),
    conflicts: tuple[str, ...] = (),
    suggests: tuple[str, ...] = (),
    files: tuple[FileEntry, ...] = (),
    scriptlets: Mapping[str, str] | None = None,
) -> PackageSpec:
    """A package of the demo: x86_64 and System/Base unless said otherwise."""
    return PackageSpec(
        name=name,
        version=version,
        release=release,
        summary=summary,
        arch=arch,
        epoch=epoch,
        group=group,
        requires=requires,
        provides=provides,
        obsoletes=obsoletes,
        conflicts=conflicts,
        suggests=suggests,
        files=files,
        scriptlets=dict(scriptlets or {}),
    )


# ---------------------------------------------------------------- Main (Mandriva base)


def _kernel(version: str, extra: str) -> tuple[PackageSpec, PackageSpec]:
    """A versioned kernel package and the kernel-desktop-latest pointing at it."""
    flavour = f"{version}-desktop-{extra}"
    kernel = _pkg(
        f"kernel-desktop-{version}-{extra}",
        "1",
        "1mnb2",
        f"Linux kernel {version} for desktop use",
        group="System/Kernel and hardware",
        # As Mandriva's and Mageia's kernels do: urpmi then says to restart the computer.
        provides=(f"kernel = {version}-1mnb2", "should-restart = system"),
        files=(f"/boot/vmlinuz-{flavour}", f"/boot/System.map-{flavour}"),
        scriptlets={"post": f"/sbin/installkernel -L {flavour}"},
    )
    latest = _pkg(
        "kernel-desktop-latest",
        version,
        "1mnb2",
        "Virtual package for the newest desktop kernel",
        group="System/Kernel and hardware",
        requires=(f"kernel-desktop-{version}-{extra} = 1-1mnb2",),
    )
    return kernel, latest


KERNEL_OLD, KERNEL_LATEST_OLD = _kernel("2.6.27.5", "1mnb")
KERNEL_NEW, KERNEL_LATEST_NEW = _kernel("2.6.27.7", "1mnb")

MAIN: Final = (
    _pkg(
        "filesystem",
        "2.1.9",
        f"1{MDV}",
        "The basic directory layout for a Linux system",
        files=(
            "/bin/",
            "/boot/",
            "/etc/",
            "/lib64/",
            "/usr/",
            "/usr/bin/",
            "/usr/lib64/",
            "/usr/sbin/",
            "/usr/share/",
            "/var/",
        ),
    ),
    _pkg(
        "setup",
        "2.7.13",
        f"1{MDV}",
        "A set of system configuration and setup files",
        arch="noarch",
        requires=("filesystem",),
        files=(("/etc/shells", "/bin/sh\n/bin/bash\n"), ("/etc/hosts", "127.0.0.1 localhost\n")),
    ),
    _pkg(
        "glibc",
        "2.8",
        f"1.20080520.5{MDV}",
        "The GNU libc libraries",
        provides=(LIBC, "libc.so.6(GLIBC_2.2.5)(64bit)", "ld-linux-x86-64.so.2()(64bit)"),
        requires=("filesystem",),
        files=("/lib64/libc-2.8.so", "/lib64/libc.so.6", "/lib64/ld-linux-x86-64.so.2"),
    ),
    _pkg(
        "bash",
        "3.2",
        f"23{MDV}",
        "The GNU Bourne Again shell (bash)",
        group="Shells",
        requires=(LIBC,),
        files=("/bin/bash", ("/bin/sh", "#!/bin/bash\n")),
    ),
    _pkg(
        "coreutils",
        "6.12",
        f"3{MDV}",
        "The GNU core utilities: a set of tools",
        requires=(LIBC,),
        files=("/bin/ls", "/bin/cp", "/bin/mv"),
    ),
    _pkg(
        "lib64zlib1",
        "1.2.3",
        f"10{MDV}",
        "The zlib compression and decompression library",
        group="System/Libraries",
        provides=(LIBZ,),
        requires=(LIBC,),
        files=("/lib64/libz.so.1",),
    ),
    _pkg(
        "lib64openssl0.9.8",
        "0.9.8h",
        f"3{MDV}",
        "Secure Sockets Layer communications libs",
        group="System/Libraries",
        provides=(LIBSSL, "libcrypto.so.0.9.8()(64bit)"),
        requires=(LIBC, LIBZ),
        files=("/usr/lib64/libssl.so.0.9.8", "/usr/lib64/libcrypto.so.0.9.8"),
    ),
    _pkg(
        "openssl",
        "0.9.8h",
        f"3{MDV}",
        "Secure Sockets Layer communications utils",
        group="System/Libraries",
        requires=(f"lib64openssl0.9.8 = 0.9.8h-3{MDV}",),
        files=("/usr/bin/openssl",),
    ),
    _pkg(
        "lib64xml2_2",
        "2.7.1",
        f"1{MDV}",
        "The libxml library",
        group="System/Libraries",
        provides=(LIBXML,),
        requires=(LIBC, LIBZ),
        files=("/usr/lib64/libxml2.so.2",),
    ),
    _pkg(
        "libxml2-utils",
        "2.7.1",
        f"1{MDV}",
        "Utilities to manipulate XML files",
        group="System/Libraries",
        requires=(LIBXML,),
        files=("/usr/bin/xmllint",),
    ),
    _pkg(
        "lib64python2.5",
        "2.5.2",
        f"5{MDV}",
        "Shared libraries for Python 2.5",
        group="System/Libraries",
        provides=("libpython2.5.so.1.0()(64bit)",),
        requires=(LIBC,),
        files=("/usr/lib64/libpython2.5.so.1.0",),
    ),
    _pkg(
        "python",
        "2.5.2",
        f"5{MDV}",
        "An interpreted, interactive object-oriented language",
        group="Development/Python",
        requires=(f"lib64python2.5 = 2.5.2-5{MDV}",),
        files=("/usr/bin/python", "/usr/bin/python2.5"),
    ),
    _pkg(
        "perl",
        "5.10.0",
        f"24{MDV}",
        "The Perl programming language",
        epoch=2,
        group="Development/Perl",
        requires=(LIBC,),
        files=("/usr/bin/perl",),
    ),
    _pkg(
        "perl-URPM",
        "3.20",
        f"1{MDV}",
        "URPM module for perl",
        group="Development/Perl",
        requires=("perl >= 2:5.10.0",),
        files=("/usr/lib/perl5/vendor_perl/5.10.0/URPM.pm",),
    ),
    _pkg(
        "urpmi",
        "6.17",
        f"1{MDV}",
        "Command-line software installation tools",
        arch="noarch",
        group="System/Configuration/Packaging",
        requires=("perl-URPM >= 3.20", "perl"),
        suggests=("wget",),
        files=(
            "/usr/sbin/urpmi",
            "/usr/sbin/urpmi.addmedia",
            "/usr/sbin/urpmi.update",
            "/usr/bin/urpmq",
        ),
    ),
    _pkg(
        "wget",
        "1.11.4",
        f"1{MDV}",
        "A utility for retrieving files using HTTP or FTP",
        group="Networking/WWW",
        requires=(LIBSSL,),
        files=("/usr/bin/wget",),
    ),
    _pkg(
        "lib64fuse2",
        "2.7.4",
        f"1{MDV}",
        "The library for FUSE filesystems",
        group="System/Libraries",
        provides=(LIBFUSE,),
        requires=(LIBC,),
        files=("/lib64/libfuse.so.2",),
    ),
    _pkg(
        "fuse",
        "2.7.4",
        f"1{MDV}",
        "Interface for userspace programs to export a VFS",
        group="System/Kernel and hardware",
        requires=(LIBFUSE,),
        files=("/usr/bin/fusermount",),
        scriptlets={"post": "/sbin/modprobe fuse >/dev/null 2>&1 || :"},
    ),
    _pkg(
        "openssh",
        "5.1p1",
        f"1{MDV}",
        "OpenSSH free Secure Shell (SSH) implementation",
        group="Networking/Remote access",
        requires=("libcrypto.so.0.9.8()(64bit)",),
        files=("/usr/bin/ssh-keygen",),
    ),
    _pkg(
        "openssh-clients",
        "5.1p1",
        f"1{MDV}",
        "OpenSSH Secure Shell protocol clients",
        group="Networking/Remote access",
        requires=(f"openssh = 5.1p1-1{MDV}",),
        files=("/usr/bin/ssh", "/usr/bin/scp"),
    ),
    _pkg(
        "lib64confuse0",
        "2.6",
        f"1{MDV}",
        "A configuration file parser library",
        group="System/Libraries",
        provides=(LIBCONFUSE,),
        requires=(LIBC,),
        files=("/usr/lib64/libconfuse.so.0",),
    ),
    KERNEL_OLD,
    KERNEL_LATEST_OLD,
)

CONTRIB: Final = (
    _pkg(
        "htop",
        "0.8.1",
        f"1{MDV}",
        "Interactive process viewer",
        group="Monitoring",
        requires=(LIBC,),
        files=("/usr/bin/htop",),
    ),
    _pkg(
        "iftop",
        "0.17",
        f"6{MDV}",
        "Display bandwidth usage on an interface",
        group="Monitoring",
        requires=(LIBC,),
        files=("/usr/sbin/iftop",),
    ),
    _pkg(
        "ganglia-core",
        "3.1.1",
        f"1{MDV}",
        "Ganglia cluster monitoring core",
        group="Monitoring",
        requires=(LIBCONFUSE, LIBC),
        files=("/usr/sbin/gmond",),
    ),
    _pkg(
        "python-lxml",
        "2.1.2",
        f"1{MDV}",
        "Python binding for libxml2 and libxslt",
        group="Development/Python",
        requires=("python >= 2.5", LIBXML),
        files=("/usr/lib64/python2.5/site-packages/lxml/etree.so",),
    ),
)

# ---------------------------------------------------------------- XtreemOS

XOS: Final = "xos2.0"
_AMSD_FILES: Final = ("/usr/sbin/xos-amsd", ("/etc/xos/amsd.conf", "port = 60000\n"))
_CHKCONFIG: Final = {"post": "/sbin/chkconfig --add xos-amsd"}

XTREEMOS: Final = (
    _pkg(
        "xtreemos-release",
        "2.0",
        f"1{XOS}",
        "XtreemOS release file",
        arch="noarch",
        group="System/Configuration/Other",
        files=(
            ("/etc/release", "XtreemOS release 2.0 (Official) for x86_64\n"),
            ("/etc/xtreemos-release", "XtreemOS release 2.0 (Official) for x86_64\n"),
        ),
    ),
    _pkg(
        "xos-api",
        "2.0",
        f"1{XOS}",
        "XtreemOS API (XATI) for Java applications",
        arch="noarch",
        group="Development/Java",
        files=("/usr/share/java/xos-api.jar",),
    ),
    _pkg(
        "xos-amsd",
        "2.0",
        f"1{XOS}",
        "XtreemOS application management service daemon",
        group="System/Servers",
        requires=("xos-api >= 2.0", LIBSSL),
        files=_AMSD_FILES,
        scriptlets=_CHKCONFIG,
    ),
    _pkg(
        "xtreemos-node-manager",
        "2.0",
        f"2{XOS}",
        "XtreemOS node-level resource manager",
        group="System/Servers",
        requires=("xos-amsd >= 2.0", "python >= 2.5"),
        files=("/usr/sbin/xos-nodemanager",),
    ),
    _pkg(
        "xtreemfs-client",
        "1.0",
        f"1{XOS}",
        "XtreemFS client: mount XtreemFS volumes",
        group="System/Kernel and hardware",
        requires=("fuse >= 2.7", LIBFUSE, LIBSSL),
        files=("/usr/bin/mount.xtreemfs", "/usr/bin/xtfs_mount"),
    ),
    _pkg(
        "xtreemfs-server",
        "1.0",
        f"1{XOS}",
        "XtreemFS servers: DIR, MRC and OSD",
        arch="noarch",
        group="System/Servers",
        conflicts=("xtreemfs-osd < 1.0",),
        files=("/usr/share/java/XtreemFS.jar",),
    ),
    _pkg(
        "xos-xvoms",
        "2.0",
        f"1{XOS}",
        "XtreemOS virtual organization management service",
        arch="noarch",
        group="System/Servers",
        obsoletes=("xos-vo-support < 2.0",),
        files=("/usr/share/xos/xvoms/xvoms.war",),
    ),
    _pkg(
        "xos-pam",
        "2.0",
        f"1{XOS}",
        "PAM module for XtreemOS VO accounts",
        requires=(LIBC,),
        files=("/lib64/security/pam_xos.so",),
    ),
    _pkg(
        "xos-nss",
        "2.0",
        f"1{XOS}",
        "NSS module for XtreemOS VO accounts",
        requires=(LIBC,),
        files=("/lib64/libnss_xos.so.2",),
    ),
)

# ---------------------------------------------------------------- XtreemOS_Updates


def _advisory(
    number: int, importance: Importance, packages: tuple[str, ...], updated: str, reason: str
) -> Advisory:
    prefix = "XOSSA" if importance is Importance.SECURITY else "XOSA"
    ident = f"{prefix}-2009:{number:03d}"
    return Advisory(
        packages=packages,
        importance=importance,
        id=ident,
        url=_ADVISORY_URL + ident,
        updated=updated,
        reason=reason,
    )


UPDATES: Final = (
    _pkg(
        "lib64openssl0.9.8",
        "0.9.8h",
        f"3.2{MDV}",
        "Secure Sockets Layer communications libs",
        group="System/Libraries",
        provides=(LIBSSL, "libcrypto.so.0.9.8()(64bit)"),
        requires=(LIBC, LIBZ),
        files=("/usr/lib64/libssl.so.0.9.8", "/usr/lib64/libcrypto.so.0.9.8"),
    ),
    _pkg(
        "openssl",
        "0.9.8h",
        f"3.2{MDV}",
        "Secure Sockets Layer communications utils",
        group="System/Libraries",
        requires=(f"lib64openssl0.9.8 = 0.9.8h-3.2{MDV}",),
        files=("/usr/bin/openssl",),
    ),
    KERNEL_NEW,
    KERNEL_LATEST_NEW,
    _pkg(
        "lib64xml2_2",
        "2.7.1",
        f"1.1{MDV}",
        "The libxml library",
        group="System/Libraries",
        provides=(LIBXML,),
        requires=(LIBC, LIBZ),
        files=("/usr/lib64/libxml2.so.2",),
    ),
    _pkg(
        "libxml2-utils",
        "2.7.1",
        f"1.1{MDV}",
        "Utilities to manipulate XML files",
        group="System/Libraries",
        requires=(LIBXML,),
        files=("/usr/bin/xmllint",),
    ),
    _pkg(
        "xtreemfs-client",
        "1.0",
        f"2{XOS}",
        "XtreemFS client: mount XtreemFS volumes",
        group="System/Kernel and hardware",
        requires=("fuse >= 2.7", LIBFUSE, LIBSSL),
        files=("/usr/bin/mount.xtreemfs", "/usr/bin/xtfs_mount"),
    ),
    # Newly requires lib64confuse0, which is in Main but not installed.
    _pkg(
        "xos-amsd",
        "2.0.1",
        f"1{XOS}",
        "XtreemOS application management service daemon",
        group="System/Servers",
        requires=("xos-api >= 2.0", LIBSSL, LIBCONFUSE),
        files=_AMSD_FILES,
        scriptlets=_CHKCONFIG,
    ),
    # Back to the 1.9 series: only the epoch makes it newer than 2.0-2.
    _pkg(
        "xtreemos-node-manager",
        "1.9.5",
        f"1{XOS}",
        "XtreemOS node-level resource manager",
        epoch=1,
        group="System/Servers",
        requires=("xos-amsd >= 2.0", "python >= 2.5"),
        files=("/usr/sbin/xos-nodemanager",),
    ),
    _pkg(
        "bash",
        "3.2",
        f"23.1{MDV}",
        "The GNU Bourne Again shell (bash)",
        group="Shells",
        requires=(LIBC,),
        files=("/bin/bash", ("/bin/sh", "#!/bin/bash\n")),
    ),
    _pkg(
        "xos-api",
        "2.0.1",
        f"1{XOS}",
        "XtreemOS API (XATI) for Java applications",
        arch="noarch",
        group="Development/Java",
        files=("/usr/share/java/xos-api.jar",),
    ),
)

ADVISORIES: Final = (
    _advisory(
        1,
        Importance.SECURITY,
        ("lib64openssl0.9.8", "openssl"),
        "Wed Jan 07 16:20:00 2009",
        "OpenSSL did not check the result of EVP_VerifyFinal properly, so a malformed "
        "DSA or ECDSA signature could pass as valid (CVE-2008-5077).",
    ),
    _advisory(
        2,
        Importance.SECURITY,
        ("kernel-desktop-latest", KERNEL_NEW.name),
        "Tue Jan 13 11:05:00 2009",
        "The 2.6.27.7 kernel fixes a local denial of service in the ATM code "
        "(CVE-2008-5079) and a crash in the video4linux tvaudio driver "
        "(CVE-2008-5033).",
    ),
    _advisory(
        3,
        Importance.SECURITY,
        ("lib64xml2_2", "libxml2-utils"),
        "Thu Jan 15 09:40:00 2009",
        "Integer overflows in libxml2 allowed a crafted XML document to crash "
        "applications or run code (CVE-2008-4225, CVE-2008-4226).",
    ),
    _advisory(
        4,
        Importance.BUGFIX,
        ("xtreemfs-client",),
        "Mon Jan 19 14:00:00 2009",
        "The XtreemFS client no longer crashes when a volume is unmounted while files "
        "are still open.",
    ),
    _advisory(
        5,
        Importance.BUGFIX,
        ("xos-amsd",),
        "Wed Jan 21 10:30:00 2009",
        "The application management daemon now reads its configuration with "
        "libconfuse, which fixes quoted values in amsd.conf.",
    ),
    _advisory(
        6,
        Importance.NORMAL,
        ("xtreemos-node-manager",),
        "Fri Jan 23 17:15:00 2009",
        "Returns to the 1.9 series of the node manager, the one the XtreemOS 2.0 "
        "services were validated with.",
    ),
    _advisory(
        7,
        Importance.BUGFIX,
        ("bash",),
        "Tue Jan 27 08:50:00 2009",
        "bash no longer crashes on very long here-documents.",
    ),
    _advisory(
        8,
        Importance.NORMAL,
        ("xos-api",),
        "Thu Jan 29 12:00:00 2009",
        "Adds the job submission calls of the XtreemOS API 2.0.1.",
    ),
)

# ---------------------------------------------------------------- XtreemOS_Testing

TESTING: Final = (
    _pkg(
        "xtreemfs-client",
        "1.1",
        f"0.rc1.1{XOS}",
        "XtreemFS client: mount XtreemFS volumes",
        group="System/Kernel and hardware",
        requires=("fuse >= 2.7", LIBFUSE, LIBSSL),
        files=("/usr/bin/mount.xtreemfs", "/usr/bin/xtfs_mount"),
    ),
    _pkg(
        "xos-xvoms",
        "2.1",
        f"0.beta1.1{XOS}",
        "XtreemOS virtual organization management service",
        arch="noarch",
        group="System/Servers",
        obsoletes=("xos-vo-support < 2.0",),
        files=("/usr/share/xos/xvoms/xvoms.war",),
    ),
    _pkg(
        "xos-pam",
        "2.0.2",
        f"1{XOS}",
        "PAM module for XtreemOS VO accounts",
        requires=(LIBC,),
        files=("/lib64/security/pam_xos.so",),
    ),
    _pkg(
        "xos-nss",
        "2.0.1",
        f"1{XOS}",
        "NSS module for XtreemOS VO accounts",
        requires=(LIBC,),
        files=("/lib64/libnss_xos.so.2",),
    ),
    _pkg(
        "xtreemos-checkpointer",
        "0.9",
        f"0.1{XOS}",
        "Checkpoint and restart of XtreemOS grid jobs",
        group="System/Servers",
        requires=("xos-amsd >= 2.0", LIBC),
        files=("/usr/sbin/xos-checkpointer",),
    ),
)

# Release packages the sandbox root has installed (the older versions of the updates).
INSTALLED: Final = frozenset(
    {p.name for p in MAIN if p.name != "lib64confuse0"}
    | {"htop", "python-lxml"}
    | {p.name for p in XTREEMOS if p.name != "xtreemfs-server"}
)


def demo_distrib() -> DistribSpec:
    """The XtreemOS 2.0 x86_64 tree: three release media, updates, testing."""
    return DistribSpec(
        version="2.0",
        branch="Official",
        arch=MAIN_ARCH,
        product="Free",
        media=(
            MediumSpec(path="main/release", name="Main", key="release", packages=MAIN),
            MediumSpec(path="contrib/release", name="Contrib", key="release", packages=CONTRIB),
            MediumSpec(path="xtreemos/release", name="XtreemOS", key="release", packages=XTREEMOS),
            MediumSpec(
                path="xtreemos/updates",
                name="XtreemOS_Updates",
                key="updates",
                updates_for="xtreemos/release",
                packages=UPDATES,
                advisories=ADVISORIES,
            ),
            MediumSpec(
                path="xtreemos/testing",
                name="XtreemOS_Testing",
                key="testing",
                noauto=True,
                packages=TESTING,
            ),
        ),
    )
