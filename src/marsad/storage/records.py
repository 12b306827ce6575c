"""Conversion between the domain's Incident/Source values and table rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from marsad.domain.incident import INCIDENT_FIELDS, SOURCE_FIELDS, Incident, Source

# Incident fields stored as columns of the incidents table (sources live in their own table).
COLUMN_FIELDS = tuple(f for f in INCIDENT_FIELDS if f != "sources")
TAG_SEPARATOR = "|"


def incident_values(incident: Incident) -> dict[str, Any]:
    """Column values of the incidents table for one incident (without bookkeeping columns)."""
    values = {name: getattr(incident, name) for name in COLUMN_FIELDS}
    values["tags"] = TAG_SEPARATOR.join(incident.tags) if incident.tags else None
    return values


def source_values(incident_id: str, sources: Sequence[Source]) -> list[dict[str, Any]]:
    return [
        {"incident_id": incident_id, "position": position, **{f: getattr(s, f) for f in SOURCE_FIELDS}}
        for position, s in enumerate(sources)
    ]


def incident_from_row(row: Mapping[Any, Any], sources: list[Source]) -> Incident:
    values = {name: row[name] for name in COLUMN_FIELDS}
    values["tags"] = row["tags"].split(TAG_SEPARATOR) if row["tags"] else []
    return Incident(sources=sources, **values)


def source_from_row(row: Mapping[Any, Any]) -> Source:
    return Source(**{f: row[f] for f in SOURCE_FIELDS})
