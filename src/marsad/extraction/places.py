"""The incident's place: every gazetteer spelling matched in one pass, the most specific one named wins.

An Aho-Corasick automaton (pyahocorasick) holds every spelling the gazetteer knows, normalised like the text,
so one pass over a text finds every place named in it. A cue says what a mention is: "in the village of X",
"بلدة X", "gundê X" make it the scene; unit and council names ("Dhiban Brigade", "لواء البصيرة", "Meclisa
Leşkerî ya Hecînê"), origins ("hails from", "المنحدر من"), and reference points ("45 km east of", the hospital
the wounded were taken to) do not. Places a cue names ("the village of X", طريق X, "gundê X") are
read by place_cues.py, known or not; a road between two regions gives no region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from marsad.extraction.place_cues import KINDS, QUOTES, cued_names, skeleton
from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, alternation, normalise_phrase
from marsad.gazetteer.gazetteer import Gazetteer, Place

# How specific a kind of place is: the most specific place named wins.
SPECIFICITY = {
    "neighbourhood": 6,
    "camp": 6,
    "oil field": 5,
    "village": 5,
    "area": 4,
    "populated place": 4,
    "town": 4,
    "city": 3,
    "sub-district": 2,
}
ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|ar|az|an|ed|es|ez) ")
SCENE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|into|on|inside|outside|targeted|hit|struck|attacked|stormed|of)(?: the)?(?: (?:center|centre"
    r"|outskirts|entrance|vicinity|countryside|desert|market|area|heart))?(?: of)?(?: the)?(?: (?:town|village|city"
    r"|neighbou?rhood|district|camp|area|countryside|suburb|hamlet|farms?))?(?: of)?|(?<!\S)(?:و|ف)?(?:"
    + alternation(
        (
            "في",
            "قرية",
            "بلدة",
            "مدينة",
            "حي",
            "مخيم",
            "بلدتي",
            "ببلدة",
            "بقرية",
            "بمدينة",
            "بحي",
            "بمخيم",
            "مدخل",
        )
    )
    + r")|\bli\b|\bgunde\b|\bbajaroke\b|\bnavceya\b|\bbajare\b|\bkampa\b|\bherema\b|"
    + r"(?<!\S)(?:"
    + alternation(("لە", "گوندی", "شاری", "ناوچەی"), sorani=True)
    + r")) $"
)
NOT_SCENE_BEFORE = re.compile(
    r"(?:\b(?:(?<!escape )(?<!escaping )(?<!fled )(?<!flee )(?<!smuggle )(?<!smuggled )(?<!smuggling )from|hails from"
    r"|native of|originally from|resident of|km|kilomet(?:er|re)s?|toward|towards|"
    r"(?<!entrance )to|"
    r"of the|regiment|brigade)(?: the)?(?: (?:town|village|city))?(?: of)?|(?<!\S)(?:و|ف)?(?:"
    + alternation(
        (
            "المنحدر من",
            "ينحدر من",
            "من أبناء",
            "لواء",
            "مجلس",
            "فوج",
            "كتيبة",
            "مشفى",
            "مستشفى",
            "كم",
            "من قرية",
            "من بلدة",
            "من مدينة",
            "إلى",
            "الى",
        )
    )
    + r")|\bmeclisa\b(?: \S+){0,2} (?:ya|a)|\bji\b) $"
)
UNIT_AFTER = re.compile(
    r"^ (?:\S+ )?(?:military council|civil council|council|brigade|regiment|division|battalion|internal security"
    r"|security forces|operations|hospital|office|media|network|24|post|agency|countryside|province|governorate"
    r"|direction|road|highway|-)"
)
# Outlets put names in quotation marks ("the town of “Al-Basira”", في بلدة "الشحيل"): the cue is read past them
# (place_cues.QUOTES).
ARTICLE_BEFORE = re.compile(r"(?:^| )(?:al|el|ad|ash|as|at|ar|az|an|ed|es|ez) $")  # "the town of Al-Basira"
GENERIC_AFTER = re.compile(r"^ (?:camp|neighbou?rhood|area|district|desert|oil field|gas field|field)\b")
GENERIC_BEFORE_AR = re.compile(r"(?:مخيم|حي|kampa) $")


# Words that spell a place but are ordinary words far more often ("حول" around, "تبنى" claimed).
NOT_PLACES = frozenset(
    normalise_phrase(w) for w in ("حول", "تبنى", "تبني", "خلال", "قرب", "عند", "بين", "مركز", "nava", "navê")
)


# What may stand before a place name inside an Arabic word: و ف ب ل ك and ال.
PREFIXES = frozenset(a + b for a in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول") for b in ("", "ال", "ل"))


@dataclass(frozen=True)
class Mention:
    start: int  # in Document.normal
    end: int
    places: tuple[Place, ...]
    score: float
    specificity: int
    label: tuple[int, int] | None = None  # the words the place field shows, where they differ from the name
    road: bool = False


class PlaceFinder:
    """Finds places in texts; built once per gazetteer (the automaton takes a moment to build)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        automaton = ahocorasick.Automaton()
        spellings: dict[str, list[Place]] = {}
        for place in gazetteer.places:
            if place.country != "SY":
                continue
            for written in (place.name, *place.names):
                for sorani in (False, True):
                    form = normalise_phrase(written, sorani=sorani)
                    for variant in {form, ARTICLE.sub("", form), _strip_arabic_article(form), *_abu(form)}:
                        if len(variant) >= 3 and not variant.isdigit():
                            spellings.setdefault(variant, [])
                            if place not in spellings[variant]:
                                spellings[variant].append(place)
        for form, places in spellings.items():
            automaton.add_word(form, (form, tuple(places)))
        automaton.make_automaton()
        self._automaton = automaton
        self._skeletons: dict[str, list[Place]] = {}
        for place in gazetteer.places:
            if place.region is None:
                continue
            for written in {place.name, *place.names}:
                for script in ("", "kmr", "ckb"):
                    key = skeleton(normalise_phrase(written, sorani=script == "ckb"), script)
                    if len(key) >= 2 and place not in self._skeletons.setdefault(key, []):
                        self._skeletons[key].append(place)

    def mentions(self, doc: Document) -> list[Mention]:
        """Every gazetteer spelling in the text, judged by its context."""
        normal = doc.normal
        found: list[Mention] = []
        kurmanji = doc.language == "kmr"
        for end_index, (form, places) in self._automaton.iter(normal):
            start, end = end_index - len(form) + 1, end_index + 1
            oblique = kurmanji and normal[end : end + 1] == "e" and (end + 1 == len(normal) or normal[end + 1] == " ")
            if end < len(normal) and normal[end] != " " and not oblique:
                continue  # a Kurmanji oblique ending is allowed: Dêrazorê is Dêrazor
            if (
                start > 0
                and normal[start - 1] != " "
                and normal[normal.rfind(" ", 0, start) + 1 : start] not in PREFIXES
            ):
                continue  # inside a word, unless after و ب ل ال (وبالرقة)
            if form in NOT_PLACES:
                continue
            found.append(self._judge(normal, start, end, places))
        return _longest(found)

    def _judge(self, normal: str, start: int, end: int, places: tuple[Place, ...]) -> Mention:
        best = max(places, key=lambda p: (p.curated, p.population))
        return Mention(start, end, places, _context_score(normal, start, end), SPECIFICITY.get(best.kind, 3))

    def suggest(self, doc: Document, extraction: Extraction) -> None:
        """Add the incident's place (``place``: the words as written; ``location``: the gazetteer key)."""
        mentions = [m for m in self.mentions(doc) if m.score > 0.3]
        cued = self._cued(doc, mentions)
        candidates = [m for m in mentions + cued if m.score > 0.3]
        if not candidates:
            return
        top = max(candidates, key=lambda m: (m.score >= 0.7, m.specificity, m.score, -m.start))
        start, end = top.label or (top.start, top.end)
        if top.label is None:
            generic = GENERIC_AFTER.match(doc.normal[end:])
            if generic:
                end += generic.end()
            leading = GENERIC_BEFORE_AR.search(doc.normal[max(0, start - 8) : start])
            if leading:
                start -= len(leading.group())
        words = doc.words(start, end)
        words = re.sub(r"^(?:و|ب|ل|ف)(?=ال)", "", words)
        if doc.language == "kmr" and len(words) > 4:
            words = re.sub(r"(?<![yY])ê$", "", words)  # the oblique ending: Dêrazorê is Dêrazor
        confidence = min(0.95, top.score + (0.1 if top.places else 0.0))
        place = _choose(top.places, mentions) if top.places else None
        reason = f"“{words}”" + (
            f" → {place.name} ({place.admin2 or place.admin1})" if place else " (not in the gazetteer)"
        )
        proof = evidence(doc, (start, end))
        extraction.add(Suggestion("place", words, confidence, proof, reason, place.name if place else None))
        if place is not None:
            extraction.add(Suggestion("location", place.key, confidence, proof, reason, place.name))
            return
        known = mentions + [c for c in cued if c.places]
        region = None if top.road and _two_regions(known) else _context_region(doc, known)
        if region is not None:
            extraction.add(Suggestion("location", region.key, confidence, proof, f"near {region.name}", None))

    def _cued(self, doc: Document, mentions: list[Mention]) -> list[Mention]:
        """Places a cue names ("the village of X", قرية X, "gundê X"), matched by skeleton where the automaton
        missed them; an unknown name is kept without coordinates."""
        found = []
        script = doc.language if doc.language in {"kmr", "ckb"} else ""
        for cue in cued_names(doc):
            start, end = doc.char_span(cue.start, cue.end)
            label = doc.char_span(cue.label_start, cue.label_end)
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            if any(m.start < start < m.end or m.start < end < m.end for m in mentions):
                continue
            if inside and not cue.labelled:
                continue  # the automaton knows this name already
            name = ARTICLE.sub("", doc.normal[start:end])
            key = skeleton(name, script)
            short_ok = script == "ckb" and not cue.needs_known  # Sorani writes short names: ڕەقە
            places = tuple(self._skeletons.get(key, ())) if len(key) > 2 or short_ok else ()
            if cue.kind == "camp" and any(p.kind == "camp" for p in places):
                places = tuple(p for p in places if p.kind == "camp")
            if len({p.region for p in places}) == 1 and len(places) > 1:
                places = (max(places, key=lambda p: (p.curated, p.population)),)  # namesakes in one region
            if cue.needs_known and len(places) != 1:
                continue
            if cue.kind in {"road", "street"}:
                places = ()  # a road is not the town it is named after
            score = _context_score(doc.normal, start, end, named_road=cue.kind in {"road", "street", "field"}) + 0.15
            specificity = KINDS[cue.kind] if not places else max(KINDS[cue.kind], SPECIFICITY.get(places[0].kind, 3))
            unique = places if len(places) == 1 else ()
            found.append(Mention(start, end, unique, min(score, 0.8), specificity, label, cue.kind == "road"))
        return _in_named_regions(found, mentions)


