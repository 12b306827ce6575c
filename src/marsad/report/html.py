"""The report as one self-contained HTML page (charts embedded as SVG), and as PDF through WeasyPrint."""

from __future__ import annotations

import base64
import re
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import noun_form, plural
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.assemble import MonthlyReport
from marsad.report.charts import breakdown_chart, incident_map, trend_chart
from marsad.report.front_matter import incident_url, logo_data_uri, method, synthetic_notice
from marsad.report.sections import breakdown_rows, incident_summary, raids_sentence
from marsad.settings import Publisher

_ENVIRONMENT = Environment(
    loader=PackageLoader("marsad.report", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters |= {"plural": plural, "noun_form": noun_form}


def svg_data_uri(svg: str) -> str:
    """An SVG as an image source: each chart keeps its own ids, and no script can run from it."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _item(incident: Incident, vocab: Vocabularies, publisher: Publisher) -> dict[str, Any]:
    return {
        "id": incident.id,
        "url": incident_url(incident.id, publisher) if incident.id else None,
        "date": incident.date.isoformat(),
        "summary": incident_summary(incident, vocab),
        "description": incident.description,
        "reason": incident.exclusion_reason or "excluded",
        "sources": [
            {
                "url": s.url if s.url and s.url.startswith(("http://", "https://")) else None,
                "name": s.publisher or s.title or _source_type_label(s.source_type, vocab),
            }
            for s in incident.sources
        ],
    }


def _source_type_label(source_type: str | None, vocab: Vocabularies) -> str:
    return vocab.source_types.label(source_type) if source_type and source_type in vocab.source_types else "source"


# Each breakdown is shown once: as a table where readers quote the figures (regions, attribution), as a chart
# where they compare many bars (perpetrators, types). A chart of a single bar becomes a table.
BREAKDOWNS = (
    ("Attacks by region", "Region", "region", "regions", "regions", "table"),
    ("Attacks by perpetrator", "Perpetrator", "perpetrator", "actors", None, "chart"),
    ("Attacks by attribution", "Attribution", "attribution", "attributions", "perpetrators", "table"),
    ("Attacks by type", "Type", "type", "types", "types", "chart"),
)


def _breakdowns(report: MonthlyReport, vocab: Vocabularies) -> list[dict[str, Any]]:
    s = report.stats
    month, previous = s.month.name, s.month.previous().name
    shown = []
    for title, column, key, vocabulary, anchor, display in BREAKDOWNS:
        figures = s.by_region if key == "region" else s.breakdowns[key]
        rows = breakdown_rows(figures, getattr(vocab, vocabulary))
        chart = None
        if display == "chart" and len(rows) > 1:
            chart = svg_data_uri(breakdown_chart(rows, month, previous))
        alt = f"{title}, {month} ({previous} in brackets): " + "; ".join(
            f"{r.label} {r.count} ({r.previous})" for r in rows
        )
        shown.append({"title": title, "column": column, "rows": rows, "chart": chart, "alt": alt, "anchor": anchor})
    return shown


def render_html(
    report: MonthlyReport,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    preview: bool = False,
    publisher: Publisher | None = None,
) -> str:
    """The report as one page; page 1 (in print) holds the masthead, key points, map, trend and method."""
    publisher = publisher or Publisher()
    s = report.stats
    month, previous = s.month.name, s.month.previous().name
    sections: dict[str, list[dict[str, str]]] = {}
    for section in report.sections:
        sections.setdefault(section.after, []).append({"title": section.title, "html": section.html()})
    return _ENVIRONMENT.get_template("report.html").render(
        title=report.title,
        team=publisher.team_name,
        logo=logo_data_uri(publisher),
        issue=str(report.issue) if report.issue else None,
        synthetic=synthetic_notice(report),
        method=method(report, vocab),
        month=month,
        previous=previous,
        month_label=s.month.label,
        noun=s.scope.noun,
        preview=preview,
        key_points=report.key_points,
        tables=_breakdowns(report, vocab),
        sections=sections,
        trend_chart=svg_data_uri(trend_chart(s.trend_months, s.trend_by_region, vocab, s.scope.noun)),
        casualties=s.casualties,
        raids_sentence=raids_sentence(s, vocab),
        raid_rows=breakdown_rows(s.raids_by_region, vocab.regions),
        map=svg_data_uri(incident_map(report.counted, gazetteer, vocab, f"Attacks and raids, {s.month.label}")),
        incidents=[_item(i, vocab, publisher) for i in report.counted],
        excluded=[_item(i, vocab, publisher) for i in report.not_counted],
    )


# An incident link relative to the site (no MARSAD_SITE_URL) leads nowhere in a PDF read off the site.
_SITE_RELATIVE_LINK = re.compile(r'<a class="incident-id" href="/[^"]*">([^<]*)</a>')


def render_pdf(html: str) -> bytes:
    """A4 pages with page numbers, from the same HTML as the web page (site-relative links become plain ids)."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment the other formats need not pay

    page = _SITE_RELATIVE_LINK.sub(r'<span class="incident-id">\1</span>', html)
    return bytes(HTML(string=page).write_pdf())
