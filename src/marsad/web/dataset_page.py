"""The public dataset (/incidents): a sortable, filterable, paged table of the selection, with its totals."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from marsad.analysis.statistics import Casualties
from marsad.domain.access import Access
from marsad.domain.filters import FilterError, IncidentFilter
from marsad.domain.incident import Incident
from marsad.domain.keys import Kind
from marsad.domain.ranges import CountRange, count_range
from marsad.domain.wording import noun_form, plural
from marsad.i18n import formats
from marsad.i18n.catalogues import N_
from marsad.storage.aggregates import EMPTY, Tally, tally
from marsad.storage.queries import page_of_incidents, sort_value_type
from marsad.web.cursors import CursorError, decode_cursor, encode_cursor
from marsad.web.deps import SessionDep, VocabDep, public_selection
from marsad.web.figure_cache import cached, counting
from marsad.web.pages import filter_choices, templates
from marsad.web.reader_words import ReaderWords, WordsDep
from marsad.web.site_frame import frame_dependency

router = APIRouter(include_in_schema=False, dependencies=[frame_dependency])
PAGE_SIZE = 50
PAGING = ("sort", "cursor")
DESCRIPTION_LENGTH = 90
NONE = CountRange(0, 0, 0)  # where sums of counts start


@dataclass(frozen=True)
class Column:
    key: str  # the row's value, and the sort key unless ``sortable`` is False
    label: str
    help: str
    wide: bool = False  # hidden on a phone
    numeric: bool = False  # right-aligned; the first click sorts the largest first
    sortable: bool = True


COLUMNS = (
    Column("id", N_("Id"), N_("Stable public identifier: the month and a running number")),
    Column("date", N_("Date"), N_("The day the incident happened (not the day it was reported)")),
    Column("kind", N_("Kind"), N_("Attack, raid (counter-terror operation) or other event")),
    Column("place", N_("Place"), N_("The place as the source recorded it")),
    Column("region", N_("Region"), N_("Analysis region, from the place's district or governorate")),
    Column("type", N_("Type"), N_("What happened: IED, armed attack, assassination, raid…")),
    Column("perpetrator", N_("Perpetrator"), N_("For attacks, who is held responsible; for raids, the group raided")),
    Column(
        "attribution",
        N_("Attribution"),
        N_("How the perpetrator is known: claimed, attributed, suspected, unknown"),
        True,
    ),
    Column(
        "grade",
        N_("Grade"),
        N_("How sure the team is that it happened: confirmed, fair, weak, contested or discounted"),
        True,
    ),
    Column("killed", N_("Killed"), N_("People killed: military and civilians (blank: not reported)"), numeric=True),
    Column("injured", N_("Injured"), N_("People injured: military and civilians (blank: not reported)"), numeric=True),
    Column("arrests", N_("Arrests"), N_("Raids only: people arrested"), True, numeric=True),
    Column(
        "counted",
        N_("Counted"),
        N_(
            "Whether the monthly reports count it (of a counted grade, in the monitored area) and, if not, why; "
            "an incident counted although of another grade says so"
        ),
        True,
    ),
    Column(
        "description",
        N_("Description"),
        N_("What happened, in short (the full text is on the incident's page)"),
        True,
        sortable=False,
    ),
)
SORTS = {c.key for c in COLUMNS if c.sortable}


@router.get("/incidents", response_class=HTMLResponse)
def dataset(request: Request, session: SessionDep, vocab: VocabDep, words: WordsDep) -> HTMLResponse:
    params = {k: v for k, v in request.query_params.items() if v}
    sort = params.get("sort", "-date")
    column, descending = sort.lstrip("-"), sort.startswith("-")
    context: dict[str, Any] = {"params": params, "choices": filter_choices(words.vocab), "action": "/incidents"}
    filters = {k: v for k, v in params.items() if k not in PAGING and k != "lang"}
    try:
        selection = public_selection(request, filters, vocab)
        if column not in SORTS:
            raise FilterError("sort", f"cannot sort by '{column}'")
        cursor = decode_cursor(params["cursor"], sort_value_type(column)) if "cursor" in params else None
    except (FilterError, CursorError) as error:
        context["error"] = words._("{error} — change the filters and try again.", error=error.args[0])
        return templates.TemplateResponse(request, "dataset.html", context, status_code=422)
    after, offset, backwards = (cursor.key, cursor.offset, cursor.backwards) if cursor else (None, 0, False)
    page = page_of_incidents(session, selection, Access.PUBLIC, column, descending, PAGE_SIZE, after, backwards)
    totals = _totals(request, session, selection)
    total, shown = totals.count, len(page.incidents)

    def url(**changes: str | None) -> str:
        return "/incidents?" + urlencode({k: v for k, v in {**filters, "sort": sort, **changes}.items() if v})

    back = offset - PAGE_SIZE
    previous = None
    if page.previous_key is not None:
        previous = url(cursor=encode_cursor(page.previous_key, back, backwards=True)) if back > 0 else url()
    context |= {
        "description": words.describe(selection),
        "summary": selection.describe(vocab, total) if words.code == "en" else words.describe(selection),
        "total": total,
        "totals": _totals_sentence(totals, words),
        "counting": counting(request, session, selection, vocab)
        | {"rule": words.counting(selection), "grades_rule": words.counted_grades},
        "include_url": url(counted="all"),
        "counted_url": url(counted=None),
        "query": selection.to_query_string(),
        "rows": [_row(i, words) for i in page.incidents],
        "columns": [_heading(c, column, descending, url) for c in COLUMNS],
        "rows_shown": words._(
            "Rows {first}–{last} of {total}",
            first=words.number(offset + 1),
            last=words.number(offset + shown),
            total=words.number(total),
        )
        if shown
        else "",
        "next_url": url(cursor=encode_cursor(page.next_key, offset + shown)) if page.next_key else None,
        "previous_url": previous,
        "first_url": url() if back > 0 and previous else None,
    }
    return templates.TemplateResponse(request, "dataset.html", context)


def _heading(column: Column, sorted_by: str, descending: bool, url: Any) -> dict[str, Any]:
    """A column's heading: its sort link turns the order over; numbers sort the largest first on a first click."""
    current = column.key == sorted_by
    heading = {
        "label": column.label,
        "help": column.help,
        "class": " ".join(c for c, on in (("wide", column.wide), ("description", not column.sortable)) if on),
        "arrow": (" ▼" if descending else " ▲") if current else "",
        "aria_sort": ("descending" if descending else "ascending") if current else None,
        "sort_url": None,
    }
    if column.sortable:
        first = f"-{column.key}" if column.numeric else column.key
        next_sort = (column.key if descending else f"-{column.key}") if current else first
        heading["sort_url"] = url(sort=next_sort, cursor=None)
    return heading


