"""The incident and source records as plain values, and which of their fields the public may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from marsad.domain.keys import Status
from marsad.domain.vocabulary import CONFIRMED_GRADE, UNCONFIRMED_GRADE

CASUALTY_FIELDS = (
    "military_killed",
    "military_injured",
    "civilian_killed",
    "civilian_injured",
    "perpetrators_killed",
    "unknown_killed",
)
# Each count above is its best estimate; its range is kept beside it (``civilian_killed_low``,
# ``civilian_killed_high``), blank meaning "the same as the best estimate" (domain.ranges reads them).
RANGE_FIELDS = {name: (f"{name}_low", f"{name}_high") for name in CASUALTY_FIELDS}
CASUALTY_RANGE_FIELDS = tuple(bound for bounds in RANGE_FIELDS.values() for bound in bounds)
# The casualty columns as files and the codebook list them: each count followed by its low and high.
CASUALTY_COLUMNS = tuple(column for name in CASUALTY_FIELDS for column in (name, *RANGE_FIELDS[name]))
COUNT_FIELDS = (*CASUALTY_FIELDS, "arrests")
# The source's own estimate of the incident's total deaths (UCDP GED's low / best / high): kept beside the
# counts by group, never added to them.
DEATH_ESTIMATE_FIELDS = ("deaths_low", "deaths_best", "deaths_high")
# The earliest and latest day the incident may have happened on, when the sources leave it open (UCDP GED's
# date_start and date_end): blank means the date itself. It is counted in the month of its date.
DATE_RANGE_FIELDS = ("date_earliest", "date_latest")
WHOLE_NUMBER_FIELDS = (*COUNT_FIELDS, *CASUALTY_RANGE_FIELDS, *DEATH_ESTIMATE_FIELDS)
# Another dataset's own name for an actor, kept beside the Marsad key it was mapped to ("Government of Turkey"
# beside turkish_backed, or beside `other` when no key fits).
ORIGINAL_NAME_FIELDS = ("perpetrator_original", "target_original", "conducted_by_original")

# The canonical column order of every tabular format (CSV, XLSX): the codebook's order.
CANONICAL_COLUMNS = (
    "id",
    "kind",
    "date",
    "date_precision",
    *DATE_RANGE_FIELDS,
    "place",
    "latitude",
    "longitude",
    "geo_precision",
    "admin1",
    "admin2",
    "region",
    "type",
    "perpetrator",
    "perpetrator_original",
    "attribution",
    "grade",
    "counted",
    "exclusion_reason",
    "target",
    "target_original",
    "target_detail",
    *CASUALTY_COLUMNS,
    *DEATH_ESTIMATE_FIELDS,
    "arrests",
    "conducted_by",
    "conducted_by_original",
    "description",
    "notes",
    "sources",
    "tags",
    "status",
)
INTERNAL_FIELDS = frozenset({"notes"})
# Columns of files from before grades, still read: ``confirmed`` (yes / no) becomes the grade confirmed / weak.
LEGACY_COLUMNS = ("confirmed",)

# What the database columns hold (storage.tables uses these): longer text or larger counts are refused with a
# message on both databases, rather than accepted by SQLite and refused by PostgreSQL.
MAX_COUNT = 2**31 - 1  # INTEGER
TEXT_LIMITS = {  # VARCHAR(n)
    "id": 40,
    "place": 200,
    "admin1": 100,
    "admin2": 100,
    "exclusion_reason": 200,
    **dict.fromkeys(ORIGINAL_NAME_FIELDS, 200),
}
SOURCE_TEXT_LIMITS = {"publisher": 200, "language": 20, "archive_sha256": 64}
MAX_TEXT_CHARS = 1_000_000  # any other text: a long description is 10,000 characters
PUBLIC_COLUMNS = tuple(c for c in CANONICAL_COLUMNS if c not in INTERNAL_FIELDS)

SOURCE_FIELDS = (
    "url",
    "title",
    "publisher",
    "source_type",
    "language",
    "published",
    "accessed",
    "excerpt",
    "archive_sha256",
)
# The tag and the source type that mark invented records: whatever shows them must say so.
SYNTHETIC = "synthetic"
# A field contact is a person: the public learns that one exists, never who or where.
SOURCE_TYPES_HIDDEN_FROM_PUBLIC = frozenset({"field_contact"})


def source_identity(url: object, title: object, publisher: object) -> tuple[str, ...]:
    """What makes two source entries the same source: the link, or without one, the title and publisher."""
    link = str(url or "").strip()
    if link:
        return ("url", link)
    return ("text", str(title or "").strip(), str(publisher or "").strip())


@dataclass(slots=True)
class Source:
    """Where the team learned of an incident; sources are kept in the order the researcher gave them."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    source_type: str | None = None
    language: str | None = None
    published: dt.date | None = None
    accessed: dt.date | None = None
    excerpt: str | None = None
    archive_sha256: str | None = None

    def __reduce__(self) -> tuple[type[Source], tuple[Any, ...]]:
        """Compact pickling: a large import validates in one process and writes in another."""
        return (Source, _source_values(self))

    def public(self) -> Source:
        """This source as the public may see it."""
        if self.source_type in SOURCE_TYPES_HIDDEN_FROM_PUBLIC:
            return Source(source_type=self.source_type, language=self.language, published=self.published)
        return Source(*_source_values(self))


