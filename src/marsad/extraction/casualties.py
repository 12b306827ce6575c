"""Killed, injured and arrested: how many, and who (military, civilian, the attackers or suspects).

A verb of death, injury or arrest is found first; its victims are read from the words before it (English
passives, Kurdish word order) or after it (English actives, Arabic). Each group of people gives a count:
digits or number words, an Arabic dual, one for "a member" / "عنصر" / "şervanekî" / "another"; vague
quantities ("several", عدد من) give none. Groups in one sentence add up ("four ISF members and two SDF
fighters" = 6); a toll repeated in a later sentence is not counted twice. "No casualties" is 0.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from marsad.extraction.numbers import NUMBER, arabic_dual, number_value
from marsad.extraction.roles import role_of
from marsad.extraction.suggestion import Evidence, Extraction, Suggestion, evidence
from marsad.extraction.text import Document, normalise_phrase


def _ar(*phrases: str) -> str:
    return "|".join(re.escape(normalise_phrase(p)) for p in phrases)


def _ckb(*phrases: str) -> str:
    return "|".join(re.escape(normalise_phrase(p, sorani=True)) for p in phrases)


_PROCLITIC = r"(?:و|ف|ب|ل)?"
# (pattern, what, where the victims are). Patterns run on Document.normal.
VERBS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(
            r"\b(?:were|was|been|be|got|are|is)(?: \w+)? (?:killed|shot dead|martyred|slaughtered|executed|beheaded"
            r"|assassinated|found dead|found slaughtered)\b"
        ),
        "killed",
        "before",
    ),
    (
        re.compile(r"\b(?:died|lost (?:their|his|her) li(?:ves|fe)|blew (?:themselves|himself) up|perished)\b"),
        "killed",
        "before",
    ),
    (re.compile(r"\b(?:killing(?: of)?|killed|shot dead|executed|beheaded|slaughtered|death of)\b"), "killed", "after"),
    (re.compile(r"\b(?:caused|causing) (?:his|her) (?:immediate )?death\b|\bkilling (?:him|her)\b"), "killed", "him"),
    (re.compile(r"\b(?:were|was|been|be|got|are|is)(?: \w+)? (?:wounded|injured|hurt)\b"), "injured", "before"),
    (re.compile(r"\b(?:wounding|injuring|wounded|injured)\b"), "injured", "after"),
    (
        re.compile(r"\b(?:were|was|been|be|got|are|is)(?: \w+)? (?:arrested|captured|detained|apprehended)\b"),
        "arrested",
        "before",
    ),
    (
        re.compile(
            r"\b(?:arrested|captured|detained|apprehended|picked up|caught|arrest of|detention of|capture of)\b"
        ),
        "arrested",
        "after",
    ),
    (
        re.compile(
            rf"(?<!\S){_PROCLITIC}(?:{_ar('مقتل', 'قتل', 'قتلوا', 'استشهاد', 'مصرع', 'إعدام', 'ذبح', 'اغتيال', 'أودى بحياة', 'قضى', 'لقي حتفه')})(?!\S)"
        ),
        "killed",
        "after",
    ),
    (
        re.compile(
            rf"(?<!\S)(?:{_ar('قتلوا', 'قتلا', 'لقوا حتفهم', 'فارقوا الحياة', 'فارقا الحياة', 'فارق الحياة')})(?!\S)"
        ),
        "killed",
        "before",
    ),
    (re.compile(rf"(?<!\S){_PROCLITIC}(?:{_ar('فقدان')})(?!\S)"), "killed", "after"),
    (
        re.compile(
            rf"(?<!\S){_PROCLITIC}(?:{_ar('إصابة', 'أصيب', 'اصيب', 'جرح', 'وجرح', 'إصابات', 'جرحى', 'أصيبوا')})(?!\S)"
        ),
        "injured",
        "after",
    ),
    (
        re.compile(rf"(?<!\S){_PROCLITIC}(?:{_ar('اعتقال', 'اعتقل', 'اعتقلت', 'القبض على', 'احتجاز', 'أسر')})(?!\S)"),
        "arrested",
        "after",
    ),
    (
        re.compile(
            r"\b(?:hatin|hat) kustin\b|\bkust\b|\bcane xwe ji ?dest da\w*|\bjiyana xwe ji ?dest da\w*|\bmirin\b"
        ),
        "killed",
        "before",
    ),
    (re.compile(r"\bbirindar (?:bun|bu|bune|kirin)\b"), "injured", "before"),
    (re.compile(r"\b(?:hatin|hat) girtin\b|\bgirtin\b|\bgirt\b|\bdestgir kirin\b"), "arrested", "before"),
    (
        re.compile(rf"(?<!\S)(?:{_ckb('کوژران', 'کوژرا', 'گیانیان لەدەستدا', 'گیانی لەدەستدا')})(?!\S)"),
        "killed",
        "before",
    ),
    (re.compile(rf"(?<!\S)(?:{_ckb('بریندار بوون', 'برینداربوون', 'بریندار')})(?!\S)"), "injured", "before"),
    (re.compile(rf"(?<!\S)(?:{_ckb('دەستگیرکران', 'دەستگیرکرا', 'دەستگیر کران')})(?!\S)"), "arrested", "before"),
]
BOUNDARY = re.compile(r" (?:[.;:!?؛]|\bsaid\b|\breported\b|\bwhile\b|\bwhere\b|\bafter\b|\bwhen\b) ")
PARTS = re.compile(r" (?:and|,|as well as|including|plus|u|،) |(?<= )(?=و)")
VAGUE = re.compile(
    r"\b(?:several|number of|numerous|dozens?|hundreds|scores|many|multiple|some|few|tens|unknown number)\b|"
    + _ar("عدد من", "عشرات", "العشرات", "نحو", "العديد")
    + r"|\bbi dehan\b|\bgelek\b"
)
PEOPLE = re.compile(
    r"\b(?:people|persons?|members?|fighters?|soldiers?|troops|civilians?|refugees?|elements?|child(?:ren)?"
    r"|wom[ae]n|m[ae]n|militants?|employees?|drivers?|others?|comrades|guards?|workers?|shepherds?|commanders?"
    r"|officers?|leaders?|suspects?|persons|individuals|policem[ae]n|cells?|mercenar(?:y|ies)|emirs?|head|them"
    r"|mukhtar|officials?|isis|daesh|is|sdf|asayish|youths?|boys?|girls?|brothers?|relatives|wanted|teachers?"
    r"|doctors?|jihadists?|fighter|servan\w*|kes\w*|endam\w*|welati\w*|ceteye?|serceteye?)\b"
)
SINGLE = re.compile(
    r"^(?:an?|one|another|the|his|her) (?:\S+ ){0,3}?(?:member|fighter|element|soldier|civilian|child|woman|man"
    r"|commander|head|employee|driver|shepherd|mukhtar|official|leader|refugee|guard|officer|person|boy|girl"
    r"|teacher|doctor|suspect|militant|facilitator|emir|youth|isis \w+)\b"
)
KURDISH_ONE = re.compile(r"^(?:\S+ ){0,4}?(?:servan|welati|kes|endam|cete|sercete|sivil)\w*?(?:ek|eke|eki|eke|yek)\b")
NONE_STATED = re.compile(
    r"\b(?:no (?:casualties|injuries|deaths|one was (?:hurt|injured|killed))|without (?:any )?(?:casualties|"
    r"injuries)|only material (?:damage|losses)|no human (?:losses|casualties)|no loss of life)\b|"
    + _ar("دون وقوع إصابات", "دون تسجيل إصابات", "دون إصابات", "لم يسفر عن إصابات", "دون وقوع خسائر بشرية", "لا إصابات")
    + r"|\btu kes (?:birindar|neh)"
)
ARABIC_COUNTABLE = _ar(
    "عنصر",
    "عناصر",
    "شخص",
    "أشخاص",
    "طفل",
    "أطفال",
    "مدني",
    "مدنيين",
    "مقاتل",
    "مقاتلين",
    "جندي",
    "جنود",
    "شاب",
    "لاجئ",
    "لاجئا",
    "لاجئة",
    "امرأة",
    "نساء",
    "راعي",
    "حارس",
    "قيادي",
    "قياديا",
    "آخر",
    "آخرين",
    "آخرون",
    "آخران",
    "منهم",
    "مسلحين",
    "عناصره",
    "مواطن",
    "مواطنين",
    "أمير",
    "أميرين",
)
ARABIC_ONE = re.compile(
    rf"^(?:{_ar('أحد', 'احد')} )?(?:{_ar('عنصر', 'شخص', 'طفل', 'مدني', 'جندي', 'شاب', 'لاجئ', 'لاجئا', 'امرأة', 'راعي', 'حارس', 'قيادي', 'قياديا', 'آخر', 'مواطن', 'رجل', 'أمير', 'مسؤول', 'مختار')})(?!\S)"
)
ARABIC_OTHERS = re.compile(rf"^(?:{_ar('آخرين', 'آخرون', 'اخرين')})")


MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|" + _ar(
    "آب", "تموز", "أيار", "نيسان", "آذار", "شباط", "حزيران", "أيلول"
)


@dataclass(frozen=True)
class Group:
    count: int
    role: str | None
    sentence: int
    span: tuple[int, int]


def read_counts(doc: Document, extraction: Extraction, raid: bool) -> None:
    """Add killed / injured / arrested totals and their military, civilian and attackers' parts."""
    normal = doc.normal
    sentences = [m.start() for m in re.finditer(r"(?:^| [.!?؛] )", normal)]
    groups: dict[str, list[Group]] = defaultdict(list)
    vague: set[str] = set()
    verbs = [(m, what, where) for pattern, what, where in VERBS for m in doc.finditer(pattern)]
    verbs.sort(key=lambda v: v[0].start())
    claimed_by_spans = {v[0].span() for v in verbs}
    befores = {v[0].span() for v in verbs if v[2] == "before"}
    for match, what, where in verbs:
        if where == "before" and _inside_longer(match, claimed_by_spans):
            continue
        if where != "before" and _inside_longer(match, befores):
            continue
        sentence = sum(1 for s in sentences if s <= match.start())
        window, offset = _window(normal, match, where, verbs)
        found = _groups(window, offset, sentence, doc.language)
        if where == "him" and not found:
            found = [Group(1, _last_person_role(normal, match.start()), sentence, match.span())]
        if where == "after" and not found and doc.language in {"ar"} and what != "arrested":
            window, offset = _window(normal, match, "before", verbs)
            found = _groups(window, offset, sentence, doc.language, nearest_only=True)
        if found is None:
            vague.add(what)
            continue
        groups[what].extend(found)
    if (
        re.search(_ar("فارقا الحياة", "فارقوا الحياة", "فارق الحياة", "توفي متأثرا", "توفيا"), normal)
        and not groups["killed"]
    ):
        groups["killed"], groups["injured"] = groups["injured"], []  # injured, then died: counted as killed
    for what in ("killed", "injured", "arrested"):
        _suggest(doc, extraction, what, groups[what], what in vague, raid)
    zero_match = doc.search(NONE_STATED)
    if zero_match:
        zero = zero_match
        for what in ("killed", "injured"):
            if what not in extraction.suggestions:
                extraction.add(Suggestion(what, 0, 0.9, evidence(doc, zero), f"“{doc.words(*zero.span())}”"))


