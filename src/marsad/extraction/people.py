"""Groups of people named in a text: how many ("two fighters", "عنصران", "şervanekî", "شەش ئەندامی") and who
they are (military, civilian, the attackers), in English, Arabic, Kurmanji and Sorani.

A group is read from normalised tokens (see text.py): a count (digits, number words, an Arabic dual, one for
an indefinite or definite singular — "a member", "the driver", "عنصر", "أحد عناصر", "kesek", "ئەندامێک") and a
person noun (nouns.py), followed by its affiliation ("of the SDF", "من قسد", "ya QSDê"). Who they are comes from the
noun and its affiliation: fighters, members of a force and security personnel are military; civilians,
refugees, children, shepherds civilian; militants, attackers and members of ISIS the attackers. Officials,
employees, workers, "people" are counted but not classed, as the codebook says. A vague quantity ("several",
"dozens", عدد من) makes the group vague: it gives no count, so nothing is guessed. A range, a bound or an
approximation ("between 5 and 9", "at least 7", "about ten") gives its low, best and high (quantities.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extraction.nouns import (
    ARABIC_NOUNS,
    CIVILIAN,
    DUAL,
    DUAL_OR_PLURAL,
    ENGLISH_NOUNS,
    KURMANJI_NOUNS,
    MILITARY,
    PERPETRATOR,
    PLURAL,
    SINGULAR,
    SORANI_NOUNS,
    Noun,
)
from marsad.extraction.quantities import Quantity, count_at, floor_after, read_quantity
from marsad.extraction.text import lexicon, normalise_word

# Words that say whose a group of members is: a force (military) or the attackers' group.
FORCE_WORDS = lexicon(
    "sdf asayish assayish isf ypg ypj hat tol army forces force checkpoint patrol security police military "
    "regiment brigade battalion division council coalition us american troops qsd hsd "
    "قسد الأسايش أسايش الأمن الداخلي قوات القوات قوى الجيش النظام الحكومية الشرطة الحاجز حاجز الدورية "
    "قواتنا سوريا الديمقراطية التحالف "
    "qsd qsdê hsd hsdê asayîş asayîşê artêş artêşa hêzên hêz ewlehî"
) | lexicon("هەسەدە هێزەکانی هێزەکان ئاسایش سوپا", sorani=True)
ATTACKER_WORDS = lexicon(
    "isis isil daesh daish is cell cells attackers attacking assailants militants jihadists "
    "داعش لداعش التنظيم لتنظيم تنظيم الخلية خلية خلايا المهاجمة المهاجمين الدولة "
    "daiş daişê daîş daîşê dais daise çete çeteyên şaneyê şane"
) | lexicon("داعش داعشیش داعشی", sorani=True)
# Quantities that are not counts: the group gives none (the field stays empty rather than guessed).
VAGUE_WORDS = lexicon(
    "several numerous dozens dozen hundreds scores many multiple some few tens unknown number "
    "about approximately nearly around roughly more over almost up "
    "عدد عشرات العشرات نحو حوالي العديد عدة بعض أكثر قرابة "
    "gelek hejmarek çend"
) | lexicon("ژمارەیەک چەندین زۆر", sorani=True)
# Words a group's noun phrase may continue through ("members *of the* SDF", "عنصر *من* قسد").
CONNECTORS = lexicon(
    "of the from ( ) - including among them his her their its our "
    "من في صفوف التابع التابعين التابعة لـ ضمن "
    "ji yê ya ên a ê ku "
)
# Words that end a group's noun phrase: where, when and by whom are not who.
STOPS = lexicon(
    "in on at near by during while after when with to into inside outside as who which that were was "
    "are is had have has been said and , . ; : ، ؛ "
    "على قرب خلال أثناء بعد عند إثر جراء نتيجة بسبب بينما فيما حيث الذي التي الذين يوم اليوم أمس "
    "li di de bi dema piştî"
)
WEEKDAYS = lexicon(
    "monday tuesday wednesday thursday friday saturday sunday "
    "الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد "
    "duşem sêşem çarşem pêncşem în şemî yekşem"
)
_ARABIC_PROCLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")
_ARABIC_POSSESSIVE = re.compile(r"(?:هما|هم|ها|ه)$")
_KURMANJI_SUFFIX = re.compile(r"(?:yeki|yeke|yek|eki|eke|ek|en|an|e|a|i|ye|yen)$")
_SORANI_SUFFIX = re.compile(r"(?:يكي|يك|هكه|هكان|هكاني|ييان|يان|ان|اني|ي)$")


@dataclass(frozen=True, slots=True)
class Group:
    """People a text counts: ``count`` (None when it is vague or not stated) and their ``role``. ``start`` and
    ``end`` are token indices of the words the group was read from."""

    count: int | None
    role: str | None
    start: int
    end: int
    vague: bool = False
    about: tuple[int, int] | None = None  # for a pronoun (مقتله, "killing him"): the words naming the person
    low: int | None = None  # the bounds a range or approximation states (quantities.py); None: not stated
    high: int | None = None
    sure: bool = True


@lru_cache(maxsize=65536)
def person_noun(token: str) -> Noun | None:
    """The person noun a normalised token is, with its prefixes and suffixes taken off, else None."""
    for table in (ENGLISH_NOUNS, ARABIC_NOUNS):
        if token in table:
            return table[token]
    if "\u0600" <= token[:1] <= "\u06ff":
        bare = _ARABIC_PROCLITIC.sub("", token)
        if bare != token and len(bare) >= 3 and bare in ARABIC_NOUNS:
            return ARABIC_NOUNS[bare]
        owned = _ARABIC_POSSESSIVE.sub("", bare)  # سائقها "its driver", مرافقه "his companion"
        if owned != bare and len(owned) >= 3 and owned in ARABIC_NOUNS:
            return ARABIC_NOUNS[owned]
        return _kurdish(token, SORANI_NOUNS, _SORANI_SUFFIX, {"يك": SINGULAR, "يكي": SINGULAR, "هكه": SINGULAR})
    one = {"ek": SINGULAR, "eki": SINGULAR, "eke": SINGULAR, "yek": SINGULAR, "yeki": SINGULAR, "yeke": SINGULAR}
    return _kurdish(token, KURMANJI_NOUNS, _KURMANJI_SUFFIX, one)


def _kurdish(token: str, table: dict[str, Noun], suffix: re.Pattern[str], singular: dict[str, int]) -> Noun | None:
    if token in table:
        return table[token]
    match = suffix.search(token)
    if match is None or token[: match.start()] not in table:
        return None
    noun = table[token[: match.start()]]
    ending = match.group()
    number = SINGULAR if ending in singular or ending in {"e", "a", "i", "ye", "هكه", "ي"} else PLURAL
    if ending in {"en", "an", "yen", "هكان", "ان", "اني", "هكاني", "يان", "ييان"}:
        number = PLURAL
    return Noun(noun.role, number, noun.affiliated)


def indefinite_one(token: str) -> bool:
    """Kurdish "one" written on the noun: şervanekî, kesek, ئەندامێک, چەکدارێکی."""
    if "\u0600" <= token[:1] <= "\u06ff":
        return bool(re.search(r"(?:يك|يكي)$", token)) and person_noun(token) is not None
    return bool(re.search(r"(?:ek|eki|eke)$", token)) and person_noun(token) is not None and token not in ENGLISH_NOUNS


SKIPPED = (
    frozenset({"on", "also", "reportedly", "yesterday", "today", "overnight", "early", "late", "instantly", ",", "،"})
    | WEEKDAYS
)
ONE = frozenset({"a", "an", "one", "another"})
THE = frozenset({"the", "his", "her"})
ONE_OF = frozenset({normalise_word(w) for w in ("أحد", "إحدى", "احد", "احدى")})


def read_group(tokens: list[str], start: int, end: int, language: str = "en", bare_count: bool = False) -> Group | None:
    """The group that begins at ``tokens[start]`` (a weekday or "on" may come first), before ``end``.

    ``bare_count``: a number with no person noun still counts ("killing 5 and wounding 3"), as it does right
    next to a verb of killing or injury."""
    i = start
    while i < min(end, start + 3) and tokens[i] in SKIPPED:
        i += 1
    if i >= end:
        return None
    vague = False
    quantity = read_quantity(tokens, i, end)
    if quantity is not None:
        return _quantified(tokens, i, end, language, quantity, bare_count)
    vague = tokens[i] in VAGUE_WORDS
    if vague:
        # "several fighters", "a number of suspects", عدد من العناصر: vague only if people follow
        noun_after = _noun_after(tokens, i + 1, end, reach=4)
        if noun_after is None and not (bare_count and i + 1 >= end):
            return None
        stop = _extent(tokens, (noun_after if noun_after is not None else i) + 1, end, language)
        return Group(None, role_of(tokens[i:stop]), i, stop, vague=True)
    token = tokens[i]
    count: int | None = None
    noun_at: int | None = None
    value = count_at(tokens, i)
    if value is not None:
        noun_at = _noun_after(tokens, i + 1, end)
        if noun_at is None and not (bare_count or _ends_group(tokens, i + 1, end)):
            return None
        if noun_at is None and _enclosed(tokens, i):
            return None  # "Seif Abdul Ajel, 22, was found": an age
        count = value
    elif token == "another" and i + 1 < end and (size := count_at(tokens, i + 1)) is not None:
        count, noun_at = size, _noun_after(tokens, i + 2, end)  # "another 40 were injured": 40, not one
    elif token in ONE and i + 1 < end and (size := count_at(tokens, i + 1)) is not None and _cell(tokens, i + 2, end):
        count, noun_at = size, None  # "a 7-mercenary ISIS cell", "a four-person cell"
    elif token in ONE and (sized := _cell_size(tokens, i + 1, end)) is not None:
        count, noun_at = sized  # "an ISIS cell consisting of four members", "a cell of three people"
    elif token in {"a", "an"} and i + 1 < end and tokens[i + 1] in ORDINALS:
        return Group(1, None, i, i + 2)  # "arrested three and killed a fourth": one more
    elif token in THE and i + 1 < end and (value := count_at(tokens, i + 1)) is not None:
        noun_at = _noun_after(tokens, i + 2, end)  # "the two suspects", "his three brothers"
        if noun_at is None:
            return None
        count = value
    elif token in ONE or token in THE or token in ONE_OF:
        noun_at = _noun_after(tokens, i + 1, end, reach=4 if token not in ONE_OF else 2)
        noun = person_noun(tokens[noun_at]) if noun_at is not None else None
        if token == "another" and noun_at is None:
            return Group(1, None, i, i + 1)
        if noun is None:
            return None
        if token in ONE_OF or noun.number == SINGULAR:
            count = 1
    else:
        noun = person_noun(token)
        if noun is None:
            return None
        noun_at = i
        following = count_at(tokens, i + 1) if i + 1 < end and language == "ar" else None
        if following is not None:
            count = following  # مدنيين اثنين: the number after the noun
        elif noun.number == DUAL:
            count = 2
        elif noun.number == DUAL_OR_PLURAL:
            vague = True  # مقاتلين: two, or more? The codebook leaves it empty
        elif noun.number == SINGULAR and (language in {"en", "ar"} or indefinite_one(token)):
            count = 1  # "civilian", عنصر, شخص, şervanekî, ئەندامێک: a singular noun is one person
        # a bare plural ("civilians were killed", عناصر, Kurdish nouns without -ek) states no count
    stop = _extent(tokens, (noun_at if noun_at is not None else i) + 1, end, language)
    after = floor_after(tokens, stop, end) if count is not None else 0
    if after:  # "قتل 7 مدنيين على الأقل": at least 7
        return Group(count, role_of(tokens[i:stop]), i, stop + after, low=count)
    return Group(count, role_of(tokens[i:stop]), i, stop)


def _quantified(tokens: list[str], i: int, end: int, language: str, quantity: Quantity, bare: bool) -> Group | None:
    """The group counted by a range or bound at ``tokens[i]`` ("between 5 and 9 civilians", "at least 7")."""
    noun_at = _noun_after(tokens, quantity.end, end)
    if noun_at is None and not (bare or _ends_group(tokens, quantity.end, end)):
        return None
    stop = _extent(tokens, (noun_at if noun_at is not None else quantity.end - 1) + 1, end, language)
    role = role_of(tokens[i:stop])
    return Group(quantity.best, role, i, stop, low=quantity.low, high=quantity.high, sure=quantity.sure)


def _enclosed(tokens: list[str], i: int) -> bool:
    return 0 < i < len(tokens) - 1 and tokens[i - 1] in {",", "(", "،"} and tokens[i + 1] in {",", ")", "،"}


CELL_WORDS = frozenset({"member", "strong", "man", "person", "mercenary", "militant", "cell", "group", "network"})


def _cell(tokens: list[str], start: int, end: int) -> bool:
    return any(t in CELL_WORDS for t in tokens[start : min(end, start + 3)])


ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh"})
SIZE_OPENERS = (("consisting", "of"), ("made", "up", "of"), ("composed", "of"), ("comprised", "of"), ("comprising",))


def _cell_size(tokens: list[str], start: int, end: int) -> tuple[int, int] | None:
    """How many a cell or group is said to have ("cell consisting of four members", "cell of 3"), and where that
    number stands."""
    for j in range(start, min(end, start + 3)):
        if tokens[j] in {"cell", "group"}:
            for opener in (*SIZE_OPENERS, ("of",)):
                at = j + 1 + len(opener)
                if tuple(tokens[j + 1 : at]) == opener and at < end and (size := count_at(tokens, at)) is not None:
                    return size, at
            return None
    return None


def _noun_after(tokens: list[str], start: int, end: int, reach: int = 8) -> int | None:
    for j in range(start, min(end, start + reach)):
        if tokens[j] in STOPS and tokens[j] not in {"of", "من"}:
            return None
        if person_noun(tokens[j]) is not None:
            return j
    return None


def _ends_group(tokens: list[str], start: int, end: int) -> bool:
    return start >= end or tokens[start] in STOPS or tokens[start] in CONNECTORS


def _extent(tokens: list[str], start: int, end: int, language: str) -> int:
    """Where a group's noun phrase ends: it runs through affiliations and names, up to a stop word."""
    j = start
    while j < min(end, start + 9):
        token = tokens[j]
        if token in STOPS and token not in {"and"}:
            break
        if token in {"and", "و", "u", "û"}:
            break
        if language == "ar" and token.startswith("ب") and token not in FORCE_WORDS:
            break  # ببلدة, برصاص: a place or a means, not who
        j += 1
    return j


