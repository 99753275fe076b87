# SPDX-License-Identifier: GPL-2.0-or-later
"""Signature verdicts over loopback HTTP on real packages: good, unsigned, another medium's
key, an unknown key, a tampered header, a tampered payload (trusted from its header, caught
once downloaded), a header longer than the first range; remembered verdicts; key changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.trust.conftest import NAMES, TrustEnv
from xosupdate.domain.verdict import SignatureVerdict, Verdict
from xosupdate.services.refresh import refresh_media
from xosupdate.services.signatures import FIRST_RANGE, SignatureReport, check_signatures
from xosupdate.system.http import HttpTransport
from xosupdate.system.rpmlib import HeaderStatus, imported_pubkeys, verify_package_file

pytestmark = pytest.mark.integration


def refresh(env: TrustEnv, *names: str) -> None:
    report = refresh_media(env.root, cache_dir=env.cache, settings=env.settings, names=names)
    assert report.failed == ()


def check(env: TrustEnv, **kw: object) -> SignatureReport:
    return check_signatures(env.root, cache_dir=env.cache, settings=env.settings, **kw)  # type: ignore[arg-type]


def verdicts(report: SignatureReport) -> dict[str, SignatureVerdict]:
    return {v.name: v for v in report.verdicts}


def rpm_requests(env: TrustEnv) -> list[tuple[str, int | None, dict[str, str]]]:
    return [
        (r.path.rsplit("/", 1)[1], r.status, dict(r.headers))
        for r in env.mirror.log
        if r.path.endswith(".rpm")
    ]


def test_every_verdict(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    trust_env.mirror.clear_log()
    report = check(trust_env)
    assert report.problems == () and report.warnings == ()
    got = verdicts(report)
    assert sorted(got) == sorted(NAMES)
    release = trust_env.keys["release"].short_id
    updates = trust_env.keys["updates"].short_id
    other = trust_env.keys["other"].short_id
    expected = {
        "xos-good": ("Main Updates", Verdict.TRUSTED, updates,
                     f"Signed by {updates}, the key of Main Updates"),
        "xos-bighdr": ("Main", Verdict.TRUSTED, release, f"Signed by {release}, the key of Main"),
        "xos-unsigned": ("Main", Verdict.UNSIGNED, "", "Not signed"),
        "xos-otherkey": ("Main", Verdict.OTHER_MEDIUM_KEY, updates,
                         f"Signed by {updates}, the key of Main Updates, not of Main"),
        "xos-stranger": ("Main", Verdict.UNKNOWN_KEY, other,
                         f"Signed by {other}, a key nobody here has"),
        "xos-tamperpay": ("Main", Verdict.TRUSTED, release,
                          f"Signed by {release}, the key of Main"),
    }  # fmt: skip
    for name, (medium, verdict, key_id, detail) in expected.items():
        v = got[name]
        assert (v.medium, v.verdict, v.key_id, v.detail) == (medium, verdict, key_id, detail), name
    bad = got["xos-tamperhdr"]
    assert bad.verdict is Verdict.BAD and bad.detail.startswith("Corrupt or tampered: header")
    assert got["xos-good"].to_json() == {
        "name": "xos-good",
        "arch": "noarch",
        "medium": "Main Updates",
        "verdict": "trusted",
        "key_id": updates,
        "detail": f"Signed by {updates}, the key of Main Updates",
    }
    # Only the headers were fetched: one 8 KiB range each, two for the long header.
    requests = rpm_requests(trust_env)
    assert all(h["Range"].startswith("bytes=") for _, _, h in requests)
    first = [(f, s) for f, s, h in requests if h["Range"] == f"bytes=0-{FIRST_RANGE - 1}"]
    assert len(first) == len(NAMES) and {s for _, s in first} == {206}
    [(file, status, headers)] = [r for r in requests if not r[2]["Range"].startswith("bytes=0-")]
    assert file.startswith("xos-bighdr-1.0") and status == 206
    assert headers["Range"].startswith(f"bytes={FIRST_RANGE}-") and headers["If-Range"]
    sent = sum(r.bytes_sent for r in trust_env.mirror.log if r.path.endswith(".rpm"))
    whole = sum(p.stat().st_size for p in trust_env.tree.medium("Main").rpms)
    assert sent < whole


def test_tampered_payload_is_caught_at_full_download(trust_env: TrustEnv, tmp_path: Path) -> None:
    refresh(trust_env)
    tamperpay = verdicts(check(trust_env))["xos-tamperpay"]
    assert tamperpay.verdict is Verdict.TRUSTED  # the header alone cannot tell
    keys = imported_pubkeys(trust_env.root)
    with HttpTransport(connect_timeout=0.5, read_timeout=0.5) as http:
        for name, ok in (("xos-tamperpay", False), ("xos-good", True)):
            v = verdicts(check(trust_env, names=[name]))[name]
            part = tmp_path / f"{name}.rpm"
            http.download(v.url, part)
            result = verify_package_file(part, keys)
            assert result.ok is ok, name
    assert result.header.status is HeaderStatus.OK
    payload = verify_package_file(tmp_path / "xos-tamperpay.rpm", keys)
    assert payload.header.status is HeaderStatus.OK and not payload.payload_ok
    assert payload.reason == "payload does not match its digest (tampered)"


def test_verdicts_are_remembered_by_url_and_etag(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    first = check(trust_env)
    trust_env.mirror.clear_log()
    again = check(trust_env)
    assert again.verdicts == first.verdicts
    requests = rpm_requests(trust_env)
    assert len(requests) == len(NAMES)  # one conditional request per package, no growing
    assert all(s == 304 and "If-None-Match" in h for _, s, h in requests)
    # Another keyring (Main Testing's pubkey now cached) invalidates them: fetched again.
    refresh(trust_env, "Main Testing")
    trust_env.mirror.clear_log()
    other = trust_env.keys["other"].short_id
    stranger = verdicts(check(trust_env))["xos-stranger"]
    assert stranger.verdict is Verdict.UNKNOWN_KEY
    assert stranger.detail == (
        f"Signed by {other}, offered by the pubkey of Main Testing but bound to no medium"
    )
    assert {s for _, s, _ in rpm_requests(trust_env)} == {206}


def test_testing_medium_without_key_ids(trust_env: TrustEnv) -> None:
    refresh(trust_env, "Main Testing")
    report = check(trust_env, media=["Main Testing"])
    [good] = report.verdicts
    other = trust_env.keys["other"].short_id
    assert (good.name, good.medium, good.verdict) == (
        "xos-good",
        "Main Testing",
        Verdict.UNKNOWN_KEY,
    )
    assert good.detail == (
        f"Signed by {other}, the key Main Testing's pubkey offers, but urpmi.cfg binds no key "
        "to Main Testing yet"
    )


def test_changed_key_is_never_trusted_silently(trust_env: TrustEnv) -> None:
    # urpmi.cfg binds the "other" key to Main; Main's pubkey now offers the release key.
    text = (trust_env.root / "etc/urpmi/urpmi.cfg").read_text()
    release = trust_env.keys["release"].short_id
    other = trust_env.keys["other"].short_id
    cfg = trust_env.root / "etc/urpmi/urpmi.cfg"
    cfg.write_text(text.replace(f"key-ids: {release}", f"key-ids: {other}", 1))
    report = refresh_media(trust_env.root, cache_dir=trust_env.cache, settings=trust_env.settings)
    main = report.results[0]
    assert main.medium == "Main" and main.key_change is not None
    assert str(main.key_change).startswith(
        f"medium Main: the signing key changed: its pubkey offers {release} but urpmi.cfg "
        f"binds {other}"
    )
    directory = trust_env.cache / "roots"
    [cached] = list(directory.glob("*/media/Main"))
    assert (cached / "pubkey.changed").is_file() and not (cached / "pubkey").exists()
    result = check(trust_env)
    assert any(w.startswith("medium Main: the signing key changed") for w in result.warnings)
    good = verdicts(result)["xos-bighdr"]
    assert good.verdict is Verdict.UNKNOWN_KEY
    assert good.detail == f"Signed by {release}, a key imported into rpm but bound to no medium"
    # The next refresh (nothing changed) still reports it.
    again = refresh_media(trust_env.root, cache_dir=trust_env.cache, settings=trust_env.settings)
    assert again.results[0].key_change is not None


def test_named_packages_and_problems(trust_env: TrustEnv) -> None:
    refresh(trust_env)
    report = check(trust_env, names=["xos-good", "xos-nothere"])
    assert [v.name for v in report.verdicts] == ["xos-good"]
    assert [p.message for p in report.problems] == [
        "no package named xos-nothere in the enabled media"
    ]
    trust_env.mirror.fault("/media/main/release/xos-unsigned-1.0-1xos2.0.noarch.rpm", status=500)
    failed = check(trust_env, names=["xos-unsigned"])
    [problem] = failed.problems
    assert problem.medium == "Main" and problem.name == "xos-unsigned"
    assert problem.message == (
        f"medium Main: {trust_env.medium_url('Main')}/xos-unsigned-1.0-1xos2.0.noarch.rpm: HTTP 500"
    )


def test_a_file_that_is_not_the_announced_package_is_bad(trust_env: TrustEnv) -> None:
    """Another signed package under the name, or the right header on a file of another
    size: the header verifies, but the file is not what the synthesis announces."""
    refresh(trust_env)
    updates = trust_env.tree.medium("Main Updates")
    path = f"/media/{updates.path}/xos-good-1.1-1xos2.0.noarch.rpm"
    older = trust_env.tree.medium("Main").rpm("xos-good").read_bytes()  # 1.0, signed
    trust_env.mirror.fault(path, content=older)
    v = {x.name: x for x in check(trust_env).verdicts}["xos-good"]
    assert v.verdict is Verdict.BAD and v.detail.startswith("The mirror's file holds xos-good-1.0")
    genuine = updates.rpm("xos-good").read_bytes()
    trust_env.mirror.fault(path, content=genuine + b"X" * 100_000)
    v = {x.name: x for x in check(trust_env).verdicts}["xos-good"]
    assert v.verdict is Verdict.BAD
    assert v.detail == (
        f"The mirror's file has {len(genuine) + 100_000} bytes, not the {len(genuine)} the "
        "synthesis announces"
    )
