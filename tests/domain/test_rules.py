from __future__ import annotations

import datetime as dt

import pytest

from marsad.domain.incident import MAX_COUNT, TEXT_LIMITS, Source
from marsad.domain.rules import (
    NOT_CONFIRMED,
    OUTSIDE_AREA,
    check_incident,
    default_counting,
    storable_problems,
    storable_problems_each,
)
from marsad.domain.vocabulary import DEFAULT_COUNTED_GRADES, Vocabularies
from tests.helpers import attack, raid


def fields_of(problems: list) -> set[str]:  # type: ignore[type-arg]
    return {p.field for p in problems}


def test_a_complete_attack_and_raid_break_no_rule(vocab: Vocabularies) -> None:
    assert check_incident(attack(), vocab) == []
    assert check_incident(raid(), vocab) == []


def test_published_incident_needs_a_source(vocab: Vocabularies) -> None:
    problems = check_incident(attack(sources=[]), vocab)
    assert [p.reason for p in problems] == ["a published incident needs at least one source"]
    assert check_incident(attack(sources=[], status="draft"), vocab) == []


def test_negative_counts_are_refused_with_the_field_named(vocab: Vocabularies) -> None:
    problems = check_incident(attack(civilian_killed=-1, arrests=None), vocab)
    assert fields_of(problems) == {"civilian_killed"}
    assert "negative" in problems[0].reason


def test_a_range_surrounds_its_best_estimate(vocab: Vocabularies) -> None:
    assert check_incident(attack(civilian_killed=7, civilian_killed_low=5, civilian_killed_high=9), vocab) == []
    assert check_incident(attack(civilian_killed=7, civilian_killed_low=7, civilian_killed_high=None), vocab) == []
    problems = check_incident(attack(civilian_killed=7, civilian_killed_low=8, military_killed_high=0), vocab)
    assert [(p.field, p.reason) for p in problems] == [
        (
            "military_killed_high",
            "the high estimate 0 is less than the best estimate military_killed 1; low ≤ best ≤ high",
        ),
        (
            "civilian_killed_low",
            "the low estimate 8 is more than the best estimate civilian_killed 7; low ≤ best ≤ high",
        ),
    ]


def test_the_days_an_uncertain_date_may_be_surround_it(vocab: Vocabularies) -> None:
    day = dt.date(2019, 7, 14)
    spanning = attack(date=day, date_earliest=dt.date(2019, 6, 28), date_latest=dt.date(2019, 8, 2))
    assert check_incident(spanning, vocab, today=dt.date(2019, 9, 1)) == []
    assert check_incident(attack(date=day, date_earliest=day, date_latest=day), vocab) == []
    reversed_days = attack(date=day, date_earliest=dt.date(2019, 7, 15), date_latest=dt.date(2019, 7, 13))
    assert [(p.field, p.reason) for p in check_incident(reversed_days, vocab)] == [
        (
            "date_earliest",
            "2019-07-15 is after the date (2019-07-14); the earliest possible day is the date or before it "
            "(leave blank when the date is exact)",
        ),
        (
            "date_latest",
            "2019-07-13 is before the date (2019-07-14); the latest possible day is the date or after it "
            "(leave blank when the date is exact)",
        ),
    ]
    to_come = check_incident(attack(date=day, date_latest=dt.date(2019, 7, 20)), vocab, today=dt.date(2019, 7, 16))
    assert [(p.field, p.reason) for p in to_come] == [("date_latest", "2019-07-20 is in the future")]


def test_a_range_needs_a_best_estimate(vocab: Vocabularies) -> None:
    problems = check_incident(attack(civilian_injured_low=2, civilian_injured_high=4), vocab)
    assert [(p.field, p.reason) for p in problems] == [
        (
            "civilian_injured_low",
            "a range needs a best estimate: give civilian_injured too, or leave civilian_injured_low blank",
        ),
        (
            "civilian_injured_high",
            "a range needs a best estimate: give civilian_injured too, or leave civilian_injured_high blank",
        ),
    ]


