"""`marsad users …`: accounts of the editorial desk, for the admin at the command line."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from marsad.cli.context import console, database, default_actor, fail
from marsad.domain.roles import ROLE_HELP, Role, parse_role
from marsad.services.accounts import (
    AccountError,
    create_user,
    list_users,
    reset_password,
    set_disabled,
    set_role,
)
from marsad.storage.engine import unit_of_work

ROLES = ", ".join(f"{r.value} ({ROLE_HELP[r]})" for r in Role)


def _role(text: str) -> Role:
    try:
        return parse_role(text)
    except ValueError as error:
        raise fail(str(error), 2) from None


def add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The person's email; they sign in with it.")],
    role: Annotated[str, typer.Option(help=f"One of: {ROLES}.")] = "contributor",
    name: Annotated[str, typer.Option(help="Their name, as colleagues see it.")] = "",
) -> None:
    """Add a user with a generated password, printed once: pass it on safely."""
    chosen = _role(role)
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        try:
            user, password = create_user(session, email, name, chosen, default_actor())
        except AccountError as error:
            raise fail(str(error)) from None
    console.print(f"Added {user.email} as {user.role.value}. Password (shown once): [bold]{password}[/]")


def list_command(ctx: typer.Context) -> None:
    """Every user with role and state."""
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        users = list_users(session)
    table = Table("email", "name", "role", "state")
    for user in users:
        table.add_row(user.email, user.name, user.role.value, "disabled" if user.disabled else "active")
    console.print(table)


def set_role_command(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user's email.")],
    role: Annotated[str, typer.Argument(help=f"One of: {ROLES}.")],
) -> None:
    """Change what a user may do."""
    chosen = _role(role)
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        try:
            user = set_role(session, email, chosen, default_actor())
        except AccountError as error:
            raise fail(str(error)) from None
    console.print(f"{user.email} is now {user.role.value}.")


def disable(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user's email.")],
    enable: Annotated[bool, typer.Option("--enable", help="Enable the account again instead.")] = False,
) -> None:
    """Stop a user signing in (their sessions end and their API tokens stop working at once)."""
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        try:
            user = set_disabled(session, email, not enable, default_actor())
        except AccountError as error:
            raise fail(str(error)) from None
    console.print(f"{user.email} is {'disabled' if user.disabled else 'active'}.")


def reset_password_command(ctx: typer.Context, email: Annotated[str, typer.Argument(help="The user's email.")]) -> None:
    """Give a user a new generated password, printed once; their sessions end."""
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        try:
            password = reset_password(session, email, default_actor())
        except AccountError as error:
            raise fail(str(error)) from None
    console.print(f"New password for {email} (shown once): [bold]{password}[/]")


users_app = typer.Typer(
    help="Accounts of the editorial desk: add, list, set-role, disable, reset-password.", no_args_is_help=True
)
users_app.command("add")(add)
users_app.command("list")(list_command)
users_app.command("set-role")(set_role_command)
users_app.command("disable")(disable)
users_app.command("reset-password")(reset_password_command)
