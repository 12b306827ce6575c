"""The report as Markdown that pastes cleanly into a blog editor (GitHub-flavoured tables, plain links)."""

from __future__ import annotations

import re

from marsad.analysis.keypoints import plural
from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.report.assemble import MonthlyReport
from marsad.report.sections import Row, breakdown_rows, incident_summary

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


def _incident(incident: Incident, vocab: Vocabularies) -> str:
    sources = ", ".join(
        f"[{escape(s.publisher or s.title or 'source')}]({s.url})"
        if s.url
        else escape(s.title or s.publisher or "source")
        for s in incident.sources
    )
    line = f"- **{incident.date.isoformat()}** {escape(incident_summary(incident, vocab))}"
    if incident.description:
        line += f". {escape(incident.description)}"
    return line + (f" Sources: {sources}." if sources else "")


def render_markdown(report: MonthlyReport, vocab: Vocabularies) -> str:
    s = report.stats
    month, previous = s.month.name, s.month.previous().name
    c = s.casualties
    lines = [f"# {escape(report.title)}", "", "## Key points", ""]
    lines += [f"- {escape(point)}" for point in report.key_points]
    lines.append("")
    lines += _table("Attacks by region", breakdown_rows(s.by_region, vocab.regions), month, previous)
    lines += _table(
        "Attacks by perpetrator", breakdown_rows(s.breakdowns["perpetrator"], vocab.actors), month, previous
    )
    lines += _table("Attacks by type", breakdown_rows(s.breakdowns["type"], vocab.types), month, previous)
    lines += [
        "## Casualties",
        "",
        "| | Killed | Injured |",
        "|---|--:|--:|",
        f"| Military personnel | {c.military_killed} | {c.military_injured} |",
        f"| Civilians | {c.civilian_killed} | {c.civilian_injured} |",
        f"| Perpetrators | {c.perpetrators_killed} | |",
        "",
    ]
    forces = ", ".join(f"{vocab.forces.label(k)} {n}" for k, n in sorted(s.raids_by_force.items(), key=lambda x: -x[1]))
    lines += [
        "## Raids and arrests",
        "",
        f"{plural(s.raids.count, 'raid')} ({previous}: {s.raids.previous if s.raids.previous is not None else '—'}), "
        f"{plural(s.arrests.count, 'arrest')}, {plural(s.suspects_killed, 'suspect')} killed."
        + (f" Conducted by: {forces}." if forces else ""),
        "",
    ]
    lines += _table("Raids by region", breakdown_rows(s.raids_by_region, vocab.regions), month, previous)
    lines += [f"## Incidents counted in {s.month.label}", ""]
    lines += [_incident(i, vocab) for i in report.counted] or ["None."]
    if report.not_counted:
        lines += ["", "## Reported but not counted", ""]
        lines += [
            _incident(i, vocab) + f" *Not counted: {escape(i.exclusion_reason or 'excluded')}.*"
            for i in report.not_counted
        ]
    return "\n".join(lines).rstrip() + "\n"
