from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from marsad.storage.maintenance import refresh_after_upgrade, refresh_statistics


def test_planner_statistics_are_refreshed_on_both_databases(engine: Engine) -> None:
    refresh_statistics(engine)
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            vacuumed = connection.execute(
                text("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'incidents'")
            ).scalar_one()
            assert vacuumed
        else:
            assert connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar()


def test_after_an_upgrade_postgresql_has_vacuumed_the_inbox_items_a_migration_rewrote(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no visibility map for a vacuum to refresh")
    refresh_after_upgrade(engine)
    with engine.connect() as connection:
        vacuumed = connection.execute(
            text("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'intake_items'")
        ).scalar_one()
    assert vacuumed
