"""What or whom an attack hit ("SDF checkpoint", "civilians", "Asayish members"), and whom a raid sought.

The object is what an attack verb takes ("attacked a checkpoint", "استهدف سيارة", "êrîşî xaleke … kirin"):
checkpoint, patrol, vehicle, tanker, headquarters, house. The group comes from the object's own words ("an
SDF checkpoint", "حاجز لقسد") or, failing that, from who was killed or hurt (fighters of the SDF, civilians,
an AANES employee). A raid's target is ISIS (suspects, a cell) when the text names it.
"""

from __future__ import annotations

import re

from marsad.domain.keys import Kind
from marsad.extraction.casualties import Tolls
from marsad.extraction.nouns import CIVILIAN, PERPETRATOR
from marsad.extraction.predicates import INJURED, KILLED
from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, alternation, lexicon, normalise_word


def _objects(latin_and_arabic: dict[str, str], sorani: dict[str, str]) -> dict[str, str]:
    """Normalised object word -> the object it names."""
    table = {word: name for name, words in latin_and_arabic.items() for word in lexicon(words)}
    return table | {word: name for name, words in sorani.items() for word in lexicon(words, sorani=True)}


_OBJECT_WORDS = _objects(
    {
        "checkpoint": "checkpoint checkpoints حاجز حاجزا الحاجز لحاجز بحاجز xala xaleke xaleya bend bende bendeke",
        "patrol": "patrol patrols دورية الدورية لدورية بدورية",
        "vehicle": "vehicle vehicles car cars bus truck pickup سيارة سيارته سيارتهم سيارتهما السيارة عربة آلية الية "
        "wesayit wesayita wesayiteke erebe erebeya",
        "tanker": "tanker tankers صهريج صهاريج",
        "headquarters": "headquarters hq base office building compound station centre center مقر مقرا المقر مقرين قاعدة "
        "مركز المركز navend navenda bingeh bingeha",
        "post": "post posts position positions point نقطة النقطة نقاط",
        "house": "house home منزل منزله المنزل بيت mal mala",
    },
    {"checkpoint": "خاڵی خاڵێکی", "headquarters": "بنکە بنکەی ناوەندێکی", "vehicle": "ئۆتۆمبێل"},
)
_CUE_WORDS = lexicon(
    "attacked attack targeted targeting struck hit stormed ambushed on at against fire shot into exploded explosion "
    "blast bombing ied blew detonated torched burned استهدف استهدفت استهدفوا استهداف استهدافه يستهدف تستهدف هاجم "
    "هاجموا هاجمت يهاجم تهاجم هجوم على انفجرت انفجار التفجير تفجير اقتحام اقتحم اقتحموا تعرض تعرضت "
    "eris erisi erise ser teqin"
) | lexicon("سەر تەقینەوە", sorani=True)
# With an Arabic و ف ب ل written onto them (باستهداف, لسيارة), the same cues and objects.
PROCLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
ATTACK_OBJECT_CUES = _CUE_WORDS | {p + w for w in _CUE_WORDS if not w.isascii() for p in PROCLITICS}
OBJECTS = _OBJECT_WORDS | {p + w: name for w, name in _OBJECT_WORDS.items() if not w.isascii() for p in PROCLITICS}
WEAPON_BEFORE = lexicon("laden trapped مفخخه")
GROUPS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "sdf",
        "SDF",
        re.compile(
            r"\b(?:syrian democratic forces|sdf|qsd\w*|hsd\w*|ypg|ypj|pkk|military council|self defen[cs]e forces|"
            r"sanadid)\b|(?<!\S)(?:و|ل|ب)?(?:قسد|قوات سوريا الديمقراطيه|هەسەدە)(?!\S)"
        ),
    ),
    (
        "asayish",
        "Asayish",
        re.compile(
            r"\b(?:asayish|assayish|asayis\w*|internal security|isf|security forces|(?<!military )police)\b|"
            r"(?<!\S)(?:و|ل|ب)?(?:الاسايش|اسايش|الامن الداخلي|قوي الامن)(?!\S)"
        ),
    ),
    ("coalition", "US", re.compile(r"\b(?:us|american|coalition) (?:troops|forces|soldiers|base|patrol|convoy)\b")),
    (
        "military_other",
        "Syrian army",
        re.compile(
            r"\b(?:syrian (?:army|troops|soldiers|government forces)|regime|pro government|government forces|army)\b|"
            r"(?<!\S)(?:قوات النظام|الجيش السوري|القوات الحكوميه|الفرقه)(?!\S)"
        ),
    ),
    (
        "official",
        "official",
        re.compile(
            r"\b(?:council|aanes|autonomous administration|mukhtar|official|employee|sheikh|dignitary)\b|"
            r"(?<!\S)(?:مختار|مسؤول|موظف|الاداره الذاتيه|شيخ)(?!\S)"
        ),
    ),
    (
        "civilian",
        "civilian",
        re.compile(
            r"\b(?:civilians?|refugees?|shepherds?|children|child|women|farmers?)\b|(?<!\S)(?:مدني|مدنيين|لاجي|راعي)(?!\S)"
        ),
    ),
]
# People the text names by who they are, not by a side ("a young man was shot dead"): the target is described
# as the text does, and classed as neither military nor civilian (the codebook leaves them unclassed).
PEOPLE_WORDS = {normalise_word(w): e for w, e in (("youth", "young man"), ("شاب", "young man"), ("شابا", "young man"))}
PEOPLE_WORDS |= {w: w for w in ("man", "woman", "men", "women")} | {normalise_word("رجل"): "man"}
PLURALS = {"young man": "young men", "man": "men", "woman": "women"}  # "a man and his son"
ISIS_TARGET = re.compile(
    r"\b(?:isis|isil|daesh|is|islamic state)\b|"
    + alternation(("داعش", "لداعش", "تنظيم الدولة", "daîş", "daişê", "daîşê"))
    + r"|\bdais\w*"
)


