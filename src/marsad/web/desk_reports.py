"""Report drafts on the desk (editors): start a month's draft, edit it, preview it with today's figures, publish."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import singular_of
from marsad.i18n.catalogues import N_
from marsad.i18n.languages import LANGUAGES
from marsad.report.assemble import Issue
from marsad.report.draft import ANCHOR_LABELS, DraftFileError, ReportDraft
from marsad.report.html import render_html
from marsad.services.reports import (
    ReportStateError,
    StoredReport,
    edited_report,
    get_report,
    list_reports,
    publish,
    save_draft,
    suggested_key_points,
)
from marsad.web.auth import DESK, CanPublish, Member
from marsad.web.deps import SessionDep, VocabDep, application_of, gazetteer_of
from marsad.web.draft_form import DraftForm, EditorFields
from marsad.web.figure_cache import cached
from marsad.web.localization import in_reader_language, reader_vocabularies
from marsad.web.pages import templates
from marsad.web.report_pages import month_in_path

router = APIRouter(include_in_schema=False, dependencies=[DESK])


def _stored(session: Session, month: Month) -> StoredReport:
    stored = get_report(session, month)
    if stored is None:
        raise HTTPException(
            404, Phrase("there is no draft for {month}: start it from the list of reports", month=month.label)
        )
    return stored


@router.get("/desk/reports", response_class=HTMLResponse)
def reports(request: Request, session: SessionDep, vocab: VocabDep, viewer: CanPublish) -> Response:
    return _list(request, session, vocab, viewer)


def _list(request: Request, session: Session, vocab: Vocabularies, viewer: Member, **extra: Any) -> Response:
    last_month = Month.of(dt.date.today()).previous()
    context = {
        "viewer": viewer,
        "vocab": reader_vocabularies(request, vocab),
        "reports": list_reports(session),
        "month": last_month.key,
        **extra,
    }
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
    try:
        chosen = Month.parse(month.strip())
    except ValueError as error:
        problem = f"'{month}' is not a month: write it as YYYY-MM ({error})"
        return _list(request, session, vocab, viewer, error=problem, month=month)
    scope = Scope((perpetrator,) if perpetrator in vocab.actors else (), noun.strip() or "attacks")
    save_draft(session, chosen, vocab, viewer.user.actor, scope)
    return RedirectResponse(f"/desk/reports/{chosen.key}", status_code=303)


def _draft_page(
    request: Request,
    session: Session,
    vocab: Vocabularies,
    viewer: Member,
    stored: StoredReport,
    form: DraftForm,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    context = {
        "viewer": viewer,
        "stored": stored,
        "form": form,
        "preview": form.preview(),
        "anchors": ANCHOR_LABELS,
        "suggested": suggested_key_points(session, stored, vocab),
        "text": extra.pop("text", None) or stored.draft.to_file(),
        **extra,
    }
    return templates.TemplateResponse(request, "desk/report_draft.html", context, status_code=status_code)


@router.get("/desk/reports/{month}", response_class=HTMLResponse)
def draft(
    request: Request, month: str, session: SessionDep, vocab: VocabDep, viewer: CanPublish, saved: str = ""
) -> Response:
    stored = _stored(session, month_in_path(month))
    return _draft_page(request, session, vocab, viewer, stored, DraftForm.of(stored.draft), saved=saved)


Editor = Annotated[EditorFields, Form()]


@router.post("/desk/reports/{month}", response_class=HTMLResponse)
def save(
    request: Request, month: str, session: SessionDep, vocab: VocabDep, viewer: CanPublish, sent: Editor
) -> Response:
    """Store the editor's draft (or a whole draft file pasted as text); buttons move, remove or add rows."""
    stored = _stored(session, month_in_path(month))
    page = partial(_draft_page, request, session, vocab, viewer, stored)
    where = ""
    if sent.draft is not None:  # the draft as a file, in the format of `marsad report draft`
        try:
            edited = ReportDraft.from_file(sent.draft)
        except DraftFileError as error:
            return page(DraftForm.of(stored.draft), 422, file_error=str(error), text=sent.draft)  # the text stays
    else:
        form = DraftForm.posted(sent)
        where = form.apply(sent.action)
        checked = form.draft()
        if checked is None:
            return page(form, 422)
        edited = checked
    save_draft(session, stored.month, vocab, viewer.user.actor, draft=edited)
    if sent.then == "preview":
        return RedirectResponse(f"/desk/reports/{stored.month.key}/preview", status_code=303)
    anchor = f"#{where}" if where else ""
    saved = urlencode({"saved": in_reader_language(request, N_("Draft saved."))})
    return RedirectResponse(f"/desk/reports/{stored.month.key}?{saved}{anchor}", status_code=303)


