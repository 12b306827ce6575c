"""What every command needs: its application (settings, engine, vocabularies, gazetteer), a migrated database,
and friendly failures.

The command line is one of the application's edges: the application is built from the environment once per
command, kept in Typer's context, and closed with it.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from marsad.application import Application
from marsad.settings import Settings, SettingsError
from marsad.storage.counting import follow_counting_setting
from marsad.storage.schema_version import current_revision, head_revision

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print what went wrong and what to do, and return the exit to raise."""
    errors.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)


def application(ctx: typer.Context) -> Application:
    """The command's application, built from the environment on first use and closed when the command ends."""
    root = ctx.find_root()
    if isinstance(root.obj, Application):
        return root.obj
    try:
        built = Application.from_environment()
    except SettingsError as error:
        raise fail(str(error)) from None
    root.obj = built
    root.call_on_close(built.close)
    return built


def settings(ctx: typer.Context) -> Settings:
    return application(ctx).settings


@contextmanager
def database(ctx: typer.Context, require_schema: bool = True) -> Iterator[tuple[Settings, Engine]]:
    """The settings and the engine of the configured database, refusing one that is not initialised or is out of
    date; its connections are closed when the block ends."""
    chosen = application(ctx)
    engine = chosen.engine
    try:
        if require_schema:
            shown = chosen.settings.display_url()
            try:
                current = current_revision(engine)
            except OperationalError as error:
                raise fail(f"cannot open the database at {shown}: {error.orig}") from None
            if current is None:
                raise fail(f"the database at {shown} is not initialised: run `marsad init`")
            if current != head_revision():
                raise fail(f"the database at {shown} needs upgrading: run `marsad db upgrade`")
            follow_counting_setting(engine, chosen.vocabularies.counted_grades)
        yield chosen.settings, engine
    finally:
        engine.dispose()


def default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
