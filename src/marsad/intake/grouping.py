"""Stories: items about the same event (forwards, reposts, near-identical texts across channels) grouped as one.

Comparing every pair would be quadratic, so each text gets a small sketch first: the three smallest hashes
of its word pairs (a bottom-k MinHash). Two texts that share most word pairs very likely share one of these,
and only texts that share one are compared, with rapidfuzz, and only when posted within a few days of each
other. Texts of fewer than five words (a "breaking" line, an emoji) are too short to say anything.

Channels write in formulas ("ISIS cells attacked an SDF checkpoint in X, killing N"), so two texts alike in
words are one story only if they also name the same place (the extraction's) and the same numbers: the same
formula about another village or another toll is another event. And where words of one text stand where the
other has others, inside the text (a formula filled in twice, not a post repeated with a "breaking" before it
or a link or hashtag after it), they must agree on what the formula's blanks say: a place the extraction
knows, the same, on the same day, with the same toll. A village the gazetteer does not know, or a day or a
toll in words ("on Monday", "killing two"), then keeps two events apart; a repost that rewords a post whose
place is unknown stays apart too, one click from being marked a duplicate (a story that swallowed an event
would hide it).

The cheap tests (place, date, numbers) come before the fuzzy one, and the hashes are the same in every
process, so an export groups alike on every import. What is kept of each text for comparing (its numbers and
words) is let go once the texts still to come are posted more than the window after it: at 100,000 texts of
formulas, kept to the end, they were 90 MB of an import's peak.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

SKETCH = 3
MIN_WORDS = 5
SIMILAR = 88  # rapidfuzz token-set ratio from which two texts are the same post
WINDOW = dt.timedelta(days=3)
MAX_COMPARED = 30  # per sketch key: the latest texts sharing it


@dataclass(frozen=True, slots=True)
class Text:
    """A text to group, known by its item's id."""

    key: int
    posted_at: dt.datetime
    words: str  # domain.intake.searchable(text)
    place: str | None = None  # the place the extraction read in it
    day: dt.date | None = None  # the event's date the extraction read (else the day it was posted)
    killed: int | None = None  # the toll the extraction read


NUMBER = re.compile(r"(?<!\S)[^\s/#@]*\d[^\s/]*(?!\S)")  # a word with a digit, not a link, tag or mention
WORD = re.compile(r"[^\W_]+")


def sketch(words: str) -> list[int]:
    """The bottom-k hashes of a text's word pairs (links left out); empty for a text too short to group."""
    tokens = words.split()
    if "://" in words or "t.me/" in words or "www." in words:
        tokens = [w for w in tokens if "://" not in w and not w.startswith(("t.me/", "www."))]
    if len(tokens) < MIN_WORDS:
        return []
    return sorted(set(map(hash, pairwise(map(_code, tokens)))))[:SKETCH]


@lru_cache(maxsize=1 << 16)
def _code(word: str) -> int:
    """A word's number, the same in every process: Python's own string hash is salted per process, which made
    the same export group into different stories from one import to the next (a tuple of ints hashes alike)."""
    return zlib.crc32(word.encode())


def _content(words: str) -> list[str]:
    """The words that tell the event: a channel's hashtags, mentions and links left out, punctuation off."""
    kept = (w for w in words.split() if "://" not in w and not w.startswith(("t.me/", "www.", "#", "@")))
    return [word for token in kept for word in WORD.findall(token)]


def filled_in_alike(a: Text, b: Text, content_a: list[str], content_b: list[str]) -> bool:
    """True unless words of one stand where the other has others, inside the text, while the extraction cannot
    tell they name the same place, day and toll (``content_*``: their ``_content``)."""
    matcher = SequenceMatcher(None, content_a, content_b, autojunk=False)
    substituted = any(
        tag == "replace" and (i1 or j1) and (i2 < len(content_a) or j2 < len(content_b))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )
    return not substituted or (a.place is not None and (a.place, a.day, a.killed) == (b.place, b.day, b.killed))


def similar(a: str, b: str) -> bool:
    """Alike in words (the place and the numbers are compared by the caller)."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 0.5 * len(long) and fuzz.token_set_ratio(a, b) >= SIMILAR


def group(texts: Sequence[Text], linked: Sequence[tuple[int, int]] = ()) -> list[list[int]]:
    """The groups of two or more texts that repeat each other (the keys of their members); ``linked`` pairs
    of keys belong together whatever their texts (two versions of one edited message)."""
    parent = list(range(len(texts)))
    position = {text.key: i for i, text in enumerate(texts)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    numbers: dict[int, frozenset[str]] = {}

    def numbers_of(i: int) -> frozenset[str]:  # found when first asked: a text never compared is never searched
        if i not in numbers:
            numbers[i] = frozenset(NUMBER.findall(texts[i].words))
        return numbers[i]

    contents: dict[int, list[str]] = {}

    def content_of(i: int) -> list[str]:  # likewise, for the few texts alike in words
        if i not in contents:
            contents[i] = _content(texts[i].words)
        return contents[i]

    by_key: dict[int, list[int]] = defaultdict(list)
    order = sorted(range(len(texts)), key=lambda i: texts[i].posted_at)
    passed = 0  # texts before order[passed] are too old for any text still to come: their words are let go
    for i in order:
        new = texts[i]
        while new.posted_at - texts[order[passed]].posted_at > WINDOW:
            numbers.pop(order[passed], None)
            contents.pop(order[passed], None)
            passed += 1
        seen: set[int] = set()
        for key in sketch(new.words):
            bucket = by_key[key]
            for j in bucket[-MAX_COMPARED:]:
                if j in seen:
                    continue
                seen.add(j)  # roots only ever merge: a j met again is judged as it was the first time
                earlier = texts[j]
                if (
                    new.place == earlier.place
                    and new.posted_at - earlier.posted_at <= WINDOW
                    and numbers_of(i) == numbers_of(j)
                    and root(i) != root(j)
                    and similar(new.words, earlier.words)
                    and filled_in_alike(new, earlier, content_of(i), content_of(j))
                ):
                    parent[root(i)] = root(j)
            bucket.append(i)
            if len(bucket) > 2 * MAX_COMPARED:
                del bucket[:-MAX_COMPARED]  # only the latest are compared
    for a, b in linked:
        if a in position and b in position:
            parent[root(position[a])] = root(position[b])
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        members[root(i)].append(texts[i].key)
    return [keys for keys in members.values() if len(keys) > 1]
