"""Quick entry: a statement or news item pasted into the desk pre-fills the incident form.

A first, simple version: it recognises the date (English or Arabic, absolute or "yesterday"), a place in the
gazetteer, the type and perpetrator by the vocabularies' spellings, casualty and arrest numbers written in
English, whether the attack was claimed, and a source URL. It fills nothing it is unsure of, and says what it
recognised so the researcher can check every field before saving.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateparser.search import search_dates

from marsad.domain.vocabulary import Term, Vocabularies, Vocabulary, fold
from marsad.gazetteer.gazetteer import Gazetteer, Place

LEVANTINE_MONTHS = {
    "كانون الثاني": "January",
    "شباط": "February",
    "آذار": "March",
    "نيسان": "April",
    "أيار": "May",
    "حزيران": "June",
    "تموز": "July",
    "آب": "August",
    "أيلول": "September",
    "تشرين الأول": "October",
    "تشرين الثاني": "November",
    "كانون الأول": "December",
}
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
NUMBER_WORDS = {word: value for value, word in enumerate(_WORDS.split())}
NUMBER = r"(\d{1,4}|" + "|".join(NUMBER_WORDS) + r")"
MILITARY = re.compile(
    r"\b(fighters?|soldiers?|members?|sdf|asayish|guards?|officers?|commanders?|personnel|security|militiam[ae]n)\b"
)
CIVILIAN = re.compile(r"\b(civilians?|child(ren)?|wom[ae]n|m[ae]n|shepherds?|farmers?|workers?|people|residents?)\b")
# What a real date mention holds (dateparser also reads "2 in an" as a date): a year, a month, a day name.
DATEISH = re.compile(
    r"\d{4}|yesterday|today|tonight|أمس|اليوم|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass
class QuickEntry:
    """Form values recognised in a text, and what was recognised, in words, to check."""

    values: dict[str, str] = field(default_factory=dict)
    sources: list[dict[str, str]] = field(default_factory=list)
    recognised: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)


def read_text(text: str, vocab: Vocabularies, gazetteer: Gazetteer, today: dt.date | None = None) -> QuickEntry:
    """Pre-fill an incident form from a statement or news item."""
    entry = QuickEntry()
    normal = _normalised(text)
    _date(normal, today or dt.date.today(), entry)
    _place(normal, gazetteer, entry)
    type_term = _term(normal, vocab.types, exclude={"other"})
    if type_term:
        entry.values |= {"type": type_term.key, "kind": type_term.kind or "attack"}
        entry.recognised.append(f"type {type_term.label}")
    actor = _term(normal, vocab.actors, exclude={"unknown"})
    if actor:
        entry.values["perpetrator"] = actor.key
        entry.recognised.append(f"perpetrator {actor.label}")
        if re.search(r"\bclaim|تبنى|تبنّى", normal, re.IGNORECASE):
            entry.values["attribution"] = "claimed"
            entry.recognised.append("claimed")
        elif re.search(r"\bsuspect|\bbelieved\b|يشتبه", normal, re.IGNORECASE):
            entry.values["attribution"] = "suspected"
            entry.recognised.append("suspected")
    _counts(normal, entry)
    urls = URL.findall(text)
    if urls:
        entry.sources.append({"url": urls[0].rstrip(".,;)")})
        entry.recognised.append("a source URL")
    description = " ".join(URL.sub("", text).split())
    if description:
        entry.values["description"] = description[:600]
    return entry


def _normalised(text: str) -> str:
    normal = text.translate(ARABIC_DIGITS)
    for arabic, english in LEVANTINE_MONTHS.items():
        normal = normal.replace(arabic, f" {english} ")
    return " ".join(normal.split())


def _date(text: str, today: dt.date, entry: QuickEntry) -> None:
    settings = {"RELATIVE_BASE": dt.datetime.combine(today, dt.time()), "PREFER_DATES_FROM": "past"}
    for written, moment in search_dates(text, languages=["en", "ar"], settings=settings) or []:
        day = moment.date()
        if DATEISH.search(written) and dt.date(today.year - 30, 1, 1) <= day <= today:
            entry.values["date"] = day.isoformat()
            entry.recognised.append(f"date {day.isoformat()} (from “{written.strip()}”)")
            return


def _place(text: str, gazetteer: Gazetteer, entry: QuickEntry) -> None:
    words = re.findall(r"[\w’'-]+", text)
    best: tuple[int, Place, str] | None = None
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            candidates = [phrase, phrase[1:]] if phrase[:1] in ("ب", "و", "ل") else [phrase]  # بالحسكة, والرقة
            for candidate in candidates:
                place = gazetteer.resolve(candidate) if len(candidate) > 2 else None
                if place and place.curated and (best is None or size > best[0]):
                    best = (size, place, candidate)
        if best:
            break
    if best:
        _, place, written = best
        entry.values |= {
            "place": place.name,
            "latitude": f"{place.latitude:.5f}",
            "longitude": f"{place.longitude:.5f}",
            "geo_precision": "town",
        }
        entry.recognised.append(f"place {place.name} (from “{written}”)")


def _term(text: str, vocabulary: Vocabulary, exclude: set[str]) -> Term | None:
    """The term whose label or alias appears in the text; the longest spelling wins (car bomb over bomb)."""
    words_only = re.sub(r"[^\w\s-]", " ", text)
    folded = f" {fold(words_only)} "
    found: tuple[int, Term] | None = None
    for term in vocabulary:
        if term.key in exclude:
            continue
        for spelling in (term.label, term.key, *term.aliases):
            written = fold(spelling)
            endings = r"(?:s|es|ed|ing)?" if written.isascii() else ""  # raid, raids, raided
            longer = found is None or len(written) > found[0]
            if len(written) > 2 and longer and re.search(rf" {re.escape(written)}{endings} ", folded):
                found = (len(written), term)
    return found[1] if found else None


def _count(count: int, who: str, what: str, entry: QuickEntry) -> None:
    side = "military" if MILITARY.search(who) else "civilian" if CIVILIAN.search(who) else None
    if side is None:
        entry.unsure.append(f"{count} {what}: military or civilian? Fill in the right box.")
        return
    name = f"{side}_{what}"
    entry.values[name] = str(int(entry.values.get(name, "0")) + count)
    entry.recognised.append(f"{count} {side} {what}")


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _counts(text: str, entry: QuickEntry) -> None:
    lower = text.lower()
    for verb, acting, what in (
        (r"killed|dead|died|martyred", r"killing|killed|kills|shot dead|shooting dead", "killed"),
        (r"injured|wounded|hurt", r"wounding|injuring|wounded|injured", "injured"),
    ):
        number_first = rf"\b{NUMBER}\s+((?:[\w-]+\s+){{0,4}}?)(?:were\s+|was\s+)?(?:{verb})\b"  # 2 SDF fighters killed
        verb_first = rf"\b(?:{acting})\s+{NUMBER}\s+((?:[\w-]+\s*){{0,3}})"  # killing two SDF fighters
        for pattern in (number_first, verb_first):
            for match in re.finditer(pattern, lower):
                _count(_number(match.group(1)), match.group(2), what, entry)
    after = rf"\b(?:arrested|detained|captured)\s+{NUMBER}\b"
    before = rf"\b{NUMBER}\s+(?:[\w-]+\s+){{0,3}}?(?:were\s+)?(?:arrested|detained)\b"
    arrests = re.search(f"{after}|{before}", lower)
    if arrests:
        count = _number(arrests.group(1) or arrests.group(2))
        entry.values["arrests"] = str(count)
        entry.recognised.append(f"{count} arrested")
