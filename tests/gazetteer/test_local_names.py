"""Place names in the reader's language, from the spellings the gazetteer has."""

from __future__ import annotations

from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.local_names import local_name


def test_each_language_gets_its_own_spelling(gazetteer: Gazetteer) -> None:
    assert [gazetteer.local_name("Qamishli", code) for code in ("en", "ar", "ku", "ckb")] == [
        "Qamishli",
        "القامشلي",
        "Qamişlo",
        "قامشلۆ",
    ]
    assert gazetteer.local_name("Ras al-Ayn", "ku") == "Serêkaniyê"
    assert gazetteer.local_name("Nowhere-on-Earth", "ar") == "Nowhere-on-Earth"


def test_administrative_and_transliterated_spellings_are_not_chosen() -> None:
    names = ["ناحية مركز البصيرة", "Al Buşayrah", "البصيرة"]
    assert local_name("Al-Busayrah", names, "ar") == "البصيرة"
    assert local_name("Al-Busayrah", names, "ku") == "Al-Busayrah"  # no Kurmanji spelling: the English one
    assert local_name("Al-Busayrah", names, "ckb") == "البصيرة"  # Sorani falls back to the Arabic script


def test_sorani_prefers_its_own_letters_to_a_persian_spelling() -> None:
    names = ["Hasakah", "حسکه", "حەسیچە", "الحسكة"]
    assert local_name("Hasakah", names, "ckb") == "حەسیچە"  # ک and ه alone are Persian spelling too
    assert local_name("Hasakah", ["حسکه", "الحسكة"], "ckb") == "حسکه"  # still before the Arabic one
