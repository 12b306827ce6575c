"""What public pages say in the reader's language beyond the templates: the selection in words, an incident's
one-line summary and toll, months, the counting rule.

English keeps the domain's own sentences (``IncidentFilter.describe``, ``report.sections``); the other
languages build theirs from the same parts through catalogue templates ("{noun} in {regions}"), so a
translator decides the word order. Labels come from the vocabularies in the reader's language, place
names from the gazetteer's spellings for that language.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from gettext import NullTranslations
from typing import Annotated

from fastapi import Depends, Request

from marsad.domain.filters import COUNTED_WORDS, COUNTING_RULE, IncidentFilter
from marsad.domain.incident import Incident
from marsad.domain.keys import Kind
from marsad.domain.phrases import Phrase
from marsad.domain.ranges import count_range
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.i18n import formats
from marsad.i18n.catalogues import N_, translations
from marsad.i18n.phrases import translated
from marsad.report.counting import counted_grades_words
from marsad.report.sections import casualty_text, incident_summary
from marsad.web.deps import application_of
from marsad.web.localization import language_of

# The domain's English sentences that pages show as they are: translated by their English text.
DOMAIN_SENTENCES = (
    N_("incidents of a counted grade inside the monitored area, less any an editor left out with a reason"),
    N_(
        "Counted as the monthly reports count: incidents of a counted grade inside the monitored area, less any "
        "an editor left out with a reason."
    ),
    N_("Including incidents the reports do not count (of a grade not counted, or outside the monitored area)."),
    N_("Only incidents the reports do not count (of a grade not counted, or outside the monitored area)."),
    N_("North-East Syria"),
    N_("not confirmed"),
    N_("outside the monitored area"),
)
_NOUNS: dict[str, str] = {Kind.ATTACK: N_("attacks"), Kind.RAID: N_("raids"), Kind.OTHER: N_("other events")}


@dataclass(frozen=True)
class ReaderWords:
    """The words of one language, with the vocabularies and place names in it."""

    code: str
    vocab: Vocabularies  # in the reader's language
    gazetteer: Gazetteer

    @cached_property
    def _catalogue(self) -> NullTranslations:
        return translations(self.code)

    def _(self, message: str, **values: object) -> str:
        """The message in this language; values that are phrases (an error's words) are translated too."""
        text = self._catalogue.gettext(message)
        if not values:
            return text
        return text.format(**{k: translated(v, self.code) if isinstance(v, Phrase) else v for k, v in values.items()})

    def number(self, value: int) -> str:
        return formats.number(value, self.code)

    def month(self, year: int, month: int) -> str:
        return formats.month_label(year, month, self.code)

    def day(self, day: dt.date) -> str:
        return formats.day_label(day, self.code)

    def place(self, name: str | None) -> str:
        return self.gazetteer.local_name(name, self.code) if name else ""

    @property
    def counting_rule(self) -> str:
        return self._(COUNTING_RULE)

    @property
    def counted_grades(self) -> str:
        """Which grades the figures count: "Counted: confirmed and fair." in this language."""
        return counted_grades_words(self.vocab, self.code)

    def counting(self, selection: IncidentFilter) -> str:
        return self._(COUNTED_WORDS[selection.counted])

    def describe(self, selection: IncidentFilter, area: str | None = None) -> str:
        """The selection in words: "ISIS attacks in Jazira, July 2019" / "هجمات داعش في الجزيرة، تموز 2019"."""
        if self.code == "en":
            return selection.describe(self.vocab, area=area)
        _, vocab = self._, self.vocab
        noun = self._list([_(_NOUNS.get(k, "incidents")) for k in selection.kinds]) or _("incidents")
        if selection.is_empty():
            return _("All incidents") if selection.counted is None else noun
        if selection.perpetrators:
            noun = _(
                "{noun} by {actors}",
                noun=noun,
                actors=self._list([vocab.actors.label(a) for a in selection.perpetrators]),
            )
        if selection.types:
            noun = _("{noun} ({types})", noun=noun, types=self._list([vocab.types.label(t) for t in selection.types]))
        if selection.attributions:
            labels = [vocab.attributions.label(a) for a in selection.attributions]
            noun = _("{noun}, {attribution}", noun=noun, attribution=self._list(labels))
        if selection.grades:
            labels = [vocab.grades.label(g) for g in selection.grades]
            noun = _("{noun} graded {grades}", noun=noun, grades=self._list(labels))
        if selection.confirmed:
            noun = _("confirmed {noun}", noun=noun)
        elif selection.confirmed is False:
            noun = _("unconfirmed {noun}", noun=noun)
        if selection.with_casualties:
            noun = _("{noun} with casualties", noun=noun)
        if selection.regions:
            noun = _(
                "{noun} in {regions}",
                noun=noun,
                regions=self._list([vocab.regions.label(r) for r in selection.regions]),
            )
        elif area:
            noun = _("{noun} in {regions}", noun=noun, regions=_(area))
        if selection.text:
            noun = _("{noun} mentioning “{text}”", noun=noun, text=selection.text)
        when = self.period(selection.date_from, selection.date_to)
        sentence = _("{noun}, {period}", noun=noun, period=when) if when else noun
        if selection.counted is None and selection.counted_default is not None:
            sentence = _("{noun}, including those not counted", noun=sentence)
        return sentence

    def period(self, start: dt.date | None, end: dt.date | None) -> str:
        if start and end:
            if start.day == 1 and end == start.replace(day=calendar.monthrange(start.year, start.month)[1]):
                return self.month(start.year, start.month)
            if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
                return str(start.year)
            return self._("{start} to {end}", start=self.day(start), end=self.day(end))
        if start:
            return self._("since {day}", day=self.day(start))
        if end:
            return self._("until {day}", day=self.day(end))
        return ""

    def _list(self, items: list[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return self._("{items} and {last}", items=self._separator().join(items[:-1]), last=items[-1])

    def _separator(self) -> str:
        return "، " if self.code in ("ar", "ckb") else ", "

    def summary(self, incident: Incident) -> str:
        """What, who, where and the toll in one line (a raid names the group raided)."""
        if self.code == "en":
            return incident_summary(incident, self.vocab)
        vocab = self.vocab
        what, who = vocab.types.label(incident.type), vocab.actors.label(incident.perpetrator)
        if incident.attribution != "unknown":
            who = f"{who} ({vocab.attributions.label(incident.attribution)})"
        where = self.place(incident.place or incident.admin2 or incident.admin1) or self._("unknown place")
        if incident.region:
            where = f"{where}{self._separator()}{vocab.regions.label(incident.region)}"
        head = self._("{what} against {who}", what=what, who=who) if incident.kind == Kind.RAID else f"{what} — {who}"
        toll = self.casualties(incident)
        return f"{head} — {where}" + (f" — {toll}" if toll else "")

    def casualties(self, incident: Incident) -> str:
        """The tolls an incident reports, zeros left out, each with its range where the sources give one:
        "Civilians killed: 7 (5–9) · Arrested: 2"."""
        if self.code == "en":
            return casualty_text(incident)
        parts = []
        for field, words in (
            ("military_killed", N_("Military killed: {n}")),
            ("military_injured", N_("Military injured: {n}")),
            ("civilian_killed", N_("Civilians killed: {n}")),
            ("civilian_injured", N_("Civilians injured: {n}")),
            ("perpetrators_killed", N_("Perpetrators killed: {n}")),
            ("unknown_killed", N_("Killed, status unknown: {n}")),
            ("arrests", N_("Arrested: {n}")),
        ):
            spread = count_range(incident, field)
            if spread and spread.worth_telling:
                figure = formats.with_range(spread.best, spread.low, spread.high, self.code)
                parts.append(self._(words, n=figure))
        return " · ".join(parts)


def reader_words(request: Request) -> ReaderWords:
    code = language_of(request).code
    application = application_of(request)
    return ReaderWords(code, application.vocabularies.in_language(code), application.gazetteer)


WordsDep = Annotated[ReaderWords, Depends(reader_words)]
