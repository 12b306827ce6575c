"""Counts and casualties of a selection grouped by month and any public fields: the figures behind custom charts."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.aggregates import MEASURES, tally

# Fields a reader may group by: public ones with few values (not place names free-typed by editors).
STATS_GROUPS = (
    "month",
    "kind",
    "region",
    "type",
    "perpetrator",
    "attribution",
    "target",
    "conducted_by",
    "admin1",
    "grade",
    "counted",
)


def grouped_stats(
    session: Session, selection: IncidentFilter, group_by: tuple[str, ...], vocab: Vocabularies
) -> dict[str, Any]:
    """Published incidents per group, with sums of casualties (and of their low and high estimates) and arrests,
    groups in order of their keys."""
    fields = tuple(g for g in group_by if g != "month")
    tallies = tally(session, selection, Access.PUBLIC, fields, by_month="month" in group_by)
    names = (("month",) if "month" in group_by else ()) + fields
    rows = []
    for key in sorted(tallies, key=lambda k: tuple((v is None, str(v)) for v in k)):
        figures = tallies[key]
        rows.append({**dict(zip(names, key, strict=True)), "incidents": figures.count, **figures.sums})
    return {
        "selection": selection.describe(vocab),
        "group_by": list(names),
        "total": {
            "incidents": sum(t.count for t in tallies.values()),
            **{m: sum(t[m] for t in tallies.values()) for m in MEASURES},
        },
        "groups": rows,
    }
