"""Monthly reports as the team works on them: a draft the editors shape, a published snapshot that stays.

Publishing freezes what was published (figures, key points, text, charts). If incidents of that month change
afterwards, the snapshot is shown as it was, with the figures that have been revised since.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope, month_stats
from marsad.domain.access import Access
from marsad.domain.incident import PUBLIC_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.i18n.languages import LANGUAGES
from marsad.report.assemble import Issue, MonthlyReport, build_monthly_report, generated_report
from marsad.report.contract import public_report_json, report_json
from marsad.report.draft import ReportDraft
from marsad.report.html import render_html, render_pdf
from marsad.report.markdown import escape, render_markdown
from marsad.settings import Publisher
from marsad.storage import report_store as store


class ReportStateError(ValueError):
    """A report action that does not fit the report's state (e.g. publishing a month with no draft)."""


@dataclass(frozen=True)
class StoredReport:
    month: Month
    status: str
    scope: Scope
    draft: ReportDraft
    snapshot: dict[str, Any] | None  # {"data": contract JSON, "html": str, "markdown": str, "languages": {…}}
    published_at: dt.datetime | None
    published_by: str | None

    @property
    def published_languages(self) -> tuple[str, ...]:
        """The languages the report was published in, English first (reports from before languages: English)."""
        if self.snapshot is None:
            return ()
        return ("en", *self.snapshot.get("languages", {}))

    def snapshot_in(self, language: str) -> dict[str, Any]:
        """The frozen report in ``language`` when it was published in it, else the English one."""
        assert self.snapshot is not None
        return dict(self.snapshot.get("languages", {}).get(language) or self.snapshot)


@dataclass(frozen=True)
class Revision:
    """A figure that differs between the published snapshot and the data today."""

    figure: str
    published: int
    now: int

    def __str__(self) -> str:
        return f"{self.figure}: {self.published} → {self.now}"


def _stored(record: store.ReportRecord) -> StoredReport:
    scope = record.scope
    return StoredReport(
        month=Month.parse(record.month),
        status=record.status,
        scope=Scope(tuple(scope["perpetrators"]), scope["noun"], scope["area"]),
        draft=ReportDraft.from_json(record.draft),
        snapshot=record.snapshot,
        published_at=record.published_at,
        published_by=record.published_by,
    )


def get_report(session: Session, month: Month) -> StoredReport | None:
    record = store.report(session, month.key)
    return _stored(record) if record else None


def save_draft(
    session: Session,
    month: Month,
    vocab: Vocabularies,
    actor: str,
    scope: Scope | None = None,
    draft: ReportDraft | None = None,
) -> StoredReport:
    """Start the month's draft from the generated key points, or store the editors' version of it."""
    existing = store.report(session, month.key)
    now = dt.datetime.now(dt.UTC)
    if existing is None:
        chosen = scope or Scope()
        if draft is None:
            stats = month_stats(session, month, chosen, Access.PUBLIC)  # the draft needs no incident list
            generated = generated_report(stats, vocab)
            draft = ReportDraft(generated.title, generated.key_points)
        kept = {"perpetrators": list(chosen.perpetrators), "noun": chosen.noun, "area": chosen.area}
        return _stored(store.add_draft(session, month.key, kept, draft.to_json(), actor, now))
    if draft is not None:
        return _stored(store.update_draft(session, month.key, draft.to_json(), actor, now))
    return _stored(existing)


def suggested_key_points(session: Session, stored: StoredReport, vocab: Vocabularies) -> list[str]:
    """Key points today's figures give that the draft has neither shown nor hidden (incidents added or
    reviewed since the draft was started change them)."""
    stats = month_stats(session, stored.month, stored.scope, Access.PUBLIC)
    in_draft = {*stored.draft.key_points, *stored.draft.hidden_key_points}
    return [point for point in generated_report(stats, vocab).key_points if point not in in_draft]


def edited_report(
    session: Session,
    stored: StoredReport,
    vocab: Vocabularies,
    access: Access = Access.PUBLIC,
    language: str = "en",
) -> MonthlyReport:
    """The report as it would be published now: today's figures with the editors' draft, in ``language``."""
    return build_monthly_report(session, stored.month, stored.scope, vocab, access, language).edited(stored.draft)


