"""Every failure class issue 12 names, as a user of quick entry would meet it, plus one test per stage."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extraction.labels import predicted_labels
from marsad.extraction.language import detect_language
from marsad.extraction.nouns import DUAL, DUAL_OR_PLURAL
from marsad.extraction.numbers import number_value
from marsad.extraction.people import person_noun
from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.extraction.text import normalise_word, tokenise

PUBLISHED = dt.date(2023, 11, 30)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return default_extractor()


def labels(extractor: Extractor, text: str, published: dt.date | None = PUBLISHED) -> dict[str, object]:
    return predicted_labels(extractor.extract(text, published=published), extractor.gazetteer)


def test_a_weekday_alone_gives_no_date(extractor: Extractor) -> None:
    assert labels(extractor, "On Monday, ISIS gunmen attacked an SDF checkpoint in Hajin.")["date"] is None


def test_a_november_11_bombing_is_11_november(extractor: Extractor) -> None:
    found = labels(extractor, "Residents recalled a November 11 bombing that killed two SDF fighters in Hajin.")
    assert found["date"] == "2023-11-11"


def test_levantine_months_need_ar_sy(extractor: Extractor) -> None:
    found = labels(extractor, "والأحد 1 آب، قال مراسل إن قسد شنت حملة مداهمات في قرية العزبة", dt.date(2021, 8, 31))
    assert found["date"] == "2021-08-01"


def test_a_day_and_month_without_a_publication_date_is_not_filled(extractor: Extractor) -> None:
    assert labels(extractor, "On December 22, a bomb killed a council head in al-Kubar.", None)["date"] is None


def test_the_most_specific_place_wins_over_a_longer_wider_one(extractor: Extractor) -> None:
    text = "Unknown assailants attacked a checkpoint in the town of Gharanij in the eastern countryside of Deir ez-Zor."
    found = labels(extractor, text)
    assert found["place"] == "Gharanij" and found["region"] == "Deir ez-Zor"


def test_a_unit_name_is_not_a_place(extractor: Extractor) -> None:
    found = labels(extractor, "The Dhiban Brigade arrested a member of an ISIS cell.")
    assert found["place"] is None
    found = labels(extractor, "“Manbij Military Council” has arrested a member of ISIS in a security operation.")
    assert found["place"] is None


def test_a_victims_origin_is_not_the_place(extractor: Extractor) -> None:
    text = "وتبنى تنظيم داعش قتل شخص المنحدر من بلدة الصور بريف دير الزور، على حاجز في بلدة بريهة شرقي دير الزور."
    found = labels(extractor, text)
    assert found["place"] == "بريهة" and found["claimed"] is True


def test_tabanna_is_a_verb_not_al_tibni(extractor: Extractor) -> None:
    found = labels(extractor, "وتبنى تنظيم داعش الهجوم على حاجز لقسد")
    assert found["place"] is None and found["claimed"] is True and found["perpetrator"] == "ISIS"


@pytest.mark.parametrize(
    ("text", "killed", "breakdown"),
    [
        ("An SDF member was shot dead by unknown gunmen in Hajin.", 1, {"military": 1}),
        ("At least three people lost their lives in a drone strike on a car in Malla Sibat.", 3, {}),
        (
            "Four members of the Internal Security Forces and two SDF fighters were killed in an ISIS attack.",
            6,
            {"military": 6},
        ),
        ("قُتل عنصر من قوات سوريا الديمقراطية اليوم في دير الزور", 1, {"military": 1}),
        ("Two ISIS militants were killed while planting an IED in the village of Hawaij.", 2, {}),
    ],
)
def test_counts_without_a_digit_next_to_the_verb(
    extractor: Extractor, text: str, killed: int, breakdown: dict[str, int]
) -> None:
    found = labels(extractor, text)
    assert (found["killed"], found["killed_breakdown"]) == (killed, breakdown)


def test_isis_dead_are_not_military(extractor: Extractor) -> None:
    found = labels(extractor, "The Two ISIS militants were killed in the village of Hawaij, the SDF added.")
    assert found["killed"] == 2 and found["killed_breakdown"] == {}


def test_the_arrest_of_40_and_no_casualties(extractor: Extractor) -> None:
    assert labels(extractor, "The SDF announced the arrest of 40 ISIS suspects in Raqqa.")["arrested"] == 40
    found = labels(
        extractor, "ISIS cells targeted a house in al-Busayrah with a sound bomb. The attack left no casualties."
    )
    assert (found["killed"], found["injured"], found["attack_type"]) == (0, 0, "grenade")


def test_vague_counts_are_left_empty(extractor: Extractor) -> None:
    found = labels(extractor, "Several members of the SDF were martyred and a number of the attackers were arrested.")
    assert found["killed"] is None and found["arrested"] is None


@pytest.mark.parametrize(
    ("text", "attack_type"),
    [
        ("ISIS cells ambushed an SDF patrol and opened fire on it near Hajin.", "armed attack"),
        ("A roadside bombing hit an SDF vehicle; an IED had been planted by ISIS cells.", "IED"),
        ("Iran-backed militias fired rockets at the US base in the Conoco field.", "mortar/rocket"),
        ("ISIS kidnapped a shepherd near al-Busayrah.", "kidnapping"),
        ("ISIS beheaded a young man and threw his head into the market of Bariha.", "execution"),
        ("A car bomb exploded in Manbij, killing five people.", "VBIED"),
    ],
)
def test_attack_types_by_their_everyday_words(extractor: Extractor, text: str, attack_type: str) -> None:
    assert labels(extractor, text)["attack_type"] == attack_type


def test_words_inside_a_pasted_link_feed_nothing(extractor: Extractor) -> None:
    found = labels(extractor, "Read more: https://example.org/2023/car-bomb-killed-5-in-hasakah-isis-claimed")
    assert all(found[key] in (None, {}) for key in ("place", "attack_type", "killed", "claimed", "perpetrator"))


def test_arabic_duals_are_two(extractor: Extractor) -> None:
    assert (noun := person_noun(normalise_word("عنصرين"))) is not None and noun.number == DUAL
    fighters = person_noun(normalise_word("مقاتلين"))  # dual or plural: not counted
    assert fighters is not None and fighters.number == DUAL_OR_PLURAL
    found = labels(extractor, "أطلق مسلحون مجهولون النار على حاجز لقسد ما أدى لإصابة عنصرين")
    assert found["injured"] == 2


def test_numbers_in_three_languages() -> None:
    assert [number_value(w) for w in ("five", "12", "du", normalise_word("خمسة"))] == [5, 12, 2, 5]
    assert number_value("several") is None


def test_language_is_told_apart_offline() -> None:
    assert detect_language("Two members of the SDF were killed in Raqqa.") == "en"
    assert detect_language("قُتل عنصر من قوات سوريا الديمقراطية في دير الزور") == "ar"
    assert detect_language("لە ئەنجامی هێرشێکی رۆژی رابردوو سێ ئەندامی هێزەکانی هەسەدە کوژران") == "ckb"
    assert detect_language("Li gor zanyariyên Rewangehê, çekdarên DAIŞê êrîşî xaleke din a HSDê kir") == "kmr"


def test_normalisation_keeps_the_original_words_for_evidence() -> None:
    doc = tokenise("قُتِلَ عنصرٌ في الرقّة", "ar")
    assert doc.normal == "قتل عنصر في الرقه"
    start = doc.normal.index("الرقه")
    assert doc.words(start, start + len("الرقه")) == "الرقّة"


def test_kurmanji_counts_and_places(extractor: Extractor) -> None:
    text = "Çekdarên DAIŞê êrîşî xaleke HSDê li bajarokê Zibyan kir û di encamê de şervanekî HSDê canê xwe jidest da."
    found = labels(extractor, text)
    assert found["killed"] == 1 and found["killed_breakdown"] == {"military": 1} and found["place"] == "Zibyan"


def test_apostrophes_join_names_but_not_possessives_or_kurmanji_endings() -> None:
    """ "Sana’a" and "Sha’fa" are one word each; "SDF’s", "QSD’ê" and "2024’an" keep their ending apart, so
    the force, the date and the year are read as before."""
    doc = tokenise("The SDF’s post in Sana’a and Sha’fa; TOL’ê yên QSD’ê, 10’ê Gulana 2024’an", "en")
    assert doc.norms == [
        *("the", "sdf", "s", "post", "in", "sanaa", "and", "shafa", ";", "tol", "e", "yen", "qsd", "e", ","),
        *("10", "e", "gulana", "2024", "an"),
    ]
