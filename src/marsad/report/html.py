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
from marsad.i18n.catalogues import N_, gettext
from marsad.i18n.formats import month_label, month_name
from marsad.i18n.jinja import install_translations
from marsad.i18n.languages import language as language_named
from marsad.report.assemble import MonthlyReport
from marsad.report.charts import breakdown_chart, incident_map, series_chart, trend_chart
from marsad.report.front_matter import incident_url, logo_data_uri, method, synthetic_notice
from marsad.report.sections import breakdown_rows, casualty_cells, incident_summary, raids_sentence
from marsad.report.series_text import series_lines
from marsad.settings import Publisher

_ENVIRONMENT = Environment(
    loader=PackageLoader("marsad.report", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters |= {"plural": plural, "noun_form": noun_form}
install_translations(_ENVIRONMENT)
# Naskh first in Arabic script (Noto Naskh Arabic has every Sorani letter: ە ێ ۆ ڕ ڵ), DejaVu for Latin figures
_FONTS = {
    "ltr": '"DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", sans-serif',
    "rtl": '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif',
}


def svg_data_uri(svg: str) -> str:
    """An SVG as an image source: each chart keeps its own ids, and no script can run from it."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _item(
    incident: Incident, vocab: Vocabularies, publisher: Publisher, gazetteer: Gazetteer, language: str = "en"
) -> dict[str, Any]:
    return {
        "id": incident.id,
        "url": incident_url(incident.id, publisher) if incident.id else None,
        "date": incident.date.isoformat(),
        "summary": incident_summary(incident, vocab, language, gazetteer),
        "description": incident.description,
        "reason": incident.exclusion_reason or gettext(language, N_("excluded")),
        "sources": [
            {
                "url": s.url if s.url and s.url.startswith(("http://", "https://")) else None,
                "name": s.publisher or s.title or _source_type_label(s.source_type, vocab, language),
            }
            for s in incident.sources
        ],
    }


def _source_type_label(source_type: str | None, vocab: Vocabularies, language: str) -> str:
    if source_type and source_type in vocab.source_types:
        return vocab.source_types.label(source_type)
    return gettext(language, N_("source"))


# Each breakdown is shown once: as a table where readers quote the figures (regions, attribution), as a chart
# where they compare many bars (perpetrators, types). A chart of a single bar becomes a table.
BREAKDOWNS = (
    (N_("Attacks by region"), N_("Region"), "region", "regions", "regions", "table"),
    (N_("Attacks by perpetrator"), N_("Perpetrator"), "perpetrator", "actors", None, "chart"),
    (N_("Attacks by attribution"), N_("Attribution"), "attribution", "attributions", "perpetrators", "table"),
    (N_("Attacks by type"), N_("Type"), "type", "types", "types", "chart"),
)


def _breakdowns(report: MonthlyReport, vocab: Vocabularies) -> list[dict[str, Any]]:
    """The breakdowns in the report's language, with a chart where the section has one."""
    s, code = report.stats, report.language
    month, previous = month_name(s.month.month, code), month_name(s.month.previous().month, code)
    worded = vocab.in_language(code)
    shown = []
    for title, column, key, vocabulary, anchor, display in BREAKDOWNS:
        figures = s.by_region if key == "region" else s.breakdowns[key]
        rows = breakdown_rows(figures, getattr(worded, vocabulary), code)
        chart = None
        if display == "chart" and len(rows) > 1:
            chart = svg_data_uri(breakdown_chart(rows, month, previous, code))
        alt = gettext(code, N_("%(title)s, %(month)s (%(previous)s in brackets): ")) % {
            "title": gettext(code, title),
            "month": month,
            "previous": previous,
        } + "; ".join(f"{r.label} {r.count} ({r.previous})" for r in rows)
        shown.append(
            {
                "title": gettext(code, title),
                "column": gettext(code, column),
                "rows": rows,
                "chart": chart,
                "alt": alt,
                "anchor": anchor,
            }
        )
    return shown


def _series(report: MonthlyReport, vocab: Vocabularies) -> dict[str, Any]:
    """The month's indicator figures in words and as a small chart."""
    code = report.language
    lines = series_lines(list(report.series), vocab, code)
    if not lines:
        return {"series_lines": [], "series_chart": None}
    chart = series_chart(lines, vocab.in_language(code), gettext(code, N_("previous figure")), code)
    return {"series_lines": [line.text for line in lines], "series_chart": svg_data_uri(chart)}


def _trend_title(report: MonthlyReport) -> str:
    """The trend chart's title: the team's own noun in English ("ISIS sleeper cell attacks per month, by
    region"), the catalogue's words in another language."""
    noun, code = report.stats.scope.noun, report.language
    if code == "en":
        return f"{noun[0].upper()}{noun[1:]} per month, by region"
    return gettext(code, N_("Attacks per month, by region"))


def _map_title(report: MonthlyReport) -> str:
    """ "Attacks and raids, November 2023", in the report's language."""
    month, code = report.stats.month, report.language
    title = gettext(code, N_("Attacks and raids, %(month)s"))
    return title % {"month": month_label(month.year, month.month, code)}


def render_html(
    report: MonthlyReport,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    preview: bool = False,
    publisher: Publisher | None = None,
) -> str:
    """The report as one page; page 1 (in print) holds the masthead, key points, map, trend and method."""
    publisher = publisher or Publisher()
    s, code = report.stats, report.language
    language = language_named(code)
    worded = vocab.in_language(code)
    month, previous = month_name(s.month.month, code), month_name(s.month.previous().month, code)
    sections: dict[str, list[dict[str, str]]] = {}
    for section in report.sections:
        sections.setdefault(section.after, []).append({"title": section.title, "html": section.html()})
    return _ENVIRONMENT.get_template("report.html").render(
        language=code,
        direction=language.direction,
        fonts=_FONTS[language.direction],
        title=report.title,
        team=publisher.team_name,
        logo=logo_data_uri(publisher),
        issue=report.issue.label(code) if report.issue else None,
        synthetic=synthetic_notice(report),
        method=method(report, vocab),
        month=month,
        previous=previous,
        month_label=month_label(s.month.year, s.month.month, code),
        noun=s.scope.noun,
        preview=preview,
        key_points=report.key_points,
        tables=_breakdowns(report, vocab),
        sections=sections,
        trend_chart=svg_data_uri(trend_chart(s.trend_months, s.trend_by_region, worded, _trend_title(report), code)),
        casualties=casualty_cells(s.casualties, code),
        raids_sentence=raids_sentence(s, worded, code),
        raid_rows=breakdown_rows(s.raids_by_region, worded.regions, code),
        **_series(report, vocab),
        map=svg_data_uri(incident_map(report.counted, gazetteer, worded, _map_title(report), code)),
        incidents=[_item(i, worded, publisher, gazetteer, code) for i in report.counted],
        excluded=[_item(i, worded, publisher, gazetteer, code) for i in report.not_counted],
    )


# An incident link relative to the site (no MARSAD_SITE_URL) leads nowhere in a PDF read off the site.
_SITE_RELATIVE_LINK = re.compile(r'<a class="incident-id" href="/[^"]*">([^<]*)</a>')


def render_pdf(html: str) -> bytes:
    """A4 pages with page numbers, from the same HTML as the web page (site-relative links become plain ids)."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment the other formats need not pay

    page = _SITE_RELATIVE_LINK.sub(r'<span class="incident-id">\1</span>', html)
    return bytes(HTML(string=page).write_pdf())
