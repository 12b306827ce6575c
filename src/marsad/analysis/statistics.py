"""A month's figures for the monthly report, computed in the database and compared with the past.

Totals and regions are compared with every month since the dataset began (records, streaks); the other
breakdowns (perpetrator, type, attribution, target) only with the previous month and the same month a year
earlier (no records or streaks: that history would cost more than it tells).
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
from marsad.domain.incident import CASUALTY_FIELDS, CASUALTY_RANGE_FIELDS, RANGE_FIELDS
from marsad.domain.keys import Attribution, Kind
from marsad.domain.ranges import CountRange
from marsad.storage.aggregates import EMPTY, Tally, first_month, monthly_counts, tally

BREAKDOWNS = ("perpetrator", "type", "attribution", "target")
# The sums the report states; every other tally only counts (each sum costs the database work per incident).
CASUALTY_SUMS = (*CASUALTY_FIELDS, *CASUALTY_RANGE_FIELDS)
RAID_SUMS = ("arrests", "perpetrators_killed")


@dataclass(frozen=True)
class Scope:
    """Which incidents a report is about and how its sentences name them.

    A report on ISIS alone sets ``perpetrators=("isis",)`` and ``noun="ISIS sleeper cell attacks"``.
    """

    perpetrators: tuple[str, ...] = ()
    noun: str = "attacks"
    area: str = "NES"

    def attacks(self, **narrowing: object) -> IncidentFilter:
        return IncidentFilter(kinds=(Kind.ATTACK,), perpetrators=self.perpetrators).narrow(**narrowing)

    def raids(self, **narrowing: object) -> IncidentFilter:
        return IncidentFilter(kinds=(Kind.RAID,), perpetrators=self.perpetrators).narrow(**narrowing)


@dataclass(frozen=True)
class Casualties:
    """Sums of the best estimates, and of each count's low and high (``bounds``: count -> (low, high))."""

    military_killed: int = 0
    military_injured: int = 0
    civilian_killed: int = 0
    civilian_injured: int = 0
    perpetrators_killed: int = 0
    unknown_killed: int = 0
    bounds: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, tallied: Tally) -> Casualties:
        bounds = {name: (tallied[low], tallied[high]) for name, (low, high) in RANGE_FIELDS.items()}
        return cls(**{name: tallied[name] for name in CASUALTY_FIELDS}, bounds=bounds)

    def range_of(self, name: str) -> CountRange:
        """The summed range of one count (exact where no bounds were summed)."""
        best = getattr(self, name)
        low, high = self.bounds.get(name, (best, best))
        return CountRange(low, best, high)


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
    """Everything the monthly report states about ``month``.

    Whole-history series (totals and regions, for records and streaks) are counts grouped by day, which an
    index answers alone; sums and the other breakdowns are read only for the months compared.
    """
    until = month.last_day
    start = first_month(session, IncidentFilter(date_to=until), access)
    first = Month.parse(start) if start else None
    year_before = {"date_from": month.year_earlier().first_day, "date_to": month.year_earlier().last_day}
    two_months = {"date_from": month.previous().first_day, "date_to": until}
    this_month = {"date_from": month.first_day, "date_to": until}

    attacks = _months(monthly_counts(session, scope.attacks(counted=True, date_to=until), access, "region"))
    attack_totals = _sum(attacks)
    attacks_total = figure(attack_totals, month, first)
    sums = _by_month_key(
        tally(session, scope.attacks(counted=True, **two_months), access, (), by_month=True, measures=CASUALTY_SUMS)
    )

    # Breakdowns compare three months only: this one, the one before, the same one a year earlier.
    detail = {
        **tally(session, scope.attacks(counted=True, **two_months), access, BREAKDOWNS, by_month=True, measures=()),
        **tally(session, scope.attacks(counted=True, **year_before), access, BREAKDOWNS, by_month=True, measures=()),
    }
    folded = _fold(detail)
    breakdowns = {
        column: _figures(folded[column], month, first, attacks_total.count, history_from=month) for column in BREAKDOWNS
    }
    places = tally(session, scope.attacks(counted=True, **this_month), access, ("place", "region"), measures=())
    excluded = tally(
        session, scope.attacks(counted=False, **this_month), access, ("region", "exclusion_reason"), measures=()
    )

    raids = _months(monthly_counts(session, scope.raids(counted=True, date_to=until), access, "region"))
    raid_totals = _sum(raids)
    raid_sums = _by_month_key(
        tally(session, scope.raids(counted=True, **two_months), access, (), by_month=True, measures=RAID_SUMS)
    )
    forces = tally(session, scope.raids(counted=True, **this_month), access, ("conducted_by",), measures=())
    raids_total = figure(raid_totals, month, first)
    trend_months = month_range(max(month.shift(-11), first or month), month)
    return MonthStats(
        month=month,
        first=first,
        scope=scope,
        attacks=attacks_total,
        by_region=_figures(attacks, month, first, attacks_total.count),
        breakdowns=breakdowns,
        claimed_by=_figures(folded["claimed"], month, first, None, history_from=month),
        places=sorted(((p, r, t.count) for (p, r), t in places.items() if p), key=lambda x: (-x[2], x[0])),
        casualties=Casualties.of(sums.get(month, EMPTY)),
        casualties_previous=Casualties.of(sums.get(month.previous(), EMPTY)) if first and month > first else None,
        raids=raids_total,
        raids_by_region=_figures(raids, month, first, raids_total.count),
        raids_by_force={force: t.count for (force,), t in forces.items() if force},
        arrests=figure({m: t["arrests"] for m, t in raid_sums.items()}, month, first, history_from=month.previous()),
        suspects_killed=raid_sums.get(month, EMPTY)["perpetrators_killed"],
        trend_months=trend_months,
        trend_by_region={r: [series.get(m, 0) for m in trend_months] for r, series in attacks.items()},
        not_counted=[
            NotCounted(region, reason, t.count)
            for (region, reason), t in sorted(excluded.items(), key=lambda item: (-item[1].count, str(item[0])))
        ],
    )


