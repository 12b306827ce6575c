"""How one figure compares: percent change, share, records since the dataset began, streaks, and the move
between two months in the terms a monitor would use ("double", "half", "up from 3 to 5")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from marsad.analysis.months import Month, month_range

# A figure is only a record once there is this much history to beat.
MIN_MONTHS_FOR_RECORD = 3
# "More than in any month to date" about one or two incidents is not news.
MIN_COUNT_FOR_NOTABLE_HIGH = 3
# Below this base a percentage misleads ("up 67%" for 3 to 5): the two figures are said instead.
MIN_BASE_FOR_PERCENT = 10
# "Double" or "half" is news only once one of the two figures reaches this size (1 to 2 is not a doubling).
MIN_COUNT_FOR_MULTIPLE = 6


def percent(part: int, whole: int) -> int:
    """``part`` as a whole percentage of ``whole``, rounded half away from zero."""
    if whole == 0:
        raise ValueError("a percentage of nothing is undefined")
    value = Decimal(part * 100) / Decimal(whole)
    return int(value.copy_abs().quantize(Decimal(1), rounding=ROUND_HALF_UP)) * (1 if value >= 0 else -1)


def change_pct(current: int, previous: int | None) -> int | None:
    """Percent change from ``previous``; None when there is no previous figure or it was zero."""
    if previous is None or previous == 0:
        return None
    return percent(current - previous, previous)


@dataclass(frozen=True)
class Figure:
    """One count for a period with everything a sentence may say about it."""

    count: int
    previous: int | None  # the period before; None before the dataset began
    year_earlier: int | None  # the same period a year before; None before the dataset began
    change_pct: int | None  # from ``previous``; None from nothing
    share_pct: int | None  # of the total of its breakdown; None for totals or an empty total
    record: str | None  # "high": more than in any earlier month; "low": fewer; None otherwise
    streak: int  # consecutive monthly rises (+n) or falls (-n) ending with this month; 0 for neither


def figure(
    series: Mapping[Month, int],
    month: Month,
    first: Month | None,
    total: int | None = None,
    history_from: Month | None = None,
) -> Figure:
    """The figure for ``month`` from a monthly series (missing months inside the dataset count as zero).

    ``first`` is the month the dataset begins: earlier months have no figure at all. Records and streaks
    look back to ``first``, or only to ``history_from`` when the series was fetched for fewer months (then
    no record is claimed).
    """

    def at(when: Month) -> int | None:
        if first is None or when < first:
            return None
        return series.get(when, 0)

    count = series.get(month, 0)
    previous = at(month.previous())
    since = max(first, history_from) if first and history_from else first
    history = [series.get(m, 0) for m in month_range(since, month.previous())] if since and since < month else []
    return Figure(
        count=count,
        previous=previous,
        year_earlier=at(month.year_earlier()),
        change_pct=change_pct(count, previous),
        share_pct=percent(count, total) if total else None,
        record=None if history_from else _record(count, history),
        streak=_streak([*history, count]),
    )


def _record(count: int, history: Sequence[int]) -> str | None:
    if len(history) < MIN_MONTHS_FOR_RECORD:
        return None
    if count > max(history):
        return "high"
    if count < min(history):
        return "low"
    return None


def _streak(values: Sequence[int]) -> int:
    """+n for n consecutive rises ending at the last value, -n for falls, 0 when the last step is flat."""
    streak = 0
    for before, after in zip(reversed(values[:-1]), reversed(values[1:]), strict=True):
        step = (after > before) - (after < before)
        if step == 0 or (streak and (step > 0) != (streak > 0)):
            break
        streak += step
    return streak


def notable_record(figure: Figure) -> str | None:
    """The record worth saying: any low, but a high only once the count is more than a handful."""
    if figure.record == "high" and figure.count < MIN_COUNT_FOR_NOTABLE_HIGH:
        return None
    return figure.record


class Move(StrEnum):
    """How a count moved from the period before, as a word a sentence in any language can render."""

    SAME = "same"
    FROM_NONE = "from_none"
    TO_NONE = "to_none"
    DOUBLE = "double"
    TRIPLE = "triple"
    MORE_THAN_DOUBLE = "more_than_double"
    MORE_THAN_TRIPLE = "more_than_triple"
    HALF = "half"
    LESS_THAN_HALF = "less_than_half"
    UP = "up"
    DOWN = "down"
    LITTLE_CHANGED = "little_changed"  # a percentage that rounds to 0 on a large base


MULTIPLES = frozenset(
    {Move.DOUBLE, Move.TRIPLE, Move.MORE_THAN_DOUBLE, Move.MORE_THAN_TRIPLE, Move.HALF, Move.LESS_THAN_HALF}
)


@dataclass(frozen=True)
class Change:
    """A count against the one before: the move, and a percentage only where the base makes it meaningful."""

    current: int
    previous: int
    move: Move
    pct: int | None  # percent change; None on a base under MIN_BASE_FOR_PERCENT, from none, or for a multiple

    @property
    def size(self) -> int:
        """The larger of the two counts: how much a move of this kind is worth saying."""
        return max(self.current, self.previous)

    @property
    def notable(self) -> bool:
        """A move worth a key point of its own: a multiple, or from or to none, on counts big enough to matter."""
        return self.size >= MIN_COUNT_FOR_MULTIPLE and (
            self.move in MULTIPLES or self.move in (Move.FROM_NONE, Move.TO_NONE)
        )


def compare(current: int, previous: int | None) -> Change | None:
    """The move from ``previous`` to ``current``; None when there is nothing to compare with."""
    if previous is None:
        return None
    move: Move
    pct = None
    if current == previous:
        move = Move.SAME
    elif previous == 0:
        move = Move.FROM_NONE
    elif current == 0:
        move = Move.TO_NONE
    elif max(current, previous) >= MIN_COUNT_FOR_MULTIPLE and (current >= 2 * previous or 2 * current <= previous):
        move = _multiple(current, previous)
    else:
        pct = change_pct(current, previous) if previous >= MIN_BASE_FOR_PERCENT else None
        move = Move.LITTLE_CHANGED if pct == 0 else Move.UP if current > previous else Move.DOWN
    return Change(current, previous, move, pct)


def _multiple(current: int, previous: int) -> Move:
    if current == 3 * previous:
        return Move.TRIPLE
    if current > 3 * previous:
        return Move.MORE_THAN_TRIPLE
    if current == 2 * previous:
        return Move.DOUBLE
    if current > 2 * previous:
        return Move.MORE_THAN_DOUBLE
    return Move.HALF if 2 * current == previous else Move.LESS_THAN_HALF


def meaningful_share(part: int, whole: int) -> int | None:
    """``part`` as a percentage of ``whole``, or None when ``whole`` is too small for a percentage to mean much."""
    return percent(part, whole) if whole >= MIN_BASE_FOR_PERCENT else None
