# SPDX-License-Identifier: GPL-2.0-or-later
"""urpmi's output, line by line, against the observed samples of formats.md §12."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xosupdate.formats.urpmiout import (
    LineKind,
    LineSplitter,
    SignatureReason,
    UrpmiExit,
    UrpmiOutput,
    parse_line,
    parse_size,
    rpm_fullname,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "urpmi"
CASES = json.loads((DATA / "cases.json").read_text())


def sample(name: str) -> bytes:
    return (DATA / f"{name}.out").read_bytes()


def run(name: str, *, chunk: int | None = None) -> tuple[UrpmiOutput, list[LineKind]]:
    out = UrpmiOutput()
    data = sample(name)
    kinds = []
    step = chunk or len(data) or 1
    for i in range(0, len(data), step):
        kinds += [line.kind for line in out.feed(data[i : i + step])]
    kinds += [line.kind for line in out.finish()]
    return out, kinds


def test_every_sample_has_an_exit_code() -> None:
    names = {p.stem for p in DATA.glob("*.out")}
    assert names == set(CASES)
    for case in CASES.values():
        UrpmiExit(case["exit"])


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("chunk", [None, 1, 7])
def test_chunking_does_not_matter(name: str, chunk: int | None) -> None:
    whole, kinds = run(name)
    pieces, piece_kinds = run(name, chunk=chunk)
    assert piece_kinds == kinds
    assert pieces.installing == whole.installing
    assert pieces.bad_signatures == whole.bad_signatures


def test_install_from_a_local_medium() -> None:
    out, kinds = run("install-local")
    assert kinds[:2] == [LineKind.BLANK, LineKind.BLANK]
    assert set(out.fullnames) == {
        "xos-docs-0.5-1.mga9.noarch",
        "xos-base-1.0-1.mga9.x86_64",
        "xos-hello-1.0-1.mga9.x86_64",
        "xos-lib-1.0-1.mga9.noarch",
    }
    assert kinds.count(LineKind.PREPARING) == 1
    packages = [parse_line(t) for t in sample("install-local").decode().splitlines()]
    counted = [(p.done, p.total, p.name) for p in packages if p.kind is LineKind.PACKAGE]
    assert counted == [
        (1, 4, "xos-base"),
        (2, 4, "xos-docs"),
        (3, 4, "xos-lib"),
        (4, 4, "xos-hello"),
    ]
    assert kinds.count(LineKind.OTHER) == 3  # the packages' own %post output


def test_http_install_with_carriage_return_progress() -> None:
    data = sample("install-http")
    assert b"\r" in data
    lines = [parse_line(t) for t in LineSplitter().feed(data)]
    kinds = [line.kind for line in lines]
    assert kinds[:5] == [
        LineKind.DOWNLOAD_START,
        LineKind.DOWNLOAD_PROGRESS,
        LineKind.DOWNLOAD_PROGRESS,
        LineKind.BLANK,  # the progress line cleared with blanks
        LineKind.INSTALLING,
    ]
    start, first, last = lines[0], lines[1], lines[2]
    assert start.url.endswith("/core/updates/xos-hello-1.1-1.mga9.x86_64.rpm")
    assert (first.percent, first.size) == (0, 0)
    assert (last.percent, last.size) == (100, 6985)
    assert lines[4].files == ("xos-hello-1.1-1.mga9.x86_64.rpm",)
    assert lines[4].source == "/srv/sandbox/var/cache/urpmi/rpms"
    assert kinds[5:7] == [LineKind.PREPARING, LineKind.PACKAGE]


def test_test_mode_and_nothing_to_do() -> None:
    out, kinds = run("test-only")
    assert LineKind.TEST_OK in kinds
    assert out.fullnames == ("xos-hello-1.1-1.mga9.x86_64",)
    assert run("up-to-date")[1] == [LineKind.UP_TO_DATE]
    already = parse_line(sample("already-installed").decode().strip())
    assert (already.kind, already.name) == (
        LineKind.ALREADY_INSTALLED,
        "xos-hello-1.1-1.mga9.x86_64",
    )


def test_upgrade_removes_the_old_version() -> None:
    lines = [parse_line(t) for t in sample("upgrade").decode().splitlines()]
    removing = [line for line in lines if line.kind is LineKind.REMOVING]
    assert [(r.done, r.total, r.name) for r in removing] == [(1, 1, "xos-hello-1.0-1.mga9.x86_64")]
    assert lines[-1].kind is LineKind.HASHES


def test_missing_dependency() -> None:
    out, kinds = run("missing-dependency")
    assert out.unsatisfied == [("xos-broken-1.0-1.mga9.noarch", "xos-missing[>= 3]")]
    assert LineKind.PARTIAL_FAILURE in kinds
    assert kinds.count(LineKind.CANNOT_INSTALL) == 2


def test_file_conflict() -> None:
    out, kinds = run("file-conflict")
    assert kinds == [LineKind.INSTALL_FAILED]
    assert out.problems == [
        (
            "file /usr/share/xos-lib/VERSION from install of xos-lib-1.0-1.mga9.noarch "
            "conflicts with file from package xos-filecl-1.0-1.mga9.noarch"
        )
    ]
    more = parse_line("\tpackage foo is already installed")
    assert (more.kind, more.reason) == (LineKind.PROBLEM, "package foo is already installed")
    missing = parse_line("Installation failed, some files are missing:")
    assert (missing.kind, missing.reason) == (LineKind.INSTALL_FAILED, "some files are missing")


def test_bad_signatures() -> None:
    out, kinds = run("bad-signature")
    assert kinds[0] is LineKind.BAD_SIGNATURES
    assert [(b.fullname, b.reason) for b in out.bad_signatures] == [
        ("xos-base-1.0-1.mga9.x86_64", SignatureReason.MEDIUM_WITHOUT_KEY),
        ("xos-legacy-1.0-1.mga9.noarch", SignatureReason.MISSING),
        ("xos-hello-1.1-1.mga9.x86_64", SignatureReason.NO_KEY),
    ]
    invalid_id = parse_line("/x/a-1-1.noarch.rpm: Invalid Key ID (OK (RSA/SHA1, key ID 12345678))")
    assert invalid_id.signature is not None
    assert invalid_id.signature.reason is SignatureReason.INVALID_KEY_ID
    bad = parse_line("/x/a-1-1.noarch.rpm: Invalid signature (NOT OK (bad): x: BAD)")
    assert bad.signature is not None
    assert bad.signature.reason is SignatureReason.INVALID
    assert parse_line("The following package has bad signature:").kind is LineKind.BAD_SIGNATURES
    question = parse_line("Do you want to continue installation ? (y/N) ")
    assert question.kind is LineKind.QUESTION


def test_errors_and_messages() -> None:
    out, kinds = run("locked")
    assert kinds == [LineKind.LOCKED]
    assert out.failures == ["urpmi database locked"]
    out, kinds = run("no-package")
    assert kinds == [LineKind.NO_PACKAGE]
    out, kinds = run("no-medium")
    assert kinds == [LineKind.NO_MEDIUM, LineKind.NO_PACKAGE]
    lines = [parse_line(t) for t in sample("conflict-removal").decode().splitlines()]
    assert {line.kind for line in lines} == {LineKind.OTHER}
    assert parse_line("removing package xos-extra-2.0-1.mga9.noarch").name == (
        "xos-extra-2.0-1.mga9.noarch"
    )
    restart = parse_line("You should restart your computer for kernel-desktop-2.6.27.7")
    assert restart.kind is LineKind.RESTART
    ignored = parse_line('unable to access synthesis file of "Core Release", medium ignored')
    assert (ignored.kind, ignored.medium) == (LineKind.MEDIUM_IGNORED, "Core Release")


def test_urpmi_update_messages() -> None:
    lines = [parse_line(t) for t in sample("update-updated").decode().splitlines()]
    assert [(line.kind, line.medium) for line in lines] == [
        (LineKind.MEDIUM_UP_TO_DATE, "Core Release"),
        (LineKind.MEDIUM_UPDATED, "Core Updates"),
    ]
    out, kinds = run("update-unreachable")
    assert kinds == [LineKind.RETRIEVE_FAILED]
    assert parse_line(sample("update-unreachable").decode().strip()).reason == (
        "curl failed: exited with 7"
    )
    out, kinds = run("update-md5-mismatch")
    assert kinds == [LineKind.MD5_MISMATCH, LineKind.BAD_SYNTHESIS]
    assert parse_line(sample("update-md5-mismatch").decode().splitlines()[0]).url.endswith(
        "/corrupt/media_info/synthesis.hdlist.cz"
    )
    out, kinds = run("update-no-metadata")
    assert kinds == [LineKind.RETRIEVE_FAILED, LineKind.NO_METADATA]
    assert len(out.failures) == 2


def test_splitter_line_ends() -> None:
    s = LineSplitter()
    assert s.feed(b"a\r") == []  # maybe the first half of \r\n
    assert s.feed(b"\nb\rc\n\n") == ["a", "b", "c", ""]
    assert s.feed(b"tail") == []
    assert s.finish() == ["tail"]
    assert s.finish() == []
    assert LineSplitter().feed(b"\xff\xfe x\n") == ["\ufffd\ufffd x"]
    long = LineSplitter(max_line=4)
    assert long.feed(b"abcdefghij") == ["abcd", "efgh"]
    assert long.finish() == ["ij"]


def test_progress_without_size_and_sizes() -> None:
    line = parse_line("        42% completed, speed = 12k   ")
    assert (line.kind, line.percent, line.size) == (LineKind.DOWNLOAD_PROGRESS, 42, None)
    assert parse_size("2G") == 2 << 30
    assert parse_size("0") == 0
    assert rpm_fullname("http://m/a/b-1-1.noarch.rpm") == "b-1-1.noarch"
    continued = parse_line("/srv/m/core/release/xos-lib-1.0-1.mga9.noarch.rpm")
    assert continued.kind is LineKind.INSTALL_FILE
    head = parse_line("installing /srv/m/core/release/xos-base-1.0-1.mga9.x86_64.rpm")
    assert (head.kind, head.source) == (LineKind.INSTALLING, "")
    assert parse_line("anything else").kind is LineKind.OTHER


def test_output_keeps_removals_and_skips_repeats() -> None:
    out = UrpmiOutput()
    out.feed(
        b"removing package xos-extra-2.0-1.mga9.noarch\n"
        b"Installation failed:\tsame problem\n\tsame problem\n\tother problem\n"
    )
    assert out.removing == ["xos-extra-2.0-1.mga9.noarch"]
    assert out.problems == ["same problem", "other problem"]
    assert parse_size("?") is None
