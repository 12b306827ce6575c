"""The intake's SQL: channels and feeds, items (written in bulk, never edited), stories and triage actions.

Items are read fail-closed like everything internal: nothing here is reachable from a public route (the
privacy walk in tests/web checks it). The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind, Item, ItemFilter, ItemStatus, Media, searchable
from marsad.storage.bulk import bulk_insert
from marsad.storage.engine import is_postgresql
from marsad.storage.tables import INTAKE_ACTIONS, INTAKE_CHANNELS, INTAKE_ITEMS, INTAKE_STORIES

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
        next_poll_at=_aware(row.next_poll_at),
        last_polled_at=_aware(row.last_polled_at),
        failures=row.failures,
        last_error=row.last_error,
    )


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes for what was stored in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


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
    """Insert a channel (its key must be new) and return it."""
    now = dt.datetime.now(dt.UTC)
    session.execute(
        insert(INTAKE_CHANNELS).values(kind=kind.value, key=key, name=name, failures=0, created_at=now, **values)
    )
    found = channel_by_key(session, key)
    assert found is not None
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
    """Rows of values in ITEM_COLUMNS order (ids from ``reserve_item_ids``)."""
    bulk_insert(session, INTAKE_ITEMS, ITEM_COLUMNS, rows)


def recent_texts(
    session: Session, start: dt.datetime, end: dt.datetime
) -> list[tuple[int, int | None, dt.datetime, str, str | None]]:
    """(id, story, posted, searchable text, suggested place) of the items posted between ``start`` and ``end``:
    what new items may repeat."""
    c = INTAKE_ITEMS.c
    statement = select(c.id, c.story_id, c.posted_at, c.search_text, c.place)
    statement = statement.where(c.posted_at >= start, c.posted_at <= end)
    return [
        (row.id, row.story_id, _aware(row.posted_at) or row.posted_at, row.search_text, row.place)
        for row in session.execute(statement.order_by(c.id))
    ]


# -- reading items ---------------------------------------------------------------------------------------
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
    if selection.text:
        for word in searchable(selection.text).split():
            conditions.append(c.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
    return conditions


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _item_select() -> Select[Any]:
    channel = INTAKE_CHANNELS.c
    return select(INTAKE_ITEMS, channel.name.label("channel_name"), channel.kind.label("channel_kind")).join(
        INTAKE_CHANNELS, INTAKE_CHANNELS.c.id == INTAKE_ITEMS.c.channel_id
    )


def list_items(session: Session, selection: ItemFilter, limit: int = 50, offset: int = 0) -> list[Item]:
    """Newest first."""
    c = INTAKE_ITEMS.c
    statement = _item_select().where(*_where(selection)).order_by(c.posted_at.desc(), c.id.desc())
    return [_item(row) for row in session.execute(statement.limit(limit).offset(offset)).mappings()]


def count_items(session: Session, selection: ItemFilter) -> int:
    statement = select(func.count()).select_from(INTAKE_ITEMS).where(*_where(selection))
    return int(session.execute(statement).scalar_one())


def get_item(session: Session, item_id: int) -> Item | None:
    row = session.execute(_item_select().where(INTAKE_ITEMS.c.id == item_id)).mappings().first()
    return _item(row) if row else None


def items_by_ids(session: Session, ids: Iterable[int]) -> list[Item]:
    wanted = list(ids)
    if not wanted:
        return []
    statement = _item_select().where(INTAKE_ITEMS.c.id.in_(wanted)).order_by(INTAKE_ITEMS.c.posted_at)
    return [_item(row) for row in session.execute(statement).mappings()]


def _item(row: Any) -> Item:
    return Item(
        id=row["id"],
        channel_id=row["channel_id"],
        channel=row["channel_name"],
        channel_kind=ChannelKind(row["channel_kind"]),
        external_id=row["external_id"],
        revision=row["revision"],
        posted_at=_aware(row["posted_at"]) or row["posted_at"],
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
    """Every channel with the number of its items waiting (status new), busiest first.

    One count per channel, each answered from the (channel, status, posted) index alone: a single GROUP BY
    over the waiting items reads every one of their rows (7 s at 800,000 waiting on SQLite), these a few
    index pages each.
    """
    c = INTAKE_ITEMS.c
    found = []
    for channel in channels(session):
        waiting = select(func.count()).where(c.channel_id == channel.id, c.status == ItemStatus.NEW.value)
        found.append((channel, int(session.execute(waiting).scalar_one())))
    return sorted(found, key=lambda pair: (-pair[1], pair[0].name))


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


# -- triage ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    """A triage decision as the item's history shows it."""

    id: int
    item_id: int
    action: str
    detail: str | None
    before_status: ItemStatus
    before_incident_id: str | None
    before_duplicate_of: int | None
    actor: str
    at: dt.datetime
    undone_at: dt.datetime | None
    undone_by: str | None


