"""Kind (attack, raid, other) and attack type, from the words that name what happened and to whom.

The kind weighs two sides. A raid: raid words ("airdrop", "security operation", مداهمة, operasyon), arrests
with a count, the attackers' side killed. An attack: an actor attacking ("ISIS cells attacked", "مسلحون
أطلقوا النار"), attack words and methods, fighters or civilians killed or hurt. Prevented attacks, escape
attempts, threats and old mines are "other" (as the codebook says), unless someone was hurt by an attack.

Types follow the codebook's mapping rules: shooting, "opened fire" and machine guns are an armed attack
(also with RPGs), a bomb is an IED, a car bomb a VBIED, driven by a suicide attacker an SVBIED, rockets are
mortar/rocket, beheading and "slaughtered" an execution, a sharp instrument "other", and "assassination"
only where the text says so. "Blew up", "targeted" or "an explosion" alone say nothing of the method.
"""

from __future__ import annotations

import re

from marsad.extraction.casualties import Tolls
from marsad.extraction.people import CIVILIAN, MILITARY, PERPETRATOR
from marsad.extraction.predicates import ARRESTED, INJURED, KILLED
from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, normalise_phrase


def _any(*phrases: str) -> str:
    """Phrases in Arabic or Sorani, normalised, as a regex alternation of whole words."""
    forms = sorted(
        {normalise_phrase(p) for p in phrases} | {normalise_phrase(p, sorani=True) for p in phrases},
        key=len,
        reverse=True,
    )
    return r"(?<!\S)(?:و|ف|ب|ل)?(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\S)"


