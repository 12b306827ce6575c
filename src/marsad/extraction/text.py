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
from dataclasses import dataclass, field
from functools import lru_cache

import pyarabic.araby as araby
from klpt.preprocess import Preprocess

URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|co|me)(?:/\S*)?", re.IGNORECASE)
TOKEN = re.compile(r"[\w\u064B-\u065F\u0670\u0640\u0300-\u036F\u200c]+|[.,;:!?،؛()\"“”«»]")
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
_SORANI = Preprocess("Sorani", "Arabic", numeral="Latin")


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # character offsets in the original text
    end: int
    norm: str


@dataclass
class Document:
    """A text as tokens: ``normal`` is what stages match on, ``span`` maps a match back to the original."""

    text: str
    language: str
    tokens: list[Token]
    normal: str = field(init=False)
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts, offset = [], 0
        for token in self.tokens:
            starts.append(offset)
            offset += len(token.norm) + 1
        self._starts = starts
        self.normal = " ".join(t.norm for t in self.tokens)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original character span of the tokens that ``normal[start:end]`` touches."""
        if not self.tokens:
            return (0, 0)
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = max(bisect_right(self._starts, max(end - 1, start)) - 1, first)
        return self.tokens[first].start, self.tokens[last].end

    def words(self, start: int, end: int) -> str:
        """The original words behind ``normal[start:end]``."""
        a, b = self.span(start, end)
        return self.text[a:b]


def tokenise(text: str, language: str) -> Document:
    """Tokens of a text outside its links, each with its normalised form."""
    masked = URL.sub(lambda m: " " * len(m.group()), text)
    sorani = language == "ckb"
    tokens = [Token(m.start(), m.end(), normalise_word(m.group(), sorani)) for m in TOKEN.finditer(masked)]
    return Document(text, language, [t for t in tokens if t.norm])


@lru_cache(maxsize=65536)
def normalise_word(word: str, sorani: bool = False) -> str:
    """The comparable form of one word in any of the three languages."""
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
