"""Stories: reposts and forwards meet their post; the same formula about another place, toll or week does not."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from marsad.domain.intake import searchable
from marsad.intake.grouping import Text, group, sketch

T0 = dt.datetime(2023, 11, 2, 9, tzinfo=dt.UTC)
POST = "قتل 3 عناصر من قوات سوريا الديمقراطية بهجوم لخلايا داعش على حاجز في بلدة الشحيل بريف دير الزور الشرقي"


def text(key: int, words: str, hours: float = 0, place: str | None = "al-Shuhayl") -> Text:
    return Text(key, T0 + dt.timedelta(hours=hours), searchable(words), place)


def test_a_repost_with_a_prefix_and_a_forward_join_the_post() -> None:
    texts = [text(1, POST), text(2, "عاجل | " + POST, 1), text(3, POST + " #دير_الزور", 2)]
    assert group(texts) == [[1, 2, 3]]


def test_the_same_formula_about_another_place_or_toll_is_another_story() -> None:
    other_place = text(2, POST.replace("الشحيل", "ذيبان"), 1, place="Dhiban")
    other_toll = text(3, POST.replace("3", "5"), 1)
    a_week_later = text(4, POST, 24 * 7)
    assert group([text(1, POST), other_place, other_toll, a_week_later]) == []


def test_short_texts_are_never_grouped() -> None:
    assert group([text(1, "عاجل"), text(2, "عاجل", 1)]) == []


def test_versions_of_an_edited_message_are_one_story_whatever_their_words() -> None:
    assert group([text(1, POST), text(2, "a different text altogether now", 1)], linked=[(2, 1)]) == [[1, 2]]


@given(st.lists(st.integers(0, 99), min_size=2, max_size=6, unique=True))
def test_texts_with_different_tolls_are_never_one_story(tolls: list[int]) -> None:
    texts = [text(n, POST.replace("3", str(toll)), n) for n, toll in enumerate(tolls)]
    assert group(texts) == []


def test_a_text_has_the_same_sketch_in_every_process() -> None:
    """Python salts its string hash per process: a sketch built on it groups one export differently each time."""
    code = f"from marsad.intake.grouping import sketch; print(sketch({searchable(POST)!r}))"
    run = [sys.executable, "-c", code]
    found = {
        subprocess.run(
            run, env=os.environ | {"PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True
        ).stdout
        for seed in ("1", "2")
    }
    assert found == {f"{sketch(searchable(POST))}\n"}


FORMULA_AR = "#دير_الزور | هجوم لخلايا داعش على نقطة لقسد في قرية {} بريف دير الزور الشرقي {}، دون ورود أنباء عن إصابات"
FORMULA_EN = "#Deir_ez-Zor | An ISIS cell attacked an SDF post in the village of {} on {}, killing {} members"
MONDAY = dt.date(2023, 10, 30)


def filled(key: int, formula: str, *blanks: str, place: str | None, day: dt.date, killed: int | None = None) -> Text:
    return Text(key, T0 + dt.timedelta(hours=key), searchable(formula.format(*blanks)), place, day, killed)


def test_a_formula_filled_in_for_two_villages_the_gazetteer_does_not_know_is_two_stories() -> None:
    texts = [
        filled(1, FORMULA_AR, "الجرذي", "صباح اليوم", place=None, day=MONDAY),
        filled(2, FORMULA_AR, "الطيانة", "صباح اليوم", place=None, day=MONDAY),
    ]
    assert group(texts) == []


def test_a_formula_filled_in_for_two_days_or_two_tolls_in_words_is_two_stories() -> None:
    monday = filled(1, FORMULA_EN, "Hajin", "Monday", "two", place="Hajin", day=MONDAY, killed=2)
    tuesday = filled(2, FORMULA_EN, "Hajin", "Tuesday", "two", place="Hajin", day=MONDAY.replace(day=31), killed=2)
    three = filled(3, FORMULA_EN, "Hajin", "Monday", "three", place="Hajin", day=MONDAY, killed=3)
    assert group([monday, tuesday, three]) == []


def test_reposts_of_a_formula_post_join_it_even_where_the_place_is_unknown() -> None:
    post = FORMULA_AR.format("الجرذي", "صباح اليوم")
    texts = [
        Text(1, T0, searchable(post + " المصدر"), None, MONDAY),  # a text link's words after it
        Text(2, T0 + dt.timedelta(days=1), searchable("عاجل | " + post), None, MONDAY.replace(day=31)),
        Text(3, T0 + dt.timedelta(hours=2), searchable(post + " @deirezzor24 t.me/deirezzor24/4512"), None, MONDAY),
        Text(4, T0 + dt.timedelta(days=1), searchable(post.replace("،", ",")), None, MONDAY.replace(day=31)),
    ]
    assert group(texts) == [[1, 2, 3, 4]]


def test_the_same_formula_post_reworded_joins_it_where_place_day_and_toll_agree() -> None:
    post = FORMULA_EN.format("Hajin", "Monday", "two")
    reworded = post.replace("SDF post", "SDF checkpoint")
    texts = [Text(1, T0, searchable(post), "Hajin", MONDAY, 2), Text(2, T0, searchable(reworded), "Hajin", MONDAY, 2)]
    assert group(texts) == [[1, 2]]
