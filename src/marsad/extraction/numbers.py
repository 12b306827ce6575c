"""Counts written as digits or number words, in English, Arabic (pyarabic reads the rest), Kurmanji and Sorani.
Duals and vague quantities are people.py's: a number here is a word that says one.
"""

from __future__ import annotations

from functools import lru_cache

import pyarabic.number

from marsad.extraction.text import normalise_word

_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
ENGLISH = {word: value for value, word in enumerate(_EN)} | {"thirty": 30, "forty": 40, "fifty": 50}
_AR = {
    "واحد": 1,
    "واحده": 1,
    "اثنان": 2,
    "اثنين": 2,
    "اثنتين": 2,
    "اثنتان": 2,
    "ثلاثه": 3,
    "ثلاث": 3,
    "اربعه": 4,
    "اربع": 4,
    "خمسه": 5,
    "خمس": 5,
    "سته": 6,
    "ست": 6,
    "سبعه": 7,
    "سبع": 7,
    "ثمانيه": 8,
    "ثماني": 8,
    "تسعه": 9,
    "تسع": 9,
    "عشره": 10,
    "عشر": 10,
}
ARABIC = {normalise_word(w): v for w, v in _AR.items()}
KURMANJI = {"yek": 1, "du": 2, "se": 3, "car": 4, "penc": 5, "ses": 6, "heft": 7, "hest": 8, "neh": 9, "deh": 10}
KURMANJI |= {"her" + word: value for word, value in KURMANJI.items() if value > 1}  # herdu, hersê, herçar: all four
SORANI = {
    normalise_word(w, sorani=True): v
    for w, v in {
        "یەک": 1,
        "یەکێک": 1,
        "یەکێکی": 1,
        "دوو": 2,
        "سێ": 3,
        "چوار": 4,
        "پێنج": 5,
        "شەش": 6,
        "حەوت": 7,
        "هەشت": 8,
        "نۆ": 9,
        "دە": 10,
    }.items()
}
WORDS = ENGLISH | ARABIC | KURMANJI | SORANI


@lru_cache(maxsize=4096)
def number_value(word: str) -> int | None:
    """The value of a normalised number token, or None."""
    if word.isdigit():
        return int(word)
    if word in WORDS:
        return WORDS[word]
    if "\u0600" <= word[:1] <= "\u06ff":
        value = pyarabic.number.text2number(word)
        return int(value) if value else None
    return None
