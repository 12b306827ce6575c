"""Numbers, months and days as each language writes them (CLDR through Babel).

Figures keep Latin digits in every language, as the region's monitors print them beside dates and ids
(Arabic-Indic digits would make "2023-11-0042" and "12" look like two systems in one table); months are the
locale's own: تشرين الثاني in Arabic (ar_SY), تشرینی دووەم in Sorani, Mijdar in Kurmanji.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.numbers import format_decimal, format_percent

from marsad.i18n.languages import language


@lru_cache(
    maxsize=4096
)  # a page shows the same few small counts again and again; Babel formats each in tens of microseconds
def number(value: int | float, code: str) -> str:
    """ "1,887" in English and Arabic, "1.887" in Kurmanji: the locale's separators, Latin digits."""
    return format_decimal(value, locale=language(code).locale, numbering_system="latn")


def number_range(low: int, high: int, code: str) -> str:
    """ "5–9" in the locale's separators; isolated left to right in a right-to-left language, where the bare
    figures would read "9–5"."""
    text = f"{number(low, code)}–{number(high, code)}"  # domain.ranges.RANGE_DASH
    return f"\u2066{text}\u2069" if language(code).rtl else text


def with_range(best: int, low: int, high: int, code: str) -> str:
    """ "7", or "7 (5–9)" where the range differs from the best estimate."""
    figure = number(best, code)
    return figure if low == best == high else f"{figure} ({number_range(low, high, code)})"


def percent(value: int, code: str) -> str:
    """A whole percentage ("73%", Arabic "73%"), in the locale's pattern with Latin digits."""
    return format_percent(value / 100, locale=language(code).locale, numbering_system="latn")


def month_name(month: int, code: str, width: str = "wide") -> str:
    """The month's name standing alone ("November", "تشرين الثاني", "Mijdar", "تشرینی دووەم"); ``width``
    "abbreviated" for a chart's axis ("Nov", "Mjd"; Arabic and Sorani have no shorter names)."""
    name = str(language(code).babel.months["stand-alone"][width][month])
    return name[0].upper() + name[1:] if code == "ku" else name


def month_label(year: int, month: int, code: str) -> str:
    """ "November 2023", "تشرين الثاني 2023", "Mijdar 2023"."""
    return f"{month_name(month, code)} {year}"


def day_label(day: dt.date, code: str) -> str:
    """ "5 November 2023", "5 تشرين الثاني 2023" (the day, the month's name, the year)."""
    return f"{day.day} {month_name(day.month, code)} {day.year}"
