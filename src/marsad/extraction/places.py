"""The incident's place: every gazetteer spelling matched in one pass, the most specific one named wins.

An Aho-Corasick automaton (pyahocorasick) holds every spelling the gazetteer knows, normalised like the text,
so one pass over a text finds every place named in it. A cue says what a mention is: "in the village of X",
"بلدة X", "gundê X" make it the scene; unit and council names ("Dhiban Brigade", "لواء البصيرة", "Meclisa
Leşkerî ya Hecînê"), origins ("hails from", "المنحدر من"), and reference points ("45 km east of", the hospital
the wounded were taken to) do not. A place a cue names but the gazetteer lacks is still suggested, matched to
a known place by its consonant skeleton (الشحيل ~ Shuhail) where exactly one fits, else without coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, normalise_phrase
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
    r"|neighbou?rhood|district|camp|area|countryside|suburb|hamlet|farms?))?(?: of)?|"
    + "|".join(
        re.escape(normalise_phrase(w))
        for w in (
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
    + r"|\bli\b|\bgunde\b|\bbajaroke\b|\bnavceya\b|\bbajare\b|\bkampa\b|"
    + "|".join(re.escape(normalise_phrase(w, sorani=True)) for w in ("لە", "گوندی", "شاری", "ناوچەی"))
    + r") $"
)
NOT_SCENE_BEFORE = re.compile(
    r"(?:\b(?:from|hails from|native of|originally from|resident of|km|kilomet(?:er|re)s?|toward|towards|to|"
    r"of the|regiment|brigade)(?: the)?(?: (?:town|village|city))?(?: of)?|"
    + "|".join(
        re.escape(normalise_phrase(w))
        for w in (
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
    + r"|\bmeclisa\b(?: \S+){0,2} (?:ya|a)|\bji\b) $"
)
UNIT_AFTER = re.compile(
    r"^ (?:\S+ )?(?:military council|civil council|council|brigade|regiment|division|battalion|internal security"
    r"|security forces|operations|hospital|office|media|network|24|post|agency|countryside|province|governorate"
    r"|direction|road|highway|-)"
)
CUE_NAME = re.compile(
    r"\b(?:the )?(?:town|village|city|neighbou?rhood|camp|hamlet|center|centre|outskirts) of (?P<en>(?:al |el |ad |ash |as |ar |az |abu |tal |tel |ain |ayn |deir )?\S+(?: \S+)?)"
    r"|\b(?:in|at|near|of) (?:the )?(?!the |town |village )(?P<en2>(?:al |el |ad |ash |as |ar |az |abu |tal |tel |ain |ayn )?\S+(?: \S+)?) (?:village|town|neighbou?rhood|area|hamlet)\b"
    r"|(?<!\S)(?:ب|و|ل)?(?:قريه|بلده|حي|مدينه|مخيم|بلدتي) (?:[“”\"«»] )?(?P<ar>\S+(?: (?:جزيره|شاميه|الكبير|الصغير|الغربي|الشرقي|الميلاج))?)"
    r"|\b(?:gunde|bajaroke|navceya|bajare|kampa) (?P<ku>(?:el |al )?\S+)"
)
GENERIC_AFTER = re.compile(r"^ (?:camp|neighbou?rhood|area|district|desert|oil field|gas field|field)\b")
GENERIC_BEFORE_AR = re.compile(r"(?:مخيم|حي|kampa) $")


# Words that spell a place but are ordinary words far more often ("حول" around, "تبنى" claimed).
NOT_PLACES = frozenset(normalise_phrase(w) for w in ("حول", "تبنى", "تبني", "خلال", "قرب", "عند", "بين", "مركز"))


@dataclass(frozen=True)
class Mention:
    start: int  # in Document.normal
    end: int
    places: tuple[Place, ...]
    score: float
    specificity: int


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
                    for variant in {form, ARTICLE.sub("", form), _strip_arabic_article(form)}:
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
                key = skeleton(normalise_phrase(written))
                if len(key) >= 3 and place not in self._skeletons.setdefault(key, []):
                    self._skeletons[key].append(place)

    def mentions(self, doc: Document) -> list[Mention]:
        normal = doc.normal
        found: list[Mention] = []
        for end_index, (form, places) in self._automaton.iter(normal):
            start, end = end_index - len(form) + 1, end_index + 1
            if end < len(normal) and normal[end] != " ":
                continue
            if start > 0 and normal[start - 1] != " ":
                prefix = normal[normal.rfind(" ", 0, start) + 1 : start]
                if not re.fullmatch(r"(?:و|ف|ب|ل|ك|وب|ول)?(?:ال|ل)?", prefix):
                    continue
            if form in NOT_PLACES:
                continue
            found.append(self._judge(normal, start, end, places))
        return _longest(found)

    def _judge(self, normal: str, start: int, end: int, places: tuple[Place, ...]) -> Mention:
        before = normal[max(0, start - 60) : start]
        before = before if before.endswith(" ") or not before else before[: before.rfind(" ") + 1]
        after = normal[end : end + 40]
        score = 0.6
        if SCENE_BEFORE.search(before):
            score += 0.3
        if NOT_SCENE_BEFORE.search(before):
            score -= 0.45
        if UNIT_AFTER.match(after):
            score -= 0.3 if re.match(r"^ (?:countryside|province|governorate|road|highway|-)", after) else 0.6
        best = max(places, key=lambda p: (p.curated, p.population))
        return Mention(start, end, places, score, SPECIFICITY.get(best.kind, 3))

    def suggest(self, doc: Document, extraction: Extraction) -> None:
        """Add the incident's place (``place``: the words as written; ``location``: the gazetteer key)."""
        mentions = [m for m in self.mentions(doc) if m.score > 0.3]
        cued = self._cued(doc, mentions)
        candidates = mentions + cued
        if not candidates:
            return
        top = max(candidates, key=lambda m: (m.score >= 0.7, m.specificity, m.score, -m.start))
        start, end = top.start, top.end
        after = doc.normal[end:]
        generic = GENERIC_AFTER.match(after)
        if generic:
            end += generic.end()
        leading = GENERIC_BEFORE_AR.search(doc.normal[max(0, start - 8) : start])
        if leading:
            start -= len(leading.group())
        words = doc.words(start, end)
        words = re.sub(r"^(?:و|ب|ل|ف)(?=ال)", "", words)
        confidence = min(0.95, top.score + (0.1 if top.places else 0.0))
        place = _choose(top.places, mentions) if top.places else None
        reason = f"“{words}”" + (
            f" → {place.name} ({place.admin2 or place.admin1})" if place else " (not in the gazetteer)"
        )
        extraction.add(
            Suggestion("place", words, confidence, evidence(doc, (start, end)), reason, place.name if place else None)
        )
        if place is not None:
            extraction.add(
                Suggestion("location", place.key, confidence, evidence(doc, (start, end)), reason, place.name)
            )
        else:
            region = _context_region(doc, mentions)
            if region is not None:
                extraction.add(
                    Suggestion(
                        "location", region.key, confidence, evidence(doc, (start, end)), f"near {region.name}", None
                    )
                )

    def _cued(self, doc: Document, mentions: list[Mention]) -> list[Mention]:
        """Places that a cue ("the village of X") names, matched by skeleton when the automaton missed them."""
        found = []
        for match in doc.finditer(CUE_NAME):
            group = next(g for g in ("en", "en2", "ar", "ku") if match.group(g))
            start, end = match.span(group)
            name = re.sub(r" (?:in|on|at|near|east|west|north|south|of|,|\.).*$", "", doc.normal[start:end])
            first = name.split()[0] if name else ""
            if group == "en2" and len(name.split()) > 1 and not doc.words(start, start + len(first))[:1].isupper():
                start, name = start + len(first) + 1, " ".join(name.split()[1:])
            end = start + len(name)
            if any(m.start <= start < m.end or start <= m.start < end for m in mentions):
                continue
            original = doc.words(start, end)
            bare = re.sub(r"^(?:al|el|ad|ash|as|ar|az)[-\s’']", "", original)
            if group in {"en", "en2", "ku"} and not bare[:1].isupper():
                continue
            if re.search(r"[,.;:]", original):
                continue
            places = tuple(self._skeletons.get(skeleton(ARTICLE.sub("", name), kurmanji=group == "ku"), ()))
            if group == "en2" and not places and len(name) < 4:
                continue
            unique = places if len(places) == 1 else ()
            found.append(Mention(start, end, unique, 0.75, 5))
        return found


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


