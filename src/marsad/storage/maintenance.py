"""Keeping the query planner informed after bulk changes (one dialect difference, kept here)."""

from __future__ import annotations

from sqlalchemy import Engine, text

from marsad.storage.engine import is_postgresql

# After this many changed incidents, refresh the planner's statistics rather than wait for the database.
BULK_CHANGE = 10_000


def refresh_statistics(engine: Engine) -> None:
    """PostgreSQL: VACUUM ANALYZE (index-only scans need the visibility map); SQLite: ANALYZE.

    Runs outside any transaction, after the import that needed it has committed.
    """
    if is_postgresql(engine):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE incidents, sources, revisions"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
