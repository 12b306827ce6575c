"""What inbox search matches: the words of an item, folded as ``searchable`` folds them, and of a query.

A word is a run of letters and digits: punctuation, quotes, ``*``, ``-`` and search-engine syntax in a query
are separators and never reach the database as syntax, so any query is safe to run on either engine. Each
query word matches the start of a word ("attack" finds "attacked", "الرق" finds "الرقة"), but one of one or two
letters or digits matches whole words only ("5" finds 5 killed, not 50: a prefix that short is in nearly every
item and costs as much to look up), and an item must hold every word of the query. Arabic words are stored
with their proclitics off too, so "الرقة" finds "بالرقة", "والرقة" and "للرقة", and "رقة" finds "الرقة" (Sorani
spells its vowels, so "ڕەقە" finds Sorani texts only). Arabic-Indic digits are the ASCII ones. Both engines
match the same stored words (storage.item_search), so they answer alike.
"""

from __future__ import annotations

import re

from marsad.domain.intake import searchable

WORD = re.compile(r"[^\W_]+")
SHORTEST_PREFIX = 3  # letters or digits from which a query word also finds the longer words it starts
LONGEST = 60  # characters of a word kept: a URL's or a hash's run of letters says nothing past this
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC = re.compile("[\u0621-\u064a]")
_ARTICLE = "ال"


def _words(folded: str) -> list[str]:
    return [word[:LONGEST] for word in WORD.findall(folded.translate(_DIGITS))]


def _stems(word: str) -> list[str]:
    """An Arabic word without its proclitics: و/ف (and, then), ب/ك/ل before the article, the article."""
    stems = []
    if word[0] in "وف" and len(word) > 3:
        word = word[1:]
        stems.append(word)
    if word.startswith("لل") and len(word) > 4:  # ل + ال is written لل
        word = _ARTICLE + word[2:]
        stems.append(word)
    elif word[0] in "بكل" and word[1:3] == _ARTICLE and len(word) > 5:
        word = word[1:]
        stems.append(word)
    if word.startswith(_ARTICLE) and len(word) > 4:
        stems.append(word[2:])
    return stems


def index_words(folded: str) -> str:
    """The words an item is found by, joined by single spaces, from its ``searchable`` text."""
    found: dict[str, None] = {}
    for word in _words(folded):
        found[word] = None
        if _ARABIC.match(word):
            found.update(dict.fromkeys(_stems(word)))
    return " ".join(found)


def query_words(query: str) -> list[str]:
    """The words of a search as typed, each to match the start of a stored word (none: the query has no
    letters or digits, and filters nothing)."""
    return list(dict.fromkeys(_words(searchable(query))))
