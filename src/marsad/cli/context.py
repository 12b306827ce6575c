"""What every command needs: settings, an engine on a migrated database, and friendly failures."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from marsad.domain.vocabulary import load_vocabularies
from marsad.settings import Settings, SettingsError, load_settings
from marsad.storage.counting import follow_counting_setting
from marsad.storage.engine import make_engine
from marsad.storage.migrate import current_revision, head_revision

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print what went wrong and what to do, and return the exit to raise."""
    errors.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)


def settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        raise fail(str(error)) from None


@contextmanager
def database(require_schema: bool = True) -> Iterator[tuple[Settings, Engine]]:
    """An engine for the configured database, refusing one that is not initialised or is out of date."""
    chosen = settings()
    engine = make_engine(chosen.database_url)
    try:
        if require_schema:
            try:
                current = current_revision(engine)
            except OperationalError as error:
                raise fail(f"cannot open the database at {chosen.display_url()}: {error.orig}") from None
            if current is None:
                raise fail(f"the database at {chosen.display_url()} is not initialised: run `marsad init`")
            if current != head_revision():
                raise fail(f"the database at {chosen.display_url()} needs upgrading: run `marsad db upgrade`")
            follow_counting_setting(engine, load_vocabularies().counted_grades)
        yield chosen, engine
    finally:
        engine.dispose()


def default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
