"""Indicator series on the desk: the series with their latest value and change, an entry form, CSV in and out.

Rights as for incidents: the team reads everything; contributors enter and correct observations that are not
public, and what they enter stays unpublished; editors and admins also make observations public, change
public ones and import files.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as StarletteUploadFile

from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.domain.series import COLUMN_NAMES, Observation, latest_points
from marsad.domain.vocabulary import Vocabularies
from marsad.i18n.catalogues import N_
from marsad.io.limits import BadFileError
from marsad.io.series_csv import observation_cells, parse_observation
from marsad.services.series import export_series, import_series_file, save_observation
from marsad.storage.series_store import (
    SeriesSelection,
    StaleObservationError,
    get_observation,
    list_observations,
    observed_places,
)
from marsad.web.auth import DESK, CanEdit, CanPublish, CanRead, Member
from marsad.web.deps import MAX_ROW, FormDep, RowId, SessionDep, VocabDep, gazetteer_of
from marsad.web.localization import reader_vocabularies
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False, dependencies=[DESK])
MAX_UPLOAD_BYTES = 20 * 2**20  # a year of every camp's figures is a few hundred kilobytes
FORM_FIELDS = tuple(name for name in COLUMN_NAMES if name != "public")


def _selection(indicator: str | None, place: str | None, group: str | None) -> SeriesSelection:
    return SeriesSelection(indicator=indicator or None, place=place or None, group=group or None)


def _order(observation: Observation) -> tuple[str, str, str, dt.date]:
    """Series by indicator, then place as readers sort names (al-Hol before NES), then group and date."""
    return (observation.indicator, observation.place.casefold(), observation.group, observation.as_of)


def _list_page(
    request: Request,
    session: Session,
    viewer: Member,
    vocab: Vocabularies,
    selection: SeriesSelection,
    status: int = 200,
    **extra: Any,
) -> Response:
    observations = list_observations(session, selection, viewer.access)
    context = {
        "viewer": viewer,
        "vocab": reader_vocabularies(request, vocab),
        "selection": selection,
        "places": observed_places(session, viewer.access),
        "points": sorted(latest_points(observations), key=lambda p: _order(p.observation)),
        "observations": sorted(observations, key=_order),
        "can_edit": viewer.can(Permission.EDIT),
        "can_publish": viewer.can(Permission.PUBLISH),
        **extra,
    }
    return templates.TemplateResponse(request, "desk/series.html", context, status_code=status)


@router.get("/desk/series", response_class=HTMLResponse)
def series_list(
    request: Request,
    session: SessionDep,
    viewer: CanRead,
    vocab: VocabDep,
    indicator: Annotated[str | None, Query()] = None,
    place: Annotated[str | None, Query()] = None,
    group: Annotated[str | None, Query()] = None,
    saved: Annotated[int | None, Query(ge=1, le=MAX_ROW)] = None,
) -> Response:
    """Each series (indicator, place, group) with its latest value and the change since the observation
    before, then every observation selected."""
    return _list_page(request, session, viewer, vocab, _selection(indicator, place, group), saved=saved)


@router.get("/desk/series.csv")
def series_download(
    session: SessionDep,
    viewer: CanRead,
    indicator: Annotated[str | None, Query()] = None,
    place: Annotated[str | None, Query()] = None,
    group: Annotated[str | None, Query()] = None,
) -> Response:
    """The selected observations as tidy CSV with its HXL row, the unpublished ones too (for the team)."""
    out = io.BytesIO()
    export_series(session, out, viewer.access, _selection(indicator, place, group), actor=viewer.user.actor)
    headers = {"Content-Disposition": 'attachment; filename="series-internal.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/desk/series/import", response_class=HTMLResponse)
def series_import(
    request: Request, form: FormDep, session: SessionDep, viewer: CanPublish, vocab: VocabDep
) -> Response:
    """The CLI's `marsad series import` for an uploaded file: all rows or, with any bad row, none."""
    upload = form.get("file")
    everything = SeriesSelection()
    if not isinstance(upload, StarletteUploadFile) or not upload.filename:
        return _list_page(
            request, session, viewer, vocab, everything, 422, import_error=N_("Choose a CSV file to import.")
        )
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        message = Phrase(
            "The file is larger than {mb} MB; import it with `marsad series import`.", mb=MAX_UPLOAD_BYTES // 2**20
        )
        return _list_page(request, session, viewer, vocab, everything, 413, import_error=message)
    name = Path(upload.filename).name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        upload.file.seek(0)
        path.write_bytes(upload.file.read())
        try:  # a file with any bad row writes nothing: the service checks every row before it writes one
            report = import_series_file(session, path, vocab, gazetteer_of(request), viewer.user.actor, "desk")
        except BadFileError as error:
            return _list_page(
                request,
                session,
                viewer,
                vocab,
                everything,
                422,
                import_error=Phrase("{name}: {error}", name=name, error=error.args[0]),
            )
    status = 422 if report.errors else 200
    return _list_page(request, session, viewer, vocab, everything, status, imported=report, import_name=name)


