"""Who did it: the perpetrator of an attack, or the force that made a raid; and whether ISIS claimed it.

The perpetrator is the actor the text makes the agent, found around an actor word (an ISIS name, "gunmen",
مجهولين, "çekdarên", چەکداران): after "by", من قبل, برصاص, "ji aliyê"; as the subject of an attack verb
("ISIS cells attacked", "مسلحون مجهولون أطلقوا النار", Arabic verb-first "أطلق مسلحون النار"); or as an
attack's owner ("an ISIS attack", هجوم لخلايا داعش, "êrîşa DAIŞê"). People the text counts as killed or
arrested are victims, never agents. An ISIS claim ("ISIS claimed", Amaq, تبنى as a verb) makes ISIS the
perpetrator only when no other agent is named. Outlet euphemisms ("terrorists", "mercenaries") are kept as
written, not turned into ISIS; "believed to be ISIS" makes it suspected.

For a raid it is the force: SDF, Asayish, their units (HAT, TOL), the coalition, or the Syrian Interior
Ministry; one that only announced the raid ("the Asayish said that HAT …") gives way to the one that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.domain.keys import Kind
from marsad.extraction.casualties import Tolls
from marsad.extraction.people import person_noun
from marsad.extraction.phrases import Hit, Phrases, either
from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, lexicon, normalise_phrase


def _any(*phrases: str) -> str:
    forms = {normalise_phrase(p) for p in phrases} | {normalise_phrase(p, sorani=True) for p in phrases}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


ISIS_WORDS = lexicon(
    "isis isil daesh daish islamic dais daise daish daesh's داعش لداعش بداعش وداعش الدولة تنظيم لتنظيم التنظيم "
    "للتنظيم daiş daişê daîş daîşê"
) | lexicon("داعش داعشی داعشیش", sorani=True)
UNKNOWN_WORDS = lexicon("unknown unidentified masked مجهولين مجهولون مجهول ملثمين ملثمون nenas nenasan") | lexicon(
    "نەناسراو نەناسراوەکان", sorani=True
)
ARMED_WORDS = lexicon(
    "gunmen gunman assailants assailant attackers attacker persons person people men individuals motorcyclists "
    "مسلحين مسلحون مسلحو مسلحي مسلح مسلحان مسلحيّن مجموعة مسلحة cekdar cekdaren cekdarên"
) | lexicon("چەکدار چەکداران چەکدارانی", sorani=True)
EUPHEMISMS = {"terrorists": "terrorists", "mercenaries": "mercenaries", "المرتزقه": "mercenaries"}
ACTOR_TOKENS = UNKNOWN_WORDS | ARMED_WORDS | frozenset(EUPHEMISMS)


class _Words:
    """A set of words, some of them prefixes ("behead*"): the verbs and nouns the agent reading looks for."""

    def __init__(self, words: str) -> None:
        self.exact = lexicon(" ".join(w for w in words.split() if not w.endswith("*")))
        self.prefixes = tuple(w.rstrip("*") for w in words.split() if w.endswith("*"))

    def __contains__(self, token: object) -> bool:
        return token in self.exact or (isinstance(token, str) and token.startswith(self.prefixes))


AGENT_VERBS = _Words(
    "attack attacked attacks attacking opened open shot shoot shooting targeted targeting target stormed storm "
    "storming ambushed ambush planted plant planting detonated riding rode threw blew killed kill kills executed "
    "beheaded behead* kidnapp* abduct* struck broke assassinat* fired hit raided murdered slaughtered set burned "
    "torched اطلقوا اطلقا اطلق هاجموا هاجمت هاجم يهاجم تهاجم يهاجمون يستهدف تستهدف يستهدفون يقتل تقتل يقتلون يغتال تغتال استهدفوا استهدفت استهدف اقتحموا اقتحم قتلوا قتلا فتحوا فتح فجروا "
    "فجر زرعوا زرع اعدموا اعدم خطفوا خطف ذبحوا ذبح اقدم اقدموا قاموا قام تمكنوا تمكنا هاجمه يستقلون يستقل يستقلان "
    "eris* kust kustin revandin هيرش*"
)
VERB_FIRST = lexicon(
    " ".join(
        p + w
        for w in [
            "اطلق",
            "اطلقت",
            "القى",
            "القت",
            "رمى",
            "هاجم",
            "هاجمت",
            "استهدف",
            "استهدفت",
            "اقتحم",
            "اقدم",
            "قام",
            "قتل",
            "اغتال",
            "فتح",
            "فجر",
            "زرع",
            "اعدم",
            "خطف",
            "ذبح",
            "تمكن",
        ]
        for p in ("", "و", "ف")
    )
)
BY_WORDS = (
    "by",
    "من قبل",
    "برصاص",
    "على يد",
    "نفذه",
    "نفذها",
    "نفذته",
    "ji aliye",
    "لهلايهن",
    "نار من",
    "النار من",
    "هجوم من",
    "بهجوم من",
    "رصاص",
)
ESCAPE = Phrases("escap*|smuggl*|breakout|fled from|هروب|تهريب|فرار|الهروب|rev*", proclitics=True)
BY_BEFORE = re.compile(r"(?:^| )(?:" + "|".join(map(re.escape, BY_WORDS)) + r")(?: \S+){0,2}$")
# Where a text names ISIS, as tokens of Document.normal ("islamic state", تنظيم الدولة, DAIŞê).
ISIS_MENTION = Phrases(
    "isis|isil|daesh|daish|islamic state|dais*|داعش|تنظيم الدولة|الدولة الإسلامية|تنظيم الدولة الإسلامية|داعشی|داعشیش",
    sorani=True,
    proclitics=True,
)
ACCUSED = re.compile(
    r"\b(?:blamed on|accused|accusing|suspicions? (?:fell|falls|point) on|attributed to)\b(?: \S+){0,2} (?:isis|daesh|the"
    r" islamic state)\b|(?<!\S)(?:"
    + _any("اتهامات", "اتهام", "يتهم", "تتهم", "اتهمت")
    + r")(?!\S)(?: \S+){0,3} (?:"
    + _any("داعش", "تنظيم الدولة", "لداعش", "الدولة الإسلامية")
    + r")(?!\S)"
)
OWNERS = lexicon("attack attacks bombing ambush assault هجوم هجوما بهجوم eris erisa erise هيرشي")
# "believed to be ISIS", "ISIS-suspected", يعتقد أنها تابعة لتنظيم داعش: the attribution is suspected.
SUSPECTED = re.compile(
    r"\b(?:suspected|alleged|believed|likely|probably|thought|presumed|possibly)\b(?: \S+){0,5} (?:isis|isil|daesh|"
    r"islamic state)\b|\b(?:isis|daesh|is) suspected\b|\b(?:isis|daesh) (?:is|was|were) (?:suspected|blamed)\b|"
    r"(?<!\S)(?:" + _any("يعتقد", "ويعتقد", "يشتبه", "يرجح", "ويرجح", "يُرجح", "يعتقد أنها", "يعتقد أنهم") + r")(?!\S)"
    r"(?: \S+){0,5} (?:" + _any("داعش", "لداعش", "التنظيم", "لتنظيم", "الدولة") + r")(?!\S)|\bgumanbar\w*"
)
TURKISH = Phrases(
    "turkish drone*|turkish forces|turkish army|turkish occupation|turkish warplane*|turkish strike*|turkish military"
    "|turkish uav*|turkish artillery|turkey s drone*|turkey s army|مسيرة تركية|طائرة مسيرة تركية|القوات التركية"
    "|الاحتلال التركي|الجيش التركي|drona tirk*|dewleta tirk*|dewleta dagirker a tirk|tirk dagirker|artesa tirk*"
    "|تورکیا|دەوڵەتی تورکیا|فڕۆکەی تورکیا",
    sorani=True,
    proclitics=True,
)
IRAN = Phrases(
    "iraqi resistance|iran backed militia*|iranian backed militia*|iran backed faction*|iranian backed faction*"
    "|iran aligned militia*|iran affiliated militia*|iran backed group*|islamic resistance in iraq|pro iran militia*"
    "|pro iranian militia*|الميليشيات الإيرانية|الفصائل الموالية لإيران|الميليشيات الموالية لإيران",
    proclitics=True,
)
CLAIM = re.compile(
    r"\b(?:isis|isil|daesh|is|islamic state)\b(?: \S+){0,8} (?:claimed|claims|claiming|took responsibility|announced"
    r" responsibility|announced its responsibility|released footage|released a video|(?:published|posted|broadcast)"
    r" (?:photos|pictures|images|a video|footage))\b|\b(?:isis|daesh) said\b"
    r"|(?<!\S)(?:و)?(?:قال|اعلن|ذكر|اضاف|زعم|ادعي|نشر|بث)(?: \S+)? (?:"
    + _any("داعش", "تنظيم داعش", "التنظيم", "تنظيم الدولة")
    + r")(?!\S)|(?<!\S)(?:و)?(?:ب|في )?(?:بيان|بيانا) (?:"  # في بيان للتنظيم: a statement of ISIS's
    + _any("للتنظيم", "لداعش", "لتنظيم داعش", "لتنظيم الدولة")
    + r")(?!\S)"
    r"|\bberpirsyari\w* (?:\S+ ){0,3}(?:girt|hilgirt|girtin)\b"
)
CLAIM_WORDS = Phrases(
    "claimed by isis|claimed by daesh|claimed by the islamic state|amaq|al naba|outlet close to isis"
    "|outlets close to isis|outlets close to the group|outlets close to it|outlets affiliated with isis"
    "|outlets linked to isis|media close to it|media close to isis|media affiliated with isis|isis linked news agency"
    "|isis linked agency|isis affiliated media*|isis run news agency|isis run agency|isis affiliated outlet*"
    "|isis linked outlet*|تبنى|تبنت|يتبنى|تتبنى|تلنى|أعماق|اعماق|وكالة أعماق|صحيفة النبأ|معرفات التنظيم"
    "|معرفات داعش|مسؤولية التنظيم|مسؤوليته عن|أعلن التنظيم|أعلن تنظيم داعش|معرفاته|بەرپرسیارێتی|ئەعماق|amaqe",
    sorani=True,
    proclitics=True,
)
CLAIM_BY_OTHER = re.compile(r"\b(?:iraqi resistance|factions|militias?|resistance)\b(?: \S+){0,6} claimed")
NO_CLAIM = re.compile(
    r"\bno (?:group|one|party|side)(?: \S+){0,2} (?:has )?(?:yet )?(?:immediately )?claimed|\bunclaimed\b|\bnot (?:been )?"
    r"claimed|\bhas not claimed|\bno claim of responsibility|"
    + _any("لم تتبن أي جهة", "لم تعلن أي جهة", "لم تتبن أية جهة", "دون أن تتبنى أي جهة", "لم يتبن")
)
FORCES: list[tuple[str, str, Phrases]] = [
    (
        "coalition",
        "coalition",
        Phrases(
            "coalition|us forces|american forces|التحالف الدولي|قوات التحالف|التحالف|hevpeymani*|هاوپەیمانی"
            "|هاوپەیمانان",
            sorani=True,
            proclitics=True,
        ),
    ),
    (
        "hat",
        "HAT",
        Phrases(
            "anti terror forces|anti terrorist forces|anti terrorism forces|anti terror units|hat"
            "|anti terrorism units|hezen anti teror"
        ),
    ),
    ("tol", "TOL", Phrases("tol|timen operasyonen|military operations teams|فرق العمليات العسكرية", proclitics=True)),
    (
        "interior",
        "Syrian Interior Ministry",
        Phrases(
            "interior ministry|ministry of interior|ministry of the interior|general security|وزارة الداخلية"
            "|الداخلية السورية|الأمن العام|وزارة الداخلية السورية",
            proclitics=True,
        ),
    ),
    (
        "asayish",
        "Asayish",
        Phrases(
            "asayish|assayish|asayis*|internal security forces|isf|security forces|الأسايش|قوى الأمن الداخلي"
            "|قوات الأمن|أسايش|الأمن الداخلي|ئاسایش",
            sorani=True,
            proclitics=True,
        ),
    ),
    (
        "manbij_council",
        "Manbij Military Council",
        Phrases("manbij military council|مجلس منبج العسكري", proclitics=True),
    ),
    (
        "sdf",
        "SDF",
        Phrases(
            "syrian democratic forces|sdf|qsd*|hsd*|ypg|ypj|قوات سوريا الديمقراطية|قسد|هەسەدە|هێزەکانی سووریای دیموکرات"
            "|هێزەکانی سوریای دیموکرات",
            sorani=True,
            proclitics=True,
        ),
    ),
]
# The vocabulary key each force stands for (a unit for its force); forces outside the vocabulary keep their own
# key, and quick entry lists them to check.
FORCE_KEYS = {
    "coalition": "coalition",
    "hat": "asayish",
    "tol": "sdf",
    "asayish": "asayish",
    "sdf": "sdf",
    "manbij_council": "sdf",
    "interior": "interior_ministry",
}
ANNOUNCER_AFTER = re.compile(
    r"^ (?:\( \w+ \) )?(?:\S+ ){0,2}(?:said|says|announced|stated|reported|statement|media|press|center|centre|office"
    r"|تعلن|أعلنت|اعلنت|قالت|ذكرت|بيان|المركز|ragihand|daxuyani\w*)\b"
)


@dataclass(frozen=True)
class Agent:
    key: str  # actor vocabulary key (or an off-vocabulary key such as turkish_forces)
    detail: str  # short English description, as the codebook writes it
    span: tuple[int, int]  # in Document.normal
    confidence: float
    suspected: bool = False


def read_actors(doc: Document, extraction: Extraction, kind: str | None, tolls: Tolls) -> None:
    """Add ``perpetrator`` (the force for raids), ``attribution`` and ``claimed`` where the text says them."""
    if kind == Kind.RAID:
        _force(doc, extraction)
        return
    claim = _claim(doc, extraction)
    agent = _agent(doc, tolls) or _claimant(doc, claim)
    escape = kind == Kind.OTHER and ESCAPE.search(doc) is not None
    if escape:
        agent = None  # an escape or smuggling attempt: the force that stopped it
    if agent is None and kind == Kind.OTHER:
        isis = ISIS_MENTION.search(doc)
        if isis is None or escape:
            _force(doc, extraction, confidence=0.7)  # an escape attempt stopped by the Asayish
            return
        agent = Agent("isis", "ISIS", isis.span(), 0.72)  # militants killed while planting a bomb
    if agent is None:
        return
    proof = evidence(doc, agent.span)
    reason = f"“{doc.words(*agent.span)}”"
    extraction.add(Suggestion("perpetrator", agent.key, agent.confidence, proof, reason, agent.detail))
    if agent.suspected:
        extraction.add(Suggestion("attribution", "suspected", agent.confidence, proof, f"suspected: {reason}"))


def _claim(doc: Document, extraction: Extraction) -> Hit | re.Match[str] | None:
    no_claim = doc.search(NO_CLAIM)
    if no_claim:
        words = doc.words(*no_claim.span())
        extraction.add(Suggestion("claimed", False, 0.85, evidence(doc, no_claim), f"“{words}”"))
        return None
    if doc.search(CLAIM_BY_OTHER):
        return None
    claim = either(doc, CLAIM, CLAIM_WORDS)
    if claim:
        words = doc.words(*claim.span())
        extraction.add(Suggestion("claimed", True, 0.85, evidence(doc, claim), f"claimed: “{words}”"))
    return claim


def _claimant(doc: Document, claim: Hit | re.Match[str] | None) -> Agent | None:
    if claim is None:
        return None
    return Agent("isis", "ISIS", claim.span(), 0.75)


def _agent(doc: Document, tolls: Tolls) -> Agent | None:
    """The actor the text makes the agent of the violence, by the strongest cue found."""
    for pattern, key, detail in (
        (TURKISH, "turkish_forces", "Turkish forces"),
        (IRAN, "government_aligned", "Iran-backed militias"),
    ):
        match = pattern.search(doc)
        if match:
            return Agent(key, detail, match.span(), 0.85)
    tokens = doc.norms
    victims = {i for found in tolls.found.values() for f in found for g in f.groups for i in range(g.start, g.end)}
    isis_at = _isis_tokens(doc)
    best: tuple[float, Agent] | None = None
    actors = [i for i, t in enumerate(tokens) if t in ACTOR_TOKENS and i not in victims and not _adjective(tokens, i)]
    for i in sorted({*actors, *(isis_at - victims)}):
        strength = _agency(tokens, i, doc.language)
        if strength == 0:
            continue
        agent = _describe(doc, i, strength, isis_at)
        if agent is not None and (best is None or strength > best[0]):
            best = (strength, agent)
    if best is not None:
        return best[1]
    accused = doc.search(ACCUSED)
    if accused:
        return Agent("isis", "suspected ISIS", accused.span(), 0.8, True)
    return _loose(doc, victims, isis_at)


# Events an Arabic مسلح after them describes ("هجوم مسلح", an armed attack), not the gunman who made them.
ARMED_EVENTS = lexicon("هجوم بهجوم هجوما وهجوم الهجوم اعتداء باعتداء استهداف باستهداف اشتباك هجمات")


def _adjective(tokens: list[str], i: int) -> bool:
    """An actor word that describes something else: "هجوم مسلح", or "unknown" before no person ("an explosion
    of unknown cause")."""
    if tokens[i] in {"unknown", "unidentified", "masked"}:
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        return not (after in ACTOR_TOKENS or person_noun(after) is not None)
    return i > 0 and tokens[i] in {"مسلح", "مسلحه"} and tokens[i - 1] in ARMED_EVENTS


def _isis_tokens(doc: Document) -> set[int]:
    """Token indices that name ISIS: its names, "IS" as written in capitals, and "the organisation" (التنظيم)
    once ISIS has been named."""
    found: set[int] = set()
    for match in ISIS_MENTION.finditer(doc):
        first, last = doc.token_at(match.start()), doc.token_at(match.end() - 1)
        found.update(range(first, last + 1))
    for i, token in enumerate(doc.norms):
        if token == "is" and _upper_is(doc, i):
            found.add(i)
    if found or re.search(r"\bamaq\b|اعماق", doc.normal):
        found.update(
            i for i, t in enumerate(doc.norms) if t in {"التنظيم", "للتنظيم", "لتنظيم", "organization", "organisation"}
        )
    return found


def _upper_is(doc: Document, i: int) -> bool:
    return doc.text[doc.starts[i] : doc.ends[i]] == "IS"


def _agency(tokens: list[str], i: int, language: str) -> float:
    """How surely the actor word at ``i`` is the agent: 0 (not), 0.85 (by/subject/owner), 0.8 (verb-first)."""
    if BY_BEFORE.search(" ".join(tokens[max(0, i - 4) : i])):
        return 0.85
    reach = 11 if language in {"kmr", "ckb"} else 7  # Kurdish puts the means before the verb
    for j in range(i + 1, min(len(tokens), i + reach)):
        if tokens[j] in {".", ";", "؛"}:
            break
        if tokens[j] in {"that", "who", "which", "responsible", "accused", "التي", "الذي", "الذين", "بتهمة"}:
            break
        if tokens[j] in AGENT_VERBS and not (j + 1 < len(tokens) and tokens[j + 1] == "by"):
            if j > i + 1 and tokens[j - 1] in {"were", "was", "been", "being"}:
                break  # "militants were killed": a victim
            return 0.85 - 0.001 * (j - i)  # the nearer its verb, the surer
    for j in range(max(0, i - 6), i):
        if tokens[j] in {".", ";", "؛"}:
            continue
        if tokens[j] in VERB_FIRST or (tokens[j] in OWNERS and j >= i - 3):
            return 0.8
    if i + 1 < len(tokens) and tokens[i + 1] in OWNERS:
        return 0.85  # "an ISIS attack"
    return 0.0


COUNT_WORDS = {"two": "two", "three": "three", "four": "four", "five": "five", "six": "six", "eight": "eight"}
ARABIC_COUNTS = {
    normalise_phrase(w): e
    for w, e in (
        ("اثنين", "two"),
        ("اثنان", "two"),
        ("ثلاثة", "three"),
        ("أربعة", "four"),
        ("خمسة", "five"),
        ("مسلحان", "two"),
    )
}


def _describe(doc: Document, i: int, strength: float, isis_at: set[int]) -> Agent | None:
    """The agent phrase around the actor word at ``i``, described as the codebook writes it."""
    tokens = doc.norms
    lo, hi = max(0, i - 4), min(len(tokens), i + 7)
    for j in range(i + 1, hi):
        if tokens[j] in {".", ";", "؛", ",", "،"} or tokens[j] in AGENT_VERBS:
            hi = j
            break
    window = tokens[lo:hi]
    span = doc.char_span(lo, hi)
    text = " ".join(window)
    isis = any(j in isis_at for j in range(lo, hi))
    near = doc.normal[max(0, span[0] - 60) : span[1] + 60]
    suspected = bool(SUSPECTED.search(near))
    count = next((COUNT_WORDS[t] for t in window if t in COUNT_WORDS), "") or next(
        (ARABIC_COUNTS[t] for t in window if ARABIC_COUNTS.get(t)), ""
    )
    if isis:
        noun = (
            "cells"
            if re.search(r"\bcells\b|خلايا|saneyen|شانەکان", text)
            else (
                "cell"
                if re.search(r"\bcell\b|خلية|saneyek|sane\b", text)
                else (
                    "gunmen"
                    if re.search(r"gunmen|مسلحو|مسلحي|cekdar", text)
                    else ("militants" if "militants" in text else "")
                )
            )
        )
        words = [count, "suspected" if suspected else "", "ISIS", noun]
        return Agent("isis", " ".join(w for w in words if w), span, strength, suspected)
    euphemism = next((EUPHEMISMS[t] for t in window if t in EUPHEMISMS), None)
    if euphemism:
        return Agent("unknown", euphemism, span, strength)
    unknown = any(t in UNKNOWN_WORDS for t in window)
    if re.search(r"\bgrubeke cekdar|مجموعة مسلحة|\barmed group\b", text):
        noun = "armed group"
    elif re.search(r"assailants?", text):
        noun = "assailants"
    elif re.search(r"\battackers?\b", text):
        noun = "attackers"
    elif re.search(r"\bpersons?\b|\bpeople\b|\bindividuals\b", text) or (
        unknown and not re.search(r"gunm|مسلح|cekdar|چهكدار", text)
    ):
        noun = "person" if re.search(r"\bperson\b", text) else "persons"
    else:
        noun = "gunmen"
    adjective = (
        "masked"
        if re.search(r"masked|ملثم", text)
        else ("unidentified" if "unidentified" in text else ("unknown" if unknown else ""))
    )
    words = [count, adjective, noun]
    detail = " ".join(w for w in words if w)
    if suspected:
        detail += " (believed to be ISIS)"
        return Agent("isis", detail, span, strength, True)
    return Agent("unknown", detail, span, strength)


LOOSE = Phrases(
    "isis cell|isis cells|isis militants|isis gunmen|isis members|isis fighters|daesh cell|daesh cells|daesh militants"
    "|daesh gunmen|daesh members|cells of isis|cells of the isis|militants of isis|gunmen of isis|members of isis"
    "|cells of the islamic state|militants of the islamic state|members of the islamic state|cell of the islamic state"
    "|خلايا داعش|خلايا التنظيم|عناصر داعش|مسلحو داعش|مسلحي داعش|ceteyen dais*|cekdaren dais*|چەکدارانی داعش",
    sorani=True,
    proclitics=True,
)


def _loose(doc: Document, victims: set[int], isis_at: set[int]) -> Agent | None:
    """ISIS cells or militants named with no verb of theirs, in a text about an attack: ISIS, less sure."""
    match = LOOSE.search(doc)
    if match is None or doc.token_at(match.start()) in victims:
        return None
    named = set(range(doc.token_at(match.start()), doc.token_at(match.end() - 1) + 1))  # خلايا التنظيم is ISIS's
    return _describe(doc, doc.token_at(match.start()), 0.72, isis_at | named)


def _force(doc: Document, extraction: Extraction, confidence: float = 0.8) -> None:
    found: list[tuple[str, str, Hit]] = []
    for key, label, phrases in FORCES:
        for match in phrases.finditer(doc):
            if not any(f[0] == key for f in found):
                found.append((key, label, match))
    if not found:
        return
    found.sort(key=lambda f: f[2].start())
    keys = {f[0] for f in found}
    if "hat" in keys:
        found = [f for f in found if f[0] != "asayish"]
    if keys & {"tol", "manbij_council"}:
        found = [f for f in found if f[0] != "sdf"]
    if "interior" in keys:
        found = [f for f in found if f[0] != "asayish"]  # after 2024, "internal security" is the ministry's
    if len(found) > 1:
        acting = [f for f in found if not ANNOUNCER_AFTER.match(doc.normal[f[2].end() :]) or f[0] == "coalition"]
        if any(f[0] != "coalition" for f in acting):
            found = acting  # "the Asayish said that HAT …"; but "the SDF said it … with the coalition" is the SDF's
    coalition = [f for f in found if f[0] == "coalition"]
    others = [f for f in found if f[0] != "coalition"]
    if others and coalition:
        detail = " and ".join(dict.fromkeys(f[1] for f in others)) + " with coalition"
        value = "joint"
    else:
        detail = " and ".join(dict.fromkeys(f[1] for f in found))
        values = {FORCE_KEYS[f[0]] for f in found}
        value = next(iter(values)) if len(values) == 1 else "joint"
    if len(found) > 2:
        confidence = min(confidence, 0.65)
    proof = evidence(doc, *(f[2] for f in found))
    extraction.add(Suggestion("perpetrator", value, confidence, proof, detail, detail))
