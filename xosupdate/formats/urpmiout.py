# SPDX-License-Identifier: GPL-2.0-or-later
"""What urpmi and urpmi.update print, line by line (formats layer; formats.md §9, §12.6-§12.8).

urpmi has no machine-readable mode: the helper runs it under ``LC_ALL=C`` and reads both
output streams together. Download progress is rewritten in place with ``\\r`` and comes on
stderr, everything else on stdout; ``LineSplitter`` cuts the byte stream at ``\\r`` as well as
``\\n`` so that every progress update is a line of its own. ``parse_line`` classifies one line
(stateless, total: every string gives a ``UrpmiLine``, unknown text is ``OTHER``), and
``UrpmiOutput`` keeps what a caller needs once urpmi has exited: the files of the
``installing … from …`` lines, the bad signatures, unsatisfied requirements, rpm problems
and the other messages that explain an exit code (``UrpmiExit``).

The samples this is tested against are the observed outputs of formats.md §12, kept byte for
byte in ``tests/data/urpmi/``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "BadSignature",
    "LineKind",
    "LineSplitter",
    "SignatureReason",
    "UrpmiExit",
    "UrpmiLine",
    "UrpmiOutput",
    "parse_line",
    "parse_size",
    "rpm_fullname",
]


class UrpmiExit(enum.IntEnum):
    """urpmi's exit codes (urpmi(8), formats.md §9.2 and §12.8)."""

    OK = 0
    FAILURE = 1  # command line problem, unknown package; urpmi.update: any failure
    LOCAL_PACKAGES = 2  # urpmi: registering local packages; urpmi.update: entry missing
    SOURCES = 3  # source packages not retrievable, or Ctrl-C during resolution
    MEDIUM_NOT_SELECTED = 4
    MEDIUM_EXISTS = 5
    CONFIG_NOT_SAVED = 6
    LOCKED = 7
    BUG_REPORT = 8
    RPMDB = 9
    MISSING_FILES = 10
    SOME_FAILED = 11
    ALL_FAILED = 12
    MISSING_SOME_FAILED = 13
    MISSING_ALL_FAILED = 14
    NOTHING_INSTALLED = 15
    BAD_SIGNATURE = 16
    NOT_INSTALLED = 17  # some packages could not be installed, or the user answered "n"


class LineKind(enum.StrEnum):
    """What one line of urpmi's output is."""

    BLANK = "blank"  # also a progress line cleared with blanks
    DOWNLOAD_START = "download-start"  # "    http://…/foo.rpm"
    DOWNLOAD_PROGRESS = "download-progress"  # "        42% of 6985 completed, ETA = …"
    INSTALLING = "installing"  # "installing a.rpm b.rpm from DIR" or "installing /p/a.rpm"
    INSTALL_FILE = "install-file"  # "/p/b.rpm", continuing an "installing /p/a.rpm" line
    PREPARING = "preparing"  # "Preparing...   ####"
    PACKAGE = "package"  # "      1/4: xos-base     ####"
    REMOVING = "removing"  # "      1/1: removing xos-hello-1.0-1.mga9.x86_64"
    REMOVING_PACKAGE = "removing-package"  # "removing package xos-a-1-1.noarch"
    HASHES = "hashes"  # the hash bar of a removal, alone on its line
    TEST_OK = "test-ok"  # "Installation is possible"
    UP_TO_DATE = "up-to-date"  # "Packages are up to date"
    ALREADY_INSTALLED = "already-installed"  # "Package X is already installed"
    CANNOT_INSTALL = "cannot-install"  # "A requested package cannot be installed:"
    UNSATISFIED = "unsatisfied"  # "X (due to unsatisfied Y)"
    PARTIAL_FAILURE = "partial-failure"  # "While some packages may have been installed, …"
    INSTALL_FAILED = "install-failed"  # "Installation failed:[\tproblem]" and variants
    PROBLEM = "problem"  # a tab-indented rpm problem after "Installation failed:"
    BAD_SIGNATURES = "bad-signatures"  # "The following package(s) has/have bad signature(s):"
    BAD_SIGNATURE = "bad-signature"  # "PATH: Missing signature (OK ((none)))"
    QUESTION = "question"  # "Do you want to continue installation ? (y/N)"
    LOCKED = "locked"  # "urpmi database locked"
    NO_PACKAGE = "no-package"  # "No package named X"
    NO_MEDIUM = "no-medium"  # 'trying to select nonexistent medium "X"'
    RETRIEVE_FAILED = "retrieve-failed"  # "...retrieving failed: curl failed: exited with 7"
    MEDIUM_UP_TO_DATE = "medium-up-to-date"  # 'medium "X" is up-to-date'
    MEDIUM_UPDATED = "medium-updated"  # 'updated medium "X"'
    NO_METADATA = "no-metadata"  # 'no metadata found for medium "X"'
    MD5_MISMATCH = "md5-mismatch"  # "retrieval of [URL] failed (md5sum mismatch)"
    BAD_SYNTHESIS = "bad-synthesis"  # 'problem reading synthesis file of medium "X"'
    MEDIUM_IGNORED = "medium-ignored"  # 'unable to access synthesis file of "X", medium ignored'
    RESTART = "restart"  # "You should restart your computer for …"
    OTHER = "other"  # scriptlet output, README.urpmi, anything else


