"""Triage on the desk: what to make of an inbox item, each decision recorded (who, when) and undoable.

An item becomes the source of a draft incident, joins an existing incident as a source, is marked a
duplicate of another item, or is dismissed with a reason. Incidents change only through the one write path
(``services.editing`` / ``services.review``), so their history shows the item arriving. The caller owns the
transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.geo import SAME_EVENT_DAYS, SAME_EVENT_KM, distance_km
from marsad.domain.incident import CASUALTY_FIELDS, Incident, Source, source_identity
from marsad.domain.intake import (
    DISMISS_LABELS,
    ChannelKind,
    DismissReason,
    Item,
    ItemFilter,
    ItemStatus,
    Triage,
    searchable,
)
from marsad.domain.keys import Kind, Status
from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.domain.vocabulary import Vocabularies
from marsad.services.accounts import User
from marsad.services.editing import check_status_change
from marsad.services.review import add_sources
from marsad.storage import inbox_store, triage_store
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.intake_store import Channel
from marsad.storage.queries import get_incident, incidents_near
from marsad.storage.triage_store import Action

EXCERPT_CHARS = 2_000


class TriageRefused(ValueError):
    """A triage action that cannot be done; the message says why and what to do instead."""


def source_of(item: Item, today: dt.date | None = None) -> Source:
    """The item as an incident's source: its citation link, channel, language, date and words."""
    return Source(
        url=item.url,
        title=item.title,
        publisher=item.channel[:200],
        source_type="social_media" if item.channel_kind is ChannelKind.TELEGRAM else "local_media",
        language=item.language,
        published=item.posted_at.date(),
        accessed=today or dt.date.today(),
        excerpt=item.text[:EXCERPT_CHARS] or None,
    )


def linked_sources(item: Item) -> list[Source]:
    """The addresses the item's text links to (a Telegram text link is often the original report)."""
    return [Source(url=link) for link in item.links if link.startswith(("http://", "https://")) and link != item.url]


def _item(session: Session, item_id: int) -> Item:
    item = inbox_store.get_item(session, item_id)
    if item is None:
        raise TriageRefused(Phrase("there is no inbox item {id}", id=item_id))
    return item


def _may_triage(user: User) -> None:
    if not user.role.can(Permission.EDIT):
        raise TriageRefused(Phrase("your role ({role}) cannot triage the inbox", role=user.role.value))


def _decide(
    session: Session,
    item: Item,
    action: Triage,
    detail: str | None,
    user: User,
    status: ItemStatus,
    incident_id: str | None = None,
    duplicate_of: int | None = None,
    version: int | None = None,
) -> None:
    if not triage_store.set_triage(
        session, item.id, item.version if version is None else version, status, incident_id, duplicate_of
    ):
        raise TriageRefused(
            Phrase("item {id} was triaged by someone else meanwhile: reload it to see what they did", id=item.id)
        )
    triage_store.add_action(session, item, action.value, detail, user.actor)


def made_draft(session: Session, item_id: int, incident_id: str, user: User, version: int | None = None) -> None:
    """The entry form pre-filled from the item was saved as ``incident_id``: the item is handled by it."""
    _may_triage(user)
    item = _item(session, item_id)
    _decide(
        session, item, Triage.DRAFT, incident_id, user, ItemStatus.HANDLED, incident_id=incident_id, version=version
    )


def add_to_incident(
    session: Session, item_id: int, incident_id: str, user: User, vocab: Vocabularies, version: int | None = None
) -> bool:
    """Add the item as a source of an existing incident (a revision in its history); False if it had it."""
    _may_triage(user)
    item = _item(session, item_id)
    incident_id = incident_id.strip()
    if get_incident(session, incident_id, Access.INTERNAL) is None:
        raise TriageRefused(Phrase("there is no incident '{id}': give an id such as 2023-11-0042", id=incident_id))
    try:
        added = add_sources(session, incident_id, [source_of(item)], user, vocab)
    except ValueError as error:  # EditRefused: a merged incident, a role that may not change a published one
        raise TriageRefused(str(error)) from None
    _decide(
        session, item, Triage.SOURCE, incident_id, user, ItemStatus.HANDLED, incident_id=incident_id, version=version
    )
    return bool(added)


