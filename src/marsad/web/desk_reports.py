"""Report drafts on the desk (editors): start a month's draft, edit it, preview it with today's figures, publish."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.report.draft import ANCHORS, DraftFileError, ReportDraft
from marsad.report.html import render_html
from marsad.services.reports import (
    ReportStateError,
    StoredReport,
    edited_report,
    get_report,
    list_reports,
    publish,
    save_draft,
)
from marsad.web.auth import CanPublish, Viewer
from marsad.web.deps import SessionDep, VocabDep
from marsad.web.pages import templates
from marsad.web.report_pages import month_in_path

router = APIRouter(include_in_schema=False)
PREVIEW_BAR = (
    '<p style="font: 10pt sans-serif; background: #fef5e7; border-left: 4px solid #f39c12; padding: .5rem .8rem">'
    "Preview of the draft with today's figures: not published.</p>"
)


def _stored(session: Session, month: Month) -> StoredReport:
    stored = get_report(session, month)
    if stored is None:
        raise HTTPException(404, f"there is no draft for {month.label}: start it from the list of reports")
    return stored


@router.get("/desk/reports", response_class=HTMLResponse)
def reports(request: Request, session: SessionDep, vocab: VocabDep, viewer: CanPublish) -> Response:
    return _list(request, session, vocab, viewer)


def _list(request: Request, session: Session, vocab: Vocabularies, viewer: Viewer, **extra: Any) -> Response:
    context = {"viewer": viewer, "vocab": vocab, "reports": list_reports(session), **extra}
    status = 422 if "error" in extra else 200
    return templates.TemplateResponse(request, "desk/reports.html", context, status_code=status)


@router.post("/desk/reports")
def start_draft(
    request: Request,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanPublish,
    month: Annotated[str, Form()] = "",
    perpetrator: Annotated[str, Form()] = "",
    noun: Annotated[str, Form()] = "attacks",
) -> Response:
    assert viewer.user is not None
    try:
        chosen = Month.parse(month.strip())
    except ValueError as error:
        problem = f"'{month}' is not a month: write it as YYYY-MM ({error})"
        return _list(request, session, vocab, viewer, error=problem, month=month)
    scope = Scope((perpetrator,) if perpetrator in vocab.actors else (), noun.strip() or "attacks")
    save_draft(session, chosen, vocab, viewer.user.actor, scope)
    return RedirectResponse(f"/desk/reports/{chosen.key}", status_code=303)


def _draft_page(request: Request, viewer: Viewer, stored: StoredReport, text: str, **extra: Any) -> Response:
    context = {"viewer": viewer, "stored": stored, "text": text, "anchors": ANCHORS, **extra}
    status = 422 if extra.get("error") else 200
    return templates.TemplateResponse(request, "desk/report_draft.html", context, status_code=status)


@router.get("/desk/reports/{month}", response_class=HTMLResponse)
def draft(request: Request, month: str, session: SessionDep, viewer: CanPublish, saved: str = "") -> Response:
    stored = _stored(session, month_in_path(month))
    return _draft_page(request, viewer, stored, stored.draft.to_file(), saved=saved)


@router.post("/desk/reports/{month}", response_class=HTMLResponse)
def save(
    request: Request,
    month: str,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanPublish,
    draft: Annotated[str, Form()] = "",
) -> Response:
    assert viewer.user is not None
    stored = _stored(session, month_in_path(month))
    try:
        edited = ReportDraft.from_file(draft)
    except DraftFileError as error:
        return _draft_page(request, viewer, stored, draft, error=str(error))  # what was typed stays
    save_draft(session, stored.month, vocab, viewer.user.actor, draft=edited)
    return RedirectResponse(f"/desk/reports/{stored.month.key}?saved=Draft+saved.", status_code=303)


@router.get("/desk/reports/{month}/preview", response_class=HTMLResponse)
def preview(month: str, session: SessionDep, vocab: VocabDep, viewer: CanPublish) -> HTMLResponse:
    """The report as publishing would freeze it now: today's published incidents with the editors' draft."""
    stored = _stored(session, month_in_path(month))
    page = render_html(edited_report(session, stored, vocab), vocab, load_gazetteer())
    return HTMLResponse(page.replace("<body>", "<body>\n" + PREVIEW_BAR, 1))


@router.post("/desk/reports/{month}/publish")
def publish_report(month: str, session: SessionDep, vocab: VocabDep, viewer: CanPublish) -> Response:
    assert viewer.user is not None
    chosen = month_in_path(month)
    try:
        publish(session, chosen, vocab, load_gazetteer(), viewer.user.actor)
    except ReportStateError as error:
        raise HTTPException(409, str(error)) from None
    return RedirectResponse(f"/reports/{chosen.key}", status_code=303)
