"""Kind (attack, raid, other) and attack type, from the words that name what happened.

Types follow the codebook's mapping rules: shooting, "opened fire" and machine guns are an armed attack
(also with RPGs), a bomb attached to a car is an IED, a car bomb driven by a suicide attacker an SVBIED,
rockets are mortar/rocket, beheading and "slaughtered" an execution, a sharp instrument "other". "Blew up",
"targeted" or "an explosion" alone say nothing of the method, so no type is suggested.
"""

from __future__ import annotations

import re

from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, normalise_phrase


def _any(*phrases: str) -> str:
    forms = sorted(
        {normalise_phrase(p) for p in phrases} | {normalise_phrase(p, sorani=True) for p in phrases},
        key=len,
        reverse=True,
    )
    return "|".join(re.escape(f) for f in forms)


# (vocabulary key, pattern), most specific first: the first that matches is the type.
TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "svbied",
        re.compile(
            r"\bsuicide (?:car bomb|vbied|vehicle|truck|bomber detonated an explosive laden)|\bsvbied\b|"
            + _any("سيارة مفخخة يقودها انتحاري", "انتحاري بسيارة مفخخة")
        ),
    ),
    (
        "vbied",
        re.compile(
            r"\bcar bomb|\bbooby trapped (?:car|vehicle)|\bvbied\b|\bvehicle borne|\bcar bombing|"
            + _any("سيارة مفخخة", "السيارة المفخخة", "عربة مفخخة")
            + r"|\bwesayita bombebarkiri|\bereba bombeyi"
        ),
    ),
    (
        "motorcycle_bomb",
        re.compile(
            r"\b(?:motorcycle|motorbike) bomb|\bbooby trapped (?:motorcycle|motorbike)|" + _any("دراجة نارية مفخخة")
        ),
    ),
    (
        "landmine",
        re.compile(
            r"\b(?:land ?mine|landmine)s?\b|\bmine (?:explo|blast|went off|hit)|"
            + _any("لغم أرضي", "لغم", "انفجار لغم")
            + r"|\bmayin\w*"
        ),
    ),
    (
        "ied",
        re.compile(
            r"\bieds?\b|\bimprovised explosive|\bexplosive device|\broadside bomb|\bbomb (?:had been )?(?:attached|planted)|\bsticky bomb|"
            + _any("عبوة ناسفة", "عبوة", "العبوة الناسفة", "بعبوة")
            + r"|\bbombeya"
        ),
    ),
    (
        "grenade",
        re.compile(r"\bgrenade(?! launcher)|\bsound bomb|" + _any("قنبلة يدوية", "قنبلة صوتية", "رمانة يدوية")),
    ),
    (
        "armed_attack",
        re.compile(
            r"\bopened (?:\w+ )?fire\b|\bshooting\b|\bshot (?:dead|at|him|in the)|\bwas shot\b|\bgunfire\b|\bmachine ?guns?\b|\bbullets?\b|\bkalashnikov|\bklasinkov|"
            + _any(
                "أطلقوا النار",
                "أطلقا النار",
                "فتح مسلحان",
                "فتحوا النار",
                "النار على",
                "إطلاق نار",
                "إطلاق النار",
                "بالأسلحة الرشاشة",
                "طلق ناري",
                "بطلق ناري",
                "برصاص",
                "رصاص",
                "بالرصاص",
            )
        ),
    ),
    ("rpg", re.compile(r"\brpgs?\b|\brocket propelled|" + _any("آر بي جي", "ار بي جي", "قذيفة آر بي جي"))),
    (
        "shelling",
        re.compile(r"\brockets?\b|\bmortars?\b|\bkatyusha|" + _any("صواريخ", "قذائف هاون", "صاروخ", "قذائف صاروخية")),
    ),
    (
        "drone_strike",
        re.compile(r"\bdrones?\b|\buav\b|" + _any("مسيرة", "طائرة مسيرة", "مسيّرة") + r"|\bdron\w*|\bfirokeya bemirov"),
    ),
    (
        "execution",
        re.compile(
            r"\bexecut(?:ed|ion)\b|\bbehead|\bslaughtered\b|\bfiring squad|" + _any("إعدام", "أعدم", "ذبح", "نحر")
        ),
    ),
    (
        "other",
        re.compile(
            r"\bstabb(?:ed|ing)\b|\bsharp (?:instrument|tool|object)|\bknife attack|"
            + _any("أداة حادة", "بأداة حادة", "طعن")
        ),
    ),
    ("assassination", re.compile(r"\bassassinat\w*|" + _any("اغتيال", "اغتيل", "باغتيال"))),
    ("kidnapping", re.compile(r"\bkidnapp\w*|\babduct\w*|" + _any("خطف", "اختطاف", "اختطف"))),
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

