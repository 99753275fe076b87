# SPDX-License-Identifier: GPL-2.0-or-later
"""The audit as a document: CSV, JSON and one self-contained HTML file (services layer).

Shared by ``xosupdate audit`` and the GUI's export, so both write the same files. The HTML
report is meant to be mailed or archived: one file, no external resources, readable
without JavaScript, sortable and filterable with it; a summary at the top (product.id, the
media with their keys, counts per status), like the daily HTML report of the build tool.
"""

from __future__ import annotations

import csv
import enum
import html
import io
import json
from pathlib import Path

from xosupdate import __version__
from xosupdate.services.audit import AuditRecord, AuditReport, AuditStatus
from xosupdate.system.metacache import atomic_write

__all__ = ["ReportFormat", "render_report", "write_report"]


class ReportFormat(enum.StrEnum):
    """Export formats of the audit."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    HTML = "html"


_COLUMNS = (
    "name",
    "arch",
    "installed",
    "status",
    "available",
    "available_medium",
    "testing",
    "testing_medium",
    "advisory",
    "importance",
    "installed_on",
)


def _row(r: AuditRecord) -> list[str]:
    record = r.to_json()
    return [
        r.name,
        r.arch,
        str(r.installed),
        r.status.value,
        str(r.available) if r.available else "",
        r.available_medium,
        str(r.testing) if r.testing else "",
        r.testing_medium,
        r.advisory.id if r.advisory else "",
        r.advisory.importance.value if r.advisory else "",
        str(record["installed_on"] or ""),
    ]


def render_report(report: AuditReport, fmt: ReportFormat) -> str:
    """The audit in ``fmt``."""
    if fmt is ReportFormat.JSON:
        return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    if fmt is ReportFormat.CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_COLUMNS)
        writer.writerows(_row(r) for r in report.records)
        return out.getvalue()
    if fmt is ReportFormat.HTML:
        return _html(report)
    return _table(report)


def _summary_lines(report: AuditReport) -> list[str]:
    product = ", ".join(f"{k}={v}" for k, v in report.product) or "no /etc/product.id"
    counts = ", ".join(f"{report.counts.get(s, 0)} {s.value}" for s in AuditStatus)
    return [
        f"Audit of {report.root} ({report.generated})",
        f"Product: {product}",
        f"{len(report.records)} installed packages: {counts}",
        *(f"warning: {p.message}" for p in report.problems),
    ]


def _table(report: AuditReport) -> str:
    rows = [("NAME", "ARCH", "INSTALLED", "STATUS", "AVAILABLE", "MEDIUM", "ADVISORY")]
    for r in report.records:
        avail = r.available if r.status is not AuditStatus.ONLY_IN_TESTING else r.testing
        medium = (
            r.available_medium if r.status is not AuditStatus.ONLY_IN_TESTING else r.testing_medium
        )
        rows.append(
            (
                r.name,
                r.arch,
                str(r.installed),
                r.status.value,
                str(avail) if avail else "-",
                medium or "-",
                r.advisory.id if r.advisory else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [*_summary_lines(report), ""]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


_STATUS_COLOURS = {
    AuditStatus.UPDATE_AVAILABLE: "#b35900",
    AuditStatus.ONLY_IN_TESTING: "#7a3db8",
    AuditStatus.UP_TO_DATE: "#2e7d32",
    AuditStatus.NEWER_THAN_MEDIA: "#1565c0",
    AuditStatus.IN_NO_MEDIUM: "#5f6368",
}

_CSS = """
body{font-family:DejaVu Sans,Verdana,sans-serif;margin:1.5em;color:#202124;background:#fff}
h1{font-size:1.4em;margin:0 0 .3em}
.meta{color:#444;margin:.2em 0}
.counts{display:flex;flex-wrap:wrap;gap:.5em;margin:1em 0}
.count{border:2px solid;border-radius:6px;padding:.4em .8em;cursor:pointer;background:#fff}
.count b{font-size:1.3em;margin-right:.3em}
.count.off{opacity:.35}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f1f3f4;cursor:pointer;user-select:none;position:sticky;top:0}
th:after{content:" \\2195";color:#999}
tr:hover td{background:#f8f9fa}
.status{font-weight:bold;white-space:nowrap}
.warn{color:#b00020}
input{padding:.35em;width:20em;margin-bottom:.6em}
.media td{border:none;padding:.1em .8em .1em 0}
"""

_JS = """
(function(){
 var table=document.getElementById('audit'),body=table.tBodies[0];
 var rows=Array.prototype.slice.call(body.rows),hidden={},query='';
 function apply(){rows.forEach(function(r){
  var show=!hidden[r.dataset.status]&&(!query||r.textContent.toLowerCase().indexOf(query)>=0);
  r.style.display=show?'':'none';});}
 document.getElementById('search').addEventListener('input',function(e){
  query=e.target.value.toLowerCase();apply();});
 Array.prototype.forEach.call(document.querySelectorAll('.count'),function(c){
  c.addEventListener('click',function(){var s=c.dataset.status;hidden[s]=!hidden[s];
   c.classList.toggle('off',!!hidden[s]);apply();});});
 Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
  var asc=true;th.addEventListener('click',function(){
   rows.sort(function(a,b){var x=a.cells[i].dataset.key||a.cells[i].textContent,
    y=b.cells[i].dataset.key||b.cells[i].textContent;
    return (x<y?-1:x>y?1:0)*(asc?1:-1);});
   asc=!asc;rows.forEach(function(r){body.appendChild(r);});});});
})();
"""


def _html(report: AuditReport) -> str:
    e = html.escape
    product = ", ".join(f"{k}={v}" for k, v in report.product) or "no /etc/product.id"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>xosupdate audit of {e(report.root)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Installed packages against the media: {e(report.root)}</h1>",
        f'<p class="meta">Generated {e(report.generated)} by xosupdate {e(__version__)}</p>',
        f'<p class="meta">Product: {e(product)}</p>',
        '<table class="media"><tbody>',
    ]
    for m in report.media:
        state = "enabled" if m.enabled else "disabled"
        keys = ", ".join(m.key_ids) or "no key"
        parts.append(
            f"<tr><td>{e(m.name)}</td><td>{e(m.kind.value)}</td><td>{state}</td>"
            f"<td>key {e(keys)}</td></tr>"
        )
    parts.append("</tbody></table>")
    parts.extend(f'<p class="warn">{e(p.message)}</p>' for p in report.problems)
    from_testing = sum(r.installed_from_testing for r in report.records)
    parts.append(
        f"<p>{len(report.records)} installed packages"
        + (f", {from_testing} of them installed from testing" if from_testing else "")
        + ".</p>"
    )
    parts.append('<div class="counts">')
    for s in AuditStatus:
        colour = _STATUS_COLOURS[s]
        parts.append(
            f'<span class="count" data-status="{s.value}" style="border-color:{colour}" '
            f'title="Show or hide these"><b style="color:{colour}">{report.counts.get(s, 0)}'
            f"</b>{e(s.label)}</span>"
        )
    parts.append("</div>")
    parts.append(
        '<input id="search" type="search" placeholder="Search packages" '
        'aria-label="Search packages">'
    )
    headers = (
        "Package",
        "Arch",
        "Installed",
        "Status",
        "Available",
        "Medium",
        "Testing",
        "Advisory",
        "Installed on",
    )
    parts.append('<table id="audit"><thead><tr>')
    parts.extend(f"<th>{h}</th>" for h in headers)
    parts.append("</tr></thead><tbody>")
    order = {s: i for i, s in enumerate(AuditStatus)}
    for r in report.records:
        colour = _STATUS_COLOURS[r.status]
        adv = ""
        if r.advisory:
            label = e(f"{r.advisory.id} ({r.advisory.importance.value})")
            link = r.advisory.link
            adv = f'<a href="{e(link)}">{label}</a>' if link else label
        installed_on = r.to_json()["installed_on"] or ""
        parts.append(
            f'<tr data-status="{r.status.value}"><td>{e(r.name)}</td><td>{e(r.arch)}</td>'
            f"<td>{e(str(r.installed))}</td>"
            f'<td class="status" style="color:{colour}" data-key="{order[r.status]}">'
            f"{e(r.status.label)}</td>"
            f"<td>{e(str(r.available) if r.available else '')}</td>"
            f"<td>{e(r.available_medium)}</td>"
            f"<td>{e(str(r.testing) if r.testing else '')}"
            f"{e(' (' + r.testing_medium + ')') if r.testing_medium else ''}</td>"
            f"<td>{adv}</td><td>{e(str(installed_on))}</td></tr>"
        )
    parts.append("</tbody></table>")
    parts.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(parts) + "\n"


def write_report(path: Path, text: str) -> None:
    """Write an exported report atomically (UTF-8): a reader never sees half a file."""
    atomic_write(path, text.encode("utf-8"))
