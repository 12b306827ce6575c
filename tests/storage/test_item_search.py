"""Inbox search on both engines: every spelling of a word finds it, in Arabic, Sorani and Latin letters; a
word's start finds it; every word of a query must be there; nothing typed into the box is syntax or an error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind, ItemFilter, searchable
from marsad.storage import inbox_store, intake_store, item_search

Search = Callable[[str], set[int]]
T0 = dt.datetime(2023, 11, 2, 9, tzinfo=dt.UTC)
TEXTS = {
    1: "قُتِلَ 3 عناصر من قسد بهجوم لخلايا داعش على حاجز في بلدة الشحيل",
    2: "استهداف دورية بالرقة وإصابة عنصرين",
    3: "انفجار عبوة ناسفة في مدينة الرقة",
    4: "هێرشی داعش لە ڕەقە",  # Sorani: an ISIS attack in Raqqa
    5: "ISIS cells ATTACKED an SDF checkpoint near al-Shuhayl",
    6: "An IED exploded near a checkpoint in Hajin; no casualties",
    7: "أمير في تنظيم داعش يسلّم نفسه لقوات الأسايش، مؤسسة إعلامية",
    8: "وللرقة أهلها: مظاهرة في ١٢ حيّاً",
}


@pytest.fixture(params=["few matches", "many matches"])
def search(request: pytest.FixtureRequest, session: Session, monkeypatch: pytest.MonkeyPatch) -> Search:
    """Search the texts above; on SQLite by each of its two plans (what counts as many is lowered to none)."""
    if request.param == "many matches":
        monkeypatch.setattr(item_search, "FEW", 0)
    channel = intake_store.add_channel(session, ChannelKind.TELEGRAM, "telegram:1", "Channel")
    rows = []
    for key, text in TEXTS.items():
        values = {"id": key, "channel_id": channel.id, "external_id": str(key), "revision": 0, "posted_at": T0}
        values |= {"imported_at": T0, "text": text, "search_text": searchable(text), "status": "new", "version": 1}
        values |= {"has_suggestion": False}
        rows.append(tuple(values.get(column) for column in intake_store.ITEM_COLUMNS))
    intake_store.insert_items(session, rows)

    def found(query: str) -> set[int]:
        return {i.id for i in inbox_store.list_items(session, ItemFilter.from_params({"q": query}), limit=100)}

    return found


def test_arabic_with_or_without_diacritics_finds_the_other(search: Search) -> None:
    assert search("قتل") == {1}  # the text has its diacritics
    assert search("الشَّحِيل") == {1}  # the query has them
    assert search("يسلم") == {7}


def test_arabic_letter_variants_meet(search: Search) -> None:
    assert search("امير") == search("أمير") == search("إمير") == {7}  # hamza on alef, or none
    assert search("مؤسسه") == search("مؤسسة") == {7}  # taa marbuta or haa
    assert search("الاسايش") == {7}


def test_arabic_proclitics_and_the_article_do_not_hide_a_place(search: Search) -> None:
    assert search("الرقة") == {2, 3, 8}  # بالرقة, الرقة, وللرقة
    assert search("رقة") == {2, 3, 8}
    assert search("بالرقة") == {2}


def test_sorani_letters_meet_their_arabic_ones(search: Search) -> None:
    assert search("ڕەقە") == search("رەقە") == search("رهقه") == {4}  # Sorani spells the vowel: not الرقة
    assert search("هێرش") == search("هيرش") == {4}


def test_latin_ignores_case_and_a_word_start_finds_the_word(search: Search) -> None:
    assert search("isis") == search("ISIS") == {5}
    assert search("attack") == {5}
    assert search("Shuhayl") == search("al-shuhayl") == {5}
    assert search("tack") == set()  # the start of a word, not any part of it


def test_every_word_of_a_query_must_be_there(search: Search) -> None:
    assert search("checkpoint") == {5, 6}
    assert search("IED checkpoint") == {6}
    assert search("داعش الشحيل") == {1}
    assert search("ISIS Hajin") == set()


def test_arabic_indic_digits_are_digits(search: Search) -> None:
    assert search("12") == search("١٢") == {8}


def test_a_word_of_one_or_two_letters_or_digits_finds_whole_words_only(search: Search) -> None:
    assert search("3") == {1} and search("1") == set()  # not the 12 of item 8
    assert search("IE") == set() and search("IED") == {6}
    assert search("an") == {5, 6} and search("no") == {6}


EVERYTHING = set(TEXTS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        *[(q, EVERYTHING) for q in ('"', "*", "-", "()", "\\", "%", "_", "&", "|", "'", '""', "'';--")],
        *[(q, {5}) for q in ('"ISIS', "ISIS*", "- ISIS", "!isis", "isis:*", "^isis", "{isis}", "(ISIS)")],
        ("NEAR", {5, 6}),
        ("NEAR(ISIS checkpoint)", {5}),
        ("ISIS OR Hajin", set()),
        ("AND", set()),
        ("NOT", set()),
        ("search_words:isis", set()),
    ],
)
def test_search_syntax_in_a_query_is_only_punctuation(search: Search, query: str, expected: set[int]) -> None:
    assert search(query) == expected  # a query without a word filters nothing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_no_query_is_an_error(search: Search, query: str) -> None:
    assert search(query) <= set(TEXTS)
