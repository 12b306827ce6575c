"""The desk's incident pages: the entry form (new, from text, edit), place lookup for it, source archiving."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from functools import partial
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from marsad.domain.fields import FIELD_LABELS, VOCABULARY_OF
from marsad.domain.incident import CASUALTY_COLUMNS, DEATH_ESTIMATE_FIELDS, RANGE_FIELDS, Incident, Source
from marsad.domain.keys import Kind, Status
from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.domain.vocabulary import UNCONFIRMED_GRADE, Vocabularies
from marsad.i18n.catalogues import N_
from marsad.io.canonical import format_row, incident_to_json
from marsad.services.accounts import audit_events
from marsad.services.archiving import ArchiveError, archive_source, link_checks
from marsad.services.editing import (
    FORM_FIELDS,
    SOURCE_FORM_FIELDS,
    EditConflict,
    EditRefused,
    allowed_statuses,
    check_form,
    possible_duplicates,
    save_incident,
    source_input,
    sources_from_form,
)
from marsad.services.extraction_learning import extractor_for
from marsad.services.quick_entry import Highlight, keep_example, read_text
from marsad.services.review import add_sources
from marsad.services.triage import TriageRefused, made_draft
from marsad.storage.queries import get_incident, incident_version, merged_into
from marsad.web.auth import DESK, CanEdit, CanRead, Member
from marsad.web.deps import FormDep, GazetteerDep, SessionDep, VocabDep, application_of, gazetteer_of
from marsad.web.localization import reader_vocabularies
from marsad.web.pages import templates, tiles

router = APIRouter(include_in_schema=False, dependencies=[DESK])
STATUS_EVENTS = frozenset({N_("published"), N_("unpublished"), N_("withdrawn"), N_("merged"), N_("archived")})
COUNTS = tuple((name, FIELD_LABELS[name], *bounds) for name, bounds in RANGE_FIELDS.items())
DEATH_ESTIMATES = tuple((name, FIELD_LABELS[name]) for name in DEATH_ESTIMATE_FIELDS)
# The fields side-by-side views compare, by the names the codebook gives them.
COMPARED = tuple(
    (name, FIELD_LABELS[name])
    for name in (
        "date",
        "kind",
        "type",
        "place",
        "latitude",
        "longitude",
        "perpetrator",
        "attribution",
        *CASUALTY_COLUMNS,
        "arrests",
        "description",
        "notes",
        "status",
        "sources",
    )
)

# Languages offered for a source (any other code may be typed): the region's and the usual international ones.
SOURCE_LANGUAGES = (
    ("ar", N_("Arabic")),
    ("ku", N_("Kurdish (Kurmanji)")),
    ("ckb", N_("Kurdish (Sorani)")),
    ("en", N_("English")),
    ("tr", N_("Turkish")),
    ("syc", N_("Syriac")),
    ("fr", N_("French")),
)


def _values(incident: Incident) -> dict[str, str]:
    return dict(zip(FORM_FIELDS, format_row(incident, FORM_FIELDS), strict=True))


def _sources(incident: Incident) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in s.items()} for s in incident_to_json(incident, ("sources",))["sources"]]


def _compared(values: dict[str, str], sources: list[dict[str, str]], vocab: Vocabularies) -> dict[str, str]:
    """The fields side-by-side views show, as text a person reads (labels, not keys)."""
    shown = dict(values)
    for name, vocabulary in VOCABULARY_OF.items():
        terms = getattr(vocab, vocabulary)
        if shown.get(name) in terms:
            shown[name] = terms.label(shown[name])
    shown["sources"] = "; ".join(s.get("publisher") or s.get("url") or s.get("title") or "" for s in sources)
    return shown


def _rows(mine: dict[str, str], others: list[dict[str, str]]) -> list[dict[str, Any]]:
    rows = []
    for name, label in COMPARED:
        value, theirs = mine.get(name, ""), [o.get(name, "") for o in others]
        if value or any(theirs):  # a field blank on every side is left out
            differ = [t != value for t in theirs]
            rows.append({"label": label, "mine": value, "others": theirs, "differs": any(differ), "differ": differ})
    return rows


def _render(
    request: Request,
    viewer: Member,
    vocab: Vocabularies,
    values: dict[str, str],
    sources: list[dict[str, str]],
    *,
    incident_id: str | None = None,
    current_status: str | None = None,
    version: int | None = None,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    vocab = reader_vocabularies(request, vocab)
    context: dict[str, Any] = {
        "viewer": viewer,
        "vocab": vocab,
        "values": values,
        "sources": sources or [{}],
        "incident_id": incident_id,
        "heading": Phrase("Incident {id}", id=incident_id) if incident_id else N_("New incident"),
        "action": f"/desk/incidents/{incident_id}" if incident_id else "/desk/incidents/new",
        "status": current_status,
        "status_label": vocab.statuses.label(current_status) if current_status else "",
        "statuses": allowed_statuses(viewer.user, current_status),
        "can_publish": viewer.can(Permission.PUBLISH),
        "version": version,
        "counts": COUNTS,
        "death_estimates": DEATH_ESTIMATES,
        "field_labels": FIELD_LABELS,
        "source_languages": SOURCE_LANGUAGES,
        "today": dt.date.today().isoformat(),
        "errors": {},
        "warnings": [],
        "link_checks": {},
        "intake_item": None,
        "sources_added": None,  # set after "Add my sources to …" only
        **tiles(request),
        **extra,
    }
    return templates.TemplateResponse(request, "desk/incident_form.html", context, status_code=status_code)


def _defaults() -> dict[str, str]:
    return {
        "kind": Kind.ATTACK,
        "date": dt.date.today().isoformat(),
        "date_precision": "day",
        "perpetrator": "unknown",
        "attribution": "unknown",
        "grade": UNCONFIRMED_GRADE,
        "status": Status.DRAFT,
    }


@router.get("/desk/incidents/new", response_class=HTMLResponse)
def new_incident(request: Request, viewer: CanEdit, vocab: VocabDep) -> Response:
    return _render(request, viewer, vocab, _defaults(), [])


@router.post("/desk/incidents/new/from-text", response_class=HTMLResponse)
def new_from_text(request: Request, viewer: CanEdit, vocab: VocabDep, text: Annotated[str, Form()] = "") -> Response:
    """The form pre-filled from a pasted statement or news item; nothing is saved until the user saves."""
    return prefilled_form(request, viewer, vocab, text)


def prefilled_form(
    request: Request,
    viewer: Member,
    vocab: Vocabularies,
    text: str,
    sources: Sequence[Source] = (),
    published: dt.date | None = None,
    **extra: Any,
) -> Response:
    """The entry form filled from a text (what the extraction reads in it), with ``sources`` as its first rows;
    ``published`` is the text's date: the year of a bare day and month, and the date when the text gives none."""
    application = application_of(request)
    extractor = extractor_for(application.settings.data_dir, application.gazetteer)
    words = reader_vocabularies(request, vocab)  # what was recognised names labels in the reader's language
    entry = read_text(text, words, application.gazetteer, today=published, extractor=extractor)
    rows = [{k: str(v) for k, v in dataclasses.asdict(s).items() if v is not None} for s in sources]
    return _render(
        request,
        viewer,
        vocab,
        _defaults() | ({"date": published.isoformat()} if published else {}) | entry.values,
        rows + [s for s in entry.sources if s.get("url") not in {r.get("url") for r in rows}],
        quick_text=text,
        quick_suggested=json.dumps(entry.values, ensure_ascii=False),
        recognised=entry.recognised,
        to_check=entry.unsure,
        evidence=_evidence_segments(text, entry.highlights),
        **extra,
    )