def _context_score(normal: str, start: int, end: int, named_road: bool = False) -> float:
    """How surely the name at ``normal[start:end]`` is the incident's place, from the words around it: a scene
    cue before it raises the score; an origin, a distance, a unit or an institution lowers it."""
    before = normal[max(0, start - 60) : start]
    before = before if before.endswith(" ") or not before else before[: before.rfind(" ") + 1]
    if ARTICLE_BEFORE.search(before[-5:]):
        before = ARTICLE_BEFORE.sub(" ", before)
    if before[-2:-1] in QUOTES:
        before = before[:-2]
    before = " ".join(before.split(" ")[-9:])  # the cues are at most eight words long
    after = normal[end : end + 40]
    if after[1:2] in QUOTES:
        after = after[2:]
    after = " ".join(after.split(" ")[:4])
    return _score_between(before, after, named_road)


@lru_cache(maxsize=65536)
def _score_between(before: str, after: str, named_road: bool) -> float:
    """The score for a name between these words (cached: texts repeat "in the village of", "في بلدة")."""
    score = 0.6
    if SCENE_BEFORE.search(before):
        score += 0.3
    if NOT_SCENE_BEFORE.search(before):
        score -= 0.45
    if UNIT_AFTER.match(after) and not named_road:
        score -= 0.3 if re.match(r"^ (?:countryside|province|governorate|road|highway|-)", after) else 0.6
    return score


