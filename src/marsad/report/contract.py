"""The report as JSON: a documented contract (docs/report-json.md) for other tools and the web API.

Keys are vocabulary keys; ``record`` is "high", "low" or null; figures before the dataset began are null.
"""

from __future__ import annotations

from typing import Any

from marsad.analysis.changes import Figure
from marsad.analysis.periods import PeriodStats
from marsad.analysis.statistics import Casualties
from marsad.domain.incident import PUBLIC_COLUMNS
from marsad.domain.series import SeriesPoint
from marsad.io.canonical import incident_to_json
from marsad.report.assemble import MonthlyReport
from marsad.report.contract_models import ReportJson

CONTRACT_VERSION = 1


def figure_json(figure: Figure) -> dict[str, Any]:
    return {
        "count": figure.count,
        "previous": figure.previous,
        "year_earlier": figure.year_earlier,
        "change_pct": figure.change_pct,
        "record": figure.record,
        "streak": figure.streak,
        "share_pct": figure.share_pct,
    }


def _casualties(c: Casualties) -> dict[str, int]:
    """Each sum of best estimates, with the sums of its low and high beside it (``military_killed_low``)."""
    figures = {}
    for name in ("military_killed", "military_injured", "civilian_killed", "civilian_injured", "perpetrators_killed"):
        toll = c.range_of(name)
        figures.update({name: toll.best, f"{name}_low": toll.low, f"{name}_high": toll.high})
    return figures


def public_report_json(report: MonthlyReport) -> dict[str, Any]:
    """The contract's object as the public reads it, checked against its model (report.contract_models): what the
    API serves, what a published report freezes and what `marsad report --format json` writes are one shape,
    and a key the model does not list stops here rather than reaching a reader."""
    body = report_json(report, PUBLIC_COLUMNS)
    return ReportJson.model_validate(body).model_dump(mode="json", by_alias=True, exclude_unset=True)


def report_json(report: MonthlyReport, columns: tuple[str, ...]) -> dict[str, Any]:
    """The contract's object for one report; ``columns`` are the incident fields the reader may see."""
    s = report.stats
    attacks = s.attacks
    breakdowns = {
        f"by_{name}": {k: figure_json(f) for k, f in figures.items()} for name, figures in s.breakdowns.items()
    }
    return {
        "contract_version": CONTRACT_VERSION,
        "title": report.title,
        "language": report.language,
        "period": s.month.key,
        "previous_period": s.month.previous().key,
        "dataset_begins": s.first.key if s.first else None,
        "issued": {"date": report.issue.day.isoformat(), "published": report.issue.published} if report.issue else None,
        "synthetic_incidents": report.synthetic,
        "counting": {"grades": list(report.counted_grades), "rule": report.counting_words},
        "scope": {"perpetrators": list(s.scope.perpetrators), "noun": s.scope.noun, "area": s.scope.area},
        "attacks": {
            "total": attacks.count,
            "previous": attacks.previous,
            "year_earlier": attacks.year_earlier,
            "change_pct": attacks.change_pct,
            "record": attacks.record,
            "streak": attacks.streak,
            "unconfirmed": sum(n.count for n in s.not_counted),
            "not_counted": [{"region": n.region, "reason": n.reason, "count": n.count} for n in s.not_counted],
            "by_region": {k: figure_json(f) for k, f in s.by_region.items()},
            **breakdowns,
            "claimed_by": {k: figure_json(f) for k, f in s.claimed_by.items()},
            "places": [{"place": p, "region": r, "count": c} for p, r, c in s.places],
        },
        "casualties": {
            **_casualties(s.casualties),
            "previous": _casualties(s.casualties_previous) if s.casualties_previous else None,
        },
        "raids": {
            "total": s.raids.count,
            "previous": s.raids.previous,
            "change_pct": s.raids.change_pct,
            "record": s.raids.record,
            "arrests": s.arrests.count,
            "arrests_previous": s.arrests.previous,
            "suspects_killed": s.suspects_killed,
            "by_region": {k: figure_json(f) for k, f in s.raids_by_region.items()},
            "by_force": s.raids_by_force,
        },
        "key_points": report.key_points,
        "key_point_facts": [point.to_json() for point in report.facts],
        "incidents": [incident_to_json(i, columns) for i in report.counted],
        "not_counted": [incident_to_json(i, columns) for i in report.not_counted],
        "series": [series_point_json(point) for point in report.series],
    }


def series_point_json(point: SeriesPoint) -> dict[str, Any]:
    """One indicator figure of the month with the one before it (a field contact's source by its type alone)."""
    o, before = point.observation, point.previous
    source = o.source.public()
    return {
        "indicator": o.indicator,
        "place": o.place,
        "group": o.group,
        "as_of": o.as_of.isoformat(),
        "value": o.value,
        "low": o.low,
        "high": o.high,
        "previous": {"as_of": before.as_of.isoformat(), "value": before.value} if before else None,
        "change": point.change,
        "source": {
            name: getattr(source, name)
            for name in ("url", "title", "publisher", "source_type")
            if getattr(source, name)
        },
        "note": o.note,
    }


def period_stats_json(result: PeriodStats) -> dict[str, Any]:
    """Figures for any date range (``/api/v1/stats``), shaped like the report contract's."""
    return {
        "period": {
            "from": result.period.start.isoformat(),
            "to": result.period.end.isoformat(),
            "label": result.period.label,
        },
        "previous_period": {
            "from": result.previous_period.start.isoformat(),
            "to": result.previous_period.end.isoformat(),
        },
        "attacks": {
            **figure_json(result.attacks),
            "not_counted": result.not_counted,
            **{
                f"by_{name}": {k: figure_json(f) for k, f in figures.items()}
                for name, figures in result.breakdowns.items()
            },
        },
        "casualties": _casualties(result.casualties),
        "raids": {
            **figure_json(result.raids),
            "arrests": result.arrests.count,
            "suspects_killed": result.suspects_killed,
            "by_region": {k: figure_json(f) for k, f in result.raids_by_region.items()},
        },
    }
