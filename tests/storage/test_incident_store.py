from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import Source
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.incident_store import IncidentWriter, InvalidIncidentError, StaleVersionError
from marsad.storage.queries import get_incident
from marsad.storage.records import incident_values
from marsad.storage.revisions import history
from marsad.storage.tables import INCIDENTS, REVISIONS
from tests.helpers import attack, raid


def writer(session: Session, vocab: Vocabularies, actor: str = "tester") -> IncidentWriter:
    return IncidentWriter(session, vocab, actor=actor, via="test")


def test_written_incident_reads_back_with_every_field(session: Session, vocab: Vocabularies) -> None:
    original = attack(sources=[Source(url="https://a.example/1", title="One"), Source(title="Asayish statement")])
    counts = writer(session, vocab).write([original, raid()])
    assert (counts.created, counts.updated, counts.unchanged) == (2, 0, 0)
    assert get_incident(session, "2019-07-0001", Access.INTERNAL) == original


def test_published_incident_without_a_source_is_refused(session: Session, vocab: Vocabularies) -> None:
    with pytest.raises(InvalidIncidentError, match="a published incident needs at least one source"):
        writer(session, vocab).write([attack(sources=[])])
    assert session.scalar(select(func.count()).select_from(INCIDENTS)) == 0


def test_negative_casualties_are_refused_by_the_rules(session: Session, vocab: Vocabularies) -> None:
    with pytest.raises(InvalidIncidentError, match="military_killed: -2 is negative"):
        writer(session, vocab).write([attack(military_killed=-2)])


def test_the_database_itself_refuses_negative_casualties(session: Session) -> None:
    row = {**incident_values(attack()), "civilian_injured": -1, "version": 1}
    now = dt.datetime.now(dt.UTC)
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(insert(INCIDENTS).values(**row, created_at=now, updated_at=now))


def test_ids_are_given_in_month_order_and_never_reused(session: Session, vocab: Vocabularies) -> None:
    w = writer(session, vocab)
    first = [attack(id=None, date=dt.date(2019, 7, d)) for d in (1, 2)]
    w.write(first)
    assert [i.id for i in first] == ["2019-07-0001", "2019-07-0002"]
    w.write([attack(id="2019-07-0040")])  # an imported id of the generated form reserves its number
    later = attack(id=None, date=dt.date(2019, 7, 30))
    w.write([later])
    assert later.id == "2019-07-0041"


def test_a_change_writes_one_revision_per_field_with_before_and_after(session: Session, vocab: Vocabularies) -> None:
    w = writer(session, vocab)
    w.write([attack()])
    changed = attack(military_killed=3, military_killed_high=5, attribution="suspected")
    counts = writer(session, vocab, actor="editor:rania").write([changed])
    assert counts.updated == 1
    revisions = history(session, "2019-07-0001")
    assert [r.action for r in revisions] == ["create", "update", "update", "update"]
    updates = {r.field: (r.before, r.after, r.actor) for r in revisions if r.action == "update"}
    assert updates == {
        "military_killed": (1, 3, "editor:rania"),
        "military_killed_high": (None, 5, "editor:rania"),  # a range is part of the record's history
        "attribution": ("claimed", "suspected", "editor:rania"),
    }
    stored = get_incident(session, "2019-07-0001", Access.INTERNAL)
    assert stored is not None and (stored.military_killed, stored.military_killed_high) == (3, 5)


def test_a_source_change_is_a_revision_too(session: Session, vocab: Vocabularies) -> None:
    w = writer(session, vocab)
    w.write([attack()])
    w.write([attack(sources=[Source(url="https://example.org/statement/1"), Source(url="https://b.example/2")])])
    revision = history(session, "2019-07-0001")[-1]
    assert revision.field == "sources"
    assert [s["url"] for s in revision.after] == ["https://example.org/statement/1", "https://b.example/2"]  # type: ignore[attr-defined]


def test_writing_the_same_incident_again_changes_nothing(session: Session, vocab: Vocabularies) -> None:
    w = writer(session, vocab)
    w.write([attack()])
    counts = w.write([attack()])
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)
    assert session.scalar(select(func.count()).select_from(REVISIONS)) == 1


def test_an_edit_made_on_an_old_version_is_refused_whole(session: Session, vocab: Vocabularies) -> None:
    writer(session, vocab).write([attack(sources=[Source(url="https://a.example/1")])])
    first = attack(description="first editor's change", sources=[Source(url="https://a.example/1")])
    writer(session, vocab).write([first], versions={"2019-07-0001": 1})  # now version 2
    second = attack(description="second editor's change", sources=[Source(url="https://a.example/2")])
    with pytest.raises(StaleVersionError):
        writer(session, vocab).write([second], versions={"2019-07-0001": 1})
    stored = get_incident(session, "2019-07-0001", Access.INTERNAL)
    assert stored is not None
    assert (stored.description, [s.url for s in stored.sources]) == ("first editor's change", ["https://a.example/1"])
    assert [r.after for r in history(session, "2019-07-0001") if r.field == "description"] == ["first editor's change"]
