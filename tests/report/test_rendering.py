"""HTML and PDF reports render, carry their headings and figures, and keep user text inert."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdfium2
import pytest
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report.assemble import MonthlyReport, build_monthly_report
from marsad.report.charts import breakdown_chart
from marsad.report.html import render_html, render_pdf
from marsad.report.sections import breakdown_rows
from marsad.services.importing import import_rows

DATA = Path(__file__).resolve().parents[1] / "data"
XSS = '<script>alert(1)</script>" onmouseover="alert(2)'


@pytest.fixture
def november(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path) -> MonthlyReport:
    with (DATA / "seed_2023_11.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first_of_november = next(r for r in rows if r["id"] == "2023-11-0001")
    first_of_november["description"] = XSS
    path = tmp_path / "november.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    import_rows(session, read_csv(path), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    return build_monthly_report(session, Month(2023, 11), Scope(("isis",), "ISIS sleeper cell attacks"), vocab)


def test_html_has_sections_figures_and_escaped_text(
    november: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    html = render_html(november, vocab, gazetteer)
    for expected in (
        "<h1>ISIS sleeper cell attacks in NES: November 2023</h1>",
        "<h2>Key points</h2>",
        "<h2>Attacks by region</h2>",
        "<h2>Twelve months</h2>",
        "<h2>Map of the month</h2>",
        "<h2>Reported but not counted</h2>",
        "10 raids (October: 8), 17 arrests, 1 suspect killed.",
        "data:image/svg+xml;base64,",
    ):
        assert expected in html
    assert "<script>" not in html and 'onmouseover="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;alert(2)" in html


def test_pdf_is_a4_with_numbered_pages_and_the_figures(
    november: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    pdf = pypdfium2.PdfDocument(io.BytesIO(render_pdf(render_html(november, vocab, gazetteer))))
    try:
        assert len(pdf) >= 3
        width, height = pdf[0].get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert "Key points" in text and "Casualties" in text and "Raids and arrests" in text
    assert "11 confirmed ISIS sleeper cell attacks" in text
    assert f"Page 1 of {text.count('Page ')}" in text


def test_charts_are_deterministic_and_use_vocabulary_colours(november: MonthlyReport, vocab: Vocabularies) -> None:
    rows = breakdown_rows(november.stats.by_region, vocab.regions)
    first = breakdown_chart(rows, "Attacks by region", "November", "October")
    assert first == breakdown_chart(rows, "Attacks by region", "November", "October")
    assert vocab.regions.colour("deir_ez_zor") in first