def read_target(doc: Document, extraction: Extraction, kind: str | None, tolls: Tolls) -> None:
    """Add ``target``: the group (vocabulary key) and a short description."""
    if kind == Kind.RAID:
        _raid_target(doc, extraction)
        return
    if kind != Kind.ATTACK:
        return
    tokens = doc.norms
    obj_at = _object(tokens)
    group = _group_near(doc, obj_at) if obj_at is not None else None
    people = None
    if group is None:
        found = _victims_group(doc, tolls)
        if found is not None:
            group, people = found[:3], found[3]
    if group is None and obj_at is None:
        return
    obj = OBJECTS[tokens[obj_at]] if obj_at is not None else people
    key, label, span = group if group else ("other", "", None)
    if key == "other" and obj == "tanker":
        key = "infrastructure"
    words = " ".join(w for w in (label, obj) if w) or "other"
    spans = [s for s in (span, doc.char_span(obj_at, obj_at + 1) if obj_at is not None else None) if s]
    confidence = 0.75 if group and obj_at is not None else 0.72 if group else 0.6
    extraction.add(Suggestion("target", key, confidence, evidence(doc, *spans), f"“{words}”", words))


def _object(tokens: list[str]) -> int | None:
    """The first object word that follows an attack cue within a few words."""
    for i, token in enumerate(tokens):
        if token in ATTACK_OBJECT_CUES:
            for j in range(i + 1, min(len(tokens), i + 11)):
                if tokens[j] in {".", ";", "؛"}:
                    break
                if tokens[j] in OBJECTS and not _weapon(tokens, j):
                    return j
    return None


def _weapon(tokens: list[str], j: int) -> bool:
    """ "an explosive-laden truck", "سيارة مفخخة", "car bomb": the vehicle is the weapon, not the target."""
    return (j > 0 and tokens[j - 1] in WEAPON_BEFORE) or (
        j + 1 < len(tokens) and tokens[j + 1] in WEAPON_BEFORE | {"bomb", "bombs"}
    )


def _group_near(doc: Document, at: int) -> tuple[str, str, tuple[int, int]] | None:
    """A group named in the object's own phrase: "an SDF checkpoint", "checkpoint of the Asayish", حاجز لقسد."""
    lo, hi = max(0, at - 3), min(len(doc.norms), at + 9)
    stop = next((j for j in range(at + 1, hi) if doc.norms[j] in {".", ",", "،", "in", "near", "في", "li"}), hi)
    window = doc.char_span(lo, stop)
    text = doc.normal[window[0] : window[1]]
    hits = [(m.start(), key, label, m.span()) for key, label, pattern in GROUPS if (m := pattern.search(text))]
    if not hits:
        return None
    _, key, label, (a, b) = min(hits)
    return key, label, (window[0] + a, window[0] + b)


def _victims_group(doc: Document, tolls: Tolls) -> tuple[str, str, tuple[int, int], str | None] | None:
    """The group of the people killed or hurt, read from their own words, and what to call them."""
    groups = [g for what in (KILLED, INJURED) for f in tolls.found.get(what, []) for g in f.groups]
    for group in sorted(groups, key=lambda g: g.start):
        if group.role == PERPETRATOR:
            continue
        start, end = group.about or (group.start, group.end)
        span = doc.char_span(start, min(len(doc.norms), end + 3))
        text = doc.normal[span[0] : span[1]]
        hits = [(m.start(), key, label) for key, label, pattern in GROUPS if (m := pattern.search(text))]
        plural = (group.count or 0) > 1
        if hits:
            _, key, label = min(hits)
            people = ("members" if plural else "member") if key in {"sdf", "asayish", "coalition"} else None
            return key, label, span, people
        if group.role == CIVILIAN:
            return "civilian", "civilians" if plural else "civilian", span, None
        words = doc.norms[start:end]
        described = next((PEOPLE_WORDS[t] for t in words if t in PEOPLE_WORDS), None)
        if described in {"man", "men"} and "young" in words:
            described = f"young {described}"
        if described is not None and group.role is None:
            return "other", PLURALS.get(described, described) if plural else described, span, None
    return None


def _raid_target(doc: Document, extraction: Extraction) -> None:
    match = doc.search(ISIS_TARGET)
    if match is None or (match.group() == "is" and doc.words(*match.span()) != "IS"):
        return
    suspects = bool(re.search(r"\bsuspect|\baccused|\bcharges?\b|بتهمة|تهمة|متهم|گومانلێکراو|تۆمەتبار", doc.normal))
    detail = "ISIS suspects" if suspects else "ISIS cell members"
    extraction.add(Suggestion("target", "isis", 0.75, evidence(doc, match), f"“{doc.words(*match.span())}”", detail))
