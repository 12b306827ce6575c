"""Kind (attack, raid, other), from the words that name what happened and to whom; the type, for attacks.

The kind weighs two sides. A raid: raid words ("airdrop", "security operation", مداهمة, operasyon), arrests
with a count, the attackers' side killed. An attack: an actor attacking ("ISIS cells attacked", "مسلحون
أطلقوا النار"), attack words and methods, fighters or civilians killed or hurt. Prevented attacks, escape
attempts, threats and old mines are "other" (as the codebook says), unless someone was hurt by an attack.
An attack the text tells as background ("arrested a cell *that attacked* a checkpoint") does not count.
"""

from __future__ import annotations

import re

from marsad.domain.keys import Kind
from marsad.extraction.attack_types import SUICIDE, TYPES, methods, suggest_type
from marsad.extraction.casualties import PATTERN_PREDICATES, Tolls
from marsad.extraction.nouns import CIVILIAN, MILITARY, PERPETRATOR
from marsad.extraction.phrases import BOOK, Hit, Phrases, either
from marsad.extraction.predicates import ARRESTED, INJURED, KILLED, PREDICATES
from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, alternation, lexicon

PREVENTED = Phrases(
    "foiled|thwarted|aborted|prevented|averted|defused|disarmed|while planting|while placing|while preparing"
    "|while trying to plant|found an ied|found an explosive*|found a bomb|discovered an ied|discovered an explosive*"
    "|discovered a bomb|seized an ied|dismantled an ied|dismantled an explosive*|dismantled a bomb|dismantled a mine"
    "|dismantled the ied|إحباط|أحبطت|أحبط|تفكيك عبوة|فككت|أثناء زرع|خلال زرع|أثناء محاولتهم زرع|تمكنت من تفكيك"
    "|pesi li ber girt|pesi ber girt|puc kir|puc kirin",
    proclitics=True,
)
ESCAPE_OR_THREAT = Phrases(
    "escape attempt*|attempted to escape|attempting to escape|attempts to escape|attempt to escape|attempt to flee"
    "|attempted to flee|attempted to smuggle|escape from the camp|escaping from the camp|fled from the camp"
    "|escape from al hol|breakout*|prison break|smuggl*|leaflet*|raised an isis flag|raised the isis flag"
    "|raised a flag|isis flag*|daesh flag*|death threat*|threat letter*|threatening letter*|محاولة هروب|محاولة الهروب"
    "|محاولة فرار|هروب من|تهريب|منشورات|رايات|راية|رسائل تهديد|reviyane|hewldana reve",
    proclitics=True,
)
# Old mines and war remnants: "left behind by ISIS", من مخلفات داعش.
LEGACY = Phrases(
    "left behind|left over|leftover|war remnant*|explosive remnant*|remnants of war|remnants of the war"
    "|planted previously|planted earlier|planted years ago|of the war|from the war|من مخلفات|مخلفات|من بقايا"
    "|مخلفات الحرب",
    proclitics=True,
)
# Remnants of war are the thing that exploded, with or without a mine named; and explosions or fires the text
# says no one knows the cause of: both "other" (the codebook). UNEXPLAINED is a pattern, run only when the
# text holds one of its rare words (prefilter.py), not a phrase list on words as common as "explosion".
REMNANTS = Phrases(
    "war remnant*|remnants of war|remnants of the war|unexploded ordnance|unexploded shell*|unexploded bomb*"
    "|unexploded munition*|مخلفات الحرب|غير منفجرة",
    proclitics=True,
)
UNEXPLAINED = re.compile(
    r"\b(?:unexplained|mysterious) (?:explosions?|blasts?|fires?)\b|\bof unknown (?:origin|cause)\b"
    r"|\bcauses? (?:remains?|is|are) unknown\b|\bunknown causes\b|(?<!\S)(?:"
    + alternation(("انفجار مجهول", "لأسباب مجهولة", "لم تعرف أسبابه", "لم تعرف أسبابها"))
    + r")(?!\S)"
)
RAID_WORDS = Phrases(
    "raid|raids|raided|airdrop*|air drop*|landing operation|airborne operation|air assault*|heliborne|helicopter borne"
    "|security operation|security campaign|special operation|joint operation|anti isis operation|anti daesh operation"
    "|counter terrorism operation|counter terror operation|military operation|operation against|campaign against"
    "|sweep|combing operation|crackdown|manhunt|inserted by helicopter*|helicopter landed|helicopters landed"
    "|stormed the house|stormed a house|stormed his house|stormed their house|stormed the hideout|stormed a hideout"
    "|carried out an operation|conducted an operation|launched an operation|carried out a security operation"
    "|conducted a security operation|launched a security operation|مداهمة|مداهمات|داهمت|دهمت|إنزال جوي|عملية إنزال"
    "|إنزالا جويا|عملية أمنية|حملة أمنية|حملة مداهمات|عملية مشتركة|عملية عسكرية|حملة|عملية تمشيط|operasyon*"
    "|ئۆپەراسیۆن*|هەڵمەت*",
    sorani=True,
    proclitics=True,
)
ATTACK_WORDS = Phrases(
    "attack|attacked|attacks|attacking|ambush*|target|targeted|targeting|targets|opened fire|shot|shooting"
    "|explosion|exploded|explodes|blast|bomb*|ied|ieds|assassinat*|gunmen|assailants|stormed|struck|assault*"
    "|detonat*|blew up|strike|kidnapp*|abduct*|behead*|slaughtered|هجوم|هجوما|هاجم|هاجموا|هاجمت|يهاجم|تهاجم|يستهدف|تستهدف|استهداف|استهدف"
    "|استهدفت|استهدفوا|انفجار|انفجرت|تفجير|عبوة|مفخخة|اغتيال|اغتال|اغتالت|اغتالوا|كمين|برصاص|إطلاق نار|إطلاق النار|أطلقوا النار"
    "|اقتحام|هز انفجار|قذيفة|لغم|انتحاري|فجر نفسه|حزام ناسف|eris*|êrîş*|teqin*|kemin*|gulebaran*|هێرش*|تەقینەوە*|کەمین|تەقەیان",
    sorani=True,
    proclitics=True,
)
ARREST_WORDS = Phrases(
    "arrest*|captur*|detain*|apprehend*|apprehension|nabbed|rounded up|into custody|اعتقال|اعتقلت|القبض|اعتقل|girtin|girt"
    "|دەستگیرکران|دەستگیرکرا|دەستگیرکرد",
    sorani=True,
    proclitics=True,
)
# An actor attacking ("ISIS cells attacked", "gunmen opened fire"): the attack is theirs, not a raid on them.
ACTOR_WORDS = lexicon(
    "isis daesh islamic unknown unidentified gunmen assailants attackers militants cell cells terrorists "
    "مسلحون مسلحين مسلحو مسلحي مجهولون مجهولين داعش لداعش التنظيم خلايا خلية ceteyen cekdaren daise dais saneyeke"
) | lexicon("چەکدارانی داعش", sorani=True)
ATTACK_VERBS = lexicon(
    "attack attacked attacks attacking opened shot targeted targeting stormed ambushed planted detonated threw "
    "struck broke هاجموا هاجمت هاجم يهاجم تهاجم يهاجمون يستهدف تستهدف يستهدفون استهدفوا استهدفت استهدف أطلقوا اطلقوا فتحوا اقتحموا erisi eris erisa"
) | lexicon("هێرشیان هێرشی", sorani=True)
OWNED_ATTACK = Phrases(
    "attack by|attacked by|isis attack|isis attacks|daesh attack|cell attack|ied attack|bomb attack|drone attack"
    "|هجوم على|هجوم لخلايا|هجوم نفذه|هجوم نفذته|هجوما|استهدف مسلحون|هجوم لداعش|هجوم لتنظيم|هێرشی داعش"
    "|هێرشیان کردە سەر|erisa daise|erisi",
    sorani=True,
    proclitics=True,
)
BACKGROUND = lexicon(
    "that who which responsible behind planning plotting preparing to involved suspected by accused التي الذي "
    "الذين المسؤولة المتورطة المتهمة بتهمة"
)
KILLED_A = lexicon("killed")
CLAIM_HINT = Phrases(
    "claimed|claims|claim|responsibility|amaq|تبنى|تبنت|يتبنى|مسؤولية|مسؤوليته|أعماق|berpirsyari*|بەرپرسیارێتی",
    sorani=True,
    proclitics=True,
)
EVENT_WORDS = frozenset(
    {PREVENTED, ESCAPE_OR_THREAT, REMNANTS, RAID_WORDS, ATTACK_WORDS, ARREST_WORDS, OWNED_ATTACK, CLAIM_HINT}
    | set(TYPES.values())
    | {p.finder for p in PREDICATES if isinstance(p.finder, Phrases)}
)
ONE_OR_NUMBER = lexicon("a an one two three four five six seven eight nine ten")


