"""Killed, injured and arrested: how many, and who (military, civilian, the attackers or suspects).

A predicate of death, injury or arrest is found first ("were killed", "killing", "lost their lives", قُتل,
مقتل, فقد … حياته, أودى بحياة, "hatin kuştin", "jiyana xwe ji dest dan", کوژران, دەستگیرکران). Where its
victims stand depends on the predicate: before it for passives, intransitives and Kurdish (verb-final)
sentences; after it for actives, nouns ("the death of") and Arabic; in the predicate itself for pronouns
(مقتله "his killing", "killing him": one, whom the sentence named before). The victims are read as groups
of people (people.py): "four ISF members and two SDF fighters" are 6, of whom 6 military.

"No casualties" gives 0; "between killed and wounded" and "32 killed and injured" give neither; a vague
quantity leaves the field empty. In a raid the counts are the suspects'. counts.py turns what is read here
into suggested values.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.extraction.nouns import PERPETRATOR
from marsad.extraction.numbers import number_value
from marsad.extraction.people import ONE_OF, ORDINALS, Group, person_noun, read_group, role_of
from marsad.extraction.phrases import BOOK, Hit, Phrases
from marsad.extraction.predicates import (
    AFTER,
    ARRESTED,
    BOTH,
    DIED_OF_WOUNDS,
    EITHER,
    INJURED,
    KILLED,
    NONE_STATED,
    PREDICATES,
    PRONOUN,
    Predicate,
)
from marsad.extraction.quantities import read_quantity
from marsad.extraction.text import Document, alternation, lexicon

HARD_STOPS = frozenset({".", "!", "?", "؛", ";"})
SEPARATORS = frozenset({",", "،", "and", "u", "as", "plus", "و"})
CLAUSE_WORDS = lexicon(
    "while when after before where said says reported according because but who which whereas "
    "بينما فيما حيث عندما وقال قال وأضاف وأفاد وذكر وأشار بعد إثر جراء نتيجة بسبب dema pisti ku "
    "هجوم بهجوم انفجار بانفجار كمين بكمين استهداف باستهداف"  # the cause, not the victims: "4 others in an ISIS attack"
)
MAX_BEFORE, MAX_AFTER = 18, 24
REPORTERS = lexicon("said says told reported added stated announced claimed قال قالت وقال وقالت أفاد أفادت ذكر ذكرت")
# What may follow the attackers who are the subject of an Arabic verb-first clause: "unknown", "masked".
UNNAMED = lexicon("مجهولون مجهولين مجهول ملثمون ملثمين")


@dataclass(frozen=True)
class Found:
    """One predicate's victims: the groups, the sentence, whether a vague quantity stood for them."""

    what: str
    groups: tuple[Group, ...]
    sentence: int
    vague: bool
    pronoun: bool = False


BY_PHRASES = {p.finder: p for p in PREDICATES if isinstance(p.finder, Phrases)}
PATTERN_PREDICATES = [p for p in PREDICATES if not isinstance(p.finder, Phrases)]
# A predicate after these is no event: "threatens to kill", "محاولة اغتيال", "revenge for the death of".
NOT_AN_EVENT = re.compile(
    r"\b(?:(?:threat\w*|plan\w*|tri(?:ed|es)|try(?:ing)?|attempt\w*|intend\w*|in order|aim\w*|want\w*|seek\w*"
    r"|sought|prepar\w*|avoid\w*|refus\w*) (?:\S+ )?to(?: be)?|would|will|could|might|revenge|retaliation|avenge"
    r"|avoid being)$|(?:^| )(?:"
    + alternation(("محاولة", "محاولات", "بهدف", "يهدد", "تهدد", "هددت", "ثأرا", "انتقاما", "لمحاولة"))
    + r")$"
)
REVENGE = re.compile(
    r"\b(?:revenge|retaliation|avenge|avenging)\b|" + alternation(("ثأرا", "انتقاما", "ردا على", "للثأر"))
)
# Sentences that sum up a period, not the incident: "since early 2024, ISIS attacks have left 40 dead".
SUMMARY = re.compile(
    r"\b(?:since (?:the )?(?:beginning|start|early|mid|late)|so far (?:this|in)|in total|a total of|the total"
    r"|bringing the (?:\w+ )?(?:toll|number|total) (?:since|this|so)|documented|statistics)\b|(?<!\S)(?:"
    + alternation(
        (
            "منذ بداية",
            "منذ مطلع",
            "منذ مطلع العام",
            "منذ بداية العام",
            "إجمالي",
            "وثق",
            "وثقت",
        )
    )
    + r")(?!\S)"
)