OTHER_EVENT = re.compile(
    r"\b(?:escape|smuggl\w+|leaflets?|while planting|(?:defused|dismantled|found) (?:an|the|a) (?:ied|explosive|bomb)"
    r"|foiled|aborted|thwarted|flag)\b|"
    + _any("هروب", "تهريب", "إحباط", "منشورات", "تفكيك عبوة", "أثناء زرع")
    + r"|\brev\w*\b|\brevin\b|\breviyane\b"
)
RAID = re.compile(
    r"\b(?:arrested|captured|detained|arrest|arrests|raid(?:ed|s)?|security operation|special operation|airdrop"
    r"|air drop|landing operation|airborne operation|inserted by helicopters|campaign|picked up|apprehended"
    r"|dismantled)\b|"
    + _any(
        "اعتقال",
        "اعتقل",
        "اعتقلت",
        "القبض",
        "مداهمة",
        "مداهمات",
        "داهمت",
        "حملة أمنية",
        "إنزال جوي",
        "عملية إنزال",
        "حملة",
        "دەستگیرکران",
        "دەستگیرکرا",
    )
    + r"|\b(?:hatin|hat) girtin\b|\bgirt\b|\boperasyon\w*"
)
ATTACK = re.compile(
    r"\b(?:attack(?:ed|s)?|targeted|targeting|opened (?:\w+ )?fire|shot|explo\w+|bomb\w*|ied|killed|killing|"
    r"ambush\w*|assassinat\w*|executed|beheaded|slaughtered|kidnapp\w*|struck|strike|stormed|rockets?|drone|"
    r"blew up|detonated|clashes|assault)\b|"
    + _any(
        "هجوم",
        "هاجم",
        "هاجموا",
        "استهداف",
        "استهدف",
        "استهدفوا",
        "انفجار",
        "انفجرت",
        "عبوة",
        "مفخخة",
        "اغتيال",
        "أطلقوا النار",
        "قتل",
        "مقتل",
        "قذيفة",
        "لغم",
        "هز انفجار",
    )
    + r"|\beris\w*|\berisi\w*|\bteqin\w*|\bkust\w*|"
    + _any("هێرش", "هێرشی", "هێرشێکی", "تەقینەوە", "کوژران")
)
RAID_FIRST = re.compile(
    r"\b(?:airdrop|air drop|landing operation|airborne operation|inserted by helicopters|raid)\b|"
    + _any("إنزال جوي", "عملية إنزال", "داهمت", "مداهمة")
)
ATTACK_BY_CELL = re.compile(
    r"\b(?:attack(?:ed)?|assault) (?:by|of|on)\b|\battacked\b|\bcells? (?:attacked|targeted)|\b(?:isis|daesh) attack|"
    + _any("هجوم على", "هاجموا", "بهجوم")
    + r"|\beris\w* (?:li ser|ya|a)|\beris\w*"
)


def read_kind_and_type(doc: Document, extraction: Extraction) -> str | None:
    """Add ``kind`` and, for attacks, ``type``; answers the kind."""
    other, raid, attack = doc.search(OTHER_EVENT), doc.search(RAID), doc.search(ATTACK)
    kind, proof, confidence = None, None, 0.0
    if other:
        kind, proof, confidence = "other", other, 0.75
    elif raid and (not attack or doc.search(RAID_FIRST) or not doc.search(ATTACK_BY_CELL)):
        kind, proof, confidence = "raid", raid, 0.85 if not attack else 0.72
    elif attack:
        kind, proof, confidence = "attack", attack, 0.85
    if kind is None or proof is None:
        return None
    extraction.add(Suggestion("kind", kind, confidence, evidence(doc, proof), f"{kind}: “{doc.words(*proof.span())}”"))
    if kind != "attack":
        return kind
    found = [(key, m) for key, pattern in TYPES if (m := doc.search(pattern))]
    if not found:
        return kind
    keys = {key for key, _ in found}
    key, match = found[0]
    if key == "rpg" and "armed_attack" in keys:
        key, match = next((k, m) for k, m in found if k == "armed_attack")
    if key == "kidnapping" and {"execution", "armed_attack"} & keys:
        key, match = next((k, m) for k, m in found if k in {"execution", "armed_attack"})
    if key == "assassination" and "other" in keys:
        key, match = next((k, m) for k, m in found if k == "other")
    extraction.add(
        Suggestion("type", key, 0.85, evidence(doc, match), f"{TYPE_LABELS[key]}: “{doc.words(*match.span())}”")
    )
    return kind
