from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from marsad.domain.intake import ItemFilter
from marsad.storage.engine import make_engine
from marsad.storage.inbox_store import list_items, new_per_channel
from marsad.storage.migrate import MIGRATIONS, downgrade, schema_drift, upgrade
from marsad.storage.schema_version import current_revision, head_revision
from tests.conftest import throwaway_postgres


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


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database of each kind with no schema yet, for migrating step by step."""
    with ExitStack() as stack:
        url = (
            f"sqlite:///{tmp_path / 'old.db'}"
            if request.param == "sqlite"
            else stack.enter_context(throwaway_postgres())
        )
        built = make_engine(url)
        stack.callback(built.dispose)
        yield built


def test_confirmed_yes_and_no_become_the_grades_confirmed_and_weak_in_0012(empty_engine: Engine) -> None:
    upgrade(empty_engine, "0011")
    columns = "id, kind, date, date_precision, type, perpetrator, attribution, confirmed, counted, exclusion_reason"
    with empty_engine.begin() as connection:
        for incident_id, confirmed, counted, reason in (
            ("2023-11-0001", True, True, None),
            ("2023-11-0002", False, False, "not confirmed"),
            ("2023-11-0003", True, False, "duplicate of 2023-11-0001"),
        ):
            connection.execute(
                text(
                    f"INSERT INTO incidents ({columns}, status, version, created_at, updated_at) VALUES "
                    "(:id, 'attack', '2023-11-01', 'day', 'ied', 'isis', 'unknown', :confirmed, :counted, :reason, "
                    "'published', 1, '2023-11-02', '2023-11-02')"
                ),
                {"id": incident_id, "confirmed": confirmed, "counted": counted, "reason": reason},
            )
        connection.execute(
            text(
                "INSERT INTO revisions (incident_id, changed_at, actor, via, action, field, before, after) VALUES "
                "('2023-11-0002', '2023-11-03', 'editor', 'web', 'update', 'confirmed', 'true', 'false')"
            )
        )
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        rows = connection.execute(text("SELECT id, grade, counted, exclusion_reason FROM incidents ORDER BY id")).all()
        rule = connection.execute(text("SELECT counted_grades FROM counting_rule")).scalar_one()
        change = connection.execute(text("SELECT field, before, after FROM revisions")).one()
    assert [tuple(row) for row in rows] == [
        ("2023-11-0001", "confirmed", True, None),
        ("2023-11-0002", "weak", False, "not confirmed"),
        ("2023-11-0003", "confirmed", False, "duplicate of 2023-11-0001"),
    ]
    assert rule == "confirmed,fair"  # the default rule counts the mapped records exactly as confirmed did
    assert tuple(change) == ("grade", '"confirmed"', '"weak"')  # the history reads on in grades
    assert schema_drift(empty_engine) == []
    downgrade(empty_engine, "0011")
    with empty_engine.connect() as connection:
        back = connection.execute(text("SELECT id, confirmed FROM incidents ORDER BY id")).all()
        change = connection.execute(text("SELECT field, before, after FROM revisions")).one()
    assert [tuple(row) for row in back] == [("2023-11-0001", True), ("2023-11-0002", False), ("2023-11-0003", True)]
    assert tuple(change) == ("confirmed", "true", "false")


def test_items_stored_before_0016_are_found_by_search_and_leave_it_when_deleted(empty_engine: Engine) -> None:
    upgrade(empty_engine, "0015")
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO intake_channels (id, kind, key, name, failures, created_at) "
                "VALUES (1, 'telegram', 'telegram:1', 'Channel', 0, '2023-11-02')"
            )
        )
        for item_id, words in ((1, "استهداف دورية بالرقه"), (2, "isis attacked a checkpoint")):
            connection.execute(
                text(
                    "INSERT INTO intake_items (id, channel_id, external_id, revision, posted_at, imported_at, text, "
                    "search_text, status, has_suggestion, version) VALUES "
                    "(:id, 1, :id, 0, '2023-11-02', '2023-11-02', :words, :words, 'new', false, 1)"
                ),
                {"id": item_id, "words": words},
            )
    upgrade(empty_engine)
    assert schema_drift(empty_engine) == []

    def found(query: str) -> list[int]:
        with empty_engine.connect() as connection, Session(bind=connection) as session:
            return [i.id for i in list_items(session, ItemFilter(text=query))]

    assert found("الرقة") == [1] and found("attack") == [2]
    with empty_engine.begin() as connection:
        connection.execute(text("DELETE FROM intake_channels"))  # its items go with it
    assert found("الرقة") == [] and found("attack") == []
    if empty_engine.dialect.name == "sqlite":  # the FTS5 index holds no words of the deleted items either
        with empty_engine.connect() as connection:
            left = connection.execute(text("SELECT count(*) FROM intake_search WHERE intake_search MATCH 'attack'"))
        assert left.scalar_one() == 0
    downgrade(empty_engine, "0015")
    assert current_revision(empty_engine) == "0015"


def test_items_stored_before_0017_are_counted_per_channel_and_status(empty_engine: Engine) -> None:
    upgrade(empty_engine, "0016")
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO intake_channels (id, kind, key, name, failures, created_at) VALUES "
                "(1, 'telegram', 'telegram:1', 'Busy', 0, '2023-11-02'), "
                "(2, 'feed', 'feed:2', 'Quiet', 0, '2023-11-02')"
            )
        )
        for item_id, status in enumerate(("new", "new", "dismissed", "new", "handled"), start=1):
            connection.execute(
                text(
                    "INSERT INTO intake_items (id, channel_id, external_id, revision, posted_at, imported_at, text, "
                    "search_text, status, has_suggestion, version) VALUES "
                    "(:id, 1, :id, 0, '2023-11-02', '2023-11-02', 'a text', 'a text', :status, false, 1)"
                ),
                {"id": item_id, "status": status},
            )
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        counts = connection.execute(text("SELECT channel_id, status, total FROM intake_counts")).all()
        with Session(bind=connection) as session:
            waiting = [(channel.name, n) for channel, n in new_per_channel(session)]
    assert sorted(tuple(row) for row in counts) == [
        (1, "dismissed", 1),
        (1, "handled", 1),
        (1, "new", 3),
        (2, "dismissed", 0),
        (2, "handled", 0),
        (2, "new", 0),
    ]
    assert waiting == [("Busy", 3), ("Quiet", 0)]
    downgrade(empty_engine, "0016")
    assert current_revision(empty_engine) == "0016"


def test_the_start_check_reads_the_revisions_alembic_reads(empty_engine: Engine) -> None:
    """schema_version reads what Alembic would, without importing it at every command's start."""
    assert head_revision() == ScriptDirectory(str(MIGRATIONS)).get_current_head()
    for revision in (None, "0003", "head"):
        if revision:
            upgrade(empty_engine, revision)
        with empty_engine.connect() as connection:
            assert current_revision(empty_engine) == MigrationContext.configure(connection).get_current_revision()
    assert current_revision(empty_engine) == head_revision()