def _not_an_event(tokens: list[str], first: int) -> bool:
    return _not_an_event_after(" ".join(tokens[max(0, first - 5) : first]))


@lru_cache(maxsize=65536)
def _not_an_event_after(before: str) -> bool:
    return bool(NOT_AN_EVENT.search(before) or REVENGE.search(before))


@dataclass(frozen=True)
class Tolls:
    """What a text says was done to people, by predicate kind (killed, injured, arrested)."""

    found: dict[str, list[Found]]
    zero: Hit | None

    def roles(self, what: str) -> set[str | None]:
        """Who the counted groups of ``what`` are ("military", "civilian", "perpetrator", None)."""
        return {g.role for f in self.found.get(what, []) for g in f.groups}

    def counted(self, what: str) -> bool:
        return _counted(self.found.get(what, []))


def read_tolls(doc: Document) -> Tolls:
    """Every predicate of death, injury or arrest in the text, with the groups of people it is about."""
    tokens = doc.norms
    script = "latin" if doc.language in {"en", "kmr"} else "arabic"
    hits = []
    found_phrases = BOOK.hits(doc)
    for phrases, matches in found_phrases.items():
        predicate = BY_PHRASES.get(phrases)
        if predicate is None or predicate.scripts != script:
            continue
        for match in matches:
            hits.append((doc.token_at(match.start()), doc.token_at(match.end() - 1) + 1, predicate))
    for predicate in PATTERN_PREDICATES:
        if predicate.scripts == script:
            for span in predicate.matches(doc):
                hits.append((doc.token_at(span.start()), doc.token_at(span.end() - 1) + 1, predicate))
    hits = _outermost(hits)
    sentence_of = _sentences(tokens)
    summaries = _summary_sentences(doc, sentence_of)
    found: list[Found] = []
    for index, (first, last, predicate) in enumerate(hits):
        if _not_an_event(tokens, first) or sentence_of[first] in summaries:
            continue
        previous_end = hits[index - 1][1] if index else 0
        next_start = hits[index + 1][0] if index + 1 < len(hits) else len(tokens)
        groups, vague = _victims(tokens, doc.language, first, last, predicate, previous_end, next_start)
        if not (groups or vague) and predicate.what == ARRESTED and predicate.side in {AFTER, EITHER}:
            groups = _named(doc, last, next_start)
        if groups or vague:
            found.append(Found(predicate.what, tuple(groups), sentence_of[first], vague, predicate.side == PRONOUN))
    combined = {f.sentence for f in found if f.what == BOTH}
    by_what: dict[str, list[Found]] = defaultdict(list)
    for item in found:
        if item.what == BOTH:
            continue
        if item.what in {KILLED, INJURED} and item.sentence in combined:
            item = Found(item.what, (), item.sentence, True, item.pronoun)
        by_what[item.what].append(item)
    if DIED_OF_WOUNDS.search(doc) and not _counted(by_what[KILLED]):
        by_what[KILLED], by_what[INJURED] = by_what[INJURED], []  # injured, then died: counted as killed
    return Tolls(dict(by_what), NONE_STATED.search(doc))


NAME_JOINERS = frozenset({",", "and"})
NAME_PARTICLES = frozenset({"al", "el", "abu", "abo", "bin", "ibn", "ould", "ad", "ash", "as", "ar", "az"})


def _named(doc: Document, start: int, end: int) -> list[Group]:
    """People an English arrest names one by one ("arrested Ahmed al-Hussein, Mohammed al-Ali and Khalid
    al-Hamad"): as many as the names, when there are at least two and nothing but names stands between them."""
    if doc.language != "en":
        return []
    tokens, i, names = doc.norms, start, 0
    while i < end:
        j = i
        while j < end and j < i + 5 and (_capitalised(doc, j) or (j > i and tokens[j] in NAME_PARTICLES)):
            j += 1
        if j - i < 2:
            break  # a name is a given name and a family name at least
        names += 1
        i = j
        if i < end and tokens[i] in NAME_JOINERS:
            i += 1 + (i + 1 < end and tokens[i + 1] == "and")
            continue
        break
    ends = i >= end or tokens[i] in HARD_STOPS or tokens[i] in {"in", "on", "at", "from", "during", "after", "who"}
    return [Group(names, None, start, i)] if names >= 2 and ends else []