# (vocabulary key, pattern). Which type wins when several match is PRECEDENCE's order, below.
TYPES: dict[str, re.Pattern[str]] = {
    "svbied": re.compile(
        r"\bsuicide (?:car ?bomb(?:ing|er)?|vbied|vehicle|truck|bomber (?:blew up|detonated|drove) (?:a|an|his) "
        r"(?:car|vehicle|truck))|\bsvbied\b|\bsuicide\b(?: \S+){0,12} (?:explosive|explosives|bomb) laden "
        r"(?:truck|car|vehicle|tanker)|"
        + _any("سيارة مفخخة يقودها انتحاري", "انتحاري بسيارة مفخخة", "سيارة مفخخة يقودها")
    ),
    "vbied": re.compile(
        r"\bcar ?bomb|\bbooby trapped (?:car|vehicle)|\bvbied\b|\bvehicle borne|\b(?:bomb|explosives?) laden "
        r"(?:car|vehicle|truck)|"
        + _any("سيارة مفخخة", "السيارة المفخخة", "عربة مفخخة", "بسيارة مفخخة", "سيارة ملغمة")
        + r"|\bwesayita bombebarkiri|\bereba bombeyi|\btrombel\w* bombebarkiri"
    ),
    "motorcycle_bomb": re.compile(
        r"\b(?:motorcycle|motorbike) bomb|\bbooby trapped (?:motorcycle|motorbike)|"
        + _any("دراجة نارية مفخخة", "دراجة مفخخة")
    ),
    "landmine": re.compile(
        r"\b(?:land ?mines?|landmines?|anti tank mines?)\b|\bmine (?:explo|blast|went off|hit|exploded)|"
        + _any("لغم أرضي", "لغم", "انفجار لغم", "ألغام")
        + r"|\bmayin\w*|"
        + _any("مین")
    ),
    "ied": re.compile(
        r"\bieds?\b|\bimprovised explosive|\bexplosive devices?\b|\broadside bomb|\bsticky bomb|\bmagnetic bomb"
        r"|\b(?:detonated|planted|placed|attached) (?:a|an) (?:\w+ )?bomb\b|\bbomb (?:had been )?(?:attached|planted)"
        r"|\ba bomb (?:exploded|went off)|"
        + _any("عبوة ناسفة", "عبوة", "العبوة الناسفة", "بعبوة", "عبوات ناسفة", "عبوة لاصقة", "قنبلة موقوتة")
        + r"|\bbombeya\w*|\bbombe\w* (?:danan|cand)"
    ),
    "grenade": re.compile(
        r"(?<!propelled )\bgrenades?\b(?! launcher)|\bsound bomb|"
        + _any("قنبلة يدوية", "قنبلة صوتية", "رمانة يدوية", "قنبلة")
    ),
    "other": re.compile(
        r"\bstabb(?:ed|ing)\b|\bsharp (?:instrument|tool|object)\b(?! to cut)|\bknife attack|\bblunt (?:instrument|"
        r"object)|" + _any("أداة حادة", "بأداة حادة", "طعن", "طعنا", "بسكين")
    ),
    "execution": re.compile(
        r"\bexecut(?:ed|ion)\b|\bbehead\w*|\bslaughtered\b|\bfiring squad|\b(?:cut|cutting) (?:off )?(?:his|her|their) "
        r"(?:heads?|throats?)|\bdecapitat\w*|" + _any("إعدام", "أعدم", "ذبح", "نحر", "قطع رأس", "مقطوع الرأس", "جز رأس")
    ),
    "assassination": re.compile(r"\bassassinat\w*|" + _any("اغتيال", "اغتيل", "باغتيال", "لاغتيال", "عملية الاغتيال")),
    "kidnapping": re.compile(r"\bkidnapp\w*|\babduct\w*|" + _any("خطف", "اختطاف", "اختطف", "خطفوا") + r"|\brevand\w*"),
    "armed_attack": re.compile(
        r"\bopened (?:\w+ )?fire\b|\bshooting\b|\bshot (?:dead|at|him|her|them|in the|and killed)|\bwas shot\b|\bwere shot\b"
        r"|\bgun ?(?:fire|shots?)\b|\bshots?\b|\bmachine ?guns?\b|\bbullets?\b|\bkalashnikov|\bklasinkov|\bsniper\b"
        r"|\barmed attack\b|\bsilenced (?:pistol|gun)|\bpistol\b|\bgunmen opened|\bclash(?:ed|es)? with\b|"
        + _any(
            "أطلقوا النار",
            "أطلقا النار",
            "أطلق النار",
            "أطلق مسلحون النار",
            "فتح مسلحان",
            "فتحوا النار",
            "النار على",
            "إطلاق نار",
            "إطلاق النار",
            "بإطلاق النار",
            "بالأسلحة الرشاشة",
            "بأسلحة رشاشة",
            "الأسلحة الرشاشة",
            "طلق ناري",
            "بطلق ناري",
            "بطلقات نارية",
            "برصاص",
            "رصاص",
            "بالرصاص",
            "الأعيرة النارية",
            "بأعيرة نارية",
            "هجوم مسلح",
            "بمسدس",
            "مسدس",
            "كاتم للصوت",
            "اشتبكا",
            "اشتبكوا",
            "اشتباك",
            "اشتباكات",
            "تەقە",
            "تەقەکردن",
        )
        + r"|\bgule(?:baran|ya|yan)?\b|\bcekên klasinkove\b"
    ),
    "rpg": re.compile(r"\brpgs?\b|\brocket propelled|" + _any("آر بي جي", "ار بي جي", "قذيفة آر بي جي", "قاذف")),
    "shelling": re.compile(
        r"\brockets?\b|\bmortars?\b|\bkatyusha|\bartillery\b|"
        + _any("صواريخ", "قذائف هاون", "صاروخ", "قذائف صاروخية", "قذيفة هاون", "قصف مدفعي")
    ),
    "drone_strike": re.compile(
        r"\bdrones?\b|\buav\b|\bunmanned aerial|"
        + _any("مسيرة", "طائرة مسيرة", "مسيّرة", "طائرة مسيرة", "طائرة بدون طيار", "فڕۆکەی بێفڕۆکەوان", "درۆن")
        + r"|\bdron\w*|\bfirokeya bemirov|\bbalafir\w* (?:kesfe|bemirov|bêmirov)"
    ),
}
# Which type wins when a text names several (the codebook's rules: a sharp instrument over
# "assassination", "assassination" over the shooting it was done with, a mine over the RPG beside it).
# Gunmen who attack, storm or raid, with no other method named, make an armed attack (the codebook's
# "gunmen" alias); weakest of all, after kidnapping, RPG and shelling.
GUNMEN = re.compile(
    r"\b(?:gunmen|armed men)\b(?: \S+){0,2} (?:attacked|stormed|raided|broke into)\b|"
    + _any("مسلحون", "مسلحين", "مسلحي", "مسلحو", "مجموعة مسلحة")
    + r"(?= (?:\S+ ){0,6}\S*(?:هاجم|اقتحم|استهدف))"
)
PRECEDENCE = [
    "svbied",
    "vbied",
    "motorcycle_bomb",
    "landmine",
    "ied",
    "grenade",
    "execution",
    "other",
    "assassination",
    "drone_strike",
    "armed_attack",
    "kidnapping",
    "rpg",
    "shelling",
]
# The codebook's label spellings of the vocabulary keys.
TYPE_LABELS = {
    "svbied": "SVBIED",
    "vbied": "VBIED",
    "motorcycle_bomb": "motorcycle bomb",
    "landmine": "landmine",
    "ied": "IED",
    "grenade": "grenade",
    "armed_attack": "armed attack",
    "rpg": "RPG",
    "shelling": "mortar/rocket",
    "drone_strike": "drone strike",
    "execution": "execution",
    "other": "other",
    "assassination": "assassination",
    "kidnapping": "kidnapping",
}

