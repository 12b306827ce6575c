"""Triage's record: what the desk decided about an item, as one conditional UPDATE, and the actions logged
with the item's state before each (what an undo restores)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from marsad.domain.intake import Item, ItemStatus
from marsad.storage.inbox_counts import add_counts
from marsad.storage.tables import INTAKE_ACTIONS, INTAKE_ITEMS
from marsad.storage.timestamps import utc


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
    """Record what triage decided about an item, if nobody else did since ``version`` (one conditional UPDATE),
    and move it between its channel's counts.

    The status read before the UPDATE is the one it changes: both name ``version``, and every change of status
    changes the version, so if someone triaged the item in between, the UPDATE changes nothing.
    """
    c = INTAKE_ITEMS.c
    before = session.execute(select(c.channel_id, c.status).where(c.id == item_id, c.version == version)).first()
    if before is None:
        return False
    result = session.execute(
        update(INTAKE_ITEMS)
        .where(c.id == item_id, c.version == version)
        .values(status=status.value, incident_id=incident_id, duplicate_of=duplicate_of, version=c.version + 1)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    moved = Counter({(before.channel_id, before.status): -1})
    moved[(before.channel_id, status.value)] += 1  # nothing moves when the status stays
    add_counts(session, moved)
    return True


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
            at=utc(row.at),
            undone_at=utc(row.undone_at) if row.undone_at else None,
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