def role_of(tokens: list[str]) -> str | None:
    """Who a group is, from its noun and affiliation: 'perpetrator', 'military', 'civilian' or None. An
    affiliation with ISIS makes fighters and members the attackers; with a force, members are military."""
    nouns = [n for t in tokens if (n := person_noun(t)) is not None]
    roles = [n.role for n in nouns if n.role]
    bare = [_bare(t) for t in tokens]
    attackers = next((i for i, t in enumerate(bare) if t in ATTACKER_WORDS or tokens[i] in ATTACKER_WORDS), None)
    forces = next((i for i, t in enumerate(bare) if t in FORCE_WORDS or tokens[i] in FORCE_WORDS), None)
    if attackers is not None and _former(tokens):
        attackers = None
    if PERPETRATOR in roles and CIVILIAN not in roles:
        return PERPETRATOR
    if attackers is not None and (forces is None or attackers < forces) and CIVILIAN not in roles:
        return PERPETRATOR
    if CIVILIAN in roles:
        return CIVILIAN
    if MILITARY in roles or (forces is not None and any(n.affiliated for n in nouns)):
        return MILITARY
    return None


@lru_cache(maxsize=65536)
def _bare(token: str) -> str:
    """An Arabic word without its proclitics (و ف ب ل ك, ال)."""
    return token if token.isascii() else _ARABIC_PROCLITIC.sub("", token)


def _former(tokens: list[str]) -> bool:
    """ "a former ISIS member", "accused of links with ISIS": not the attackers."""
    text = " ".join(tokens)
    return bool(re.search(r"\b(?:former|ex|accused|charges?|suspected of|belonging|links?)\b|سابق|بتهمة", text))