def mark_duplicate(session: Session, item_id: int, of_item: int, user: User, version: int | None = None) -> None:
    """The item tells what another item tells: it is handled with that one."""
    _may_triage(user)
    item = _item(session, item_id)
    if of_item == item_id:
        raise TriageRefused(Phrase("an item cannot be a duplicate of itself"))
    original = _item(session, of_item)
    if original.duplicate_of == item_id:
        raise TriageRefused(Phrase("item {id} is already marked a duplicate of this one", id=of_item))
    _decide(
        session, item, Triage.DUPLICATE, str(of_item), user, ItemStatus.HANDLED, duplicate_of=of_item, version=version
    )


def dismiss(session: Session, item_id: int, reason: str, user: User, version: int | None = None) -> None:
    _may_triage(user)
    try:
        why = DismissReason(reason)
    except ValueError:
        labels = ", ".join(f"{r.value} ({label})" for r, label in DISMISS_LABELS.items())
        raise TriageRefused(
            Phrase("'{reason}' is not a reason to dismiss: give {labels}", reason=reason, labels=labels)
        ) from None
    item = _item(session, item_id)
    _decide(session, item, Triage.DISMISS, why.value, user, ItemStatus.DISMISSED, version=version)


def undo(session: Session, item_id: int, user: User, vocab: Vocabularies) -> Action:
    """Undo the item's latest decision still in force: the item is as it was before it, and a source it gave an
    incident is taken off again (a revision). A draft made from it stays a draft of its own: it is listed on
    the item's page to delete or merge."""
    _may_triage(user)
    item = _item(session, item_id)
    last = next((a for a in triage_store.actions_of(session, item_id) if a.undone_at is None), None)
    if last is None:
        raise TriageRefused(Phrase("item {id} has no decision to undo", id=item_id))
    if last.action in (Triage.SOURCE, Triage.DRAFT) and last.detail:
        _take_source_off(session, last.detail, item, user, vocab, drafted=last.action == Triage.DRAFT)
    if not triage_store.set_triage(
        session, item_id, item.version, last.before_status, last.before_incident_id, last.before_duplicate_of
    ):
        raise TriageRefused(Phrase("item {id} was triaged by someone else meanwhile: reload it", id=item_id))
    triage_store.mark_undone(session, last.id, user.actor)
    return last


def _take_source_off(
    session: Session, incident_id: str, item: Item, user: User, vocab: Vocabularies, drafted: bool
) -> None:
    incident = get_incident(session, incident_id, Access.INTERNAL)
    if incident is None:
        return
    mine = source_identity(item.url, item.title, item.channel[:200])
    kept = [s for s in incident.sources if source_identity(s.url, s.title, s.publisher) != mine]
    if len(kept) == len(incident.sources) or (drafted and not kept):
        return  # a draft needs a source of its own to stay meaningful: it keeps this one until it is deleted
    check_status_change(user, incident.status, incident.status)
    IncidentWriter(session, vocab, actor=user.actor, via="web").write(
        [dataclasses.replace(incident, sources=kept)], checked=True
    )


@dataclass(frozen=True)
class IncidentMatch:
    """An incident that may be the event an item tells of, and why it is proposed."""

    incident: Incident
    score: int
    reasons: tuple[str, ...]


