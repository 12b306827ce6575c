from __future__ import annotations

from sqlalchemy import Engine

from marsad.storage.migrate import current_revision, head_revision, schema_drift, upgrade


def test_migrations_bring_the_database_to_the_newest_schema(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()


def test_tables_in_code_and_migrations_do_not_drift(engine: Engine) -> None:
    assert schema_drift(engine) == []


def test_upgrading_an_up_to_date_database_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert schema_drift(engine) == []
