from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import Source
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import count_incidents, get_incident, iter_incidents
from tests.helpers import attack, raid


@pytest.fixture
def stored(session: Session, vocab: Vocabularies) -> Session:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(),
            attack(
                id="2019-07-0002",
                place="Hajin",
                region="deir_ez_zor",
                perpetrator="unknown",
                attribution="unknown",
                military_killed=None,
                military_injured=None,
                description="Gunmen attacked a checkpoint 100% sure_",
            ),
            attack(id="2019-07-0003", status="draft", notes="draft note", sources=[]),
            attack(
                id="2019-08-0001",
                date=dt.date(2019, 8, 2),
                grade="weak",
                counted=False,
                exclusion_reason="not confirmed",
            ),
            raid(),
            attack(id="2019-07-0004", sources=[Source(title="Contact", publisher="Name", source_type="field_contact")]),
        ]
    )
    return session


def ids(session: Session, selection: IncidentFilter, access: Access = Access.PUBLIC) -> list[str]:
    return [i.id for i in iter_incidents(session, selection, access) if i.id]


def test_public_sees_only_published_incidents_without_notes(stored: Session) -> None:
    public = list(iter_incidents(stored, IncidentFilter()))
    assert "2019-07-0003" not in [i.id for i in public]
    assert all(i.notes is None for i in public)
    assert get_incident(stored, "2019-07-0003") is None
    assert get_incident(stored, "2019-07-0003", Access.INTERNAL) is not None


def test_public_asking_for_drafts_gets_nothing(stored: Session) -> None:
    assert ids(stored, IncidentFilter(statuses=("draft",))) == []
    assert ids(stored, IncidentFilter(statuses=("draft",)), Access.INTERNAL) == ["2019-07-0003"]


def test_field_contacts_are_anonymous_in_public_results(stored: Session) -> None:
    public = get_incident(stored, "2019-07-0004")
    internal = get_incident(stored, "2019-07-0004", Access.INTERNAL)
    assert public is not None and internal is not None
    assert public.sources[0].publisher is None
    assert internal.sources[0].publisher == "Name"


def test_filters_narrow_the_selection(stored: Session) -> None:
    assert ids(stored, IncidentFilter.for_month(2019, 7, kinds=("attack",))) == [
        "2019-07-0001",
        "2019-07-0002",
        "2019-07-0004",
    ]
    assert ids(stored, IncidentFilter(regions=("deir_ez_zor",))) == ["2019-07-0002"]
    assert ids(stored, IncidentFilter(perpetrators=("isis",), kinds=("raid",))) == ["2023-11-0101"]
    assert ids(stored, IncidentFilter(confirmed=False)) == ["2019-08-0001"]
    assert ids(stored, IncidentFilter(grades=("weak", "contested"))) == ["2019-08-0001"]
    assert ids(stored, IncidentFilter(counted=True, kinds=("attack",), date_to=dt.date(2019, 7, 31))) == [
        "2019-07-0001",
        "2019-07-0002",
        "2019-07-0004",
    ]
    assert "2019-07-0002" not in ids(stored, IncidentFilter(with_casualties=True))
    assert count_incidents(stored, IncidentFilter()) == 5


def test_text_search_is_case_insensitive_and_takes_wildcards_literally(stored: Session) -> None:
    assert ids(stored, IncidentFilter(text="CHECKPOINT")) == ["2019-07-0002"]
    assert ids(stored, IncidentFilter(text="hajin")) == ["2019-07-0002"]
    assert ids(stored, IncidentFilter(text="100% sure_")) == ["2019-07-0002"]
    assert ids(stored, IncidentFilter(text="%")) == ["2019-07-0002"]