def eventful(doc: Document) -> bool:
    """Whether the text has any word of an incident (violence, arrest, raid, claim, a prevented attack): the
    rest of extraction is skipped for the many posts of a channel that have none."""
    found = BOOK.hits(doc)
    return (
        any(phrases in EVENT_WORDS for phrases in found)
        or any(doc.search(p.finder) for p in PATTERN_PREDICATES if isinstance(p.finder, re.Pattern))
        or doc.search(UNEXPLAINED) is not None
    )


def read_kind_and_type(doc: Document, extraction: Extraction, tolls: Tolls) -> str | None:
    """Add ``kind`` and, for attacks, ``type``; answers the kind."""
    kind, proof, confidence = _kind(doc, tolls)
    if kind is None or proof is None:
        return None
    extraction.add(Suggestion("kind", kind, confidence, evidence(doc, proof), f"{kind}: “{doc.words(*proof)}”"))
    if kind == Kind.ATTACK:
        suggest_type(doc, extraction)
    return kind


def _kind(doc: Document, tolls: Tolls) -> tuple[str | None, tuple[int, int] | None, float]:
    people = tolls.roles(KILLED) | tolls.roles(INJURED)
    victims = people & {MILITARY, CIVILIAN}
    prevented, escape = PREVENTED.search(doc), ESCAPE_OR_THREAT.search(doc)
    shooting = TYPES["armed_attack"].search(doc)
    legacy = LEGACY.search(doc)
    if legacy and TYPES["landmine"].search(doc) and not shooting and MILITARY not in people:
        return Kind.OTHER, legacy.span(), 0.8  # an old mine or war remnant that hit civilians: not an attack
    remnant = REMNANTS.search(doc)
    if remnant and not shooting and MILITARY not in people:
        return Kind.OTHER, remnant.span(), 0.8
    unexplained = doc.search(UNEXPLAINED)
    if unexplained and not (shooting or victims or _attacker(doc)):
        return Kind.OTHER, unexplained.span(), 0.75
    raid_words, attack_words, arrests = RAID_WORDS.search(doc), ATTACK_WORDS.search(doc), ARREST_WORDS.search(doc)
    attackers = _attacker(doc)
    if escape and not prevented and raid_words and not attackers:
        escape = None  # an anti-smuggling raid is a raid
    if (prevented or escape) and not (shooting and victims):
        cue = prevented or escape
        assert cue is not None
        return Kind.OTHER, cue.span(), 0.75
    found = methods(doc)
    raid = (
        2 * bool(raid_words)
        + (2 if tolls.counted(ARRESTED) else 1 if arrests else 0)
        + 2 * (PERPETRATOR in tolls.roles(KILLED) and not victims)
    )
    suicide = SUICIDE.search(doc) if not (raid_words or arrests) else None  # no raid where they blew up
    attack = 3 * bool(attackers or suicide) + bool(attack_words) + bool(found) + 2 * bool(victims) + (None in people)
    if raid == 0 and attack == 0:
        return None, None, 0.0
    if attack > raid or (attack == raid and (attackers or not raid_words)):
        proof = attackers or attack_words or (next(iter(found.values())) if found else None)
        span = proof.span() if proof else _first_toll(doc, tolls)
        return Kind.ATTACK, span, 0.85 if attack >= 2 * raid or raid == 0 else 0.72
    cue = raid_words or arrests
    span = cue.span() if cue else _first_toll(doc, tolls)
    return Kind.RAID, span, 0.85 if raid >= 2 * attack else 0.72


