"""Real files land whole: a fixture of real UCDP GED events (tests/data/ucdp, CC BY 4.0, see its SOURCE.md) and
an ACLED-layout file with ACLED's own spellings of Syria's actors, each checked month by month and governorate
by governorate against a computation made here from the file alone."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.acled import read_acled
from marsad.io.ged import read_ged
from marsad.services.importing import import_rows
from marsad.storage.tables import INCIDENTS

DATA = Path(__file__).resolve().parents[1] / "data"
GED_FIXTURE = DATA / "ucdp" / "ged_syria_v19_1_fixture.csv"
ACLED_FIXTURE = DATA / "interop" / "acled_syria_actors.csv"
OUTLINES = Path(__file__).resolve().parents[2] / "src" / "marsad" / "gazetteer" / "data" / "boundaries.geojson"


def governorate_outlines() -> list[tuple[str, object]]:
    features = json.loads(OUTLINES.read_text(encoding="utf-8"))["features"]
    return [
        (f["properties"]["name"], shape(f["geometry"])) for f in features if f["properties"]["layer"] == "governorate"
    ]


def expected_places(rows: list[dict[str, str]], key: str, day: str) -> dict[str, tuple[str, str | None]]:
    """Each event's month and the governorate whose outline holds its coordinates (None: outside them all)."""
    outlines = governorate_outlines()
    places = {}
    for row in rows:
        point = Point(float(row["longitude"]), float(row["latitude"]))
        places[row[key]] = (row[day][:7], next((name for name, outline in outlines if outline.intersects(point)), None))
    return places


def stored_places(session: Session, prefix: str) -> dict[str, tuple[str, str | None]]:
    c = INCIDENTS.c
    found = session.execute(select(c.id, _month(c.date), c.admin1).where(c.id.like(f"{prefix}%")))
    return {incident_id.removeprefix(prefix): (month, admin1) for incident_id, month, admin1 in found}


def _month(column: Any) -> Any:
    """YYYY-MM of a date column, on SQLite and PostgreSQL alike."""
    return func.substr(func.cast(column, String(10)), 1, 7)


def assert_same_months_and_governorates(expected: dict[str, tuple[str, str | None]], stored: dict) -> None:
    """Counts by month and governorate agree; an event on no outline (the simplified coast and borders leave a
    few) takes its nearest place's governorate, and is counted in its month all the same."""
    inside = {k: v for k, v in expected.items() if v[1] is not None}
    assert Counter(stored[k] for k in inside) == Counter(inside.values())
    assert Counter(m for m, _ in stored.values()) == Counter(m for m, _ in expected.values())
    assert all(stored[k][1] is not None for k in expected.keys() - inside.keys())


def test_every_real_ged_event_lands_with_ucdps_months_governorates_and_deaths(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    with GED_FIXTURE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    report = import_rows(session, read_ged(GED_FIXTURE), vocab=vocab, gazetteer=gazetteer, actor="test")
    assert (report.rows, report.written.created, report.bad_rows) == (len(rows), len(rows), 0) == (615, 615, 0)
    assert not report.unmapped  # the shipped mapping names every side of the sample
    expected = expected_places(rows, "id", "date_start")
    assert_same_months_and_governorates(expected, stored_places(session, "ged:"))
    assert sum(1 for _, governorate in expected.values() if governorate is None) == 3  # of 615
    c = INCIDENTS.c
    sums = session.execute(
        select(
            func.sum(c.deaths_low),
            func.sum(c.deaths_best),
            func.sum(c.deaths_high),
            func.sum(
                func.coalesce(c.military_killed, 0)
                + func.coalesce(c.civilian_killed, 0)
                + func.coalesce(c.perpetrators_killed, 0)
                + func.coalesce(c.unknown_killed, 0)
            ),
        )
    ).one()
    best = sum(int(r["best"]) for r in rows)
    assert tuple(sums) == (sum(int(r["low"]) for r in rows), best, sum(int(r["high"]) for r in rows), best)
    by_month = Counter()
    for r in rows:
        by_month[r["date_start"][:7]] += int(r["best"])
    month = _month(c.date)
    stored_deaths = dict(session.execute(select(month, func.sum(c.deaths_best)).group_by(month)).all())
    assert stored_deaths == dict(by_month)
    outside = session.execute(
        select(c.counted, c.exclusion_reason, func.count())
        .where(c.region.is_(None))
        .group_by(c.counted, c.exclusion_reason)
    )
    assert [(counted, reason) for counted, reason, _ in outside] == [(False, "outside the monitored area")]
    # an event UCDP dates over several days keeps its last day, and counts in the month it began
    spans = {f"ged:{r['id']}": r["date_end"][:10] for r in rows if r["date_end"][:10] != r["date_start"][:10]}
    stored_spans = session.execute(select(c.id, c.date_latest).where(c.date_latest.is_not(None))).all()
    assert {incident_id: day.isoformat() for incident_id, day in stored_spans} == spans
    assert len(spans) == 34 and session.execute(select(c.date).where(c.id == "ged:312868")).scalar() == dt.date(
        2016, 5, 31
    )


def test_acled_spellings_of_syrias_actors_land_with_their_keys_months_and_governorates(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    with ACLED_FIXTURE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    report = import_rows(session, read_acled(ACLED_FIXTURE), vocab=vocab, gazetteer=gazetteer, actor="test")
    assert (report.written.created, report.bad_rows, dict(report.unmapped)) == (len(rows), 0, {})
    expected = expected_places(rows, "event_id_cnty", "event_date")
    assert stored_places(session, "acled:") == expected
    c = INCIDENTS.c
    killed = func.coalesce(c.military_killed, 0) + func.coalesce(c.civilian_killed, 0)
    killed = killed + func.coalesce(c.perpetrators_killed, 0) + func.coalesce(c.unknown_killed, 0)
    assert session.execute(select(func.sum(killed))).scalar() == sum(int(r["fatalities"]) for r in rows)
    keys = dict(session.execute(select(c.target_original, c.target).where(c.target_original.is_not(None))).all())
    assert keys["Asayish"] == "asayish" and keys["QSD: Syrian Democratic Forces"] == "sdf"
    assert keys["Civilians (Syria)"] == "civilian"
    perpetrators = dict(session.execute(select(c.perpetrator_original, c.perpetrator)).all())
    assert (
        perpetrators["Islamic State (Syria)"] == "isis" and perpetrators["Military Forces of Turkey (2016-)"] == "other"
    )
    forces = dict(session.execute(select(c.conducted_by_original, c.conducted_by).where(c.kind == "raid")).all())
    assert forces["Asayish"] == "asayish"
