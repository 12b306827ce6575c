"""An export in ACLED's layout names actors as the team's mapping file does, not as the shipped one."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.vocabulary import Vocabularies
from marsad.io.acled import DEFAULT_MAPPING
from marsad.io.formats import FORMATS, Mappings
from marsad.services.exporting import export_incidents
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack


def test_an_acled_export_follows_the_teams_mapping_file(session: Session, vocab: Vocabularies, tmp_path: Path) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write([attack(perpetrator="isis")])
    team = tmp_path / "team_acled.yaml"
    shipped = DEFAULT_MAPPING.read_text(encoding="utf-8")
    team.write_text(shipped.replace("actors:\n", 'actors:\n  "IS cells (team spelling)": isis\n', 1), encoding="utf-8")

    def actors(mappings: Mappings) -> list[str]:
        out = io.BytesIO()
        export_incidents(session, IncidentFilter(), FORMATS["acled"], out, Access.INTERNAL, mappings=mappings)
        return [row["actor1"] for row in csv.DictReader(io.StringIO(out.getvalue().decode("utf-8")))]

    assert actors(Mappings(vocab, acled_file=team)) == ["IS cells (team spelling)"]
    assert actors(Mappings(vocab)) == ["Islamic State (Syria)"]
