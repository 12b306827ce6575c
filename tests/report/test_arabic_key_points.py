"""The key points in Arabic from the facts, and the seed's month in all four languages as golden files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from marsad.analysis.changes import Change, Move
from marsad.analysis.keypoints import CasualtyToll, RaidResults, key_facts
from marsad.analysis.months import Month
from marsad.analysis.statistics import month_stats
from marsad.domain.ranges import CountRange
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.arabic_key_points import ATTACKS, LRI, PDI, ArabicKeyPoints, counted
from marsad.report.key_point_languages import key_point_sentences
from tests.analysis.test_seed_reports import ISIS, load

GOLDEN = Path(__file__).with_name("golden")


def _plain(text: str) -> str:
    return text.replace(LRI, "").replace(PDI, "")


@pytest.mark.parametrize("language", ["en", "ar", "ku", "ckb"])
def test_november_2023_key_points_match_the_golden_file(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, language: str
) -> None:
    load(session, vocab, gazetteer, "seed_2023_11.csv")
    stats = month_stats(session, Month(2023, 11), ISIS)
    sentences = key_point_sentences(key_facts(stats), stats.month, stats.scope, vocab, language)
    golden = GOLDEN / f"key_points_2023_11.{language}.txt"
    assert "\n".join(sentences) + "\n" == golden.read_text(encoding="utf-8")


def test_arabic_counts_take_the_six_cldr_forms() -> None:
    assert [_plain(counted(n, ATTACKS)) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 103)] == [
        "لا هجمات",
        "هجوم واحد",
        "هجومان",
        "3 هجمات",
        "10 هجمات",
        "11 هجوماً",
        "99 هجوماً",
        "100 هجوم",
        "101 هجوم",
        "103 هجمات",
    ]


def test_figures_and_percentages_are_isolated_left_to_right(vocab: Vocabularies) -> None:
    words = ArabicKeyPoints(Month(2023, 11), ISIS, vocab)
    moved = words.move(Change(58, 70, Move.DOWN, -17))
    assert moved == f"تنخفض بنسبة {LRI}17%{PDI} إلى {LRI}58{PDI}"
    raids = words.sentence(RaidResults(10, 17, 1, None))
    assert _plain(raids) == "تنفيذ 10 مداهمات ضد خلايا داعش، أسفرت عن اعتقال 17 شخصاً ومقتل عنصر واحد من داعش"
    assert raids.count(LRI) == raids.count(PDI) == 2  # "عنصر واحد" has no figure to isolate
    toll = words.sentence(
        CasualtyToll(CountRange(0, 0, 0), CountRange(0, 0, 0), CountRange(5, 7, 9), CountRange(0, 0, 0))
    )
    assert toll == f"مقتل {LRI}7{PDI} ({LRI}5–9{PDI}) من المدنيين في هذه الهجمات"  # the range reads 5–9, not 9–5


def test_months_are_levantine(vocab: Vocabularies) -> None:
    words = ArabicKeyPoints(Month(2023, 11), ISIS, vocab)
    assert (words.month, words.previous) == ("تشرين الثاني", "تشرين الأول")
