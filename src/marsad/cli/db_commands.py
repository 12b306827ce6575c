"""`marsad init` and `marsad db …`: create and upgrade the database schema."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from marsad.cli.context import console, database, default_actor, fail
from marsad.domain.roles import Role
from marsad.services.accounts import AccountError, create_user, list_users
from marsad.storage.engine import unit_of_work
from marsad.storage.migrate import current_revision, head_revision, upgrade


def init(
    admin_email: Annotated[
        str | None, typer.Option(help="Create the first admin with this email and a generated password.")
    ] = None,
) -> None:
    """Create a new Marsad database (or bring an existing one up to date) where MARSAD_DATABASE_URL points.

    Without MARSAD_DATABASE_URL the database is a SQLite file in the data directory
    (MARSAD_DATA_DIR, by default ~/.local/share/marsad). With no user yet, it asks for the first admin's
    email (or takes --admin-email) and prints a generated password once.
    """
    with database(require_schema=False) as (settings, engine):
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