PREVENTED = re.compile(
    r"\b(?:foiled|thwarted|aborted|prevented|averted|defused|disarmed|while (?:planting|placing|"
    r"preparing|trying to plant)|(?:found|discovered|seized|dismantled) (?:an|the|a) (?:\w+ )?(?:ied|explosive|bomb"
    r"|mine|device))\b|"
    + _any(
        "إحباط", "أحبطت", "أحبط", "تفكيك عبوة", "فككت", "أثناء زرع", "خلال زرع", "أثناء محاولتهم زرع", "تمكنت من تفكيك"
    )
    + r"|\bpesi (?:li )?ber girt\b|\bpuc\w* kir\b"
)
ESCAPE_OR_THREAT = re.compile(
    r"\b(?:escape attempts?|attempt(?:ed|ing|s)? to (?:escape|flee|smuggle)|(?:escape|escaping|fled|breakout) from (?:the )?"
    r"(?:camp|prison|al hol|hol)|prison break|breakout|smuggl\w+|leaflets?|(?:raised|hoisted) (?:an? |the )?(?:isis |daesh )?"
    r"flags?|(?:isis|daesh) flags?|death threats?|threat(?:ening)? letters?)\b|"
    + _any("محاولة هروب", "محاولة الهروب", "محاولة فرار", "هروب من", "تهريب", "منشورات", "رايات", "راية", "رسائل تهديد")
    + r"|\b(?:reviyane|hewldana reve)\b"
)
# Old mines and war remnants: "left behind by ISIS", من مخلفات داعش.
LEGACY = re.compile(
    r"\bleft (?:behind|over)\b|\bleftover\b|\b(?:war|explosive) remnants?\b|\bremnants? of (?:the )?war\b"
    r"|\bplanted (?:previously|earlier|years ago)|"
    r"\b(?:from|of) the (?:war|battles)\b|" + _any("من مخلفات", "مخلفات", "من بقايا", "مخلفات الحرب")
)
RAID_WORDS = re.compile(
    r"\b(?:raid(?:ed|s)?|airdrop|air drop|landing operation|airborne operation|air assault|heli(?:copter)?borne"
    r"|security (?:operation|campaign)|special operation|joint operation|anti (?:isis|daesh|is) operation"
    r"|counter (?:terrorism|terror) operation|military operation|operation against|campaign against|sweep"
    r"|combing operation|crackdown|manhunt|inserted by helicopters?|helicopters? landed|stormed (?:the |a |his "
    r"|their )?(?:house|home|hideout|hideouts)|(?:carried out|conducted|launched|executed) (?:a|an) (?:\w+ )?"
    r"operation)\b|"
    + _any(
        "مداهمة",
        "مداهمات",
        "داهمت",
        "دهمت",
        "إنزال جوي",
        "عملية إنزال",
        "إنزالا جويا",
        "عملية أمنية",
        "حملة أمنية",
        "حملة مداهمات",
        "عملية مشتركة",
        "عملية عسكرية",
        "حملة",
        "عملية تمشيط",
    )
    + r"|\boperasyon\w*|"
    + _any("ئۆپەراسیۆن", "ئۆپەراسیۆنێکی", "ئۆپەراسیۆنێکیان", "ئۆپەراسیۆنەکە", "هەڵمەت", "هەڵمەتێکی")
)
ATTACK_WORDS = re.compile(
    r"\b(?:attack(?:ed|s|ing)?|ambush\w*|target(?:ed|ing|s)?|opened (?:\w+ )?fire|shot|shooting|explo(?:sion|ded|des)"
    r"|blast|bomb\w*|ieds?|assassinat\w*|gunmen|assailants|stormed|struck|assault\w*|detonat\w*|blew up|strike"
    r"|kidnapp\w*|abduct\w*|behead\w*|slaughtered)\b|"
    + _any(
        "هجوم",
        "هجوما",
        "هاجم",
        "هاجموا",
        "هاجمت",
        "استهداف",
        "استهدف",
        "استهدفت",
        "استهدفوا",
        "انفجار",
        "انفجرت",
        "تفجير",
        "عبوة",
        "مفخخة",
        "اغتيال",
        "كمين",
        "برصاص",
        "إطلاق نار",
        "إطلاق النار",
        "أطلقوا النار",
        "اقتحام",
        "هز انفجار",
        "قذيفة",
        "لغم",
    )
    + r"|\berîs\w*|\beris\w*|\bteqin\w*|\bkemin\w*|\bgulebaran\w*|"
    + _any("هێرش", "هێرشی", "هێرشێکی", "هێرشیان", "هێرشەکە", "هێرشەدا", "تەقینەوە", "تەقینەوەی", "کەمین")
)
# An actor attacking: the attack is theirs, not a raid on them.
ATTACKERS = re.compile(
    r"\b(?:isis|daesh|is|islamic state|unknown|unidentified|gunmen|assailants|attackers|militants|cells?|terrorists)"
    r"\b(?: \S+){0,4} (?:attack\w*|opened|shot|target\w*|stormed|ambush\w*|planted|detonated|threw|killed (?:a|an|"
    r"one|two|three|four|five|six|\d+)|struck|broke)\b|\battack(?:ed)? by\b|\b(?:isis|daesh|cell|ied|bomb|drone) attacks?\b|"
    + _any(
        "مسلحون مجهولون",
        "مسلحين مجهولين",
        "مجهولون",
        "مجهولين",
        "مسلحو التنظيم",
        "مسلحي التنظيم",
        "خلايا داعش",
        "خلايا التنظيم",
        "هجوم على",
        "هجوم لخلايا",
        "هجوم نفذه",
        "هجوم نفذته",
        "هجوما",
        "هاجم",
        "هاجموا",
        "هاجمت",
        "استهدف مسلحون",
    )
    + r"|\bceteyen dais\w*|\bsaneyeke dais\w*|\berîs\w* (?:li ser|bir\w*)|"
    + _any("چەکدارانی داعش", "هێرشیان کردە سەر", "هێرشی داعش")
)


