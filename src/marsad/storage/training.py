"""What extraction learns from: texts the desk has judged, and the quick entries saved with their corrections.

Three kinds of texts, each with the judgement the desk made of it: the source excerpts of confirmed incidents
(and the quick-entry texts they were saved from), inbox items made into incidents, and inbox items dismissed
as not an incident. Merged and withdrawn incidents are left out: their values were not kept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from marsad.domain.intake import ItemStatus
from marsad.domain.keys import Status
from marsad.domain.vocabulary import CONFIRMED_GRADE
from marsad.storage.tables import INCIDENTS, INTAKE_ITEMS, QUICK_ENTRY_EXAMPLES, SOURCES

LEFT_OUT = (Status.WITHDRAWN, Status.MERGED)


@dataclass(frozen=True, slots=True)
class JudgedText:
    """A text and what the desk made of it: an incident (its kind and type) or nothing (``kind`` None)."""

    text: str
    kind: str | None
    type: str | None


def add_quick_entry_example(
    session: Session,
    incident_id: str,
    text: str,
    language: str | None,
    suggested: dict[str, Any],
    saved: dict[str, Any],
    actor: str,
) -> list[str]:
    """Keep a quick entry saved as an incident; answers the fields the editor corrected."""
    corrected = sorted(name for name, value in suggested.items() if str(saved.get(name) or "") != str(value or ""))
    session.execute(
        insert(QUICK_ENTRY_EXAMPLES).values(
            incident_id=incident_id,
            text=text,
            language=language,
            suggested=json.dumps(suggested, ensure_ascii=False, sort_keys=True),
            saved=json.dumps(saved, ensure_ascii=False, sort_keys=True),
            corrected="|".join(corrected) or None,
            actor=actor,
            created_at=dt.datetime.now(dt.UTC),
        )
    )
    return corrected


def quick_entry_examples(session: Session) -> list[dict[str, Any]]:
    """Every quick entry kept, oldest first, with its suggested and saved values decoded."""
    rows = session.execute(select(QUICK_ENTRY_EXAMPLES).order_by(QUICK_ENTRY_EXAMPLES.c.id)).mappings()
    return [
        {
            **row,
            "suggested": json.loads(row["suggested"]),
            "saved": json.loads(row["saved"]),
            "corrected": row["corrected"].split("|") if row["corrected"] else [],
        }
        for row in rows
    ]


def judged_texts(session: Session) -> Iterator[JudgedText]:
    """Every text the desk has judged, once each (the first judgement of a text repeated across sources)."""
    seen: set[str] = set()
    incident = INCIDENTS.c
    kept = (incident.grade == CONFIRMED_GRADE) & incident.status.not_in(LEFT_OUT) & incident.merged_into.is_(None)
    queries = [
        select(SOURCES.c.excerpt, incident.kind, incident.type)
        .join(INCIDENTS, SOURCES.c.incident_id == incident.id)
        .where(kept, SOURCES.c.excerpt.is_not(None))
        .order_by(SOURCES.c.id),
        select(QUICK_ENTRY_EXAMPLES.c.text, incident.kind, incident.type)
        .join(INCIDENTS, QUICK_ENTRY_EXAMPLES.c.incident_id == incident.id)
        .where(incident.status.not_in(LEFT_OUT), incident.merged_into.is_(None))
        .order_by(QUICK_ENTRY_EXAMPLES.c.id),
        select(INTAKE_ITEMS.c.text, incident.kind, incident.type)
        .join(INCIDENTS, INTAKE_ITEMS.c.incident_id == incident.id)
        .where(kept)
        .order_by(INTAKE_ITEMS.c.id),
    ]
    for query in queries:
        for text, kind, kind_type in session.execute(query):
            if text and text.strip() and text not in seen:
                seen.add(text)
                yield JudgedText(text, kind, kind_type)
    dismissed = select(INTAKE_ITEMS.c.text).where(INTAKE_ITEMS.c.status == ItemStatus.DISMISSED.value)
    for (text,) in session.execute(dismissed.order_by(INTAKE_ITEMS.c.id)):
        if text and text.strip() and text not in seen:
            seen.add(text)
            yield JudgedText(text, None, None)