def matching_incidents(session: Session, item: Item, limit: int = 5) -> list[IncidentMatch]:
    """Incidents probably about the item's event: the same-event rule (same kind, within a day and 5 km of the
    suggested place and date), ranked by agreeing tolls and text similarity, so a report in another language
    meets its incident by place, date and toll."""
    if item.latitude is None or item.longitude is None:
        return []
    day = item.event_date or item.posted_at.date()
    span = dt.timedelta(days=SAME_EVENT_DAYS)
    kinds = (item.kind,) if item.kind else (Kind.ATTACK, Kind.RAID)
    words = searchable(item.text)
    found = []
    for kind in kinds:
        for incident in incidents_near(
            session, kind, day - span, day + span, item.latitude, item.longitude, SAME_EVENT_KM
        ):
            if incident.latitude is None or incident.longitude is None or incident.status == Status.MERGED:
                continue
            km = distance_km(item.latitude, item.longitude, incident.latitude, incident.longitude)
            if km > SAME_EVENT_KM:
                continue
            same_day, away = incident.date == day, f"{km:.1f}"
            reasons = [
                Phrase("same day, {km} km away", km=away) if same_day else Phrase("a day apart, {km} km away", km=away)
            ]
            score = 50 + (10 if same_day else 0) + (10 if km < 1 else 0)
            killed = sum(getattr(incident, name) or 0 for name in CASUALTY_FIELDS if name.endswith("killed"))
            if item.killed is not None and killed == item.killed:
                score += 20
                reasons.append(Phrase("same toll ({n} killed)", n=killed))
            similarity = (
                fuzz.token_set_ratio(words, searchable(incident.description or "")) if incident.description else 0
            )
            if similarity >= 50:
                score += int(similarity / 5)
                reasons.append(Phrase("text {percent}% alike", percent=round(similarity)))
            found.append(IncidentMatch(incident, min(score, 100), tuple(reasons)))
    return sorted(found, key=lambda m: -m.score)[:limit]


@dataclass
class ItemView:
    """Everything the item's page shows: the item, its story, incidents it may be, what was decided."""

    item: Item
    story: list[Item]
    matches: list[IncidentMatch]
    actions: list[Action]
    duplicate_of: Item | None


def item_view(session: Session, item_id: int) -> ItemView:
    item = _item(session, item_id)
    story = [i for i in inbox_store.story_items(session, item.story_id) if i.id != item.id] if item.story_id else []
    original = inbox_store.get_item(session, item.duplicate_of) if item.duplicate_of else None
    return ItemView(item, story, matching_incidents(session, item), triage_store.actions_of(session, item_id), original)


@dataclass
class InboxPage:
    """One page of the inbox: items newest first, those of one story folded under its first on the page; the
    items the pages before and after it continue from (None: there is none)."""

    items: list[Item]
    folded: dict[int, list[Item]]  # item id -> the items of its story shown with it
    story_sizes: dict[int, int]
    newer_from: int | None  # the page before: the items newer than this one
    older_from: int | None  # the page after: the items older than this one


def inbox_page(
    session: Session, selection: ItemFilter, older: int | None = None, newer: int | None = None, per_page: int = 50
) -> InboxPage:
    """The page of items just older than item ``older``, or just newer than item ``newer``; the first page
    (the newest) without either, or when less than a page is newer. A page that starts from an item no longer
    there is refused."""
    cursor = older or newer
    key = inbox_store.item_key(session, cursor) if cursor else None
    if cursor and key is None:
        raise TriageRefused(
            Phrase("that page starts from an item that is no longer there: start again from the first page")
        )
    page: list[Item] = []
    if newer and not older:
        found = inbox_store.list_items(session, selection, per_page + 1, newer_than=key)
        page = found[1:] if len(found) > per_page else []
    if page:
        newer_from: int | None = page[0].id
        older_from: int | None = page[-1].id
    else:
        found = inbox_store.list_items(session, selection, per_page + 1, older_than=key if older else None)
        page = found[:per_page]
        newer_from = (page[0].id if page else older) if older else None
        older_from = page[-1].id if len(found) > per_page else None
    shown: list[Item] = []
    folded: dict[int, list[Item]] = {}
    lead_of: dict[int, int] = {}
    for item in page:
        if item.story_id is not None and item.story_id in lead_of:
            folded[lead_of[item.story_id]].append(item)
            continue
        if item.story_id is not None:
            lead_of[item.story_id] = item.id
        folded[item.id] = []
        shown.append(item)
    sizes = inbox_store.story_sizes(session, [i.story_id for i in shown if i.story_id is not None])
    return InboxPage(shown, folded, sizes, newer_from, older_from)


def inbox_summary(session: Session) -> list[tuple[Channel, int]]:
    """Each channel and feed with its items waiting (new), for the desk's front page."""
    return inbox_store.new_per_channel(session)


def next_new_item(session: Session, after: Item) -> Item | None:
    """The next item waiting after ``after`` in the inbox's order (newest first), else the newest waiting."""
    return inbox_store.next_waiting(session, after.posted_at, after.id)
