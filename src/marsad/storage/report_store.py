"""The monthly reports' SQL: a month's draft and, once published, its frozen snapshot.

Scope, draft and snapshot are kept as JSON; the services give them meaning (storage knows no report). The
caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.storage.tables import ReportRow


@dataclass(frozen=True)
class ReportRecord:
    """A stored report as its JSON says it: ``month`` as ``YYYY-MM``, ``snapshot`` None until published."""

    month: str
    status: str
    scope: dict[str, Any]
    draft: dict[str, Any]
    snapshot: dict[str, Any] | None
    published_at: dt.datetime | None
    published_by: str | None


def _record(row: ReportRow) -> ReportRecord:
    return ReportRecord(
        month=row.month,
        status=row.status,
        scope=json.loads(row.scope),
        draft=json.loads(row.draft),
        snapshot=json.loads(row.snapshot) if row.snapshot else None,
        published_at=row.published_at,
        published_by=row.published_by,
    )


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def report(session: Session, month: str) -> ReportRecord | None:
    row = session.get(ReportRow, month)
    return _record(row) if row else None


def reports(session: Session, published_only: bool = False) -> list[ReportRecord]:
    """Newest month first."""
    statement = select(ReportRow).order_by(ReportRow.month.desc())
    if published_only:
        statement = statement.where(ReportRow.status == "published")
    return [_record(row) for row in session.scalars(statement)]


def add_draft(
    session: Session, month: str, scope: dict[str, Any], draft: dict[str, Any], actor: str, now: dt.datetime
) -> ReportRecord:
    """Start a month's report as a draft (the month must have none yet)."""
    row = ReportRow(
        month=month,
        status="draft",
        scope=_json(scope),
        draft=_json(draft),
        created_at=now,
        updated_at=now,
        updated_by=actor,
    )
    session.add(row)
    session.flush()
    return _record(row)


def update_draft(session: Session, month: str, draft: dict[str, Any], actor: str, now: dt.datetime) -> ReportRecord:
    row = session.get_one(ReportRow, month)
    row.draft = _json(draft)
    row.updated_at, row.updated_by = now, actor
    session.flush()
    return _record(row)


def mark_published(
    session: Session, month: str, snapshot: dict[str, Any], actor: str, now: dt.datetime
) -> ReportRecord:
    """Freeze the month's report: its snapshot, who published it and when."""
    row = session.get_one(ReportRow, month)
    row.status, row.snapshot = "published", _json(snapshot)
    row.published_at, row.published_by, row.updated_at, row.updated_by = now, actor, now, actor
    session.flush()
    return _record(row)
