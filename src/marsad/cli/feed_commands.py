"""`marsad intake feeds …`, `marsad intake poll`, `marsad intake page`, `marsad intake csv`: feeds, pages and
files into the inbox. Run `marsad intake poll` from cron or a systemd timer (every 5 minutes, say): each feed
is fetched only when its own interval has passed, and a failing one waits longer each time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from marsad.cli.context import application, console, database, fail
from marsad.domain.intake import ChannelKind
from marsad.domain.wording import plural
from marsad.extraction.pipeline import default_extractor
from marsad.intake.csv_items import ItemsFileError, read_items_csv
from marsad.services.feeds import (
    DEFAULT_MINUTES,
    add_csv,
    add_feed,
    add_items,
    due_feeds,
    fetch_all,
    fetch_page,
    record_polls,
)
from marsad.services.intake import IntakeError
from marsad.storage.engine import Writes, unit_of_work
from marsad.storage.intake_store import channels

feeds_app = typer.Typer(help="RSS and Atom feeds the inbox follows.", no_args_is_help=True)


@feeds_app.command("add")
def add_command(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The feed's address (RSS or Atom).")],
    every: Annotated[int, typer.Option(help="Minutes between polls of this feed (5 or more).")] = DEFAULT_MINUTES,
    name: Annotated[str | None, typer.Option(help="The name the desk shows (default: the feed's title).")] = None,
) -> None:
    """Follow a feed: `marsad intake poll` fetches it every so many minutes."""
    with database(ctx) as (_settings, engine), unit_of_work(engine) as session:
        try:
            feed = add_feed(session, url, every, name)
        except IntakeError as error:
            raise fail(str(error)) from None
    console.print(f"Following {feed.url} every {plural(every, 'minute')}; `marsad intake poll` fetches it.")


@feeds_app.command("list")
def list_command(ctx: typer.Context) -> None:
    """The feeds followed, when each was last polled and how it went."""
    with database(ctx) as (_settings, engine), unit_of_work(engine, Writes.NOTHING) as session:
        feeds = channels(session, ChannelKind.FEED)
    table = Table("id", "name", "url", "every", "last poll", "next poll", "state")
    for feed in feeds:
        state = f"[red]failing ({feed.failures}): {feed.last_error}[/]" if feed.last_error else "ok"
        table.add_row(
            str(feed.id),
            feed.name,
            feed.url or "",
            f"{feed.poll_minutes} min",
            f"{feed.last_polled_at:%Y-%m-%d %H:%M}" if feed.last_polled_at else "never",
            f"{feed.next_poll_at:%Y-%m-%d %H:%M}" if feed.next_poll_at else "now",
            state,
        )
    console.print(table)


def poll_command(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", help="Poll every feed now, whatever its interval.")] = False,
) -> None:
    """Fetch the feeds that are due and add their new entries to the inbox (for cron or a systemd timer).
    A feed that fails is retried later; the others go on."""
    with database(ctx) as (settings, engine):
        with unit_of_work(engine, Writes.NOTHING) as session:
            due = due_feeds(session, every=every)
        polls = fetch_all(due, settings.fetcher)  # outside any transaction: no lock is held while fetching
        with unit_of_work(engine) as session:
            record_polls(session, polls, default_extractor(application(ctx).gazetteer))
    for poll in polls:
        if poll.error:
            console.print(f"[red]{poll.feed.name}[/]: {poll.error} (retried later)", highlight=False)
        elif poll.stored:
            console.print(f"{poll.feed.name}: {plural(poll.stored.added, 'new item')}", highlight=False)
    failed = sum(1 for p in polls if p.error)
    console.print(f"Polled {plural(len(polls), 'feed')}: {failed:,} failed.")


def page_command(
    ctx: typer.Context, url: Annotated[str, typer.Argument(help="A web page to add to the inbox (its main text).")]
) -> None:
    """Fetch one page and add its main text, title and date to the inbox."""
    with database(ctx) as (settings, engine):
        try:
            item = fetch_page(url, settings.fetcher)
        except IntakeError as error:
            raise fail(str(error)) from None
        with unit_of_work(engine) as session:
            stored = add_items(session, [item], default_extractor(application(ctx).gazetteer))
    console.print(f"{item.title or url}: {'added' if stored.added else 'already in the inbox'}.")


def csv_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A CSV of items: text, posted, url, title, author.", exists=True)],
    channel: Annotated[str | None, typer.Option(help="The name the desk shows for them (default: the file's).")] = None,
) -> None:
    """Add a CSV file's rows to the inbox; a bad row is named by line and column and nothing is added."""
    try:
        items = read_items_csv(file.read_bytes(), file.name)
    except ItemsFileError as error:
        raise fail(f"{error}. Nothing was added.") from None
    with database(ctx) as (_settings, engine), unit_of_work(engine) as session:
        stored = add_csv(session, items, channel or file.stem, default_extractor(application(ctx).gazetteer))
    console.print(f"{plural(stored.added, 'new item')}, {stored.unchanged:,} already in the inbox.")
