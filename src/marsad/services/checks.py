"""Data checks an admin runs from the command line: records the desk damaged, found from their history.

Until the entry form was fixed, saving an incident on the desk dropped every source's type and language and
set its access date to the day of the save (the archived copy's digest went with it). The revisions kept what
each source held before, so the damage can be listed and undone: ``lost_source_details`` finds what a desk
save took away and is still missing, ``mend_lost_source_details`` puts it back as a new revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import source_identity
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import get_incident
from marsad.storage.revisions import field_revisions

# What a desk save could take from a source, and whether an emptied value (rather than a changed one) is the loss.
LOSABLE = ("source_type", "language", "accessed", "archive_sha256")


@dataclass(frozen=True)
class LostSourceDetail:
    """One value a desk save took from a source that still lacks it."""

    incident_id: str
    position: int  # of the source in the incident as it is now, from 0
    source: str  # its link, or its title, for people to recognise it
    field: str
    value: str  # what it held before the save
    now: str | None
    lost_at: dt.datetime
    lost_by: str


def lost_source_details(session: Session) -> list[LostSourceDetail]:
    """Source types, languages, access dates and archive digests removed by desk saves and not put back since.

    A value is still lost while the source lacks it, or (for the access date) still carries a date that a desk
    save wrote in its place; a value an editor has since chosen on purpose is theirs.
    """
    first_loss: dict[tuple[str, tuple[str, ...], str], tuple[str, dt.datetime, str]] = {}
    written: dict[tuple[str, tuple[str, ...], str], set[str]] = {}
    for revision in field_revisions(session, "sources", via="web"):
        before = {_key(s): s for s in _sources(revision.before)}
        for after in _sources(revision.after):
            earlier = before.get(_key(after))
            if earlier is None or revision.incident_id is None:
                continue
            for name in LOSABLE:
                was, became = _text(earlier.get(name)), _text(after.get(name))
                slot = (revision.incident_id, _key(after), name)
                if was and became != was and (name == "accessed" or not became):
                    first_loss.setdefault(slot, (was, revision.changed_at, revision.actor))
                    written.setdefault(slot, set()).add(became or "")
    found = []
    for incident_id in sorted({slot[0] for slot in first_loss}):
        incident = get_incident(session, incident_id, Access.INTERNAL)
        for position, source in enumerate(incident.sources if incident else ()):
            for name in LOSABLE:
                slot = (incident_id, source_identity(source.url, source.title, source.publisher), name)
                current = _text(getattr(source, name))
                if slot in first_loss and (current or "") in written[slot]:
                    value, at, actor = first_loss[slot]
                    label = source.url or source.title or source.publisher or f"source {position + 1}"
                    found.append(LostSourceDetail(incident_id, position, label, name, value, current, at, actor))
    return found


def mend_lost_source_details(
    session: Session, losses: Sequence[LostSourceDetail], vocab: Vocabularies, actor: str
) -> int:
    """Give the sources back what ``losses`` lists (one revision per incident); returns the incidents mended."""
    by_incident: dict[str, list[LostSourceDetail]] = {}
    for loss in losses:
        by_incident.setdefault(loss.incident_id, []).append(loss)
    mended = []
    for incident_id, items in by_incident.items():
        incident = get_incident(session, incident_id, Access.INTERNAL)
        if incident is None:
            continue
        sources = list(incident.sources)
        for loss in items:
            value = dt.date.fromisoformat(loss.value) if loss.field == "accessed" else loss.value
            sources[loss.position] = replace(sources[loss.position], **{loss.field: value})  # type: ignore[arg-type]
        incident.sources = sources
        mended.append(incident)
    IncidentWriter(session, vocab, actor=actor, via="cli").write(mended, checked=True)
    return len(mended)


def _sources(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _key(source: dict[str, object]) -> tuple[str, ...]:
    return source_identity(source.get("url"), source.get("title"), source.get("publisher"))


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)
