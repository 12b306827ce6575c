"""The words that say people were killed, injured or arrested, in English, Arabic, Kurmanji and Sorani, and
where each puts its victims: before it (passives, intransitives, Kurdish verb-final sentences), after it
(actives, nouns like "the death of", Arabic), either, or in itself (pronouns: مقتله "his killing", "killing
him"). Also the phrases that rule casualties out ("no casualties", دون وقوع إصابات) and that say the injured
died of their wounds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.extraction.text import normalise_phrase

KILLED, INJURED, ARRESTED, BOTH = "killed", "injured", "arrested", "killed and injured"
BEFORE, AFTER, EITHER, PRONOUN = "before", "after", "either", "pronoun"


def _ar(*phrases: str, sorani: bool = False) -> str:
    """An alternation of phrases in normalised form (Arabic, or Sorani with ``sorani``)."""
    forms = sorted({normalise_phrase(p, sorani=sorani) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms if f)


@dataclass(frozen=True)
class Predicate:
    """Words that say people were killed, injured or arrested, and where the victims are named. ``count`` is
    fixed for pronouns and nouns that carry their number (مقتلهما: two, قتيلين: two dead)."""

    pattern: re.Pattern[str]
    what: str
    side: str
    count: int | None = None
    scripts: str = "latin"  # latin (English, Kurmanji) or arabic (Arabic, Sorani)


def _p(pattern: str, what: str, side: str, count: int | None = None) -> Predicate:
    scripts = "latin" if pattern.isascii() else "arabic"
    return Predicate(re.compile(pattern), what, side, count, scripts)


_BE = r"\b(?:was|were|been|be|being|got|is|are)(?: (?:reportedly|also|later|allegedly|all|both|subsequently|then|instantly|immediately|seriously|critically|slightly|lightly|severely|badly|moderately|fatally))*"
_AR_PRE = r"(?<!\S)(?:و|ف)?(?:ب|ل)?"
_END = r"(?!\S)"
PREDICATES: list[Predicate] = [
    # English
    _p(
        rf"{_BE} (?:killed|shot dead|martyred|slaughtered|executed|beheaded|assassinated|murdered|gunned down"
        r"|stabbed to death|burned to death|found dead|found killed|found slaughtered|found shot dead|found beheaded"
        r"|shot and killed)\b",
        KILLED,
        BEFORE,
    ),
    _p(
        r"\b(?:died|lost (?:their|his|her) li(?:ves|fe)|perished|(?:blew|blown) (?:themselves|himself|herself) up"
        r"|detonated (?:his|her|their) (?:explosive |suicide )?(?:belts?|vests?))\b",
        KILLED,
        BEFORE,
    ),
    _p(r"\b(?:killed|slaughtered|beheaded|executed|dead|martyred|murdered)\b", KILLED, EITHER),
    _p(r"\b(?:the )?bod(?:y|ies) of\b", KILLED, AFTER),
    _p(
        r"\b(?:the|an?) (?:assassinated|slain|murdered|killed) (?=(?:\w+ )?(?:man|woman|employee|official|member|fighter"
        r"|civilian|child|mukhtar|sheikh|driver|shepherd|teacher|doctor|commander|leader|youth|person|soldier|officer"
        r"|guard|refugee)\b)",
        KILLED,
        PRONOUN,
        1,
    ),
    _p(r"\bsuicide (?:bomber|attacker)s? (?:blew|detonated)\b", KILLED, PRONOUN, 1),
    _p(
        r"\b(?:killing|kills?|shot dead|shooting dead|executing|beheading|slaughtering|assassinated|assassinating"
        r"|murdering|gunned down|claimed the li(?:fe|ves) of"
        r"|(?:the )?(?:deaths?|killing|assassination|murder|execution) of)\b",
        KILLED,
        AFTER,
    ),
    _p(
        r"\b(?:killing|killed|shot|shooting|beheading|beheaded|executing|executed|murdering|slaughtering) (?:him|her)"
        r"(?: dead)?\b|\b(?:caused|causing) (?:his|her) (?:immediate )?death\b|\bcutting (?:his|her) (?:head|throat)"
        r"(?: off)?\b|\bcut off (?:his|her) head\b",
        KILLED,
        PRONOUN,
        1,
    ),
    _p(rf"{_BE} (?:wounded|injured|hurt)\b|\b(?:sustained|suffered) (?:\w+ )?(?:injuries|wounds)\b", INJURED, BEFORE),
    _p(r"\b(?:wounded|injured)\b", INJURED, EITHER),
    _p(
        r"\b(?:wounding|injuring|wounds|injures|(?:the )?(?:injury|injuries|wounding) of|injuries to)\b", INJURED, AFTER
    ),
    _p(r"\b(?:wounding|injuring|wounded|injured) (?:him|her)\b", INJURED, PRONOUN, 1),
    _p(
        rf"{_BE}(?: \w+)? (?:arrested|captured|detained|apprehended|caught|taken into custody|rounded up)\b",
        ARRESTED,
        BEFORE,
    ),
    _p(r"\b(?:arrested|captured|detained|apprehended|caught|nabbed)\b", ARRESTED, EITHER),
    _p(r"\b(?:arrests|captures|detains|nabs)\b(?! of)", ARRESTED, AFTER),
    _p(
        r"\b(?:arresting|capturing|detaining|apprehending|(?:the )?(?:arrests?|capture|detention) of|picked up"
        r"|rounded up)\b",
        ARRESTED,
        AFTER,
    ),
    _p(r"\b(?:arresting|capturing|detaining|arrested|captured|detained) (?:him|her)\b", ARRESTED, PRONOUN, 1),
    _p(
        r"\b(?:between|both) (?:killed|dead) and (?:injured|wounded)\b|\b(?:killed|dead) and (?:injured|wounded)\b"
        r"|\b(?:killed|dead) or (?:injured|wounded)\b|\bcasualties\b",
        BOTH,
        BEFORE,
    ),
    # Kurmanji (verb-final: the victims come before)
    _p(
        r"\b(?:hat|hatin|hatine|hatiye|hatibun) (?:kustin|qetilkirin|sehidkirin)\b|\b(?:jiyana|cane) xwe ji ?dest"
        r" ?da(?:n|ye|ne|bun)?\b|\bsehid (?:bun|bu|bune|bubun|ketin|ket|bibu|bibun)\b|\bgihistin sehadete\b"
        r"|\bgihist sehadete\b|\b(?:mirin|mir|kust|kustin|kusti)\b",
        KILLED,
        BEFORE,
    ),
    _p(r"\b(?:sebeba|sedema) (?:sehadeta|mirina|kustina)\b", KILLED, PRONOUN, 1),
    _p(r"\bbirindar (?:bun|bu|bune|bubun|ketin|bibun)\b|\b(?:hat|hatin) birindarkirin\b", INJURED, BEFORE),
    _p(
        r"\b(?:hat|hatin|hatiye|hatine) (?:girtin|desteserkirin|bincavkirin|destgirkirin)\b|\b(?:girtin|girt"
        r"|desteser kir|desteser kirin|bincav kirin|destgir kirin)\b",
        ARRESTED,
        BEFORE,
    ),
    _p(r"\bkusti u birindar\b", BOTH, BEFORE),
    # Arabic (the victims come after: قُتل عنصر, مقتل عنصرين, أسفر عن إصابة ثلاثة; a verb may also follow them)
    _p(
        _AR_PRE
        + "(?:"
        + _ar("قتل", "قتلت", "قتلوا", "قتلا", "قضى", "توفي", "استشهد", "لقي", "لقيا", "لقوا", "مقتولا", "مقتولة")
        + ")"
        + _END,
        KILLED,
        EITHER,
    ),
    _p(
        _AR_PRE
        + "(?:"
        + _ar(
            "مقتل",
            "استشهاد",
            "مصرع",
            "إعدام",
            "ذبح",
            "اغتيال",
            "تصفية",
            "وفاة",
            "أودى بحياة",
            "أودت بحياة",
            "جثة",
            "جثتي",
            "جثث",
            "جثمان",
        )
        + ")"
        + _END,
        KILLED,
        AFTER,
    ),
    _p(
        _AR_PRE
        + "(?:"
        + _ar("فقد", "فقدت", "فقدا", "فقدوا", "فقدان")
        + ")"
        + _END
        + "(?=(?: \\S+){0,14} (?:ل)?(?:"
        + _ar("حياته", "حياتها", "حياتهما", "حياتهم")
        + ")"
        + _END
        + ")",
        KILLED,
        AFTER,
    ),
    _p(
        _AR_PRE
        + "(?:"
        + _ar(
            "فارق الحياة",
            "فارقا الحياة",
            "فارقوا الحياة",
            "لقيا حتفهما",
            "لقوا حتفهم",
            "فجر نفسه",
            "فجروا أنفسهم",
            "فجرا نفسيهما",
        )
        + ")"
        + _END,
        KILLED,
        BEFORE,
    ),
    _p(
        _AR_PRE
        + "(?:"
        + _ar(
            "مقتله",
            "مقتلها",
            "وفاته",
            "وفاتها",
            "مصرعه",
            "إعدامه",
            "اغتياله",
            "ذبحه",
            "قتله",
            "قتلها",
            "استشهاده",
            "تصفيته",
            "بحياته",
        )
        + ")"
        + _END,
        KILLED,
        PRONOUN,
        1,
    ),
    _p(
        _AR_PRE
        + "(?:"
        + _ar("مقتلهما", "وفاتهما", "مصرعهما", "إعدامهما", "اغتيالهما", "قتلهما", "استشهادهما", "بحياتهما")
        + ")"
        + _END,
        KILLED,
        PRONOUN,
        2,
    ),
    _p(_AR_PRE + "(?:" + _ar("قتيل", "قتيلا") + ")" + _END, KILLED, PRONOUN, 1),
    _p(_AR_PRE + "(?:" + _ar("قتيلين", "قتيلان") + ")" + _END, KILLED, PRONOUN, 2),
    _p(_AR_PRE + "(?:" + _ar("قتلى") + ")" + _END, KILLED, BEFORE),
    _p(_AR_PRE + "(?:" + _ar("أصيب", "أصيبت", "أصيبا", "أصيبوا", "جرح", "جرحت", "يصاب") + ")" + _END, INJURED, EITHER),
    _p(_AR_PRE + "(?:" + _ar("إصابة", "إصابات") + ")" + _END, INJURED, AFTER),
    _p(_AR_PRE + "(?:" + _ar("إصابته", "إصابتها", "جرحه") + ")" + _END, INJURED, PRONOUN, 1),
    _p(_AR_PRE + "(?:" + _ar("إصابتهما") + ")" + _END, INJURED, PRONOUN, 2),
    _p(_AR_PRE + "(?:" + _ar("جريح", "جريحا", "مصاب", "مصابا") + ")" + _END, INJURED, PRONOUN, 1),
    _p(_AR_PRE + "(?:" + _ar("جريحين", "جريحان") + ")" + _END, INJURED, PRONOUN, 2),
    _p(_AR_PRE + "(?:" + _ar("جرحى") + ")" + _END, INJURED, BEFORE),
    _p(_AR_PRE + "(?:" + _ar("اعتقل", "اعتقلت", "اعتقلوا", "احتجزت", "أسرت", "أوقفت") + ")" + _END, ARRESTED, EITHER),
    _p(
        _AR_PRE + "(?:" + _ar("اعتقال", "القبض على", "إلقاء القبض على", "احتجاز", "أسر", "توقيف") + ")" + _END,
        ARRESTED,
        AFTER,
    ),
    _p(_AR_PRE + "(?:" + _ar("اعتقاله", "القبض عليه", "احتجازه", "أسره") + ")" + _END, ARRESTED, PRONOUN, 1),
    _p(_AR_PRE + "(?:" + _ar("اعتقالهما", "القبض عليهما") + ")" + _END, ARRESTED, PRONOUN, 2),
    _p(
        _AR_PRE
        + "(?:"
        + _ar("قتلى وجرحى", "قتلى ومصابين", "قتيل وجريح", "قتلى وجرحى", "بين قتيل وجريح", "بين قتيل ومصاب")
        + ")"
        + _END,
        BOTH,
        BEFORE,
    ),
    # Sorani (verb-final)
    _p(
        "(?<!\\S)(?:"
        + _ar(
            "کوژران",
            "کوژرا",
            "کوژراو",
            "کوژرابوون",
            "گیانیان لەدەستدا",
            "گیانیان لەدەست دا",
            "گیانی لەدەستدا",
            "گیانی لەدەست دا",
            "شەهید بوون",
            "شەهیدبوون",
            "شەهیدبون",
            "شەهید کران",
            sorani=True,
        )
        + ")"
        + _END,
        KILLED,
        BEFORE,
    ),
    _p(
        "(?<!\\S)(?:"
        + _ar(
            "بریندار بوون",
            "برینداربوون",
            "بریندار کران",
            "بریندارکران",
            "بریندار بوو",
            "بریندار کرا",
            "بریندارکرا",
            sorani=True,
        )
        + ")"
        + _END,
        INJURED,
        BEFORE,
    ),
    _p(
        "(?<!\\S)(?:"
        + _ar(
            "دەستگیرکران",
            "دەستگیرکرا",
            "دەستگیر کران",
            "دەستگیرکرد",
            "دەستگیر کرد",
            "دەستگیر بکەن",
            "دەستگیرکراون",
            "دەستبەسەر کران",
            "دەستبەسەرکران",
            "دەستگیرکردووە",
            sorani=True,
        )
        + ")"
        + _END,
        ARRESTED,
        BEFORE,
    ),
]
NONE_STATED = re.compile(
    r"\b(?:no (?:casualties|injuries|deaths|fatalities|human (?:losses|casualties))|no one was (?:hurt|injured|killed)"
    r"|nobody was (?:hurt|injured|killed)|without (?:causing )?(?:any )?(?:casualties|injuries)|only (?:caused )?"
    r"material (?:damage|losses)|(?:caused|causing) only material (?:damage|losses)|no loss of life|did not (?:result"
    r" in|cause) (?:any )?(?:casualties|injuries))\b|"
    + _ar(
        "دون وقوع إصابات",
        "دون تسجيل إصابات",
        "دون إصابات",
        "لم يسفر عن إصابات",
        "لم يسفر عن وقوع إصابات",
        "لم تسفر عن إصابات",
        "دون وقوع خسائر بشرية",
        "دون خسائر بشرية",
        "لا إصابات",
        "دون وقوع أي إصابات",
        "لم تسجل أي إصابات",
        "اقتصرت الأضرار على الماديات",
        "أضرار مادية فقط",
        "دون أن يسفر عن إصابات",
    )
    + r"|\btu kes (?:birindar|neh)"
)
DIED_OF_WOUNDS = re.compile(
    r"\b(?:died|succumbed) (?:of|from|to) (?:his|her|their) (?:wounds|injuries)\b|"
    + _ar(
        "توفي متأثرا",
        "متأثرا بجراحه",
        "متأثرين بجراحهم",
        "متأثرة بجراحها",
        "فارق الحياة متأثرا",
        "توفيا",
        "فارقا الحياة",
        "فارقوا الحياة",
        "فارق الحياة",
    )
)
