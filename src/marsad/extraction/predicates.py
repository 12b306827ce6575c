"""The words that say people were killed, injured or arrested, in English, Arabic, Kurmanji and Sorani, and
where each puts its victims: before it (passives, intransitives, Kurdish verb-final sentences), after it
(actives, nouns like "the death of", Arabic), either, or in itself (pronouns: مقتله "his killing", "killing
him"). Also the phrases that rule casualties out ("no casualties", دون وقوع إصابات) and that say the injured
died of their wounds. Most are phrase lists (phrases.py); a few need a pattern (English passives with adverbs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from marsad.extraction.phrases import Phrases
from marsad.extraction.text import Document

KILLED, INJURED, ARRESTED, BOTH = "killed", "injured", "arrested", "killed and injured"
BEFORE, AFTER, EITHER, PRONOUN = "before", "after", "either", "pronoun"


class _Span(Protocol):
    def start(self) -> int: ...
    def end(self) -> int: ...


@dataclass(frozen=True)
class Predicate:
    """Words that say people were killed, injured or arrested, and where the victims are named. ``count`` is
    fixed for pronouns and nouns that carry their number (مقتلهما: two, قتيلين: two dead)."""

    finder: Phrases | re.Pattern[str]
    what: str
    side: str
    count: int | None = None
    scripts: str = "latin"  # latin (English, Kurmanji) or arabic (Arabic, Sorani)

    def matches(self, doc: Document) -> list[_Span]:
        if isinstance(self.finder, Phrases):
            return list(self.finder.finditer(doc))
        return list(doc.finditer(self.finder))


def _latin(words: str, what: str, side: str, count: int | None = None) -> Predicate:
    return Predicate(Phrases(words), what, side, count, "latin")


def _arabic(words: str, what: str, side: str, count: int | None = None, sorani: bool = False) -> Predicate:
    return Predicate(Phrases(words, sorani=sorani, proclitics=not sorani), what, side, count, "arabic")


_BE = (
    r"\b(?:was|were|been|be|being|got|is|are)(?: (?:reportedly|also|later|allegedly|all|both|subsequently|then"
    r"|instantly|immediately|seriously|critically|slightly|lightly|severely|badly|moderately|fatally))*"
)
PREDICATES: list[Predicate] = [
    # English
    Predicate(
        re.compile(
            rf"{_BE} (?:killed|shot dead|fatally shot|martyred|slaughtered|executed|beheaded|assassinated|murdered|gunned down"
            r"|stabbed to death|burned to death|found dead|found killed|found slaughtered|found shot dead|found beheaded"
            r"|shot and killed)\b"
        ),
        KILLED,
        BEFORE,
    ),
    _latin(
        "died|lost their lives|lost his life|lost her life|lost their life|perished|blew themselves up|blew himself up"
        "|blew herself up|blown themselves up|blown himself up|blown herself up|detonated his explosive belt"
        "|detonated his suicide belt|detonated his belt|detonated his vest|detonated his explosive vest"
        "|detonated their explosive belts|detonated their belts|detonated her explosive belt",
        KILLED,
        BEFORE,
    ),
    _latin("killed|slaughtered|beheaded|executed|dead|martyred|murdered", KILLED, EITHER),
    _latin("the body of|the bodies of|body of|bodies of", KILLED, AFTER),
    Predicate(
        re.compile(
            r"\b(?:the|an?) (?:assassinated|slain|murdered|killed) (?=(?:\w+ )?(?:man|woman|employee|official|member"
            r"|fighter|civilian|child|mukhtar|sheikh|driver|shepherd|teacher|doctor|commander|leader|youth|person"
            r"|soldier|officer|guard|refugee)\b)"
        ),
        KILLED,
        PRONOUN,
        1,
    ),
    _latin(
        "suicide bomber blew|suicide bomber detonated|suicide attacker blew|suicide attacker detonated"
        "|suicide bombers blew|suicide bombers detonated",
        KILLED,
        PRONOUN,
        1,
    ),
    _latin(
        "killing|kills|kill|shot dead|shooting dead|fatally shot|fatally shooting|executing|beheading|slaughtering|assassinated|assassinating"
        "|murdering|gunned down|claimed the life of|claimed the lives of|the death of|the deaths of|death of"
        "|deaths of|the killing of|killing of|the assassination of|assassination of|the murder of|murder of"
        "|the execution of|execution of",
        KILLED,
        AFTER,
    ),
    _latin(
        "killing him|killing her|killed him|killed her|shot him|shot her|shooting him|shooting her|shot him dead"
        "|shot her dead|beheading him|beheading her|beheaded him|beheaded her|executing him|executing her"
        "|executed him|executed her|murdering him|murdering her|slaughtering him|slaughtering her|caused his death"
        "|caused her death|causing his death|causing her death|caused his immediate death|causing his immediate death"
        "|cutting his head off|cutting her head off|cutting his head|cutting her head|cutting his throat"
        "|cutting her throat|cut off his head|cut off her head",
        KILLED,
        PRONOUN,
        1,
    ),
    Predicate(
        re.compile(rf"{_BE} (?:wounded|injured|hurt)\b|\b(?:sustained|suffered) (?:\w+ )?(?:injuries|wounds)\b"),
        INJURED,
        BEFORE,
    ),
    _latin("wounded|injured", INJURED, EITHER),
    _latin(
        "wounding|injuring|wounds|injures|the injury of|injury of|the injuries of|injuries of|the wounding of"
        "|wounding of|injuries to",
        INJURED,
        AFTER,
    ),
    _latin(
        "wounding him|wounding her|injuring him|injuring her|wounded him|wounded her|injured him|injured her",
        INJURED,
        PRONOUN,
        1,
    ),
    Predicate(
        re.compile(
            rf"{_BE}(?: \w+)? (?:arrested|captured|detained|apprehended|caught|taken into custody|rounded up)\b"
        ),
        ARRESTED,
        BEFORE,
    ),
    _latin("arrested|captured|detained|apprehended|caught|nabbed", ARRESTED, EITHER),
    Predicate(re.compile(r"\b(?:took|take|takes|taking)\b(?=(?: \S+){1,6} into custody\b)"), ARRESTED, AFTER),
    _latin("arrests|captures|detains|nabs|arrest|capture|detain|apprehend", ARRESTED, AFTER),
    _latin(
        "arresting|capturing|detaining|apprehending|the arrest of|arrest of|the arrests of|arrests of|the capture of"
        "|capture of|the detention of|detention of|the apprehension of|apprehension of|picked up|rounded up",
        ARRESTED,
        AFTER,
    ),
    _latin(
        "arresting him|arresting her|capturing him|capturing her|detaining him|detaining her|arrested him"
        "|arrested her|captured him|captured her|detained him|detained her",
        ARRESTED,
        PRONOUN,
        1,
    ),
    _latin(
        "between killed and injured|between killed and wounded|between dead and injured|between dead and wounded"
        "|both killed and injured|killed and injured|killed and wounded|dead and injured|dead and wounded"
        "|killed or injured|killed or wounded|dead or wounded|casualties",
        BOTH,
        BEFORE,
    ),
    # Kurmanji (verb-final: the victims come before)
    _latin(
        "hat kustin|hatin kustin|hatine kustin|hatiye kustin|hatibun kustin|hat qetilkirin|hatin qetilkirin"
        "|hat sehidkirin|hatin sehidkirin|jiyana xwe ji dest da|jiyana xwe ji dest dan|jiyana xwe jidest da"
        "|jiyana xwe jidest dan|jiyana xwe ji destdan|cane xwe ji dest da|cane xwe ji dest dan|cane xwe jidest da"
        "|cane xwe jidest daye|cane xwe jidest dan|cane xwe ji dest daye|sehid bun|sehid bu|sehid bune|sehid bubun"
        "|sehid ketin|sehid ket|sehid bibu|sehid bibun|gihistin sehadete|gihist sehadete|mirin|mir|kust|kustin|kusti",
        KILLED,
        BEFORE,
    ),
    _latin(
        "sebeba sehadeta|sedema sehadeta|sebeba mirina|sedema mirina|sebeba kustina|sedema kustina", KILLED, PRONOUN, 1
    ),
    _latin(
        "birindar bun|birindar bu|birindar bune|birindar bubun|birindar ketin|birindar bibun|hat birindarkirin"
        "|hatin birindarkirin",
        INJURED,
        BEFORE,
    ),
    _latin(
        "hat girtin|hatin girtin|hatiye girtin|hatine girtin|hat desteserkirin|hatin desteserkirin|hat bincavkirin"
        "|hatin bincavkirin|hat destgirkirin|hatin destgirkirin|girtin|girt|desteser kir|desteser kirin"
        "|bincav kirin|destgir kirin",
        ARRESTED,
        BEFORE,
    ),
    _latin("kusti u birindar", BOTH, BEFORE),
    # Arabic (the victims come after: قُتل عنصر, مقتل عنصرين, أسفر عن إصابة ثلاثة; a verb may also follow them)
    _arabic(
        "قتل|قتلت|قتلوا|قتلا|قضى|توفي|استشهد|لقي|لقيا|لقوا|مقتولا|مقتولة|اغتال|اغتالت|اغتالوا|اغتيل|اغتيلا|أعدم|أعدموا"
        "|أعدمت|أعدم|ذبحوا",
        KILLED,
        EITHER,
    ),
    _arabic(
        "يقتل|تقتل|يقتلون|يغتال|تغتال|مقتل|استشهاد|مصرع|إعدام|ذبح|اغتيال|تصفية|وفاة|أودى بحياة|أودت بحياة|جثة|جثتي|جثث|جثمان",
        KILLED,
        AFTER,
    ),
    Predicate(
        re.compile(
            r"(?<!\S)(?:و|ف)?(?:ب|ل)?(?:فقد|فقدت|فقدا|فقدوا|فقدان)(?!\S)(?=(?: \S+){0,14} (?:ل)?(?:حياته|حياتها|حياتهما"
            r"|حياتهم)(?!\S))"
        ),
        KILLED,
        AFTER,
        scripts="arabic",
    ),
    _arabic(
        "فارق الحياة|فارقا الحياة|فارقوا الحياة|لقيا حتفهما|لقوا حتفهم|فجر نفسه|فجروا أنفسهم|فجرا نفسيهما",
        KILLED,
        BEFORE,
    ),
    _arabic(
        "مقتله|مقتلها|وفاته|وفاتها|مصرعه|إعدامه|اغتياله|ذبحه|قتله|قتلها|استشهاده|تصفيته|بحياته", KILLED, PRONOUN, 1
    ),
    Predicate(  # فجر انتحاري نفسه: the suicide attacker, one dead
        re.compile(r"(?<!\S)(?:و|ف)?(?:فجر (?:\S+ ){1,2}نفسه|فجرت (?:\S+ ){1,2}نفسها)(?!\S)"),
        KILLED,
        PRONOUN,
        1,
        scripts="arabic",
    ),
    _arabic("مقتلهما|وفاتهما|مصرعهما|إعدامهما|اغتيالهما|قتلهما|استشهادهما|بحياتهما", KILLED, PRONOUN, 2),
    _arabic("قتيل|قتيلا", KILLED, PRONOUN, 1),
    _arabic("قتيلين|قتيلان", KILLED, PRONOUN, 2),
    _arabic("قتلى", KILLED, BEFORE),
    _arabic("أصيب|أصيبت|أصيبا|أصيبوا|جرح|جرحت|يصاب", INJURED, EITHER),
    _arabic("إصابة|إصابات", INJURED, AFTER),
    _arabic("إصابته|إصابتها|جرحه", INJURED, PRONOUN, 1),
    _arabic("إصابتهما", INJURED, PRONOUN, 2),
    _arabic("جريح|جريحا|مصاب|مصابا", INJURED, PRONOUN, 1),
    _arabic("جريحين|جريحان", INJURED, PRONOUN, 2),
    _arabic("جرحى", INJURED, BEFORE),
    _arabic("اعتقل|اعتقلت|اعتقلوا|احتجزت|أسرت|أوقفت", ARRESTED, EITHER),
    _arabic("اعتقال|القبض على|إلقاء القبض على|احتجاز|أسر|توقيف", ARRESTED, AFTER),
    _arabic("اعتقاله|القبض عليه|احتجازه|أسره", ARRESTED, PRONOUN, 1),
    _arabic("اعتقالهما|القبض عليهما", ARRESTED, PRONOUN, 2),
    _arabic("قتلى وجرحى|قتلى ومصابين|قتيل وجريح|بين قتيل وجريح|بين قتيل ومصاب", BOTH, BEFORE),
    # Sorani (verb-final)
    _arabic(
        "کوژران|کوژرا|کوژراو|کوژرابوون|گیانیان لەدەستدا|گیانیان لەدەست دا|گیانی لەدەستدا|گیانی لەدەست دا|شەهید بوون"
        "|شەهیدبوون|شەهیدبون|شەهید کران",
        KILLED,
        BEFORE,
        sorani=True,
    ),
    _arabic(
        "بریندار بوون|برینداربوون|بریندار کران|بریندارکران|بریندار بوو|بریندار کرا|بریندارکرا",
        INJURED,
        BEFORE,
        sorani=True,
    ),
    _arabic(
        "دەستگیرکران|دەستگیرکرا|دەستگیر کران|دەستگیرکرد|دەستگیر کرد|دەستگیر بکەن|دەستگیرکراون|دەستبەسەر کران"
        "|دەستبەسەرکران|دەستگیرکردووە",
        ARRESTED,
        BEFORE,
        sorani=True,
    ),
]
NONE_STATED = Phrases(
    "no casualties|no injuries|no deaths|no fatalities|no human losses|no human casualties|no one was hurt"
    "|no one was injured|no one was killed|nobody was hurt|nobody was injured|nobody was killed|without casualties"
    "|without any casualties|without causing casualties|without causing any casualties|without injuries"
    "|without any injuries|only material damage|only caused material damage|only material losses"
    "|caused only material damage|causing only material damage|caused only material losses|no loss of life"
    "|did not result in casualties|did not result in any casualties|did not cause casualties"
    "|did not cause any casualties|did not result in injuries|no casualties were reported|دون وقوع إصابات"
    "|دون تسجيل إصابات|دون إصابات|لم يسفر عن إصابات|لم يسفر عن وقوع إصابات|لم تسفر عن إصابات|دون وقوع خسائر بشرية"
    "|دون خسائر بشرية|لا إصابات|دون وقوع أي إصابات|لم تسجل أي إصابات|اقتصرت الأضرار على الماديات|أضرار مادية فقط"
    "|دون أن يسفر عن إصابات|tu kes birindar|tu kes neh",
    proclitics=True,
)
DIED_OF_WOUNDS = Phrases(
    "died of his wounds|died of her wounds|died of their wounds|died from his wounds|died from his injuries"
    "|died of his injuries|died of their injuries|succumbed to his wounds|succumbed to his injuries"
    "|succumbed to her wounds|succumbed to their wounds|succumbed to their injuries|توفي متأثرا|متأثرا بجراحه"
    "|متأثرين بجراحهم|متأثرة بجراحها|فارق الحياة متأثرا|توفيا|فارقا الحياة|فارقوا الحياة|فارق الحياة",
    proclitics=True,
)
