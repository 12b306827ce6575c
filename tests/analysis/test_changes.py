from __future__ import annotations

import pytest

from marsad.analysis.changes import change_pct, figure, percent
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
