"""Tokens with their place in the pasted text, normalised so that every spelling of a word meets.

Every later stage matches on ``Document.normal`` (normalised tokens joined by single spaces) and maps a match
back to the characters of the original text, so the form can highlight the words a value came from.
Normalisation: Latin letters lose case and accents; Arabic loses diacritics and tatweel, and its letter
variants are unified (pyarabic's character classes); Sorani goes through klpt first; Arabic-Indic digits
become ASCII. Links are not words: their tokens are dropped, so "…/attack-in-hasakah" feeds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any

import pyarabic.araby as araby
from klpt.preprocess import Preprocess

from marsad.extraction.prefilter import PREFILTER

MAYBE_URL = re.compile(r"://|www\.|\.(?:com|net|org|info|co|me)\b", re.IGNORECASE)
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|co|me)(?:/\S*)?", re.IGNORECASE)
TOKEN = re.compile(
    r"(?<!\w)[وف](?=[0-9٠-٩۰-۹])"  # Arabic "and" written onto a number ("5 قتلى و3 جرحى") is a word of its own
    r"|[\w\u064B-\u065F\u0670\u0640\u0300-\u036F\u200c]+(?:['’ʼʿ`](?!(?:s|ê|ên|î|yê|yên|an|e|ye)\b)[\w\u0300-\u036F]+)*"
    r"|[.,;:!?،؛()\"“”«»]|(?<=\d)[-–—](?=\d)|(?<=\d )[-–—](?= \d)"
)
# An apostrophe inside a name joins it ("Sana’a", "Sha’fa"); not before an English possessive or a Kurmanji
# case ending ("SDF’s", "QSD’ê", "19’ê", "2024’an"), which stay words of their own.
# A dash between two numbers ("5-9 killed", "5 – 9") is a token, normalised to "-"; in a chain ("12-11-2023",
# "2019-2023-2024") it is a date's or a code's and is dropped as before.
DASH = "-"
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ێ": "ي",
        "ک": "ك",
        "ە": "ه",
        "ھ": "ه",
        "ۆ": "و",
        "ڕ": "ر",
        "ڵ": "ل",
        "ؤ": "و",
        "ئ": "ي",
        "ة": "ه",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
    }
)
_APOSTROPHES = str.maketrans("", "", "'’ʼʿ`")  # inside a word: "Sana’a" is "sanaa", "QSD’ê" is "qsdê"
_SORANI = Preprocess("Sorani", "Arabic", numeral="Latin")


class Document:
    """A text as tokens: ``normal`` is what stages match on, ``span`` maps a match back to the original.

    ``search`` and ``finditer`` run a pattern only when the text holds one of the literal words every match
    of it needs (see prefilter.py): most patterns match nothing in a given text, and are then not run.
    """

    __slots__ = ("_found", "_offsets", "_version", "ends", "language", "memo", "normal", "norms", "starts", "text")

    def __init__(self, text: str, language: str, starts: list[int], ends: list[int], norms: list[str]) -> None:
        self.text = text
        self.language = language
        self.starts = starts  # character offsets of each token in the original text
        self.ends = ends
        self.norms = norms  # the normalised tokens; ``normal`` is them joined by single spaces
        self.normal = " ".join(norms)
        self._offsets = [0, *accumulate(len(norm) + 1 for norm in norms)][:-1] if norms else []
        self._version, self._found = PREFILTER.found(self.normal)
        self.memo: dict[object, Any] = {}  # what stages found once, asked again (patterns, phrase lists)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original character span of the tokens that ``normal[start:end]`` touches."""
        if not self.starts:
            return (0, 0)
        first = max(bisect_right(self._offsets, start) - 1, 0)
        last = max(bisect_right(self._offsets, max(end - 1, start)) - 1, first)
        return self.starts[first], self.ends[last]

    def token_at(self, offset: int) -> int:
        """The index of the token ``normal[offset]`` belongs to (the next one for a space)."""
        index = bisect_right(self._offsets, offset) - 1
        if index >= 0 and offset >= self._offsets[index] + len(self.norms[index]):
            index += 1
        return max(index, 0)

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """``normal``'s characters for tokens ``first`` to ``last`` (exclusive)."""
        if first >= last or first >= len(self.norms):
            return (0, 0)
        last = min(last, len(self.norms))
        return self._offsets[first], self._offsets[last - 1] + len(self.norms[last - 1])

    def words(self, start: int, end: int) -> str:
        """The original words behind ``normal[start:end]``."""
        a, b = self.span(start, end)
        return self.text[a:b]

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        return PREFILTER.may_match(pattern, self._version, self._found)

    def search(self, pattern: re.Pattern[str], within: str | None = None) -> re.Match[str] | None:
        """``pattern.search`` on ``normal`` (or on ``within``, a part of it)."""
        if within is None and pattern in self.memo:
            return self.memo[pattern]  # type: ignore[no-any-return]  # stages ask the same twice
        if not PREFILTER.may_match(pattern, self._version, self._found):
            found = None
        else:
            found = pattern.search(self.normal if within is None else within)
        if within is None:
            self.memo[pattern] = found
        return found

    def finditer(self, pattern: re.Pattern[str], within: str | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer`` on ``normal`` (or on ``within``, a part of it)."""
        if not PREFILTER.may_match(pattern, self._version, self._found):
            return iter(())
        return pattern.finditer(self.normal if within is None else within)


def tokenise(text: str, language: str) -> Document:
    """Tokens of a text outside its links, each with its normalised form."""
    masked = URL.sub(lambda m: " " * len(m.group()), text) if MAYBE_URL.search(text) else text
    sorani = language == "ckb"
    cache = _SORANI_WORDS if sorani else _WORDS
    words = TOKEN.findall(masked)
    found = [cache.get(word) for word in words]
    starts, ends, norms = [], [], []
    position = 0
    for word, norm in zip(words, found, strict=True):
        start = masked.find(word, position)
        position = start + len(word)
        if norm is None:
            norm = normalise_word(word, sorani)
            if len(cache) < 200_000:
                cache[word] = norm
        if norm:
            starts.append(start)
            ends.append(position)
            norms.append(norm)
    if DASH in norms:
        starts, ends, norms = _without_chained_dashes(starts, ends, norms)
    return Document(text, language, starts, ends, norms)


def _without_chained_dashes(
    starts: list[int], ends: list[int], norms: list[str]
) -> tuple[list[int], list[int], list[str]]:
    """Dashes kept only between two numbers that no other dash joins to a third."""
    dashes = {i for i, norm in enumerate(norms) if norm == DASH}
    dropped = {i for i in dashes if i - 2 in dashes or i + 2 in dashes}
    kept = [i for i in range(len(norms)) if i not in dropped]
    return [starts[i] for i in kept], [ends[i] for i in kept], [norms[i] for i in kept]


# Word -> normalised form, kept for the life of the process (words repeat across texts; bounded in size).
_WORDS: dict[str, str] = {}
_SORANI_WORDS: dict[str, str] = {}


def normalise_word(word: str, sorani: bool = False) -> str:
    """The comparable form of one word in any of the three languages."""
    if word in {"–", "—"}:
        return DASH
    word = word.translate(_APOSTROPHES)
    if sorani:
        word = _SORANI.normalize(word)
    if word.isascii():
        return word.casefold()
    out = []
    for ch in word:
        if araby.is_tashkeel(ch) or ch == araby.TATWEEL or ch == "\u200c":
            continue
        ch = ch.translate(_ARABIC_LETTERS)
        if "\u0600" <= ch <= "\u06ff":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFKD", ch.casefold())
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i"))
    return "".join(out)


def normalise_phrase(phrase: str, sorani: bool = False) -> str:
    """A lexicon phrase in the same form as ``Document.normal`` (tokens joined by single spaces)."""
    return " ".join(normalise_word(m.group(), sorani) for m in TOKEN.finditer(phrase))


def alternation(phrases: Iterable[str], sorani: bool = False) -> str:
    """Lexicon phrases as one regular-expression alternation over their normalised forms ("a|b|c")."""
    return "|".join(re.escape(normalise_phrase(phrase, sorani)) for phrase in phrases)


def lexicon(words: str, sorani: bool = False) -> frozenset[str]:
    """Space-separated words, each in its normalised form: the word lists stages look tokens up in."""
    return frozenset(normalise_word(word, sorani) for word in words.split(" ") if word)
