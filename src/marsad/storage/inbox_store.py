"""Reading the inbox's items: filtered and searched pages, one item, a story, the counts the desk shows.

Items are read fail-closed like everything internal: nothing here is reachable from a public route (the
privacy walk in tests/web checks it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, tuple_
from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind, Item, ItemFilter, ItemStatus, Media
from marsad.domain.item_search import query_words
from marsad.storage.inbox_counts import count_of_status
from marsad.storage.intake_store import Channel, channels
from marsad.storage.item_search import restrict
from marsad.storage.tables import INTAKE_CHANNELS, INTAKE_ITEMS
from marsad.storage.timestamps import utc


def _where(selection: ItemFilter) -> list[ColumnElement[bool]]:
    c = INTAKE_ITEMS.c
    conditions: list[ColumnElement[bool]] = []
    if selection.channels:
        conditions.append(c.channel_id.in_(selection.channels))
    if selection.languages:
        conditions.append(c.language.in_(selection.languages))
    if selection.statuses:
        conditions.append(c.status.in_([s.value for s in selection.statuses]))
    if selection.regions:
        conditions.append(c.region.in_(selection.regions))
    if selection.date_from:
        conditions.append(c.posted_at >= dt.datetime.combine(selection.date_from, dt.time(), dt.UTC))
    if selection.date_to:
        conditions.append(
            c.posted_at < dt.datetime.combine(selection.date_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        )
    if selection.place:
        conditions.append(func.lower(c.place) == selection.place.lower())
    if selection.has_suggestion is not None:
        conditions.append(c.has_suggestion.is_(selection.has_suggestion))
    return conditions


def _item_select() -> Select[Any]:
    channel = INTAKE_CHANNELS.c
    return select(INTAKE_ITEMS, channel.name.label("channel_name"), channel.kind.label("channel_kind")).join(
        INTAKE_CHANNELS, INTAKE_CHANNELS.c.id == INTAKE_ITEMS.c.channel_id
    )


ItemKey = tuple[dt.datetime, int]  # (posted_at, id): where an item stands in the inbox's order


def list_items(
    session: Session,
    selection: ItemFilter,
    limit: int = 50,
    older_than: ItemKey | None = None,
    newer_than: ItemKey | None = None,
) -> list[Item]:
    """Newest first, the words searched for (``selection.text``) in each (storage.item_search); from the
    items just older than ``older_than``, or the ``limit`` just newer than ``newer_than``.

    A page continues from the key of the item it starts after (keyset paging): page 20 costs what page 1
    costs, where an OFFSET reads every row before it, and triage moving items out of the list shifts nothing.
    """
    c = INTAKE_ITEMS.c
    statement = _item_select().where(*_where(selection))
    if older_than is not None:
        statement = statement.where(_before(older_than))
    if newer_than is not None:
        statement = statement.where(_after(newer_than))
    ascending = newer_than is not None and older_than is None
    order = (c.posted_at.asc(), c.id.asc()) if ascending else (c.posted_at.desc(), c.id.desc())
    statement = statement.order_by(*order).limit(limit)
    words = query_words(selection.text or "")
    if words:
        statement = restrict(session, statement, words)
    found = [_item(row) for row in session.execute(statement).mappings()]
    return found[::-1] if ascending else found


def _before(key: ItemKey) -> ColumnElement[bool]:
    """Older than ``key`` in the inbox's order (newest first, the higher id first among items posted together).

    The bare ``posted_at`` bound beside the pair lets PostgreSQL start its index scan there (its indexes end
    with posted_at; SQLite's hold the id too).
    """
    c = INTAKE_ITEMS.c
    return and_(tuple_(c.posted_at, c.id) < tuple_(*key), c.posted_at <= key[0])


def _after(key: ItemKey) -> ColumnElement[bool]:
    c = INTAKE_ITEMS.c
    return and_(tuple_(c.posted_at, c.id) > tuple_(*key), c.posted_at >= key[0])


def item_key(session: Session, item_id: int) -> ItemKey | None:
    """Where item ``item_id`` stands in the inbox's order (None: there is no such item)."""
    row = session.execute(select(INTAKE_ITEMS.c.posted_at).where(INTAKE_ITEMS.c.id == item_id)).first()
    return (utc(row.posted_at), item_id) if row else None


def get_item(session: Session, item_id: int) -> Item | None:
    row = session.execute(_item_select().where(INTAKE_ITEMS.c.id == item_id)).mappings().first()
    return _item(row) if row else None


def _item(row: Any) -> Item:
    return Item(
        id=row["id"],
        channel_id=row["channel_id"],
        channel=row["channel_name"],
        channel_kind=ChannelKind(row["channel_kind"]),
        external_id=row["external_id"],
        revision=row["revision"],
        posted_at=utc(row["posted_at"]),
        text=row["text"],
        status=ItemStatus(row["status"]),
        language=row["language"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        forwarded_from=row["forwarded_from"],
        reply_to=row["reply_to"],
        links=json.loads(row["links"]) if row["links"] else [],
        media=[Media(**m) for m in json.loads(row["media"])] if row["media"] else [],
        story_id=row["story_id"],
        duplicate_of=row["duplicate_of"],
        incident_id=row["incident_id"],
        suggestion=json.loads(row["suggestion"]) if row["suggestion"] else None,
        kind=row["kind"],
        event_date=row["event_date"],
        place=row["place"],
        region=row["region"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        killed=row["killed"],
        version=row["version"],
    )


def new_per_channel(session: Session) -> list[tuple[Channel, int]]:
    """Every channel with the number of its items waiting (status new), busiest first, from the counts kept
    beside the channels (storage.inbox_counts)."""
    waiting = count_of_status(session, ItemStatus.NEW)
    found = [(channel, waiting.get(channel.id, 0)) for channel in channels(session)]
    return sorted(found, key=lambda pair: (-pair[1], pair[0].name))


def story_items(session: Session, story_id: int) -> list[Item]:
    """Every item of a story, oldest first."""
    statement = _item_select().where(INTAKE_ITEMS.c.story_id == story_id).order_by(INTAKE_ITEMS.c.posted_at)
    return [_item(row) for row in session.execute(statement).mappings()]


def story_sizes(session: Session, story_ids: Iterable[int]) -> dict[int, int]:
    wanted = sorted(set(story_ids))
    if not wanted:
        return {}
    c = INTAKE_ITEMS.c
    statement = select(c.story_id, func.count()).where(c.story_id.in_(wanted)).group_by(c.story_id)
    return {story: int(count) for story, count in session.execute(statement)}


def next_waiting(session: Session, posted_at: dt.datetime, item_id: int) -> Item | None:
    """The first new item after (posted_at, id) in newest-first order, else the newest new item (not this one)."""
    c = INTAKE_ITEMS.c
    waiting = _item_select().where(c.status == ItemStatus.NEW.value, c.id != item_id)
    older = waiting.where(_before((posted_at, item_id)))
    for statement in (older, waiting):
        row = session.execute(statement.order_by(c.posted_at.desc(), c.id.desc()).limit(1)).mappings().first()
        if row:
            return _item(row)
    return None