class SignatureReason(enum.StrEnum):
    """Why urpmi refused a package's signature (formats.md §7)."""

    MEDIUM_WITHOUT_KEY = "medium-without-key"  # the medium has no key-ids
    MISSING = "missing"  # unsigned, on a medium with key-ids
    INVALID_KEY_ID = "invalid-key-id"  # signed by a key not bound to the medium
    NO_KEY = "no-key"  # "NOT OK (no key)": a key the rpm database does not hold
    INVALID = "invalid"  # "NOT OK (bad|fail|…)": the signature or a digest does not verify


@dataclass(frozen=True, slots=True, kw_only=True)
class BadSignature:
    """One line of urpmi's bad-signature list."""

    path: str
    reason: SignatureReason
    text: str

    @property
    def fullname(self) -> str:
        """``name-version-release.arch`` of the package."""
        return rpm_fullname(self.path)


@dataclass(frozen=True, slots=True, kw_only=True)
class UrpmiLine:
    """One classified line.

    Attributes:
        text: the line as printed, without its terminator.
        url: DOWNLOAD_START; RETRIEVE_FAILED and MD5_MISMATCH when urpmi names one.
        percent, size: DOWNLOAD_PROGRESS (size in bytes, None when not printed or unknown).
        done, total: PACKAGE and REMOVING (``done/total``).
        name: PACKAGE (package name), REMOVING and REMOVING_PACKAGE (full name), NO_PACKAGE,
            ALREADY_INSTALLED and UNSATISFIED (full name of the package that cannot go in).
        files: INSTALLING and INSTALL_FILE (the rpm files named).
        source: INSTALLING (the directory after ``from``), when printed.
        medium: the medium named by urpmi.update messages and NO_MEDIUM.
        reason: RETRIEVE_FAILED, INSTALL_FAILED, PROBLEM, UNSATISFIED (the requirement).
        signature: BAD_SIGNATURE.
    """

    kind: LineKind
    text: str
    url: str = ""
    percent: int | None = None
    size: int | None = None
    done: int = 0
    total: int = 0
    name: str = ""
    files: tuple[str, ...] = ()
    source: str = ""
    medium: str = ""
    reason: str = ""
    signature: BadSignature | None = None


# ---------------------------------------------------------------- splitting


_LINE_END: Final = re.compile(rb"\r\n|\r|\n")


class LineSplitter:
    """Cut a byte stream into lines at ``\\n``, ``\\r`` and ``\\r\\n``.

    Bytes are decoded as UTF-8 with replacement: urpmi's C-locale messages are ASCII, but
    package summaries and scriptlet output may be anything. A line that never ends is cut at
    ``max_line`` characters, so a runaway program cannot make the reader hold unbounded text.
    """

    def __init__(self, *, max_line: int = 65_536) -> None:
        self._pending = bytearray()
        self._scanned = 0  # bytes of _pending already searched for a line end
        self._max = max_line

    def feed(self, data: bytes) -> list[str]:
        """The lines completed by ``data``.

        Linear in what it is fed, however small the pieces (rpm's hash marks arrive a
        byte at a time): the pending text grows in place and is searched only once.
        """
        buf = self._pending
        buf += data
        out: list[str] = []
        start = 0
        for m in _LINE_END.finditer(buf, self._scanned):
            if m.group() == b"\r" and m.end() == len(buf):
                # Maybe the first half of "\r\n": wait for the next byte.
                self._pending = buf[start:]
                self._scanned = m.start() - start
                return self._cut(out)
            out.append(buf[start : m.start()].decode("utf-8", "replace"))
            start = m.end()
        self._pending = buf[start:] if start else buf
        self._scanned = len(self._pending)
        return self._cut(out)

    def _cut(self, out: list[str]) -> list[str]:
        """A line that never ends is cut at ``max_line``."""
        while len(self._pending) > self._max:
            out.append(bytes(self._pending[: self._max]).decode("utf-8", "replace"))
            del self._pending[: self._max]
            self._scanned = max(0, self._scanned - self._max)
        return out

    def finish(self) -> list[str]:
        """The last, unterminated line (if any) once the stream has ended."""
        rest, self._pending, self._scanned = bytes(self._pending), bytearray(), 0
        text = rest.decode("utf-8", "replace").removesuffix("\r")
        return [text] if text else []


