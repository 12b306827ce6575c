from __future__ import annotations

import pytest

from marsad.analysis.changes import Move, change_pct, compare, figure, meaningful_share, percent
from marsad.analysis.months import Month, month_range

JAN = Month(2019, 1)


def series(*counts: int, start: Month = JAN) -> dict[Month, int]:
    return {start.shift(i): c for i, c in enumerate(counts)}


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 8, 13), (1, 200, 1), (1, 400, 0), (-12, 70, -17), (-3, 85, -4), (-1, 8, -13), (5, 10, 50), (3, 2, 150)],
)
def test_percent_rounds_half_away_from_zero(part: int, whole: int, expected: int) -> None:
    assert percent(part, whole) == expected


def test_change_from_nothing_is_not_a_percentage() -> None:
    assert change_pct(3, 0) is None
    assert change_pct(3, None) is None
    assert change_pct(0, 4) == -100


def test_first_month_of_the_dataset_has_no_comparison() -> None:
    f = figure(series(12), JAN, first=JAN)
    assert (f.count, f.previous, f.year_earlier, f.change_pct, f.record, f.streak) == (12, None, None, None, None, 0)


def test_missing_months_inside_the_dataset_count_as_zero() -> None:
    counts = {JAN: 4, Month(2019, 4): 6}  # nothing recorded in February and March
    f = figure(counts, Month(2019, 4), first=JAN)
    assert f.previous == 0 and f.change_pct is None
    assert figure(counts, Month(2019, 3), first=JAN).count == 0


def test_year_earlier_and_share() -> None:
    counts = series(*range(1, 15))
    f = figure(counts, Month(2020, 2), first=JAN, total=28)
    assert (f.count, f.year_earlier, f.share_pct) == (14, 2, 50)


def test_records_need_history_and_must_beat_every_month() -> None:
    assert figure(series(5, 6, 7), Month(2019, 3), first=JAN).record is None  # only two months before
    assert figure(series(5, 6, 7, 8), Month(2019, 4), first=JAN).record == "high"
    assert figure(series(5, 8, 7, 8), Month(2019, 4), first=JAN).record is None  # equal is not a record
    assert figure(series(5, 6, 7, 4), Month(2019, 4), first=JAN).record == "low"
    assert figure(series(5, 6, 7, 8), Month(2019, 4), first=JAN, history_from=Month(2019, 2)).record is None


def test_streaks_count_consecutive_rises_and_falls() -> None:
    assert figure(series(9, 8, 7, 6), Month(2019, 4), first=JAN).streak == -3  # third consecutive monthly fall
    assert figure(series(1, 5, 2, 3, 4), Month(2019, 5), first=JAN).streak == 2
    assert figure(series(3, 3), Month(2019, 2), first=JAN).streak == 0


def test_months() -> None:
    assert Month.parse("2023-11").previous() == Month(2023, 10)
    assert Month(2019, 1).previous() == Month(2018, 12)
    assert Month(2024, 2).last_day.day == 29
    assert Month(2019, 7).label == "July 2019" and Month(2019, 7).name == "July"
    assert len(month_range(Month(2019, 11), Month(2020, 2))) == 4
    with pytest.raises(ValueError, match="'2019-13' is not a month"):
        Month.parse("2019-13")


@pytest.mark.parametrize(
    ("current", "previous", "move", "pct"),
    [
        (30, 15, Move.DOUBLE, None),
        (45, 15, Move.TRIPLE, None),
        (40, 15, Move.MORE_THAN_DOUBLE, None),
        (7, 2, Move.MORE_THAN_TRIPLE, None),
        (10, 20, Move.HALF, None),
        (2, 8, Move.LESS_THAN_HALF, None),
        (58, 70, Move.DOWN, -17),
        (34, 21, Move.UP, 62),
        (5, 3, Move.UP, None),  # a base under 10: no percentage
        (13, 9, Move.UP, None),
        (2, 1, Move.UP, None),  # 1 to 2 is not a doubling
        (3, 6, Move.HALF, None),
        (4, 7, Move.DOWN, None),
        (12, 12, Move.SAME, None),
        (3, 0, Move.FROM_NONE, None),
        (0, 5, Move.TO_NONE, None),
        (1001, 1000, Move.LITTLE_CHANGED, 0),
    ],
)
def test_a_move_is_named_as_a_monitor_would(current: int, previous: int, move: Move, pct: int | None) -> None:
    change = compare(current, previous)
    assert change is not None and (change.move, change.pct) == (move, pct)


def test_only_big_multiples_and_big_moves_from_or_to_none_are_notable() -> None:
    pairs = ((30, 15), (2, 1), (0, 8), (0, 4), (6, 0), (58, 70))
    notable = [change.notable for change in (compare(c, p) for c, p in pairs) if change]
    assert notable == [True, False, True, False, True, False]
    assert compare(7, None) is None


def test_shares_need_a_base_of_ten() -> None:
    assert meaningful_share(8, 11) == 73
    assert meaningful_share(3, 9) is None
