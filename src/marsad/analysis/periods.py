"""Statistics for any date range — a month, a quarter, year to date — against the period before and a year earlier.

The monthly report adds records and streaks (analysis.statistics); here every figure of a range is compared
with the range of the same length just before it and with the same dates a year earlier.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from marsad.analysis.changes import Figure, change_pct, percent
from marsad.analysis.months import Month
from marsad.analysis.statistics import Casualties, Scope
from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.storage.aggregates import EMPTY, MEASURES, Tally, first_month, tally

DIMENSIONS = ("region", "perpetrator", "type", "attribution", "target")


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"a period cannot start ({self.start}) after it ends ({self.end})")

    @classmethod
    def month(cls, month: Month) -> Period:
        return cls(month.first_day, month.last_day)

    @classmethod
    def year_to_date(cls, month: Month) -> Period:
        """1 January to the end of ``month``."""
        return cls(dt.date(month.year, 1, 1), month.last_day)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before (for a whole month: the month before)."""
        first, last = Month.of(self.start), Month.of(self.end)
        if self.start == first.first_day and self.end == last.last_day:
            span = (last.year - first.year) * 12 + last.month - first.month + 1
            return Period(first.shift(-span).first_day, last.shift(-span).last_day)
        return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))

    def year_earlier(self) -> Period:
        return Period(_year_before(self.start), _year_before(self.end))

    @property
    def label(self) -> str:
        first, last = Month.of(self.start), Month.of(self.end)
        if self.start == first.first_day and self.end == last.last_day:
            return first.label if first == last else f"{first.label} to {last.label}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


@dataclass(frozen=True)
class PeriodStats:
    period: Period
    previous_period: Period
    year_earlier_period: Period
    attacks: Figure
    breakdowns: dict[str, dict[str, Figure]]  # dimension -> key -> figure
    not_counted: int
    casualties: Casualties
    casualties_previous: Casualties | None
    raids: Figure
    raids_by_region: dict[str, Figure]
    arrests: Figure
    suspects_killed: int


def period_stats(session: Session, period: Period, scope: Scope, access: Access = Access.PUBLIC) -> PeriodStats:
    """Every headline figure of a date range, compared; computed by the database in a few grouped queries."""
    start = first_month(session, IncidentFilter(date_to=period.end), access)
    begins = Month.parse(start).first_day if start else None
    periods = {"now": period, "previous": period.previous(), "year": period.year_earlier()}
    known = {name: begins is not None and p.end >= begins for name, p in periods.items()}

    def attacks(p: Period, counted: bool = True, by: tuple[str, ...] = DIMENSIONS) -> dict[tuple[object, ...], Tally]:
        """Counted only, except ungrouped: the casualties are the whole period's, the breakdowns count."""
        selection = scope.attacks(counted=counted, date_from=p.start, date_to=p.end)
        return tally(session, selection, access, by, measures=() if by else tuple(MEASURES))

    def raids(p: Period) -> dict[tuple[object, ...], Tally]:
        return tally(session, scope.raids(counted=True, date_from=p.start, date_to=p.end), access, ("region",))

    attack_rows = {name: attacks(p) if known[name] or name == "now" else {} for name, p in periods.items()}
    raid_rows = {name: raids(p) if known[name] or name == "now" else {} for name, p in periods.items()}
    totals = {name: _total(attacks(p, by=()) if known[name] or name == "now" else {}) for name, p in periods.items()}
    raid_totals = {name: _total(rows) for name, rows in raid_rows.items()}
    attacks_figure = _figure(totals, known, lambda t: t.count)
    breakdowns = {
        dimension: _breakdown(attack_rows, known, index, attacks_figure.count)
        for index, dimension in enumerate(DIMENSIONS)
    }
    raids_figure = _figure(raid_totals, known, lambda t: t.count)
    return PeriodStats(
        period=period,
        previous_period=periods["previous"],
        year_earlier_period=periods["year"],
        attacks=attacks_figure,
        breakdowns=breakdowns,
        not_counted=_total(attacks(period, counted=False, by=())).count,
        casualties=Casualties.of(totals["now"]),
        casualties_previous=Casualties.of(totals["previous"]) if known["previous"] else None,
        raids=raids_figure,
        raids_by_region=_breakdown(raid_rows, known, 0, raids_figure.count),
        arrests=_figure(raid_totals, known, lambda t: t["arrests"]),
        suspects_killed=raid_totals["now"]["perpetrators_killed"],
    )


def _total(rows: dict[tuple[object, ...], Tally]) -> Tally:
    count, sums = 0, dict(EMPTY.sums)
    for tallied in rows.values():
        count += tallied.count
        for name, value in tallied.sums.items():
            sums[name] += value
    return Tally(count, sums)


def _figure(values: dict[str, Tally], known: dict[str, bool], measure: Callable[[Tally], int]) -> Figure:
    now = measure(values["now"])
    previous = measure(values["previous"]) if known["previous"] else None
    year = measure(values["year"]) if known["year"] else None
    return Figure(now, previous, year, change_pct(now, previous), None, None, 0)


def _breakdown(
    rows: dict[str, dict[tuple[object, ...], Tally]], known: dict[str, bool], index: int, total: int
) -> dict[str, Figure]:
    counts: dict[str, dict[str, int]] = {name: defaultdict(int) for name in rows}
    for name, by_values in rows.items():
        for values, tallied in by_values.items():
            if values[index] is not None:
                counts[name][str(values[index])] += tallied.count
    figures = {}
    for key in dict.fromkeys([*counts["now"], *counts["previous"]]):
        now = counts["now"].get(key, 0)
        previous = counts["previous"].get(key, 0) if known["previous"] else None
        year = counts["year"].get(key, 0) if known["year"] else None
        share = percent(now, total) if total else None
        figures[key] = Figure(now, previous, year, change_pct(now, previous), share, None, 0)
    return figures
