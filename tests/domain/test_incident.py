from __future__ import annotations

import pickle

from marsad.domain.incident import CANONICAL_COLUMNS, INCIDENT_FIELDS, PUBLIC_COLUMNS, Source
from tests.helpers import attack


def test_incidents_survive_pickling_between_processes() -> None:
    incident = attack(sources=[Source(url="https://a.example", title="بيان", language="ar")], tags=["a", "b"])
    assert pickle.loads(pickle.dumps(incident)) == incident


def test_every_field_has_a_column_and_notes_are_not_public() -> None:
    assert set(CANONICAL_COLUMNS) == set(INCIDENT_FIELDS)
    assert "notes" in CANONICAL_COLUMNS and "notes" not in PUBLIC_COLUMNS