def _capitalised(doc: Document, i: int) -> bool:
    word = doc.text[doc.starts[i] : doc.ends[i]]
    return word[:1].isupper() and word.isalpha() and doc.norms[i] not in NAME_JOINERS


def _outermost(hits: list[tuple[int, int, Predicate]]) -> list[tuple[int, int, Predicate]]:
    """Predicates in text order, a predicate inside a longer one dropped ("were killed" holds "killed")."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, Predicate]] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            if hit[2].what == BOTH and kept[-1][2].what != BOTH and hit[1] - hit[0] > 1:
                kept[-1] = hit  # "were killed and wounded": both, not killed
            continue
        kept.append(hit)
    return kept


def _sentences(tokens: list[str]) -> list[int]:
    """For each token, the number of its sentence."""
    stops = [i for i, token in enumerate(tokens) if token in HARD_STOPS]
    if not stops:
        return [0] * len(tokens)
    return [bisect_left(stops, i) for i in range(len(tokens))]


def _summary_sentences(doc: Document, sentence_of: list[int]) -> set[int]:
    return {sentence_of[doc.token_at(m.start())] for m in doc.finditer(SUMMARY)} if sentence_of else set()


def _counted(found: list[Found]) -> bool:
    return any(g.count is not None for f in found for g in f.groups)


def _victims(
    tokens: list[str], language: str, first: int, last: int, predicate: Predicate, previous_end: int, next_start: int
) -> tuple[list[Group], bool]:
    """The groups a predicate is about, and whether a vague quantity stood in their place."""
    if predicate.side == PRONOUN:
        role, about = _role_near(tokens, first, last)
        if any((noun := person_noun(t)) is not None and noun.role == PERPETRATOR for t in tokens[first:last]):
            role, about = PERPETRATOR, (first, last)  # "a suicide bomber blew himself up": the attacker
        groups = [Group(predicate.count, role, first, last, about=about)] if predicate.count else []
        return groups, predicate.count is None
    joined = predicate.side == EITHER and last < len(tokens) and tokens[last] in SEPARATORS
    if predicate.side in {AFTER, EITHER} and not joined:  # "left three civilians dead and five injured"
        arabic = not tokens[first].isascii()
        groups, named = _after(
            tokens, language, last, min(next_start, last + MAX_AFTER), 20 if arabic else 3, predicate.what != ARRESTED
        )
        if groups or named or predicate.side == AFTER:
            return _split(groups)
    start = max(previous_end, first - (MAX_BEFORE * 2 if language in {"kmr", "ckb"} else MAX_BEFORE))
    return _split(_before(tokens, language, start, first))


def _split(groups: list[Group]) -> tuple[list[Group], bool]:
    vague = any(g.vague for g in groups)
    return [g for g in groups if not g.vague and g.count is not None], vague


def _after(tokens: list[str], language: str, start: int, end: int, reach: int, bare: bool) -> tuple[list[Group], bool]:
    """Groups named after a predicate (the first within ``reach`` words, and those joined to it), and
    whether people were named there without a number ("killed civilians", "وأصيب آخرون")."""
    end = _clause_end(tokens, start, end)
    groups: list[Group] = []
    i = start
    while i < min(end, start + reach + 1):
        group = read_group(tokens, i, end, language, bare_count=bare and i == start)
        if group is not None and (group.count is not None or group.vague):
            if group.role is None and tokens[group.end - 1] in ORDINALS:
                group = replace(group, role=_role_near(tokens, start, start)[0])  # "and killed a fourth" suspect
            groups.append(group)
            break
        if group is not None and group.count is None and group.role == PERPETRATOR and not tokens[i].isascii():
            i += 1  # the subject of a verb-first clause: اغتال مسلحون مجهولون عنصرين
            while i < end and tokens[i] in UNNAMED:
                i += 1
            continue
        if group is not None and group.count is None and (tokens[i].isascii() or i < start + 3):
            return [], True  # "killed civilians", "وأصيب آخرون": people named without a number
        i += 1
    while groups:
        j = groups[-1].end
        while j < end and tokens[j] in SEPARATORS:
            j += 1
        if j >= end or (j == groups[-1].end and not tokens[j].startswith("و")):
            break
        if tokens[j] in ONE_OF or tokens[j] in APPOSITION:
            break  # "X, one of the SDF's fighters", "five suspects, including a leader": the same people again
        group = read_group(tokens, j, end, language)
        if group is None or (group.count is None and not group.vague) or group.start > j + 1:
            break
        if REPORTERS & set(tokens[group.end : group.end + 3]):
            break  # "wounding 12, the jihadist group said": who says it, not who was hurt
        groups.append(group)
    return groups, False


def _before(tokens: list[str], language: str, start: int, end: int) -> list[Group]:
    """Groups named right before a predicate ("two SDF fighters and a civilian were killed")."""
    for i in range(end - 1, start - 1, -1):
        if tokens[i] in HARD_STOPS or tokens[i] in CLAUSE_WORDS or tokens[i] == ":":
            start = i + 1
            break
    groups: list[Group] = []
    stop = _without_apposition(tokens, start, end)
    while stop > start:
        group = _ending_at(tokens, language, start, stop)
        if group is None:
            break
        groups.insert(0, group)
        j = group.start - 1
        if j < start or tokens[j] not in SEPARATORS:
            break
        while j >= start and tokens[j] in SEPARATORS:
            j -= 1
        stop = j + 1
    return groups


APPOSITION = lexicon("including among most one بينهم منهم ومنهم")


def _without_apposition(tokens: list[str], start: int, end: int) -> int:
    """Where the victims end before a trailing apposition: "Seven employees, including al-Hamish, were
    killed", "the civilian, Kassar Al-Ammash, was killed"."""
    if end - start < 3 or tokens[end - 1] not in {",", "،", ")"}:
        return end
    opening = "(" if tokens[end - 1] == ")" else tokens[end - 1]
    for k in range(end - 2, max(start, end - 9) - 1, -1):
        if tokens[k] == opening:
            inside = tokens[k + 1 : end - 1]
            names_only = not any(person_noun(t) or number_value(t) is not None for t in inside)
            age = len(inside) == 1 and number_value(inside[0]) is not None
            if inside and (names_only or age or inside[0] in APPOSITION):
                return k
            return end
    return end