def _evidence_segments(text: str, highlights: list[Highlight]) -> list[dict[str, Any]]:
    """The pasted text cut into plain and marked pieces (the words each value came from), for the template."""
    chosen: list[Highlight] = []
    for mark in sorted(highlights, key=lambda h: h.end - h.start):  # the shortest evidence is the most telling
        if mark.end > mark.start and all(mark.end <= c.start or mark.start >= c.end for c in chosen):
            chosen.append(mark)
    pieces: list[dict[str, Any]] = []
    position = 0
    for mark in sorted(chosen, key=lambda h: h.start):
        if mark.start > position:
            pieces.append({"text": text[position : mark.start]})
        pieces.append(
            {
                "text": text[mark.start : mark.end],
                "field": mark.field,
                "filled": mark.filled,
                "confidence": mark.confidence,
            }
        )
        position = mark.end
    if position < len(text):
        pieces.append({"text": text[position:]})
    return pieces


@router.get("/desk/incidents/{incident_id}", response_class=HTMLResponse)
def edit_incident(
    request: Request,
    incident_id: str,
    session: SessionDep,
    viewer: CanRead,
    vocab: VocabDep,
    saved: bool = False,
    archived: bool = False,
    archive_error: str | None = None,
    warning: str | None = None,
    sources_added: int | None = None,
    sources_had: int = 0,
) -> Response:
    incident = _existing(session, viewer, incident_id)
    urls = [s.url for s in incident.sources if s.url]
    return _render(
        request,
        viewer,
        vocab,
        _values(incident),
        _sources(incident),
        incident_id=incident_id,
        current_status=incident.status,
        version=incident_version(session, incident_id),
        saved=saved,
        merged_into=merged_into(session, incident_id),
        archived=archived,
        archive_error=archive_error,
        warnings=[warning] if warning else [],
        sources_added=sources_added,
        sources_had=sources_had,
        status_events=[e for e in audit_events(session, target=incident_id, limit=20) if e.action in STATUS_EVENTS],
        link_checks=link_checks(session, urls),
    )


