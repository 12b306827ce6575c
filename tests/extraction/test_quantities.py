"""Tolls given as ranges, bounds and approximations ("between 5 and 9", "at least 7", "about 10") in English,
Arabic, Kurmanji and Sorani: the low, best and high each suggests, and whether it may fill the form."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.extraction.text import tokenise

PUBLISHED = dt.date(2023, 11, 30)
Bounds = tuple[int | None, int | None, int | None, bool]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return default_extractor()


def toll(extractor: Extractor, text: str, name: str) -> Bounds:
    """Low, best and high suggested for the count ``name`` (None: not suggested), and whether it is filled."""
    found = extractor.extract(text, published=PUBLISHED).suggestions
    best = found.get(name)
    assert best is not None, f"no {name} in {text!r}"
    low, high = found.get(f"{name}_low"), found.get(f"{name}_high")
    return (low and low.value, best.value, high and high.value, best.confident)


RANGE, FLOOR, ABOVE = (5, 5, 9, True), (7, 7, None, True), (11, 11, None, True)
CEILING, ABOUT = (None, 12, 12, False), (None, 10, None, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 5 and 9 civilians were killed in the shelling of Hajin.", RANGE),
        ("The shelling of Hajin killed between 5 and 9 civilians.", RANGE),
        ("5-9 civilians were killed in the shelling of Hajin.", RANGE),
        ("The shelling killed 5–9 civilians in Hajin.", RANGE),
        ("The shelling killed 5 to 9 civilians in Hajin.", RANGE),
        ("From five to nine civilians were killed in the shelling of Hajin.", RANGE),
        ("The shelling killed 5 or 9 civilians in Hajin.", RANGE),
        ("At least 7 civilians were killed in the shelling of Hajin.", FLOOR),
        ("No fewer than seven civilians were killed in the shelling.", FLOOR),
        ("The shelling killed more than 10 civilians.", ABOVE),  # more than 10 is at least 11
        ("Up to 12 civilians were killed in the shelling of Hajin.", CEILING),
        ("As many as 12 civilians were killed in the shelling.", CEILING),
        ("About 10 civilians were killed in the shelling of Hajin.", ABOUT),
    ],
)
def test_english(extractor: Extractor, text: str, expected: Bounds) -> None:
    assert toll(extractor, text, "civilian_killed") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل ما بين 5 و9 مدنيين بقصف على بلدة هجين.", RANGE),
        ("أسفر القصف عن مقتل ما بين ٥ و٩ مدنيين.", RANGE),
        ("أسفر القصف عن مقتل بين 5 إلى 9 مدنيين.", RANGE),
        ("أسفر القصف عن مقتل ما لا يقل عن 7 مدنيين.", FLOOR),
        ("قتل 7 مدنيين على الأقل بقصف على بلدة هجين.", FLOOR),  # "at least" after the people
        ("أسفر القصف عن مقتل أكثر من 10 مدنيين.", ABOVE),
        ("أسفر القصف عن مقتل ما يصل إلى 12 مدنيا.", CEILING),
        ("أسفر القصف عن مقتل نحو 10 مدنيين.", ABOUT),
        ("أسفر القصف عن مقتل حوالي ١٠ مدنيين.", ABOUT),
        ("أسفر القصف عن مقتل قرابة 10 مدنيين.", ABOUT),
        ("قتل 5 أو 9 مدنيين بقصف على بلدة هجين.", RANGE),
    ],
)
def test_arabic(extractor: Extractor, text: str, expected: Bounds) -> None:
    assert toll(extractor, text, "civilian_killed") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Di navbera 5 û 9 sivîl hatin kuştin.", RANGE),
        ("Di êrîşê de herî kêm 7 sivîl hatin kuştin.", FLOOR),
        ("Di êrîşê de zêdetirî 10 sivîl hatin kuştin.", ABOVE),
        ("Nêzîkî 10 sivîl hatin kuştin.", ABOUT),
        ("Di êrîşê de heta 12 sivîl hatin kuştin.", CEILING),
        ("نێوان ٥ بۆ ٩ هاووڵاتی کوژران", RANGE),  # Sorani
        ("لانیکەم ٧ هاووڵاتی کوژران", FLOOR),
        ("لە هێرشەکەدا زیاتر لە ١٠ هاووڵاتی کوژران", ABOVE),
        ("نزیکەی ١٠ هاووڵاتی کوژران", ABOUT),
        ("هەتا ١٢ هاووڵاتی کوژران", CEILING),
    ],
)
def test_kurdish(extractor: Extractor, text: str, expected: Bounds) -> None:
    assert toll(extractor, text, "civilian_killed") == expected


def test_a_range_of_fighters_names_the_sdf_and_its_words() -> None:
    found = default_extractor().extract("ISIS cells attacked a checkpoint, killing 3 to 5 SDF fighters.").suggestions
    military = [found[f"military_killed{bound}"].value for bound in ("", "_low", "_high")]
    assert military == [3, 3, 5]
    assert [e.text for e in found["military_killed_high"].evidence] == ["3 to 5 SDF fighters"]
    assert "(3–5)" in found["killed"].reason


@pytest.mark.parametrize(
    ("text", "name", "best"),
    [
        ("Two SDF fighters were killed in Hajin.", "military_killed", 2),
        ("قتل 5 مدنيين بقصف على بلدة هجين.", "civilian_killed", 5),
        ("5 sivîl hatin kuştin.", "civilian_killed", 5),
        ("٧ هاووڵاتی کوژران", "civilian_killed", 7),
        # "and" joins two tolls, not a range's ends, unless "between" comes first
        ("The blast killed five civilians and wounded nine soldiers.", "civilian_killed", 5),
    ],
)
def test_an_exact_toll_gives_only_the_best_estimate(extractor: Extractor, text: str, name: str, best: int) -> None:
    assert toll(extractor, text, name) == (None, best, None, True)


def test_groups_add_up_and_a_range_joins_an_exact_count() -> None:
    found = default_extractor().extract("Two fighters and between 3 and 4 civilians were killed in Hajin.").suggestions
    assert found["killed"].value == 5 and "(5–6)" in found["killed"].reason
    assert (found["military_killed"].value, "military_killed_low" in found) == (2, False)
    assert (found["civilian_killed_low"].value, found["civilian_killed_high"].value) == (3, 4)


def test_a_dash_is_a_token_only_between_two_numbers() -> None:
    assert tokenise("5 – 9 civilians", "en").norms == ["5", "-", "9", "civilians"]
    assert tokenise("on 12-11-2023 in Hajin", "en").norms == ["on", "12", "11", "2023", "in", "hajin"]
    assert tokenise("an ISIS-linked cell", "en").norms == ["an", "isis", "linked", "cell"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wordings seen in reports of ISIS shelling in Deir ez-Zor (reworded here, not quoted):
        # https://friendsofsyria.wordpress.com/2017/09/07/breaking-isil-terrorists-target-civilians-in-deir-ezzor-after-recent-losses-7-killed/
        (
            "A military source in Deir Ezzor said at least 7 civilians were killed and 29 others were wounded.",
            {"civilian_killed": 7, "civilian_killed_low": 7, "injured": 29},
        ),
        # https://en.news-front.info/2017/09/21/5-civilians-died-in-militants-shelling-in-deir-ez-zor/
        (
            "Rocket fire on Deir ez-Zor killed at least five civilians; another 40 were injured.",
            {"civilian_killed": 5, "civilian_killed_low": 5, "injured": 40},  # "another 40" is 40, not one
        ),
        # https://syrianpc.com/archives/212726 ("about 40" is listed to check, not filled)
        (
            "Mortar shells hit al-Joura, killing 14 civilians, including three children, and wounding about 40 others.",
            {"civilian_killed": 14, "injured": None},
        ),
    ],
)
def test_wordings_of_real_reports(extractor: Extractor, text: str, expected: dict[str, int | None]) -> None:
    found = extractor.extract(text, published=PUBLISHED)
    assert {name: found.get(name) for name in expected} == expected
    assert found.get("civilian_killed_high") is None


def test_a_toll_that_rose_is_no_range() -> None:
    """ "rose from 3 to 5" tells a change, not two ends of one estimate."""
    found = default_extractor().extract("The death toll of the attack in Hajin rose from 3 to 5 killed.")
    assert found.get("killed_high") is None


def test_an_uncertain_group_leaves_the_exact_one_beside_it_sure() -> None:
    found = default_extractor().extract("Up to 12 civilians and 2 soldiers were killed in Hajin.")
    assert (found.get("military_killed"), found.get("civilian_killed"), found.get("killed")) == (2, None, None)
    assert found.suggestions["civilian_killed_high"].value == 12  # listed to check, with its ceiling
