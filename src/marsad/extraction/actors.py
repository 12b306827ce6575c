"""Who did it and to whom: perpetrator (for a raid, the force), claimed or suspected, and the target.

The perpetrator is the actor the text makes the agent ("by unknown gunmen", "ISIS cells attacked",
"مسلحون مجهولون أطلقوا النار"); an ISIS claim ("ISIS claimed", "Amaq announced", تبنى as a verb) makes ISIS
the perpetrator only when no other agent is named. Outlet euphemisms ("terrorists", "mercenaries") are kept
as written, not turned into ISIS. A claim by another group is not an ISIS claim.
"""

from __future__ import annotations

import re

from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, normalise_phrase


def _any(*phrases: str) -> str:
    forms = {normalise_phrase(p) for p in phrases} | {normalise_phrase(p, sorani=True) for p in phrases}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


ISIS = (
    r"(?:isis|isil|daesh|daish|dais|islamic state|the organi[sz]ation|isl|"
    + _any("داعش", "تنظيم الدولة", "الدولة الإسلامية", "التنظيم")
    + ")"
)
ISIS_UPPER = re.compile(r"\bIS\b")  # "IS" the group, not "is" the verb (checked in the original text)
SUSPECTED = re.compile(
    r"\b(?:suspected|alleged|believed to be|likely)\b(?: \S+){0,3}$|" + _any("يعتقد أنهم من", "يشتبه")
)
AGENT = re.compile(
    rf"\b(?:by|of)(?: the)? (?P<by>(?:suspected |two |three |unknown |unidentified )?(?:{ISIS} ?(?:cells?|gunmen|militants|members)?"
    r"|unknown gunmen|unidentified gunmen|unknown assailants|unknown armed men|unknown attackers|gunmen|terrorists|"
    r"mercenaries|turkish (?:forces|army|occupation|drone))\b)"
    rf"|(?P<subject>(?:(?:two|three|four|eight|suspected) )?(?:{ISIS}(?: cells?| gunmen| militants| members)?|cells of(?: the)? {ISIS}"
    r"|unknown gunmen|unidentified gunmen|unknown assailants|unknown armed men|gunmen|terrorists|members of isis|"
    rf"{_any('مسلحون مجهولون', 'مسلحين مجهولين', 'مجهولين', 'مسلحان', 'مسلحين', 'عناصر من تنظيم', 'مسلحو التنظيم', 'مسلحي التنظيم', 'خلايا داعش', 'خلايا التنظيم', 'عناصر داعش')}"
    r"|ceteyen daise|ceteyen dais|saneyeke daise|saneyeke din a daise|saneyeke dais\w*|grubeke cekdar)"
    r"(?: \(\s?\w+\s?\))?(?: \S+){0,3} (?:attack\w*|target\w*|opened|shot|kill\w*|stormed|execut\w*|blew|detonat\w*|planted|kidnap\w*|struck|threw|"
    + _any("أطلقوا", "أطلقا", "هاجموا", "استهدفوا", "قتلوا", "فتح", "فتحوا", "حاولوا", "تمكنا", "يرتدون")
    + r"|erisi|eris|hewl|kust))"
)
TURKISH = re.compile(
    r"\bturkish (?:drone|forces|army|occupation|warplane|strike)|"
    + _any("مسيرة تركية", "طائرة مسيرة تركية", "القوات التركية", "الاحتلال التركي")
    + r"|\bdrona tirk"
)
IRAN = re.compile(r"\biraqi resistance|\biran(?:ian)? backed (?:militias|factions|groups)|\bislamic resistance in iraq")
CLAIM = re.compile(
    rf"{ISIS}(?: \S+){{0,6}} (?:claimed|claims|claiming|announced|published|said its)\b|\bamaq\b|\bal naba\b|outlets close to {ISIS}"
    r"|(?<!\S)(?:و|ف)?(?:"
    + _any("تبنى", "تبنت", "يتبنى", "أعماق", "اعماق")
    + r")(?!\S)|\bberpirsyari\w* (?:girt|hilgirt)|\bamaqe?\b"
)
CLAIM_BY_OTHER = re.compile(r"\b(?:iraqi resistance|factions|group|militias)\b(?: \S+){0,4} claimed")
NO_CLAIM = re.compile(
    r"\bno (?:group|one|party) (?:has )?(?:yet )?claimed|\bunclaimed\b|" + _any("لم تتبن أي جهة", "لم تعلن أي جهة")
)
FORCES = [
    (
        "coalition",
        "coalition forces",
        re.compile(
            r"\b(?:international |us led |us |global )?coalition\b|" + _any("التحالف الدولي", "قوات التحالف", "التحالف")
        ),
    ),
    ("hat", "Anti-Terrorist Forces (HAT)", re.compile(r"\banti terror(?:ist|ism)? (?:forces|units)\b|\bhat\b")),
    ("tol", "SDF Military Operations Teams (TOL)", re.compile(r"\btol\b|\btimen operasyonen")),
    (
        "asayish",
        "Asayish",
        re.compile(
            r"\basayish\b|\basayis\w*|\binternal security forces\b|\bisf\b|\bsecurity forces\b|"
            + _any("الأسايش", "قوى الأمن الداخلي", "قوات الأمن", "أسايش")
        ),
    ),
    ("manbij_council", "Manbij Military Council", re.compile(r"\bmanbij military council\b")),
    (
        "sdf",
        "SDF",
        re.compile(
            r"\bsyrian democratic forces\b|\bsdf\b|\bqsd\w*|\bhsd\w*|" + _any("قوات سوريا الديمقراطية", "قسد", "هەسەدە")
        ),
    ),
]
FORCE_KEYS = {
    "coalition": "coalition",
    "hat": "asayish",
    "tol": "sdf",
    "asayish": "asayish",
    "manbij_council": "sdf",
    "sdf": "sdf",
}
RAID_VERB = re.compile(
    r"\b(?:arrested|captured|detained|arrest|carried out|conducted|raided|picked up|dismantled|stormed|inserted)\b|"
    + _any("اعتقال", "اعتقلت", "القبض", "نفذت", "شنت", "داهمت", "حملة")
    + r"|\bgirt\b|\bgirtin\b"
)
TARGET_GROUPS = [
    (
        "sdf",
        "SDF",
        re.compile(
            r"\bsyrian democratic forces\b|\bsdf\b|\bqsd\w*|\bhsd\w*|\bpkk\b|"
            + _any("قوات سوريا الديمقراطية", "قسد", "هەسەدە")
        ),
    ),
    (
        "asayish",
        "Asayish",
        re.compile(
            r"\basayish\b|\bassayish\b|\basayis\w*|\binternal security\b|\bisf\b|"
            + _any("الأسايش", "قوى الأمن الداخلي", "أسايش")
        ),
    ),
    (
        "coalition",
        "US",
        re.compile(r"\bus (?:troops|forces|soldiers|base|patrol)|\bamerican\b|\bcoalition (?:base|forces|troops)"),
    ),
    (
        "military_other",
        "Syrian army",
        re.compile(
            r"\bsyrian (?:army|troops|soldiers|government forces)|\bregime\b|\bpro government\b|"
            + _any("قوات النظام", "الجيش السوري")
        ),
    ),
    (
        "civilian",
        "civilian",
        re.compile(
            r"\bcivilians?\b|\brefugees?\b|\bshepherds?\b|\bwelati\w*|"
            + _any("مدني", "مدنيين", "لاجئ", "لاجئ عراقي", "راعي")
        ),
    ),
    (
        "official",
        "official",
        re.compile(r"\b(?:council|aanes|mukhtar|official|employee)\b|" + _any("مختار", "مسؤول", "موظف")),
    ),
]
OBJECTS = [
    (
        "checkpoint",
        re.compile(
            r"\bcheckpoints?\b|"
            + _any("حاجز", "حاجزا", "نقطة", "نقاط")
            + r"|\bxal\w* (?:a )?pistnin\w*|\bbend\w* ewlehi\w*|"
            + _any("خاڵی پشکنینی")
        ),
    ),
    (
        "military vehicle",
        re.compile(r"\bmilitary vehicles?\b|" + _any("سيارة عسكرية", "عربة عسكرية", "آلية عسكرية", "سيارته العسكرية")),
    ),
    ("vehicle", re.compile(r"\bvehicles?\b|\bcar\b|\bbus\b|\bpatrol\b|" + _any("سيارة", "آلية", "عربة", "دورية"))),
    ("oil tanker", re.compile(r"\b(?:oil |crude oil |fuel )?tankers?\b|" + _any("صهريج", "صهاريج"))),
    (
        "headquarters",
        re.compile(
            r"\bheadquarters?\b|\bbuilding\b|\bcent(?:er|re)\b|\bcompound\b|\bbase\b|\boffice\b|\bpost\b|\bposition\b|"
            + _any("مقر", "مقرا", "مركز")
        ),
    ),
    ("house", re.compile(r"\bhouse\b|\bhome\b|" + _any("منزل", "منزلا"))),
    (
        "members",
        re.compile(
            r"\bmembers?\b|\bfighters?\b|\belements?\b|\bsoldiers?\b|\btroops\b|"
            + _any("عنصر", "عناصر", "مقاتل")
            + r"|\bservan\w*"
        ),
    ),
]
RAID_TARGET = re.compile(
    rf"(?:suspected |alleged )?{ISIS}(?: sleeper)? (?:cells?|members|militants|fighters|leader|suspects|emirs?|elements?)|(?:cell|members|militants) of(?: the)? {ISIS}|"
    + _any("بتهمة الانتماء لتنظيم داعش", "خلية لداعش", "عناصر داعش")
    + r"|\bsaneyen dais\w*"
)


