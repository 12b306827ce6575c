"""Public HTML pages: the sortable, filterable dataset and one page per incident (server-rendered, no script)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from marsad.analysis.months import Month, month_range
from marsad.domain.access import Access
from marsad.domain.filters import FilterError, IncidentFilter
from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import noun_form, plural
from marsad.report.sections import casualty_text, incident_summary
from marsad.services.archiving import link_checks
from marsad.storage.aggregates import first_month
from marsad.storage.queries import get_incident, latest_date, merged_into, page_of_incidents
from marsad.storage.revisions import last_public_change
from marsad.web.cursors import CursorError, decode_cursor, encode_cursor
from marsad.web.deps import SessionDep, VocabDep, public_selection
from marsad.web.figure_cache import counting, public_count

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
# {{ n | plural("incident") }}: "1 incident", "1,887 incidents"; {{ n | noun_form("incident") }}: the noun alone
templates.env.filters |= {"plural": plural, "noun_form": noun_form}
PAGE_SIZE = 50
PAGING = ("sort", "cursor")


@dataclass(frozen=True)
class Column:
    key: str  # the sort key
    label: str
    help: str
    wide: bool = False  # hidden on a phone


COLUMNS = (
    Column("id", "Id", "Stable public identifier: the month and a running number"),
    Column("date", "Date", "The day the incident happened (not the day it was reported)"),
    Column("kind", "Kind", "Attack, raid (counter-terror operation) or other event"),
    Column("place", "Place", "The place as the source recorded it"),
    Column("region", "Region", "Analysis region, from the place's district or governorate"),
    Column("type", "Type", "What happened: IED, armed attack, assassination, raid…"),
    Column("perpetrator", "Perpetrator", "For attacks, who is held responsible; for raids, the group raided"),
    Column("attribution", "Attribution", "How the perpetrator is known: claimed, attributed, suspected, unknown", True),
    Column("killed", "Killed", "People killed: military and civilians (blank: not reported)"),
    Column("injured", "Injured", "People injured: military and civilians (blank: not reported)"),
    Column("arrests", "Arrests", "Raids only: people arrested", True),
)


def _query(params: dict[str, str], **changes: str | None) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v})


def _total(*values: int | None) -> str:
    return "" if all(v is None for v in values) else str(sum(v or 0 for v in values))


def _row(incident: Incident, vocab: Vocabularies) -> dict[str, Any]:
    return {
        "id": incident.id,
        "date": incident.date.isoformat(),
        "kind": vocab.kinds.label(incident.kind),
        "place": incident.place or incident.admin2 or "",
        "region": vocab.regions.label(incident.region) if incident.region else "outside",
        "region_colour": vocab.regions.colour(incident.region) if incident.region else "#d5d8dc",
        "type": vocab.types.label(incident.type),
        "perpetrator": vocab.actors.label(incident.perpetrator),
        "perpetrator_colour": vocab.actors.colour(incident.perpetrator),
        "attribution": vocab.attributions.label(incident.attribution),
        "killed": _total(incident.military_killed, incident.civilian_killed),
        "injured": _total(incident.military_injured, incident.civilian_injured),
        "arrests": "" if incident.arrests is None else incident.arrests,
    }


def _choices(vocab: Vocabularies) -> list[tuple[str, str, list[Any]]]:
    return [
        ("kind", "Kind", list(vocab.kinds)),
        ("region", "Region", list(vocab.regions)),
        ("type", "Type", list(vocab.types)),
        ("perpetrator", "Perpetrator", list(vocab.actors)),
        ("attribution", "Attribution", list(vocab.attributions)),
    ]


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/map", status_code=307)


@router.get("/map", response_class=HTMLResponse, response_model=None)
def live_map(request: Request, session: SessionDep, vocab: VocabDep) -> HTMLResponse | RedirectResponse:
    """The map; ``embed=1`` drops the site's frame for an iframe, ``month`` is the time slider's month."""
    embed = request.query_params.get("embed") == "1"
    params = {k: v for k, v in request.query_params.items() if v and k != "embed"}
    if not params:  # the default view: this year's attacks (the year of the newest incident)
        latest = latest_date(session)
        if latest is not None:
            default = {"kind": "attack", "from": f"{latest.year}-01-01"} | ({"embed": "1"} if embed else {})
            return RedirectResponse(f"/map?{urlencode(default)}", status_code=307)
    context: dict[str, Any] = {"params": params, "choices": _choices(vocab), "action": "/map", "embed": embed}
    try:
        period = public_selection({k: v for k, v in params.items() if k != "month"}, vocab)
        shown = public_selection(params, vocab) if "month" in params else period
    except FilterError as error:
        context["error"] = f"{error} — change the filters."
        return templates.TemplateResponse(request, "dataset.html", context, status_code=422)
    context |= {"query": shown.to_query_string(), "months": _months(session, period), **tiles(request)}
    return templates.TemplateResponse(request, "map.html", context)


def tiles(request: Request) -> dict[str, str]:
    """The tile server the maps draw on, if one is configured (the offline basemap otherwise)."""
    settings = request.app.state.settings
    return {"tiles": settings.tile_url or "", "tile_attribution": settings.tile_attribution or ""}


def _months(session: Session, period: IncidentFilter) -> list[list[str]]:
    """The time slider's months, [key, label]: the period's, or from the first published incident to the last."""
    first = period.date_from or _date_of(first_month(session, IncidentFilter(), Access.PUBLIC))
    last = period.date_to or latest_date(session)
    if first is None or last is None:
        return []
    return [[month.key, month.label] for month in month_range(Month.of(first), Month.of(last))]


def _date_of(month_key: str | None) -> dt.date | None:
    return dt.date.fromisoformat(f"{month_key}-01") if month_key else None


@router.get("/incidents", response_class=HTMLResponse)
def dataset(request: Request, session: SessionDep, vocab: VocabDep) -> HTMLResponse:
    params = {k: v for k, v in request.query_params.items() if v}
    sort = params.get("sort", "-date")
    column, descending = sort.lstrip("-"), sort.startswith("-")
    context: dict[str, Any] = {
        "params": params,
        "choices": _choices(vocab),
        "action": "/incidents",
        "error": None,
    }
    filters = {k: v for k, v in params.items() if k not in PAGING}
    try:
        selection = public_selection(filters, vocab)
        if column not in {c.key for c in COLUMNS}:
            raise FilterError("sort", f"cannot sort by '{column}'")
        after = decode_cursor(params["cursor"]) if "cursor" in params else None
    except (FilterError, CursorError) as error:
        context["error"] = f"{error} — change the filters and try again."
        return templates.TemplateResponse(request, "dataset.html", context, status_code=422)
    incidents, last = page_of_incidents(session, selection, Access.PUBLIC, column, descending, PAGE_SIZE, after)
    query = selection.to_query_string()
    total = public_count(request, session, selection)
    context.update(
        description=selection.describe(vocab),
        summary=selection.describe(vocab, total),
        total=total,
        counting=counting(request, session, selection),
        include_url="/incidents?" + _query(filters, sort=sort, counted="all"),
        counted_url="/incidents?" + _query({k: v for k, v in filters.items() if k != "counted"}, sort=sort),
        query=query,
        rows=[_row(i, vocab) for i in incidents],
        columns=[
            {
                "label": c.label,
                "help": c.help,
                "wide": c.wide,
                "arrow": (" ▼" if descending else " ▲") if c.key == column else "",
                "sort_url": "/incidents?"
                + _query(filters, sort=c.key if c.key != column or descending else f"-{c.key}"),
            }
            for c in COLUMNS
        ],
        next_url="/incidents?" + _query(filters, sort=sort, cursor=encode_cursor(last)) if last else None,
        first_url="/incidents?" + _query(filters, sort=sort) if after else None,
    )
    return templates.TemplateResponse(request, "dataset.html", context)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, response_model=None)
def incident_page(
    incident_id: str, request: Request, session: SessionDep, vocab: VocabDep
) -> HTMLResponse | RedirectResponse:
    incident = get_incident(session, incident_id, Access.PUBLIC)
    if incident is None:
        target = merged_into(session, incident_id)
        if target:  # a duplicate merged into another incident: its address leads there
            return RedirectResponse(f"/incidents/{target}", status_code=301)
        raise HTTPException(404, f"no published incident has the id '{incident_id}'")
    fields = [
        ("Kind", vocab.kinds.label(incident.kind)),
        ("Date precision", vocab.date_precisions.label(incident.date_precision)),
        ("Location precision", vocab.geo_precisions.label(incident.geo_precision) if incident.geo_precision else "—"),
        ("Governorate / district", " / ".join(x for x in (incident.admin1, incident.admin2) if x) or "—"),
        ("Confirmed", "yes" if incident.confirmed else "no"),
        ("Counted in figures", "yes" if incident.counted else f"no ({incident.exclusion_reason or 'excluded'})"),
        ("Target", vocab.targets.label(incident.target) if incident.target else "—"),
        ("Casualties and arrests", casualty_text(incident) or "none reported"),
    ]
    context = {
        "incident": incident,
        "map": _small_map(incident, vocab),
        "revised": last_public_change(session, incident_id),
        "link_checks": link_checks(session, [s.url for s in incident.sources if s.url]),
        **tiles(request),
        "summary": incident_summary(incident, vocab),
        "region": vocab.regions.label(incident.region) if incident.region else None,
        "fields": fields,
        "source_labels": {t.key: t.label for t in vocab.source_types},
    }
    return templates.TemplateResponse(request, "incident.html", context)


def _small_map(incident: Incident, vocab: Vocabularies) -> dict[str, Any] | None:
    """Where the incident page's map puts its mark, in what shape and colour, and how sure the place is."""
    if incident.latitude is None or incident.longitude is None:
        return None
    precision = incident.geo_precision if incident.geo_precision in vocab.geo_precisions else None
    return {
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "radius_km": vocab.geo_precisions.term(precision).radius_km if precision else 0,
        "precision": vocab.geo_precisions.label(precision) if precision else "Location precision not given",
        "marker": vocab.types.term(incident.type).marker if incident.type in vocab.types else "circle",
        "colour": vocab.actors.colour(incident.perpetrator) if incident.perpetrator in vocab.actors else "#7f8c8d",
    }
