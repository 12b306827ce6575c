"""Stories: items about the same event (forwards, reposts, near-identical texts across channels) grouped as one.

Comparing every pair would be quadratic, so each text gets a small sketch first: the three smallest hashes
of its word pairs (a bottom-k MinHash). Two texts that share most word pairs very likely share one of these,
and only texts that share one are compared, with rapidfuzz, and only when posted within a few days of each
other. Texts of fewer than five words (a "breaking" line, an emoji) are too short to say anything.

Channels write in formulas ("ISIS cells attacked an SDF checkpoint in X, killing N"), so two texts alike in
words are one story only if they also name the same place (the extraction's) and the same numbers: the same
formula about another village or another toll is another event.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
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


NUMBER = re.compile(r"(?<!\S)[^\s/]*\d[^\s/]*(?!\S)")  # a word with a digit in it, not a link


def _numbers(words: str) -> frozenset[str]:
    return frozenset(NUMBER.findall(words))


def sketch(words: str) -> list[int]:
    """The bottom-k hashes of a text's word pairs (links left out); empty for a text too short to group."""
    tokens = [w for w in words.split() if "://" not in w and not w.startswith(("t.me/", "www."))]
    if len(tokens) < MIN_WORDS:
        return []
    pairs = {hash(pair) for pair in pairwise(tokens)}
    return heapq.nsmallest(SKETCH, pairs)


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

    numbers = [_numbers(t.words) for t in texts]
    by_key: dict[int, list[int]] = defaultdict(list)
    order = sorted(range(len(texts)), key=lambda i: texts[i].posted_at)
    for i in order:
        seen: set[int] = set()
        for key in sketch(texts[i].words):
            bucket = by_key[key]
            for j in bucket[-MAX_COMPARED:]:
                if j in seen or root(i) == root(j):
                    continue
                seen.add(j)
                new, earlier = texts[i], texts[j]
                if (
                    new.place == earlier.place
                    and numbers[i] == numbers[j]
                    and new.posted_at - earlier.posted_at <= WINDOW
                    and similar(new.words, earlier.words)
                ):
                    parent[root(i)] = root(j)
            bucket.append(i)
    for a, b in linked:
        if a in position and b in position:
            parent[root(position[a])] = root(position[b])
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        members[root(i)].append(texts[i].key)
    return [keys for keys in members.values() if len(keys) > 1]
