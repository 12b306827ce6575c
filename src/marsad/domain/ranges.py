"""A count's range: its low, best and high estimates, as every page, export and report reads them.

An incident keeps the best estimate of each count (``civilian_killed``) and, beside it, a low and a high
(``civilian_killed_low``, ``civilian_killed_high``); a blank low or high is the best estimate itself, so that
records from before ranges read as exact counts. ``count_range`` is the one place that rule is applied to an
incident (storage.aggregates.MEASURES applies it in SQL, to sum without loading incidents).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.domain.incident import RANGE_FIELDS, Incident

RANGE_DASH = "–"  # en dash, as "5–9 killed" is written


@dataclass(frozen=True, slots=True)
class CountRange:
    """How many at least, most likely and at most (all three equal for an exact count)."""

    low: int
    best: int
    high: int

    @property
    def exact(self) -> bool:
        return self.low == self.best == self.high

    def __add__(self, other: CountRange) -> CountRange:
        """Two counts together ("1 military and 7 (5–9) civilians" are 8 (6–10) people)."""
        return CountRange(self.low + other.low, self.best + other.best, self.high + other.high)

    @property
    def worth_telling(self) -> bool:
        """Not nothing: some reported, or a range that allows some (0, or as many as 2)."""
        return bool(self.best) or not self.exact

    def span(self) -> str:
        """ "5–9" (i18n.formats.number_range writes it in a language's own separators)."""
        return f"{self.low:,}{RANGE_DASH}{self.high:,}"


def stated_range(low: int, high: int) -> CountRange:
    """A count stated as its two ends ("5-9" in a best cell, "between 5 and 9 were killed"): the low is the best
    estimate, as Iraq Body Count's minimum is its figure (a total never counts more than the sources agree on)."""
    return CountRange(low, low, high)


def effective_range(best: int | None, low: int | None, high: int | None) -> CountRange | None:
    """The range of a count as stored: None when not reported, a blank bound being the best estimate."""
    if best is None:
        return None
    return CountRange(best if low is None else low, best, best if high is None else high)


def count_range(incident: Incident, name: str) -> CountRange | None:
    """The range of the count ``name`` (``civilian_killed``) of one incident, or None when not reported; a
    count kept without a range (``arrests``) is exact."""
    best = getattr(incident, name)
    if name not in RANGE_FIELDS:
        return effective_range(best, None, None)
    low, high = RANGE_FIELDS[name]
    return effective_range(best, getattr(incident, low), getattr(incident, high))
