"""Published monthly reports on the site: the list, each report as published, and its downloads."""

from __future__ import annotations

import html

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import Vocabularies
from marsad.i18n.catalogues import N_, translations
from marsad.i18n.formats import day_label, month_label
from marsad.i18n.languages import LANGUAGES
from marsad.services.jobs import Job
from marsad.services.report_pdf import report_pdf
from marsad.services.reports import (
    REPORT_FORMATS,
    PublishedReport,
    ReportStateError,
    list_published,
    show_published,
)
from marsad.web.citing import report_citation, site_address
from marsad.web.deps import SessionDep, VocabDep, application_of
from marsad.web.downloads import attachment
from marsad.web.localization import asked_in_url, language_of, with_language
from marsad.web.pages import templates
from marsad.web.site_frame import frame_dependency

router = APIRouter(include_in_schema=False, dependencies=[frame_dependency])
DOWNLOADS = (("pdf", "PDF"), ("md", "Markdown"), ("json", N_("JSON data")))
PDF_RETRY_S = 3
# The bar above a published report: the site's pages before its downloads and languages, the notes after them.
SITE_LINKS = (("/reports", N_("All reports")), ("/map", N_("Map")))
ABOUT_LINKS = (("/methodology", N_("Methodology")), ("/cite#report", N_("How to cite")), ("/about", N_("About")))


@router.get("/reports", response_class=HTMLResponse)
def reports_index(request: Request, session: SessionDep) -> HTMLResponse:
    publisher, base, code = application_of(request).settings.publisher, site_address(request), language_of(request).code
    reports = [
        {
            "month": stored.month,
            "title": stored.draft.title,
            "key_points": stored.draft.key_points[:3],
            "published_at": stored.published_at,
            "citation": report_citation(
                publisher, base, stored.month.key, stored.draft.title, stored.published_at, code
            ),
        }
        for stored in list_published(session)
    ]
    return templates.TemplateResponse(request, "reports.html", {"reports": reports, "downloads": DOWNLOADS})


@router.get("/reports/{month}.{fmt}")
def report_download(request: Request, month: str, fmt: str, session: SessionDep, vocab: VocabDep) -> Response:
    if fmt not in REPORT_FORMATS:
        raise HTTPException(
            404, Phrase("reports come as {formats}, not '{format}'", formats=", ".join(REPORT_FORMATS), format=fmt)
        )
    shown = _published(session, vocab, month, "html" if fmt == "pdf" else fmt, language_of(request).code)
    content: str | bytes = shown.content
    if fmt == "pdf":
        made = report_pdf(request.app.state.jobs, str(shown.content))
        if isinstance(made, Job):
            return _preparing(request, shown.stored.month, made)
        content = made
    disposition = "inline" if fmt == "html" else attachment(f"marsad-report-{shown.stored.month.key}.{fmt}")
    media_type = REPORT_FORMATS[fmt]
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def _preparing(request: Request, month: Month, job: Job) -> Response:
    """While the PDF is made: a page that says so and asks again in a few seconds (202, Retry-After)."""
    label = month_label(month.year, month.month, language_of(request).code)
    if job.state == "failed" and not job.stopped:
        raise HTTPException(
            500, Phrase("The PDF of the {month} report could not be made: {error}", month=label, error=job.message)
        )
    context = {"label": label, "job": job, "retry": PDF_RETRY_S}
    headers = {"Retry-After": str(PDF_RETRY_S), "Refresh": str(PDF_RETRY_S)}
    return templates.TemplateResponse(request, "preparing.html", context, status_code=202, headers=headers)


@router.get("/reports/{month}", response_class=HTMLResponse)
def report_page(request: Request, month: str, session: SessionDep, vocab: VocabDep) -> HTMLResponse:
    """The report exactly as published (its own self-contained page), in the reader's language when it was
    published in it, with a bar back to the site and to the other languages it was published in."""
    code = language_of(request).code
    shown = _published(session, vocab, month, "html", code)
    key, published_in = shown.stored.month.key, shown.stored.published_languages
    shown_in = code if code in published_in else "en"
    in_language = "" if shown_in == "en" else f"?lang={shown_in}"
    words = translations(code).gettext
    links = "".join(
        f' · <a href="/reports/{key}.{fmt}{in_language}">{html.escape(words(label))}</a>' for fmt, label in DOWNLOADS
    )
    links += "".join(
        f' · <a href="/reports/{key}?lang={other}" lang="{other}" hreflang="{other}">{LANGUAGES[other].name}</a>'
        for other in published_in
        if other != shown_in
    )
    page = str(shown.content)
    published = shown.stored.published_at
    when = ""
    if 'class="issued"' not in page:  # reports published before they carried their date on page 1
        day = day_label(published.date(), code) if published else None
        when = " · " + html.escape(words("Published %(day)s") % {"day": day} if day else words("Published"))
    asked = asked_in_url(request)
    site, about = (
        " · ".join(f'<a href="{with_language(path, asked)}">{html.escape(words(name))}</a>' for path, name in pages)
        for pages in (SITE_LINKS, ABOUT_LINKS)
    )
    bar = (
        f'<nav class="site-bar" dir="{LANGUAGES[code].direction}" style="font: 9.5pt sans-serif; padding: .5rem 0;'
        f' border-bottom: 1px solid #d5d8dc">{site}{links}{when} · {about}</nav>'
    )
    page = page.replace("<body>", "<body>\n" + bar, 1)
    return HTMLResponse(page)


def month_in_path(text: str) -> Month:
    """The month an address names (/reports/2023-11, /desk/reports/2023-11); otherwise a 404 that says why."""
    try:
        return Month.parse(text)
    except ValueError as error:
        raise HTTPException(
            404, Phrase("'{text}' is not a month: write it as YYYY-MM ({error})", text=text, error=str(error))
        ) from None


def _published(session: Session, vocab: Vocabularies, month: str, fmt: str, language: str) -> PublishedReport:
    chosen = month_in_path(month)
    try:
        return show_published(session, chosen, vocab, fmt, language)
    except ReportStateError:
        raise HTTPException(404, Phrase("no report has been published for {month}", month=chosen.label)) from None
