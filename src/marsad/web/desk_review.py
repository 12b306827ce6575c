"""The desk's review queue with bulk status changes, withdrawal with a reason, merging, history and revert."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from marsad.domain.filters import FilterError, IncidentFilter
from marsad.domain.keys import Status
from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.i18n.catalogues import N_, ngettext
from marsad.i18n.formats import number
from marsad.services.editing import EditConflict, EditRefused
from marsad.services.review import change_status, merge, revert, review_queue
from marsad.storage.queries import get_incident
from marsad.storage.revisions import history
from marsad.web.auth import DESK, CanEdit, CanPublish, CanRead, Member
from marsad.web.deps import FormDep, SessionDep, VocabDep
from marsad.web.history_view import changed_fields
from marsad.web.localization import language_of, reader_vocabularies
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False, dependencies=[DESK])
PER_PAGE = 50
QUEUE_PARAMS = ("page", "order", "select")  # the queue's own parameters, beside the filter's
BULK_ACTIONS: dict[str, str] = {
    Status.PUBLISHED: N_("Published"),
    Status.IN_REVIEW: N_("Sent for review"),
    Status.DRAFT: N_("Moved back to draft"),
}


def _queue(
    request: Request,
    session: SessionDep,
    vocab: VocabDep,
    viewer: Member,
    message: str | None = None,
    refused: dict[str, str] | None = None,
) -> Response:
    params = {k: v for k, v in request.query_params.items() if v and k != "lang"}  # lang: the page's language
    paging = {k: params.pop(k) for k in QUEUE_PARAMS if k in params}
    try:
        selection = IncidentFilter.from_params(params, vocab)
    except FilterError as error:
        raise HTTPException(422, Phrase("{error} — change the filters", error=error.args[0])) from None
    oldest_first = paging.get("order") == "oldest"
    page = int(paging["page"]) if paging.get("page", "").isdigit() else 1
    shown = review_queue(session, selection, page, PER_PAGE, newest_first=not oldest_first)
    statuses = selection.statuses or (Status.IN_REVIEW,)
    vocab = reader_vocabularies(request, vocab)
    heading = (
        vocab.statuses.label(Status.IN_REVIEW)
        if statuses == (Status.IN_REVIEW,)
        else Phrase("Incidents: {statuses}", statuses=", ".join(vocab.statuses.label(s) for s in statuses))
    )
    order = {"order": "oldest"} if oldest_first else {}

    def page_url(page: int, **more: str) -> str:
        return "/desk/review?" + urlencode({**params, **order, **({"page": str(page)} if page > 1 else {}), **more})

    context: dict[str, Any] = {
        "viewer": viewer,
        "vocab": vocab,
        "shown": shown,
        "incidents": shown.incidents,
        "statuses": statuses,
        "params": params,
        "oldest_first": oldest_first,
        "select_all": paging.get("select") == "all",
        "action_url": page_url(shown.page),
        "select_all_url": page_url(shown.page, select="all"),
        "previous_url": page_url(shown.page - 1) if shown.page > 1 else None,
        "next_url": page_url(shown.page + 1) if shown.page < shown.pages else None,
        "heading": heading,
        "message": message,
        "refused": refused or {},
        "can_publish": viewer.can(Permission.PUBLISH),
    }
    return templates.TemplateResponse(request, "desk/review.html", context)


@router.get("/desk/review", response_class=HTMLResponse)
def review(request: Request, session: SessionDep, vocab: VocabDep, viewer: CanRead) -> Response:
    return _queue(request, session, vocab, viewer)


@router.post("/desk/review", response_class=HTMLResponse)
def bulk_change(request: Request, form: FormDep, session: SessionDep, vocab: VocabDep, viewer: CanEdit) -> Response:
    action = str(form.get("action") or "")
    if action not in BULK_ACTIONS:
        raise HTTPException(
            422,
            Phrase(
                "'{action}' is not an action here; use one of {actions}", action=action, actions=", ".join(BULK_ACTIONS)
            ),
        )
    ids = [str(i) for i in form.getlist("id")]
    if not ids:
        return _queue(request, session, vocab, viewer, N_("Nothing selected: tick the incidents first."))
    reason = str(form.get("reason") or "").strip() or None
    result = change_status(session, ids, action, viewer.user, vocab, reason)
    code = language_of(request).code
    changed = ngettext(code, "{n} incident", "{n} incidents", len(result.changed)).format(
        n=number(len(result.changed), code)
    )
    message = Phrase("{action}: {incidents}.", action=Phrase(BULK_ACTIONS[action]), incidents=changed)
    return _queue(request, session, vocab, viewer, message, result.refused)


@router.post("/desk/incidents/{incident_id}/withdraw")
def withdraw(
    incident_id: str,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanPublish,
    reason: Annotated[str, Form()] = "",
) -> Response:
    try:
        result = change_status(session, [incident_id], Status.WITHDRAWN, viewer.user, vocab, reason)
    except EditRefused as error:
        raise HTTPException(422, str(error)) from None
    if incident_id in result.refused:
        raise HTTPException(
            422, Phrase("{id} not withdrawn: {reason}", id=incident_id, reason=result.refused[incident_id])
        )
    return RedirectResponse(f"/desk/incidents/{incident_id}?saved=true", status_code=303)


@router.get("/desk/incidents/{incident_id}/history", response_class=HTMLResponse)
def incident_history(
    request: Request, incident_id: str, session: SessionDep, vocab: VocabDep, viewer: CanRead
) -> Response:
    if get_incident(session, incident_id, viewer.access) is None:
        raise HTTPException(404, Phrase("there is no incident {id}", id=incident_id))
    changes = []
    for (at, actor, via), group in groupby(history(session, incident_id), key=lambda r: (r.changed_at, r.actor, r.via)):
        revisions = list(group)
        changes.append(
            {
                "at": at,
                "actor": actor,
                "via": via,
                "created": any(r.action == "create" for r in revisions),
                "last_id": revisions[-1].id,
                "fields": changed_fields(revisions, vocab),
            }
        )
    changes.reverse()
    can_revert = viewer.can(Permission.EDIT)
    context = {"viewer": viewer, "incident_id": incident_id, "changes": changes, "can_revert": can_revert}
    return templates.TemplateResponse(request, "desk/history.html", context)


@router.post("/desk/incidents/{incident_id}/revert")
def revert_incident(
    incident_id: str,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanEdit,
    revision: Annotated[int, Form()],
) -> Response:
    try:
        revert(session, incident_id, revision, viewer.user, vocab)
    except (EditRefused, EditConflict) as error:
        raise HTTPException(409 if isinstance(error, EditConflict) else 403, str(error)) from None
    return RedirectResponse(f"/desk/incidents/{incident_id}?saved=true", status_code=303)


@router.post("/desk/incidents/{incident_id}/merge")
def merge_incident(
    incident_id: str,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanPublish,
    into: Annotated[str, Form()] = "",
) -> Response:
    """Merge this incident (a duplicate) into the one given; its id then redirects there."""
    try:
        kept = merge(session, incident_id, into.strip(), viewer.user, vocab)
    except EditRefused as error:
        raise HTTPException(422, Phrase("Not merged: {error}", error=error.args[0])) from None
    return RedirectResponse(f"/desk/incidents/{kept}?saved=true", status_code=303)
