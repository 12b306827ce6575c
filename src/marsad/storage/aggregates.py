"""Counts and sums of incidents, grouped by month and by any columns, computed in the database.

Statistics never load incidents into Python: they ask for these groups. Month bucketing is the one
dialect difference here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.storage.cubes import (
    BLANK,
    KILLED,
    cell_degrees,
    grid_keys,
    square_level,
    tally_level,
)
from marsad.storage.cubes import (
    MEASURES as MEASURES,
)
from marsad.storage.engine import is_postgresql
from marsad.storage.queries import apply_filter
from marsad.storage.tables import INCIDENTS, SQUARES, TALLIES

GROUPABLE = frozenset(
    {
        "region",
        "perpetrator",
        "type",
        "attribution",
        "target",
        "conducted_by",
        "kind",
        "exclusion_reason",
        "place",
        "admin1",
        "admin2",
        "status",
        "grade",
        "counted",
    }
)


@dataclass(frozen=True)
class Tally:
    """How many incidents, and the sums of their casualty and arrest counts (blank counts as 0) and of the
    casualty counts' low and high estimates (``civilian_killed_low``)."""

    count: int
    sums: dict[str, int]

    def __getitem__(self, measure: str) -> int:
        return self.sums[measure]


EMPTY = Tally(0, dict.fromkeys(MEASURES, 0))
# Each measure's sum, over the incidents and over the tallies, built once: a statistics answer asks for dozens.
_SUMS = {
    INCIDENTS.name: {name: func.coalesce(func.sum(measure), 0) for name, measure in MEASURES.items()},
    TALLIES.name: {name: func.coalesce(func.sum(TALLIES.c[name]), 0) for name in MEASURES},
}


def month_of(session: Session, day: ColumnElement[Any] = INCIDENTS.c.date) -> ColumnElement[str]:
    """``YYYY-MM`` of ``day`` (the incident date by default), in the session's SQL dialect."""
    if is_postgresql(session):
        return func.to_char(day, "YYYY-MM")
    return func.strftime("%Y-%m", day)


def tally(
    session: Session,
    selection: IncidentFilter,
    access: Access,
    group_by: Sequence[str] = (),
    by_month: bool = False,
    measures: Sequence[str] = tuple(MEASURES),
) -> dict[tuple[Any, ...], Tally]:
    """Tallies keyed by (month, *group values) or (*group values); ``()`` is the key of an ungrouped tally.

    Only the ``measures`` named are summed (all by default): the database works out each sum incident by
    incident, so a month's breakdown of 12,000 attacks is counted in a third of the time without them. Read
    from the tallies table when it answers the selection and the grouping, else from the incidents."""
    unknown = [g for g in group_by if g not in GROUPABLE]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)}; choose from {', '.join(sorted(GROUPABLE))}")
    keys: list[ColumnElement[Any]] = []
    level = tally_level(selection, group_by)
    if level is not None:
        table, t = TALLIES, TALLIES.c
        if by_month:
            keys.append(month_of(session, t.month))
        keys.extend(func.nullif(t[g], BLANK) if g in ("region", "target") else t[g] for g in group_by)
        figures: list[ColumnElement[Any]] = [
            func.sum(t.incidents),
            *(_SUMS[TALLIES.name][m] for m in measures),
        ]
    else:
        table = INCIDENTS
        keys.extend([month_of(session)] if by_month else [])
        keys.extend(INCIDENTS.c[g] for g in group_by)
        figures = [func.count(), *(_SUMS[INCIDENTS.name][m] for m in measures)]
    statement = apply_filter(select(*keys, *figures).select_from(table), selection, access, table)
    if level is not None:
        statement = statement.where(TALLIES.c.level == level)
    if keys:
        statement = statement.group_by(*keys)
    result: dict[tuple[Any, ...], Tally] = {}
    width = len(keys)
    for row in session.execute(statement):
        count = int(row[width] or 0)
        if count:
            sums = {m: int(v) for m, v in zip(measures, row[width + 1 :], strict=True)}
            result[tuple(row[:width])] = Tally(count, sums)
    return result


def selection_totals(session: Session, selection: IncidentFilter, access: Access) -> tuple[int, int, int]:
    """How many incidents the selection holds, how many killed (military and civilian) and how many are located
    (have coordinates, so are on the map): what the map says of the whole selection, in one pass over it."""
    level = tally_level(selection)
    if level is not None:
        t = TALLIES.c
        figures = [
            func.sum(t.incidents),
            func.sum(t.military_killed) + func.sum(t.civilian_killed),
            func.sum(t.located),
        ]
        statement = apply_filter(select(*figures), selection, access, TALLIES).where(t.level == level)
    else:
        c = INCIDENTS.c
        killed = func.coalesce(func.sum(c.military_killed), 0) + func.coalesce(func.sum(c.civilian_killed), 0)
        figures = [func.count(), killed, func.count(c.latitude)]
        statement = apply_filter(select(*figures).select_from(INCIDENTS), selection, access)
    count, dead, located = session.execute(statement).one()
    return int(count or 0), int(dead or 0), int(located or 0)


