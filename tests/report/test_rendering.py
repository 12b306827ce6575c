"""HTML and PDF reports render, carry their headings and figures, and keep user text inert; page 1 of the PDF
holds the masthead, the key points, the map, the trend chart and the methodology (its PNG goes to
test-artifacts/report-page-1.png to look at)."""

from __future__ import annotations

import csv
import ctypes
import datetime as dt
import io
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report import charts
from marsad.report.assemble import Issue, MonthlyReport, build_monthly_report
from marsad.report.charts import breakdown_chart
from marsad.report.html import render_html, render_pdf
from marsad.report.sections import breakdown_rows
from marsad.services.importing import import_rows
from marsad.settings import Publisher
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import ARTIFACTS, attack, raid

DATA = Path(__file__).resolve().parents[1] / "data"
XSS = '<script>alert(1)</script>" onmouseover="alert(2)'
SITE = "https://monitor.example.org"


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
        "<h2>How this report counts</h2>",
        "<h2>Attacks by region</h2>",
        "<h2>Reported but not counted</h2>",
        "10 raids (October: 8), 17 arrests, 1 suspect killed.",
        "data:image/svg+xml;base64,",
    ):
        assert expected in html
    assert "<script>" not in html and 'onmouseover="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;alert(2)" in html


def _parts(html: str) -> dict[str, str]:
    """Each part of the report after page 1, by its heading."""
    details = html.split('<div class="details">', 1)[1]
    return {m.group(1): m.group(2) for m in re.finditer(r"<h2>([^<]+)</h2>(.*?)(?=<h2>|$)", details, re.S)}


def test_each_breakdown_is_one_table_or_one_chart(
    november: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    parts = _parts(render_html(november, vocab, gazetteer))
    shown = {
        title: ("table" if "<table" in part else "") + ("chart" if 'class="chart"' in part else "")
        for title, part in parts.items()
        if title.startswith("Attacks by")
    }
    # ISIS alone: the perpetrator chart would be one bar, so it is a table
    assert shown == {
        "Attacks by region": "table",
        "Attacks by perpetrator": "table",
        "Attacks by attribution": "table",
        "Attacks by type": "chart",
    }
    assert 'alt="Attacks by type, November (October in brackets): IED 3 (4);' in parts["Attacks by type"]


def _links(pdf: pypdfium2.PdfDocument) -> list[str]:
    """Every link target in the PDF."""
    found = []
    for page in pdf:
        position, link = ctypes.c_int(0), pdfium.FPDF_LINK()
        while pdfium.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
            action = pdfium.FPDFLink_GetAction(link)
            size = pdfium.FPDFAction_GetURIPath(pdf.raw, action, None, 0) if action else 0
            if size:
                target = ctypes.create_string_buffer(size)
                pdfium.FPDFAction_GetURIPath(pdf.raw, action, target, size)
                found.append(target.value.decode())
    return found


def test_each_listed_incident_links_to_its_page(
    november: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    on_site = render_html(november, vocab, gazetteer)
    assert '<a class="incident-id" href="/incidents/2023-11-0001">2023-11-0001</a>' in on_site
    assert '<a class="incident-id" href="/incidents/2023-11-0012">2023-11-0012</a>' in on_site  # not counted too
    published = render_html(november, vocab, gazetteer, publisher=Publisher(site_url=SITE))
    with pypdfium2.PdfDocument(io.BytesIO(render_pdf(published))) as pdf:
        links = _links(pdf)
    ids = [i.id for i in november.incidents]
    assert [link for link in links if "/incidents/" in link] == [f"{SITE}/incidents/{i}" for i in ids]
    with pypdfium2.PdfDocument(io.BytesIO(render_pdf(on_site))) as pdf:  # no site address: plain ids, no dead links
        assert not [link for link in _links(pdf) if "/incidents/" in link]
        assert "2023-11-0001" in "".join(page.get_textpage().get_text_range() for page in pdf)


def _page_texts(pdf_bytes: bytes) -> list[str]:
    """Each page's text, lines joined as a reader reads them."""
    with pypdfium2.PdfDocument(io.BytesIO(pdf_bytes)) as pdf:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]


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


def _logo(path: Path) -> Path:
    """A team's logo as a PNG file."""
    canvas = Figure(figsize=(1, 1), dpi=64)
    canvas.add_artist(Circle((0.5, 0.5), 0.4, color="#c0392b", transform=canvas.transFigure))
    canvas.savefig(path)
    return path


def test_page_one_has_the_masthead_key_points_map_trend_and_method(
    november: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    publisher = Publisher("North-East Syria Monitor", _logo(tmp_path / "logo.png"), SITE)
    issued = replace(november, issue=Issue(dt.date(2023, 12, 5), published=True))
    pdf_bytes = render_pdf(render_html(issued, vocab, gazetteer, publisher=publisher))
    pages = _page_texts(pdf_bytes)
    first = pages[0]
    for expected in (
        "North-East Syria Monitor",
        "Published 5 December 2023",
        "ISIS sleeper cell attacks in NES: November 2023",
        "Synthetic data.",
        "Key points",
        "11 confirmed ISIS sleeper cell attacks across NES in November, a decrease from October's 17",
        "A further 3 attacks in Deir ez-Zor could not be confirmed",
        "Attacks and raids, November 2023",  # the map's title
        "ISIS sleeper cell attacks per month, by region",  # the trend chart's
        "How this report counts",
        "What is counted",
        "Counting rule",
        "incidents of a counted grade inside the monitored area",
        "24 sources for 24 incidents",
    ):
        assert expected in first, expected
    assert "Attacks by region" not in first and "Attacks by region" in pages[1]  # the details start on page 2
    with pypdfium2.PdfDocument(io.BytesIO(pdf_bytes)) as pdf:
        assert len(list(pdf[0].get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE]))) >= 1  # the logo
    png = _page_png(pdf_bytes, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / "report-page-1.png")


