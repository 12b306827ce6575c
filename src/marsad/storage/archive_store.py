"""The SQL of sources that do not disappear: the web addresses among the sources, the last check of each link,
and whether an archived page belongs to a source the public may see. The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.domain.incident import SOURCE_TYPES_HIDDEN_FROM_PUBLIC
from marsad.domain.keys import Status
from marsad.storage.tables import INCIDENTS, SOURCES, LinkCheckRow


@dataclass(frozen=True)
class LinkCheck:
    url: str
    checked_at: dt.datetime
    status_code: int | None
    alive: bool
    detail: str | None


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def source_urls(session: Session) -> list[str]:
    """Every distinct web address among the sources."""
    statement = select(SOURCES.c.url).where(SOURCES.c.url.like("http%")).distinct().order_by(SOURCES.c.url)
    return [url for url in session.scalars(statement) if url]


def save_link_check(session: Session, checked: LinkCheck) -> None:
    """Keep a link's latest check in place of the one before."""
    row = session.get(LinkCheckRow, _key(checked.url))
    if row is None:
        session.add(
            LinkCheckRow(
                url_hash=_key(checked.url),
                url=checked.url,
                checked_at=checked.checked_at,
                status_code=checked.status_code,
                alive=checked.alive,
                detail=checked.detail,
            )
        )
    else:
        row.checked_at, row.status_code = checked.checked_at, checked.status_code
        row.alive, row.detail = checked.alive, checked.detail


def link_checks(session: Session, urls: list[str]) -> dict[str, LinkCheck]:
    """The last check of each of these URLs, for pages that show sources."""
    if not urls:
        return {}
    rows = session.scalars(select(LinkCheckRow).where(LinkCheckRow.url_hash.in_([_key(u) for u in urls])))
    return {r.url: LinkCheck(r.url, r.checked_at, r.status_code, r.alive, r.detail) for r in rows}


def publicly_archived(session: Session, digest: str) -> bool:
    """Whether an archive belongs to a source the public may see (a published incident, not a field contact)."""
    statement = (
        select(SOURCES.c.id)
        .join(INCIDENTS, INCIDENTS.c.id == SOURCES.c.incident_id)
        .where(SOURCES.c.archive_sha256 == digest, INCIDENTS.c.status == Status.PUBLISHED)
        .where(SOURCES.c.source_type.is_(None) | SOURCES.c.source_type.not_in(sorted(SOURCE_TYPES_HIDDEN_FROM_PUBLIC)))
        .limit(1)
    )
    return session.execute(statement).first() is not None
