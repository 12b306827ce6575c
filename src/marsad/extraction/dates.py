"""The incident's date, only when the text states a day and a month; the year comes from the publication date.

A pattern finds the date phrases (a day next to a month name, in English, Arabic with Levantine months, or
Kurdish); ``dateparser`` parses them (``locales=["ar-SY"]`` knows آب and تشرين, plain ``ar`` does not). Its
``search_dates`` is never used: it reads dates into ordinary words. A weekday or "yesterday" alone gives
no date, "a November 11 bombing" is 11 November, and a date later than the publication month is last year's.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser

from marsad.extraction.suggestion import Extraction, Suggestion, evidence
from marsad.extraction.text import Document, alternation, normalise_phrase

ENGLISH_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_SHORT = {m[:3]: i + 1 for i, m in enumerate(ENGLISH_MONTHS)} | {"sept": 9}
ARABIC_MONTHS = {
    normalise_phrase(name): number
    for names, number in (
        (("كانون الثاني", "يناير"), 1),
        (("شباط", "فبراير"), 2),
        (("آذار", "مارس"), 3),
        (("نيسان", "أبريل", "ابريل"), 4),
        (("أيار", "مايو"), 5),
        (("حزيران", "يونيو"), 6),
        (("تموز", "يوليو"), 7),
        (("آب", "أغسطس", "اغسطس"), 8),
        (("أيلول", "سبتمبر"), 9),
        (("تشرين الأول", "أكتوبر"), 10),
        (("تشرين الثاني", "نوفمبر"), 11),
        (("كانون الأول", "ديسمبر"), 12),
    )
    for name in names
}
KURMANJI_MONTHS = {
    "cile": 1,
    "sibat": 2,
    "adar": 3,
    "nisan": 4,
    "gulan": 5,
    "hezîran": 6,
    "heziran": 6,
    "tirmeh": 7,
    "tebax": 8,
    "ilon": 9,
    "cotmeh": 10,
    "mijdar": 11,
    "berfanbar": 12,
    "kanun": 12,
}
_EN_MONTH = (
    r"(?P<month>"
    + "|".join([*ENGLISH_MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"])
    + r")\b"
)
_AR_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, ARABIC_MONTHS), key=len, reverse=True)) + r")(?!\S)"
_KU_MONTH = r"(?P<month>" + "|".join(KURMANJI_MONTHS) + r")\w*"
_DAY = r"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?: ,)? (?P<year>(?:19|20)\d\d)\b"
SORANI_MONTHS = {
    normalise_phrase(name, sorani=True): number
    for name, number in (
        ("کانوونی دووەم", 1),
        ("شوبات", 2),
        ("ئازار", 3),
        ("نیسان", 4),
        ("ئایار", 5),
        ("حوزەیران", 6),
        ("تەمموز", 7),
        ("ئاب", 8),
        ("ئەیلوول", 9),
        ("تشرینی یەکەم", 10),
        ("تشرینی دووەم", 11),
        ("کانوونی یەکەم", 12),
    )
}
_CKB_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, SORANI_MONTHS), key=len, reverse=True)) + r")(?:ي)?(?!\S)"
PHRASES = [
    re.compile(rf"\b{_DAY}(?: of)? {_EN_MONTH}(?:{_YEAR})?"),
    re.compile(rf"\b{_EN_MONTH}(?: \.)? (?:the )?{_DAY}\b(?:{_YEAR})?"),
    re.compile(rf"(?<!\S){_DAY} {_AR_MONTH}(?:{_YEAR})?"),
    re.compile(rf"(?<!\S){_DAY}(?:e|ye|a)?(?: e| ye| a)? {_KU_MONTH}(?:{_YEAR})?"),
    re.compile(rf"(?<!\S){_DAY}(?:ي)? {_CKB_MONTH}(?:{_YEAR})?"),
    # "the 24th of this month", "24 من الشهر الجاري": the publication's month
    re.compile(rf"\b(?:the )?{_DAY} of (?:this|the current|the same) month\b"),
    re.compile(rf"(?<!\S){_DAY} (?:من )?(?:" + alternation(("الشهر الجاري", "هذا الشهر", "الشهر الحالي")) + r")(?!\S)"),
]
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Dates that belong to a statement or a report, not to the incident.
NOT_INCIDENT_BEFORE = re.compile(
    r"\b(?:statement|report|published|issued|released|announced|press conference|claimed|claiming)\b[^.]{0,30}$"
)


def read_date(doc: Document, extraction: Extraction, published: dt.date | None) -> None:
    """Add the date the text states for the incident (confident only when the publication date is known)."""
    for pattern in PHRASES:
        for match in doc.finditer(pattern):
            if NOT_INCIDENT_BEFORE.search(doc.normal[max(0, match.start() - 60) : match.start()]):
                continue
            day = int(match.group("day"))
            if match.groupdict().get("month") is None:  # "the 24th of this month"
                if published is None:
                    continue
                month = published.month
            else:
                month = _month(match.group("month"))
            year_text = match.groupdict().get("year")
            reference = published or dt.date.today()
            year = int(year_text) if year_text else reference.year
            if not year_text and (month, day) > (reference.month, 31 if published else reference.day):
                year -= 1  # "December 30" in a January report is last year's
            written = doc.words(*match.span("month")) if match.groupdict().get("month") else ""
            parsed = _date(year, (_parsed_month(written, doc.language) if written else None) or month, day)
            if parsed is None or parsed > reference:
                continue  # a date after publication is not the incident's
            sure = year_text is not None or published is not None
            reason = f"“{doc.words(*match.span())}”" + ("" if sure else "; the year is assumed (no publication date)")
            extraction.add(Suggestion("date", parsed.isoformat(), 0.9 if sure else 0.5, evidence(doc, match), reason))
            return


def _month(word: str) -> int:
    if word in ARABIC_MONTHS:
        return ARABIC_MONTHS[word]
    if word in SORANI_MONTHS:
        return SORANI_MONTHS[word]
    for name, number in KURMANJI_MONTHS.items():
        if word.startswith(name):
            return number
    return (
        ENGLISH_MONTHS.index(word) + 1 if word in ENGLISH_MONTHS else _SHORT[word[:4] if word == "sept" else word[:3]]
    )


@lru_cache(maxsize=1024)
def _parsed_month(written: str, language: str) -> int | None:
    """The month a month name denotes, by ``dateparser`` (``ar-SY`` knows آب and تشرين; plain ``ar`` does not).
    Parsed once per spelling: month names are few, texts are many. Kurdish months, which it lacks, by table."""
    if language not in {"ar", "en"}:
        return None
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"}
    options = {"locales": ["ar-SY"]} if language == "ar" else {"languages": ["en"]}
    parsed = dateparser.parse(f"1 {written} 2001", settings=settings, **options)
    return None if parsed is None else parsed.month


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
