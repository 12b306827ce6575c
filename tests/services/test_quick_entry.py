"""Quick entry: what a pasted statement pre-fills, in English and Arabic, and what it leaves to the researcher."""

from __future__ import annotations

import datetime as dt

from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.services.quick_entry import read_text

TODAY = dt.date(2023, 11, 20)


def test_an_english_news_item(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    text = (
        "On 12 November 2023 an IED exploded near an SDF patrol in Hajin, killing two SDF fighters and wounding "
        "3 civilians. ISIS claimed the attack. https://example.org/news/1."
    )
    entry = read_text(text, vocab, gazetteer, TODAY)
    assert entry.values | {"description": ""} == {
        "date": "2023-11-12",
        "place": "Hajin",
        "latitude": "34.69508",
        "longitude": "40.83138",
        "geo_precision": "town",
        "type": "ied",
        "kind": "attack",
        "perpetrator": "isis",
        "attribution": "claimed",
        "military_killed": "2",
        "civilian_injured": "3",
        "target": "sdf",
        "target_detail": "SDF patrol",
        "description": "",
    }
    assert entry.sources == [{"url": "https://example.org/news/1"}]
    assert "https://" not in entry.values["description"]


def test_an_arabic_statement_with_a_levantine_month(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    text = "انفجرت عبوة ناسفة يوم ١٢ تشرين الثاني ٢٠٢٣ في القامشلي واستهدفت دورية للأسايش. تبنى داعش الهجوم"
    entry = read_text(text, vocab, gazetteer, TODAY)
    assert (entry.values["date"], entry.values["place"]) == ("2023-11-12", "Qamishli")
    assert (entry.values["type"], entry.values["perpetrator"], entry.values["attribution"]) == (
        "ied",
        "isis",
        "claimed",
    )


def test_a_raid_with_arrests_and_a_relative_date(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    text = "Yesterday, SDF and coalition forces raided a house in al-Shaddadi and arrested 4 suspected ISIS members."
    entry = read_text(text, vocab, gazetteer, TODAY)
    assert "date" not in entry.values  # "yesterday" alone: the researcher knows the publication day, we do not
    assert entry.values["kind"] == "raid" and entry.values["arrests"] == "4"
    assert entry.values["conducted_by"] == "joint" and entry.values["place"] == "al-Shaddadi"


def test_values_carry_their_words_and_unsure_ones_are_listed_not_filled(
    vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    text = "Two SDF fighters were killed in an ambush in the village of Gharanij. https://example.org/gharanij-ied"
    entry = read_text(text, vocab, gazetteer, TODAY)
    assert entry.values["military_killed"] == "2" and entry.values["place"] == "Gharanij"
    marked = {text[h.start : h.end] for h in entry.highlights}
    assert "Gharanij" in marked and any("Two SDF fighters" in m for m in marked)
    assert "ied" not in entry.values.get("type", "")  # words inside the link feed nothing


def test_it_fills_nothing_it_is_unsure_of(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    entry = read_text(
        "Gunmen killed 2 in an attack somewhere near the river on 30 December 2023.", vocab, gazetteer, TODAY
    )
    assert "date" not in entry.values  # a date after today is not the incident's date
    assert "place" not in entry.values
    assert not any(k.endswith("_killed") for k in entry.values)
    assert entry.unsure == ["2 killed: military or civilian? Fill in the right box."]
    assert "type" not in entry.values  # "gunmen killed" does not say how: the codebook leaves the type empty


def test_a_range_fills_the_low_and_high_beside_the_best_estimate(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    text = "Between 5 and 9 civilians were killed when an IED exploded in Hajin."
    entry = read_text(text, vocab, gazetteer, TODAY)
    assert (entry.values["civilian_killed"], entry.values["civilian_killed_low"]) == ("5", "5")
    assert entry.values["civilian_killed_high"] == "9"
    assert "high 9 civilian killed" in entry.recognised
    assert {text[h.start : h.end] for h in entry.highlights if h.field == "civilian_killed_high"} == {
        "Between 5 and 9 civilians"
    }


def test_at_least_fills_the_low_and_an_arabic_range_its_bounds(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    floor = read_text("At least 7 civilians were killed in Hajin.", vocab, gazetteer, TODAY).values
    assert (floor["civilian_killed"], floor["civilian_killed_low"]) == ("7", "7")
    assert "civilian_killed_high" not in floor  # at least 7: the high is not stated
    arabic = read_text("قتل ما بين ٥ و٩ مدنيين بقصف على بلدة هجين.", vocab, gazetteer, TODAY).values
    assert [arabic[f"civilian_killed{bound}"] for bound in ("", "_low", "_high")] == ["5", "5", "9"]


def test_up_to_and_about_are_listed_to_check_not_filled(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    """The floor of "up to 12" is not stated (a blank low would read as 12), and "about 10" is no count."""
    for text in ("Up to 12 civilians were killed in Hajin.", "أسفر القصف عن مقتل نحو 10 مدنيين في هجين."):
        entry = read_text(text, vocab, gazetteer, TODAY)
        assert not any(name.startswith("civilian_killed") for name in entry.values), text
        assert len([line for line in entry.unsure if "civilian killed" in line]) == 1, entry.unsure
    unsure = read_text("Up to 12 civilians were killed.", vocab, gazetteer, TODAY).unsure
    assert any("12 civilian killed (up to 12) from “Up to 12 civilians”" in line for line in unsure), unsure


def test_an_exact_toll_fills_no_range(vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    entry = read_text("Two SDF fighters were killed in an ambush in Hajin.", vocab, gazetteer, TODAY)
    assert entry.values["military_killed"] == "2"
    assert not any(name.endswith(("_low", "_high")) for name in entry.values)


def test_a_range_of_unclassed_dead_is_told_with_the_question_who_they_were(
    vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    entry = read_text("سقط ما بين 5 و9 قتلى في الهجوم على بلدة هجين.", vocab, gazetteer, TODAY)
    assert "5 killed (5–9): military or civilian? Fill in the right box." in entry.unsure
