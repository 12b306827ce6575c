"""Triage's record: what the desk decided about an item, as one conditional UPDATE, and the actions logged
with the item's state before each (what an undo restores)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from marsad.domain.intake import Item, ItemStatus
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
