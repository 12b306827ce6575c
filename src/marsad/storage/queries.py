"""Reading incidents: one filter, applied fail-closed (public unless the caller holds internal access)."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, case, func, or_, select, tuple_
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter, PlaceName
from marsad.domain.incident import CASUALTY_FIELDS, ORIGINAL_NAME_FIELDS, SOURCE_FIELDS, SYNTHETIC, Incident, Source
from marsad.domain.keys import Status
from marsad.domain.vocabulary import CONFIRMED_GRADE
from marsad.storage.cubes import tally_level
from marsad.storage.records import COLUMN_FIELDS, FORM_ID, incident_from_columns
from marsad.storage.tables import INCIDENTS, REVISIONS, SOURCES, TALLIES

# What reading incidents selects: the incident's fields in the records' order (storage.records.COLUMN_FIELDS),
# read by position; and a source's incident with its fields, in SOURCE_FIELDS order.
_INCIDENT = tuple(INCIDENTS.c[name] for name in COLUMN_FIELDS)
_SOURCE = (SOURCES.c.incident_id, *(SOURCES.c[name] for name in SOURCE_FIELDS))


def apply_filter(
    statement: Select[Any], selection: IncidentFilter, access: Access, table: Table = INCIDENTS
) -> Select[Any]:
    """``statement`` narrowed to what ``selection`` names and ``access`` may see.

    ``table`` is the incidents or a table aggregated from them by month (storage.cubes, for a selection it
    answers): a month's first day is on or after a first day, and on or before a month's last day, exactly
    when its incidents are.
    """
    c = table.c
    day = c.date if table is INCIDENTS else c.month
    conditions = []
    if access is not Access.INTERNAL:
        conditions.append(c.status == Status.PUBLISHED)
    if selection.date_from:
        conditions.append(day >= selection.date_from)
    if selection.date_to:
        conditions.append(day <= selection.date_to)
    for column, keys in (
        ("kind", selection.kinds),
        ("region", selection.regions),
        ("type", selection.types),
        ("perpetrator", selection.perpetrators),
        ("attribution", selection.attributions),
        ("grade", selection.grades),
        ("status", selection.statuses),
    ):
        if keys:
            conditions.append(c[column].in_(keys))
    if selection.confirmed is not None:  # the parameter of the days before grades: graded confirmed or not
        conditions.append((c.grade == CONFIRMED_GRADE) if selection.confirmed else (c.grade != CONFIRMED_GRADE))
    if selection.counted is not None:
        conditions.append(c.counted.is_(selection.counted))
    if selection.with_casualties:
        conditions.append(or_(*(c[name] > 0 for name in CASUALTY_FIELDS)))
    if selection.text:
        conditions.append(or_(_mentions(selection.text), *(_at_place(p) for p in selection.places)))
    return statement.where(and_(*conditions)) if conditions else statement


def _mentions(text: str) -> ColumnElement[bool]:
    pattern = f"%{_escape_like(text)}%"
    searched = ("description", "place", *ORIGINAL_NAME_FIELDS)  # "Government of Turkey" finds what ACLED named so
    return or_(*(INCIDENTS.c[name].ilike(pattern, escape="\\") for name in searched))


def _at_place(place: PlaceName) -> ColumnElement[bool]:
    """Incidents whose recorded place is any spelling of ``place``, or contains its name ("Hilaliyah, Qamishli").

    Spellings are compared whole (a short one such as "Sur" would otherwise match "Surveillance"); both as
    written and in lower case, since SQLite lowers ASCII letters only.
    """
    column = INCIDENTS.c.place
    spellings = sorted({*place.spellings, place.name})
    lowered = sorted({s.lower() for s in spellings})
    whole = [column.in_(spellings), func.lower(column).in_(lowered)]
    if len(place.name) < 5:
        return or_(*whole)
    return or_(*whole, column.ilike(f"%{_escape_like(place.name)}%", escape="\\"))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def count_incidents(session: Session, selection: IncidentFilter, access: Access = Access.PUBLIC) -> int:
    """How many incidents the selection holds: from the tallies when they answer it, else from the incidents."""
    level = tally_level(selection)
    if level is not None:
        total = func.coalesce(func.sum(TALLIES.c.incidents), 0)
        statement = apply_filter(select(total), selection, access, TALLIES).where(TALLIES.c.level == level)
    else:
        statement = apply_filter(select(func.count()).select_from(INCIDENTS), selection, access)
    return int(session.execute(statement).scalar_one())


def iter_incidents(
    session: Session,
    selection: IncidentFilter,
    access: Access = Access.PUBLIC,
    batch_size: int = 2000,
) -> Iterator[Incident]:
    """Incidents in date then id order, streamed in batches (sources fetched per batch)."""
    statement = apply_filter(select(*_INCIDENT), selection, access).order_by(INCIDENTS.c.date, INCIDENTS.c.id)
    result = session.execute(statement.execution_options(yield_per=batch_size))
    for batch in result.partitions():
        for incident in _incidents(session, batch):
            yield incident if access is Access.INTERNAL else incident.public()


def incident_ids(session: Session, selection: IncidentFilter, access: Access = Access.PUBLIC) -> list[str]:
    """The ids of the selection in date order, without loading the incidents."""
    statement = apply_filter(select(INCIDENTS.c.id), selection, access).order_by(INCIDENTS.c.date, INCIDENTS.c.id)
    return list(session.scalars(statement))


def get_incident(session: Session, incident_id: str, access: Access = Access.PUBLIC) -> Incident | None:
    statement = apply_filter(select(*_INCIDENT), IncidentFilter(), access).where(INCIDENTS.c.id == incident_id)
    found = _incidents(session, session.execute(statement).all())
    if not found:
        return None
    return found[0] if access is Access.INTERNAL else found[0].public()


def _incidents(session: Session, rows: Sequence[Sequence[Any]]) -> list[Incident]:
    """Incidents of rows that begin with the ``_INCIDENT`` columns, with their sources."""
    sources = _sources_for(session, [row[FORM_ID] for row in rows])
    width = len(_INCIDENT)
    return [incident_from_columns(row[:width], sources.get(row[FORM_ID], [])) for row in rows]


def _sources_for(session: Session, ids: list[str]) -> dict[str, list[Source]]:
    found: dict[str, list[Source]] = defaultdict(list)
    if ids:
        statement = select(*_SOURCE).where(SOURCES.c.incident_id.in_(ids))
        for incident_id, *values in session.execute(statement.order_by(SOURCES.c.incident_id, SOURCES.c.position)):
            found[incident_id].append(Source(*values))
    return found


def counts_by(session: Session, column: str, selection: IncidentFilter, access: Access) -> dict[Any, int]:
    """Number of incidents per value of one column (used by the summary and, later, the analysis)."""
    key = INCIDENTS.c[column]
    statement = apply_filter(select(key, func.count()).select_from(INCIDENTS), selection, access).group_by(key)
    return {value: int(count) for value, count in session.execute(statement).all()}


# Columns the public may sort by; a column that can be blank sorts as if blank were the smallest value.
SORTABLE = {
    "id": None,
    "date": None,
    "kind": None,
    "type": None,
    "perpetrator": None,
    "attribution": None,
    "status": None,
    "grade": None,
    "counted": None,
    "place": "",
    "region": "",
    "admin1": "",
    "admin2": "",
    "geo_precision": "",
    "target": "",
    "military_killed": -1,
    "military_injured": -1,
    "civilian_killed": -1,
    "civilian_injured": -1,
    "perpetrators_killed": -1,
    "arrests": -1,
    "killed": -1,  # military and civilian together (TOTALS); blank when neither is reported
    "injured": -1,
}
TOTALS = {"killed": ("military_killed", "civilian_killed"), "injured": ("military_injured", "civilian_injured")}


def sort_value_type(sort: str) -> type:
    """The Python type of a sort column's values (a page cursor's key must have it to be compared)."""
    return int if sort in TOTALS else INCIDENTS.c[sort].type.python_type


def _sort_key(sort: str) -> ColumnElement[Any]:
    if sort in TOTALS:
        first, second = (INCIDENTS.c[name] for name in TOTALS[sort])
        total = func.coalesce(first, 0) + func.coalesce(second, 0)
        return case((and_(first.is_(None), second.is_(None)), SORTABLE[sort]), else_=total)
    blank = SORTABLE[sort]
    return INCIDENTS.c[sort] if blank is None else func.coalesce(INCIDENTS.c[sort], blank)


@dataclass(frozen=True)
class IncidentPage:
    """One page of incidents and the keys to page on from it, forwards and back."""

    incidents: list[Incident]
    next_key: tuple[Any, str] | None  # continue after this key for the next page (None on the last page)
    previous_key: tuple[Any, str] | None  # the page before ends before this key (None on the first page)


def page_of_incidents(
    session: Session,
    selection: IncidentFilter,
    access: Access,
    sort: str = "date",
    descending: bool = False,
    limit: int = 100,
    after: tuple[Any, str] | None = None,
    backwards: bool = False,
    offset: int = 0,
) -> IncidentPage:
    """One page in (sort column, id) order, continuing after ``after`` (or, ``backwards``, the page that ends
    before it); keyset paging stays fast at any depth, in both directions. ``offset`` skips rows instead, for
    numbered pages of short lists (the desk's review queue)."""
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort by {sort}; choose from {', '.join(SORTABLE)}")
    key = _sort_key(sort)
    reading_down = descending != backwards  # backwards reads the order upside down, then turns the page over
    ordering = (key.desc(), INCIDENTS.c.id.desc()) if reading_down else (key, INCIDENTS.c.id)
    statement = apply_filter(select(*_INCIDENT, key.label("sort_key")), selection, access)
    if after is not None:
        position = tuple_(key, INCIDENTS.c.id)
        statement = statement.where(position < tuple_(*after) if reading_down else position > tuple_(*after))
    rows = list(session.execute(statement.order_by(*ordering).offset(offset).limit(limit + 1)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    if backwards:
        rows.reverse()
    incidents = _incidents(session, rows)
    if access is not Access.INTERNAL:
        incidents = [incident.public() for incident in incidents]
    has_next, has_previous = (after is not None, more) if backwards else (more, after is not None)
    next_key = (rows[-1].sort_key, rows[-1][FORM_ID]) if has_next and rows else None
    previous_key = (rows[0].sort_key, rows[0][FORM_ID]) if has_previous and rows else None
    return IncidentPage(incidents, next_key, previous_key)


def latest_date(session: Session, access: Access = Access.PUBLIC) -> dt.date | None:
    """The date of the newest incident the reader may see (the map opens on its year)."""
    statement = apply_filter(select(func.max(INCIDENTS.c.date)).select_from(INCIDENTS), IncidentFilter(), access)
    latest: dt.date | None = session.execute(statement).scalar_one_or_none()
    return latest


def data_version(session: Session) -> int:
    """A number that grows with every change to any incident (the newest revision's id).

    Figures cached under it stay right: every write goes through the incident store, which records a revision.
    """
    return int(session.execute(select(func.max(REVISIONS.c.id))).scalar() or 0)


def incident_version(session: Session, incident_id: str) -> int | None:
    """The stored version of an incident (it grows with every change): what optimistic locking compares."""
    version = session.execute(select(INCIDENTS.c.version).where(INCIDENTS.c.id == incident_id)).scalar()
    return int(version) if version is not None else None


def incidents_near(
    session: Session,
    kind: str,
    date_from: dt.date,
    date_to: dt.date,
    latitude: float,
    longitude: float,
    km: float,
) -> list[Incident]:
    """Incidents of ``kind`` between the dates inside a box of ``km`` around a point (any status)."""
    c = INCIDENTS.c
    dlat = km / 110.574
    dlon = km / (111.32 * max(0.01, math.cos(math.radians(latitude))))
    statement = (
        select(*_INCIDENT)
        .where(c.kind == kind, c.date.between(date_from, date_to))
        .where(c.latitude.between(latitude - dlat, latitude + dlat))
        .where(c.longitude.between(longitude - dlon, longitude + dlon))
        .order_by(c.date, c.id)
        .limit(50)
    )
    return _incidents(session, session.execute(statement).all())


def merged_into(session: Session, incident_id: str) -> str | None:
    """The incident a merged duplicate now lives in (None if it was not merged)."""
    target: str | None = session.execute(select(INCIDENTS.c.merged_into).where(INCIDENTS.c.id == incident_id)).scalar()
    return target


def count_synthetic(session: Session, access: Access = Access.PUBLIC) -> int:
    """How many incidents are invented (`marsad demo`, fixtures): tagged synthetic or resting on a synthetic source.

    The same rule as ``Incident.synthetic``, in SQL, so a site can say so without loading its records.
    """
    c = INCIDENTS.c
    tagged = or_(
        c.tags == SYNTHETIC,
        c.tags.like(f"{SYNTHETIC}|%"),
        c.tags.like(f"%|{SYNTHETIC}"),
        c.tags.like(f"%|{SYNTHETIC}|%"),
    )
    sourced = (
        select(SOURCES.c.incident_id).where(SOURCES.c.incident_id == c.id, SOURCES.c.source_type == SYNTHETIC).exists()
    )
    statement = apply_filter(select(func.count()).select_from(INCIDENTS), IncidentFilter(), access)
    return int(session.execute(statement.where(or_(tagged, sourced))).scalar_one())