def _existing(session: Session, viewer: Member, incident_id: str) -> Incident:
    incident = get_incident(session, incident_id, viewer.access)
    if incident is None:
        raise HTTPException(404, Phrase("there is no incident {id}", id=incident_id))
    return incident


@router.post("/desk/incidents/new")
def create_incident(request: Request, form: FormDep, session: SessionDep, viewer: CanEdit, vocab: VocabDep) -> Response:
    return _submit(request, form, session, viewer, vocab, None)


@router.post("/desk/incidents/{incident_id}")
def update_incident(
    request: Request, incident_id: str, form: FormDep, session: SessionDep, viewer: CanEdit, vocab: VocabDep
) -> Response:
    return _submit(request, form, session, viewer, vocab, _existing(session, viewer, incident_id))


def _typed(form: FormData, current: Incident | None) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The entry form's fields and source rows as typed (the sources of ``current`` keep their access dates)."""
    values = {name: str(form.get(name) or "") for name in FORM_FIELDS}
    columns = {source_input(n): [str(v) for v in form.getlist(source_input(n))] for n in SOURCE_FORM_FIELDS}
    return values, sources_from_form(columns, current.sources if current else ())


def _submit(
    request: Request, form: FormData, session: Session, viewer: Member, vocab: Vocabularies, current: Incident | None
) -> Response:
    """Check, guard against duplicates and concurrent edits, save; on any problem show the form again, kept."""
    values, sources = _typed(form, current)
    incident_id = current.id if current else None
    version_text = str(form.get("version") or "")
    version = int(version_text) if version_text.isdigit() else None
    item = str(form.get("intake_item") or "")  # the inbox item this new incident is made from
    quick: dict[str, Any] = {} if current else {n: str(form.get(n) or "") for n in ("quick_text", "quick_suggested")}
    again = partial(
        _render,
        request,
        viewer,
        vocab,
        values,
        sources,
        incident_id=incident_id,
        current_status=current.status if current else None,
        intake_item=item if item.isdigit() and current is None else None,
        **quick,
    )
    checked = check_form(values, sources, vocab, gazetteer_of(request), incident_id)
    if checked.incident is None:
        return again(version=version, errors=checked.errors, warnings=checked.warnings, status_code=422)
    if not form.get("not_duplicate"):
        duplicates = possible_duplicates(session, checked.incident)
        if duplicates:
            labels = reader_vocabularies(request, vocab)
            mine = _compared(_values(checked.incident), sources, labels)
            others = [_compared(_values(d), _sources(d), labels) for d in duplicates]
            rows = _rows(mine, others)
            return again(
                version=version, warnings=checked.warnings, duplicates=duplicates, duplicate_rows=rows, status_code=409
            )
    try:
        saved_id = save_incident(session, checked.incident, viewer.user, vocab, version)
    except EditRefused as error:
        return again(version=version, errors={"status": [str(error)]}, status_code=403)
    except EditConflict as conflict:
        labels = reader_vocabularies(request, vocab)
        theirs = _compared(_values(conflict.current), _sources(conflict.current), labels)
        rows = _rows(_compared(values, sources, labels), [theirs])
        # the form now carries their version: saving again replaces it, knowingly
        conflicted = {"version": conflict.version, "rows": rows}
        return again(version=conflict.version, conflict=conflicted, status_code=409)
    warnings = list(checked.warnings)
    if item.isdigit() and current is None:
        try:
            made_draft(session, int(item), saved_id, viewer.user)
        except TriageRefused as error:
            warnings.insert(0, Phrase("Saved, but the inbox item was not marked handled: {error}", error=error.args[0]))
    if quick.get("quick_text", "").strip():
        keep_example(session, saved_id, quick["quick_text"], quick["quick_suggested"], values, viewer.user.actor)
    query = urlencode({"saved": "true", **({"warning": warnings[0]} if warnings else {})})
    return RedirectResponse(f"/desk/incidents/{saved_id}?{query}", status_code=303)