def _form_page(
    request: Request,
    viewer: Member,
    vocab: Vocabularies,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    observation: Observation | None = None,
    status: int = 200,
    conflict: str | None = None,
) -> Response:
    context = {
        "viewer": viewer,
        "vocab": reader_vocabularies(request, vocab),
        "values": values,
        "errors": errors or {},
        "observation": observation,
        "can_publish": viewer.can(Permission.PUBLISH),
        "action": f"/desk/series/{observation.id}" if observation else "/desk/series/new",
        "today": dt.date.today().isoformat(),
        "conflict": conflict,
    }
    return templates.TemplateResponse(request, "desk/series_form.html", context, status_code=status)


def _values(observation: Observation) -> dict[str, Any]:
    values = dict(zip(COLUMN_NAMES, observation_cells(observation), strict=True))
    values["public"] = "true" if observation.public else ""
    return values


@router.get("/desk/series/new", response_class=HTMLResponse)
def new_observation(request: Request, viewer: CanEdit, vocab: VocabDep) -> Response:
    return _form_page(request, viewer, vocab, {"group": "total"})


def _posted(form: FormData) -> dict[str, str]:
    values = {name: str(form.get(name) or "") for name in FORM_FIELDS}
    values["public"] = "true" if form.get("public") else "false"
    return values


def _save(
    request: Request,
    form: FormData,
    session: Session,
    viewer: Member,
    vocab: Vocabularies,
    stored: Observation | None,
) -> Response:
    values = _posted(form)
    if not viewer.can(Permission.PUBLISH):
        values["public"] = "false"  # a contributor's figure waits for an editor, as a draft incident does
    parsed, problems = parse_observation(values, vocab)
    shown = values | {"public": "true" if values["public"] == "true" else ""}
    if parsed is None:
        errors: dict[str, list[str]] = {}
        for column, reason in problems:
            errors.setdefault(column, []).append(reason)
        return _form_page(request, viewer, vocab, shown, errors, stored, 422)
    version = None
    if stored is not None:
        parsed = replace(parsed, id=stored.id)
        sent = str(form.get("version") or "")
        version = int(sent) if sent.isdecimal() else stored.version
    try:
        observation_id = save_observation(session, parsed, vocab, gazetteer_of(request), viewer.user.actor, version)
    except StaleObservationError:
        message = N_("Someone else saved this observation after you opened it: reload it to see their version.")
        return _form_page(request, viewer, vocab, shown, None, stored, 409, conflict=message)
    saved = get_observation(session, observation_id, viewer.access)
    assert saved is not None
    query = f"indicator={saved.indicator}&group={saved.group}&saved={observation_id}"
    return RedirectResponse(f"/desk/series?{query}", status_code=303)


@router.post("/desk/series/new", response_class=HTMLResponse)
def create_observation(
    request: Request, form: FormDep, session: SessionDep, viewer: CanEdit, vocab: VocabDep
) -> Response:
    return _save(request, form, session, viewer, vocab, None)


def _editable(session: Session, viewer: Member, observation_id: int) -> Observation:
    stored = get_observation(session, observation_id, viewer.access)
    if stored is None:
        raise HTTPException(404, Phrase("There is no observation {id}.", id=observation_id))
    if stored.public and not viewer.can(Permission.PUBLISH):
        raise HTTPException(
            403,
            Phrase(
                "Your role ({role}) does not allow this: changing a public figure needs the '{permission}' right.",
                role=viewer.user.role.value,
                permission=Permission.PUBLISH.value,
            ),
        )
    return stored


@router.get("/desk/series/{observation_id}", response_class=HTMLResponse)
def edit_observation(
    request: Request, observation_id: RowId, session: SessionDep, viewer: CanEdit, vocab: VocabDep
) -> Response:
    stored = _editable(session, viewer, observation_id)
    return _form_page(request, viewer, vocab, _values(stored), observation=stored)


@router.post("/desk/series/{observation_id}", response_class=HTMLResponse)
def update_observation(
    request: Request, observation_id: RowId, form: FormDep, session: SessionDep, viewer: CanEdit, vocab: VocabDep
) -> Response:
    return _save(request, form, session, viewer, vocab, _editable(session, viewer, observation_id))
