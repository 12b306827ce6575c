"""Attack types, from the words that name the method, by the codebook's mapping rules.

Shooting, "opened fire" and machine guns are an armed attack (also with RPGs), a bomb is an IED, a car bomb a
VBIED, driven by a suicide attacker an SVBIED, rockets are mortar/rocket, beheading and "slaughtered" an
execution, a sharp instrument "other", and "assassination" only where the text says so. "Blew up",
"targeted" or "an explosion" alone say nothing of the method, so no type is suggested.
"""

from __future__ import annotations

import re

from marsad.extraction.phrases import Hit, Phrases
from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document

# (vocabulary key, words). Which type wins when several are named is PRECEDENCE's order, below.
TYPES: dict[str, Phrases] = {
    "svbied": Phrases(
        "suicide car bomb*|suicide carbomb*|suicide vbied*|suicide vehicle*|suicide truck*|svbied*"
        "|suicide bomber blew up a car|suicide bomber detonated a car|suicide bomber drove a car|suicide bomber blew up"
        " his car|suicide bomber detonated an explosive laden truck|سيارة مفخخة يقودها انتحاري|انتحاري بسيارة مفخخة"
        "|سيارة مفخخة يقودها",
        proclitics=True,
    ),
    "vbied": Phrases(
        "car bomb*|carbomb*|booby trapped car|booby trapped vehicle|vbied*|vehicle borne*|bomb laden car"
        "|bomb laden vehicle|explosive laden car|explosive laden vehicle|explosive laden truck|explosives laden car"
        "|سيارة مفخخة|السيارة المفخخة|عربة مفخخة|سيارة ملغمة|wesayita bombebarkiri|ereba bombeyi",
        proclitics=True,
    ),
    "motorcycle_bomb": Phrases(
        "motorcycle bomb*|motorbike bomb*|booby trapped motorcycle|booby trapped motorbike|دراجة نارية مفخخة"
        "|دراجة مفخخة",
        proclitics=True,
    ),
    "landmine": Phrases(
        "landmine*|land mine*|anti tank mine*|mine explo*|mine blast|mine went off|mine hit|لغم أرضي|لغم|انفجار لغم"
        "|ألغام|mayin*|مین",
        sorani=True,
        proclitics=True,
    ),
    "ied": Phrases(
        "ied|ieds|improvised explosive*|explosive device*|roadside bomb*|sticky bomb*|magnetic bomb*"
        "|detonated a bomb|planted a bomb|placed a bomb|attached a bomb|bomb attached|bomb planted"
        "|bomb had been attached|bomb had been planted|a bomb exploded|a bomb went off|عبوة ناسفة|عبوة|العبوة الناسفة"
        "|عبوات ناسفة|عبوة لاصقة|قنبلة موقوتة|bombeya*",
        proclitics=True,
    ),
    "grenade": Phrases(
        "grenade|grenades|hand grenade*|sound bomb*|قنبلة يدوية|قنبلة صوتية|رمانة يدوية|قنبلة", proclitics=True
    ),
    "other": Phrases(
        "stabbed|stabbing|sharp instrument|sharp tool|sharp object|knife attack*|blunt instrument|blunt object"
        "|أداة حادة|طعن|طعنا|بسكين",
        proclitics=True,
    ),
    "execution": Phrases(
        "executed|execution|behead*|slaughtered|firing squad|cut off his head|cut off her head|cutting his head"
        "|cutting her head|cut his head|cut his throat|cutting his throat|decapitat*|إعدام|أعدم|ذبح|نحر|قطع رأس"
        "|مقطوع الرأس|جز رأس",
        proclitics=True,
    ),
    "assassination": Phrases("assassinat*|اغتيال|اغتيل|اغتال|اغتالت|اغتالوا|عملية الاغتيال", proclitics=True),
    "kidnapping": Phrases("kidnap*|abduct*|خطف|اختطاف|اختطف|خطفوا|revand*", proclitics=True),
    "armed_attack": Phrases(
        "opened fire|opened heavy fire|opened machine gun fire|opened machinegun fire|opened direct fire|shooting|shot"
        "|shot dead|shot at|shot him|shot her|shot them|shot in the|shot and killed|was shot|were shot|gunfire"
        "|gun fire|gunshot*|shots|machine gun*|machinegun*|bullet*|kalashnikov*|klasinkov*|sniper*|armed attack"
        "|silenced pistol|silenced gun|pistol|gunmen opened|clash with|clashed with|clashes with|أطلقوا النار"
        "|أطلقا النار|أطلق النار|أطلق مسلحون النار|فتح مسلحان|فتحوا النار|النار على|إطلاق نار|إطلاق النار"
        "|بالأسلحة الرشاشة|بأسلحة رشاشة|الأسلحة الرشاشة|طلق ناري|بطلق ناري|بطلقات نارية|طلقات نارية|طلقة نارية"
        "|بطلقة نارية|برصاص|رصاص|بالرصاص"
        "|الأعيرة النارية|بأعيرة نارية|هجوم مسلح|مسدس|كاتم للصوت|اشتبكا|اشتبكوا|اشتباك|اشتباكات|تەقە|تەقەکردن|تەقەیان"
        "|gule|gulebaran|guleya|guleyan|ceken klasinkove",
        sorani=True,
        proclitics=True,
    ),
    "rpg": Phrases("rpg|rpgs|rocket propelled*|آر بي جي|ار بي جي|قذيفة آر بي جي|قاذف", proclitics=True),
    "shelling": Phrases(
        "rocket|rockets|mortar|mortars|katyusha*|artillery|صواريخ|قذائف هاون|صاروخ|قذائف صاروخية|قذيفة هاون|قصف مدفعي",
        proclitics=True,
    ),
    "drone_strike": Phrases(
        "drone|drones|uav|uavs|unmanned aerial*|مسيرة|طائرة مسيرة|مسيّرة|طائرة بدون طيار|فڕۆکەی بێفڕۆکەوان|درۆن"
        "|dron*|firokeya bemirov|balafiren kesfe|balafira kesfe|balafira bemirov|balafiren bemirov",
        sorani=True,
        proclitics=True,
    ),
}
# "a suicide bomber detonated an explosive-laden truck into …": the attacker drove the bomb.
SUICIDE_LADEN = re.compile(
    r"\bsuicide\b(?: \S+){0,12} (?:explosive|explosives|bomb) laden (?:truck|car|vehicle|tanker)"
)
# Gunmen who attack or storm, with no other method named, make an armed attack (the codebook's "gunmen"
# alias): the weakest evidence of all.
GUNMEN = re.compile(
    r"\b(?:gunmen|armed men)\b(?: \S+){0,2} (?:attacked|stormed|raided|broke into)\b|(?<!\S)(?:"
    + "|".join(re.escape(w) for w in ("مسلحون", "مسلحين", "مسلحي", "مسلحو", "مجموعه مسلحه"))
    + r")(?= (?:\S+ ){0,6}\S*(?:هاجم|اقتحم|استهدف))"
)
# A suicide attack whose method the text does not give is "other" (the codebook's rule).
SUICIDE = Phrases(
    "suicide attack*|suicide bomb*|blew himself up|blew herself up|blew themselves up|explosive belt*|suicide belt*"
    "|suicide vest*|هجوم انتحاري|انتحاري|انتحارية|فجر نفسه|حزام ناسف|بحزام ناسف|أحزمة ناسفة",
    proclitics=True,
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


def methods(doc: Document) -> dict[str, Hit | re.Match[str]]:
    """Every method the text names, by type key."""
    found: dict[str, Hit | re.Match[str]] = {}
    for key, phrases in TYPES.items():
        hit = phrases.search(doc)
        if hit is not None and not (key == "grenade" and _propelled(doc, hit)):
            found[key] = hit
    if "svbied" not in found and (laden := doc.search(SUICIDE_LADEN)):
        found["svbied"] = laden
    return found


def _propelled(doc: Document, hit: Hit) -> bool:
    """ "rocket-propelled grenade" is an RPG, not a grenade; "grenade launcher" is no grenade either."""
    before, after = doc.normal[max(0, hit.begin - 10) : hit.begin], doc.normal[hit.finish : hit.finish + 9]
    return before.endswith("propelled ") or after.startswith(" launcher")


def suggest_type(doc: Document, extraction: Extraction) -> None:
    """Add ``type`` for an attack: the method the text names, by the codebook's precedence."""
    found = methods(doc)
    if not found and (gunmen := doc.search(GUNMEN)):
        found["armed_attack"] = gunmen
    if not found and (suicide := SUICIDE.search(doc)):
        found["other"] = suicide
    if not found:
        return
    key = next(k for k in PRECEDENCE if k in found)
    match = found[key]
    if key == "kidnapping" and "execution" in found:
        key, match = "execution", found["execution"]  # abducted, then killed
    extraction.add(
        Suggestion("type", key, 0.85, evidence(doc, match.span()), f"{TYPE_LABELS[key]}: “{doc.words(*match.span())}”")
    )