def read_actors(doc: Document, extraction: Extraction, kind: str | None) -> None:
    """Add ``perpetrator`` (the force for raids), ``attribution`` and ``target`` where the text says them."""
    if kind == "raid" or (kind == "other" and doc.search(RAID_VERB)):
        _force(doc, extraction)
        target = doc.search(RAID_TARGET)
        if target:
            detail = "suspected ISIS members" if re.search(r"suspect|alleged|بتهمة", target.group()) else "ISIS cell"
            extraction.add(
                Suggestion("target", "isis", 0.75, evidence(doc, target), f"“{doc.words(*target.span())}”", detail)
            )
        return
    _perpetrator(doc, extraction)
    _target(doc, extraction)


def _perpetrator(doc: Document, extraction: Extraction) -> None:
    normal = doc.normal
    claim = doc.search(CLAIM) if not doc.search(CLAIM_BY_OTHER) else None
    if doc.search(NO_CLAIM):
        match = doc.search(NO_CLAIM)
        assert match is not None
        extraction.add(Suggestion("claimed", False, 0.85, evidence(doc, match), f"“{doc.words(*match.span())}”"))
    elif claim:
        extraction.add(
            Suggestion("claimed", True, 0.85, evidence(doc, claim), f"claimed: “{doc.words(*claim.span())}”")
        )
    turkish, iran = doc.search(TURKISH), doc.search(IRAN)
    if turkish:
        extraction.add(
            Suggestion(
                "perpetrator",
                "turkish_forces",
                0.85,
                evidence(doc, turkish),
                f"“{doc.words(*turkish.span())}”",
                "Turkish forces",
            )
        )
        return
    if iran:
        extraction.add(
            Suggestion(
                "perpetrator",
                "government_aligned",
                0.8,
                evidence(doc, iran),
                f"“{doc.words(*iran.span())}”",
                "Iran-backed militias",
            )
        )
        return
    for match in doc.finditer(AGENT):
        group = "by" if match.group("by") else "subject"
        phrase = match.group(group)
        if re.search(r"\bformer\b", normal[max(0, match.start() - 10) : match.start()]):
            continue
        if not _isis_is_group(doc, match.start(group), match.end(group)):
            continue
        detail, key = _describe(phrase, normal[max(0, match.start() - 40) : match.start(group)])
        proof = evidence(doc, match.span(group))
        extraction.add(Suggestion("perpetrator", key, 0.8, proof, f"“{doc.words(*match.span(group))}”", detail))
        if key == "isis" and "suspected" in detail:
            extraction.add(Suggestion("attribution", "suspected", 0.8, proof, "suspected"))
        return
    if (
        (claim and re.search(ISIS, claim.group()))
        or (claim and "amaq" in claim.group())
        or (claim and re.search(_any("تبنى", "تبنت"), claim.group()))
    ):
        extraction.add(
            Suggestion(
                "perpetrator", "isis", 0.75, evidence(doc, claim), f"claimed: “{doc.words(*claim.span())}”", "ISIS"
            )
        )
        return
    loose = re.search(
        rf"\b(?:{ISIS}) (?:attack|militants|cells?|gunmen)\b|\battack by (?:{ISIS})|\b(?:cells?|militants|gunmen) of(?: the)? {ISIS}",
        normal,
    )
    if loose and _isis_is_group(doc, loose.start(), loose.end()):
        before = normal[max(0, loose.start() - 40) : loose.start()]
        detail, key = _describe(loose.group(), before)
        extraction.add(
            Suggestion("perpetrator", key, 0.72, evidence(doc, loose), f"“{doc.words(*loose.span())}”", detail)
        )


