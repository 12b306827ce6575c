"""Calendar months: the unit of the monthly report and of every record and streak."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


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
        try:
            parsed = dt.datetime.strptime(text.strip(), "%Y-%m")
        except ValueError:
            raise ValueError(f"'{text}' is not a month (expected YYYY-MM)") from None
        return cls(parsed.year, parsed.month)

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


def month_range(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last`` inclusive."""
    months, current = [], first
    while current <= last:
        months.append(current)
        current = current.shift(1)
    return months