def read_kind_and_type(doc: Document, extraction: Extraction, tolls: Tolls) -> str | None:
    """Add ``kind`` and, for attacks, ``type``; answers the kind."""
    kind, proof, confidence = _kind(doc, tolls)
    if kind is None or proof is None:
        return None
    extraction.add(Suggestion("kind", kind, confidence, evidence(doc, proof), f"{kind}: “{doc.words(*proof)}”"))
    if kind == "attack":
        _type(doc, extraction)
    return kind


def _kind(doc: Document, tolls: Tolls) -> tuple[str | None, tuple[int, int] | None, float]:
    people = tolls.roles(KILLED) | tolls.roles(INJURED)
    victims = people & {MILITARY, CIVILIAN}
    prevented, escape = doc.search(PREVENTED), doc.search(ESCAPE_OR_THREAT)
    legacy = doc.search(LEGACY)
    mine = doc.search(TYPES["landmine"])
    shooting = doc.search(TYPES["armed_attack"])
    if legacy and mine and not shooting and MILITARY not in (tolls.roles(KILLED) | tolls.roles(INJURED)):
        return "other", legacy.span(), 0.8  # an old mine or war remnant that hit civilians: not an attack
    raid_words, attack_words = doc.search(RAID_WORDS), doc.search(ATTACK_WORDS)
    attackers = next((m for m in doc.finditer(ATTACKERS) if not _background(doc, m)), None)
    arrests = doc.search(_ARREST_WORDS)
    if escape and not prevented and raid_words and not attackers:
        escape = None  # an anti-smuggling raid is a raid
    if (prevented or escape) and not (shooting and victims):
        cue = prevented or escape
        assert cue is not None
        return "other", cue.span(), 0.75
    methods = [m for m in (doc.search(pattern) for pattern in TYPES.values()) if m]
    raid = (
        2 * bool(raid_words)
        + (2 if tolls.counted(ARRESTED) else 1 if arrests else 0)
        + 2 * (PERPETRATOR in tolls.roles(KILLED) and not victims)
    )
    attack = 3 * bool(attackers) + bool(attack_words) + bool(methods) + 2 * bool(victims) + (None in people)
    if raid == 0 and attack == 0:
        return None, None, 0.0
    if attack > raid or (attack == raid and (attackers or not raid_words)):
        proof = attackers or attack_words or (methods[0] if methods else None)
        span = proof.span() if proof else _first_toll(doc, tolls)
        return "attack", span, 0.85 if attack >= 2 * raid or raid == 0 else 0.72
    cue = raid_words or arrests
    span = cue.span() if cue else _first_toll(doc, tolls)
    return "raid", span, 0.85 if raid >= 2 * attack else 0.72


