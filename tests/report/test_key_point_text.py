"""Each English phrasing of a key-point fact, with its edge cases (the facts themselves: tests/analysis)."""

from __future__ import annotations

import pytest

from marsad.analysis.changes import Change, compare
from marsad.analysis.keypoints import (
    CasualtyToll,
    ClaimedMove,
    KeyFact,
    NotCountedAttacks,
    NotCountedGroup,
    RaidResults,
    RegionCount,
    RegionMove,
    RegionSplit,
    Total,
)
from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.ranges import CountRange
from marsad.domain.rules import NOT_CONFIRMED, OUTSIDE_AREA
from marsad.domain.vocabulary import Vocabularies
from marsad.report.key_point_text import EnglishKeyPoints

FEBRUARY = Month(2024, 2)


def said(fact: KeyFact, vocab: Vocabularies, scope: Scope | None = None) -> str:
    return EnglishKeyPoints(FEBRUARY, scope or Scope(), vocab).sentence(fact)


@pytest.mark.parametrize(
    ("count", "previous", "expected"),
    [
        (40, 20, "40 confirmed attacks across NES in February, double January's 20"),
        (10, 20, "10 confirmed attacks across NES in February, half of January's 20"),
        (8, 17, "8 confirmed attacks across NES in February, less than half of January's 17"),
        (11, 17, "11 confirmed attacks across NES in February, a decrease from January's 17"),
        (1, 1, "1 confirmed attack across NES in February, the same as January"),
        (0, 4, "No confirmed attacks across NES in February, after 4 in January"),
    ],
)
def test_the_headline_calls_a_doubling_or_a_halving_so(
    count: int, previous: int, expected: str, vocab: Vocabularies
) -> None:
    assert said(Total(count, compare(count, previous), None), vocab) == expected


def test_the_first_month_and_records(vocab: Vocabularies) -> None:
    assert said(Total(5, None, None), vocab) == "5 confirmed attacks across NES in February, the first month on record"
    assert said(Total(30, compare(30, 29), "high"), vocab).endswith(", more than in any month to date")


@pytest.mark.parametrize(
    ("count", "previous", "record", "expected"),
    [
        (30, 15, "high", "Attacks in Jazira double to 30, more than in any month to date"),
        (10, 20, None, "Attacks in Jazira down to 10, half of January's 20"),
        (5, 3, "high", "Attacks in Jazira up from 3 to 5, more than in any month to date"),  # no % of 3
        (40, 50, "low", "Attacks in Jazira down 20% to 40, the fewest since records began"),
        (0, 8, None, "No attacks in Jazira, after 8 in January"),
        (7, 0, None, "7 attacks in Jazira, after none in January"),
    ],
)
def test_a_region_that_moved(count: int, previous: int, record: str | None, expected: str, vocab: Vocabularies) -> None:
    assert said(RegionMove("jazira", count, compare(count, previous), record, None), vocab) == expected


def test_regions_fold_into_one_sentence_with_a_share_only_on_a_base_of_ten(vocab: Vocabularies) -> None:
    split = RegionSplit(
        (RegionCount("deir_ez_zor", 8, 73), RegionCount("raqqa", 2, None), RegionCount("jazira", 1, None)),
        ("manbij", "tabqa"),
    )
    assert said(split, vocab) == "Attacks by region: Deir ez-Zor 8 (73%), Raqqa 2, Jazira 1; none in Manbij or Tabqa"
    small = RegionSplit((RegionCount("deir_ez_zor", 3, None), RegionCount("raqqa", 2, None)), ())
    assert said(small, vocab) == "Attacks by region: Deir ez-Zor 3, Raqqa 2"


def test_uncounted_attacks_are_one_line(vocab: Vocabularies) -> None:
    regions = (RegionCount("deir_ez_zor", 2, None), RegionCount("jazira", 1, None))
    unconfirmed = NotCountedAttacks(3, (NotCountedGroup(NOT_CONFIRMED, 3, regions),))
    assert said(unconfirmed, vocab) == (
        "A further 3 attacks could not be confirmed and are not counted (Deir ez-Zor 2, Jazira 1)"
    )
    one = NotCountedAttacks(1, (NotCountedGroup(NOT_CONFIRMED, 1, (RegionCount("raqqa", 1, None),)),))
    assert said(one, vocab, Scope(("isis",), "ISIS attacks")) == (
        "A further 1 attack in Raqqa could not be confirmed as ISIS attacks and is not counted"
    )
    mixed = NotCountedAttacks(5, (NotCountedGroup(NOT_CONFIRMED, 3, regions), NotCountedGroup(OUTSIDE_AREA, 2, ())))
    assert said(mixed, vocab) == (
        "A further 5 attacks are not counted: 3 unconfirmed (Deir ez-Zor 2, Jazira 1); 2 outside the monitored area"
    )


def moved(current: int, previous: int) -> Change:
    change = compare(current, previous)
    assert change is not None
    return change


def test_claims_name_the_actor_and_all_attacks(vocab: Vocabularies) -> None:
    isis = ClaimedMove("isis", moved(58, 70), moved(82, 85))
    assert said(isis, vocab) == "ISIS-claimed attacks down 17% to 58; all attacks down 4% to 82"
    ahrar = ClaimedMove("ahrar_al_shaab", moved(5, 3), None)
    assert said(ahrar, vocab) == "Attacks claimed by Ahrar al-Shaab up from 3 to 5"


def tolls(*best: int) -> CasualtyToll:
    """A toll of exact counts (military killed, military injured, civilians killed, civilians injured)."""
    return CasualtyToll(*(CountRange(n, n, n) for n in best))


def test_a_summed_range_is_given_beside_its_total_only_where_it_differs(vocab: Vocabularies) -> None:
    toll = CasualtyToll(CountRange(1, 1, 1), CountRange(0, 0, 0), CountRange(5, 7, 9), CountRange(2, 2, 3))
    assert (
        said(toll, vocab)
        == "1 military personnel killed, 7 civilians killed (5–9) and 2 injured (2–3) in these attacks"
    )


def test_counts_agree_with_their_nouns(vocab: Vocabularies) -> None:
    assert said(tolls(1, 0, 0, 1), vocab) == "1 military personnel killed, 1 civilian injured in these attacks"
    assert said(tolls(0, 0, 0, 0), vocab) == "No casualties reported in these attacks"
    assert said(RaidResults(1, 0, 0, None), vocab) == "1 raid conducted on sleeper cells, resulting in no arrests"
    isis = Scope(("isis",), "ISIS sleeper cell attacks")
    assert said(RaidResults(10, 17, 1, None), vocab, isis) == (
        "10 raids conducted on ISIS sleeper cells, resulting in 17 arrests and 1 ISIS member killed"
    )
