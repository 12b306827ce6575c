"""What each field of an incident and of a source is called on screen, and the vocabulary its values come from.

The codebook (docs/codebook.md) explains every field; these are the short names people read where a field is
named on its own: the history of an incident, side-by-side comparisons. A test checks that every column of the
codebook has one, so a new field cannot appear under its column name.
"""

from __future__ import annotations

FIELD_LABELS = {
    "id": "Id",
    "kind": "Kind",
    "date": "Date",
    "date_precision": "Date precision",
    "date_earliest": "Earliest possible date",
    "date_latest": "Latest possible date",
    "place": "Place",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "geo_precision": "Location precision",
    "admin1": "Governorate",
    "admin2": "District",
    "region": "Region",
    "type": "Type",
    "perpetrator": "Perpetrator (for a raid: the group raided)",
    "perpetrator_original": "Perpetrator as the source names it",
    "attribution": "Attribution",
    "grade": "Grade",
    "counted": "Counted in figures",
    "exclusion_reason": "Why not counted",
    "target": "Target",
    "target_original": "Target as the source names it",
    "target_detail": "Target detail",
    "military_killed": "Military killed",
    "military_killed_low": "Military killed, low estimate",
    "military_killed_high": "Military killed, high estimate",
    "military_injured": "Military injured",
    "military_injured_low": "Military injured, low estimate",
    "military_injured_high": "Military injured, high estimate",
    "civilian_killed": "Civilians killed",
    "civilian_killed_low": "Civilians killed, low estimate",
    "civilian_killed_high": "Civilians killed, high estimate",
    "civilian_injured": "Civilians injured",
    "civilian_injured_low": "Civilians injured, low estimate",
    "civilian_injured_high": "Civilians injured, high estimate",
    "perpetrators_killed": "Perpetrators or suspects killed",
    "perpetrators_killed_low": "Perpetrators or suspects killed, low estimate",
    "perpetrators_killed_high": "Perpetrators or suspects killed, high estimate",
    "unknown_killed": "Killed, status unknown",
    "unknown_killed_low": "Killed, status unknown, low estimate",
    "unknown_killed_high": "Killed, status unknown, high estimate",
    "deaths_low": "Total deaths, low estimate",
    "deaths_best": "Total deaths, best estimate",
    "deaths_high": "Total deaths, high estimate",
    "arrests": "Arrests",
    "conducted_by": "Conducted by",
    "conducted_by_original": "Conducted by, as the source names it",
    "description": "Description",
    "notes": "Internal notes",
    "sources": "Sources",
    "tags": "Tags",
    "status": "Status",
}

SOURCE_FIELD_LABELS = {
    "url": "URL",
    "title": "Title",
    "publisher": "Publisher",
    "source_type": "Source type",
    "language": "Language",
    "published": "Published",
    "accessed": "Accessed",
    "excerpt": "Excerpt",
    "archive_sha256": "Archived copy (SHA-256)",
}

# Fields whose values are vocabulary keys, and the vocabulary (a name in vocabularies.yaml) that labels them.
VOCABULARY_OF = {
    "kind": "kinds",
    "date_precision": "date_precisions",
    "geo_precision": "geo_precisions",
    "region": "regions",
    "type": "types",
    "perpetrator": "actors",
    "attribution": "attributions",
    "grade": "grades",
    "target": "targets",
    "conducted_by": "forces",
    "status": "statuses",
    "source_type": "source_types",
}


def field_label(name: str) -> str:
    """The on-screen name of a field; an unknown one (a newer record) is shown readably rather than failing."""
    return FIELD_LABELS.get(name) or SOURCE_FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()