@router.post("/desk/incidents/{incident_id}/sources")
def add_typed_sources(
    request: Request, incident_id: str, form: FormDep, session: SessionDep, viewer: CanEdit, vocab: VocabDep
) -> Response:
    """ "Add my sources to that incident": the sources typed in the entry form join the incident it duplicates
    (checked as a save would check them), and the entry itself is not saved."""
    _existing(session, viewer, incident_id)
    values, sources = _typed(form, None)
    again = partial(_render, request, viewer, vocab, values, sources)
    checked = check_form(values, sources, vocab, gazetteer_of(request))
    if checked.incident is None:
        return again(errors=checked.errors, warnings=checked.warnings, status_code=422)
    if not checked.incident.sources:
        return again(errors={"sources": [N_("Type the sources to add first.")]}, status_code=422)
    try:
        added = add_sources(session, incident_id, checked.incident.sources, viewer.user, vocab)
    except EditRefused as error:
        return again(
            errors={"sources": [Phrase("Not added to {id}: {error}.", id=incident_id, error=error.args[0])]},
            status_code=403,
        )
    had = len(checked.incident.sources) - len(added)
    query = urlencode({"sources_added": len(added), "sources_had": had})
    return RedirectResponse(f"/desk/incidents/{incident_id}?{query}", status_code=303)


@router.get("/desk/places")
def place_search(viewer: CanRead, gazetteer: GazetteerDep, q: str = "") -> JSONResponse:
    """Gazetteer candidates for the form's place box: any spelling, fuzzy matches with their score."""
    matches = gazetteer.search(q, limit=8) if q.strip() else []
    return JSONResponse(
        [
            {
                "name": m.place.name,
                "matched": m.matched,
                "score": round(m.score),
                "latitude": m.place.latitude,
                "longitude": m.place.longitude,
                "district": m.place.admin2,
                "governorate": m.place.admin1,
                "region": m.place.region,
            }
            for m in matches
        ]
    )


@router.get("/desk/places/reverse")
def place_reverse(viewer: CanRead, gazetteer: GazetteerDep, latitude: float, longitude: float) -> JSONResponse:
    """The nearest place to a clicked point, to suggest as the place name."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise HTTPException(422, N_("latitude and longitude must be within ±90 and ±180"))
    found = gazetteer.reverse(latitude, longitude)
    place = found.place
    return JSONResponse(
        {"name": place.name, "distance_km": found.distance_km, "district": place.admin2, "region": place.region}
    )


@router.post("/desk/incidents/{incident_id}/sources/{position}/archive")
def archive(
    request: Request, incident_id: str, position: int, session: SessionDep, viewer: CanEdit, vocab: VocabDep
) -> Response:
    """Fetch the source's page now and keep it; back to the form with the result either way."""
    settings = application_of(request).settings
    try:
        archive_source(session, incident_id, position, settings.archive_dir, viewer.user, vocab, settings.fetcher)
    except (ArchiveError, EditRefused) as error:
        query = urlencode({"archive_error": str(error)})
        return RedirectResponse(f"/desk/incidents/{incident_id}?{query}", status_code=303)
    return RedirectResponse(f"/desk/incidents/{incident_id}?archived=true", status_code=303)
