"""Marsad's monthly figures beside another dataset's (an ACLED or UCDP GED file) for the same area and month,
with the differences, and the incidents found in one dataset and not the other.

Two incidents are taken to be the same event when they are at most a day and 5 km apart; each incident is
matched at most once, the closest pairs first. Marsad's side is what the public sees: published incidents.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.geo import SAME_EVENT_DAYS, SAME_EVENT_KM, distance_km
from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.canonical import RawRow, RowError
from marsad.io.detect import detect_layout
from marsad.io.formats import Format
from marsad.services.importing import validate_row
from marsad.storage.queries import iter_incidents

GROUPINGS = ("region", "type", "perpetrator")


@dataclass(frozen=True)
class GroupRow:
    key: str | None
    label: str
    marsad: int
    other: int

    @property
    def difference(self) -> int:
        return self.marsad - self.other


@dataclass
class Comparison:
    month: Month
    by: str
    other_name: str
    rows: list[GroupRow] = field(default_factory=list)
    matched: list[tuple[str, str]] = field(default_factory=list)  # (Marsad id, other id)
    only_marsad: list[Incident] = field(default_factory=list)
    only_other: list[Incident] = field(default_factory=list)
    unreadable: list[RowError] = field(default_factory=list)  # rows of the other file that could not be mapped
    outside: int = 0  # the other file's events of the month outside the monitored area

    @property
    def totals(self) -> tuple[int, int]:
        return sum(r.marsad for r in self.rows), sum(r.other for r in self.rows)


def sniff_layout(path: Path) -> Format:
    """The file's layout, told as `marsad import` tells it (io.detect): ACLED, UCDP GED or Candidate, or Marsad's."""
    return detect_layout(path).format


def compare(
    session: Session,
    rows: Iterable[RawRow | RowError],
    month: Month,
    by: str,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    other_name: str = "other",
) -> Comparison:
    if by not in GROUPINGS:
        raise ValueError(f"compare by one of {', '.join(GROUPINGS)}, not '{by}'")
    result = Comparison(month, by, other_name)
    others = _other_incidents(rows, month, vocab, gazetteer, result)
    ours = list(iter_incidents(session, IncidentFilter.for_month(month.year, month.month), Access.PUBLIC))
    counted_ours, counted_others = Counter(getattr(i, by) for i in ours), Counter(getattr(i, by) for i in others)
    terms = {"region": vocab.regions, "type": vocab.types, "perpetrator": vocab.actors}[by]
    keys = sorted(set(counted_ours) | set(counted_others), key=lambda k: (k is None, str(k)))
    result.rows = [
        GroupRow(k, terms.label(k) if k in terms else str(k), counted_ours.get(k, 0), counted_others.get(k, 0))
        for k in keys
    ]
    _match(ours, others, result)
    return result


def _other_incidents(
    rows: Iterable[RawRow | RowError], month: Month, vocab: Vocabularies, gazetteer: Gazetteer, result: Comparison
) -> list[Incident]:
    today = dt.date.today()
    found = []
    for raw in rows:
        if isinstance(raw, RowError):
            result.unreadable.append(raw)
            continue
        incident, errors = validate_row(raw, vocab, gazetteer, today)
        if incident is None:
            result.unreadable.extend(errors)
        elif month.first_day <= incident.date <= month.last_day:
            if incident.region is None:
                result.outside += 1
            else:
                found.append(incident)
    return found


def _match(ours: list[Incident], others: list[Incident], result: Comparison) -> None:
    """Pair incidents a day and 5 km apart at most, closest first; the rest are in one dataset only."""
    by_day: dict[dt.date, list[tuple[str, float, float]]] = {}  # the other dataset's located events, by day
    for b in others:
        if b.latitude is not None and b.longitude is not None:
            by_day.setdefault(b.date, []).append((b.id or "", b.latitude, b.longitude))
    pairs = []
    for a in ours:
        if a.latitude is None or a.longitude is None:
            continue
        for shift in range(-SAME_EVENT_DAYS, SAME_EVENT_DAYS + 1):
            for b_id, latitude, longitude in by_day.get(a.date + dt.timedelta(days=shift), ()):
                km = distance_km(a.latitude, a.longitude, latitude, longitude)
                if km <= SAME_EVENT_KM:
                    pairs.append((abs(shift), km, a.id or "", b_id))
    used_ours: set[str] = set()
    used_others: set[str] = set()
    for _, _, a_id, b_id in sorted(pairs):
        if a_id not in used_ours and b_id not in used_others:
            used_ours.add(a_id)
            used_others.add(b_id)
            result.matched.append((a_id, b_id))
    result.only_marsad = [i for i in ours if i.id not in used_ours]
    result.only_other = [i for i in others if i.id not in used_others]


def comparison_json(result: Comparison) -> dict[str, object]:
    ours, others = result.totals
    return {
        "month": result.month.key,
        "by": result.by,
        "other": result.other_name,
        "totals": {"marsad": ours, "other": others, "difference": ours - others},
        "groups": [
            {"key": r.key, "label": r.label, "marsad": r.marsad, "other": r.other, "difference": r.difference}
            for r in result.rows
        ],
        "matched": [{"marsad": a, "other": b} for a, b in result.matched],
        "only_in_marsad": [_brief(i) for i in result.only_marsad],
        "only_in_other": [_brief(i) for i in result.only_other],
        "other_outside_area": result.outside,
        "other_unreadable": [str(e) for e in result.unreadable],
    }


def _brief(incident: Incident) -> dict[str, object]:
    return {"id": incident.id, "date": incident.date.isoformat(), "place": incident.place, "type": incident.type}
