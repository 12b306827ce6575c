"""The counts of items per channel and status the desk shows, kept by the write path: on both databases they
agree with the items after imports, every triage action, its undo and a triage that came too late."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind, ItemFilter, ItemStatus
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.intake.telegram import read_export
from marsad.services import triage
from marsad.services.accounts import User, create_user
from marsad.services.intake import import_telegram, list_items
from marsad.storage import intake_store, triage_store
from marsad.storage.engine import Writes, unit_of_work
from marsad.storage.tables import INTAKE_COUNTS, INTAKE_ITEMS
from tests.conftest import DATA

EXPORT = DATA / "intake" / "result.json"
LATER = DATA / "intake" / "result-later.json"
NAMES = {"1987654321": "furatwatch_test"}


def kept(session: Session) -> dict[str, int]:
    """The counts as kept, by status (one channel), leaving out the statuses at 0."""
    rows = session.execute(select(INTAKE_COUNTS.c.status, INTAKE_COUNTS.c.total).where(INTAKE_COUNTS.c.total != 0))
    return dict(rows.all())


def counted(session: Session) -> dict[str, int]:
    """The same counted over the items."""
    c = INTAKE_ITEMS.c
    return dict(session.execute(select(c.status, func.count()).group_by(c.status)).all())


def waiting(session: Session) -> list[tuple[str, int]]:
    """What the desk's front page lists: each channel's name and its new items."""
    return [(channel.name, n) for channel, n in triage.inbox_summary(session)]


def editor(session: Session) -> User:
    user, _ = create_user(session, "editor@example.org", "Editor", Role.EDITOR, "test", "a long test password")
    return user


def item_id(session: Session, external_id: str) -> int:
    return next(i.id for i in list_items(session, ItemFilter(), limit=100) if i.external_id == external_id)


def test_counts_follow_imports(session: Session) -> None:
    import_telegram(session, read_export(EXPORT), NAMES)
    assert waiting(session) == [("Furat Watch (synthetic)", 9)] and kept(session) == counted(session)
    import_telegram(session, read_export(EXPORT), NAMES)  # nothing new
    assert waiting(session) == [("Furat Watch (synthetic)", 9)]
    import_telegram(session, read_export(LATER), NAMES)  # new and edited messages
    assert kept(session) == counted(session) and kept(session)["new"] > 9


def test_counts_follow_every_triage_action_and_its_undo(session: Session, vocab: Vocabularies) -> None:
    import_telegram(session, read_export(EXPORT), NAMES)
    user = editor(session)
    post, forward, bread, other = (item_id(session, n) for n in ("2", "4", "9", "6"))
    steps = [
        (lambda: triage.dismiss(session, bread, "not_incident", user), {"new": 8, "dismissed": 1}),
        (lambda: triage.mark_duplicate(session, forward, post, user), {"new": 7, "handled": 1, "dismissed": 1}),
        (lambda: triage.made_draft(session, other, "2023-11-0001", user), {"new": 6, "handled": 2, "dismissed": 1}),
        (lambda: triage.undo(session, bread, user, vocab), {"new": 7, "handled": 2}),
        (lambda: triage.undo(session, forward, user, vocab), {"new": 8, "handled": 1}),
        (lambda: triage.undo(session, other, user, vocab), {"new": 9}),
    ]
    for act, expected in steps:
        act()
        assert kept(session) == expected == counted(session)
    assert waiting(session) == [("Furat Watch (synthetic)", 9)]


def test_a_triage_that_came_too_late_counts_nothing(session: Session) -> None:
    import_telegram(session, read_export(EXPORT), NAMES)
    user = editor(session)
    bread = item_id(session, "9")
    triage.dismiss(session, bread, "not_incident", user, version=1)
    assert not triage_store.set_triage(session, bread, 1, ItemStatus.HANDLED, None, None)  # version 1 is gone
    assert kept(session) == {"new": 8, "dismissed": 1} == counted(session)


def test_a_channel_is_listed_with_nothing_waiting_before_its_first_item(session: Session) -> None:
    import_telegram(session, read_export(EXPORT), NAMES)
    intake_store.add_channel(session, ChannelKind.FEED, "https://news.example/feed", "A quiet feed")
    assert waiting(session) == [("Furat Watch (synthetic)", 9), ("A quiet feed", 0)]


def test_two_editors_triaging_one_channel_at_once_are_both_counted(own_engine: Engine) -> None:
    """The second waits for the first's commit (PostgreSQL: on the channel's count; SQLite: on the write lock),
    then counts from what the first left."""
    with unit_of_work(own_engine) as session:
        import_telegram(session, read_export(EXPORT), NAMES)
        user = editor(session)
        first, second = item_id(session, "9"), item_id(session, "6")
    failed: list[Exception] = []

    def dismiss_second() -> None:
        try:
            with unit_of_work(own_engine) as other:
                triage.dismiss(other, second, "not_relevant", user)
        except Exception as error:  # reported by the assertion below
            failed.append(error)

    with unit_of_work(own_engine) as session:
        triage.dismiss(session, first, "not_incident", user)
        meanwhile = threading.Thread(target=dismiss_second)
        meanwhile.start()
        meanwhile.join(0.5)
    meanwhile.join(30)
    assert not meanwhile.is_alive() and failed == []
    with unit_of_work(own_engine, Writes.NOTHING) as session:
        assert kept(session) == {"new": 7, "dismissed": 2} == counted(session)
