"""Where and when: gazetteer names and cued names (roads, villages, camps) in four languages, and the dates
monitors write (day and month, 'Nov. 14', '16ê Gulanê', 'the 24th of this month')."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extraction.labels import predicted_labels
from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.extraction.places import SCENE_BEFORE

PUBLISHED = dt.date(2023, 11, 30)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return default_extractor()


def where_and_when(extractor: Extractor, text: str) -> tuple[object, object, object, object]:
    found = predicted_labels(extractor.extract(text, published=PUBLISHED), extractor.gazetteer)
    return found["place"], found["place_en"], found["region"], found["date"]


@pytest.mark.parametrize(
    ("text", "place", "place_en", "region", "date"),
    [
        (
            "ISIS cells attacked an SDF checkpoint in Jazarat Al-Bohamid town in the western countryside of Deir Ezzor",
            "Jazarat Al-Bohamid",
            None,
            "Deir ez-Zor",
            None,
        ),
        ("Two SDF members were killed on the Khourafi road near Hajin.", "Khourafi road", None, "Deir ez-Zor", None),
        (
            "An IED exploded in al-Hol camp on Nov. 14, killing a woman.",
            "al-Hol camp",
            None,
            "al-Hol camp",
            "2023-11-14",
        ),
        (
            "Gunmen shot dead a civilian in the desert of Al-Shuhail on the 24th of this month.",
            "Al-Shuhail",
            None,
            "Deir ez-Zor",
            "2023-11-24",
        ),
        (
            "قُتل عنصر من قسد برصاص مجهولين في قرية الحوايج بريف دير الزور الشرقي",
            "الحوايج",
            "al-Hawayij",
            "Deir ez-Zor",
            None,
        ),
        ("انفجرت عبوة ناسفة على طريق الخرافي يوم 12 تشرين الثاني", "طريق الخرافي", None, None, "2023-11-12"),
        (
            "Du şervanên HSDê li gundê Til Temir hatin kuştin roja 16ê Gulanê",
            "Til Temir",
            "Tal Tamr",
            "Heseke",
            "2023-05-16",
        ),
        ("سێ ئەندامی هەسەدە لە گوندی تل حميس کوژران", "تل حميس", "Tal Hamis", "Heseke", None),
        (
            "SDF arrested three ISIS suspects in a raid in Busayrah on 3 March.",
            "Busayrah",
            None,
            "Deir ez-Zor",
            "2023-03-03",
        ),
    ],
)
def test_places_and_dates(
    extractor: Extractor, text: str, place: str, place_en: str | None, region: str | None, date: str | None
) -> None:
    assert where_and_when(extractor, text) == (place, place_en, region, date)


def test_a_place_someone_fled_from_is_not_the_scene(extractor: Extractor) -> None:
    assert where_and_when(extractor, "A man who fled from Raqqa was arrested in Hasakah.")[0] == "Hasakah"


def test_no_date_without_a_date_phrase(extractor: Extractor) -> None:
    assert where_and_when(extractor, "Two SDF fighters were killed in Hajin.")[3] is None


@pytest.mark.parametrize(
    ("text", "place", "place_en", "region"),
    [
        (  # xeber24.org/en/archives/267462: a name in quotation marks after its cue
            "With the support of the Syrian Democratic Forces (SDF), the American coalition forces carried out an "
            "airdrop during the past 24 hours, in the village of “Jdeid Akkidat”, east of Deir Al-Zour.",
            "Jdeid Akkidat",
            None,
            "Deir ez-Zor",
        ),
        (  # ours: a known name in quotation marks, with its article
            "The SDF raided houses in the town of “Al-Basira” in the eastern countryside of Deir Ezzor.",
            "Basira",
            None,
            "Deir ez-Zor",
        ),
        (  # npasyria.com/178191: Euphrates villages the gazetteer knew only in English
            "إن “مسلحي التنظيم استهدفوا بسلاح رشاش عنصرين من قسد في سوق بلدة الحوايج في ناحية ذيبان شرق دير الزور”.",
            "الحوايج",
            "al-Hawayij",
            "Deir ez-Zor",
        ),
        (  # cnas.org, "ISIS sleeper cell attack kills one SDF fighter in Syria's Deir al-Zor": SOHR's spelling
            "SOHR reported on Friday that a car bomb in Theban town in the eastern region of Deir al-Zor’s "
            "countryside killed two members of the SDF.",
            "Theban",
            None,
            "Deir ez-Zor",
        ),
        (  # syriacpress.com, 2021/10/13: the countryside of a city is wider than the town named in it
            "The units also carried out a security operation in the town of Sha’fa, also in the eastern "
            "countryside of Dayro Zcuro, targeting an ISIS cell.",
            "Sha’fa",
            None,
            "Deir ez-Zor",
        ),
        (  # syriahr.com/en/232894: "Abo" is "Abu" (Abu Hamam), not the Tabqa area "Hamam" it contains
            "SOHR activists have reported that unknown gunmen on a motorbike targeted with RPGs a checkpoint of SDF "
            "in Al-Sanour junction in Abo Hamam town in Deir Ezzor eastern countryside.",
            "Abo Hamam",
            None,
            "Deir ez-Zor",
        ),
        (  # zhyan.co/news.aspx?id=20233: a skeleton that fits a Tabqa village, in a text about Deir ez-Zor
            "تیرۆرستانی داعـــش هێرشیان کردە سەر خاڵێکی سەربازیی هێزەکانمان لە شارۆچکەی بەحرەی ناوەڕاست لە "
            "ڕۆژهەڵاتی دێرەزوور",
            "بەحرەی",
            None,
            "Deir ez-Zor",
        ),
        (  # ours: an apostrophe inside a name ("Sana’a") is part of it, not a break before "a"
            "A Turkish drone targeted a car in the Sana’a neighbourhood of Qamishli.",
            "Sana’a neighbourhood",
            None,
            "Qamishlo",
        ),
        (  # ours: "north of" (شمالي) is no "to" (إلى) that ends it, and ديرالزور is written as one word
            "اعتقلت قسد 4 أشخاص في قرية العزبة شمالي ديرالزور",
            "العزبة",
            None,
            "Deir ez-Zor",
        ),
        (  # ours: Kurmanji spellings of Euphrates towns
            "Çekdarên DAIŞê êrîşî xaleke HSDê li bajarokê Zibyan kirin.",
            "Zibyan",
            "Dhiban",
            "Deir ez-Zor",
        ),
        ("Şaneyeke DAIŞê li bajarokê Ebrîha êrîşî bendeke ewlehiyê kir.", "Ebrîha", "Abriha", "Deir ez-Zor"),
        (  # ours: "di nava" (inside) is no place called Nava
            "QSD li herêma Dêrazorê endamekî DAIŞê yê di nava şaneyên rêxistinê de girt.",
            "Dêrazor",
            "Deir ez-Zor",
            "Deir ez-Zor",
        ),
        (  # shafaq.com, "قسد تطيح بثلاثة دواعش في دير الزور": the self-administration's area is no place
            "أعلنت قوات سوريا الديمقراطية، يوم الأربعاء، اعتقال ثلاثة عناصر في تنظيم داعش شمال دير الزور بمنطقة "
            "الإدارة الذاتية التي يقودها الكورد في سوريا.",
            "دير الزور",
            "Deir ez-Zor",
            "Deir ez-Zor",
        ),
    ],
)
def test_names_quoted_spelled_locally_or_inside_a_wider_area(
    extractor: Extractor, text: str, place: str, place_en: str | None, region: str
) -> None:
    assert where_and_when(extractor, text)[:3] == (place, place_en, region)


@pytest.mark.parametrize(
    ("before", "scene"),
    [("في ", True), ("وفي ", True), ("الريفي ", False), ("له ", True), ("ماله ", False)],
)
def test_arabic_and_sorani_cue_words_are_whole_words(before: str, scene: bool) -> None:
    """في and لە announce a scene; the same letters ending another word (الريفي، ماڵە) do not."""
    assert bool(SCENE_BEFORE.search(before)) is scene
