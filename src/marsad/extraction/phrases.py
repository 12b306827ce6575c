"""Lists of words and phrases, found in a text by looking its words up, instead of by a long regex.

Python's regular expressions try every alternative at every position: a list of forty attack words costs a
hundred microseconds on a short text that holds none of them. Here every list shares one index by first
word, and a text is read once for all of them. A phrase matches whole tokens of ``Document.normal``; one
ending in ``*`` matches any token that begins with it ("assassinat*"); with ``proclitics`` an Arabic phrase
may carry و ف ب ل (and ال) in front ("بالرصاص"). Phrases are written as in the text and normalised like it
(Sorani forms too, with ``sorani``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.extraction.text import Document, normalise_phrase

PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "ال", "وال", "بال", "لل", "فال", "وبال"})


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a phrase was found, in ``Document.normal`` (the same methods as a regex match)."""

    begin: int
    finish: int
    text: str

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


class Phrases:
    """A list of phrases to find in texts (see the module docstring for the notation). All lists share one
    automaton, so a text is read once for every list."""

    def __init__(self, phrases: str, sorani: bool = False, proclitics: bool = False) -> None:
        self.proclitics = proclitics
        self.forms: list[tuple[str, bool]] = []
        for phrase in (p.strip() for p in phrases.split("|")):
            if not phrase:
                continue
            prefix = phrase.endswith("*")
            written = phrase.rstrip("*")
            forms = {normalise_phrase(written)} | ({normalise_phrase(written, sorani=True)} if sorani else set())
            self.forms.extend((form, prefix) for form in forms if form)
        BOOK.add(self)

    def finditer(self, doc: Document) -> list[Hit]:
        """Every occurrence, in text order, longest first where two start together."""
        return BOOK.hits(doc).get(self, [])

    def search(self, doc: Document) -> Hit | None:
        """The first occurrence, or None."""
        hits = self.finditer(doc)
        return hits[0] if hits else None


class _Book:
    """Every phrase list, indexed by first word and matched token by token (built when first used, and again if
    a list is added later). Whole tokens are compared, so "ied" is not found in "carried"."""

    def __init__(self) -> None:
        self._lists: list[Phrases] = []
        self._first: dict[str, list[tuple[tuple[str, ...], bool, Phrases]]] | None = None
        self._prefixed: dict[str, list[tuple[str, tuple[str, ...], bool, Phrases]]] = {}
        self._candidates: dict[str, tuple[tuple[tuple[str, ...], bool, Phrases], ...]] = {}

    def add(self, phrases: Phrases) -> None:
        self._lists.append(phrases)
        self._first = None
        self._candidates = {}

    def hits(self, doc: Document) -> dict[Phrases, list[Hit]]:
        cached = doc.memo.get(_Book)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        if self._first is None:
            self._build()
        tokens = doc.norms
        count = len(tokens)
        found: dict[Phrases, list[Hit]] = {}
        candidates = self._candidates
        for i, token in enumerate(tokens):
            entries = candidates.get(token)
            if entries is None:
                entries = self._entries(token)
            for rest, prefix, owner in entries:
                if not rest:
                    end = i + 1
                elif i + 1 < count and (tokens[i + 1] == rest[0] or (prefix and len(rest) == 1)):
                    end = _rest(tokens, i + 1, rest, prefix)  # most phrases fail at their second word
                else:
                    continue
                if end:
                    found.setdefault(owner, []).append(_hit(doc, i, end))
        for hits in found.values():
            hits.sort(key=lambda h: (h.begin, -h.finish))
        doc.memo[_Book] = found
        return found

    def _entries(self, token: str) -> tuple[tuple[tuple[str, ...], bool, Phrases], ...]:
        """The phrases that may start at a token (cached: tokens repeat)."""
        first, prefixed = self._first or {}, self._prefixed
        entries: dict[tuple[tuple[str, ...], bool, Phrases], None] = {}
        for word, stripped in _variants(token):
            for rest, prefix, owner in first.get(word, ()):
                if not (stripped and not owner.proclitics):
                    entries[(rest, prefix, owner)] = None
            for start_of, rest, prefix, owner in prefixed.get(word[:2], ()):
                if word.startswith(start_of) and not (stripped and not owner.proclitics):
                    entries[(rest, prefix, owner)] = None
        found = tuple(entries)
        if len(self._candidates) < 200_000:
            self._candidates[token] = found
        return found

    def _build(self) -> None:
        first: dict[str, list[tuple[tuple[str, ...], bool, Phrases]]] = {}
        prefixed: dict[str, list[tuple[str, tuple[str, ...], bool, Phrases]]] = {}
        for owner in self._lists:
            for form, prefix in owner.forms:
                words = tuple(form.split(" "))
                if prefix and len(words) == 1:
                    prefixed.setdefault(words[0][:2], []).append((words[0], (), False, owner))
                else:
                    first.setdefault(words[0], []).append((words[1:], prefix, owner))
        self._first, self._prefixed = first, prefixed
        self._candidates = {}


def _variants(token: str) -> list[tuple[str, bool]]:
    """The token, and for an Arabic word the same without each proclitic it may carry (بالرصاص: الرصاص, رصاص)."""
    if token.isascii() or len(token) < 4:
        return [(token, False)]
    out = [(token, False)]
    for n in (1, 2, 3, 4):
        if len(token) - n >= 2 and token[:n] in PROCLITICS:
            out.append((token[n:], True))
    return out


def _rest(tokens: list[str], start: int, rest: tuple[str, ...], prefix: bool) -> int:
    """The end of a phrase whose first word matched, if the next words are ``rest`` (the last a prefix when
    ``prefix``), else 0."""
    end = start + len(rest)
    if end > len(tokens):
        return 0
    for k, word in enumerate(rest):
        token = tokens[start + k]
        if token != word and not (prefix and k == len(rest) - 1 and token.startswith(word)):
            return 0
    return end


def _hit(doc: Document, first: int, end: int) -> Hit:
    start, stop = doc.char_span(first, end)
    return Hit(start, stop, doc.normal[start:stop])


BOOK = _Book()


def either(doc: Document, *finders: Phrases | re.Pattern[str]) -> Hit | re.Match[str] | None:
    """The earliest of what several phrase lists or patterns find."""
    found: list[Hit | re.Match[str]] = []
    for finder in finders:
        hit = finder.search(doc) if isinstance(finder, Phrases) else doc.search(finder)
        if hit is not None:
            found.append(hit)
    return min(found, key=lambda h: h.start()) if found else None
