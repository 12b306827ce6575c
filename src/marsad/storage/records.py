"""Conversion between the domain's Incident/Source values and table rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from operator import attrgetter
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


INCIDENT_INSERT_COLUMNS = (*COLUMN_FIELDS, "created_at", "updated_at", "version")
SOURCE_INSERT_COLUMNS = ("incident_id", "position", *SOURCE_FIELDS)
_TAGS = COLUMN_FIELDS.index("tags")
_incident_fields = attrgetter(*COLUMN_FIELDS)
_source_fields = attrgetter(*SOURCE_FIELDS)


def incident_insert_row(incident: Incident, now: dt.datetime) -> list[Any]:
    """Values for INCIDENT_INSERT_COLUMNS: the bulk path's row, built without an intermediate dict."""
    row = [*_incident_fields(incident), now, now, 1]
    row[_TAGS] = TAG_SEPARATOR.join(incident.tags) if incident.tags else None
    return row


def source_insert_rows(incident_id: str, sources: Sequence[Source]) -> list[tuple[Any, ...]]:
    """Values for SOURCE_INSERT_COLUMNS, one row per source in the researcher's order."""
    return [(incident_id, position, *_source_fields(s)) for position, s in enumerate(sources)]


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
