"""The counting rule kept in step with the setting: which incidents the headline figures count.

An incident's ``counted`` is decided when it is written (``domain.rules.default_counting``): of a counted grade
and inside the monitored area, unless an editor decided otherwise. The grades that count are a setting
(MARSAD_COUNTED_GRADES), so when a process starts with other grades than those the stored counting follows,
``follow_counting_rule`` decides again every incident the rule decided (an editor's exclusion, or an incident
counted although of another grade, stays as the editor left it) and records each change as a revision: the
data version grows, so no cached figure of the old rule is served.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine, and_, case, false, insert, inspect, literal, or_, select, true, update
from sqlalchemy.orm import Session

from marsad.domain.rules import NOT_CONFIRMED, OUTSIDE_AREA, RULE_REASONS
from marsad.storage.cubes import rebuild
from marsad.storage.revisions import encode_value
from marsad.storage.tables import COUNTING_RULE, INCIDENTS, REVISIONS

RULE_ID = 1
VIA = "counting rule"


def counting_rule_in_force(session: Session) -> tuple[str, ...] | None:
    """The grades the stored counting follows (None before any rule was recorded)."""
    stored = session.execute(select(COUNTING_RULE.c.counted_grades).where(COUNTING_RULE.c.id == RULE_ID)).scalar()
    return None if stored is None else tuple(g for g in stored.split(",") if g)


def follow_counting_rule(session: Session, counted_grades: Sequence[str], actor: str) -> int:
    """Make the stored counting follow ``counted_grades``; the number of incidents whose counting changed.

    One statement per direction whatever the size of the dataset; nothing is written when the rule is the one
    in force. The caller owns the transaction.
    """
    wanted = tuple(counted_grades)
    before = counting_rule_in_force(session)
    if before is not None and set(before) == set(wanted):
        return 0
    c = INCIDENTS.c
    counts_now = and_(c.grade.in_(wanted), c.region.is_not(None))
    # what the rule decided: counted as the old rule counts, or left out with the rule's own reason
    by_rule = or_(
        and_(c.counted.is_(True), c.region.is_not(None), c.grade.in_(before or ())),
        and_(c.counted.is_(False), c.exclusion_reason.in_(RULE_REASONS)),
    )
    now = dt.datetime.now(dt.UTC)
    changed = 0
    for becomes in (True, False):
        flips = and_(by_rule, c.counted.is_(not becomes), counts_now if becomes else ~counts_now)
        session.execute(
            insert(REVISIONS).from_select(
                ["incident_id", "changed_at", "actor", "via", "action", "field", "before", "after"],
                select(
                    c.id,
                    literal(now),
                    literal(actor),
                    literal(VIA),
                    literal("update"),
                    literal("counted"),
                    literal(encode_value(not becomes)),
                    literal(encode_value(becomes)),
                ).where(flips),
            )
        )
        reason = None if becomes else case((c.region.is_(None), OUTSIDE_AREA), else_=NOT_CONFIRMED)
        result = session.execute(
            update(INCIDENTS)
            .where(flips)
            .values(counted=true() if becomes else false(), exclusion_reason=reason, version=c.version + 1)
        )
        changed += result.rowcount or 0  # type: ignore[attr-defined]
    if changed:
        rebuild(session)  # the counted figures of every month may have moved
    _record(session, wanted, exists=before is not None)
    return changed


def _record(session: Session, counted_grades: tuple[str, ...], exists: bool) -> None:
    values = {"counted_grades": ",".join(counted_grades), "changed_at": dt.datetime.now(dt.UTC)}
    if exists:
        session.execute(update(COUNTING_RULE).where(COUNTING_RULE.c.id == RULE_ID).values(**values))
    else:
        session.execute(insert(COUNTING_RULE).values(id=RULE_ID, **values))


def follow_counting_setting(engine: Engine, counted_grades: Sequence[str], actor: str = "counting rule") -> int:
    """``follow_counting_rule`` in its own transaction, at a process's start (web or CLI); a database not yet
    initialised (no rule table) is left alone."""
    if not inspect(engine).has_table(COUNTING_RULE.name):
        return 0
    with Session(engine) as session, session.begin():
        return follow_counting_rule(session, counted_grades, actor)
