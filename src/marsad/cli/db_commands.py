"""`marsad init` and `marsad db …`: create and upgrade the database schema."""

from __future__ import annotations

from marsad.cli.context import console, database
from marsad.storage.migrate import current_revision, head_revision, upgrade


def init() -> None:
    """Create a new Marsad database (or bring an existing one up to date) where MARSAD_DATABASE_URL points.

    Without MARSAD_DATABASE_URL the database is a SQLite file in the data directory
    (MARSAD_DATA_DIR, by default ~/.local/share/marsad).
    """
    with database(require_schema=False) as (settings, engine):
        existed = current_revision(engine) is not None
        upgrade(engine)
        state = "is up to date" if existed else "was created"
        console.print(f"The database at [bold]{settings.display_url()}[/] {state} (schema {head_revision()}).")


def db_upgrade() -> None:
    """Apply any schema migrations the database lacks (safe to run repeatedly)."""
    with database(require_schema=False) as (settings, engine):
        before = current_revision(engine)
        upgrade(engine)
        after = head_revision()
        if before == after:
            console.print(f"{settings.display_url()} is already at schema {after}.")
        else:
            console.print(f"{settings.display_url()} upgraded from {before or 'empty'} to schema {after}.")


def db_current() -> None:
    """Print the database's schema revision and the newest one this Marsad knows."""
    with database(require_schema=False) as (settings, engine):
        console.print(
            f"{settings.display_url()}: schema {current_revision(engine) or 'none'} (newest {head_revision()})"
        )
