"""IncidentFilter: one description of "which incidents" for the map, the table, the API, exports and reports.

It parses from query parameters or CLI options, renders back to a shareable query string and describes
itself in words ("attacks in Jazira, July 2019"). The storage layer turns it into SQL.

The public surfaces (map, dataset, API) parse with ``IncidentFilter.public``: unless asked for
``counted=all``, they count as the monthly reports do (``COUNTING_RULE``), so every number agrees.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlencode

from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import UnknownTermError, Vocabularies, Vocabulary
from marsad.domain.wording import join_words, noun_form

# Filter attribute -> (query parameter, vocabulary name)
_TERM_PARAMS = {
    "kinds": ("kind", "kinds"),
    "regions": ("region", "regions"),
    "types": ("type", "types"),
    "perpetrators": ("perpetrator", "actors"),
    "attributions": ("attribution", "attributions"),
    "grades": ("grade", "grades"),
    "statuses": ("status", "statuses"),
}
_BOOL_PARAMS = {"confirmed": "confirmed", "counted": "counted", "with_casualties": "casualties"}
TERM_PARAMS = tuple(p for p, _ in _TERM_PARAMS.values())  # these take several values, the others one
PARAMS = ("from", "to", "month", *TERM_PARAMS, *_BOOL_PARAMS.values(), "q")
# What each parameter does, for the API's documentation (and anyone who reads a shared URL).
PARAM_HELP = {
    "from": "On or after this day (YYYY-MM-DD).",
    "to": "On or before this day (YYYY-MM-DD).",
    "month": "A whole month (YYYY-MM); instead of from and to.",
    "kind": "attack, raid or other (keys or labels; several comma-separated).",
    "region": "Analysis regions, e.g. jazira,deir_ez_zor (keys, labels or aliases).",
    "type": "Types, e.g. ied,assassination.",
    "perpetrator": "For attacks the actor held responsible, for raids the group raided, e.g. isis or Daesh.",
    "attribution": "claimed, attributed, suspected or unknown.",
    "status": "published (the only status the public sees).",
    "grade": "Confidence grades, e.g. confirmed,fair (keys or labels; the vocabulary defines each).",
    "confirmed": "true or false: graded confirmed or not (from before grades; grade=confirmed says the same).",
    "counted": "Public default: counted as the monthly reports count (of a counted grade, in the monitored area). "
    "all to include those not counted; false for those alone.",
    "casualties": "true: only incidents with someone killed or injured.",
    "q": "Words in the description or the place; a place name in any spelling the gazetteer knows "
    "(Arabic, Kurdish, Latin, a slight misspelling) also finds the incidents recorded at that place.",
}
# The years a selection may name: wider than any dataset, and narrow enough that the period just before the
# longest selection (every comparison needs one) is still a calendar date.
FIRST_YEAR, LAST_YEAR = 1900, 2199
_TRUE = {"1", "true", "yes", "y", "on"}
_FALSE = {"0", "false", "no", "n", "off"}
_ALL = {"all", "any"}  # counted=all: counted or not (the public default is the reports' rule)

# The reports' counting rule, in the words every surface shows beside its figures.
COUNTING_RULE = "incidents of a counted grade inside the monitored area, less any an editor left out with a reason"
COUNTED_WORDS = {
    True: f"Counted as the monthly reports count: {COUNTING_RULE}.",
    None: "Including incidents the reports do not count (of a grade not counted, or outside the monitored area).",
    False: "Only incidents the reports do not count (of a grade not counted, or outside the monitored area).",
}


@dataclass(frozen=True)
class PlaceName:
    """A place the gazetteer found for a search, with every spelling it knows (text search alone misses them)."""

    name: str
    spellings: tuple[str, ...]


PlaceResolver = Callable[[str], Sequence[PlaceName]]


class FilterError(ValueError):
    """A filter parameter that cannot be understood; names the parameter and what it accepts."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(Phrase("{param}: {message}", param=param, message=message))


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
    grades: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    confirmed: bool | None = None
    counted: bool | None = None
    with_casualties: bool = False
    text: str | None = None
    places: tuple[PlaceName, ...] = ()  # places the text names, from the gazetteer (not a parameter of its own)
    # what ``counted`` is when the parameters leave it out; kept so that to_params round-trips
    counted_default: bool | None = field(default=None, compare=False)

    @classmethod
    def for_month(cls, year: int, month: int, **narrowing: object) -> IncidentFilter:
        last = calendar.monthrange(year, month)[1]
        return cls(date_from=dt.date(year, month, 1), date_to=dt.date(year, month, last)).narrow(**narrowing)

    def narrow(self, **changes: object) -> IncidentFilter:
        return replace(self, **changes)  # type: ignore[arg-type]

    def with_places(self, resolve: PlaceResolver) -> IncidentFilter:
        """This filter with the places its search text names (any spelling the resolver knows)."""
        return self.narrow(places=tuple(resolve(self.text))) if self.text else self

    @classmethod
    def public(
        cls,
        params: Mapping[str, str | Sequence[str] | None],
        vocab: Vocabularies,
        places: PlaceResolver | None = None,
    ) -> IncidentFilter:
        """A public surface's selection: the reports' counting rule unless ``counted=all``; ``q`` also finds places."""
        selection = cls.from_params(params, vocab, counted_default=True)
        return selection.with_places(places) if places else selection

    @classmethod
    def from_params(
        cls,
        params: Mapping[str, str | Sequence[str] | None],
        vocab: Vocabularies,
        counted_default: bool | None = None,
    ) -> IncidentFilter:
        """Parse query parameters (repeated or comma-separated values; aliases accepted)."""
        unknown = sorted(set(params) - set(PARAMS))
        if unknown:
            raise FilterError(unknown[0], Phrase("is not a filter; filters are {filters}", filters=", ".join(PARAMS)))
        values: dict[str, object] = {"counted_default": counted_default, "counted": counted_default}
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
            if raw and attr == "counted" and raw.strip().lower() in _ALL:
                values[attr] = None
            elif raw:
                values[attr] = _parse_bool(param, raw)
        text = _single(params, "q")
        if text and text.strip():
            values["text"] = text.strip()
        built = cls(**values)  # type: ignore[arg-type]
        if built.date_from and built.date_to and built.date_from > built.date_to:
            raise FilterError("from", Phrase("{start} is after 'to' ({end})", start=built.date_from, end=built.date_to))
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
        if self.counted != self.counted_default:
            out["counted"] = "all" if self.counted is None else str(self.counted).lower()
        if self.confirmed is not None:
            out["confirmed"] = str(self.confirmed).lower()
        if self.with_casualties:
            out["casualties"] = "true"
        if self.text:
            out["q"] = self.text
        return out

    def to_query_string(self) -> str:
        return urlencode(self.to_params())

    def is_empty(self) -> bool:
        """True when nothing narrows the selection beyond the surface's default."""
        derived = ("places", "counted_default", "counted")
        return self.counted == self.counted_default and all(
            getattr(self, f.name) == f.default for f in fields(self) if f.name not in derived
        )

    @property
    def counting(self) -> str:
        """The counting rule this selection follows, in words."""
        return COUNTED_WORDS[self.counted]

    def describe(self, vocab: Vocabularies, count: int | None = None, area: str | None = None) -> str:
        """The selection in words, e.g. "claimed ISIS attacks in Jazira, July 2019"; the nouns agree with
        ``count`` when it is given ("1 attack", said after the figure); ``area`` names where the incidents are
        when no region narrows them ("ISIS attacks in North-East Syria, 2025")."""
        many = 2 if count is None else count
        kinds = [noun_form(many, vocab.kinds.label(k).lower()) for k in self.kinds]
        noun = join_words(kinds) or noun_form(many, "incident")
        if self.is_empty():
            return "All incidents" if self.counted is None else noun.capitalize()
        if self.types:
            noun = f"{join_words([vocab.types.label(t) for t in self.types])} {noun}"
        if self.perpetrators:
            noun = f"{join_words([vocab.actors.label(a) for a in self.perpetrators], 'or')} {noun}"
        if self.attributions:
            noun = f"{join_words([vocab.attributions.label(a).lower() for a in self.attributions], 'or')} {noun}"
        if self.grades:
            noun = f"{noun} graded {join_words([vocab.grades.label(g).lower() for g in self.grades], 'or')}"
        if self.confirmed is not None:
            noun = f"{'confirmed' if self.confirmed else 'unconfirmed'} {noun}"
        if self.counted is not None and self.counted != self.counted_default:  # the default is said beside
            noun = f"{'counted' if self.counted else 'uncounted'} {noun}"
        if self.with_casualties:
            noun = f"{noun} with casualties"
        if self.regions:
            noun = f"{noun} in {join_words([vocab.regions.label(r) for r in self.regions])}"
        elif area:
            noun = f"{noun} in {area}"
        if self.text:
            noun = f"{noun} mentioning “{self.text}”"
            other = [p.name for p in self.places if p.name.casefold() != self.text.casefold()]
            if other:
                noun = f"{noun} or at {join_words(other, 'or')}"
        if self.statuses:
            noun = f"{noun} ({join_words([vocab.statuses.label(s).lower() for s in self.statuses], 'or')})"
        when = _describe_period(self.date_from, self.date_to)
        sentence = f"{noun}, {when}" if when else noun
        if self.counted is None and self.counted_default is not None:
            sentence = f"{sentence}, including those not counted"
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
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise FilterError(param, Phrase("'{text}' is not a date (expected YYYY-MM-DD)", text=raw)) from None
    _check_year(param, day.year)
    return day


def _parse_month(raw: str) -> tuple[int, int]:
    try:
        parsed = dt.datetime.strptime(raw.strip(), "%Y-%m")
    except ValueError:
        raise FilterError("month", Phrase("'{text}' is not a month (expected YYYY-MM)", text=raw)) from None
    _check_year("month", parsed.year)
    return parsed.year, parsed.month


def _check_year(param: str, year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FilterError(
            param,
            Phrase(
                "{year} is outside the years a selection can name ({first}-{last})",
                year=year,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            ),
        )


def _parse_bool(param: str, raw: str) -> bool:
    folded = raw.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise FilterError(param, Phrase("'{text}' is not true or false", text=raw))


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
