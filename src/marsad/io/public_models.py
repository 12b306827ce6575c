"""An incident and its sources as the public sees them, as pydantic models: the fields that may leave Marsad.

The API's answers and the report's JSON contract are checked against these, so a field not listed here (an
internal note, a field contact's name) cannot be published by accident; docs/codebook.md explains each field.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Contract(BaseModel):
    """A shape that leaves Marsad: a key it does not list is an error (a test fails), never silently published."""

    model_config = ConfigDict(extra="forbid")


class SourcePublic(Contract):
    """Where a figure or an incident comes from (a field contact: its type only)."""

    model_config = ConfigDict(from_attributes=True)

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    source_type: str | None = None
    language: str | None = None
    published: dt.date | None = None
    accessed: dt.date | None = None
    excerpt: str | None = None


class IncidentSource(SourcePublic):
    """An incident's source; fields without a value are left out of the answer."""

    archive_sha256: str | None = Field(None, description="The archived copy of the page: /archive/<sha256>.")


class IncidentPublic(Contract):
    """A published incident's public fields, in the codebook's order.

    Each casualty count is the best estimate; its ``_low`` and ``_high`` bound a range (null: the same as the best).
    """

    id: str
    kind: str
    date: dt.date
    date_precision: str
    date_earliest: dt.date | None = Field(description="An uncertain date: the earliest day it may have been.")
    date_latest: dt.date | None = Field(description="An uncertain date: the latest day it may have been.")
    place: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str | None
    admin1: str | None
    admin2: str | None
    region: str | None
    type: str
    perpetrator: str
    perpetrator_original: str | None
    attribution: str
    grade: str
    counted: bool | None = Field(description="Whether the reports' figures count it (its grade and region).")
    exclusion_reason: str | None
    target: str | None
    target_original: str | None
    target_detail: str | None
    military_killed: int | None
    military_killed_low: int | None
    military_killed_high: int | None
    military_injured: int | None
    military_injured_low: int | None
    military_injured_high: int | None
    civilian_killed: int | None
    civilian_killed_low: int | None
    civilian_killed_high: int | None
    civilian_injured: int | None
    civilian_injured_low: int | None
    civilian_injured_high: int | None
    perpetrators_killed: int | None
    perpetrators_killed_low: int | None
    perpetrators_killed_high: int | None
    unknown_killed: int | None
    unknown_killed_low: int | None
    unknown_killed_high: int | None
    deaths_low: int | None
    deaths_best: int | None
    deaths_high: int | None
    arrests: int | None
    conducted_by: str | None
    conducted_by_original: str | None
    description: str | None
    sources: list[IncidentSource]
    tags: list[str]
    status: str
