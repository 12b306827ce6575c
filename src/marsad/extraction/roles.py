"""Who a group of people is: fighters and security forces (military), civilians, or the attackers.

The words are normalised (see text.py). Dead attackers count in the toll but never in the military/civilian
split; officials, employees and "people" are not classed unless the text calls them civilians.
"""

from __future__ import annotations

import re

from marsad.extraction.text import normalise_phrase


def _words(*phrases: str, sorani: bool = False) -> str:
    forms = sorted({normalise_phrase(p, sorani=sorani) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms if f)


PERPETRATOR = re.compile(
    r"\b(?:isis|isil|daesh|is|islamic state|militants?|attackers?|jihadists?|cell|cells|suicide bombers?)\b|"
    + _words("داعش", "لتنظيم", "تنظيم الدولة", "المهاجمين", "مسلحي", "خلية", "daiş", "çete", "çeteyê", "terorîst")
)
ARMED_MEN = re.compile(r"\b(?:assailants|gunmen|terrorists?|armed men)\b|" + _words("مسلحين", "مسلحون", "مجهولين"))
MILITARY = re.compile(
    r"\b(?:sdf|asayish|assayish|isf|ypg|ypj|hsd|qsd|hat|fighters?|soldiers?|troops|elements?|commanders?|guards?"
    r"|police(?:men)?|officers?|army|military|security forces|internal security|comrades|personnel|servan\w*)\b|"
    + _words(
        "قسد",
        "قوات سوريا الديمقراطية",
        "الأسايش",
        "أسايش",
        "قوى الأمن",
        "جندي",
        "جنود",
        "مقاتل",
        "مقاتلين",
        "حارس",
        "قيادي",
        "قياديا",
        "عناصر",
        "عنصر",
        "asayîş",
    )
    + "|"
    + _words("هەسەدە", "ئەندامی هێزەکانی", sorani=True)
)
CIVILIAN = re.compile(
    r"\b(?:civilians?|refugees?|child(?:ren)?|wom[ae]n|shepherds?|farmers?|residents?|citizens?|welati\w*"
    r"|sivil\w*|girl|boy|students?)\b|"
    + _words("مدني", "مدنيين", "مدنيان", "طفل", "أطفال", "لاجئ", "لاجئا", "لاجئة", "امرأة", "نساء", "راعي", "مواطن")
)


def role_of(words: str) -> str | None:
    """'perpetrator', 'military', 'civilian' or None for a normalised phrase naming people."""
    words = re.sub(r"\b(?:former|ex) (?:isis|is|daesh) \w+", "", words)
    if PERPETRATOR.search(words) or (ARMED_MEN.search(words) and not MILITARY.search(words)):
        return "perpetrator"
    if CIVILIAN.search(words):
        return "civilian"
    if MILITARY.search(words):
        return "military"
    return None
