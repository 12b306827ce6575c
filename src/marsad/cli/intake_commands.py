"""`marsad intake …`: bring Telegram exports into the inbox, and list its items for scripts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from marsad.cli import feed_commands
from marsad.cli.context import application, console, database, fail
from marsad.domain.intake import Item, ItemFilter, ItemFilterError
from marsad.domain.wording import plural
from marsad.extraction.pipeline import default_extractor
from marsad.intake.telegram import ExportError, TelegramChannel, read_export
from marsad.services.intake import (
    IntakeError,
    add_telegram_export,
    clean_username,
    known_usernames,
    list_items,
)
from marsad.storage.engine import Writes, unit_of_work

intake_app = typer.Typer(
    help="The inbox of raw material before incidents: Telegram exports, feeds, pages and CSV files in, items listed.",
    no_args_is_help=True,
)
intake_app.add_typer(feed_commands.feeds_app, name="feeds")
intake_app.command("poll")(feed_commands.poll_command)
intake_app.command("page")(feed_commands.page_command)
intake_app.command("csv")(feed_commands.csv_command)


@intake_app.command("telegram")
def telegram_command(
    ctx: typer.Context,
    export: Annotated[
        Path, typer.Argument(help="The result.json Telegram Desktop wrote (one channel or a whole account).")
    ],
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            help="The channel's name in its t.me address (for https://t.me/NAME/ID citations); asked once per "
            "channel and kept. For an account export give TITLE=NAME or ID=NAME per channel.",
        ),
    ] = None,
) -> None:
    """Add the export's new and edited messages to the inbox, each with its suggestion; a later export of the
    same channel adds only what is new. A broken export names the file, message and field, and adds nothing."""
    try:
        chats = read_export(export)
    except ExportError as error:
        raise fail(f"{error}. Nothing was imported.") from None
    with database(ctx) as (_settings, engine):
        with unit_of_work(engine, Writes.NOTHING) as session:
            usernames = _usernames(chats, channel or [], known_usernames(session, chats))
        try:
            with console.status(f"Reading {plural(sum(len(c.items) for c in chats), 'message')}…"):
                extractor = default_extractor(application(ctx).gazetteer)
                done = add_telegram_export(engine, chats, usernames, extractor)
        except IntakeError as error:
            raise fail(f"{error}. Nothing was imported.") from None
    for stored in done:
        edited = f" ({stored.edited:,} edited)" if stored.edited else ""
        console.print(
            f"{stored.channel.name} (t.me/{stored.channel.username}): {plural(stored.added, 'new item')}{edited}, "
            f"{stored.unchanged:,} already in the inbox, {stored.grouped:,} grouped with items they repeat."
        )


def _usernames(chats: list[TelegramChannel], given: list[str], known: dict[str, str | None]) -> dict[str, str]:
    """Each chat's t.me name: from --channel, else as given at an earlier import, else asked (once)."""
    named: dict[str, str] = {}
    plain = [g for g in given if "=" not in g]
    for pair in (g for g in given if "=" in g):
        which, username = pair.rsplit("=", 1)
        named[which.strip()] = username.strip()
    if plain and len(chats) > 1:
        raise fail("the export has several channels: give --channel TITLE=NAME (or ID=NAME) for each")
    found = {}
    for chat in chats:
        name = plain[0] if plain else named.get(chat.telegram_id) or named.get(chat.title) or known[chat.telegram_id]
        if name is None:
            if not sys.stdin.isatty():
                raise fail(f"give the t.me name of {chat.title!r} with --channel NAME (it is asked only once)")
            name = str(typer.prompt(f"The t.me name of {chat.title!r} (https://t.me/NAME)"))
        try:
            found[chat.telegram_id] = clean_username(name)
        except IntakeError as error:
            raise fail(str(error)) from None
    return found


@intake_app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="new, handled or dismissed (comma-separated).")] = None,
    channel: Annotated[str | None, typer.Option(help="Channel numbers (see the desk), comma-separated.")] = None,
    language: Annotated[str | None, typer.Option(help="Language codes: ar, en, ku, ckb…")] = None,
    region: Annotated[str | None, typer.Option(help="Region keys of the vocabulary.")] = None,
    place: Annotated[str | None, typer.Option(help="The suggested place's name.")] = None,
    since: Annotated[str | None, typer.Option("--from", help="Posted on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Posted on or before (YYYY-MM-DD).")] = None,
    suggested: Annotated[
        str | None, typer.Option(help="yes: only items with a suggested incident; no: without.")
    ] = None,
    search: Annotated[str | None, typer.Option("--q", help="Words the text contains (any script).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many items, newest first.", min=1)] = 100,
    output: Annotated[
        str, typer.Option("--format", help="table or json (one object per item, for scripts).")
    ] = "table",
) -> None:
    """The inbox's items with their status and suggestion."""
    if output not in ("table", "json"):
        raise fail(f"--format {output!r}: give table or json")
    params = {
        "status": status,
        "channel": channel,
        "language": language,
        "region": region,
        "place": place,
        "from": since,
        "to": until,
        "suggested": suggested,
        "q": search,
    }
    try:
        selection = ItemFilter.from_params({k: v for k, v in params.items() if v})
    except ItemFilterError as error:
        raise fail(str(error)) from None
    with database(ctx) as (_settings, engine), unit_of_work(engine) as session:
        items = list_items(session, selection, limit)
    if output == "json":
        console.print_json(json.dumps([item_json(item) for item in items], ensure_ascii=False))
        return
    table = Table("id", "posted", "channel", "status", "suggestion", "text")
    for item in items:
        table.add_row(
            str(item.id),
            f"{item.posted_at:%Y-%m-%d %H:%M}",
            item.channel,
            item.status.value,
            " ".join(v for v in (item.kind, item.place) if v) or "–",
            " ".join(item.text.split())[:80],
        )
    console.print(table)
    console.print(f"{plural(len(items), 'item')} shown, newest first.")


def item_json(item: Item) -> dict[str, Any]:
    """An item as `marsad intake list --format json` prints it."""
    return {
        "id": item.id,
        "channel": item.channel,
        "external_id": item.external_id,
        "revision": item.revision,
        "posted_at": item.posted_at.isoformat(),
        "url": item.url,
        "language": item.language,
        "status": item.status.value,
        "story": item.story_id,
        "duplicate_of": item.duplicate_of,
        "incident": item.incident_id,
        "text": item.text,
        "links": item.links,
        "media": [m.kind for m in item.media],
        "forwarded_from": item.forwarded_from,
        "reply_to": item.reply_to,
        "suggestion": item.suggestion,
    }
