from __future__ import annotations

from marsad.domain.ranges import CountRange, count_range, stated_range
from marsad.i18n.formats import with_range
from tests.helpers import attack


def test_a_blank_bound_is_the_best_estimate_and_a_blank_best_is_not_reported() -> None:
    incident = attack(civilian_killed=7, civilian_killed_low=5, military_killed=2, military_killed_high=None)
    assert count_range(incident, "civilian_killed") == CountRange(5, 7, 7)
    assert count_range(incident, "military_killed") == CountRange(2, 2, 2)
    assert count_range(incident, "civilian_injured") is None


def test_a_range_stated_by_its_ends_counts_its_low_as_the_best_estimate() -> None:
    """One rule for "5-9" typed in a best cell and "between 5 and 9 were killed" read from a text."""
    assert stated_range(5, 9) == CountRange(5, 5, 9)


def test_a_range_is_written_beside_the_best_estimate_only_where_it_differs() -> None:
    assert CountRange(5, 7, 9).span() == "5–9"
    assert with_range(1500, 1200, 1500, "en") == "1,500 (1,200–1,500)"
    assert with_range(3, 3, 3, "en") == "3"
    assert with_range(7, 5, 9, "ar") == "7 (\u20665–9\u2069)"  # isolated: a right-to-left line would read 9–5
