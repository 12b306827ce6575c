"""The desk's inbox: items before incidents, filtered and searched, each with its suggestion, the incidents it
may be and its story, and triage by keyboard (every action recorded and undoable). Never public: every route
needs a signed-in role."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from marsad.domain.fields import FIELD_LABELS
from marsad.domain.intake import DISMISS_LABELS, ItemFilter, ItemFilterError, ItemStatus
from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.domain.vocabulary import Vocabularies
from marsad.extraction.language import LANGUAGES
from marsad.i18n.catalogues import N_
from marsad.services import triage
from marsad.services.triage import TriageRefused
from marsad.storage.intake_store import channels
from marsad.web.auth import DESK, CanEdit, CanRead, Member
from marsad.web.deps import MAX_ROW, RowId, SessionDep, VocabDep
from marsad.web.desk_incidents import prefilled_form
from marsad.web.localization import reader_vocabularies
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False, dependencies=[DESK])
PER_PAGE = 50
PAGING = ("older", "newer", "done")  # not filters
PageFrom = Annotated[int | None, Query(ge=1, le=MAX_ROW, description="the item a page continues from")]
# An item's status as the inbox pages say it (the filter's choices, an item's state).
STATUS_WORDS = {ItemStatus.NEW: N_("new"), ItemStatus.HANDLED: N_("handled"), ItemStatus.DISMISSED: N_("dismissed")}
ACTION_WORDS = {
    "draft": N_("made into draft incident"),
    "source": N_("added as a source to"),
    "duplicate": N_("marked a duplicate of item"),
    "dismiss": N_("dismissed:"),
}


def _selection(request: Request) -> ItemFilter:
    params = {k: request.query_params.getlist(k) for k in request.query_params if k not in PAGING}
    if "status" not in params:
        params["status"] = [ItemStatus.NEW.value]  # what waits, unless asked otherwise
    try:
        return ItemFilter.from_params({k: [v for v in vs if v] for k, vs in params.items()})
    except ItemFilterError as error:
        raise HTTPException(422, Phrase("{error} — change the filters", error=error.args[0])) from None


def _common(request: Request, viewer: Member, vocab: Vocabularies) -> dict[str, Any]:
    return {
        "viewer": viewer,
        "vocab": reader_vocabularies(request, vocab),
        "field_labels": FIELD_LABELS,
        "can_edit": viewer.can(Permission.EDIT),
        "languages": LANGUAGES,
        "reasons": DISMISS_LABELS,
        "action_words": ACTION_WORDS,
        "status_words": {status.value: words for status, words in STATUS_WORDS.items()},
    }


@router.get("/desk/inbox", response_class=HTMLResponse)
def inbox(
    request: Request,
    session: SessionDep,
    viewer: CanRead,
    vocab: VocabDep,
    older: PageFrom = None,
    newer: PageFrom = None,
) -> Response:
    selection = _selection(request)
    try:
        shown = triage.inbox_page(session, selection, older, newer, PER_PAGE)
    except TriageRefused as error:
        raise HTTPException(422, str(error)) from None
    query = selection.params()

    def page_url(**start: int | None) -> str | None:
        cursor = {name: str(item) for name, item in start.items() if item is not None}
        return "/desk/inbox?" + urlencode({**query, **cursor}) if cursor else None

    context = _common(request, viewer, vocab) | {
        "shown": shown,
        "selection": selection,
        "params": query,
        "channels": channels(session),
        "statuses": [s.value for s in selection.statuses],
        "previous_url": page_url(newer=shown.newer_from),
        "next_url": page_url(older=shown.older_from),
    }
    return templates.TemplateResponse(request, "desk/inbox.html", context)


@router.get("/desk/inbox/{item_id}", response_class=HTMLResponse)
def inbox_item(
    request: Request,
    item_id: RowId,
    session: SessionDep,
    viewer: CanRead,
    vocab: VocabDep,
    done: Annotated[int | None, Query(ge=1, le=MAX_ROW)] = None,
) -> Response:
    try:
        view = triage.item_view(session, item_id)
    except TriageRefused as error:
        raise HTTPException(404, str(error)) from None
    previous = triage.item_view(session, done) if done and done != item_id else None
    following = triage.next_new_item(session, view.item)
    context = _common(request, viewer, vocab) | {
        "view": view,
        "item": view.item,
        "done": previous,
        "next_item": following,
    }
    return templates.TemplateResponse(request, "desk/inbox_item.html", context)


@router.get("/desk/inbox/{item_id}/draft", response_class=HTMLResponse)
def draft_from_item(
    request: Request, item_id: RowId, session: SessionDep, viewer: CanEdit, vocab: VocabDep
) -> Response:
    """The entry form pre-filled from the item, the item as its first source; saving it marks the item handled."""
    try:
        item = triage.item_view(session, item_id).item
    except TriageRefused as error:
        raise HTTPException(404, str(error)) from None
    sources = [triage.source_of(item), *triage.linked_sources(item)]
    day = item.event_date or item.posted_at.date()
    return prefilled_form(request, viewer, vocab, item.text, sources, day, intake_item=str(item.id))


def _after(session: SessionDep, item_id: int) -> Response:
    """On to the next item waiting, with what was just done (and its undo) at the top."""
    done = triage.item_view(session, item_id).item
    following = triage.next_new_item(session, done)
    target = f"/desk/inbox/{following.id}?done={item_id}" if following else f"/desk/inbox/{item_id}"
    return RedirectResponse(target, status_code=303)


def _refused(
    request: Request, session: SessionDep, viewer: Member, vocab: Vocabularies, item_id: int, error: Exception
) -> Response:
    view = triage.item_view(session, item_id)
    context = _common(request, viewer, vocab) | {
        "view": view,
        "item": view.item,
        "done": None,
        "next_item": triage.next_new_item(session, view.item),
        "error": str(error),
    }
    return templates.TemplateResponse(request, "desk/inbox_item.html", context, status_code=409)


def _version(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@router.post("/desk/inbox/{item_id}/source")
def add_as_source(
    request: Request,
    item_id: RowId,
    session: SessionDep,
    viewer: CanEdit,
    vocab: VocabDep,
    incident: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    try:
        triage.add_to_incident(session, item_id, incident, viewer.user, vocab, _version(version))
    except TriageRefused as error:
        return _refused(request, session, viewer, vocab, item_id, error)
    return _after(session, item_id)


@router.post("/desk/inbox/{item_id}/duplicate")
def duplicate_of(
    request: Request,
    item_id: RowId,
    session: SessionDep,
    viewer: CanEdit,
    vocab: VocabDep,
    of: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    try:
        if not of.strip().lstrip("#").isdigit():
            raise TriageRefused(
                Phrase("'{of}' is not an item number: give the number shown as #12 in the inbox", of=of)
            )
        triage.mark_duplicate(session, item_id, int(of.strip().lstrip("#")), viewer.user, _version(version))
    except TriageRefused as error:
        return _refused(request, session, viewer, vocab, item_id, error)
    return _after(session, item_id)


@router.post("/desk/inbox/{item_id}/dismiss")
def dismiss(
    request: Request,
    item_id: RowId,
    session: SessionDep,
    viewer: CanEdit,
    vocab: VocabDep,
    reason: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    try:
        triage.dismiss(session, item_id, reason, viewer.user, _version(version))
    except TriageRefused as error:
        return _refused(request, session, viewer, vocab, item_id, error)
    return _after(session, item_id)


@router.post("/desk/inbox/{item_id}/undo")
def undo(request: Request, item_id: RowId, session: SessionDep, viewer: CanEdit, vocab: VocabDep) -> Response:
    try:
        triage.undo(session, item_id, viewer.user, vocab)
    except TriageRefused as error:
        return _refused(request, session, viewer, vocab, item_id, error)
    return RedirectResponse(f"/desk/inbox/{item_id}", status_code=303)
