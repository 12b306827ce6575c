"""The report's indicator series in words: each place's figures of the month, with the change since the figure
before and, under a total, each group's share of it.

"Camp population, al-Hol camp, 30 November 2023: total 49,432; Iraqis 24,147 (49%); Syrians 18,028 (36%);
third-country nationals 7,257 (15%)." Every language words it from the same figures through the catalogues.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from marsad.domain.series import SeriesPoint
from marsad.domain.vocabulary import Vocabularies
from marsad.i18n.catalogues import N_, gettext
from marsad.i18n.formats import day_label, number, percent

TOTAL = "total"
_SEPARATOR = {"ar": "؛ ", "ckb": "؛ "}
_GROUP_ORDER = {TOTAL: -1}


@dataclass(frozen=True)
class SeriesLine:
    """One place's figures of one indicator on one date, as one sentence (and the points it words)."""

    indicator: str
    place: str
    as_of: dt.date
    text: str
    points: tuple[SeriesPoint, ...]


def signed(change: int, code: str) -> str:
    """ "+1,200", "−776" (a minus sign, not a hyphen), in the locale's digits' grouping."""
    return f"+{number(change, code)}" if change > 0 else f"−{number(-change, code)}"


def _figure(point: SeriesPoint, total: int | None, vocab: Vocabularies, code: str) -> str:
    o = point.observation
    group = vocab.series_groups.label(o.group) if o.group in vocab.series_groups else o.group
    text = gettext(code, N_("%(group)s %(value)s")) % {"group": group, "value": number(o.value, code)}
    if o.low is not None or o.high is not None:
        low = number(o.low, code) if o.low is not None else "?"
        high = number(o.high, code) if o.high is not None else "?"
        text += f" ({low}–{high})"
    notes = []
    if total and o.group != TOTAL:
        notes.append(percent(round(100 * o.value / total), code))
    if point.previous is not None and point.change is not None:
        notes.append(
            gettext(code, N_("%(change)s since %(day)s"))
            % {
                "change": signed(point.change, code) if point.change else "±0",
                "day": day_label(point.previous.as_of, code),
            }
        )
    return text + (f" ({', '.join(notes)})" if notes else "")


def _sources(points: list[SeriesPoint], words: Vocabularies) -> list[str]:
    """Who states the figures, each once, as the public may see them (a field contact by its type alone)."""
    named: list[str] = []
    for point in points:
        source = point.observation.source.public()
        name = source.publisher or source.title
        if not name and source.source_type is not None and source.source_type in words.source_types:
            name = words.source_types.label(source.source_type)
        if name and name not in named:
            named.append(name)
    return named


def series_lines(points: list[SeriesPoint], vocab: Vocabularies, code: str = "en") -> list[SeriesLine]:
    """One sentence per indicator, place and date, in the vocabulary's order of indicators and groups (the
    total first)."""
    words = vocab.in_language(code)
    indicator_order = {key: n for n, key in enumerate(vocab.indicators.keys)}
    group_order = {key: n for n, key in enumerate(vocab.series_groups.keys)} | _GROUP_ORDER

    def where(point: SeriesPoint) -> tuple[int, str, str, dt.date]:
        o = point.observation
        return (indicator_order.get(o.indicator, len(indicator_order)), o.place.casefold(), o.place, o.as_of)

    lines = []
    for _, members in groupby(sorted(points, key=where), key=where):
        same = sorted(
            members, key=lambda p: (group_order.get(p.observation.group, len(group_order)), p.observation.group)
        )
        first = same[0].observation
        total = next((p.observation.value for p in same if p.observation.group == TOTAL), None)
        figures = _SEPARATOR.get(code, "; ").join(_figure(p, total, words, code) for p in same)
        label = words.indicators.label(first.indicator) if first.indicator in words.indicators else first.indicator
        text = gettext(code, N_("%(indicator)s, %(place)s, %(day)s: %(figures)s.")) % {
            "indicator": label,
            "place": first.place,
            "day": day_label(first.as_of, code),
            "figures": figures,
        }
        named = _sources(same, words)
        if named:
            text += " " + gettext(code, N_("Source: %(sources)s.")) % {"sources": ", ".join(named)}
        lines.append(SeriesLine(first.indicator, first.place, first.as_of, text, tuple(same)))
    return lines