def _inside_longer(match: re.Match[str], spans: set[tuple[int, int]]) -> bool:
    return any(a <= match.start() and match.end() <= b and (a, b) != match.span() for a, b in spans)


def _window(
    normal: str, match: re.Match[str], where: str, verbs: list[tuple[re.Match[str], str, str]]
) -> tuple[str, int]:
    """The words on the victims' side of a verb, up to a clause boundary or another verb."""
    if where == "before":
        start = max(0, match.start() - 160)
        for other, _, _ in verbs:
            if other.end() <= match.start() and other.end() > start:
                start = other.end()
        text = normal[start : match.start()]
        cuts = list(BOUNDARY.finditer(text))
        if cuts:
            start, text = start + cuts[-1].end(), text[cuts[-1].end() :]
        return text.strip(), start
    end = min(len(normal), match.end() + 120)
    for other, _, _ in verbs:
        if other.start() >= match.end() and other.start() < end:
            end = other.start()
    text = normal[match.end() : end]
    cut = BOUNDARY.search(text)
    if cut:
        text = text[: cut.start()]
    return text.strip(), match.end()


def _groups(window: str, offset: int, sentence: int, language: str, nearest_only: bool = False) -> list[Group] | None:
    """Counted groups of people in a window; None when the count is vague."""
    if not window:
        return []
    found: list[Group] = []
    parts = [p for p in PARTS.split(window) if p and p.strip()]
    if nearest_only:
        parts = parts[-1:]
    for raw in parts:
        part = raw.strip(' “”"«»()')
        part = re.sub(r"^(?:at least|about|some|approximately|more than|over|nearly) ", "", part)
        at = window.find(raw)
        span = (offset + max(at, 0), offset + max(at, 0) + len(raw))
        if VAGUE.search(part):
            if re.search(NUMBER, part) is None:
                return None
            continue
        count = _count(part, language)
        if count is not None:
            found.append(Group(count, role_of(part), sentence, span))
    return found


