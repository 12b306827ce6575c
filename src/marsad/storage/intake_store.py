"""The intake's writing SQL: channels and feeds, items (written in bulk, never edited) and their stories.

Reading items is storage.inbox_store, triage's record storage.triage_store. Nothing here is reachable from a
public route (the privacy walk in tests/web checks it). The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind
from marsad.domain.item_search import index_words
from marsad.storage.bulk import bulk_insert
from marsad.storage.engine import is_postgresql
from marsad.storage.inbox_counts import add_counts, start_counts
from marsad.storage.tables import INTAKE_CHANNELS, INTAKE_ITEMS, INTAKE_STORIES
from marsad.storage.timestamps import utc

ITEM_COLUMNS = (
    "id",
    "channel_id",
    "external_id",
    "revision",
    "posted_at",
    "imported_at",
    "text",
    "search_text",
    "language",
    "url",
    "title",
    "author",
    "forwarded_from",
    "reply_to",
    "links",
    "media",
    "status",
    "story_id",
    "suggestion",
    "has_suggestion",
    "kind",
    "event_date",
    "place",
    "region",
    "latitude",
    "longitude",
    "killed",
    "version",
)
_CHANNEL, _STATUS = ITEM_COLUMNS.index("channel_id"), ITEM_COLUMNS.index("status")


@dataclass(frozen=True)
class Channel:
    id: int
    kind: ChannelKind
    key: str
    name: str
    username: str | None = None
    url: str | None = None
    poll_minutes: int | None = None
    next_poll_at: dt.datetime | None = None
    last_polled_at: dt.datetime | None = None
    failures: int = 0
    last_error: str | None = None


def _channel(row: Any) -> Channel:
    return Channel(
        id=row.id,
        kind=ChannelKind(row.kind),
        key=row.key,
        name=row.name,
        username=row.username,
        url=row.url,
        poll_minutes=row.poll_minutes,
        next_poll_at=utc(row.next_poll_at) if row.next_poll_at else None,
        last_polled_at=utc(row.last_polled_at) if row.last_polled_at else None,
        failures=row.failures,
        last_error=row.last_error,
    )


# -- channels --------------------------------------------------------------------------------------------
def channel_by_key(session: Session, key: str) -> Channel | None:
    row = session.execute(select(INTAKE_CHANNELS).where(INTAKE_CHANNELS.c.key == key)).first()
    return _channel(row) if row else None


def channel_by_id(session: Session, channel_id: int) -> Channel | None:
    row = session.execute(select(INTAKE_CHANNELS).where(INTAKE_CHANNELS.c.id == channel_id)).first()
    return _channel(row) if row else None


def channels(session: Session, kind: ChannelKind | None = None) -> list[Channel]:
    statement = select(INTAKE_CHANNELS).order_by(INTAKE_CHANNELS.c.name, INTAKE_CHANNELS.c.id)
    if kind is not None:
        statement = statement.where(INTAKE_CHANNELS.c.kind == kind.value)
    return [_channel(row) for row in session.execute(statement)]


def add_channel(session: Session, kind: ChannelKind, key: str, name: str, **values: Any) -> Channel:
    """Insert a channel (its key must be new), with its counts of items at 0, and return it."""
    now = dt.datetime.now(dt.UTC)
    session.execute(
        insert(INTAKE_CHANNELS).values(kind=kind.value, key=key, name=name, failures=0, created_at=now, **values)
    )
    found = channel_by_key(session, key)
    assert found is not None
    start_counts(session, found.id)
    return found


def update_channel(session: Session, channel_id: int, **values: Any) -> None:
    session.execute(update(INTAKE_CHANNELS).where(INTAKE_CHANNELS.c.id == channel_id).values(**values))


# -- writing items ---------------------------------------------------------------------------------------
def known_messages(session: Session, channel_id: int) -> set[tuple[str, int]]:
    """(external id, revision) of every item of a channel: what a new import must not add again."""
    rows = session.execute(
        select(INTAKE_ITEMS.c.external_id, INTAKE_ITEMS.c.revision).where(INTAKE_ITEMS.c.channel_id == channel_id)
    )
    return {(external_id, revision) for external_id, revision in rows}


def reserve_item_ids(session: Session, count: int) -> list[int]:
    """``count`` fresh item ids, so items written in bulk can name each other and their stories."""
    return _reserve_ids(session, INTAKE_ITEMS, count)


def reserve_story_ids(session: Session, count: int) -> list[int]:
    """``count`` fresh story ids, for stories written before the items that point to them."""
    return _reserve_ids(session, INTAKE_STORIES, count)


def _reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """PostgreSQL hands the ids out from the table's sequence; on SQLite the writing transaction holds the
    database's write lock from its first statement (storage.engine), so the highest id cannot move meanwhile.
    """
    if count == 0:
        return []
    if is_postgresql(session):
        sequence = text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, :n)")
        return [int(i) for i in session.scalars(sequence, {"n": count})]
    highest = session.execute(select(func.max(table.c.id))).scalar_one() or 0
    return list(range(highest + 1, highest + 1 + count))


def insert_stories(session: Session, ids: Sequence[int], now: dt.datetime) -> None:
    bulk_insert(session, INTAKE_STORIES, ("id", "created_at"), [(i, now) for i in ids])


def insert_items(session: Session, rows: Sequence[Sequence[Any]]) -> None:
    """Rows of values in ITEM_COLUMNS order (ids from ``reserve_item_ids``), with the words search finds them
    by (domain.item_search) made here from their searchable text, the one place items are written; each
    channel's counts (storage.inbox_counts) grow with them."""
    words = ITEM_COLUMNS.index("search_text")
    bulk_insert(session, INTAKE_ITEMS, (*ITEM_COLUMNS, "search_words"), [(*r, index_words(r[words])) for r in rows])
    add_counts(session, Counter((r[_CHANNEL], r[_STATUS]) for r in rows))


