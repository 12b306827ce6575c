"""Imports from the browser (editors): the CLI's import as a job, its progress, then its row errors as a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUploadFile

from marsad.domain.phrases import Phrase, from_phrase_data
from marsad.i18n.catalogues import N_
from marsad.io.compressed import inner_name
from marsad.io.formats import UnknownFormatError, format_for_path
from marsad.services.import_job import IMPORT_JOB, start_import
from marsad.web.auth import DESK, CanPublish
from marsad.web.deps import FormDep, application_of
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False, dependencies=[DESK])
REFRESH_S = 1
MAX_UPLOAD_BYTES = 200 * 2**20  # a larger file goes through `marsad import` on the server
LIMIT_MB = MAX_UPLOAD_BYTES // 2**20
TOO_LARGE = Phrase(
    "The file is larger than {mb} MB, more than the desk accepts; an admin can import it with `marsad import FILE` "
    "on the server.",
    mb=LIMIT_MB,
)


@router.get("/desk/import", response_class=HTMLResponse)
def import_form(request: Request, viewer: CanPublish) -> Response:
    return templates.TemplateResponse(request, "desk/import.html", {"viewer": viewer, "limit_mb": LIMIT_MB})


@router.post("/desk/import", response_class=HTMLResponse)
def import_upload(request: Request, form: FormDep, viewer: CanPublish) -> Response:
    """The CLI's import for a file sent from the browser, as a job: checked whole, written only when clean
    (or asked), while the site's other pages stay quick."""
    context: dict[str, Any] = {"viewer": viewer, "limit_mb": LIMIT_MB}
    declared = request.headers.get("content-length", "")
    upload = form.get("file")
    if (declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + 2**16) or (
        isinstance(upload, StarletteUploadFile) and (upload.size or 0) > MAX_UPLOAD_BYTES
    ):
        context["error"] = TOO_LARGE
        return templates.TemplateResponse(request, "desk/import.html", context, status_code=413)
    if not isinstance(upload, StarletteUploadFile) or not upload.filename:
        context["error"] = N_("Choose a file to import.")
        return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
    name = Path(upload.filename).name
    try:
        if not name.lower().endswith(".zip"):  # a zip's file is named inside it
            format_for_path(Path(inner_name(name)))  # a name no layout can have is refused before a job starts
    except UnknownFormatError as error:
        context["error"] = Phrase("{name}: {error}", name=name, error=error.args[0])
        return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
    upload.file.seek(0)
    job = start_import(
        request.app.state.jobs,
        application_of(request).for_a_job(),
        name=name,
        content=upload.file,
        skip_invalid=bool(form.get("skip_invalid")),
        strict_mapping=bool(form.get("strict_mapping")),
        actor=viewer.user.actor,
    )
    return RedirectResponse(f"/desk/import/{job.id}", status_code=303)


@router.get("/desk/import/{job_id}", response_class=HTMLResponse)
def import_progress(request: Request, job_id: str, viewer: CanPublish) -> Response:
    """How the import is going (the page asks again every second), then what it did."""
    job = request.app.state.jobs.get(job_id)
    if job is None or job.kind != IMPORT_JOB or job.owner != viewer.user.actor:
        raise HTTPException(404, N_("There is no import of yours with this address; start one from the import page."))
    context: dict[str, Any] = {"viewer": viewer, "limit_mb": LIMIT_MB, "job": job}
    if not job.finished:
        headers = {"Refresh": str(REFRESH_S)}
        return templates.TemplateResponse(request, "desk/import_progress.html", context, headers=headers)
    if job.state == "failed":
        context["error"] = job.message
        return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
    status = 422 if job.result["rejected"] else 200
    errors = [error | {"reason": from_phrase_data(error["reason"])} for error in job.result["errors"]]
    shown = context | job.result | {"errors": errors, "layout": from_phrase_data(job.result["layout"])}
    return templates.TemplateResponse(request, "desk/import.html", shown, status_code=status)
