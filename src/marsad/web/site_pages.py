"""The site's entry points: the home page, About, Methodology (the codebook and the counting rules), How to
cite, the API documentation page (Swagger UI, served by Marsad itself) and the favicon."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import markdown
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from marsad.analysis.months import Month
from marsad.domain.access import Access
from marsad.domain.filters import COUNTING_RULE, IncidentFilter
from marsad.domain.keys import Kind
from marsad.domain.rules import NOT_CONFIRMED, OUTSIDE_AREA
from marsad.services.reports import list_published
from marsad.storage.aggregates import first_month
from marsad.storage.queries import latest_date, page_of_incidents
from marsad.storage.revisions import last_public_change
from marsad.web.citing import record_citation, report_citation, selection_citation, site_address
from marsad.web.deps import SessionDep, VocabDep, application_of, public_selection
from marsad.web.figure_cache import public_count
from marsad.web.pages import templates
from marsad.web.reader_words import WordsDep
from marsad.web.site_frame import frame_dependency

router = APIRouter(include_in_schema=False, dependencies=[frame_dependency])
CODEBOOK = Path(__file__).with_name("content") / "codebook.md"


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, vocab: VocabDep) -> HTMLResponse:
    """The title and scope the team sets, this year's figures as the reports count them, and the way in."""
    latest = latest_date(session)
    year: dict[str, Any] | None = None
    if latest is not None:
        params = {"from": f"{latest.year}-01-01"}
        attacks = public_selection(request, {"kind": Kind.ATTACK, **params}, vocab)
        raids = public_selection(request, {"kind": Kind.RAID, **params}, vocab)
        year = {
            "year": latest.year,
            "latest": latest,
            "attacks": public_count(request, session, attacks),
            "raids": public_count(request, session, raids),
            "map_url": f"/map?{attacks.to_query_string()}",
            "raids_url": f"/incidents?{raids.to_query_string()}",
        }
    reports = list_published(session)
    context = {"year": year, "report": reports[0] if reports else None, "counting_rule": COUNTING_RULE}
    return templates.TemplateResponse(request, "home.html", context)


@router.get("/about", response_class=HTMLResponse)
def about(request: Request, session: SessionDep) -> HTMLResponse:
    first = first_month(session, IncidentFilter(), Access.PUBLIC)
    latest = latest_date(session)
    context = {
        "team": application_of(request).settings.publisher.team_name,
        "first": Month.parse(first) if first else None,
        "latest": latest,
        "reports": len(list_published(session)),
    }
    return templates.TemplateResponse(request, "about.html", context)


@router.get("/methodology", response_class=HTMLResponse)
def methodology(request: Request, words: WordsDep) -> HTMLResponse:
    """How the figures count, in the reader's language; the codebook below is the English one of docs/."""
    vocab = words.vocab
    context = {
        "counting_rule": words.counting_rule,
        "counted_grades": words.counted_grades,
        "grades": [
            {"label": term.label, "definition": term.definition, "counted": term.key in vocab.counted_grades}
            for term in vocab.grades
        ],
        "regions": [term.label for term in vocab.regions],
        "not_confirmed": words._(NOT_CONFIRMED),
        "outside_area": words._(OUTSIDE_AREA),
        "codebook": codebook_html(),
    }
    return templates.TemplateResponse(request, "methodology.html", context)


@cache
def codebook_html() -> Markup:
    """docs/codebook.md as HTML, its headings one level down (the page has its own title). A shipped file."""
    text = re.sub(r"^(#+) ", r"#\1 ", CODEBOOK.read_text(encoding="utf-8"), flags=re.M)
    return Markup(markdown.markdown(text, extensions=["tables"]))


@router.get("/cite", response_class=HTMLResponse)
def how_to_cite(request: Request, session: SessionDep, vocab: VocabDep, words: WordsDep) -> HTMLResponse:
    """How to cite a record, a report and a selection, with examples from what is published now, in the
    reader's language."""
    publisher, code = application_of(request).settings.publisher, words.code
    base, today = site_address(request), dt.date.today()
    newest = page_of_incidents(session, IncidentFilter(), Access.PUBLIC, "date", True, 1).incidents
    incident = newest[0] if newest else None
    record = None
    if incident is not None and incident.id:
        revised = last_public_change(session, incident.id)
        record = record_citation(publisher, base, incident.id, words.summary(incident), revised, today, code)
    reports = list_published(session)
    report = None
    if reports:
        newest_report = reports[0]
        key, title = newest_report.month.key, newest_report.draft.title
        report = report_citation(publisher, base, key, title, newest_report.published_at, code)
    example = public_selection(request, {"kind": Kind.ATTACK, "region": vocab.regions.keys[0]}, vocab)
    selection = selection_citation(publisher, base, words.describe(example), example.to_query_string(), today, code)
    context = {"record": record, "report": report, "selection": selection, "base": base}
    return templates.TemplateResponse(request, "cite.html", context)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for /favicon.ico whatever the page says: the site's icon is an SVG."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI 5 (it reads the OpenAPI 3.1 the app publishes) in the site's frame, from /static/vendor."""
    return templates.TemplateResponse(request, "api-docs.html", {})