def _page_png(pdf_bytes: bytes, folder: Path) -> Path:
    """Page 1 as PNG at 60 dpi, with pdftoppm as a person would look at it."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm is missing (the setup step installs poppler-utils)")
        pytest.skip("pdftoppm is missing (install poppler-utils)")
    (folder / "report.pdf").write_bytes(pdf_bytes)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "report.pdf", "page"],
        cwd=folder,
        check=True,
    )
    png = folder / "page.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return png


def test_a_report_on_synthetic_data_says_so_on_every_page(
    november: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    pages = _page_texts(render_pdf(render_html(november, vocab, gazetteer)))
    assert "All 24 incidents in this report are synthetic" in pages[0]
    assert all("SYNTHETIC DATA: not real events" in page for page in pages)


def test_a_report_on_real_data_says_nothing_of_the_kind_and_a_mixed_one_says_how_much(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    writer = IncidentWriter(session, vocab, actor="test", via="test")
    writer.write([attack(id="2023-11-0001", date=dt.date(2023, 11, 2)), raid()])
    real = build_monthly_report(session, Month(2023, 11), Scope(), vocab)
    page = render_html(real, vocab, gazetteer)
    assert real.synthetic == 0 and 'class="synthetic-notice"' not in page and "SYNTHETIC DATA" not in page
    writer.write([attack(id="2023-11-0002", date=dt.date(2023, 11, 3), tags=["synthetic"])])
    mixed = render_html(build_monthly_report(session, Month(2023, 11), Scope(), vocab), vocab, gazetteer)
    assert "1 of the 3 incidents in this report is synthetic" in mixed


def test_charts_are_deterministic_and_use_vocabulary_colours(november: MonthlyReport, vocab: Vocabularies) -> None:
    rows = breakdown_rows(november.stats.by_region, vocab.regions)
    first = breakdown_chart(rows, "November", "October")
    assert first == breakdown_chart(rows, "November", "October")
    assert vocab.regions.colour("deir_ez_zor") in first


def test_the_map_of_the_month_is_a_map_without_axes_or_colliding_names(
    november: MonthlyReport, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    svg = charts.incident_map(november.counted, gazetteer, vocab, "Attacks and raids, November 2023")
    for name in ("Jazira", "Deir ez-Zor", "Raqqa", "Euphrates", "Khabur", "Qamishli", "Hasakah"):
        assert f">{name}<" in svg, name
    assert "UN OCHA / UNCS COD-AB" in svg and "CC BY 3.0 IGO" in svg and "GeoNames" in svg
    assert "xtick" not in svg and "ytick" not in svg  # no coordinate axes
    names = charts.map_names(vocab, gazetteer)
    assert all(f">{name.text}<" in svg for name in names)
    placed = [[name.box.x0, name.box.y0, name.box.x1, name.box.y1] for name in names]
    assert len(placed) >= 12
    regions = len(list(vocab.regions))  # region names are placed first and may sit on a boundary, never on a name
    for i, a in enumerate(placed):
        for b in placed[max(i + 1, regions) :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], "two names overlap"
