"""`marsad sources …`: keep sources reachable: archive pages as WARC, check which links have died."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.cli.context import application, console, database, default_actor, errors, fail
from marsad.domain.roles import Role
from marsad.domain.wording import plural
from marsad.services.accounts import User
from marsad.services.archiving import ArchiveError, archive_source, check_links, source_urls
from marsad.services.editing import EditRefused
from marsad.storage.engine import unit_of_work


def check(
    ctx: typer.Context, limit: Annotated[int, typer.Option(help="Check at most this many URLs (0: all).", min=0)] = 0
) -> None:
    """Fetch every source URL and mark the ones that no longer answer (run it weekly, e.g. from cron)."""
    with database(ctx) as (settings, engine), unit_of_work(engine) as session:
        urls = source_urls(session)[: limit or None]
        dead = []
        columns = (TextColumn("Checking links"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=errors) as progress:
            task = progress.add_task("check", total=len(urls))
            for result in check_links(session, urls, settings.fetcher):
                if not result.alive:
                    dead.append(result)
                progress.advance(task)
    for result in dead:
        console.print(f"dead: {result.url} ({result.detail})")
    console.print(f"Checked {plural(len(urls), 'link')}: {len(dead):,} dead.")


def archive(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(help="The incident whose source to archive.")],
    source: Annotated[int, typer.Option(help="Which of its sources, from 1.", min=1)] = 1,
) -> None:
    """Fetch a source's page now and keep it as WARC in the archive directory, with its SHA-256."""
    operator = User(0, default_actor(), default_actor(), Role.ADMIN, False)  # the admin at the command line
    with database(ctx) as (settings, engine), unit_of_work(engine) as session:
        try:
            digest = archive_source(
                session,
                incident_id,
                source - 1,
                settings.archive_dir,
                operator,
                application(ctx).vocabularies,
                settings.fetcher,
            )
        except (ArchiveError, EditRefused) as error:
            raise fail(str(error)) from None
    console.print(f"Archived source {source} of {incident_id}: sha256 {digest} in {settings.archive_dir}")


sources_app = typer.Typer(help="Sources: archive pages as WARC, find dead links.", no_args_is_help=True)
sources_app.command("check")(check)
sources_app.command("archive")(archive)