def _attacker(doc: Document) -> Hit | re.Match[str] | None:
    """An actor the text makes the attacker: an actor word with an attack verb within four words after it
    (no "that", "who" or passive between), or an attack that is someone's ("an ISIS attack", هجوم على)."""
    tokens = doc.norms
    for i, token in enumerate(tokens):
        if token not in ACTOR_WORDS:
            continue
        for j in range(i + 1, min(len(tokens), i + 6)):
            if tokens[j] in BACKGROUND or tokens[j] in {".", ";", "؛", "were", "was"}:
                break
            if tokens[j] in ATTACK_VERBS or (
                tokens[j] in KILLED_A and j + 1 < len(tokens) and tokens[j + 1] in ONE_OR_NUMBER
            ):
                if not _background(doc, i):
                    start, end = doc.char_span(i, j + 1)
                    return Hit(start, end, doc.normal[start:end])
                break
    owned = either(doc, OWNED_ATTACK)
    return owned if owned is not None and not _background(doc, doc.token_at(owned.start())) else None


def _background(doc: Document, i: int) -> bool:
    return any(t in BACKGROUND for t in doc.norms[max(0, i - 3) : i])


def _first_toll(doc: Document, tolls: Tolls) -> tuple[int, int] | None:
    groups = [g for found in tolls.found.values() for f in found for g in f.groups]
    if not groups:
        return None
    first = min(groups, key=lambda g: g.start)
    return doc.char_span(first.start, first.end)