def _in_named_regions(cued: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """A name matched by its skeleton alone is that place only inside the city or district the text names
    (بەحرەی … لە ڕۆژهەڵاتی دێرەزوور is not the Tabqa village a skeleton also fits); else it stays unknown."""
    wide = {
        m.places[0].region
        for m in mentions + cued
        if m.places and m.places[0].region and SPECIFICITY.get(m.places[0].kind, 3) <= 3
    }
    return [replace(m, places=()) if m.places and wide and m.places[0].region not in wide else m for m in cued]


def _two_regions(mentions: list[Mention]) -> bool:
    """A road "between Deir ez-Zor and Hasakah": the text names places of two regions."""
    return len({m.places[0].region for m in mentions if m.places and m.places[0].region}) > 1


def _choose(places: tuple[Place, ...], mentions: list[Mention]) -> Place:
    """Of namesakes, the one in the region the text also names, else a monitored one, else the largest."""
    regions = {p.region for p in places}
    if len(places) > 1 and len(regions) > 1:
        named = {m.places[0].region for m in mentions if m.places and m.specificity <= 3}
        for place in places:
            if place.region in named:
                return place
    return max(places, key=lambda p: (p.curated, p.region is not None, p.population))


def _context_region(doc: Document, mentions: list[Mention]) -> Place | None:
    wide = [m for m in mentions if m.places and m.places[0].region]
    return wide[0].places[0] if wide else None


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer one ("Deir ez-Zor" inside "Deir ez-Zor Military Council" stays out)."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if any(k.start <= m.start and m.end <= k.end for k in kept):
            continue
        kept.append(m)
    return kept


def _abu(form: str) -> tuple[str, ...]:
    """ "Abo Hamam", "Abou Hamam": outlets spell "Abu" three ways."""
    if not re.search(r"\babu ", form):
        return ()
    return tuple(re.sub(r"\babu ", spelling, form) for spelling in ("abo ", "abou "))


def _strip_arabic_article(form: str) -> str:
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in form.split())