@dataclass(slots=True)
class Incident:
    """One attack, raid or other event, with every field of the codebook (docs/codebook.md)."""

    id: str | None
    kind: str
    date: dt.date
    type: str
    date_precision: str = "day"
    date_earliest: dt.date | None = None
    date_latest: dt.date | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    region: str | None = None
    perpetrator: str = "unknown"
    perpetrator_original: str | None = None
    attribution: str = "unknown"
    grade: str = UNCONFIRMED_GRADE  # how sure the team is that it happened (the grades vocabulary)
    counted: bool | None = None
    exclusion_reason: str | None = None
    target: str | None = None
    target_original: str | None = None
    target_detail: str | None = None
    military_killed: int | None = None
    military_killed_low: int | None = None
    military_killed_high: int | None = None
    military_injured: int | None = None
    military_injured_low: int | None = None
    military_injured_high: int | None = None
    civilian_killed: int | None = None
    civilian_killed_low: int | None = None
    civilian_killed_high: int | None = None
    civilian_injured: int | None = None
    civilian_injured_low: int | None = None
    civilian_injured_high: int | None = None
    perpetrators_killed: int | None = None
    perpetrators_killed_low: int | None = None
    perpetrators_killed_high: int | None = None
    unknown_killed: int | None = None
    unknown_killed_low: int | None = None
    unknown_killed_high: int | None = None
    deaths_low: int | None = None
    deaths_best: int | None = None
    deaths_high: int | None = None
    arrests: int | None = None
    conducted_by: str | None = None
    conducted_by_original: str | None = None
    description: str | None = None
    notes: str | None = None
    sources: list[Source] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    status: str = Status.DRAFT

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Compact pickling: a large import validates in one process and writes in another."""
        return (Incident, _incident_values(self))

    def public(self) -> Incident:
        """A copy without internal fields and with sources as the public may see them."""
        copy = Incident(*_incident_values(self))  # positional: every public page copies 50 to 1,000 of them
        for name in INTERNAL_FIELDS:
            setattr(copy, name, None)
        copy.sources = [s.public() for s in self.sources]
        return copy

    @property
    def confirmed(self) -> bool:
        """Graded ``confirmed`` (what the yes / no field of records before grades said)."""
        return self.grade == CONFIRMED_GRADE

    @property
    def synthetic(self) -> bool:
        """Invented data (`marsad demo`, test fixtures): tagged ``synthetic`` or resting on a synthetic source."""
        return SYNTHETIC in self.tags or any(source.source_type == SYNTHETIC for source in self.sources)


INCIDENT_FIELDS = tuple(f.name for f in fields(Incident))
_incident_values = attrgetter(*INCIDENT_FIELDS)
_source_values = attrgetter(*SOURCE_FIELDS)