def _isis_is_group(doc: Document, start: int, end: int) -> bool:
    """A match on "is" is the group only where the text writes "IS"."""
    words = doc.words(start, end)
    if re.search(r"(?<!\S)is(?!\S)", doc.normal[start:end]) and not ISIS_UPPER.search(words):
        return bool(re.search(r"isis|isil|daesh|islamic|unknown|gunmen|terrorists|turkish", doc.normal[start:end]))
    return True


def _describe(phrase: str, before: str) -> tuple[str, str]:
    """(English description, actor key) for an agent phrase."""
    suspected = "suspected " if SUSPECTED.search(before + " " + phrase) or phrase.startswith("suspected") else ""
    if re.search(rf"(?:{ISIS})", phrase):
        count = re.match(r"(two|three|four|eight) ", phrase)
        noun = (
            "cells"
            if re.search(r"\bcells\b|" + _any("خلايا"), phrase)
            else "cell"
            if re.search(r"\bcell\b|saneyek", phrase)
            else "gunmen"
            if re.search(r"gunmen|" + _any("مسلحو", "مسلحي"), phrase)
            else ""
        )
        detail = " ".join(w for w in (suspected.strip(), count.group(1) if count else "", "ISIS", noun) if w)
        return detail, "isis"
    if re.search(r"unknown|unidentified|" + _any("مجهولين", "مجهولون"), phrase):
        noun = "assailants" if "assailants" in phrase else "armed men" if "armed men" in phrase else "gunmen"
        count = re.match(r"(two|three|four) ", phrase)
        return " ".join(
            w
            for w in (
                count.group(1) if count else "",
                "unknown" if "unidentified" not in phrase else "unidentified",
                noun,
            )
            if w
        ), "unknown"
    if "terrorists" in phrase:
        return "terrorists", "unknown"
    if "mercenaries" in phrase:
        return "mercenaries", "unknown"
    if re.search(r"grubeke cekdar", phrase):
        return "armed group", "unknown"
    if "turkish" in phrase:
        return "Turkish forces", "turkish_forces"
    count = re.match(r"(two|three|four|eight) ", phrase)
    return (f"{count.group(1)} gunmen" if count else "gunmen"), "unknown"


