# SPDX-License-Identifier: GPL-2.0-or-later
"""The audit's HTML report holds nothing from the mirror that could run or mislead."""

from __future__ import annotations

import pytest

from xosupdate.domain.advisory import Advisory, Importance
from xosupdate.domain.evr import Evr
from xosupdate.services.audit import AuditRecord, AuditReport, AuditStatus
from xosupdate.services.report import ReportFormat, render_report


def _report(url: str, summary_name: str = "foo") -> AuditReport:
    advisory = Advisory(packages=("foo",), importance=Importance.SECURITY, id="XOSSA-1", url=url)
    record = AuditRecord(
        name=summary_name,
        arch="x86_64",
        installed=Evr.parse("1-1"),
        status=AuditStatus.UPDATE_AVAILABLE,
        available=Evr.parse("2-1"),
        available_medium="Updates",
        advisory=advisory,
    )
    return AuditReport(root="/", generated="now", records=(record,))


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/shadow", "data:text/html,x"]
)
def test_advisory_links_are_http_only(url: str) -> None:
    text = render_report(_report(url), ReportFormat.HTML)
    assert "XOSSA-1 (security)" in text
    assert "href" not in text.split('<table id="audit">')[1]
    assert url not in text


def test_an_http_link_and_escaped_names() -> None:
    text = render_report(
        _report("https://x/a?b=1&c=2", "<img src=x onerror=alert(1)>"), ReportFormat.HTML
    )
    assert '<a href="https://x/a?b=1&amp;c=2">XOSSA-1 (security)</a>' in text
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
