from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from marsad.storage.engine import make_engine
from marsad.storage.migrate import current_revision, head_revision, schema_drift, upgrade


def test_migrations_bring_the_database_to_the_newest_schema(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()


def test_tables_in_code_and_migrations_do_not_drift(engine: Engine) -> None:
    assert schema_drift(engine) == []


def test_upgrading_an_up_to_date_database_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert schema_drift(engine) == []


def test_ged_estimates_kept_in_notes_before_0009_move_into_their_fields(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0008")
        columns = "id, kind, date, date_precision, type, perpetrator, attribution, confirmed, counted, status"
        with engine.begin() as connection:
            for incident_id, notes in (
                ("ged:400000", "UCDP GED 400000: deaths best 4, low 3, high 6; 1 of unknown status"),
                ("ged:400001", "UCDP GED 400001: deaths best 3, low 2, high 5"),
                ("2019-07-0001", "a researcher's note"),
            ):
                connection.execute(
                    text(
                        f"INSERT INTO incidents ({columns}, notes, version, created_at, updated_at) VALUES "
                        "(:id, 'attack', '2023-11-01', 'day', 'ied', 'isis', 'unknown', 0, 0, 'draft', :notes, 1, "
                        "'2023-11-02', '2023-11-02')"
                    ),
                    {"id": incident_id, "notes": notes},
                )
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, unknown_killed, deaths_low, deaths_best, deaths_high FROM incidents ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("2019-07-0001", None, None, None, None),
        ("ged:400000", 1, 3, 4, 6),
        ("ged:400001", None, 2, 3, 5),
    ]
