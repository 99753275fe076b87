# SPDX-License-Identifier: GPL-2.0-or-later
"""Words the GUI builds itself from the core's values: signature sentences, dates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextDocumentFragment

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.domain.evr import Evr
from xosupdate.domain.plan import UpdateCandidate
from xosupdate.domain.verdict import SignatureVerdict, Verdict
from xosupdate.services.packages import MediumPackage
from xosupdate.ui.widgets.details import candidate_html, package_html
from xosupdate.ui.wording import advisory_date, verdict_detail


def _verdict(verdict: Verdict, **fields: str) -> SignatureVerdict:
    return SignatureVerdict(name="bash", arch="x86_64", medium="Updates", verdict=verdict, **fields)


@pytest.mark.usefixtures("qapp")
def test_verdict_detail() -> None:
    trusted = _verdict(Verdict.TRUSTED, key_id="b65335b2", signer_medium="Updates")
    assert verdict_detail(trusted) == "Signed by b65335b2, the key of Updates"
    other = _verdict(Verdict.OTHER_MEDIUM_KEY, key_id="70771ff3", signer_medium="Main")
    assert verdict_detail(other) == "Signed by 70771ff3, the key of Main, not of Updates"
    assert verdict_detail(_verdict(Verdict.UNSIGNED, detail="Not signed")) == "Not signed"
    # The rare cases keep the core's technical sentence.
    bad = _verdict(Verdict.BAD, key_id="b65335b2", detail="Corrupt or tampered: digest")
    assert verdict_detail(bad) == "Corrupt or tampered: digest"


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue Jan 13 11:05:00 2009", "Tuesday, January 13, 2009"),
        ("Wed Jun 20 01:02:03 2007", "Wednesday, June 20, 2007"),
        ("2009-01-13", "Tuesday, January 13, 2009"),
        ("2009-01-13 11:05:00", "Tuesday, January 13, 2009"),
        ("last Tuesday", "last Tuesday"),
        ("Tue Foo 13 11:05:00 2009", "Tue Foo 13 11:05:00 2009"),
        ("", ""),
    ],
)
def test_advisory_date(text: str, expected: str, english: QLocale) -> None:
    assert QLocale() == english
    assert advisory_date(text) == expected


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(
    ("restart", "row"),
    [("sshd", "Restart\nthe sshd service, once it is installed"), ("", None)],
)
def test_restart_in_a_medium_package_details(restart: str, row: str | None) -> None:
    p = MediumPackage(
        name="openssh-server",
        arch="x86_64",
        evr=Evr.parse("5.1-1"),
        medium="Main",
        restart=restart,
    )
    text = QTextDocumentFragment.fromHtml(package_html(p)).toPlainText()
    assert (row in text) if row else ("Restart" not in text)


@pytest.mark.usefixtures("qapp")
def test_an_advisory_link_is_followed_only_over_http() -> None:
    def shown(url: str) -> str:
        advisory = Advisory(packages=("a",), importance=Importance.SECURITY, id="X-1", url=url)
        c = UpdateCandidate(
            name="a", arch="noarch", candidate=Evr.parse("2-1"), medium="M", advisory=advisory
        )
        return candidate_html(c)

    assert '<a href="http://x/X-1">X-1</a>' in shown("http://x/X-1")
    for url in ("javascript:alert(1)", "file:///etc/passwd"):
        assert "href" not in shown(url) and "X-1" in shown(url)
