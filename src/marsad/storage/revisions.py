"""Revision values and history: how a field's before/after is stored, and reading an incident's changes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import INTERNAL_FIELDS, SOURCE_FIELDS, Incident, Source
from marsad.storage.queries import get_incident
from marsad.storage.records import incident_from_row, incident_values
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
    id: int
    incident_id: str | None
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
    return [_revision(row) for row in rows]


def field_revisions(session: Session, field: str, via: str) -> list[Revision]:
    """Every change to ``field`` made through ``via`` (web, import, cli…), oldest first, across incidents."""
    statement = select(RevisionRow).where(RevisionRow.field == field, RevisionRow.via == via).order_by(RevisionRow.id)
    return [_revision(row) for row in session.scalars(statement)]


def _revision(row: RevisionRow) -> Revision:
    return Revision(
        id=row.id,
        incident_id=row.incident_id,
        changed_at=row.changed_at,
        actor=row.actor,
        via=row.via,
        action=row.action,
        field=row.field,
        before=json.loads(row.before) if row.before is not None else None,
        after=json.loads(row.after) if row.after is not None else None,
    )


def last_public_change(session: Session, incident_id: str) -> dt.datetime | None:
    """When the incident's public record last changed: a change to an internal field (notes) does not count."""
    statement = select(func.max(RevisionRow.changed_at)).where(
        RevisionRow.incident_id == incident_id,
        or_(RevisionRow.field.is_(None), RevisionRow.field.not_in(sorted(INTERNAL_FIELDS))),
    )
    changed: dt.datetime | None = session.execute(statement).scalar_one_or_none()
    return changed


def state_after(session: Session, incident_id: str, revision_id: int) -> Incident | None:
    """The incident as it was right after revision ``revision_id``: today's record with every later change undone."""
    current = get_incident(session, incident_id, Access.INTERNAL)
    if current is None:
        return None
    values = incident_values(current)
    sources = current.sources
    later = session.scalars(
        select(RevisionRow)
        .where(RevisionRow.incident_id == incident_id, RevisionRow.id > revision_id)
        .order_by(RevisionRow.id.desc())
    )
    for revision in later:
        if revision.field == "sources":
            sources = [_source(item) for item in json.loads(revision.before or "[]")]
        elif revision.field:
            before = json.loads(revision.before) if revision.before is not None else None
            values[revision.field] = dt.date.fromisoformat(before) if revision.field == "date" and before else before
    return incident_from_row(values, sources)


def _source(item: dict[str, object]) -> Source:
    dates = {name: dt.date.fromisoformat(str(item[name])) for name in ("published", "accessed") if item.get(name)}
    return Source(**{**{k: v for k, v in item.items() if k in SOURCE_FIELDS}, **dates})  # type: ignore[arg-type]
