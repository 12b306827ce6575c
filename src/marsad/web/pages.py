"""Public HTML pages: the sortable, filterable dataset and one page per incident (server-rendered, no script)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from marsad.analysis.months import Month, month_range
from marsad.domain.access import Access
from marsad.domain.fields import FIELD_LABELS
from marsad.domain.filters import PARAMS, FilterError, IncidentFilter
from marsad.domain.incident import DEATH_ESTIMATE_FIELDS, ORIGINAL_NAME_FIELDS, Incident
from marsad.domain.keys import Kind
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import noun_form, plural
from marsad.i18n.catalogues import N_
from marsad.services.archiving import link_checks
from marsad.storage.aggregates import first_month, tally
from marsad.storage.queries import get_incident, latest_date, merged_into
from marsad.storage.revisions import last_public_change
from marsad.web.citing import record_citation, site_address
from marsad.web.deps import SessionDep, VocabDep, application_of, public_selection
from marsad.web.localization import asked_in_url, install_translations, language_context
from marsad.web.reader_words import ReaderWords, WordsDep
from marsad.web.site_frame import frame_context, frame_dependency

router = APIRouter(include_in_schema=False, dependencies=[frame_dependency])
templates = Jinja2Templates(
    directory=Path(__file__).with_name("templates"), context_processors=[frame_context, language_context]
)
install_translations(templates.env)
templates.env.auto_reload = False  # the templates ship with the package: no page need look at their files' times
# {{ n | plural("incident") }}: "1 incident", "1,887 incidents"; {{ n | noun_form("incident") }}: the noun alone
templates.env.filters |= {"plural": plural, "noun_form": noun_form}
MONITORED_AREA = "North-East Syria"  # what the map says it shows when no region narrows it


def filter_choices(vocab: Vocabularies) -> list[tuple[str, str, list[Any]]]:
    """The filters' drop-downs: parameter, label (translated where shown) and terms (in the page's language)."""
    return [
        ("kind", N_("Kind"), list(vocab.kinds)),
        ("region", N_("Region"), list(vocab.regions)),
        ("type", N_("Type"), list(vocab.types)),
        ("perpetrator", N_("Perpetrator"), list(vocab.actors)),
        ("attribution", N_("Attribution"), list(vocab.attributions)),
        ("grade", N_("Grade"), list(vocab.grades)),
    ]


@router.get("/map", response_class=HTMLResponse, response_model=None)
def live_map(
    request: Request, session: SessionDep, vocab: VocabDep, words: WordsDep
) -> HTMLResponse | RedirectResponse:
    """The map; ``embed=1`` drops the site's frame for an iframe, ``month`` is the time slider's month."""
    embed = request.query_params.get("embed") == "1"
    params = {k: v for k, v in request.query_params.items() if v and k not in ("embed", "lang")}
    if not params:  # the default view: this year's attacks (the year of the newest incident)
        latest = latest_date(session)
        if latest is not None:
            year = {"kind": Kind.ATTACK, "from": f"{latest.year}-01-01", "to": f"{latest.year}-12-31"}
            kept = {k: v for k, v in (("embed", "1" if embed else None), ("lang", asked_in_url(request))) if v}
            return RedirectResponse(f"/map?{urlencode(year | kept)}", status_code=307)
    context: dict[str, Any] = {
        "params": params,
        "choices": filter_choices(words.vocab),
        "action": "/map",
        "embed": embed,
    }
    try:
        period = public_selection(request, {k: v for k, v in params.items() if k != "month"}, vocab)
        shown = public_selection(request, params, vocab) if "month" in params else period
    except FilterError as error:
        context["error"] = words._("{error} — change the filters.", error=error.args[0])
        return templates.TemplateResponse(request, "dataset.html", context, status_code=422)
    context |= {
        "query": shown.to_query_string(),
        "title": words.describe(period, area=MONITORED_AREA),
        "months": _months(session, period, words),
        "coverage": _coverage(session, words),
        "filters_set": sum(1 for k in params if k in PARAMS and k not in ("month", "lang")),
        "counted_grades": words.counted_grades,
        **tiles(request),
    }
    return templates.TemplateResponse(request, "map.html", context)


def tiles(request: Request) -> dict[str, str]:
    """The tile server the maps draw on, if one is configured (the offline basemap otherwise)."""
    settings = application_of(request).settings
    return {"tiles": settings.tile_url or "", "tile_attribution": settings.tile_attribution or ""}


def _months(session: Session, period: IncidentFilter, words: ReaderWords) -> list[list[str | int]]:
    """The time slider's months, [key, label, incidents]: the period's, or from the first published incident to
    the last; the counts draw the histogram behind the slider."""
    first = period.date_from or _date_of(first_month(session, IncidentFilter(), Access.PUBLIC))
    last = period.date_to or latest_date(session)
    if first is None or last is None:
        return []
    counts = {month: t.count for (month,), t in tally(session, period, Access.PUBLIC, by_month=True).items()}
    return [
        [m.key, words.month(m.year, m.month), counts.get(m.key, 0)]
        for m in month_range(Month.of(first), Month.of(last))
    ]


def _coverage(session: Session, words: ReaderWords) -> str:
    """The months the published data covers, e.g. "March 2019 – November 2023" (said when a period is empty)."""
    first, last = first_month(session, IncidentFilter(), Access.PUBLIC), latest_date(session)
    if first is None or last is None:
        return ""
    start = dt.date.fromisoformat(first + "-01")
    return f"{words.month(start.year, start.month)} – {words.month(last.year, last.month)}"


def _date_of(month_key: str | None) -> dt.date | None:
    return dt.date.fromisoformat(f"{month_key}-01") if month_key else None


def _possible_dates(incident: Incident, words: ReaderWords) -> list[tuple[str, str]]:
    """The days an uncertain date may be (its month when they fill one), or nothing for an exact date."""
    if incident.date_earliest is None and incident.date_latest is None:
        return []
    days = words.period(incident.date_earliest or incident.date, incident.date_latest or incident.date)
    return [(N_("Possible dates"), days)]


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, response_model=None)
def incident_page(
    incident_id: str, request: Request, session: SessionDep, words: WordsDep
) -> HTMLResponse | RedirectResponse:
    incident = get_incident(session, incident_id, Access.PUBLIC)
    if incident is None:
        target = merged_into(session, incident_id)
        if target:  # a duplicate merged into another incident: its address leads there
            return RedirectResponse(f"/incidents/{target}", status_code=301)
        raise HTTPException(404, words._("no published incident has the id '{id}'", id=incident_id))
    vocab, _ = words.vocab, words._
    yes, no = _("yes"), _("no")
    precision = vocab.geo_precisions.label(incident.geo_precision) if incident.geo_precision else "—"
    admin = " / ".join(words.place(x) for x in (incident.admin1, incident.admin2) if x) or "—"
    fields = [
        (N_("Kind"), vocab.kinds.label(incident.kind)),
        (N_("Date precision"), vocab.date_precisions.label(incident.date_precision)),
        *_possible_dates(incident, words),
        (N_("Location precision"), precision),
        (N_("Governorate / district"), admin),
        (N_("Grade"), f"{vocab.grades.label(incident.grade)}: {vocab.grades.term(incident.grade).definition}"),
        (N_("Counted in figures"), yes if incident.counted else f"{no} ({incident.exclusion_reason or _('excluded')})"),
        (N_("Target"), vocab.targets.label(incident.target) if incident.target else "—"),
        *([(N_("Conducted by"), vocab.forces.label(incident.conducted_by))] if incident.conducted_by else []),
        (N_("Casualties and arrests"), words.casualties(incident) or _("none reported")),
        *_as_reported(incident),
    ]
    revised, summary = last_public_change(session, incident_id), words.summary(incident)
    publisher = application_of(request).settings.publisher
    context = {
        "incident": incident,
        "map": _small_map(incident, vocab, words),
        "place": words.place(incident.place),
        "revised": revised,
        "link_checks": link_checks(session, [s.url for s in incident.sources if s.url]),
        **tiles(request),
        "summary": summary,
        "region": vocab.regions.label(incident.region) if incident.region else None,
        "fields": fields,
        "source_labels": {t.key: t.label for t in vocab.source_types},
        "citation": record_citation(
            publisher, site_address(request), incident_id, summary, revised, dt.date.today(), words.code
        ),
    }
    return templates.TemplateResponse(request, "incident.html", context)


def _as_reported(incident: Incident) -> list[tuple[str, str]]:
    """What another dataset called the actors, and its estimate of the total deaths, where it gave them."""
    shown = [(FIELD_LABELS[name], getattr(incident, name)) for name in ORIGINAL_NAME_FIELDS if getattr(incident, name)]
    estimates = [getattr(incident, name) for name in DEATH_ESTIMATE_FIELDS]
    if any(value is not None for value in estimates):
        low, best, high = ("?" if value is None else f"{value:,}" for value in estimates)
        shown.append(("Total deaths (source's estimate)", best if low == best == high else f"{best} ({low}–{high})"))
    return shown


def _small_map(incident: Incident, vocab: Vocabularies, words: ReaderWords) -> dict[str, Any] | None:
    """Where the incident page's map puts its mark, in what shape and colour, and how sure the place is."""
    if incident.latitude is None or incident.longitude is None:
        return None
    precision = incident.geo_precision if incident.geo_precision in vocab.geo_precisions else None
    return {
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "radius_km": vocab.geo_precisions.term(precision).radius_km if precision else 0,
        "precision": vocab.geo_precisions.label(precision) if precision else words._("Location precision not given"),
        "marker": vocab.types.term(incident.type).marker if incident.type in vocab.types else "circle",
        "colour": vocab.actors.colour(incident.perpetrator) if incident.perpetrator in vocab.actors else "#7f8c8d",
    }
