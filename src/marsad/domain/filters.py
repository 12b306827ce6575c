"""IncidentFilter: one description of "which incidents" for the map, the table, the API, exports and reports.

It parses from query parameters or CLI options, renders back to a shareable query string and describes
itself in words ("attacks in Jazira, July 2019"). The storage layer turns it into SQL.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

from marsad.domain.vocabulary import UnknownTermError, Vocabularies, Vocabulary

# Filter attribute -> (query parameter, vocabulary name)
_TERM_PARAMS = {
    "kinds": ("kind", "kinds"),
    "regions": ("region", "regions"),
    "types": ("type", "types"),
    "perpetrators": ("perpetrator", "actors"),
    "attributions": ("attribution", "attributions"),
    "statuses": ("status", "statuses"),
}
_BOOL_PARAMS = {"confirmed": "confirmed", "counted": "counted", "with_casualties": "casualties"}
PARAMS = ("from", "to", "month", *(p for p, _ in _TERM_PARAMS.values()), *_BOOL_PARAMS.values(), "q")
_TRUE = {"1", "true", "yes", "y", "on"}
_FALSE = {"0", "false", "no", "n", "off"}


class FilterError(ValueError):
    """A filter parameter that cannot be understood; names the parameter and what it accepts."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(f"{param}: {message}")


@dataclass(frozen=True)
class IncidentFilter:
    """Which incidents: every set attribute narrows the selection; an empty filter selects all."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kinds: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    confirmed: bool | None = None
    counted: bool | None = None
    with_casualties: bool = False
    text: str | None = None

    @classmethod
    def for_month(cls, year: int, month: int, **narrowing: object) -> IncidentFilter:
        last = calendar.monthrange(year, month)[1]
        return cls(date_from=dt.date(year, month, 1), date_to=dt.date(year, month, last)).narrow(**narrowing)

    def narrow(self, **changes: object) -> IncidentFilter:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_params(cls, params: Mapping[str, str | Sequence[str] | None], vocab: Vocabularies) -> IncidentFilter:
        """Parse query parameters (repeated or comma-separated values; aliases accepted)."""
        unknown = sorted(set(params) - set(PARAMS))
        if unknown:
            raise FilterError(unknown[0], f"is not a filter; filters are {', '.join(PARAMS)}")
        values: dict[str, object] = {}
        month = _single(params, "month")
        if month:
            year_month = _parse_month(month)
            last = calendar.monthrange(*year_month)[1]
            values["date_from"] = dt.date(*year_month, 1)
            values["date_to"] = dt.date(*year_month, last)
        for attr, param in (("date_from", "from"), ("date_to", "to")):
            raw = _single(params, param)
            if raw:
                values[attr] = _parse_date(param, raw)
        for attr, (param, vocab_name) in _TERM_PARAMS.items():
            terms = _terms(param, params.get(param), getattr(vocab, vocab_name))
            if terms:
                values[attr] = terms
        for attr, param in _BOOL_PARAMS.items():
            raw = _single(params, param)
            if raw:
                values[attr] = _parse_bool(param, raw)
        text = _single(params, "q")
        if text and text.strip():
            values["text"] = text.strip()
        built = cls(**values)  # type: ignore[arg-type]
        if built.date_from and built.date_to and built.date_from > built.date_to:
            raise FilterError("from", f"{built.date_from} is after 'to' ({built.date_to})")
        return built

    def to_params(self) -> dict[str, str]:
        """Query parameters that parse back to this filter (defaults left out)."""
        out: dict[str, str] = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        for attr, (param, _) in _TERM_PARAMS.items():
            terms: tuple[str, ...] = getattr(self, attr)
            if terms:
                out[param] = ",".join(terms)
        for attr, param in _BOOL_PARAMS.items():
            value = getattr(self, attr)
            if value is not None and (value or attr != "with_casualties"):
                out[param] = "true" if value else "false"
        if self.text:
            out["q"] = self.text
        return out

    def to_query_string(self) -> str:
        return urlencode(self.to_params())

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) == f.default for f in fields(self))

    def describe(self, vocab: Vocabularies) -> str:
        """The selection in words, e.g. "claimed ISIS attacks in Jazira, July 2019"."""
        noun = _join([vocab.kinds.label(k).lower() + "s" for k in self.kinds]) or "incidents"
        if self.is_empty():
            return "All incidents"
        if self.types:
            noun = f"{_join([vocab.types.label(t) for t in self.types])} {noun}"
        if self.perpetrators:
            noun = f"{_join([vocab.actors.label(a) for a in self.perpetrators], 'or')} {noun}"
        if self.attributions:
            noun = f"{_join([vocab.attributions.label(a).lower() for a in self.attributions], 'or')} {noun}"
        if self.confirmed is not None:
            noun = f"{'confirmed' if self.confirmed else 'unconfirmed'} {noun}"
        if self.counted is not None:
            noun = f"{noun} {'counted in' if self.counted else 'left out of'} headline figures"
        if self.with_casualties:
            noun = f"{noun} with casualties"
        if self.regions:
            noun = f"{noun} in {_join([vocab.regions.label(r) for r in self.regions])}"
        if self.text:
            noun = f"{noun} mentioning “{self.text}”"
        if self.statuses:
            noun = f"{noun} ({_join([vocab.statuses.label(s).lower() for s in self.statuses], 'or')})"
        when = _describe_period(self.date_from, self.date_to)
        sentence = f"{noun}, {when}" if when else noun
        return sentence[0].upper() + sentence[1:]


def _single(params: Mapping[str, str | Sequence[str] | None], name: str) -> str | None:
    value = params.get(name)
    if value is None or isinstance(value, str):
        return value
    return value[-1] if value else None


def _terms(param: str, raw: str | Sequence[str] | None, vocabulary: Vocabulary) -> tuple[str, ...]:
    if raw is None:
        return ()
    pieces: Iterable[str] = [raw] if isinstance(raw, str) else raw
    keys: list[str] = []
    for piece in pieces:
        for value in piece.split(","):
            if not value.strip():
                continue
            try:
                key = vocabulary.resolve(value.strip())
            except UnknownTermError as error:
                raise FilterError(param, str(error)) from None
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def _parse_date(param: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise FilterError(param, f"'{raw}' is not a date (expected YYYY-MM-DD)") from None


def _parse_month(raw: str) -> tuple[int, int]:
    try:
        parsed = dt.datetime.strptime(raw.strip(), "%Y-%m")
    except ValueError:
        raise FilterError("month", f"'{raw}' is not a month (expected YYYY-MM)") from None
    return parsed.year, parsed.month


def _parse_bool(param: str, raw: str) -> bool:
    folded = raw.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise FilterError(param, f"'{raw}' is not true or false")


def _join(words: Sequence[str], conjunction: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _describe_period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        if start.day == 1 and end == start.replace(day=calendar.monthrange(start.year, start.month)[1]):
            return start.strftime("%B %Y")
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
            return str(start.year)
        return f"{_day(start)} to {_day(end)}"
    if start:
        return f"since {_day(start)}"
    if end:
        return f"until {_day(end)}"
    return ""


def _day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"
