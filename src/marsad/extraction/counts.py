"""What the tolls read in a text suggest: the killed, injured and arrested totals, their military, civilian
and attackers' parts, and each part's low and high where the text gives a range or a bound (quantities.py).

The sentence with the largest toll speaks for the incident (later sentences usually repeat it); a group said
again after a reporting word is the same people. A vague toll anywhere, or an approximation or a ceiling
among a count's groups, makes that count one to check: it is not known.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from marsad.domain.incident import RANGE_FIELDS
from marsad.extraction.casualties import Found, Tolls
from marsad.extraction.nouns import MILITARY, PERPETRATOR
from marsad.extraction.people import Group, person_noun
from marsad.extraction.predicates import ARRESTED, INJURED, KILLED
from marsad.extraction.quantities import bounds_in_words
from marsad.extraction.suggestion import Evidence, Extraction, Suggestion, evidence
from marsad.extraction.text import Document, lexicon


def suggest_counts(doc: Document, extraction: Extraction, tolls: Tolls, raid: bool) -> None:
    """Add killed / injured / arrested totals and their military, civilian and attackers' parts."""
    attacked_force = not raid and extraction.get("target") in FORCES
    for what in (KILLED, INJURED, ARRESTED):
        found = tolls.found.get(what, [])
        if attacked_force:
            found = [_members_of_the_force(doc, f) for f in found]
        _suggest(doc, extraction, what, found, raid)
    zero = tolls.zero if not raid else None
    if zero is not None:
        for what in (KILLED, INJURED):
            if what not in extraction.suggestions:
                extraction.add(Suggestion(what, 0, 0.9, evidence(doc, zero), f"“{doc.words(*zero.span())}”"))


FORCES = frozenset({"sdf", "asayish", "military_other", "coalition"})


def _members_of_the_force(doc: Document, found: Found) -> Found:
    """Members the text does not affiliate, in an attack on a force ("attacked an SDF checkpoint, killing two
    members", "حاجز لقسد … مقتل عنصرين"), are that force's: military."""
    groups = tuple(
        replace(g, role=MILITARY)
        if g.role is None
        and any((n := person_noun(t)) is not None and n.affiliated for t in doc.norms[g.start : g.end])
        else g
        for g in found.groups
    )
    return replace(found, groups=groups)


REPORTING = lexicon(
    "said added says reported according stated مشيرة مشيرا ولفتت لفتت وأضاف أضاف وأشار أشار وقال قال وقالت "
    "وأكد أكد وأوضح أوضح وذكر ذكر"
)


def _without_restatements(tokens: list[str], groups: list[Group]) -> list[Group]:
    """A group repeated after a reporting word in the same sentence ("… two members were injured, adding
    that two members were inside the car") is the same people."""
    kept: list[Group] = []
    for group in sorted(groups, key=lambda g: g.start):
        if any(
            k.count == group.count
            and (k.role == group.role or None in {k.role, group.role})
            and REPORTING & set(tokens[k.end : group.start])
            for k in kept
        ):
            continue
        kept.append(group)
    return kept


ALSO = lexicon("also ايضا")


def _also(tokens: list[str], group: Group) -> bool:
    """Whether "also" stands by a group: people in addition to those another sentence counted."""
    return bool(ALSO & set(tokens[max(0, group.start - 3) : group.end + 3]))


def _suggest(doc: Document, extraction: Extraction, what: str, found: list[Found], raid: bool) -> None:
    counted = [f for f in found if f.groups]
    if not counted:
        return
    by_sentence: dict[int, list[Group]] = defaultdict(list)
    vague_sentences = {f.sentence for f in found if f.vague}
    named = {f.sentence for f in counted if not f.pronoun}
    for item in counted:
        if item.pronoun and item.sentence in named and any(g.role != PERPETRATOR for g in item.groups):
            continue  # "killed a person by beheading him": him is that person; a suicide bomber is not
        by_sentence[item.sentence].extend(item.groups)
    for number, groups in by_sentence.items():
        by_sentence[number] = _without_restatements(doc.norms, groups)
    # The sentence with the largest toll speaks for the incident; others usually repeat it, unless they say
    # "also" ("Two of the attackers were also killed", "A civilian was also killed").
    number, chosen = max(by_sentence.items(), key=lambda kv: (sum(g.count or 0 for g in kv[1]), -kv[0]))
    for other, groups in sorted(by_sentence.items()):
        if other != number and all(_also(doc.norms, g) for g in groups):
            chosen = chosen + groups
    unique = list({(g.start, g.end): g for g in chosen}.values())
    proofs = evidence(doc, *(doc.char_span(g.start, g.end) for g in unique))
    confidence = _confidence(unique, bool(vague_sentences))
    words = "; ".join(f"“{e.text}”" for e in proofs)
    total = _total(unique)
    reason = f"{total.words(what)} from {words}"
    extraction.add(Suggestion(what, total.best, confidence, proofs, reason))
    if what == ARRESTED:
        return
    _add_bounds(extraction, (f"{what}_low", f"{what}_high"), total, confidence, proofs, reason)
    for role in dict.fromkeys(g.role for g in unique if g.role):
        if raid and role != PERPETRATOR:
            continue  # in a raid the counts are the suspects'
        groups = [g for g in unique if g.role == role]
        proof = evidence(doc, *(doc.char_span(g.start, g.end) for g in groups))
        name = f"{'perpetrators' if role == PERPETRATOR else role}_{what}"
        part, sure = _total(groups), _confidence(groups, bool(vague_sentences))
        reason = f"{part.words(f'{role} {what}')} from " + "; ".join(f"“{e.text}”" for e in proof)
        extraction.add(Suggestion(name, part.best, sure, proof, reason))
        if name in RANGE_FIELDS:
            _add_bounds(extraction, RANGE_FIELDS[name], part, sure, proof, reason)


def _confidence(groups: list[Group], vague_elsewhere: bool) -> float:
    """A vague toll anywhere, or an approximation or a ceiling among these groups: their number is not known
    ("up to 12 civilians and 2 soldiers": the 2 soldiers are, the 14 killed are not)."""
    return 0.6 if vague_elsewhere or not all(g.sure for g in groups) else 0.85


def _add_bounds(
    extraction: Extraction,
    names: tuple[str, str],
    total: _Total,
    confidence: float,
    proof: tuple[Evidence, ...],
    reason: str,
) -> None:
    """The low and high of a count (``civilian_killed_low``, ``killed_high``) where the text states them."""
    for name, value in zip(names, (total.low, total.high), strict=True):
        if value is not None:
            extraction.add(Suggestion(name, value, confidence, proof, f"{name.rsplit('_', 1)[1]} of {reason}"))


@dataclass(frozen=True)
class _Total:
    """Groups' counts added up, with their bounds where any group states one (None: none does)."""

    best: int
    low: int | None
    high: int | None

    def words(self, what: str) -> str:
        """ "7 civilian killed", "5 civilian killed (5–9)", "7 killed (at least 7)", "12 killed (up to 12)"."""
        return f"{self.best} {what}{bounds_in_words(self.low, self.high)}"


def _total(groups: list[Group]) -> _Total:
    best = sum(g.count or 0 for g in groups)
    low = sum(g.count or 0 if g.low is None else g.low for g in groups)
    high = sum(g.count or 0 if g.high is None else g.high for g in groups)
    stated_low = any(g.low is not None for g in groups)
    stated_high = any(g.high is not None for g in groups)
    return _Total(best, low if stated_low else None, high if stated_high else None)