def publish(
    session: Session,
    month: Month,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    actor: str,
    publisher: Publisher | None = None,
    languages: Sequence[str] = ("en",),
) -> StoredReport:
    """Freeze the month's report as it is now: figures, key points, narrative and charts, dated today, in English
    and in each of ``languages`` (every language frozen alike, so none drifts from the others)."""
    stored = get_report(session, month)
    if stored is None:
        raise ReportStateError(f"there is no draft for {month.label}: run `marsad report draft {month.key}` first")
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown:
        raise ReportStateError(f"Marsad does not write reports in {', '.join(unknown)}: use {', '.join(LANGUAGES)}")
    now = dt.datetime.now(dt.UTC)

    def frozen(language: str) -> dict[str, Any]:
        edited = edited_report(session, stored, vocab, language=language)
        report = replace(edited, issue=Issue(now.date(), published=True))
        return {
            "data": public_report_json(report),
            "html": render_html(report, vocab, gazetteer, publisher=publisher),
            "markdown": render_markdown(report, vocab, publisher, gazetteer),
        }

    snapshot: dict[str, Any] = frozen("en")
    snapshot["languages"] = {code: frozen(code) for code in dict.fromkeys(languages) if code != "en"}
    return _stored(store.mark_published(session, month.key, snapshot, actor, now))


def revisions_since_publication(session: Session, stored: StoredReport, vocab: Vocabularies) -> list[Revision]:
    """Headline figures that changed since publication, e.g. "Attacks in Jazira: 3 → 4"."""
    if stored.snapshot is None:
        return []
    # the headline figures need the statistics only, not the month's incidents or key points
    figures_now = MonthlyReport(month_stats(session, stored.month, stored.scope, Access.PUBLIC), [], [], [])
    now = report_json(figures_now, PUBLIC_COLUMNS)
    published, current = _headline_figures(stored.snapshot["data"], vocab), _headline_figures(now, vocab)
    return [
        Revision(label, published.get(label, 0), current.get(label, 0))
        for label in dict.fromkeys([*published, *current])
        if published.get(label, 0) != current.get(label, 0)
    ]


def _headline_figures(data: dict[str, Any], vocab: Vocabularies) -> dict[str, int]:
    attacks, casualties, raids = data["attacks"], data["casualties"], data["raids"]
    figures = {"Attacks": attacks["total"], "Attacks not counted": attacks["unconfirmed"]}
    for key, value in attacks["by_region"].items():
        figures[f"Attacks in {vocab.regions.label(key) if key in vocab.regions else key}"] = value["count"]
    for key, value in attacks["by_perpetrator"].items():
        figures[f"Attacks by {vocab.actors.label(key) if key in vocab.actors else key}"] = value["count"]
    for name in ("military_killed", "military_injured", "civilian_killed", "civilian_injured", "perpetrators_killed"):
        figures[name.replace("_", " ").capitalize()] = casualties[name]
    figures.update({"Raids": raids["total"], "Arrests": raids["arrests"], "Suspects killed": raids["suspects_killed"]})
    return figures


REPORT_FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class PublishedReport:
    """A published report in one format, as it was published, with any figures revised since."""

    stored: StoredReport
    revisions: list[Revision]
    content: str | bytes
    media_type: str


def list_reports(session: Session) -> list[StoredReport]:
    """Every report, drafts and published, newest month first (for the desk)."""
    return [_stored(record) for record in store.reports(session)]


def list_published(session: Session) -> list[StoredReport]:
    """The published reports, newest month first."""
    return [_stored(record) for record in store.reports(session, published_only=True)]


def show_published(
    session: Session, month: Month, vocab: Vocabularies, fmt: str, language: str = "en"
) -> PublishedReport:
    """The frozen report in ``fmt`` (md, json, html, pdf), headed by the figures revised since publication; in
    ``language`` when it was published in it, else in English."""
    if fmt not in REPORT_FORMATS:
        raise ReportStateError(f"'{fmt}' is not a report format; use one of {', '.join(REPORT_FORMATS)}")
    stored = get_report(session, month)
    if stored is None or stored.snapshot is None:
        raise ReportStateError(f"the {month.label} report is not published")
    revisions = revisions_since_publication(session, stored, vocab)
    snapshot = stored.snapshot_in(language)
    content: str | bytes
    if fmt == "json":
        data = {**snapshot["data"], "revised_since_publication": [vars(r) for r in revisions]}
        content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        content = (revision_notice_markdown(revisions) if revisions else "") + snapshot["markdown"]
    else:
        page = snapshot["html"]
        if revisions:
            page = page.replace("</h1>", "</h1>\n" + revision_notice_html(revisions), 1)
        content = _pdf(page) if fmt == "pdf" else page
    return PublishedReport(stored, revisions, content, REPORT_FORMATS[fmt])


@lru_cache(maxsize=8)
def _pdf(page: str) -> bytes:
    """PDF rendering takes seconds: a published page is rendered once per process while it stays the same."""
    return render_pdf(page)


def revision_notice_markdown(revisions: list[Revision]) -> str:
    items = "; ".join(escape(str(r)) for r in revisions)
    return f"> **Figures revised since publication:** {items}.\n\n"


def revision_notice_html(revisions: list[Revision]) -> str:
    items = "".join(f"<li>{html.escape(str(r))}</li>" for r in revisions)
    return f'<aside class="revised"><strong>Figures revised since publication</strong><ul>{items}</ul></aside>'
