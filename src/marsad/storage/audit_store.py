"""The audit log's SQL: the one path that writes its events, and the reads that show them.

Sign-in events go to the sign-in schema (a file of its own on SQLite, see storage.engine), so signing in never
waits for a long import into the dataset; every other event goes with the data. Reading shows both as one log.
The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from marsad.storage.tables import AuditEventRow, SigninEventRow
from marsad.storage.timestamps import utc

SIGNIN_ACTIONS = frozenset({"login", "login_failed", "login_throttled", "logout"})


@dataclass(frozen=True)
class AuditEvent:
    at: dt.datetime
    actor: str
    action: str
    target: str | None
    detail: str | None
    address: str | None


def record(
    session: Session,
    actor: str,
    action: str,
    target: str | None = None,
    detail: str | None = None,
    address: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Add an event to the audit log (sign-in events to the sign-in schema, the others with the data)."""
    moment = at or dt.datetime.now(dt.UTC)
    if action in SIGNIN_ACTIONS:
        session.add(SigninEventRow(at=moment, actor=actor, action=action, detail=detail, address=address))
    else:
        session.add(AuditEventRow(at=moment, actor=actor, action=action, target=target, detail=detail, address=address))


def audit_events(
    session: Session, action: str | None = None, limit: int = 200, target: str | None = None
) -> list[AuditEvent]:
    """The newest events first, optionally of one action and about one target (an incident id, an email)."""
    data = select(
        AuditEventRow.at,
        AuditEventRow.actor,
        AuditEventRow.action,
        AuditEventRow.target,
        AuditEventRow.detail,
        AuditEventRow.address,
    )
    signins = select(
        SigninEventRow.at,
        SigninEventRow.actor,
        SigninEventRow.action,
        literal(None).label("target"),
        SigninEventRow.detail,
        SigninEventRow.address,
    )
    if action:
        data, signins = data.where(AuditEventRow.action == action), signins.where(SigninEventRow.action == action)
    parts = [data.where(AuditEventRow.target == target)] if target else [data, signins]
    events = union_all(*parts).subquery()
    statement = select(events).order_by(events.c.at.desc()).limit(limit)
    return [AuditEvent(utc(r.at), r.actor, r.action, r.target, r.detail, r.address) for r in session.execute(statement)]


def failed_signins(
    session: Session, since: dt.datetime, *, actor: str | None = None, address: str | None = None
) -> int:
    """How many sign-ins failed since ``since`` for this email (``actor``) or from this ``address``."""
    statement = select(func.count()).where(SigninEventRow.action == "login_failed", SigninEventRow.at >= since)
    if actor is not None:
        statement = statement.where(SigninEventRow.actor == actor)
    if address is not None:
        statement = statement.where(SigninEventRow.address == address)
    return int(session.scalar(statement) or 0)


@dataclass(frozen=True)
class Withdrawal:
    at: dt.datetime
    reason: str | None


def latest_withdrawals(session: Session, incident_ids: Sequence[str]) -> dict[str, Withdrawal]:
    """When and why each of these incidents was last withdrawn, for those the log has it."""
    found: dict[str, Withdrawal] = {}
    if not incident_ids:
        return found
    statement = (
        select(AuditEventRow)
        .where(AuditEventRow.action == "withdrawn", AuditEventRow.target.in_(incident_ids))
        .order_by(AuditEventRow.id)
    )
    for event in session.scalars(statement):
        found[event.target or ""] = Withdrawal(event.at, event.detail)  # the latest withdrawal of each id wins
    return found
