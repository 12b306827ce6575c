"""The report as Markdown that pastes cleanly into a blog editor (GitHub-flavoured tables, plain links)."""

from __future__ import annotations

import re

from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.i18n.catalogues import N_, gettext
from marsad.i18n.formats import month_label, month_name
from marsad.report.assemble import MonthlyReport
from marsad.report.front_matter import incident_url, method, synthetic_notice
from marsad.report.sections import Row, breakdown_rows, casualty_cells, incident_summary, raids_sentence
from marsad.report.series_text import series_lines
from marsad.settings import Publisher

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """User text as literal Markdown: no accidental emphasis, links, HTML or table cells."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _table(
    title: str, rows: list[Row], month: str, previous: str, share: bool = True, code: str = "en", column: str = ""
) -> list[str]:
    if not rows:
        return [f"## {gettext(code, title)}", "", gettext(code, N_("None this month.")), ""]
    change, shares = gettext(code, N_("Change")), gettext(code, N_("Share"))
    head = f"| {gettext(code, column)} | {month} | {previous} | {change} |" + (f" {shares} |" if share else "")
    title = gettext(code, title)
    lines = [f"## {title}", "", head, "|---|--:|--:|--:|" + ("--:|" if share else "")]
    for row in rows:
        note = f" ({row.record})" if row.record else ""
        cells = [escape(row.label) + note, str(row.count), row.previous, row.change] + ([row.share] if share else [])
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _incident(
    incident: Incident, vocab: Vocabularies, publisher: Publisher, code: str = "en", gazetteer: Gazetteer | None = None
) -> str:
    unnamed = gettext(code, N_("source"))
    sources = ", ".join(
        f"[{escape(s.publisher or s.title or unnamed)}]({s.url})"
        if s.url
        else escape(s.title or s.publisher or unnamed)
        for s in incident.sources
    )
    summary = escape(incident_summary(incident, vocab, code, gazetteer))
    line = f"- **{incident.date.isoformat()}** {_incident_id(incident, publisher)}{summary}"
    if incident.description:
        line += f". {escape(incident.description)}"
    return line + (f" {gettext(code, N_('Sources:'))} {sources}." if sources else "")


def _incident_id(incident: Incident, publisher: Publisher) -> str:
    """The id, linked to the incident's page when the site's address is known (a relative link breaks when pasted)."""
    if not incident.id:
        return ""
    shown = escape(incident.id)
    return f"[{shown}]({incident_url(incident.id, publisher)}): " if publisher.site_url else f"{shown}: "


def _front(report: MonthlyReport, publisher: Publisher) -> list[str]:
    code, month = report.language, report.stats.month
    monthly = f"Monthly report, {month.label}"
    if code != "en":
        monthly = f"{gettext(code, N_('Monthly report'))} · {month_label(month.year, month.month, code)}"
    issued = report.issue.label(code) if report.issue else ""
    byline = [publisher.team_name or "", monthly, issued]
    lines = [f"# {escape(report.title)}", "", f"*{escape(' · '.join(part for part in byline if part))}*", ""]
    notice = synthetic_notice(report)
    synthetic = gettext(code, N_("Synthetic data."))
    return [*lines, f"> **{synthetic}** {escape(notice)}", ""] if notice else lines


def _method(report: MonthlyReport, vocab: Vocabularies) -> list[str]:
    told, code = method(report, vocab), report.language
    return [
        f"## {gettext(code, N_('How this report counts'))}",
        "",
        f"- **{gettext(code, N_('What is counted'))}:** {escape(told.counted)}",
        f"- **{gettext(code, N_('Counting rule'))}:** {escape(told.rule)}",
        f"- **{gettext(code, N_('Sources'))}:** {escape(told.sources)}",
    ]


def _series(report: MonthlyReport, vocab: Vocabularies) -> list[str]:
    """The month's indicator figures, one line per place and indicator (nothing in a month without any)."""
    lines = series_lines(list(report.series), vocab, report.language)
    if not lines:
        return []
    return [
        f"## {gettext(report.language, N_('Indicator series'))}",
        "",
        *(f"- {escape(line.text)}" for line in lines),
        "",
    ]


def render_markdown(
    report: MonthlyReport, vocab: Vocabularies, publisher: Publisher | None = None, gazetteer: Gazetteer | None = None
) -> str:
    """The report as Markdown; with ``gazetteer``, places are named as readers of the report's language write them."""
    publisher = publisher or Publisher()
    s, code = report.stats, report.language
    words = vocab.in_language(code)
    month, previous = month_name(s.month.month, code), month_name(s.month.previous().month, code)
    c = casualty_cells(s.casualties, code)

    def t(message: str) -> str:
        return gettext(code, message)

    def table(title: str, column: str, rows: list[Row]) -> list[str]:
        return _table(title, rows, month, previous, code=code, column=column)

    parts: dict[str, list[str]] = {
        "key-points": [*_front(report, publisher), f"## {t(N_('Key points'))}", ""]
        + [f"- {escape(point)}" for point in report.key_points]
        + [""],
        "regions": table(N_("Attacks by region"), N_("Region"), breakdown_rows(s.by_region, words.regions, code)),
        "perpetrators": table(
            N_("Attacks by perpetrator"),
            N_("Perpetrator"),
            breakdown_rows(s.breakdowns["perpetrator"], words.actors, code),
        ),
        "types": table(N_("Attacks by type"), N_("Type"), breakdown_rows(s.breakdowns["type"], words.types, code)),
        "casualties": [
            f"## {t(N_('Casualties'))}",
            "",
            f"| | {t(N_('Killed'))} | {t(N_('Injured'))} |",
            "|---|--:|--:|",
            f"| {t(N_('Military personnel'))} | {c['military_killed']} | {c['military_injured']} |",
            f"| {t(N_('Civilians'))} | {c['civilian_killed']} | {c['civilian_injured']} |",
            f"| {t(N_('Perpetrators'))} | {c['perpetrators_killed']} | |",
            "",
        ],
        "raids": [
            f"## {t(N_('Raids and arrests'))}",
            "",
            raids_sentence(s, words, code),
            "",
            *table(N_("Raids by region"), N_("Region"), breakdown_rows(s.raids_by_region, words.regions, code)),
        ],
        "series": _series(report, vocab),
        "map": [],  # the map is an image: only the HTML and PDF reports carry it
        "incidents": [
            f"## {t(N_('Incidents counted in %(month)s')) % {'month': month_label(s.month.year, s.month.month, code)}}",
            "",
        ]
        + ([_incident(i, words, publisher, code, gazetteer) for i in report.counted] or [t(N_("None."))])
        + (
            ["", f"## {t(N_('Reported but not counted'))}", ""]
            + [
                _incident(i, words, publisher, code, gazetteer)
                + " *"
                + t(N_("Not counted: %(reason)s.")) % {"reason": escape(i.exclusion_reason or t(N_("excluded")))}
                + "*"
                for i in report.not_counted
            ]
            if report.not_counted
            else []
        ),
    }
    lines: list[str] = []
    for anchor, part in parts.items():
        lines += part
        for section in report.sections_after(anchor):
            # the editors' Markdown stays Markdown; raw HTML in it is shown, never run where this is pasted
            lines += [f"## {escape(section.title)}", "", section.body.strip().replace("<", "&lt;"), ""]
    lines += ["", *_method(report, vocab)]
    return "\n".join(lines).rstrip() + "\n"
