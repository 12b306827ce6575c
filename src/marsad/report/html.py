"""The report as one self-contained HTML page (charts embedded as SVG), and as PDF through WeasyPrint."""

from __future__ import annotations

import base64
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import noun_form, plural
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.assemble import MonthlyReport
from marsad.report.charts import breakdown_chart, incident_map, trend_chart
from marsad.report.sections import breakdown_rows, incident_summary, raids_sentence

_ENVIRONMENT = Environment(
    loader=PackageLoader("marsad.report", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters |= {"plural": plural, "noun_form": noun_form}


def svg_data_uri(svg: str) -> str:
    """An SVG as an image source: each chart keeps its own ids, and no script can run from it."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _item(incident: Incident, vocab: Vocabularies) -> dict[str, Any]:
    return {
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


def render_html(report: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer, preview: bool = False) -> str:
    s = report.stats
    month, previous = s.month.name, s.month.previous().name
    tables = []
    for title, column, figures, vocabulary, anchor in (
        ("Attacks by region", "Region", s.by_region, vocab.regions, "regions"),
        ("Attacks by perpetrator", "Perpetrator", s.breakdowns["perpetrator"], vocab.actors, None),
        ("Attacks by attribution", "Attribution", s.breakdowns["attribution"], vocab.attributions, "perpetrators"),
        ("Attacks by type", "Type", s.breakdowns["type"], vocab.types, "types"),
    ):
        rows = breakdown_rows(figures, vocabulary)
        chart = svg_data_uri(breakdown_chart(rows, title, month, previous)) if len(rows) > 1 else None
        tables.append({"title": title, "column": column, "rows": rows, "chart": chart, "anchor": anchor})
    sections: dict[str, list[dict[str, str]]] = {}
    for section in report.sections:
        sections.setdefault(section.after, []).append({"title": section.title, "html": section.html()})
    return _ENVIRONMENT.get_template("report.html").render(
        title=report.title,
        month=month,
        previous=previous,
        month_label=s.month.label,
        noun=s.scope.noun,
        preview=preview,
        key_points=report.key_points,
        tables=tables,
        sections=sections,
        trend_chart=svg_data_uri(trend_chart(s.trend_months, s.trend_by_region, vocab, s.scope.noun)),
        casualties=s.casualties,
        raids_sentence=raids_sentence(s, vocab),
        raid_rows=breakdown_rows(s.raids_by_region, vocab.regions),
        map=svg_data_uri(incident_map(report.counted, gazetteer, vocab, f"Attacks and raids, {s.month.label}")),
        incidents=[_item(i, vocab) for i in report.counted],
        excluded=[_item(i, vocab) for i in report.not_counted],
    )


def render_pdf(html: str) -> bytes:
    """A4 pages with page numbers, from the same HTML as the web page."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment the other formats need not pay

    return bytes(HTML(string=html).write_pdf())
