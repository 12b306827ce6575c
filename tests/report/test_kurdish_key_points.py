"""The key points in Kurmanji and Sorani from the facts: plural forms with the verb agreeing, oblique names in
Kurmanji, figures isolated left to right in Sorani only."""

from __future__ import annotations

import pytest

from marsad.analysis.changes import Change, Move
from marsad.analysis.keypoints import CasualtyToll, PlaceConcentration, RaidResults, RegionMove, Total, key_facts
from marsad.analysis.months import Month
from marsad.analysis.statistics import MonthStats
from marsad.domain.ranges import CountRange
from marsad.domain.vocabulary import Vocabularies
from marsad.report.arabic_key_points import LRI, PDI
from marsad.report.key_point_languages import key_point_sentences
from marsad.report.kurdish_key_points import KURMANJI, SORANI, KurdishKeyPoints, oblique
from tests.analysis.test_seed_reports import ISIS, july_2019

__all__ = ["july_2019"]  # the seed month as a fixture

NOVEMBER = Month(2023, 11)


def _plain(text: str) -> str:
    return text.replace(LRI, "").replace(PDI, "")


@pytest.fixture
def kurmanji(vocab: Vocabularies) -> KurdishKeyPoints:
    return KurdishKeyPoints(NOVEMBER, ISIS, vocab, "ku")


@pytest.fixture
def sorani(vocab: Vocabularies) -> KurdishKeyPoints:
    return KurdishKeyPoints(NOVEMBER, ISIS, vocab, "ckb")


def test_kurmanji_counts_take_cldr_one_and_other_and_the_verb_agrees(kurmanji: KurdishKeyPoints) -> None:
    words = [kurmanji.counted(n, KURMANJI.arrests) for n in (0, 1, 2, 11, 101)]
    assert words == [
        "tu kes nehat girtin",
        "kesek hat girtin",
        "2 kes hatin girtin",
        "11 kes hatin girtin",
        "101 kes hatin girtin",
    ]
    one = kurmanji.sentence(Total(1, None, None))
    many = kurmanji.sentence(Total(5, None, None))
    assert "êrîşeke piştrastkirî ya şaneyên DAIŞê" in one and one.endswith(" hat tomarkirin, meha yekem a di tomarê de")
    assert "5 êrîşên piştrastkirî yên şaneyên DAIŞê" in many and "hatin tomarkirin" in many


def test_sorani_counts_keep_the_noun_singular_and_the_verb_agrees(sorani: KurdishKeyPoints) -> None:
    words = [_plain(sorani.counted(n, SORANI.arrests)) for n in (0, 1, 2, 11)]
    assert words == ["کەس دەستگیر نەکرا", "یەک کەس دەستگیرکرا", "2 کەس دەستگیرکران", "11 کەس دەستگیرکران"]
    none = _plain(sorani.sentence(Total(0, Change(0, 4, Move.TO_NONE, None), None)))
    assert none.startswith("لە مانگی تشرینی دووەمدا هیچ هێرشێکی پشتڕاستکراوەی شانەکانی داعش")
    assert "تۆمار نەکرا، دوای 4 لە تشرینی یەکەمدا" in none


def test_kurmanji_names_take_the_oblique_after_a_preposition(kurmanji: KurdishKeyPoints) -> None:
    assert [oblique(n) for n in ("Mijdar", "Reqa", "Hesekê", "DAIŞ")] == ["Mijdarê", "Reqayê", "Hesekê", "DAIŞê"]
    moved = kurmanji.sentence(RegionMove("jazira", 30, Change(30, 15, Move.DOUBLE, 100), "high", None))
    assert moved == "Hejmara êrîşên şaneyên DAIŞê li Cizîrê du qat bû û gihîşt 30, ji her mehê heta niha zêdetir"


def test_sorani_isolates_figures_and_percentages_kurmanji_does_not(
    kurmanji: KurdishKeyPoints, sorani: KurdishKeyPoints
) -> None:
    down = Change(58, 70, Move.DOWN, -17)
    assert sorani.move(down) == f"بە ڕێژەی {LRI}17%{PDI} کەمی کرد بۆ {LRI}58{PDI}"
    assert kurmanji.move(down) == "bi rêjeya %17 kêm bû û daket 58"  # the percent sign before, as CLDR's ku
    raids = sorani.sentence(RaidResults(10, 17, 1, None))
    assert raids.count(LRI) == raids.count(PDI) == 2  # "ئەندامێکی داعش" has no figure to isolate
    assert LRI not in kurmanji.sentence(RaidResults(10, 17, 1, None))


def test_a_killed_and_injured_toll_names_its_people_once(kurmanji: KurdishKeyPoints, sorani: KurdishKeyPoints) -> None:
    toll = CasualtyToll(*(CountRange(n, n, n) for n in (1, 5, 0, 1)))
    assert kurmanji.sentence(toll) == "Di van êrîşan de leşkerek hat kuştin û 5 jî birîndar bûn, sivîlek birîndar bû"
    assert _plain(sorani.sentence(toll)) == (
        "لەم هێرشانەدا سەربازێک کوژرا و 5ی تریش بریندار بوون، هاووڵاتییەکی مەدەنی بریندار بوو"
    )


def test_a_summed_range_follows_its_toll_isolated_in_sorani(
    kurmanji: KurdishKeyPoints, sorani: KurdishKeyPoints
) -> None:
    toll = CasualtyToll(CountRange(0, 0, 0), CountRange(0, 0, 0), CountRange(5, 7, 9), CountRange(0, 0, 0))
    assert kurmanji.sentence(toll) == "Di van êrîşan de 7 sivîl hatin kuştin (5–9)"
    assert sorani.sentence(toll) == f"لەم هێرشانەدا {LRI}7{PDI} هاووڵاتیی مەدەنی کوژران ({LRI}5–9{PDI})"


@pytest.mark.parametrize("language", ["ku", "ckb"])
def test_every_fact_of_a_busy_month_is_worded(july_2019: MonthStats, vocab: Vocabularies, language: str) -> None:
    """July 2019 (all perpetrators, records, claims, a town alone): each fact has a whole sentence, no slot left."""
    facts = key_facts(july_2019, limit=20)
    sentences = key_point_sentences(facts, july_2019.month, july_2019.scope, vocab, language)
    assert len(sentences) == len(facts) and all(sentences)
    assert not any("{" in s or "}" in s for s in sentences)
    assert all(s.count(LRI) == s.count(PDI) for s in sentences)
    place = next(s for s, p in zip(sentences, facts, strict=True) if isinstance(p.fact, PlaceConcentration))
    assert place == {"ku": "9 êrîş tenê li Hesekê", "ckb": f"{LRI}9{PDI} هێرش تەنها لە حەسیچە"}[language]