def _ending_at(tokens: list[str], language: str, start: int, stop: int) -> Group | None:
    """The leftmost-starting counted group that runs up to ``stop`` (a word or two may stand between)."""
    best: Group | None = None
    gap = stop if language in {"kmr", "ckb"} else 2  # Kurdish puts place and time between victims and verb
    for i in range(stop - 1, start - 1, -1):
        if tokens[i] in SEPARATORS and best is not None and not _in_range(tokens, i, start, stop):
            break
        group = read_group(tokens, i, stop, language, bare_count=i >= stop - 2)
        if group is None or group.start != i or group.end < stop - gap:
            continue
        if group.count or (group.vague and (best is None or best.vague)):
            best = group  # the leftmost start that still reads a count ("two members of the SDF")
    return best


def _in_range(tokens: list[str], i: int, start: int, stop: int) -> bool:
    """Whether ``tokens[i]`` opens a range or joins its numbers ("*as* many as 9", "between 5 *and* 9"), rather
    than joining two groups."""
    reach = range(max(start, i - 3), i + 1)
    return any((q := read_quantity(tokens, k, stop)) is not None and q.end > i for k in reach)


def _clause_end(tokens: list[str], start: int, end: int) -> int:
    for i in range(start, end):
        if tokens[i] in HARD_STOPS or (tokens[i] in CLAUSE_WORDS and i > start):
            return i
    return end


def _role_near(tokens: list[str], first: int, last: int) -> tuple[str | None, tuple[int, int] | None]:
    """Who "him" or مقتله is, and where the text names them: the person a noun names just after (şehadeta
    hevalê X) or, else, the nearest person noun before the predicate in the same or the previous sentence."""
    after = [t for t in tokens[last : last + 3] if person_noun(t)]
    if after:
        return role_of(tokens[last : last + 6]), (last, min(len(tokens), last + 6))
    stops = 0
    for i in range(first - 1, max(-1, first - 40), -1):
        if tokens[i] in HARD_STOPS:
            stops += 1
            if stops > 1:
                break
        noun = person_noun(tokens[i])
        if noun is not None and noun.role != PERPETRATOR:
            lo, hi = max(0, i - 2), min(first, i + 7)
            return role_of(tokens[lo:hi]), (lo, hi)
    return None, None
