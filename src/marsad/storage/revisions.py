"""Revision values and history: how a field's before/after is stored, and reading an incident's changes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.storage.tables import RevisionRow


def encode_value(value: object) -> str | None:
    """A field value as JSON text (dates as ISO strings); None stays NULL."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Revision:
    changed_at: dt.datetime
    actor: str
    via: str
    action: str
    field: str | None
    before: object
    after: object


def history(session: Session, incident_id: str) -> list[Revision]:
    """Every change to one incident, oldest first."""
    rows = session.scalars(select(RevisionRow).where(RevisionRow.incident_id == incident_id).order_by(RevisionRow.id))
    return [
        Revision(
            changed_at=row.changed_at,
            actor=row.actor,
            via=row.via,
            action=row.action,
            field=row.field,
            before=json.loads(row.before) if row.before is not None else None,
            after=json.loads(row.after) if row.after is not None else None,
        )
        for row in rows
    ]