def set_triage(
    session: Session,
    item_id: int,
    version: int,
    status: ItemStatus,
    incident_id: str | None,
    duplicate_of: int | None,
) -> bool:
    """Record what triage decided about an item, if nobody else did since ``version`` (one conditional UPDATE)."""
    c = INTAKE_ITEMS.c
    result = session.execute(
        update(INTAKE_ITEMS)
        .where(c.id == item_id, c.version == version)
        .values(status=status.value, incident_id=incident_id, duplicate_of=duplicate_of, version=c.version + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def add_action(session: Session, item: Item, action: str, detail: str | None, actor: str) -> None:
    """Log a triage action with the item's state before it (what an undo restores)."""
    session.execute(
        insert(INTAKE_ACTIONS).values(
            item_id=item.id,
            action=action,
            detail=detail,
            before_status=item.status.value,
            before_incident_id=item.incident_id,
            before_duplicate_of=item.duplicate_of,
            actor=actor,
            at=dt.datetime.now(dt.UTC),
        )
    )


def actions_of(session: Session, item_id: int) -> list[Action]:
    """The item's triage history, newest first."""
    c = INTAKE_ACTIONS.c
    rows = session.execute(select(INTAKE_ACTIONS).where(c.item_id == item_id).order_by(c.id.desc()))
    return [
        Action(
            id=row.id,
            item_id=row.item_id,
            action=row.action,
            detail=row.detail,
            before_status=ItemStatus(row.before_status),
            before_incident_id=row.before_incident_id,
            before_duplicate_of=row.before_duplicate_of,
            actor=row.actor,
            at=_aware(row.at) or row.at,
            undone_at=_aware(row.undone_at),
            undone_by=row.undone_by,
        )
        for row in rows
    ]


def mark_undone(session: Session, action_id: int, actor: str) -> None:
    session.execute(
        update(INTAKE_ACTIONS)
        .where(INTAKE_ACTIONS.c.id == action_id)
        .values(undone_at=dt.datetime.now(dt.UTC), undone_by=actor)
    )


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


def items_of_incident(session: Session, incident_id: str) -> list[Item]:
    statement = _item_select().where(INTAKE_ITEMS.c.incident_id == incident_id).order_by(INTAKE_ITEMS.c.posted_at)
    return [_item(row) for row in session.execute(statement).mappings()]


def next_waiting(session: Session, posted_at: dt.datetime, item_id: int) -> Item | None:
    """The first new item after (posted_at, id) in newest-first order, else the newest new item (not this one)."""
    c = INTAKE_ITEMS.c
    waiting = _item_select().where(c.status == ItemStatus.NEW.value, c.id != item_id)
    older = waiting.where((c.posted_at < posted_at) | ((c.posted_at == posted_at) & (c.id < item_id)))
    for statement in (older, waiting):
        row = session.execute(statement.order_by(c.posted_at.desc(), c.id.desc()).limit(1)).mappings().first()
        if row:
            return _item(row)
    return None
