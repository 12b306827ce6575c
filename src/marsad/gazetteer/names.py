"""Place-name folding: the comparable form of a name however it was written.

"Ras al-Ayn", "Ra's al 'Ayn", "RAS EL AIN" and "رأس العين" must meet. Folding drops case, diacritics,
apostrophes and ayn/hamza marks, hyphens, Arabic short vowels and tatweel, unifies Arabic letter variants,
removes the article (al-, el-, ad-, ash-, … and ال) and generic words ("city of", "town", مدينة).
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "ar", "az", "an", "ath", "adh", "ed", "es", "et", "ez"})
# Words that say what kind of place it is, not which: "city of Hasakah" is Hasakah.
_GENERIC = frozenset({"city", "town", "village", "the", "of", "madinat", "مدينه", "بلده", "قريه"})
_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"})
_SPECIAL_LATIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"})
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640'`ʿʾʻʼ‘’′]")
_SEPARATORS = re.compile(r"[\s\-‐–—_/.,()]+")


def fold_place(name: str) -> str:
    """Comparable form of a place name (empty if nothing is left)."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_SPECIAL_LATIN))
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or "\u064b" <= ch <= "\u065f")
    text = _MARKS.sub("", text).translate(_ARABIC_VARIANTS)
    words = [w for w in _SEPARATORS.split(text) if w]
    kept = [_strip_arabic_article(w) for w in words if w not in _ARTICLES and w not in _GENERIC]
    return " ".join(w for w in kept if w)


def _strip_arabic_article(word: str) -> str:
    if word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word