def test_type_must_belong_to_the_kind(vocab: Vocabularies) -> None:
    problems = check_incident(attack(type="raid"), vocab)
    assert fields_of(problems) == {"type"}
    assert "not a type of attack" in problems[0].reason


def test_arrests_only_for_raids(vocab: Vocabularies) -> None:
    assert fields_of(check_incident(attack(arrests=3), vocab)) == {"arrests"}


def test_future_dates_and_half_coordinates_are_refused(vocab: Vocabularies) -> None:
    today = dt.date(2020, 1, 1)
    assert fields_of(check_incident(attack(date=dt.date(2020, 1, 2)), vocab, today)) == {"date"}
    assert fields_of(check_incident(attack(longitude=None), vocab)) == {"longitude"}
    assert fields_of(check_incident(attack(latitude=95.0), vocab)) == {"latitude"}


def test_sources_need_something_to_find_them_by(vocab: Vocabularies) -> None:
    problems = check_incident(attack(sources=[Source(language="ar")]), vocab)
    assert [p.reason for p in problems] == ["source 1 has neither a URL, a title nor a publisher"]
    problems = check_incident(attack(sources=[Source(url="http://a b")]), vocab)
    assert "contains a space" in problems[0].reason


@pytest.mark.parametrize(
    ("grade", "counted_grades", "counted"),
    [
        ("confirmed", DEFAULT_COUNTED_GRADES, True),
        ("fair", DEFAULT_COUNTED_GRADES, True),
        ("weak", DEFAULT_COUNTED_GRADES, False),
        ("contested", DEFAULT_COUNTED_GRADES, False),
        ("discounted", DEFAULT_COUNTED_GRADES, False),
        ("fair", ("confirmed",), False),
        ("weak", ("confirmed", "fair", "weak"), True),
    ],
)
def test_counted_by_default_when_of_a_counted_grade_and_in_a_region(
    grade: str, counted_grades: tuple[str, ...], counted: bool
) -> None:
    incident = attack(counted=None, grade=grade)
    default_counting(incident, counted_grades)
    assert incident.counted is counted
    assert incident.exclusion_reason == (None if counted else NOT_CONFIRMED)


def test_outside_the_area_is_not_counted_whatever_its_grade() -> None:
    outside = attack(counted=None, region=None)
    default_counting(outside, DEFAULT_COUNTED_GRADES)
    assert outside.counted is False and outside.exclusion_reason == OUTSIDE_AREA


def test_an_explicit_counting_decision_is_kept() -> None:
    kept = attack(counted=False, exclusion_reason="duplicate of 2019-07-0002")
    default_counting(kept, DEFAULT_COUNTED_GRADES)
    assert kept.counted is False and kept.exclusion_reason == "duplicate of 2019-07-0002"


def test_public_copy_drops_notes_and_hides_field_contacts() -> None:
    incident = attack(
        sources=[
            Source(url="https://example.org/a", title="Statement"),
            Source(title="Contact in Hajin", publisher="Abu X", source_type="field_contact", language="ar"),
        ]
    )
    public = incident.public()
    assert public.notes is None
    assert public.sources[0].url == "https://example.org/a"
    assert public.sources[1].title is None and public.sources[1].publisher is None
    assert public.sources[1].source_type == "field_contact"
    assert incident.notes is not None  # the original is untouched


def test_a_batch_is_found_unstorable_where_each_of_its_incidents_is() -> None:
    long_place = "x" * (TEXT_LIMITS["place"] + 1)
    batch = [
        attack(),
        attack(place=long_place),
        attack(sources=[Source(url="https://a.example/1"), Source(title="a statement\x00")]),
        attack(tags=["patrol", "half \ud800"]),
        attack(civilian_injured=MAX_COUNT + 1, description=None),
        attack(notes="\x00", military_killed=MAX_COUNT),
        attack(sources=[Source(publisher="p" * 201)]),
    ]
    each = storable_problems_each(batch)
    assert each == [storable_problems(incident) for incident in batch]
    assert [bool(problems) for problems in each] == [False, True, True, True, True, True, True]
    assert storable_problems_each([attack(), attack(id="2019-07-0002")]) == [[], []]