def recent_texts(
    session: Session, start: dt.datetime, end: dt.datetime
) -> list[tuple[int, int | None, dt.datetime, str, str | None, dt.date | None, int | None]]:
    """(id, story, posted, searchable text, suggested place, event date and toll) of the items posted between
    ``start`` and ``end``: what new items may repeat."""
    c = INTAKE_ITEMS.c
    statement = select(c.id, c.story_id, c.posted_at, c.search_text, c.place, c.event_date, c.killed)
    statement = statement.where(c.posted_at >= start, c.posted_at <= end)
    return [
        (
            row.id,
            row.story_id,
            utc(row.posted_at),
            row.search_text,
            row.place,
            row.event_date,
            row.killed,
        )
        for row in session.execute(statement.order_by(c.id))
    ]


def earlier_versions(
    session: Session, channel_id: int, external_ids: Iterable[str]
) -> list[tuple[int, str, int | None]]:
    """(id, external id, story) of the stored items of a channel with these external ids (edited messages)."""
    wanted = sorted(set(external_ids))
    c = INTAKE_ITEMS.c
    found: list[tuple[int, str, int | None]] = []
    for start in range(0, len(wanted), 500):
        statement = select(c.id, c.external_id, c.story_id).where(
            c.channel_id == channel_id, c.external_id.in_(wanted[start : start + 500])
        )
        found.extend((row.id, row.external_id, row.story_id) for row in session.execute(statement))
    return found


def set_story(session: Session, item_ids: Sequence[int], story_id: int) -> None:
    """Put stored items into a story (a new item repeats them); their content is never touched."""
    for start in range(0, len(item_ids), 500):
        chunk = list(item_ids[start : start + 500])
        session.execute(update(INTAKE_ITEMS).where(INTAKE_ITEMS.c.id.in_(chunk)).values(story_id=story_id))


def merge_stories(session: Session, story_ids: Sequence[int], into: int) -> None:
    """Move every item of ``story_ids`` into story ``into`` (a new item showed they tell one event)."""
    others = [s for s in story_ids if s != into]
    if others:
        session.execute(update(INTAKE_ITEMS).where(INTAKE_ITEMS.c.story_id.in_(others)).values(story_id=into))
