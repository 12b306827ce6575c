"""Indicator series: sourced figures that are not incidents (camp populations by group, repatriations by country).

One observation is one figure: an indicator (from the team's vocabulary), a place (a camp, a town, or any name),
a group (``total``, ``iraqis``…), the date it holds for, the value with an optional range, the source that
states it (the same source model as incidents) and a note. A series is every observation of one indicator,
place and group; the public sees an observation only when an editor has made it public.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import groupby

from marsad.domain.incident import MAX_COUNT, SOURCE_TEXT_LIMITS, Source
from marsad.domain.phrases import Phrase
from marsad.domain.rules import Problem, too_long
from marsad.domain.vocabulary import Vocabularies

PLACE_LIMIT = 200  # characters, as an incident's place
# Every field of the tidy CSV in order (one observation per row), with its HXL hashtag (hxlstandard.org).
SERIES_COLUMNS: tuple[tuple[str, str], ...] = (
    ("indicator", "#indicator+code"),
    ("place", "#loc+name"),
    ("group", "#population+group"),
    ("as_of", "#date"),
    ("value", "#affected+num"),
    ("low", "#affected+num+min"),
    ("high", "#affected+num+max"),
    ("source_url", "#meta+source+url"),
    ("source_title", "#meta+source+title"),
    ("source_publisher", "#meta+source"),
    ("source_type", "#meta+source+type"),
    ("source_language", "#meta+source+lang"),
    ("source_published", "#date+source+published"),
    ("source_accessed", "#date+source+accessed"),
    ("source_excerpt", "#meta+source+excerpt"),
    ("note", "#description+notes"),
    ("public", "#status+public"),
)
COLUMN_NAMES = tuple(name for name, _ in SERIES_COLUMNS)
HXL_TAGS = dict(SERIES_COLUMNS)
REQUIRED_COLUMNS = ("indicator", "place", "group", "as_of", "value")


@dataclass(slots=True)
class Observation:
    """One sourced figure of an indicator series."""

    indicator: str
    place: str
    group: str
    as_of: dt.date
    value: int
    low: int | None = None
    high: int | None = None
    source: Source = field(default_factory=Source)
    note: str | None = None
    public: bool = False
    id: int | None = None
    version: int = 1

    @property
    def series(self) -> tuple[str, str, str]:
        """Which series it belongs to: indicator, place and group."""
        return (self.indicator, self.place, self.group)

    def shown_publicly(self) -> Observation:
        """As the public may see it: a field contact's name and details never leave the team."""
        return replace(self, source=self.source.public())


def check_observation(observation: Observation, vocab: Vocabularies) -> list[Problem]:
    """What is wrong with an observation, field by field (nothing: it may be stored)."""
    problems: list[Problem] = []
    if observation.indicator not in vocab.indicators:
        allowed = ", ".join(vocab.indicators.keys) or Phrase("none: add indicators to the vocabulary file")
        problems.append(
            Problem(
                "indicator",
                Phrase(
                    "'{indicator}' is not a known indicator; allowed: {allowed}",
                    indicator=observation.indicator,
                    allowed=allowed,
                ),
            )
        )
    if observation.group not in vocab.series_groups:
        allowed = ", ".join(vocab.series_groups.keys) or Phrase("none: add series_groups to the vocabulary file")
        problems.append(
            Problem(
                "group",
                Phrase("'{group}' is not a known group; allowed: {allowed}", group=observation.group, allowed=allowed),
            )
        )
    place = observation.place.strip()
    if not place:
        problems.append(Problem("place", Phrase("is required (a camp, a town, or any name)")))
    elif len(place) > PLACE_LIMIT:
        problems.append(Problem("place", too_long(len(place), PLACE_LIMIT)))
    for name in ("value", "low", "high"):
        number = getattr(observation, name)
        if number is not None and not 0 <= number <= MAX_COUNT:
            problems.append(
                Problem(name, Phrase("{n} is not a count from 0 to {most}", n=number, most=format(MAX_COUNT, ",")))
            )
    if observation.low is not None and observation.low > observation.value:
        problems.append(
            Problem("low", Phrase("{low} is more than the value {value}", low=observation.low, value=observation.value))
        )
    if observation.high is not None and observation.high < observation.value:
        problems.append(
            Problem(
                "high", Phrase("{high} is less than the value {value}", high=observation.high, value=observation.value)
            )
        )
    if observation.as_of > dt.date.today() + dt.timedelta(days=1):
        problems.append(Problem("as_of", Phrase("{day} is in the future", day=observation.as_of.isoformat())))
    source = observation.source
    if not (source.url or source.title or source.publisher):
        problems.append(Problem("source_url", Phrase("a figure needs its source: give a link, a title or a publisher")))
    if source.source_type is not None and source.source_type not in vocab.source_types:
        problems.append(Problem("source_type", Phrase("'{key}' is not a known source type", key=source.source_type)))
    for name, limit in SOURCE_TEXT_LIMITS.items():
        value = getattr(source, name)
        if value is not None and len(value) > limit:
            problems.append(Problem(f"source_{name}", too_long(len(value), limit)))
    return problems


@dataclass(frozen=True)
class SeriesPoint:
    """An observation with the one before it in its series (None for the first)."""

    observation: Observation
    previous: Observation | None

    @property
    def change(self) -> int | None:
        """The value minus the previous one, or None when there is nothing to compare with."""
        return None if self.previous is None else self.observation.value - self.previous.value


def latest_points(observations: Iterable[Observation]) -> list[SeriesPoint]:
    """Each series' newest observation with the one before it, in the order indicator, place, group."""
    points = []
    ordered = sorted(observations, key=lambda o: (*o.series, o.as_of))
    for _, members in groupby(ordered, key=lambda o: o.series):
        series = list(members)
        points.append(SeriesPoint(series[-1], series[-2] if len(series) > 1 else None))
    return points


def points_in(observations: Iterable[Observation], first: dt.date, last: dt.date) -> list[SeriesPoint]:
    """Every observation dated from ``first`` to ``last``, each with the observation before it in its series
    (which may be older than ``first``); ``observations`` holds the series' history up to ``last``."""
    points = []
    ordered = sorted(observations, key=lambda o: (*o.series, o.as_of))
    for _, members in groupby(ordered, key=lambda o: o.series):
        previous: Observation | None = None
        for observation in members:
            if first <= observation.as_of <= last:
                points.append(SeriesPoint(observation, previous))
            previous = observation
    return points
