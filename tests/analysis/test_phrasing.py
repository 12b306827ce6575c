"""Each phrasing rule of the key points, with its edge cases."""

from __future__ import annotations

import pytest

from marsad.analysis.keypoints import change_phrase, plural, record_phrase


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (30, 15, "double to 30"),
        (45, 15, "triple to 45"),
        (15, 30, "halve to 15"),
        (4, 10, "more than halve to 4"),
        (58, 70, "down 17% to 58"),
        (82, 85, "down 4% to 82"),
        (34, 21, "up 62% to 34"),
        (12, 12, "no change from March"),
        (3, 0, "up from none to 3"),
        (0, 5, "down from 5 to none"),
        (0, 0, "no change from March"),
        (1001, 1000, "little changed at 1001"),
    ],
)
def test_change_phrases(current: int, previous: int, expected: str) -> None:
    assert change_phrase(current, previous, "March") == expected


def test_change_can_be_said_from_the_month_before() -> None:
    assert change_phrase(34, 21, "January", style="from") == "up 62% from January"
    assert change_phrase(58, 70, "June", style="from") == "down 17% from June"


def test_no_history_means_no_change_phrase() -> None:
    assert change_phrase(7, None, "June") is None


def test_record_and_plural_phrases() -> None:
    assert record_phrase("high") == "more than in any month to date"
    assert record_phrase("low") == "the fewest since records began"
    assert record_phrase(None) is None
    assert plural(1, "raid") == "1 raid" and plural(10, "raid") == "10 raids"
    assert plural(2, "civilian injured", "civilians injured") == "2 civilians injured"