_ARREST_WORDS = re.compile(
    r"\b(?:arrest\w*|captur\w*|detain\w*|apprehend\w*|nabbed|rounded up|taken into custody)\b|"
    + _any("اعتقال", "اعتقلت", "القبض", "اعتقل")
    + r"|\bgirtin\b|\bgirt\b|"
    + _any("دەستگیرکران", "دەستگیرکرا", "دەستگیرکرد")
)


# Words that put an attack in the background of a raid: "arrested a cell *that attacked* a checkpoint".
BACKGROUND = re.compile(
    r"\b(?:that|who|which|responsible for|involved in|accused of|behind|suspected of|charged with|planning)\b"
    r"(?: \S+){0,2} $|"
    + _any(
        "المسؤولة عن", "المسؤول عن", "المتورط في", "المتورطة في", "المتهمة", "المتهم", "التي نفذت", "الذي نفذ", "بتهمة"
    )
    + r" (?:\S+ ){0,2}$"
)


def _background(doc: Document, match: re.Match[str]) -> bool:
    if re.search(
        r" (?:that|who|which|responsible|accused|behind|planning|plotting|preparing|to|involved|suspected|by|التي|الذي"
        r"|الذين|المسؤولة|المتورطة|المتهمة|بتهمة) ",
        f" {match.group()} ",
    ):
        return True
    return bool(doc.search(BACKGROUND, doc.normal[max(0, match.start() - 40) : match.start()]))


def _first_toll(doc: Document, tolls: Tolls) -> tuple[int, int] | None:
    groups = [g for found in tolls.found.values() for f in found for g in f.groups]
    if not groups:
        return None
    first = min(groups, key=lambda g: g.start)
    return doc.char_span(first.start, first.end)


def _type(doc: Document, extraction: Extraction) -> None:
    found = {key: m for key, pattern in TYPES.items() if (m := doc.search(pattern))}
    if not found and (gunmen := doc.search(GUNMEN)):
        found["armed_attack"] = gunmen
    if not found:
        return
    key = next(k for k in PRECEDENCE if k in found)
    match = found[key]
    if key == "kidnapping" and "execution" in found:
        key, match = "execution", found["execution"]  # abducted, then killed
    extraction.add(
        Suggestion("type", key, 0.85, evidence(doc, match), f"{TYPE_LABELS[key]}: “{doc.words(*match.span())}”")
    )
