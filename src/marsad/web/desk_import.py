"""Imports from the browser (editors): the CLI's import service, its row errors shown as a table."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile as StarletteUploadFile

from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.io.detect import detect_layout
from marsad.services.accounts import record
from marsad.services.importing import ImportRejectedError, import_file, import_summary, unmapped_summary
from marsad.web.auth import CanPublish
from marsad.web.deps import FormDep, SessionDep, VocabDep
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False)
MAX_ERRORS_SHOWN = 200
MAX_UNMAPPED_SHOWN = 50
MAX_UPLOAD_BYTES = 200 * 2**20  # a larger file goes through `marsad import` on the server
LIMIT_MB = MAX_UPLOAD_BYTES // 2**20
TOO_LARGE = (
    f"The file is larger than {LIMIT_MB} MB, more than the desk accepts; "
    "an admin can import it with `marsad import FILE` on the server."
)


@router.get("/desk/import", response_class=HTMLResponse)
def import_form(request: Request, viewer: CanPublish) -> Response:
    return templates.TemplateResponse(request, "desk/import.html", {"viewer": viewer, "limit_mb": LIMIT_MB})


@router.post("/desk/import", response_class=HTMLResponse)
def import_upload(
    request: Request, form: FormDep, session: SessionDep, vocab: VocabDep, viewer: CanPublish
) -> Response:
    """The CLI's import for a file sent from the browser: checked whole, written only when clean (or asked)."""
    assert viewer.user is not None
    context: dict[str, Any] = {"viewer": viewer, "limit_mb": LIMIT_MB}
    declared = request.headers.get("content-length", "")
    upload = form.get("file")
    if (declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + 2**16) or (
        isinstance(upload, StarletteUploadFile) and (upload.size or 0) > MAX_UPLOAD_BYTES
    ):
        context["error"] = TOO_LARGE
        return templates.TemplateResponse(request, "desk/import.html", context, status_code=413)
    skip_invalid = bool(form.get("skip_invalid"))
    if not isinstance(upload, StarletteUploadFile) or not upload.filename:
        context["error"] = "Choose a file to import."
        return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
    name = Path(upload.filename).name
    upload.file.seek(0)
    content = upload.file.read()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(content)
        try:
            layout = detect_layout(path)  # the layout `marsad import` would choose
            context["layout"] = layout.description
            with session.begin_nested():  # one savepoint: nothing of a rejected file stays
                report = import_file(
                    session,
                    path,
                    layout.format.reader(strict_mapping=bool(form.get("strict_mapping"))),
                    vocab=vocab,
                    gazetteer=load_gazetteer(),
                    actor=viewer.user.actor,
                    via="web import",
                    skip_invalid=skip_invalid,
                    parallel=False,
                )
        except ImportRejectedError as rejected:
            report, context["rejected"] = rejected.report, True
        except ValueError as error:  # a layout, header or file that cannot be read (BadFileError, UnknownFormatError)
            context["error"] = f"{name}: {error}"
            return templates.TemplateResponse(request, "desk/import.html", context, status_code=422)
    if not context.get("rejected"):
        record(session, viewer.user.actor, "import", name, import_summary(report))
    context |= {
        "report": report,
        "name": name,
        "summary": import_summary(report),
        "errors": report.errors[:MAX_ERRORS_SHOWN],
        "more_errors": max(0, len(report.errors) - MAX_ERRORS_SHOWN),
        "unmapped": unmapped_summary(report, MAX_UNMAPPED_SHOWN),
    }
    status = 422 if context.get("rejected") else 200
    return templates.TemplateResponse(request, "desk/import.html", context, status_code=status)
