"""How many, when a text gives a range, a bound or an approximation instead of one number, in English, Arabic,
Kurmanji and Sorani: "between 5 and 9", "5–9", "3 to 5", "at least 7", "more than 20", "up to 12", "about 10".

Each gives a low, a best and a high estimate, None where the text states no such bound (a blank bound is the
best estimate, as in the incident's fields):

- a range, "between A and B", "A–B", "A to B", "from A to B", "A or B", ما بين A وB, بين A إلى B, من A إلى B,
  di navbera A û B de, ji A heta B, نێوان A بۆ B: low A, high B, and the best is the low
  (domain.ranges.stated_range: the rule a range typed in a best cell follows, Iraq Body Count's minimum);
- a floor, "at least A", "no fewer than A", لا يقل عن, على الأقل (before the number or after its people),
  herî kêm, kêmtirîn, لانیکەم: low A, best A;
- "more than A", "over A", أكثر من, ما يزيد عن, zêdetirî, زیاتر لە: the fewest the words allow, A + 1, as
  low and best;
- a ceiling, "up to B", "as many as B", ما يصل إلى, heta, هەتا: best B and high B. The floor is not stated,
  and a blank low would read as B: such a figure is not ``sure``;
- an approximation, "about A", "around", "nearly", نحو, حوالي, قرابة, nêzîkî, نزیکەی: best A only, not sure
  either (the codebook leaves "about ten" empty).

A figure that is not sure is suggested "to check", never filled (counts.py). One plain number is not read
here: it is an exact count (people.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.domain.phrases import Phrase
from marsad.domain.ranges import RANGE_DASH, stated_range
from marsad.extraction.numbers import number_value
from marsad.extraction.text import DASH, lexicon, normalise_phrase

RANGE, SPAN, FLOOR, ABOVE, CEILING, ABOUT = "range", "span", "floor", "above", "ceiling", "about"


def _openers(table: dict[str, str], sorani: bool = False) -> dict[tuple[str, ...], str]:
    return {tuple(normalise_phrase(phrase, sorani).split()): kind for phrase, kind in table.items()}


# The words before the first number, and what they make of it. RANGE: "between A and B"; SPAN: "from A to B".
OPENERS = _openers(
    {
        "between": RANGE,
        "ما بين": RANGE,
        "بين": RANGE,
        "di navbera": RANGE,
        "navbera": RANGE,
        "from": SPAN,
        "من": SPAN,
        "ji": SPAN,
        "at least": FLOOR,
        "no fewer than": FLOOR,
        "not less than": FLOOR,
        "a minimum of": FLOOR,
        "ما لا يقل عن": FLOOR,
        "لا يقل عن": FLOOR,
        "على الأقل": FLOOR,
        "herî kêm": FLOOR,
        "kêmtirîn": FLOOR,
        "bi kêmanî": FLOOR,
        "more than": ABOVE,
        "over": ABOVE,
        "in excess of": ABOVE,
        "أكثر من": ABOVE,
        "ما يزيد عن": ABOVE,
        "ما يزيد على": ABOVE,
        "أزيد من": ABOVE,
        "zêdetirî": ABOVE,
        "zêdetir ji": ABOVE,
        "up to": CEILING,
        "as many as": CEILING,
        "ما يصل إلى": CEILING,
        "heta": CEILING,
        "about": ABOUT,
        "around": ABOUT,
        "approximately": ABOUT,
        "roughly": ABOUT,
        "nearly": ABOUT,
        "almost": ABOUT,
        "an estimated": ABOUT,
        "نحو": ABOUT,
        "حوالي": ABOUT,
        "قرابة": ABOUT,
        "زهاء": ABOUT,
        "ما يقارب": ABOUT,
        "nêzîkî": ABOUT,
        "bi qasî": ABOUT,
    }
) | _openers(
    {
        "نێوان": RANGE,
        "لانیکەم": FLOOR,
        "بەلایەنی کەمەوە": FLOOR,
        "زیاتر لە": ABOVE,
        "هەتا": CEILING,
        "نزیکەی": ABOUT,
    },
    sorani=True,
)
LONGEST = max(len(words) for words in OPENERS)
# Words between the two numbers: "and" only after "between" ("killing 5 and wounding 9" is no range).
AND = lexicon("and و u")
TO = lexicon("to إلى حتى heta") | lexicon("بۆ تا", sorani=True)
OR = lexicon("or أو an یان") | lexicon("یان", sorani=True)
FLOOR_AFTER = tuple(normalise_phrase("على الأقل").split())
BARE_JOINERS = frozenset({DASH}) | TO | OR  # with no opener: "5-9", "5 to 9", "5 or 6"
FIRST_WORDS = frozenset(words[0] for words in OPENERS)
# "the toll rose from 3 to 5" is a change, not a range.
RISE = re.compile(r"^(?:rose|risen|rising|rises|climbed|increased|jumped|ارتفع\w*|ارتفاع|وارتفع\w*|زياد\w*)$")
UNITS = re.compile(
    r"(?:km|kilomet\w*|kms|days?|hours?|years?|months?|weeks?|minutes?|%|metres?|meters?|كم|كيلو\w*|عام|عاما|سنة|يوم|ساعة)$"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count with its bounds (None: not stated) and ``end``, the token after its last number."""

    best: int
    low: int | None
    high: int | None
    end: int
    sure: bool = True


