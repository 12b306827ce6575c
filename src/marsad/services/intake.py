"""Bringing material into the inbox: Telegram exports (and, through ``store_items``, feeds, pages and pasted
texts), each item read by the extraction and grouped into stories with the items it repeats.

The caller owns the transaction: an export is imported whole or, on any error, not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind, Item, ItemFilter, NewItem, searchable
from marsad.extraction.pipeline import Extractor
from marsad.intake.grouping import WINDOW, Text, group
from marsad.intake.suggesting import Reading, read_all
from marsad.intake.telegram import TelegramChannel
from marsad.storage import inbox_store
from marsad.storage import intake_store as store
from marsad.storage.engine import Writes, page_cache_at_most, unit_of_work
from marsad.storage.intake_store import Channel

USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
BATCH = 5_000  # items written at a time: a 100,000-message export's rows at once held 250 MB more
WRITE_CACHE_KIB = 16_384  # SQLite's page cache while items are written: 64 MB was a tenth of a large import's peak


class IntakeError(ValueError):
    """Input the inbox cannot take; the message says what to give instead."""


@dataclass
class Stored:
    """What one import did to one channel."""

    channel: Channel
    added: int = 0
    edited: int = 0  # of the added, new versions of messages already in the inbox
    unchanged: int = 0
    grouped: int = 0  # of the added, items that joined a story


def telegram_key(telegram_id: str) -> str:
    return f"telegram:{telegram_id}"


def clean_username(value: str) -> str:
    """A channel's public name from ``name``, ``@name`` or ``https://t.me/name``."""
    name = value.strip().removeprefix("@")
    name = re.sub(r"^(?:https?://)?(?:www\.)?t(?:elegram)?\.me/", "", name).strip("/")
    if not USERNAME.fullmatch(name):
        raise IntakeError(
            f"{value!r} is not a Telegram channel name: give the name in its t.me address "
            "(5 to 32 letters, digits or _, starting with a letter), e.g. deirezzor24 for t.me/deirezzor24"
        )
    return name


def known_usernames(session: Session, chats: Sequence[TelegramChannel]) -> dict[str, str | None]:
    """For each chat of an export, the channel name given when it was first imported (None: not asked yet)."""
    found = {}
    for chat in chats:
        channel = store.channel_by_key(session, telegram_key(chat.telegram_id))
        found[chat.telegram_id] = channel.username if channel else None
    return found


Ahead = Mapping[tuple[str, int], Reading]  # suggestions read before the write, by (external id, revision)


def read_ahead(
    session: Session, chats: Sequence[TelegramChannel], extractor: Extractor | None = None
) -> dict[str, Ahead]:
    """The suggestions of the messages an import will add, by chat, read in a transaction that writes nothing:
    the extraction of a large export takes a minute, and the import's write transaction (which holds SQLite's
    write lock) need not include it."""
    wanted: dict[str, list[NewItem]] = {}
    for chat in chats:
        channel = store.channel_by_key(session, telegram_key(chat.telegram_id))
        known = store.known_messages(session, channel.id) if channel else set()
        wanted[chat.telegram_id] = [i for i in chat.items if (i.external_id, i.revision) not in known]
    every = [item for items in wanted.values() for item in items]
    readings = iter(read_all([(i.text, i.posted_at.date()) for i in every], extractor))
    return {chat_id: {(i.external_id, i.revision): next(readings) for i in items} for chat_id, items in wanted.items()}


def add_telegram_export(
    engine: Engine, chats: Sequence[TelegramChannel], usernames: Mapping[str, str], extractor: Extractor | None = None
) -> list[Stored]:
    """An export's new and edited messages into the inbox: their suggestions read first in a transaction that
    writes nothing (a large export takes a minute), then written in one transaction of their own, which holds
    SQLite's write lock only for the writing. A chat without its t.me name is refused before any reading."""
    named = all(usernames.get(chat.telegram_id) for chat in chats)
    with unit_of_work(engine, Writes.NOTHING) as session:
        ahead = read_ahead(session, chats, extractor) if named else {}
    with unit_of_work(engine) as session:
        return import_telegram(session, chats, usernames, extractor, ahead)


def import_telegram(
    session: Session,
    chats: Sequence[TelegramChannel],
    usernames: Mapping[str, str],
    extractor: Extractor | None = None,
    ahead: Mapping[str, Ahead] | None = None,
) -> list[Stored]:
    """Add an export's new and edited messages to the inbox; ``usernames`` maps each chat's Telegram id to its
    public name (a channel's name, once given, is kept for later exports). ``ahead`` holds suggestions already
    read (``read_ahead``); any message it lacks is read here."""
    done = []
    for chat in chats:
        username = usernames.get(chat.telegram_id)
        if not username:
            raise IntakeError(f"give the t.me name of the channel {chat.title!r} (--channel NAME)")
        username = clean_username(username)
        channel = store.channel_by_key(session, telegram_key(chat.telegram_id))
        if channel is None:
            channel = store.add_channel(
                session, ChannelKind.TELEGRAM, telegram_key(chat.telegram_id), chat.title[:200], username=username
            )
        elif channel.username != username or channel.name != chat.title[:200]:
            store.update_channel(session, channel.id, username=username, name=chat.title[:200])
            channel = store.channel_by_id(session, channel.id) or channel
        for item in chat.items:
            item.url = f"https://t.me/{username}/{item.external_id}"
        done.append(store_items(session, channel, chat.items, extractor, (ahead or {}).get(chat.telegram_id)))
    return done