def _count(part: str, language: str) -> int | None:
    words = part.split()
    if not words:
        return None
    cell = re.match(rf"^an? ({NUMBER}) (?:member |strong |mercenary )?", part)
    if cell and number_value(cell.group(1)) is not None:
        return number_value(cell.group(1))
    reach = 2 if language == "en" else 4
    for index, word in enumerate(words[:reach]):
        value = number_value(word)
        if index and re.fullmatch(MONTH_WORD, words[index - 1]):
            return None
        if value is not None and value < 2000:
            rest = " ".join(words[index + 1 : index + 6])
            bare = index == 0 and re.match(r"(?:in|on|at|near|and|while|during|inside)\b", rest)
            if not rest or bare or PEOPLE.search(rest) or re.search(ARABIC_COUNTABLE, rest) or language != "en":
                if re.match(r"(?:km|kilomet|kilometer|kilometers|days?|hours?|years?|%|metres|meters)\b", rest):
                    return None
                return value
            return None
    for word in words[:3]:
        if arabic_dual(word):
            return 2
        noun_then_number = re.match(rf"^(?:\S+) ({NUMBER})(?!\S)", part)
        if noun_then_number and re.match(ARABIC_COUNTABLE, part):
            return number_value(noun_then_number.group(1))
    if SINGLE.search(part) or ARABIC_ONE.search(part) or KURDISH_ONE.search(part):
        return 1
    if re.match(r"^(?:him|her)\b", part):
        return 1
    return None


