"""Published monthly reports on the site: the list, each report as published, and its downloads."""

from __future__ import annotations

import html

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.vocabulary import Vocabularies
from marsad.services.reports import (
    REPORT_FORMATS,
    PublishedReport,
    ReportStateError,
    list_published,
    show_published,
)
from marsad.web.deps import SessionDep, VocabDep
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False)
DOWNLOADS = (("pdf", "PDF"), ("md", "Markdown"), ("json", "JSON data"))


@router.get("/reports", response_class=HTMLResponse)
def reports_index(request: Request, session: SessionDep) -> HTMLResponse:
    reports = [
        {
            "month": stored.month,
            "title": stored.draft.title,
            "key_points": stored.draft.key_points[:3],
            "published_at": stored.published_at,
        }
        for stored in list_published(session)
    ]
    return templates.TemplateResponse(request, "reports.html", {"reports": reports, "downloads": DOWNLOADS})


@router.get("/reports/{month}.{fmt}")
def report_download(month: str, fmt: str, session: SessionDep, vocab: VocabDep) -> Response:
    if fmt not in REPORT_FORMATS:
        raise HTTPException(404, f"reports come as {', '.join(REPORT_FORMATS)}, not '{fmt}'")
    shown = _published(session, vocab, month, fmt)
    disposition = "inline" if fmt == "html" else f'attachment; filename="marsad-report-{shown.stored.month.key}.{fmt}"'
    return Response(shown.content, media_type=shown.media_type, headers={"Content-Disposition": disposition})


@router.get("/reports/{month}", response_class=HTMLResponse)
def report_page(month: str, session: SessionDep, vocab: VocabDep) -> HTMLResponse:
    """The report exactly as published (its own self-contained page), with a bar back to the site."""
    shown = _published(session, vocab, month, "html")
    key = shown.stored.month.key
    links = "".join(f' · <a href="/reports/{key}.{fmt}">{label}</a>' for fmt, label in DOWNLOADS)
    page = str(shown.content)
    published = shown.stored.published_at
    when = ""
    if 'class="issued"' not in page:  # reports published before they carried their date on page 1
        when = " · " + html.escape(f"Published {published:%d %B %Y}" if published else "Published")
    bar = (
        '<nav class="site-bar" style="font: 9.5pt sans-serif; padding: .5rem 0; border-bottom: 1px solid #d5d8dc">'
        f'<a href="/reports">All reports</a> · <a href="/map">Map</a>{links}{when}</nav>'
    )
    page = page.replace("<body>", "<body>\n" + bar, 1)
    return HTMLResponse(page)


def month_in_path(text: str) -> Month:
    """The month an address names (/reports/2023-11, /desk/reports/2023-11); otherwise a 404 that says why."""
    try:
        return Month.parse(text)
    except ValueError as error:
        raise HTTPException(404, f"'{text}' is not a month: write it as YYYY-MM ({error})") from None


def _published(session: Session, vocab: Vocabularies, month: str, fmt: str) -> PublishedReport:
    chosen = month_in_path(month)
    try:
        return show_published(session, chosen, vocab, fmt)
    except ReportStateError:
        raise HTTPException(404, f"no report has been published for {chosen.label}") from None
