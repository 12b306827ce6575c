"""Everything one monthly report shows, gathered once for every renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from marsad.analysis.keypoints import KeyPoint, key_facts
from marsad.analysis.months import Month
from marsad.analysis.statistics import MonthStats, Scope, month_stats
from marsad.domain.access import Access
from marsad.domain.incident import Incident
from marsad.domain.series import SeriesPoint, points_in
from marsad.domain.vocabulary import DEFAULT_COUNTED_GRADES, Vocabularies
from marsad.i18n.catalogues import N_, gettext
from marsad.i18n.formats import day_label, month_label
from marsad.report.counting import counted_grades_words
from marsad.report.draft import ReportDraft, Section
from marsad.report.key_point_languages import key_point_sentences
from marsad.storage.queries import iter_incidents
from marsad.storage.series_store import series_history


@dataclass(frozen=True)
class Issue:
    """When the report came out: published on a day, or generated (or previewed) on one."""

    day: dt.date
    published: bool

    def __str__(self) -> str:
        return self.label("en")

    def label(self, language: str) -> str:
        """ "Published 2 December 2026", "نُشر في 2 كانون الأول 2026"."""
        when = day_label(self.day, language)
        return (
            gettext(language, N_("Published %(day)s")) if self.published else gettext(language, N_("Generated %(day)s"))
        ) % {"day": when}


@dataclass(frozen=True)
class MonthlyReport:
    stats: MonthStats
    key_points: list[str]
    counted: list[Incident]  # the month's counted attacks and raids, with their sources
    not_counted: list[Incident]  # reported but left out of the figures, with the reason
    custom_title: str | None = None
    sections: tuple[Section, ...] = ()  # the editors' narrative, placed after generated parts
    facts: tuple[KeyPoint, ...] = ()  # what the generated key points say, for renderers in other languages
    issue: Issue | None = None  # None: undated (e.g. a golden file)
    language: str = "en"  # what the generated text is written in (en, ar, ku, ckb)
    english_key_points: tuple[str, ...] = ()  # the same points in English, as the editors' draft holds them
    counted_grades: tuple[str, ...] = DEFAULT_COUNTED_GRADES  # the grades the figures count (the setting)
    counting_words: str = ""  # the same in words, in ``language``: "Counted: confirmed and fair."
    series: tuple[SeriesPoint, ...] = ()  # the month's indicator figures, each with the one before it

    @property
    def title(self) -> str:
        if self.custom_title:
            return self.custom_title
        month = self.stats.month
        if self.language != "en":
            label = month_label(month.year, month.month, self.language)
            return gettext(self.language, N_("Monthly report: %(month)s")) % {"month": label}
        noun = self.stats.scope.noun
        return f"{noun[0].upper()}{noun[1:]} in {self.stats.scope.area}: {month.label}"

    @property
    def incidents(self) -> list[Incident]:
        """Every incident the report lists, counted or not."""
        return [*self.counted, *self.not_counted]

    @property
    def synthetic(self) -> int:
        """How many of the listed incidents are invented (demo or test data): the report must say so."""
        return sum(1 for incident in self.incidents if incident.synthetic)

    def sections_after(self, anchor: str) -> list[Section]:
        return [s for s in self.sections if s.after == anchor]

    def edited(self, draft: ReportDraft) -> MonthlyReport:
        """This report with the editors' title, key points and narrative.

        The draft is kept in English. In another language a key point the editors kept as generated is worded
        in that language from its fact; one they wrote or changed is theirs, and shown as they wrote it. The
        title is translated only while it is the generated one.
        """
        points = list(draft.key_points)
        title: str | None = draft.title
        if self.language != "en":
            worded = dict(zip(self.english_key_points, self.key_points, strict=True))
            points = [worded.get(point, point) for point in points]
            if title == replace(self, language="en").title:
                title = None
        return replace(self, custom_title=title, key_points=points, sections=tuple(draft.sections))


def build_monthly_report(
    session: Session,
    month: Month,
    scope: Scope,
    vocab: Vocabularies,
    access: Access = Access.PUBLIC,
    language: str = "en",
) -> MonthlyReport:
    stats = month_stats(session, month, scope, access)
    window = {"date_from": month.first_day, "date_to": month.last_day}
    counted = [
        *iter_incidents(session, scope.attacks(counted=True, **window), access),
        *iter_incidents(session, scope.raids(counted=True, **window), access),
    ]
    not_counted = list(iter_incidents(session, scope.attacks(counted=False, **window), access))
    counted.sort(key=lambda i: (i.date, i.id or ""))
    history = series_history(session, month.first_day, month.last_day, access)
    series = tuple(points_in(history, month.first_day, month.last_day))
    return replace(generated_report(stats, vocab, counted, not_counted, language), series=series)


def generated_report(
    stats: MonthStats,
    vocab: Vocabularies,
    counted: list[Incident] | None = None,
    not_counted: list[Incident] | None = None,
    language: str = "en",
) -> MonthlyReport:
    """The report as Marsad writes it from the figures, before any editor touches it, in ``language``."""
    facts = key_facts(stats)
    english = key_point_sentences(facts, stats.month, stats.scope, vocab)
    worded = english if language == "en" else key_point_sentences(facts, stats.month, stats.scope, vocab, language)
    return MonthlyReport(
        stats,
        worded,
        counted or [],
        not_counted or [],
        facts=tuple(facts),
        language=language,
        english_key_points=tuple(english),
        counted_grades=vocab.counted_grades,
        counting_words=counted_grades_words(vocab, language),
    )
