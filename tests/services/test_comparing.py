"""Comparing Marsad's month with an ACLED or GED file: counts side by side, matches, what is in one only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.analysis.months import Month
from marsad.cli.app import app
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.acled import read_acled
from marsad.services.comparing import compare, sniff_layout
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in

INTEROP = Path(__file__).resolve().parents[1] / "data" / "interop"
NOVEMBER = Month(2023, 11)


@pytest.fixture
def ours(session: Session, vocab: Vocabularies) -> Session:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(
                id="2023-11-0001",
                date=dt.date(2023, 11, 2),
                place="Hajin",
                latitude=34.69508,
                longitude=40.83138,
                admin1="Deir ez-Zor",
                admin2="Al-Mayadin",
                region="deir_ez_zor",
            ),
            attack(
                id="2023-11-0002",
                date=dt.date(2023, 11, 15),
                place="Qamishli",
                latitude=37.05215,
                longitude=41.23142,
                admin1="Al-Hasakah",
                admin2="Al-Qamishli",
                region="jazira",
            ),
            attack(id="2023-11-0003", date=dt.date(2023, 11, 16), status="draft"),  # not published: not compared
        ]
    )
    return session


def test_counts_side_by_side_and_matches_within_a_day_and_5_km(
    ours: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    result = compare(ours, read_acled(INTEROP / "acled_syria_2023_11.csv"), NOVEMBER, "region", vocab, gazetteer)
    assert result.totals == (2, 30)
    by_region = {r.key: (r.marsad, r.other, r.difference) for r in result.rows}
    assert by_region["deir_ez_zor"] == (1, 10, -9) and by_region["jazira"] == (1, 10, -9)
    assert result.matched == [("2023-11-0001", "acled:SYR90000")]  # Hajin, 1 and 2 November
    assert [i.id for i in result.only_marsad] == ["2023-11-0002"]
    assert len(result.only_other) == 29 and result.unreadable == []


def test_by_perpetrator_and_a_ged_file(ours: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    layout = sniff_layout(INTEROP / "ged_syria_2023_11.csv")
    assert layout.name == "ged"
    result = compare(
        ours, layout.reader()(INTEROP / "ged_syria_2023_11.csv"), NOVEMBER, "perpetrator", vocab, gazetteer
    )
    assert {r.key: (r.marsad, r.other) for r in result.rows} == {"isis": (2, 24)}


def test_cli_and_api(ours: Session, client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"file": ("acled.csv", (INTEROP / "acled_syria_2023_11.csv").read_bytes(), "text/csv")}
    anonymous = client.post("/api/v1/compare", data={"month": "2023-11"}, files=files)
    assert anonymous.status_code == 401
    csrf = {"X-CSRF-Token": sign_in(client, add_user(ours, Role.VIEWER))}  # a browser's session sends its token
    answer = client.post("/api/v1/compare", data={"month": "2023-11", "by": "type"}, files=files, headers=csrf)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["totals"] == {"marsad": 2, "other": 30, "difference": -28}
    assert body["matched"] == [{"marsad": "2023-11-0001", "other": "acled:SYR90000"}]
    bad = client.post("/api/v1/compare", data={"month": "2023-11", "by": "colour"}, files=files, headers=csrf)
    assert bad.status_code == 422 and bad.json()["parameter"] == "by"

    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    runner = CliRunner()
    runner.invoke(app, ["init"])
    result = runner.invoke(app, ["compare", str(INTEROP / "acled_syria_2023_11.csv"), "--month", "2023-11"])
    assert result.exit_code == 0, result.stderr
    assert "November 2023: incidents" in result.stdout and "Only in ACLED: 30" in result.stdout
