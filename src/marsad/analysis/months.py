"""Calendar months: the unit of the monthly report and of every record and streak."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.domain.filters import FIRST_YEAR, LAST_YEAR

_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"{self.month} is not a month number (1-12)")

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2023-11`` -> Month(2023, 11); a clear error otherwise."""
        return _parse(text.strip())

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def name(self) -> str:
        """The month's name alone, as sentences use it: "November"."""
        return calendar.month_name[self.month]

    @property
    def label(self) -> str:
        return f"{self.name} {self.year}"

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def previous(self) -> Month:
        return self.shift(-1)

    def year_earlier(self) -> Month:
        return self.shift(-12)

    def __str__(self) -> str:
        return self.key


@lru_cache(maxsize=4096)  # statistics parse the same few hundred month keys many times
def _parse(text: str) -> Month:
    match = _MONTH.fullmatch(text)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"'{text}' is not a month (expected YYYY-MM)")
    if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise ValueError(f"'{text}' is outside the years Marsad reports on ({FIRST_YEAR}-{LAST_YEAR})")
    return Month(int(match.group(1)), int(match.group(2)))


def month_range(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last`` inclusive."""
    months, current = [], first
    while current <= last:
        months.append(current)
        current = current.shift(1)
    return months