# ---------------------------------------------------------------- one line

_URL: Final = r"(?:https?|ftp|file|rsync)://\S+"
_DOWNLOAD_START: Final = re.compile(rf"\s+({_URL})\s*")
_PROGRESS_SIZE: Final = re.compile(
    r"\s*(\d{1,3})% of (\S+) completed, ETA = \S+, speed = \S+\s*", re.ASCII
)
_PROGRESS: Final = re.compile(r"\s*(\d{1,3})% completed, speed = \S+\s*", re.ASCII)
_INSTALLING: Final = re.compile(r"installing (.+?)(?: from (.+))?")
_PREPARING: Final = re.compile(r"Preparing\.\.\.\s*#*\s*")
# Counters of at most 9 digits: a line with more is not urpmi's (int() would refuse it).
# The tails are written so that blanks can be matched one way only: "\s+#*\s*" tried
# every split of a long run of blanks (a line of 65,000 took ten seconds).
_PACKAGE: Final = re.compile(r"\s*(\d{1,9})/(\d{1,9}): (\S+)(?:\s+(?:#+\s*)?)?", re.ASCII)
_REMOVING: Final = re.compile(
    r"\s*(\d{1,9})/(\d{1,9}): removing (\S+)(?:\s+|(?=#))?(?:#+\s*)?", re.ASCII
)
_REMOVING_PACKAGE: Final = re.compile(r"removing package (\S+)")
_HASHES: Final = re.compile(r"\s*#+\s*")
_ALREADY: Final = re.compile(r"Package (\S+) is already installed")
_UNSATISFIED: Final = re.compile(r"(\S+) \(due to unsatisfied (.+)\)")
_INSTALL_FAILED: Final = re.compile(r"Installation failed(?:,([^:]*))?:\s*(.*)")
_BAD_SIGNATURES: Final = re.compile(r"The following packages? (?:has|have) bad signatures?:?")
_BAD_SIGNATURE: Final = re.compile(
    r"(\S+\.rpm): (Medium without key|Missing signature|Invalid Key ID|Invalid signature)\b(.*)"
)
_NO_PACKAGE: Final = re.compile(r"No package named (\S+)")
_NO_MEDIUM: Final = re.compile(r'trying to select nonexistent medium "(.*)"')
_RETRIEVE_FAILED: Final = re.compile(r"\.\.\.retrieving failed: (.*)")
_MEDIUM_UP_TO_DATE: Final = re.compile(r'medium "(.*)" is up-to-date')
_MEDIUM_UPDATED: Final = re.compile(r'updated medium "(.*)"')
_NO_METADATA: Final = re.compile(r'no metadata found for medium "(.*)"')
_MD5_MISMATCH: Final = re.compile(r"retrieval of \[(.*)\] failed \(md5sum mismatch\)")
_BAD_SYNTHESIS: Final = re.compile(r'problem reading synthesis file of medium "(.*)"')
_MEDIUM_IGNORED: Final = re.compile(
    r'unable to access (?:synthesis|hdlist) file of "(.*)", medium ignored'
)
_SIZE: Final = re.compile(r"(\d+(?:\.\d+)?)\s*([kKMGT]?)(?:i?B)?", re.ASCII)
_SIZE_DIGITS: Final = 30
_UNITS: Final = {"": 1, "k": 1 << 10, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_FIXED: Final = {
    "Installation is possible": LineKind.TEST_OK,
    "Packages are up to date": LineKind.UP_TO_DATE,
    "A requested package cannot be installed:": LineKind.CANNOT_INSTALL,
    "While some packages may have been installed, there were failures.": (LineKind.PARTIAL_FAILURE),
    "urpmi database locked": LineKind.LOCKED,
}


def parse_size(text: str) -> int | None:
    """A size as urpmi prints it (``6985``, ``13KB``, ``1.2M``) in bytes, or None.

    >>> parse_size("6985"), parse_size("13KB"), parse_size("1.5M"), parse_size("?")
    (6985, 13312, 1572864, None)
    """
    m = _SIZE.fullmatch(text)
    if m is None or len(m.group(1)) > _SIZE_DIGITS:
        return None  # more digits than any size: not one (float() would give infinity)
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def rpm_fullname(path: str) -> str:
    """``name-version-release.arch`` of an rpm file path or URL.

    >>> rpm_fullname("//srv/m/xos-hello-1.1-1.mga9.x86_64.rpm")
    'xos-hello-1.1-1.mga9.x86_64'
    """
    return path.rstrip("/").rpartition("/")[2].removesuffix(".rpm")


def _signature_reason(kind: str, rest: str) -> SignatureReason:
    if kind == "Medium without key":
        return SignatureReason.MEDIUM_WITHOUT_KEY
    if kind == "Missing signature":
        return SignatureReason.MISSING
    if kind == "Invalid Key ID":
        return SignatureReason.INVALID_KEY_ID
    return SignatureReason.NO_KEY if "(no key)" in rest else SignatureReason.INVALID


def parse_line(text: str) -> UrpmiLine:
    """Classify one line of urpmi or urpmi.update output (without its terminator)."""
    stripped = text.strip()
    if not stripped:
        return UrpmiLine(kind=LineKind.BLANK, text=text)
    fixed = _FIXED.get(stripped)
    if fixed is not None:
        return UrpmiLine(kind=fixed, text=text)
    if stripped.startswith("Do you want to continue installation"):
        return UrpmiLine(kind=LineKind.QUESTION, text=text)
    if stripped.startswith("You should restart your "):
        return UrpmiLine(kind=LineKind.RESTART, text=text)
    if (m := _DOWNLOAD_START.fullmatch(text)) is not None:
        return UrpmiLine(kind=LineKind.DOWNLOAD_START, text=text, url=m.group(1))
    if (m := _PROGRESS_SIZE.fullmatch(text)) is not None:
        return UrpmiLine(
            kind=LineKind.DOWNLOAD_PROGRESS,
            text=text,
            percent=min(int(m.group(1)), 100),
            size=parse_size(m.group(2)),
        )
    if (m := _PROGRESS.fullmatch(text)) is not None:
        return UrpmiLine(
            kind=LineKind.DOWNLOAD_PROGRESS, text=text, percent=min(int(m.group(1)), 100)
        )
    if text.startswith("\t"):
        return UrpmiLine(kind=LineKind.PROBLEM, text=text, reason=stripped)
    if (m := _REMOVING.fullmatch(text)) is not None:
        return UrpmiLine(
            kind=LineKind.REMOVING,
            text=text,
            done=int(m.group(1)),
            total=int(m.group(2)),
            name=m.group(3),
        )
    if (m := _PACKAGE.fullmatch(text)) is not None:
        return UrpmiLine(
            kind=LineKind.PACKAGE,
            text=text,
            done=int(m.group(1)),
            total=int(m.group(2)),
            name=m.group(3),
        )
    if _PREPARING.fullmatch(stripped) is not None:
        return UrpmiLine(kind=LineKind.PREPARING, text=text)
    if _HASHES.fullmatch(text) is not None:
        return UrpmiLine(kind=LineKind.HASHES, text=text)
    if (m := _INSTALLING.fullmatch(stripped)) is not None:
        return UrpmiLine(
            kind=LineKind.INSTALLING,
            text=text,
            files=tuple(m.group(1).split()),
            source=m.group(2) or "",
        )
    if stripped.startswith("/") and stripped.endswith(".rpm") and " " not in stripped:
        return UrpmiLine(kind=LineKind.INSTALL_FILE, text=text, files=(stripped,))
    return _parse_message(text, stripped)


def _parse_message(text: str, stripped: str) -> UrpmiLine:
    """The rest of ``parse_line``: messages about results and failures."""
    if (m := _REMOVING_PACKAGE.fullmatch(stripped)) is not None:
        return UrpmiLine(kind=LineKind.REMOVING_PACKAGE, text=text, name=m.group(1))
    if (m := _ALREADY.fullmatch(stripped)) is not None:
        return UrpmiLine(kind=LineKind.ALREADY_INSTALLED, text=text, name=m.group(1))
    if (m := _UNSATISFIED.fullmatch(stripped)) is not None:
        return UrpmiLine(kind=LineKind.UNSATISFIED, text=text, name=m.group(1), reason=m.group(2))
    if (m := _INSTALL_FAILED.fullmatch(stripped)) is not None:
        what = (m.group(1) or "").strip()
        return UrpmiLine(
            kind=LineKind.INSTALL_FAILED,
            text=text,
            reason=m.group(2).strip() or what,
        )
    if _BAD_SIGNATURES.fullmatch(stripped) is not None:
        return UrpmiLine(kind=LineKind.BAD_SIGNATURES, text=text)
    if (m := _BAD_SIGNATURE.fullmatch(stripped)) is not None:
        signature = BadSignature(
            path=m.group(1),
            reason=_signature_reason(m.group(2), m.group(3)),
            text=f"{m.group(2)}{m.group(3)}",
        )
        return UrpmiLine(kind=LineKind.BAD_SIGNATURE, text=text, signature=signature)
    if (m := _NO_PACKAGE.fullmatch(stripped)) is not None:
        return UrpmiLine(kind=LineKind.NO_PACKAGE, text=text, name=m.group(1))
    if (m := _NO_MEDIUM.fullmatch(stripped)) is not None:
        return UrpmiLine(kind=LineKind.NO_MEDIUM, text=text, medium=m.group(1))
    if (m := _RETRIEVE_FAILED.fullmatch(stripped)) is not None:
        return UrpmiLine(kind=LineKind.RETRIEVE_FAILED, text=text, reason=m.group(1))
    for pattern, kind in (
        (_MEDIUM_UP_TO_DATE, LineKind.MEDIUM_UP_TO_DATE),
        (_MEDIUM_UPDATED, LineKind.MEDIUM_UPDATED),
        (_NO_METADATA, LineKind.NO_METADATA),
        (_BAD_SYNTHESIS, LineKind.BAD_SYNTHESIS),
        (_MEDIUM_IGNORED, LineKind.MEDIUM_IGNORED),
    ):
        if (m := pattern.fullmatch(stripped)) is not None:
            return UrpmiLine(kind=kind, text=text, medium=m.group(1))
    if (m := _MD5_MISMATCH.fullmatch(stripped)) is not None:
        return UrpmiLine(kind=LineKind.MD5_MISMATCH, text=text, url=m.group(1))
    return UrpmiLine(kind=LineKind.OTHER, text=text)


# ---------------------------------------------------------------- a whole run


@dataclass(slots=True)
class UrpmiOutput:
    """What a run printed that matters once it has ended.

    Feed it the output as bytes (both streams, in the order they arrived); ``feed`` returns
    the classified lines for progress reporting.

    Attributes:
        installing: rpm files named by ``installing`` lines (and their continuations).
        removing: full names of packages urpmi removed (``removing package X``).
        bad_signatures: the bad-signature list.
        unsatisfied: ``(package, requirement)`` of every ``(due to unsatisfied …)`` line.
        problems: rpm problems after ``Installation failed``.
        failures: the failure messages (retrieval, metadata, missing packages…), in order.
        kinds: every kind of line seen.
    """

    installing: list[str] = field(default_factory=list)
    removing: list[str] = field(default_factory=list)
    bad_signatures: list[BadSignature] = field(default_factory=list)
    unsatisfied: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    kinds: set[LineKind] = field(default_factory=set)
    _splitter: LineSplitter = field(default_factory=LineSplitter, repr=False)

    def feed(self, data: bytes) -> list[UrpmiLine]:
        """Classify the lines ``data`` completes and remember what matters."""
        return [self._take(parse_line(text)) for text in self._splitter.feed(data)]

    def finish(self) -> list[UrpmiLine]:
        """Classify the last unterminated line, if any."""
        return [self._take(parse_line(text)) for text in self._splitter.finish()]

    def _take(self, line: UrpmiLine) -> UrpmiLine:
        self.kinds.add(line.kind)
        kind = line.kind
        if kind in (LineKind.INSTALLING, LineKind.INSTALL_FILE):
            self.installing.extend(line.files)
        elif kind is LineKind.REMOVING_PACKAGE:
            self.removing.append(line.name)
        elif kind is LineKind.BAD_SIGNATURE and line.signature is not None:
            self.bad_signatures.append(line.signature)
        elif kind is LineKind.UNSATISFIED:
            if (line.name, line.reason) not in self.unsatisfied:
                self.unsatisfied.append((line.name, line.reason))
        elif kind in (LineKind.INSTALL_FAILED, LineKind.PROBLEM):
            if line.reason and line.reason not in self.problems:
                self.problems.append(line.reason)
        elif kind in (
            LineKind.NO_PACKAGE,
            LineKind.NO_MEDIUM,
            LineKind.RETRIEVE_FAILED,
            LineKind.NO_METADATA,
            LineKind.MD5_MISMATCH,
            LineKind.BAD_SYNTHESIS,
            LineKind.LOCKED,
        ):
            self.failures.append(line.text.strip())
        return line

    @property
    def fullnames(self) -> tuple[str, ...]:
        """``name-version-release.arch`` of every file of the ``installing`` lines."""
        return tuple(rpm_fullname(f) for f in self.installing)
