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


def refresh_after_upgrade(engine: Engine) -> None:
    """PostgreSQL: VACUUM ANALYZE every table after migrations changed the schema. A migration that fills a
    column rewrites each row of its table (0016: every inbox item), and until a vacuum passes the index-only
    scans read the heap: counting a channel's 160,000 waiting items took over a second instead of 30 ms.
    SQLite keeps no visibility map, and its statistics are refreshed after bulk imports as before.
    """
    if is_postgresql(engine):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
