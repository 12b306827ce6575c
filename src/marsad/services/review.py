"""Review and publication: moving incidents between draft, review, published and withdrawn, in bulk, with the
reasons and the audit trail; reverting an incident to an earlier revision.

The caller owns the transaction; nothing here commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import Incident, Source, source_identity
from marsad.domain.keys import Status
from marsad.domain.phrases import Phrase
from marsad.domain.rules import check_incident
from marsad.domain.vocabulary import Vocabularies
from marsad.services.accounts import User, record
from marsad.services.editing import EditRefused, check_status_change, record_status_change, save_incident
from marsad.storage.audit_store import latest_withdrawals
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import (
    count_incidents,
    get_incident,
    incident_ids,
    incident_version,
    page_of_incidents,
)
from marsad.storage.revisions import state_after


@dataclass
class StatusResult:
    """What a bulk change did: the ids changed, and for the others why not."""

    changed: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def change_status(
    session: Session,
    ids: Sequence[str],
    status: str,
    user: User,
    vocab: Vocabularies,
    reason: str | None = None,
) -> StatusResult:
    """Give each incident ``status`` if the user's role and the rules allow; withdrawing needs a reason."""
    if status == Status.WITHDRAWN and not (reason and reason.strip()):
        raise EditRefused(Phrase("say why the incident is withdrawn: the reason is listed for users of the data"))
    result = StatusResult()
    writer = IncidentWriter(session, vocab, actor=user.actor, via="web")
    for incident_id in dict.fromkeys(ids):
        incident = get_incident(session, incident_id, Access.INTERNAL)
        if incident is None:
            result.refused[incident_id] = Phrase("no such incident")
            continue
        before = incident.status
        try:
            check_status_change(user, before, status)
        except EditRefused as error:
            result.refused[incident_id] = str(error)
            continue
        changed = dataclasses.replace(incident, status=status)
        problems = check_incident(changed, vocab)
        if problems:
            result.refused[incident_id] = "; ".join(p.reason for p in problems)
            continue
        if before == status:
            continue
        writer.write([changed], checked=True)
        record_status_change(session, user, incident_id, before, status, reason.strip() if reason else None)
        result.changed.append(incident_id)
    return result


@dataclass(frozen=True)
class QueuePage:
    """One numbered page of the review queue: its incidents, and where it stands among all of the selection."""

    incidents: list[Incident]
    total: int
    page: int
    pages: int
    per_page: int

    @property
    def first_row(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.incidents else 0

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.incidents) - 1 if self.incidents else 0


def review_queue(
    session: Session, selection: IncidentFilter, page: int = 1, per_page: int = 50, newest_first: bool = True
) -> QueuePage:
    """A page of the selection (by default the incidents waiting for review), newest first unless asked."""
    chosen = selection if selection.statuses else selection.narrow(statuses=(Status.IN_REVIEW,))
    total = count_incidents(session, chosen, Access.INTERNAL)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)  # a page past the end (after a bulk change emptied it) shows the last one
    offset = (page - 1) * per_page
    found = page_of_incidents(session, chosen, Access.INTERNAL, "date", newest_first, per_page, offset=offset)
    return QueuePage(found.incidents, total, page, pages, per_page)


@dataclass(frozen=True)
class Withdrawn:
    id: str
    withdrawn_at: dt.datetime | None
    reason: str | None


def withdrawn_incidents(session: Session) -> list[Withdrawn]:
    """Every withdrawn incident's id with when and why, so that users of the data can drop it."""
    ids = incident_ids(session, IncidentFilter(statuses=(Status.WITHDRAWN,)), Access.INTERNAL)
    withdrawals = latest_withdrawals(session, ids)
    return [
        Withdrawn(i, withdrawals[i].at, withdrawals[i].reason) if i in withdrawals else Withdrawn(i, None, None)
        for i in ids
    ]


def revert(session: Session, incident_id: str, revision_id: int, user: User, vocab: Vocabularies) -> str:
    """Restore the incident as it was right after a revision (itself a new revision; history is kept)."""
    earlier = state_after(session, incident_id, revision_id)
    if earlier is None:
        raise EditRefused(Phrase("there is no incident {id}", id=incident_id))
    return save_incident(session, earlier, user, vocab, incident_version(session, incident_id))


def add_sources(
    session: Session, incident_id: str, sources: Sequence[Source], user: User, vocab: Vocabularies
) -> list[Source]:
    """Add the sources someone typed for a new entry to the incident it duplicates, instead of saving a second
    record: those the incident lacks join its sources (one revision); returns them. Nothing else changes."""
    keep = get_incident(session, incident_id, Access.INTERNAL)
    if keep is None:
        raise EditRefused(Phrase("there is no incident {id}", id=incident_id))
    if keep.status == Status.MERGED:
        raise EditRefused(Phrase("{id} was merged into another incident: add the sources there", id=incident_id))
    check_status_change(user, keep.status, keep.status)
    added = _lacking(keep, sources)
    if added:
        writer = IncidentWriter(session, vocab, actor=user.actor, via="web")
        writer.write([dataclasses.replace(keep, sources=[*keep.sources, *added])], checked=True)
    return added


def _lacking(incident: Incident, sources: Sequence[Source]) -> list[Source]:
    """The sources the incident does not have yet (the same link, or the same title and publisher, is had)."""
    known = {source_identity(s.url, s.title, s.publisher) for s in incident.sources}
    lacking = []
    for source in sources:
        identity = source_identity(source.url, source.title, source.publisher)
        if identity not in known:
            known.add(identity)
            lacking.append(source)
    return lacking


def merge(session: Session, duplicate_id: str, keep_id: str, user: User, vocab: Vocabularies) -> str:
    """Fold a duplicate into the incident kept: its sources join the kept one's, it becomes ``merged`` and its
    id points (and redirects) to the kept one. Both histories stay under their ids."""
    if duplicate_id == keep_id:
        raise EditRefused(Phrase("an incident cannot be merged into itself"))
    duplicate = get_incident(session, duplicate_id, Access.INTERNAL)
    keep = get_incident(session, keep_id, Access.INTERNAL)
    if duplicate is None or keep is None:
        raise EditRefused(Phrase("there is no incident {id}", id=duplicate_id if duplicate is None else keep_id))
    if Status.MERGED in (duplicate.status, keep.status):
        raise EditRefused(Phrase("a merged incident cannot be merged again: use the incident it was merged into"))
    check_status_change(user, duplicate.status, Status.MERGED)
    check_status_change(user, keep.status, keep.status)
    added = _lacking(keep, duplicate.sources)
    notes = "\n".join(n for n in (keep.notes, f"Merged from {duplicate_id}.", duplicate.notes) if n)
    writer = IncidentWriter(session, vocab, actor=user.actor, via="web")
    writer.write([dataclasses.replace(keep, sources=[*keep.sources, *added], notes=notes)], checked=True)
    writer.write([dataclasses.replace(duplicate, status=Status.MERGED)], checked=True)
    writer.mark_merged(duplicate_id, keep_id)
    record(session, user.actor, "merged", duplicate_id, f"into {keep_id}")
    return keep_id