Series = dict[str | None, dict[Month, int]]


def _months(series: Mapping[str | None, Mapping[str, int]]) -> Series:
    return {key: {Month.parse(m): n for m, n in by_month.items()} for key, by_month in series.items()}


def _by_month_key(rows: Mapping[tuple[object, ...], Tally]) -> dict[Month, Tally]:
    return {Month.parse(str(key[0])): tallied for key, tallied in rows.items()}


def _sum(series: Series) -> dict[Month, int]:
    """All keys of a breakdown added up, month by month."""
    totals: dict[Month, int] = defaultdict(int)
    for by_month in series.values():
        for month, count in by_month.items():
            totals[month] += count
    return dict(totals)


def _fold(rows: Mapping[tuple[object, ...], Tally]) -> dict[str, Series]:
    """{(month, perpetrator, type, attribution, target): tally} -> a series per breakdown, in one pass.

    ``claimed`` holds the attacks each perpetrator claimed (attribution "claimed").
    """
    folded: dict[str, Series] = {name: defaultdict(dict) for name in (*BREAKDOWNS, "claimed")}
    claimed_at = BREAKDOWNS.index("attribution")
    for (month_key, *values), tallied in rows.items():
        month = Month.parse(str(month_key))
        for name, value in zip(BREAKDOWNS, values, strict=True):
            by_month = folded[name][None if value is None else str(value)]
            by_month[month] = by_month.get(month, 0) + tallied.count
        if values[claimed_at] == Attribution.CLAIMED:
            by_month = folded["claimed"][None if values[0] is None else str(values[0])]
            by_month[month] = by_month.get(month, 0) + tallied.count
    return {name: dict(series) for name, series in folded.items()}


def _figures(
    series: Series,
    month: Month,
    first: Month | None,
    total: int | None,
    history_from: Month | None = None,
) -> dict[str, Figure]:
    """A figure per key (a None key — no region, no value — counts in totals, not as a line of its own)."""
    return {
        key: figure(by_month, month, first, total, history_from) for key, by_month in series.items() if key is not None
    }
