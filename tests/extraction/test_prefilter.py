"""The prefilter skips a pattern only where it cannot match, and phrase lists find whole words only."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extraction.phrases import Phrases
from marsad.extraction.prefilter import Prefilter, required_literals
from marsad.extraction.text import tokenise

PATTERNS = [
    re.compile(r"\b(?:were|was)(?: \w+)? killed\b|\bdied\b"),
    re.compile(r"(?<!\S)(?:و|ف)?(?:قتل|مقتل)(?!\S)"),
    re.compile(r"\bopened (?:\w+ )?fire\b|\bshooting\b"),
    re.compile(r"\b(?:two|three) (?:isis|sdf) (?:fighters|members)\b"),
    re.compile(r"\d+ killed"),
]
WORDS = [
    "were",
    "was",
    "killed",
    "died",
    "opened",
    "heavy",
    "fire",
    "shooting",
    "two",
    "isis",
    "sdf",
    "members",
    "3",
    "قتل",
    "ومقتل",
    "عنصر",
    "the",
    "in",
    "fighters",
    "three",
]


def test_a_pattern_is_reduced_to_the_words_every_match_needs() -> None:
    assert required_literals(PATTERNS[0]) == frozenset({" killed", "died"})
    assert required_literals(PATTERNS[1]) == frozenset({"قتل"})  # مقتل and وقتل contain it
    assert required_literals(re.compile(r"\d+")) is None  # no literal: always run


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=12))
def test_a_skipped_pattern_would_not_have_matched(words: list[str]) -> None:
    text = " ".join(words)
    prefilter = Prefilter()
    for pattern in PATTERNS:
        prefilter.may_match(pattern, 0, frozenset())  # register
    version, found = prefilter.found(text)
    for pattern in PATTERNS:
        if pattern.search(text):
            assert prefilter.may_match(pattern, version, found), (pattern.pattern, text)


def test_phrases_match_whole_words_prefixes_and_arabic_proclitics() -> None:
    attack = Phrases("ied|opened fire|assassinat*|برصاص|رصاص", proclitics=True)
    doc = tokenise("He carried an IED and opened fire; an assassination followed, بالرصاص.", "en")
    assert [h.group() for h in attack.finditer(doc)] == ["ied", "opened fire", "assassination", "بالرصاص"]
    assert attack.search(tokenise("The carried parcel was denied.", "en")) is None  # "ied" inside words
    plain = Phrases("رصاص")
    assert plain.search(tokenise("بالرصاص", "ar")) is None  # proclitics only where the list allows them


def test_a_hit_maps_back_to_the_words_as_written() -> None:
    doc = tokenise("قُتل عنصر برصاصِ مسلحين", "ar")
    hit = Phrases("رصاص", proclitics=True).search(doc)
    assert hit is not None and doc.words(*hit.span()) == "برصاصِ"
