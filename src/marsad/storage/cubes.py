"""Tables aggregated in advance: what the public figures and the map read instead of a million incidents.

``tallies`` holds counts and sums per month and public field, ``squares`` the located incidents per map square at
a few zoom levels. Every row is a GROUP BY of the incidents and nothing else, kept in step by the one write path:
new incidents are added to their groups (``add``), a changed incident's groups before and after are counted
again from the incidents (``groups_of`` then ``recount``), a change to many at once rebuilds them (``rebuild``).
Status is part of every key, so access narrows them exactly as it narrows the incidents. Readers use them only
for a selection they answer exactly (``tally_level``, ``square_level``): whole months, fields they are keyed by.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    ARRAY,
    Column,
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    cast,
    delete,
    func,
    literal,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import visitors

from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import COUNT_FIELDS, RANGE_FIELDS
from marsad.storage.engine import is_postgresql
from marsad.storage.tables import INCIDENTS, SQUARES, TALLIES

# What a tally sums: each count's best estimate, and the low and high of each casualty count, a blank bound
# being the best estimate (domain.ranges.effective_range's rule, applied in SQL so no incident is loaded).
MEASURES: dict[str, ColumnElement[Any]] = {
    **{name: INCIDENTS.c[name] for name in COUNT_FIELDS},
    **{
        bound: func.coalesce(INCIDENTS.c[bound], INCIDENTS.c[name])
        for name, bounds in RANGE_FIELDS.items()
        for bound in bounds
    },
}
KILLED = func.coalesce(INCIDENTS.c.military_killed, 0) + func.coalesce(INCIDENTS.c.civilian_killed, 0)
SQUARE_LEVELS = (6, 8, 10, 12)  # zoom levels kept; a zoom reads the level at or just finer than its own
BLANK = ""  # a blank region or target in a key column
# Tallies come at two levels: 0 by kind, region and actor alone (a few rows a month, for the totals every page
# shows), 1 by every public field below. Each level's filter fields (beside status, counted and whole months,
# which every level has) and the fields it can group by:
TALLY_LEVELS = {
    0: (
        frozenset({"kinds", "regions", "perpetrators"}),
        frozenset({"status", "counted", "kind", "region", "perpetrator"}),
    ),
    1: (
        frozenset({"kinds", "regions", "types", "perpetrators", "attributions", "grades", "confirmed"}),
        frozenset({"status", "counted", "kind", "region", "perpetrator", "type", "attribution", "target", "grade"}),
    ),
}
SQUARE_FILTERS = frozenset({"kinds", "perpetrators"})
_DETAILED = ("type", "attribution", "target", "grade")  # blank at level 0
_NARROWING = ("kinds", "regions", "types", "perpetrators", "attributions", "grades", "confirmed", "with_casualties")
# What each of those holds when it narrows nothing: confirmed=False narrows (graded other than confirmed), so a
# falsy value is not "unset".
_UNSET = {f.name: f.default for f in dataclasses.fields(IncidentFilter) if f.name in _NARROWING}


def cell_degrees(zoom: int) -> float:
    """The side of a map square at ``zoom``: four across a 256-pixel tile."""
    return 360 / float(2**zoom * 4)


def grid_keys(postgres: bool, zoom: int) -> list[ColumnElement[int]]:
    """The numbers of an incident's map square at ``zoom``, counted from (-180, -90) so they are never negative
    (SQLite truncates a positive CAST, PostgreSQL has floor())."""
    c, side = INCIDENTS.c, cell_degrees(zoom)
    shifted = [(c.longitude + 180) / side, (c.latitude + 90) / side]
    return [cast(func.floor(x), Integer) if postgres else cast(x, Integer) for x in shifted]


def tally_level(selection: IncidentFilter, group_by: Collection[str] = ()) -> int | None:
    """The coarsest level of tallies that answers ``selection`` grouped by ``group_by`` exactly (None: none does,
    count the incidents)."""
    return next(
        (
            level
            for level, (keyed, groups) in TALLY_LEVELS.items()
            if _fits(selection, keyed) and groups >= set(group_by)
        ),
        None,
    )


def square_level(selection: IncidentFilter, zoom: int) -> int | None:
    """The level of squares a map at ``zoom`` reads: at or just finer than its own (None: count the incidents)."""
    if not _fits(selection, SQUARE_FILTERS):
        return None
    return next((level for level in SQUARE_LEVELS if level >= zoom), None)


def _fits(selection: IncidentFilter, keyed_by: Collection[str]) -> bool:
    """True when a table keyed by these filter fields answers ``selection`` exactly: no words searched, and
    dates that start and end on whole months."""
    if selection.text or any(getattr(selection, name) != _UNSET[name] for name in _NARROWING if name not in keyed_by):
        return False
    starts = selection.date_from is None or selection.date_from.day == 1
    end = selection.date_to
    return starts and (end is None or end.day == calendar.monthrange(end.year, end.month)[1])


@dataclass(frozen=True)
class _Cube:
    """One aggregated table as a GROUP BY of the incidents: its key columns' and value columns' expressions."""

    table: Any
    level: int
    keys: Mapping[str, ColumnElement[Any]]
    values: Mapping[str, ColumnElement[Any]]
    added: tuple[str, ...]  # what adding incidents to a group adds up; the rest are minimums (first values on add)
    located_only: bool

    def grouped(self, *conditions: ColumnElement[bool]) -> Select[Any]:
        where = [*conditions, INCIDENTS.c.latitude.is_not(None)] if self.located_only else list(conditions)
        statement = select(*self.keys.values(), *self.values.values()).select_from(INCIDENTS).where(*where)
        return statement.group_by(*self.keys.values())

    def insert(self, statement: Select[Any], postgres: bool) -> Any:
        dialect = postgresql if postgres else sqlite
        return dialect.insert(self.table).from_select([*self.keys, *self.values], statement)


@cache  # the same expressions for every write: built once per dialect, not on each add, recount and rebuild
def _cubes(postgres: bool) -> tuple[_Cube, ...]:
    c = INCIDENTS.c
    month = (
        cast(func.date_trunc("month", c.date), Date) if postgres else func.date(c.date, "start of month", type_=Date)
    )
    tallies = [
        _Cube(
            TALLIES,
            level,
            {
                "level": literal(level, Integer),
                "status": c.status,
                "counted": c.counted,
                "kind": c.kind,
                "month": month,
                "region": func.coalesce(c.region, BLANK),
                "perpetrator": c.perpetrator,
                **{
                    name: literal(BLANK)
                    if level == 0
                    else func.coalesce(c[name], BLANK)
                    if name == "target"
                    else c[name]
                    for name in _DETAILED
                },
            },
            {
                "incidents": func.count(),
                "located": func.count(c.latitude),
                **{name: func.coalesce(func.sum(measure), 0) for name, measure in MEASURES.items()},
            },
            ("incidents", "located", *MEASURES),
            located_only=False,
        )
        for level in TALLY_LEVELS
    ]
    squares = [
        _Cube(
            SQUARES,
            level,
            {
                "level": literal(level, Integer),
                "status": c.status,
                "counted": c.counted,
                "kind": c.kind,
                "x": grid_keys(postgres, level)[0],
                "y": grid_keys(postgres, level)[1],
                "month": month,
                "perpetrator": c.perpetrator,
            },
            {
                "incidents": func.count(),
                "latitude": func.sum(c.latitude),
                "longitude": func.sum(c.longitude),
                "killed": func.sum(KILLED),
                "first_id": func.min(c.id),
                "type": func.min(c.type),
                "geo_precision": func.min(c.geo_precision),
            },
            ("incidents", "latitude", "longitude", "killed"),
            located_only=True,
        )
        for level in SQUARE_LEVELS
    ]
    return (*tallies, *squares)


FIELDS_READ = frozenset(
    element.name
    for cube in _cubes(postgres=False)
    for expression in (*cube.keys.values(), *cube.values.values(), INCIDENTS.c.latitude)
    for element in visitors.iterate(expression)
    if isinstance(element, Column) and element.table is INCIDENTS
)  # an incident's change of any other field leaves every aggregated row as it was


def rebuild(session: Session) -> None:
    """Every aggregated row counted again from the incidents (after a change to many incidents at once).

    Only the finest level of each table scans the incidents; each coarser level is grouped from the rows of
    the level just finer, a fraction as many (of 1,000,000 incidents, six scans were the largest step of an
    import). Its groups are unions of the finer groups, so the counts and sums are the same, and so are the
    map squares: a square's number at one level is its number two levels finer divided by 4, exactly, since
    the sides are halved in binary."""
    postgres = is_postgresql(session)
    session.execute(delete(TALLIES))
    session.execute(delete(SQUARES))
    cubes = _cubes(postgres)
    tallies, squares = cubes[: len(TALLY_LEVELS)], cubes[len(TALLY_LEVELS) :]
    for finest in (tallies[-1], squares[-1]):
        session.execute(finest.insert(finest.grouped(), postgres))
    session.execute(_coarsened(tallies[-1], tallies[0], {name: literal(BLANK) for name in _DETAILED}, postgres))
    for finer, coarser in zip(squares[:0:-1], squares[-2::-1], strict=True):
        factor = 2 ** (finer.level - coarser.level)
        grid = {name: SQUARES.c[name] // factor for name in ("x", "y")}
        session.execute(_coarsened(finer, coarser, grid, postgres))


def _coarsened(finer: _Cube, coarser: _Cube, keys: Mapping[str, ColumnElement[Any]], postgres: bool) -> Any:
    """``coarser``'s rows grouped from ``finer``'s rows of the same table; ``keys`` gives the key columns that
    change (the rest are the finer rows' own). What a group adds up is summed, the rest is a minimum."""
    stored = finer.table.c
    grouped = {name: keys.get(name, stored[name]) for name in coarser.keys if name != "level"}
    values = [func.sum(stored[name]) if name in coarser.added else func.min(stored[name]) for name in coarser.values]
    statement = (
        select(literal(coarser.level, Integer), *grouped.values(), *values)
        .where(stored.level == finer.level)
        .group_by(*grouped.values())
    )
    return coarser.insert(statement, postgres)


def _among(ids: Sequence[str], postgres: bool) -> ColumnElement[bool]:
    """The incidents ``ids``, bound as one parameter: binding 2,000 parameters costs more than reading the rows."""
    if postgres:
        return INCIDENTS.c.id == any_(bindparam("ids", list(ids), type_=ARRAY(String)))
    listed = func.json_each(json.dumps(list(ids))).table_valued("value")
    return INCIDENTS.c.id.in_(select(listed.c.value))


def add(session: Session, ids: Sequence[str]) -> None:
    """New incidents (already written) added to their groups: one statement per table and level per batch."""
    if not ids:
        return
    postgres = is_postgresql(session)
    for cube in _cubes(postgres):
        statement = cube.insert(cube.grouped(_among(ids, postgres)), postgres)
        excluded = statement.excluded
        sums = {name: cube.table.c[name] + excluded[name] for name in cube.added}
        session.execute(statement.on_conflict_do_update(index_elements=list(cube.keys), set_=sums))


Group = tuple[int, tuple[Any, ...]]  # (which cube, its key values)


def groups_of(session: Session, ids: Iterable[str]) -> set[Group]:
    """The aggregated rows the incidents ``ids`` are counted in, as they are stored now."""
    postgres, wanted = is_postgresql(session), list(ids)
    found: set[Group] = set()
    for number, cube in enumerate(_cubes(postgres)):
        where = [_among(wanted, postgres)]
        if cube.located_only:
            where.append(INCIDENTS.c.latitude.is_not(None))
        found.update((number, tuple(row)) for row in session.execute(select(*cube.keys.values()).where(*where)))
    return found


def recount(session: Session, groups: Iterable[Group]) -> None:
    """The aggregated rows of ``groups`` counted again from the incidents (after a change to a few)."""
    postgres = is_postgresql(session)
    cubes = _cubes(postgres)
    for number, key in sorted(groups, key=lambda group: (group[0], repr(group[1]))):
        cube = cubes[number]
        values = dict(zip(cube.keys, key, strict=True))
        stored = cube.table.c
        session.execute(delete(cube.table).where(and_(*(stored[name] == value for name, value in values.items()))))
        month: dt.date = values["month"]
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        matching = [expression == values[name] for name, expression in cube.keys.items() if name != "level"]
        session.execute(cube.insert(cube.grouped(INCIDENTS.c.date.between(month, last), *matching), postgres))