def _totals(request: Request, session: Session, selection: IncidentFilter) -> Tally:
    """How many incidents the whole selection holds (not only the page shown), and their casualties and arrests
    summed."""
    figures: Tally = cached(
        request, session, ("totals", selection), lambda: tally(session, selection, Access.PUBLIC).get((), EMPTY)
    )
    return figures


def _totals_sentence(figures: Tally, words: ReaderWords) -> str:
    killed, injured = (_summed(figures, words.code, f"military_{n}", f"civilian_{n}") for n in ("killed", "injured"))
    if words.code != "en":
        return (
            words._(
                "In the whole selection: killed {killed} ({civilians_killed} of them civilians), injured {injured} "
                "({civilians_injured} civilians), perpetrators killed {perpetrators}, arrests {arrests}.",
                killed=killed,
                civilians_killed=words.number(figures["civilian_killed"]),
                injured=injured,
                civilians_injured=words.number(figures["civilian_injured"]),
                perpetrators=words.number(figures["perpetrators_killed"]),
                arrests=words.number(figures["arrests"]),
            )
            if figures.count
            else ""
        )
    parts = [
        f"{killed} {noun_form(figures['military_killed'] + figures['civilian_killed'], 'person', 'people')} killed "
        f"({figures['civilian_killed']:,} of them civilians)",
        f"{injured} injured ({figures['civilian_injured']:,} civilians)",
    ]
    if figures["perpetrators_killed"]:
        parts.append(plural(figures["perpetrators_killed"], "perpetrator killed", "perpetrators killed"))
    if figures["arrests"]:
        parts.append(plural(figures["arrests"], "arrest"))
    return f"In the whole selection: {', '.join(parts)}." if figures.count else ""


def _summed(figures: Tally, code: str, *names: str) -> str:
    """The counts ``names`` summed over a selection, with the summed range where it differs ("8 (6–10)")."""
    casualties = Casualties.of(figures)
    return _with_range(sum((casualties.range_of(name) for name in names), NONE), code)


def _total(incident: Incident, code: str, *names: str) -> str:
    """The counts ``names`` added up, with their summed range where it differs ("8 (6–10)"); blank when none is
    reported."""
    reported = [spread for name in names if (spread := count_range(incident, name)) is not None]
    return _with_range(sum(reported, NONE), code) if reported else ""


def _with_range(total: CountRange, code: str) -> str:
    return formats.with_range(total.best, total.low, total.high, code)


def _short(text: str | None) -> str:
    if not text or len(text) <= DESCRIPTION_LENGTH:
        return text or ""
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "…"


def _counted(incident: Incident, words: ReaderWords) -> str:
    """Counted and why in one cell: "yes", "no: not confirmed", "no: outside the monitored area", "yes, although
    weak" (an editor counted an incident of a grade the rule leaves out)…"""
    if incident.counted:
        if incident.grade in words.vocab.counted_grades:
            return words._("yes")
        return words._("yes, although {grade}", grade=words.vocab.grades.label(incident.grade).lower())
    reason = words._(incident.exclusion_reason) if incident.exclusion_reason else words._("left out by an editor")
    return f"{words._('no')}: {reason}"


def _row(incident: Incident, words: ReaderWords) -> SimpleNamespace:
    """One row's cells, as attributes: the template reads 20 of them in each of 50 rows, and Jinja tries an
    attribute before a key (a dict's every cell cost a caught AttributeError)."""
    raid, vocab = incident.kind == Kind.RAID, words.vocab
    by = ""
    if raid and incident.conducted_by:
        by = words._("; conducted by: {force}", force=vocab.forces.label(incident.conducted_by))
    return SimpleNamespace(
        id=incident.id,
        date=incident.date.isoformat(),
        kind=vocab.kinds.label(incident.kind),
        place=words.place(incident.place or incident.admin2),
        region=vocab.regions.label(incident.region) if incident.region else words._("outside"),
        region_colour=vocab.regions.colour(incident.region) if incident.region else "#d5d8dc",
        type=vocab.types.label(incident.type),
        perpetrator=vocab.actors.label(incident.perpetrator),
        perpetrator_colour=vocab.actors.colour(incident.perpetrator),
        raided=words._("The group raided (raids name their target, not a perpetrator)") + by if raid else None,
        attribution=vocab.attributions.label(incident.attribution),
        grade=vocab.grades.label(incident.grade),
        grade_definition=vocab.grades.term(incident.grade).definition,
        killed=_total(incident, words.code, "military_killed", "civilian_killed"),
        injured=_total(incident, words.code, "military_injured", "civilian_injured"),
        arrests="" if incident.arrests is None else f"{incident.arrests:,}",
        counted=_counted(incident, words),
        description=_short(incident.description),
        full_description=incident.description or "",
    )