def _last_person_role(normal: str, before: int) -> str | None:
    context = normal[max(0, before - 120) : before]
    return role_of(context)


def _suggest(doc: Document, extraction: Extraction, what: str, groups: list[Group], vague: bool, raid: bool) -> None:
    if not groups:
        return
    by_sentence: dict[int, list[Group]] = defaultdict(list)
    for group in groups:
        by_sentence[group.sentence].append(group)
    # The sentence with the largest toll speaks for the incident; others usually repeat it.
    chosen = max(by_sentence.values(), key=lambda gs: (sum(g.count for g in gs), -gs[0].sentence))
    unique: dict[tuple[int, int], Group] = {g.span: g for g in chosen}
    total = sum(g.count for g in unique.values())
    proofs = evidence(doc, *(g.span for g in unique.values()))
    confidence = 0.6 if vague else 0.85
    words = "; ".join(f"“{e.text}”" for e in proofs)
    extraction.add(Suggestion(what, total, confidence, proofs, f"{total} {what} from {words}"))
    if what == "arrested":
        return
    by_role: dict[str, int] = defaultdict(int)
    for group in unique.values():
        if group.role:
            by_role[group.role] += group.count
    for role, count in by_role.items():
        if role == "perpetrator" or not raid:
            proof: tuple[Evidence, ...] = evidence(doc, *(g.span for g in unique.values() if g.role == role))
            name = f"{'perpetrators' if role == 'perpetrator' else role}_{what}"
            extraction.add(Suggestion(name, count, confidence, proof, f"{count} {role} {what}"))
