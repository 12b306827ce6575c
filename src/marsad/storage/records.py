"""Conversion between the domain's Incident/Source values and table rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from marsad.domain.incident import DATE_RANGE_FIELDS, INCIDENT_FIELDS, SOURCE_FIELDS, Incident, Source

# Incident fields stored as columns of the incidents table (sources live in their own table).
COLUMN_FIELDS = tuple(f for f in INCIDENT_FIELDS if f != "sources")
TAG_SEPARATOR = "|"


def incident_values(incident: Incident) -> dict[str, Any]:
    """Column values of the incidents table for one incident (without bookkeeping columns)."""
    values = {name: getattr(incident, name) for name in COLUMN_FIELDS}
    values["tags"] = TAG_SEPARATOR.join(incident.tags) if incident.tags else None
    return values


SOURCE_INSERT_COLUMNS = ("incident_id", "position", *SOURCE_FIELDS)
# An incident as the bulk path writes it: its column values in COLUMN_FIELDS order and each source's values in
# SOURCE_FIELDS order, dates as ISO text and tags joined. Plain tuples of text and numbers cost a third of an
# Incident to pass from the process that validated it to the one that writes it, and both databases store
# such dates as they are (SQLite's are this very text).
Form = tuple[tuple[Any, ...], tuple[tuple[Any, ...], ...]]
FORM_ID = COLUMN_FIELDS.index("id")
FORM_DATE = COLUMN_FIELDS.index("date")
_TAGS = COLUMN_FIELDS.index("tags")
_DATES = tuple(i for i, name in enumerate(COLUMN_FIELDS) if name in ("date", *DATE_RANGE_FIELDS))
_PUBLISHED, _ACCESSED = SOURCE_FIELDS.index("published"), SOURCE_FIELDS.index("accessed")
_SOURCES_AT = INCIDENT_FIELDS.index("sources")
_incident_fields = attrgetter(*COLUMN_FIELDS)
_source_fields = attrgetter(*SOURCE_FIELDS)


def incident_form(incident: Incident) -> Form:
    """The incident as the bulk path writes it (``Form``)."""
    values = list(_incident_fields(incident))
    for position in _DATES:
        if values[position] is not None:
            values[position] = values[position].isoformat()
    values[_TAGS] = TAG_SEPARATOR.join(incident.tags) if incident.tags else None
    return tuple(values), tuple(_source_form(source) for source in incident.sources)


def _source_form(source: Source) -> tuple[Any, ...]:
    values = _source_fields(source)
    if values[_PUBLISHED] is None and values[_ACCESSED] is None:  # most sources have neither date
        return values
    dated = list(values)
    dated[_PUBLISHED], dated[_ACCESSED] = _isoformat(dated[_PUBLISHED]), _isoformat(dated[_ACCESSED])
    return tuple(dated)


def _isoformat(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def incident_from_form(form: Form) -> Incident:
    """The Incident a ``Form`` was made from (the update path compares it with what is stored)."""
    values = dict(zip(COLUMN_FIELDS, form[0], strict=True))
    for name in ("date", *DATE_RANGE_FIELDS):
        values[name] = _date(values[name])
    values["tags"] = values["tags"].split(TAG_SEPARATOR) if values["tags"] else []
    sources = [Source(**dict(zip(SOURCE_FIELDS, source, strict=True))) for source in form[1]]
    for source in sources:
        source.published, source.accessed = _date(source.published), _date(source.accessed)
    return Incident(sources=sources, **values)


def _date(text: Any) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def with_id(form: Form, incident_id: str) -> Form:
    """The form of an incident given its id by the writer."""
    values = list(form[0])
    values[FORM_ID] = incident_id
    return tuple(values), form[1]


def source_insert_rows(incident_id: str, sources: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Values for SOURCE_INSERT_COLUMNS, one row per source (form) in the researcher's order."""
    return [(incident_id, position, *source) for position, source in enumerate(sources)]


def source_values(incident_id: str, sources: Sequence[Source]) -> list[dict[str, Any]]:
    return [
        {"incident_id": incident_id, "position": position, **{f: getattr(s, f) for f in SOURCE_FIELDS}}
        for position, s in enumerate(sources)
    ]


def incident_from_row(row: Mapping[Any, Any], sources: list[Source]) -> Incident:
    return incident_from_columns([row[name] for name in COLUMN_FIELDS], sources)


def incident_from_columns(values: Sequence[Any], sources: list[Source]) -> Incident:
    """The incident of a row selected as the COLUMN_FIELDS, in that order: built by position, because every
    page and export builds hundreds of them and keyword arguments cost a third of a page's time."""
    fields = list(values)
    fields[_TAGS] = fields[_TAGS].split(TAG_SEPARATOR) if fields[_TAGS] else []
    fields.insert(_SOURCES_AT, sources)
    return Incident(*fields)
