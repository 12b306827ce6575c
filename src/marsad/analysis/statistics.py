"""A month's figures for the monthly report, computed in the database and compared with the past.

Totals and regions are compared with every month since the dataset began (records, streaks); the other
breakdowns (perpetrator, type, attribution, target) with the previous month and the same month a year
earlier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from marsad.analysis.changes import Figure, figure
from marsad.analysis.months import Month, month_range
from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import CASUALTY_FIELDS
from marsad.storage.aggregates import EMPTY, Tally, first_month, tally

BREAKDOWNS = ("perpetrator", "type", "attribution", "target")


@dataclass(frozen=True)
class Scope:
    """Which incidents a report is about and how its sentences name them.

    A report on ISIS alone sets ``perpetrators=("isis",)`` and ``noun="ISIS sleeper cell attacks"``.
    """

    perpetrators: tuple[str, ...] = ()
    noun: str = "attacks"
    area: str = "NES"

    def attacks(self, **narrowing: object) -> IncidentFilter:
        return IncidentFilter(kinds=("attack",), perpetrators=self.perpetrators).narrow(**narrowing)

    def raids(self, **narrowing: object) -> IncidentFilter:
        return IncidentFilter(kinds=("raid",), perpetrators=self.perpetrators).narrow(**narrowing)


@dataclass(frozen=True)
class Casualties:
    military_killed: int = 0
    military_injured: int = 0
    civilian_killed: int = 0
    civilian_injured: int = 0
    perpetrators_killed: int = 0

    @classmethod
    def of(cls, tallied: Tally) -> Casualties:
        return cls(**{name: tallied[name] for name in CASUALTY_FIELDS})


@dataclass(frozen=True)
class NotCounted:
    region: str | None
    reason: str | None
    count: int


@dataclass(frozen=True)
class MonthStats:
    month: Month
    first: Month | None  # the month the dataset begins
    scope: Scope
    attacks: Figure
    by_region: dict[str, Figure]
    breakdowns: dict[str, dict[str, Figure]]  # "perpetrator" | "type" | "attribution" | "target" -> key -> figure
    claimed_by: dict[str, Figure]  # actor -> attacks it claimed
    places: list[tuple[str, str | None, int]]  # (place as recorded, region, attacks), most first
    casualties: Casualties
    casualties_previous: Casualties | None
    raids: Figure
    raids_by_region: dict[str, Figure]
    raids_by_force: dict[str, int]
    arrests: Figure
    suspects_killed: int
    not_counted: list[NotCounted] = field(default_factory=list)
    trend_months: list[Month] = field(default_factory=list)  # the 12 months ending with ``month``
    trend_by_region: dict[str | None, list[int]] = field(default_factory=dict)  # attacks per month, by region


def month_stats(session: Session, month: Month, scope: Scope, access: Access = Access.PUBLIC) -> MonthStats:
    """Everything the monthly report states about ``month``."""
    until = month.last_day
    start = first_month(session, IncidentFilter(date_to=until), access)
    first = Month.parse(start) if start else None
    window = month.year_earlier().first_day

    attacks = _by_month(tally(session, scope.attacks(counted=True, date_to=until), access, ("region",), True))
    total_series = _totals(attacks)
    attacks_total = figure({m: t.count for m, t in total_series.items()}, month, first)

    breakdowns = {}
    for column in BREAKDOWNS:
        rows = tally(session, scope.attacks(counted=True, date_from=window, date_to=until), access, (column,), True)
        breakdowns[column] = _figures(_by_month(rows), month, first, attacks_total.count, month.year_earlier())
    claimed = tally(
        session,
        scope.attacks(counted=True, attributions=("claimed",), date_from=window, date_to=until),
        access,
        ("perpetrator",),
        True,
    )
    this_month = scope.attacks(counted=True, date_from=month.first_day, date_to=until)
    places = tally(session, this_month, access, ("place", "region"))

    raids = _by_month(tally(session, scope.raids(counted=True, date_to=until), access, ("region",), True))
    raid_totals = _totals(raids)
    forces = tally(
        session, scope.raids(counted=True, date_from=month.first_day, date_to=until), access, ("conducted_by",)
    )
    excluded = tally(
        session,
        scope.attacks(counted=False, date_from=month.first_day, date_to=until),
        access,
        ("region", "exclusion_reason"),
    )
    previous_casualties = total_series.get(month.previous())
    trend_months = month_range(max(month.shift(-11), first or month), month)
    raids_total = figure({m: t.count for m, t in raid_totals.items()}, month, first)
    return MonthStats(
        month=month,
        first=first,
        scope=scope,
        attacks=attacks_total,
        by_region=_figures(attacks, month, first, attacks_total.count),
        breakdowns=breakdowns,
        claimed_by=_figures(_by_month(claimed), month, first, None, month.year_earlier()),
        places=sorted(((p, r, t.count) for (p, r), t in places.items() if p), key=lambda x: (-x[2], x[0])),
        casualties=Casualties.of(total_series.get(month, EMPTY)),
        casualties_previous=Casualties.of(previous_casualties or EMPTY) if first and month > first else None,
        raids=raids_total,
        raids_by_region=_figures(raids, month, first, raids_total.count),
        raids_by_force={force: t.count for (force,), t in forces.items() if force},
        arrests=figure({m: t["arrests"] for m, t in raid_totals.items()}, month, first),
        suspects_killed=raid_totals.get(month, EMPTY)["perpetrators_killed"],
        trend_months=trend_months,
        trend_by_region={r: [series.get(m, EMPTY).count for m in trend_months] for r, series in attacks.items()},
        not_counted=[
            NotCounted(region, reason, t.count)
            for (region, reason), t in sorted(excluded.items(), key=lambda item: (-item[1].count, str(item[0])))
        ],
    )


def _by_month(rows: Mapping[tuple[object, ...], Tally]) -> dict[str | None, dict[Month, Tally]]:
    """{(month, key): tally} -> {key: {Month: tally}}."""
    out: dict[str | None, dict[Month, Tally]] = defaultdict(dict)
    for (month_key, key), tallied in rows.items():
        out[key if key is None else str(key)][Month.parse(str(month_key))] = tallied
    return dict(out)


def _totals(series: Mapping[str | None, Mapping[Month, Tally]]) -> dict[Month, Tally]:
    """All keys of a breakdown added up, month by month."""
    totals: dict[Month, Tally] = {}
    for by_month in series.values():
        for month, tallied in by_month.items():
            before = totals.get(month, EMPTY)
            sums = {name: before.sums[name] + tallied.sums[name] for name in before.sums}
            totals[month] = Tally(before.count + tallied.count, sums)
    return totals


def _figures(
    series: Mapping[str | None, Mapping[Month, Tally]],
    month: Month,
    first: Month | None,
    total: int | None,
    history_from: Month | None = None,
) -> dict[str, Figure]:
    """A figure per key (a None key — no region, no value — counts in totals, not as a line of its own)."""
    return {
        key: figure({m: t.count for m, t in by_month.items()}, month, first, total, history_from)
        for key, by_month in series.items()
        if key is not None
    }