def count_at(tokens: list[str], i: int) -> int | None:
    """The count ``tokens[i]`` states, or None: a year, or a number of kilometres or days, is no count."""
    value = number_value(tokens[i])
    if value is None or value > 5000 or 1900 <= value <= 2100:
        return None
    if i + 1 < len(tokens) and UNITS.match(tokens[i + 1]):
        return None
    return value


def read_quantity(tokens: list[str], i: int, end: int) -> Quantity | None:
    """The range, bound or approximation that begins at ``tokens[i]`` (before ``end``), or None (one plain
    number included: that is an exact count)."""
    kind, j = _opener(tokens, i, end) if tokens[i] in FIRST_WORDS else (None, i)
    if kind is None and (i + 1 >= end or tokens[i + 1] not in BARE_JOINERS):
        return None  # most tokens: neither an opener nor a number joined to another (the common case, fast)
    if j >= end or (first := count_at(tokens, j)) is None:
        return None
    second = _second(tokens, j + 1, end, kind)
    if second is not None:
        value, after = second
        if any(RISE.match(token) for token in tokens[max(0, i - 3) : i]):
            return None
        if first < value:
            stated = stated_range(first, value)
            return Quantity(stated.best, stated.low, stated.high, after)
        return None
    if kind == FLOOR:
        return Quantity(first, first, None, j + 1)
    if kind == ABOVE:
        return Quantity(first + 1, first + 1, None, j + 1)
    if kind == CEILING:
        return Quantity(first, None, first, j + 1, sure=False)
    if kind == ABOUT:
        return Quantity(first, None, None, j + 1, sure=False)
    return None


def floor_after(tokens: list[str], j: int, end: int) -> int:
    """How many tokens from ``j`` say "at least" after the count and its people ("7 مدنيين على الأقل"), or 0."""
    size = len(FLOOR_AFTER)
    return size if j + size <= end and tuple(tokens[j : j + size]) == FLOOR_AFTER else 0


def _opener(tokens: list[str], i: int, end: int) -> tuple[str | None, int]:
    """The longest opener at ``i``, and where its number should be."""
    for size in range(min(LONGEST, end - i), 0, -1):
        kind = OPENERS.get(tuple(tokens[i : i + size]))
        if kind is not None:
            return kind, i + size
    return None, i


def _second(tokens: list[str], j: int, end: int, kind: str | None) -> tuple[int, int] | None:
    """The range's second number after the first (at ``j``, the joining word), and the token after it."""
    if j >= end:
        return None
    joiner = tokens[j]
    if kind == RANGE and len(joiner) > 1 and joiner[0] == "و" and (value := number_value(joiner[1:])) is not None:
        return value, j + 1  # ما بين 5 و9, بين خمسة وتسعة
    allowed = TO if kind == SPAN else BARE_JOINERS | (AND if kind == RANGE else frozenset())
    if joiner not in allowed or j + 1 >= end or (value := count_at(tokens, j + 1)) is None:
        return None
    after = j + 2
    if after < end and tokens[after] == "de" and kind == RANGE:
        after += 1  # di navbera 5 û 9 de
    return value, after


def stated_bounds(low: int | None, high: int | None) -> str | None:
    """ "5–9", "at least 7", "up to 12" (phrases, for the reader's language), or None: a count's stated bounds."""
    if low is not None and high is not None:
        return f"{low}{RANGE_DASH}{high}"
    if low is not None:
        return Phrase("at least {n}", n=low)
    if high is not None:
        return Phrase("up to {n}", n=high)
    return None


def bounds_in_words(low: int | None, high: int | None) -> str:
    """ " (5–9)", " (at least 7)", " (up to 12)", or nothing: ``stated_bounds`` to follow a count's figure."""
    bounds = stated_bounds(low, high)
    return f" ({bounds})" if bounds else ""