def _force(doc: Document, extraction: Extraction) -> None:
    found: list[tuple[str, str, re.Match[str]]] = []
    for key, label, pattern in FORCES:
        match = doc.search(pattern)
        if match and not any(f[0] in {"manbij_council"} and key == "sdf" for f in found):
            found.append((key, label, match))
    if not found:
        return
    found.sort(key=lambda f: f[2].start())
    if any(f[0] == "hat" for f in found):
        found = [f for f in found if f[0] != "asayish"] or found
    if any(f[0] == "tol" for f in found):
        found = [f for f in found if f[0] != "sdf"] or found
    keys = {FORCE_KEYS[f[0]] for f in found}
    detail = " with ".join(dict.fromkeys(f[1] for f in found))
    value = next(iter(keys)) if len(keys) == 1 else "joint"
    confidence = 0.8 if len(found) <= 2 else 0.65
    extraction.add(Suggestion("perpetrator", value, confidence, evidence(doc, *(f[2] for f in found)), detail, detail))


def _target(doc: Document, extraction: Extraction) -> None:
    objects = [(name, m) for name, pattern in OBJECTS if (m := doc.search(pattern))]
    groups = [(key, label, m) for key, label, pattern in TARGET_GROUPS if (m := doc.search(pattern))]
    if not groups and not objects:
        return
    group = min(groups, key=lambda g: g[2].start()) if groups else None
    obj = objects[0] if objects else None
    if group and obj and group[0] == "civilian" and obj[0] == "members":
        obj = None
    words = " ".join(x for x in (group[1] if group else None, obj[0] if obj else None) if x)
    spans = [m for m in (group[2] if group else None, obj[1] if obj else None) if m is not None]
    key = group[0] if group else "infrastructure" if obj and obj[0] == "oil tanker" else "other"
    confidence = 0.75 if group and obj else 0.65
    extraction.add(
        Suggestion(
            "target",
            key,
            confidence,
            evidence(doc, *spans),
            f"“{'”, “'.join(doc.words(*m.span()) for m in spans)}”",
            words,
        )
    )
