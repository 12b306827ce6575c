from __future__ import annotations

from marsad.domain.ranges import CountRange, count_range, total_range
from tests.helpers import attack


def test_a_blank_bound_is_the_best_estimate_and_a_blank_best_is_not_reported() -> None:
    incident = attack(civilian_killed=7, civilian_killed_low=5, military_killed=2, military_killed_high=None)
    assert count_range(incident, "civilian_killed") == CountRange(5, 7, 7)
    assert count_range(incident, "military_killed") == CountRange(2, 2, 2)
    assert count_range(incident, "civilian_injured") is None


def test_a_range_is_written_beside_the_best_estimate_only_where_it_differs() -> None:
    assert CountRange(5, 7, 9).written() == "7 (5–9)"
    assert CountRange(1200, 1500, 1500).written() == "1,500 (1,200–1,500)"
    assert CountRange(3, 3, 3).written() == "3"
    assert total_range([CountRange(5, 7, 9), None, CountRange(2, 2, 2)]).written() == "9 (7–11)"
