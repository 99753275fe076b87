# SPDX-License-Identifier: GPL-2.0-or-later
"""The details pane under the update list (ui layer).

What MageiaUpdate shows and users keep asking for (design/ux.md §1.4, §2): the summary,
a notice for testing media, installed and new versions, medium, importance, the advisory
(its id a link, the reason for the update, its text), the signature (verdict, key id and
whose key it is), sizes, and what requires or replaces what. Plain HTML on the palette's
colours: nothing here picks a colour.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from xosupdate.domain.medium import Medium
from xosupdate.domain.plan import CandidateKind, UpdateCandidate
from xosupdate.domain.verdict import SignatureVerdict
from xosupdate.services.packages import MediumPackage
from xosupdate.ui.models.packages import state_text
from xosupdate.ui.wording import (
    advisory_date,
    format_size,
    importance_text,
    medium_kind_text,
    restart_text,
    verdict_detail,
    verdict_text,
)

__all__ = ["DetailsPane", "candidate_html", "package_html"]


def _e(text: object) -> str:
    return html.escape(str(text))


def _rows(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td style="padding-right:12px"><b>{_e(k)}</b></td><td>{v}</td></tr>'
        for k, v in rows
        if v
    )
    return f'<table cellspacing="0" cellpadding="2">{cells}</table>'


def _testing_notice(medium: Medium | None) -> str:
    if medium is None or not medium.testing:
        return ""
    return "<p><b>{}</b> {}</p>".format(
        _e(QCoreApplication.translate("DetailsPane", "From a testing medium.")),
        _e(
            QCoreApplication.translate(
                "DetailsPane",
                "This is a candidate for a future update, published for testing: it is "
                "not supported and may break your system.",
            )
        ),
    )


def _signature(verdict: SignatureVerdict | None, pending: str) -> str:
    if verdict is None:
        return _e(pending)
    parts = [f"<b>{_e(verdict_text(verdict.verdict))}</b>"]
    detail = verdict_detail(verdict)
    if detail:
        parts.append(_e(detail))
    else:
        if verdict.key_id:
            parts.append(
                #: {0}: an OpenPGP key id.
                _e(QCoreApplication.translate("DetailsPane", "key {0}").format(verdict.key_id))
            )
        if verdict.signer_medium:
            parts.append(
                _e(
                    QCoreApplication.translate("DetailsPane", "the key of {0}").format(
                        verdict.signer_medium
                    )
                )
            )
    return " \u2014 ".join(parts)


def _restart_row(what: str) -> tuple[str, str]:
    """The "Restart" row of a package that asks for one once installed (empty: no row)."""
    if not what:
        return ("", "")
    return (
        QCoreApplication.translate("DetailsPane", "Restart"),
        #: {0}: "the computer", "your session" or "the sshd service".
        _e(QCoreApplication.translate("DetailsPane", "{0}, once it is installed")).format(
            _e(restart_text(what))
        ),
    )


def candidate_html(
    c: UpdateCandidate,
    *,
    medium: Medium | None = None,
    verdict: SignatureVerdict | None = None,
    signature_pending: str = "",
) -> str:
    """The details of an update candidate as HTML."""
    head = f"<h2>{_e(c.name)} {_e(c.candidate)} <small>({_e(c.arch)})</small></h2>"
    summary = f"<p>{_e(c.summary)}</p>" if c.summary else ""
    if c.kind is CandidateKind.NEW:
        versions = _e(
            QCoreApplication.translate(
                "DetailsPane", "not installed: a new package, needed by the update of {0}"
            )
        ).format(", ".join(c.required_by))
    elif c.installed is not None:
        versions = f"{_e(c.installed)} \u2192 {_e(c.candidate)}"
    else:
        versions = _e(c.candidate)
    medium_text = _e(c.medium)
    if medium is not None:
        medium_text += f" ({_e(medium_kind_text(medium))})"
    advisory = ""
    reason = ""
    description = ""
    if c.advisory is not None:
        a = c.advisory
        ident = _e(a.id or QCoreApplication.translate("DetailsPane", "advisory"))
        advisory = f'<a href="{_e(a.link)}">{ident}</a>' if a.link else ident
        if a.updated:
            advisory += " " + _e(
                #: {0}: the advisory's date.
                QCoreApplication.translate("DetailsPane", "(updated {0})").format(
                    advisory_date(a.updated)
                )
            )
        reason = _e(a.reason).replace("\n", "<br>")
        if a.description:
            description = "<h3>{}</h3><p>{}</p>".format(
                _e(QCoreApplication.translate("DetailsPane", "Description")),
                _e(a.description).replace("\n", "<br>"),
            )
    rows = [
        (QCoreApplication.translate("DetailsPane", "Version"), versions),
        (QCoreApplication.translate("DetailsPane", "Medium"), medium_text),
        (
            QCoreApplication.translate("DetailsPane", "Importance"),
            _e(importance_text(c.importance)),
        ),
        (QCoreApplication.translate("DetailsPane", "Advisory"), advisory),
        (QCoreApplication.translate("DetailsPane", "Reason for update"), reason),
        (
            QCoreApplication.translate("DetailsPane", "Signature"),
            _signature(verdict, signature_pending),
        ),
        (QCoreApplication.translate("DetailsPane", "Download size"), _e(format_size(c.filesize))),
        (
            QCoreApplication.translate("DetailsPane", "Installed size"),
            _e(format_size(c.size)) if c.size else "",
        ),
        (QCoreApplication.translate("DetailsPane", "Group"), _e(c.group)),
        (QCoreApplication.translate("DetailsPane", "Required by"), _e(", ".join(c.required_by))),
        (QCoreApplication.translate("DetailsPane", "Replaces"), _e(", ".join(c.replaces))),
        _restart_row(c.restart),
    ]
    blocked = ""
    if not c.installable:
        blocked = "<p><b>{}</b> {}</p>".format(
            _e(QCoreApplication.translate("DetailsPane", "Cannot be installed:")),
            _e(
                QCoreApplication.translate(
                    "DetailsPane", "nothing on the enabled media provides {0}."
                ).format("; ".join(c.missing))
            ),
        )
    return head + summary + _testing_notice(medium) + blocked + _rows(rows) + description


def package_html(p: MediumPackage, *, medium: Medium | None = None) -> str:
    """The details of a package of a medium as HTML."""
    head = f"<h2>{_e(p.name)} {_e(p.evr)} <small>({_e(p.arch)})</small></h2>"
    summary = f"<p>{_e(p.summary)}</p>" if p.summary else ""
    rows = [
        (QCoreApplication.translate("DetailsPane", "Standing"), _e(state_text(p.state))),
        (
            QCoreApplication.translate("DetailsPane", "Installed"),
            _e(p.installed) if p.installed else _e(QCoreApplication.translate("DetailsPane", "no")),
        ),
        (QCoreApplication.translate("DetailsPane", "Medium"), _e(p.medium)),
        (QCoreApplication.translate("DetailsPane", "Download size"), _e(format_size(p.filesize))),
        _restart_row(p.restart),
    ]
    return head + summary + _testing_notice(medium) + _rows(rows)


class DetailsPane(QTextBrowser):
    """Read-only rich text; advisory links open in the user's browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setAccessibleName(QCoreApplication.translate("DetailsPane", "Package details"))

    def show_html(self, text: str) -> None:
        """Replace the content."""
        self.setHtml(text)