def store_items(
    session: Session,
    channel: Channel,
    items: Sequence[NewItem],
    extractor: Extractor | None = None,
    ahead: Ahead | None = None,
) -> Stored:
    """Store the items a channel does not have yet (by external id and revision), each with its suggestion,
    and group them into stories with the items they repeat."""
    known = store.known_messages(session, channel.id)
    known_ids = {external_id for external_id, _ in known}
    fresh = list({(i.external_id, i.revision): i for i in items if (i.external_id, i.revision) not in known}.values())
    result = Stored(channel, added=len(fresh), unchanged=len(items) - len(fresh))
    if not fresh:
        return result
    result.edited = sum(1 for i in fresh if i.external_id in known_ids)
    ready = dict(ahead or {})
    missing = [i for i in fresh if (i.external_id, i.revision) not in ready]
    for item, found in zip(missing, read_all([(i.text, i.posted_at.date()) for i in missing], extractor), strict=True):
        ready[(item.external_id, item.revision)] = found
    readings = [ready[(i.external_id, i.revision)] for i in fresh]
    words = [searchable(f"{i.title or ''} {i.text}") for i in fresh]  # what search and grouping compare
    ids = store.reserve_item_ids(session, len(fresh))
    stories = _stories(session, channel, fresh, ids, words, readings, known_ids)
    result.grouped = len(stories)
    now = dt.datetime.now(dt.UTC)
    with page_cache_at_most(session, WRITE_CACHE_KIB):
        for first in range(0, len(fresh), BATCH):
            batch = range(first, min(first + BATCH, len(fresh)))
            rows = [_row(channel, fresh[n], ids[n], now, words[n], stories.get(ids[n]), readings[n]) for n in batch]
            store.insert_items(session, rows)
    return result


def _row(
    channel: Channel, item: NewItem, item_id: int, now: dt.datetime, words: str, story: int | None, read: Reading
) -> tuple[object, ...]:
    """An item's values in ``store.ITEM_COLUMNS`` order."""
    return (
        item_id,
        channel.id,
        item.external_id,
        item.revision,
        item.posted_at,
        now,
        item.text,
        words,
        read.language,
        item.url,
        item.title,
        item.author,
        item.forwarded_from,
        item.reply_to,
        json.dumps(item.links, ensure_ascii=False) if item.links else None,
        json.dumps([asdict(m) for m in item.media], ensure_ascii=False) if item.media else None,
        "new",
        story,
        read.suggestion,
        read.has_suggestion,
        read.kind,
        read.event_date,
        read.place,
        read.region,
        read.latitude,
        read.longitude,
        read.killed,
        1,
    )


def _stories(
    session: Session,
    channel: Channel,
    fresh: Sequence[NewItem],
    ids: Sequence[int],
    words: Sequence[str],
    readings: Sequence[Reading],
    known_ids: set[str],
) -> dict[int, int]:
    """The story of each new item that repeats another (new item id -> story id). Stored items that a new one
    repeats join its story; new stories are written here, before the items that point to them."""
    start = min(i.posted_at for i in fresh) - WINDOW
    end = max(i.posted_at for i in fresh) + WINDOW
    texts = [
        Text(item_id, item.posted_at, said, read.place, read.event_date, read.killed)
        for item, item_id, said, read in zip(fresh, ids, words, readings, strict=True)
    ]
    story_of: dict[int, int | None] = {}  # stored item -> its story
    for stored_id, story_id, posted, words, place, day, killed in store.recent_texts(session, start, end):
        texts.append(Text(stored_id, posted, words, place, day, killed))
        story_of[stored_id] = story_id
    linked = []
    edited = {i.external_id: item_id for i, item_id in zip(fresh, ids, strict=True) if i.external_id in known_ids}
    if edited:
        for stored_id, external_id, story_id in store.earlier_versions(session, channel.id, edited):
            if stored_id not in story_of:
                texts.append(Text(stored_id, start, ""))  # outside the window: joined by the link alone
            story_of[stored_id] = story_id
            linked.append((edited[external_id], stored_id))
    groups = group(texts, linked)
    stories_of_group = [sorted({s for k in members if (s := story_of.get(k)) is not None}) for members in groups]
    new_stories = store.reserve_story_ids(session, sum(1 for found in stories_of_group if not found))
    store.insert_stories(session, new_stories, dt.datetime.now(dt.UTC))
    spare = iter(new_stories)
    assigned: dict[int, int] = {}
    for members, found in zip(groups, stories_of_group, strict=True):
        story = found[0] if found else next(spare)
        store.merge_stories(session, found, story)
        store.set_story(session, [k for k in members if k in story_of and story_of[k] is None], story)
        assigned.update({k: story for k in members if k not in story_of})
    return assigned


def list_items(session: Session, selection: ItemFilter, limit: int = 50) -> list[Item]:
    """The inbox's items, newest first (one function for the desk, the CLI and the CSV)."""
    return inbox_store.list_items(session, selection, limit)
