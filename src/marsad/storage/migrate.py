"""Create and upgrade the schema with Alembic, in tests as in production, so the two cannot drift."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine

from marsad.storage.engine import SIGNINS
from marsad.storage.item_search import SEARCH_INDEX, SEARCH_TABLE
from marsad.storage.tables import Base

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def is_known_revision(revision: str) -> bool:
    """True for a schema revision this Marsad has a migration for (a newer Marsad's is unknown)."""
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database's schema to ``revision`` (the newest by default); a no-op when it is there."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database's schema back to ``revision`` (what a migration's downgrade keeps, it keeps)."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def schema_drift(engine: Engine) -> list[object]:
    """Differences between the tables in code and the migrated database (empty when they agree)."""
    with engine.connect() as connection:
        options = {"compare_type": True, "include_schemas": True, "include_name": _ours}
        context = MigrationContext.configure(connection, opts=options)
        return list(compare_metadata(context, Base.metadata))


def _ours(name: str | None, kind: str, _parent: object) -> bool:
    """Only Marsad's schemas count: the default one and the sign-ins one (not PostgreSQL's or SQLite's own);
    and only what the tables in code can declare (not item search's FTS5 tables or expression index)."""
    if kind == "schema":
        return name in (None, SIGNINS)
    if kind == "table":
        return not (name or "").startswith(SEARCH_TABLE)
    return not (kind == "index" and name == SEARCH_INDEX)
