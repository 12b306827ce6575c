"""Small builders shared by the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from marsad.domain.incident import Incident, Source

# What a user would see, kept to look at (test-artifacts/ is not committed).
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def attack(**overrides: Any) -> Incident:
    """A valid, published, sourced attack in Hasakah; override any field."""
    values: dict[str, Any] = {
        "id": "2019-07-0001",
        "kind": "attack",
        "date": dt.date(2019, 7, 14),
        "type": "ied",
        "place": "Hasakah",
        "latitude": 36.50237,
        "longitude": 40.74772,
        "geo_precision": "town",
        "admin1": "Al-Hasakah",
        "admin2": "Al-Hasakah",
        "region": "jazira",
        "perpetrator": "isis",
        "attribution": "claimed",
        "grade": "confirmed",
        "counted": True,
        "target": "asayish",
        "military_killed": 1,
        "military_injured": 2,
        "description": "IED against an Asayish patrol.",
        "notes": "internal: contact says two more injured",
        "sources": [
            Source(url="https://example.org/statement/1", publisher="Asayish", source_type="official_statement")
        ],
        "tags": ["patrol"],
        "status": "published",
    }
    values.update(overrides)
    return Incident(**values)


def raid(**overrides: Any) -> Incident:
    values: dict[str, Any] = {
        "id": "2023-11-0101",
        "kind": "raid",
        "date": dt.date(2023, 11, 3),
        "type": "raid",
        "place": "al-Shaddadi",
        "latitude": 36.05756,
        "longitude": 40.73478,
        "admin1": "Al-Hasakah",
        "admin2": "Al-Hasakah",
        "region": "jazira",
        "perpetrator": "isis",
        "attribution": "attributed",
        "grade": "confirmed",
        "counted": True,
        "arrests": 3,
        "perpetrators_killed": 1,
        "conducted_by": "joint",
        "sources": [Source(url="https://example.org/sdf/raid", source_type="official_statement")],
        "status": "published",
    }
    values.update(overrides)
    return Incident(**values)


CSV_HEADER = "id,kind,date,place,type,perpetrator,attribution,confirmed,military_killed,sources,status"


def csv_text(*rows: str, header: str = CSV_HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"