def _strip_arabic_article(form: str) -> str:
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in form.split())


_LATIN = [
    ("kh", "K"),
    ("sh", "S"),
    ("gh", "G"),
    ("th", "t"),
    ("dh", "d"),
    ("ch", "C"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("x", "K"),
    ("e", ""),
    ("a", ""),
    ("i", ""),
    ("o", ""),
    ("u", ""),
    ("y", ""),
    ("w", ""),
]
_KURMANJI = [
    ("sh", "S"),
    ("x", "K"),
    ("c", "j"),
    ("q", "k"),
    ("e", ""),
    ("a", ""),
    ("i", ""),
    ("o", ""),
    ("u", ""),
    ("y", ""),
    ("w", ""),
]
_ARABIC = str.maketrans(
    {
        "ب": "b",
        "ت": "t",
        "ث": "t",
        "ج": "j",
        "ح": "h",
        "خ": "K",
        "د": "d",
        "ذ": "d",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "S",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "غ": "G",
        "ف": "f",
        "ق": "k",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "ا": "",
        "و": "",
        "ي": "",
        "ء": "",
        "ع": "",
        "ڤ": "v",
        "گ": "g",
        "چ": "C",
        "پ": "p",
    }
)


@lru_cache(maxsize=65536)
def skeleton(name: str, kurmanji: bool = False) -> str:
    """Consonants of a normalised name in a script-independent form: الشحيل, al-Shuhail and Şuheyl meet."""
    words = [w for w in name.split() if w not in {"al", "el"}]
    out = []
    for word in words:
        if "\u0600" <= word[:1] <= "\u06ff":
            word = word[2:] if word.startswith("ال") else word
            word = word[:-1] if word.endswith("ه") else word
            out.append(word.translate(_ARABIC))
            continue
        for old, new in _KURMANJI if kurmanji else _LATIN:
            word = word.replace(old, new)
        word = word[:-1] if word.endswith("h") else word
        out.append(re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-zA-Z]", "", word)))
    return "".join(re.sub(r"(.)\1+", r"\1", w) for w in out)
