"""Where and when: gazetteer names and cued names (roads, villages, camps) in four languages, and the dates
monitors write (day and month, 'Nov. 14', '16ê Gulanê', 'the 24th of this month')."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extraction.labels import predicted_labels
from marsad.extraction.pipeline import Extractor, default_extractor

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
        ("قُتل عنصر من قسد برصاص مجهولين في قرية الحوايج بريف دير الزور الشرقي", "الحوايج", None, "Deir ez-Zor", None),
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
