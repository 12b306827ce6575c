"""The desk's review queue with bulk status changes, withdrawal with a reason, merging, history and revert,
and imports from the browser."""

from __future__ import annotations

import tempfile
from itertools import groupby
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUploadFile

from marsad.domain.access import Access
from marsad.domain.filters import FilterError, IncidentFilter
from marsad.domain.roles import Permission
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.io.formats import UnknownFormatError, format_for_path
from marsad.services.accounts import record
from marsad.services.editing import EditConflict, EditRefused
from marsad.services.importing import ImportRejectedError, import_file, import_summary
from marsad.services.review import change_status, merge, revert, review_queue
from marsad.storage.queries import get_incident
from marsad.storage.revisions import history
from marsad.web.auth import CanEdit, CanPublish, CanRead, Viewer
from marsad.web.deps import SessionDep, VocabDep
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False)
MAX_ERRORS_SHOWN = 200
BULK_ACTIONS = {"published": "Published", "in_review": "Sent for review", "draft": "Moved back to draft"}


def _queue(
    request: Request,
    session: SessionDep,
    vocab: VocabDep,
    viewer: Viewer,
    message: str | None = None,
    refused: dict[str, str] | None = None,
) -> Response:
    params = {k: v for k, v in request.query_params.items() if v}
    try:
        selection = IncidentFilter.from_params(params, vocab)
    except FilterError as error:
        raise HTTPException(422, f"{error} — change the filters") from None
    incidents, total = review_queue(session, selection)
    statuses = selection.statuses or ("in_review",)
    heading = (
        "Waiting for review"
        if statuses == ("in_review",)
        else "Incidents: " + ", ".join(vocab.statuses.label(s).lower() for s in statuses)
    )
    context: dict[str, Any] = {
        "viewer": viewer,
        "vocab": vocab,
        "incidents": incidents,
        "total": total,
        "statuses": statuses,
        "params": params,
        "query": urlencode(params),
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
async def bulk_change(request: Request, session: SessionDep, vocab: VocabDep, viewer: CanEdit) -> Response:
    assert viewer.user is not None
    form = await request.form()
    action = str(form.get("action") or "")
    if action not in BULK_ACTIONS:
        raise HTTPException(422, f"'{action}' is not an action here; use one of {', '.join(BULK_ACTIONS)}")
    ids = [str(i) for i in form.getlist("id")]
    if not ids:
        return _queue(request, session, vocab, viewer, "Nothing selected: tick the incidents first.")
    reason = str(form.get("reason") or "").strip() or None
    result = change_status(session, ids, action, viewer.user, vocab, reason)
    message = f"{BULK_ACTIONS[action]}: {len(result.changed)} incident{'s' if len(result.changed) != 1 else ''}."
    return _queue(request, session, vocab, viewer, message, result.refused)


@router.post("/desk/incidents/{incident_id}/withdraw")
def withdraw(
    incident_id: str,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanPublish,
    reason: Annotated[str, Form()] = "",
) -> Response:
    assert viewer.user is not None
    try:
        result = change_status(session, [incident_id], "withdrawn", viewer.user, vocab, reason)
    except EditRefused as error:
        raise HTTPException(422, str(error)) from None
    if incident_id in result.refused:
        raise HTTPException(422, f"{incident_id} not withdrawn: {result.refused[incident_id]}")
    return RedirectResponse(f"/desk/incidents/{incident_id}?saved=true", status_code=303)


@router.get("/desk/incidents/{incident_id}/history", response_class=HTMLResponse)
def incident_history(request: Request, incident_id: str, session: SessionDep, viewer: CanRead) -> Response:
    if get_incident(session, incident_id, Access.INTERNAL) is None:
        raise HTTPException(404, f"there is no incident {incident_id}")
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
                "fields": [
                    {"field": r.field, "before": _shown(r.before), "after": _shown(r.after)}
                    for r in revisions
                    if r.field
                ],
            }
        )
    changes.reverse()
    can_revert = viewer.can(Permission.EDIT)
    context = {"viewer": viewer, "incident_id": incident_id, "changes": changes, "can_revert": can_revert}
    return templates.TemplateResponse(request, "desk/history.html", context)


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):  # sources
        return "; ".join(str(s.get("publisher") or s.get("url") or s.get("title") or s) for s in value)
    return str(value)


@router.post("/desk/incidents/{incident_id}/revert")
def revert_incident(
    incident_id: str,
    session: SessionDep,
    vocab: VocabDep,
    viewer: CanEdit,
    revision: Annotated[int, Form()],
) -> Response:
    assert viewer.user is not None
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
    assert viewer.user is not None
    try:
        kept = merge(session, incident_id, into.strip(), viewer.user, vocab)
    except EditRefused as error:
        raise HTTPException(422, f"Not merged: {error}") from None
    return RedirectResponse(f"/desk/incidents/{kept}?saved=true", status_code=303)


@router.get("/desk/import", response_class=HTMLResponse)
def import_form(request: Request, viewer: CanPublish) -> Response:
    return templates.TemplateResponse(request, "desk/import.html", {"viewer": viewer})


@router.post("/desk/import", response_class=HTMLResponse)
async def import_upload(request: Request, session: SessionDep, vocab: VocabDep, viewer: CanPublish) -> Response:
    """The CLI's import for a file sent from the browser: checked whole, written only when clean (or asked)."""
    assert viewer.user is not None
    context: dict[str, Any] = {"viewer": viewer}
    async with request.form() as form:  # closes the uploaded file's spool when done
        upload = form.get("file")
        skip_invalid = bool(form.get("skip_invalid"))
        if not isinstance(upload, StarletteUploadFile) or not upload.filename:
            context["error"] = "Choose a file to import."
            return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
        name = Path(upload.filename).name
        content = await upload.read()
    try:
        chosen = format_for_path(Path(name))
    except UnknownFormatError as error:
        context["error"] = f"{name}: {error}"
        return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(content)
        try:
            with session.begin_nested():  # one savepoint: nothing of a rejected file stays
                report = import_file(
                    session,
                    path,
                    chosen.reader(),
                    vocab=vocab,
                    gazetteer=load_gazetteer(),
                    actor=viewer.user.actor,
                    via="web import",
                    skip_invalid=skip_invalid,
                    parallel=False,
                )
        except ImportRejectedError as rejected:
            report, context["rejected"] = rejected.report, True
        except ValueError as error:  # a header or a file that cannot be read at all
            context["error"] = f"{name}: {error}"
            return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
    if not context.get("rejected"):
        record(session, viewer.user.actor, "import", name, import_summary(report))
    problems = [e for _, _, row_errors in report.rejected for e in row_errors]
    context |= {
        "report": report,
        "name": name,
        "summary": import_summary(report),
        "errors": problems[:MAX_ERRORS_SHOWN],
        "more_errors": max(0, len(problems) - MAX_ERRORS_SHOWN),
    }
    status = 422 if context.get("rejected") else 200
    return templates.TemplateResponse(request, "desk/import.html", context, status_code=status)
