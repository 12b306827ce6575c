"""How many items each channel has of each status, kept beside the channels instead of counted per request.

The desk's front page shows every channel's waiting items; counted over the items that was 160,000 index
entries a channel at a million items (50-120 ms on SQLite, 370 ms on PostgreSQL, see bench/README.md). The
counts are changed by the one write path of items (``intake_store.insert_items``) and of triage
(``triage_store.set_triage``), in the writer's transaction, so they are as committed as the items they count.
A channel gets its rows (one per status, at 0) when it is added; migration 0017 counted the items before it.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from marsad.domain.intake import ItemStatus
from marsad.storage.tables import INTAKE_COUNTS

CountKey = tuple[int, str]  # (channel id, status)


def start_counts(session: Session, channel_id: int) -> None:
    """A new channel's counts: none of any status."""
    rows = [{"channel_id": channel_id, "status": status.value, "total": 0} for status in ItemStatus]
    session.execute(INTAKE_COUNTS.insert(), rows)


def add_counts(session: Session, changes: Mapping[CountKey, int]) -> None:
    """Add ``changes`` (by channel and status, negative to take off) to the counts.

    The rows are changed in key order, so two writers that change the same rows take their locks in the same
    order (PostgreSQL) and cannot deadlock.
    """
    c = INTAKE_COUNTS.c
    params = [{"channel": key[0], "state": key[1], "n": n} for key, n in sorted(changes.items()) if n]
    if not params:
        return
    statement = (
        update(INTAKE_COUNTS)
        .where(c.channel_id == bindparam("channel"), c.status == bindparam("state"))
        .values(total=c.total + bindparam("n"))
    )
    session.execute(statement, params)


def count_of_status(session: Session, status: ItemStatus) -> dict[int, int]:
    """Channel id -> its number of items of ``status``."""
    c = INTAKE_COUNTS.c
    rows = session.execute(select(c.channel_id, c.total).where(c.status == status.value))
    return {channel_id: int(total) for channel_id, total in rows}
