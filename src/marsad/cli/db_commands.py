"""`marsad init`, `marsad db …`, `marsad backup` and `marsad restore`: the database itself."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.context import console, database, default_actor, fail
from marsad.domain.roles import Role
from marsad.services.accounts import AccountError, create_user, list_users
from marsad.storage.backup import BackupError, backup, restore
from marsad.storage.engine import unit_of_work
from marsad.storage.maintenance import refresh_after_upgrade
from marsad.storage.migrate import upgrade
from marsad.storage.schema_version import current_revision, head_revision


def init(
    ctx: typer.Context,
    admin_email: Annotated[
        str | None, typer.Option(help="Create the first admin with this email and a generated password.")
    ] = None,
) -> None:
    """Create a new Marsad database (or bring an existing one up to date) where MARSAD_DATABASE_URL points.

    Without MARSAD_DATABASE_URL the database is a SQLite file in the data directory
    (MARSAD_DATA_DIR, by default ~/.local/share/marsad). With no user yet, it asks for the first admin's
    email (or takes --admin-email) and prints a generated password once.
    """
    with database(ctx, require_schema=False) as (settings, engine):
        existed = current_revision(engine) is not None
        upgrade(engine)
        state = "is up to date" if existed else "was created"
        console.print(f"The database at [bold]{settings.display_url()}[/] {state} (schema {head_revision()}).")
        with unit_of_work(engine) as session:
            if list_users(session):
                return
            email = admin_email
            if email is None and sys.stdin.isatty():
                email = typer.prompt("Email of the first admin (blank: later)", default="", show_default=False)
            if not email:
                console.print("No users yet: add the first admin with `marsad users add EMAIL --role admin`.")
                return
            try:
                user, password = create_user(session, email, "", Role.ADMIN, default_actor())
            except AccountError as error:
                raise fail(str(error)) from None
        console.print(f"Admin {user.email} created. Password (shown once): [bold]{password}[/]")


def db_upgrade(ctx: typer.Context) -> None:
    """Apply any schema migrations the database lacks (safe to run repeatedly)."""
    with database(ctx, require_schema=False) as (settings, engine):
        before = current_revision(engine)
        upgrade(engine)
        after = head_revision()
        if before not in (None, after):
            refresh_after_upgrade(engine)  # what the migrations rewrote
        if before == after:
            console.print(f"{settings.display_url()} is already at schema {after}.")
        else:
            console.print(f"{settings.display_url()} upgraded from {before or 'empty'} to schema {after}.")


def db_current(ctx: typer.Context) -> None:
    """Print the database's schema revision and the newest one this Marsad knows."""
    with database(ctx, require_schema=False) as (settings, engine):
        console.print(
            f"{settings.display_url()}: schema {current_revision(engine) or 'none'} (newest {head_revision()})"
        )


def backup_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the backup (SQLite: and FILE-signins.db beside it).")],
) -> None:
    """Back up everything (incidents and their history, users, tokens, sign-ins, audit log, reports) while the
    server runs: SQLite's VACUUM INTO, or pg_dump for PostgreSQL. Restore it with `marsad restore FILE`."""
    with database(ctx) as (settings, engine):
        try:
            files = backup(engine, file)
        except BackupError as error:
            raise fail(str(error)) from None
    written = " and ".join(f"{f} ({f.stat().st_size / 2**20:,.1f} MB)" for f in files)
    console.print(f"Backup of {settings.display_url()} written to {written}.")


def restore_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `marsad backup`.", exists=True, dir_okay=False)],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before replacing the database's content.")] = False,
) -> None:
    """Replace the database's whole content with a backup, then apply any migrations it lacks. Stop the server
    first (`marsad serve`), and start it again afterwards."""
    with database(ctx, require_schema=False) as (settings, engine):
        if not yes:
            if not sys.stdin.isatty():
                raise fail("restore replaces everything in the database: add --yes to confirm")
            typer.confirm(f"Replace everything in {settings.display_url()} with the backup {file}?", abort=True)
        try:
            restore(engine, file)
        except BackupError as error:
            raise fail(str(error)) from None
        console.print(f"{settings.display_url()} restored from {file} (schema {current_revision(engine)}).")


db_app = typer.Typer(help="The database schema (Alembic migrations).", no_args_is_help=True)
db_app.command("upgrade")(db_upgrade)
db_app.command("current")(db_current)
