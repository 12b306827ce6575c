"""The report as Markdown that pastes cleanly into a blog editor (GitHub-flavoured tables, plain links)."""

from __future__ import annotations

import re

from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.report.assemble import MonthlyReport
from marsad.report.front_matter import incident_url, method, synthetic_notice
from marsad.report.sections import Row, breakdown_rows, incident_summary, raids_sentence
from marsad.settings import Publisher

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """User text as literal Markdown: no accidental emphasis, links, HTML or table cells."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _table(title: str, rows: list[Row], month: str, previous: str, share: bool = True) -> list[str]:
    if not rows:
        return [f"## {title}", "", "None this month.", ""]
    head = f"| {title.split(' by ')[-1].capitalize()} | {month} | {previous} | Change |" + (" Share |" if share else "")
    lines = [f"## {title}", "", head, "|---|--:|--:|--:|" + ("--:|" if share else "")]
    for row in rows:
        note = f" ({row.record})" if row.record else ""
        cells = [escape(row.label) + note, str(row.count), row.previous, row.change] + ([row.share] if share else [])
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _incident(incident: Incident, vocab: Vocabularies, publisher: Publisher) -> str:
    sources = ", ".join(
        f"[{escape(s.publisher or s.title or 'source')}]({s.url})"
        if s.url
        else escape(s.title or s.publisher or "source")
        for s in incident.sources
    )
    summary = escape(incident_summary(incident, vocab))
    line = f"- **{incident.date.isoformat()}** {_incident_id(incident, publisher)}{summary}"
    if incident.description:
        line += f". {escape(incident.description)}"
    return line + (f" Sources: {sources}." if sources else "")


def _incident_id(incident: Incident, publisher: Publisher) -> str:
    """The id, linked to the incident's page when the site's address is known (a relative link breaks when pasted)."""
    if not incident.id:
        return ""
    shown = escape(incident.id)
    return f"[{shown}]({incident_url(incident.id, publisher)}): " if publisher.site_url else f"{shown}: "


def _front(report: MonthlyReport, publisher: Publisher) -> list[str]:
    byline = [publisher.team_name or "", f"Monthly report, {report.stats.month.label}", str(report.issue or "")]
    lines = [f"# {escape(report.title)}", "", f"*{escape(' · '.join(part for part in byline if part))}*", ""]
    notice = synthetic_notice(report)
    return [*lines, f"> **Synthetic data.** {escape(notice)}", ""] if notice else lines


def _method(report: MonthlyReport, vocab: Vocabularies) -> list[str]:
    told = method(report, vocab)
    return [
        "## How this report counts",
        "",
        f"- **What is counted:** {escape(told.counted)}",
        f"- **Counting rule:** {escape(told.rule)}",
        f"- **Sources:** {escape(told.sources)}",
    ]


def render_markdown(report: MonthlyReport, vocab: Vocabularies, publisher: Publisher | None = None) -> str:
    publisher = publisher or Publisher()
    s = report.stats
    month, previous = s.month.name, s.month.previous().name
    c = s.casualties
    parts: dict[str, list[str]] = {
        "key-points": [*_front(report, publisher), "## Key points", ""]
        + [f"- {escape(point)}" for point in report.key_points]
        + [""],
        "regions": _table("Attacks by region", breakdown_rows(s.by_region, vocab.regions), month, previous),
        "perpetrators": _table(
            "Attacks by perpetrator", breakdown_rows(s.breakdowns["perpetrator"], vocab.actors), month, previous
        ),
        "types": _table("Attacks by type", breakdown_rows(s.breakdowns["type"], vocab.types), month, previous),
        "casualties": [
            "## Casualties",
            "",
            "| | Killed | Injured |",
            "|---|--:|--:|",
            f"| Military personnel | {c.military_killed} | {c.military_injured} |",
            f"| Civilians | {c.civilian_killed} | {c.civilian_injured} |",
            f"| Perpetrators | {c.perpetrators_killed} | |",
            "",
        ],
        "raids": [
            "## Raids and arrests",
            "",
            raids_sentence(s, vocab),
            "",
            *_table("Raids by region", breakdown_rows(s.raids_by_region, vocab.regions), month, previous),
        ],
        "map": [],  # the map is an image: only the HTML and PDF reports carry it
        "incidents": [f"## Incidents counted in {s.month.label}", ""]
        + ([_incident(i, vocab, publisher) for i in report.counted] or ["None."])
        + (
            ["", "## Reported but not counted", ""]
            + [
                _incident(i, vocab, publisher) + f" *Not counted: {escape(i.exclusion_reason or 'excluded')}.*"
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