@router.post("/desk/reports/{month}/draft-preview", response_class=HTMLResponse)
def draft_preview(request: Request, month: str, session: SessionDep, viewer: CanPublish, sent: Editor) -> Response:
    """The editor's preview pane for what is typed now, before saving (the page asks for it as you type)."""
    _stored(session, month_in_path(month))
    context = {"preview": DraftForm.posted(sent).preview(), "anchors": ANCHOR_LABELS}
    return templates.TemplateResponse(request, "desk/_draft_preview.html", context)


def _preview_bar(stored: StoredReport, viewer: Member) -> str:
    key = stored.month.key
    return (
        '<nav class="preview-bar" style="font: 10pt sans-serif; background: #fef5e7; border-left: 4px solid #f39c12;'
        ' padding: .5rem .8rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap">'
        "<strong>Preview of the draft with today's figures: not published.</strong>"
        f'<a href="/desk/reports/{key}">Back to the editor</a>'
        f'<a href="/desk/reports/{key}/publish" style="background: #1f618d; color: #fff; padding: .3rem .8rem;'
        f' border-radius: 4px; text-decoration: none">Publish this report…</a></nav>'
    )


@router.get("/desk/reports/{month}/preview", response_class=HTMLResponse)
def preview(request: Request, month: str, session: SessionDep, vocab: VocabDep, viewer: CanPublish) -> HTMLResponse:
    """The report as publishing would freeze it now: today's published incidents with the editors' draft."""
    stored = _stored(session, month_in_path(month))
    publisher, today = application_of(request).settings.publisher, dt.date.today()

    def render() -> str:
        report = replace(edited_report(session, stored, vocab), issue=Issue(today, published=False))
        return render_html(report, vocab, gazetteer_of(request), publisher=publisher)

    # Rendering draws every chart (seconds at scale): the same draft on the same data and day is drawn once.
    key = ("report preview", stored.month.key, repr(stored.scope), stored.draft.to_file(), today, repr(publisher))
    page: str = cached(request, session, key, render)
    return HTMLResponse(page.replace("<body>", "<body>\n" + _preview_bar(stored, viewer), 1))


@router.get("/desk/reports/{month}/publish", response_class=HTMLResponse)
def confirm_publication(
    request: Request, month: str, session: SessionDep, vocab: VocabDep, viewer: CanPublish
) -> Response:
    """Publishing asks first, saying what will be frozen and what it replaces."""
    stored = _stored(session, month_in_path(month))
    report = edited_report(session, stored, vocab)
    counted_singular = singular_of(report.stats.scope.noun)  # "1 ISIS attack counted"
    context = {
        "viewer": viewer,
        "stored": stored,
        "report": report,
        "counted_singular": counted_singular,
        "other_languages": [(code, language.name) for code, language in LANGUAGES.items() if code != "en"],
        "published_languages": stored.published_languages,
    }
    return templates.TemplateResponse(request, "desk/report_publish.html", context)


@router.post("/desk/reports/{month}/publish")
def publish_report(
    request: Request,
    month: str,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanPublish,
    confirmed: Annotated[str, Form()] = "",
    languages: Annotated[list[str] | None, Form()] = None,
) -> Response:
    chosen = month_in_path(month)
    if confirmed != "yes":
        return RedirectResponse(f"/desk/reports/{chosen.key}/publish", status_code=303)
    try:
        publish(
            session,
            chosen,
            vocab,
            gazetteer_of(request),
            viewer.user.actor,
            application_of(request).settings.publisher,
            ["en", *(languages or [])],
        )
    except ReportStateError as error:
        raise HTTPException(409, str(error)) from None
    return RedirectResponse(f"/reports/{chosen.key}", status_code=303)