def monthly_counts(
    session: Session, selection: IncidentFilter, access: Access, column: str
) -> dict[str | None, dict[str, int]]:
    """Incidents per value of ``column`` and month (``YYYY-MM``), for whole-history series.

    Read from the tallies when they answer the selection (a few thousand rows since the dataset began, where the
    incidents are a million). Else grouped by day in SQL and folded into months here: an index ending in (date,
    column) then answers the query on its own, in order, which keeps records "since the dataset began" fast.
    """
    if column not in GROUPABLE:
        raise ValueError(f"cannot group by {column}; choose from {', '.join(sorted(GROUPABLE))}")
    if tally_level(selection, (column,)) is not None:
        tallied: dict[str | None, dict[str, int]] = defaultdict(dict)
        for (month, value), counted in tally(session, selection, access, (column,), True, measures=()).items():
            tallied[value][month] = counted.count
        return dict(tallied)
    key = INCIDENTS.c[column]
    day = cast(INCIDENTS.c.date, String)  # 'YYYY-MM-DD' on both databases: no date objects to build per row
    statement = apply_filter(select(day, key, func.count()).select_from(INCIDENTS), selection, access)
    series: dict[str | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for iso_day, value, count in session.execute(statement.group_by(INCIDENTS.c.date, key)):
        series[value][iso_day[:7]] += count
    return {value: dict(months) for value, months in series.items()}


def first_month(session: Session, selection: IncidentFilter, access: Access) -> str | None:
    """``YYYY-MM`` of the earliest incident the selection holds, or None if it is empty."""
    statement = apply_filter(select(func.min(INCIDENTS.c.date)).select_from(INCIDENTS), selection, access)
    earliest = session.execute(statement).scalar_one_or_none()
    return f"{earliest.year:04d}-{earliest.month:02d}" if earliest else None


@dataclass(frozen=True)
class GridCell:
    """Incidents in one square of a map grid: how many, where their centre is, who did them, the toll."""

    count: int
    latitude: float
    longitude: float
    incident_id: str | None  # when the square holds one incident
    perpetrators: tuple[tuple[str, int], ...]  # (actor, incidents), most first
    killed: int  # military and civilian, blanks as 0
    type: str | None = None  # when the square holds one incident: its type and how precisely it is located
    geo_precision: str | None = None

    @property
    def perpetrator(self) -> str:
        """The actor with most incidents in the square."""
        return self.perpetrators[0][0]


def grid_cells(
    session: Session,
    selection: IncidentFilter,
    access: Access,
    zoom: int,
    bbox: tuple[float, float, float, float] | None = None,
) -> list[GridCell]:
    """Located incidents counted per map square at ``zoom`` (server-side clustering for the map).

    ``bbox`` (west, south, east, north) names the squares it meets, each counted whole: a square at the edge of
    the view holds as many incidents whichever way the view is panned. Read from the squares table when it
    answers the selection and the zoom, else from the incidents.
    """
    level = square_level(selection, zoom)
    if level is not None:
        s, shift = SQUARES.c, 2 ** (level - zoom)
        keys: list[ColumnElement[Any]] = [s.x // shift if shift > 1 else s.x, s.y // shift if shift > 1 else s.y]
        summed: tuple[ColumnElement[Any], ...] = (s.incidents, s.latitude, s.longitude, s.killed)
        columns = [s.perpetrator, *map(func.sum, summed), *map(func.min, (s.first_id, s.type, s.geo_precision))]
        statement = apply_filter(select(*keys, *columns), selection, access, SQUARES).where(s.level == level)
        located: list[ColumnElement[Any]] = [s.x, s.y]
    else:
        c, shift = INCIDENTS.c, 1
        keys = located = list(grid_keys(is_postgresql(session), zoom))
        summed = (c.latitude, c.longitude, KILLED)
        columns = [c.perpetrator, func.count(), *map(func.sum, summed), *map(func.min, (c.id, c.type, c.geo_precision))]
        statement = apply_filter(select(*keys, *columns).select_from(INCIDENTS), selection, access)
        statement = statement.where(c.latitude.is_not(None))
    if bbox is not None:
        west, south, east, north = bbox
        side = cell_degrees(zoom)
        for key, low, high, offset in ((located[0], west, east, 180), (located[1], south, north, 90)):
            first, last = (math.floor((edge + offset) / side) for edge in (low, high))
            statement = statement.where(key.between(first * shift, (last + 1) * shift - 1))
    squares: dict[tuple[Any, Any], _Square] = {}
    for x, y, perpetrator, count, lat_sum, lon_sum, dead, first_id, kind_of, precision in session.execute(
        statement.group_by(*keys, columns[0])
    ):
        square = squares.setdefault((x, y), _Square(first_id, kind_of, precision))
        square.add(perpetrator, int(count), float(lat_sum), float(lon_sum), int(dead or 0), first_id)
    return [squares[key].cell() for key in sorted(squares)]  # west to east, then south to north


class _Square:
    """One grid square while its per-perpetrator rows are added up."""

    def __init__(self, first_id: str, kind_of: str | None, precision: str | None) -> None:
        self.first_id, self.kind_of, self.precision = first_id, kind_of, precision
        self.count, self.lat_sum, self.lon_sum, self.killed = 0, 0.0, 0.0, 0
        self.by_actor: list[tuple[str, int]] = []

    def add(self, actor: str, count: int, lat_sum: float, lon_sum: float, dead: int, first_id: str) -> None:
        self.count += count
        self.lat_sum += lat_sum
        self.lon_sum += lon_sum
        self.killed += dead
        self.first_id = min(self.first_id, first_id)
        self.by_actor.append((actor, count))

    def cell(self) -> GridCell:
        actors = tuple(sorted(self.by_actor, key=lambda pair: (-pair[1], pair[0])))
        n = self.count
        if n > 1:
            return GridCell(n, round(self.lat_sum / n, 5), round(self.lon_sum / n, 5), None, actors, self.killed)
        return GridCell(1, self.lat_sum, self.lon_sum, self.first_id, actors, self.killed, self.kind_of, self.precision)
