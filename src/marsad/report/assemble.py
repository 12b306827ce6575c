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
from marsad.domain.vocabulary import Vocabularies
from marsad.report.draft import ReportDraft, Section
from marsad.report.key_point_text import EnglishKeyPoints
from marsad.storage.queries import iter_incidents


@dataclass(frozen=True)
class Issue:
    """When the report came out: published on a day, or generated (or previewed) on one."""

    day: dt.date
    published: bool

    def __str__(self) -> str:
        return f"{'Published' if self.published else 'Generated'} {self.day.day} {self.day:%B %Y}"


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

    @property
    def title(self) -> str:
        if self.custom_title:
            return self.custom_title
        noun = self.stats.scope.noun
        return f"{noun[0].upper()}{noun[1:]} in {self.stats.scope.area}: {self.stats.month.label}"

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
        """This report with the editors' title, key points and narrative."""
        return replace(
            self, custom_title=draft.title, key_points=list(draft.key_points), sections=tuple(draft.sections)
        )


def build_monthly_report(
    session: Session, month: Month, scope: Scope, vocab: Vocabularies, access: Access = Access.PUBLIC
) -> MonthlyReport:
    stats = month_stats(session, month, scope, access)
    window = {"date_from": month.first_day, "date_to": month.last_day}
    counted = [
        *iter_incidents(session, scope.attacks(counted=True, **window), access),
        *iter_incidents(session, scope.raids(counted=True, **window), access),
    ]
    not_counted = list(iter_incidents(session, scope.attacks(counted=False, **window), access))
    counted.sort(key=lambda i: (i.date, i.id or ""))
    return generated_report(stats, vocab, counted, not_counted)


def generated_report(
    stats: MonthStats,
    vocab: Vocabularies,
    counted: list[Incident] | None = None,
    not_counted: list[Incident] | None = None,
) -> MonthlyReport:
    """The report as Marsad writes it from the figures, before any editor touches it."""
    facts = key_facts(stats)
    return MonthlyReport(
        stats,
        EnglishKeyPoints(stats.month, stats.scope, vocab).sentences(facts),
        counted or [],
        not_counted or [],
        facts=tuple(facts),
    )
