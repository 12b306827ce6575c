"""The report's indicator series: the November 2023 seed's al-Hol paragraph from series data, with the change
since the figure before, a small chart, in every language, and never a figure the team has not made public.

The observations are tests/data/series_2023_11.csv, copied from the seed report (RIC, November 2023); the
October figures some tests add are invented for the test and say so.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.access import Access
from marsad.domain.incident import PUBLIC_COLUMNS, Source
from marsad.domain.series import Observation
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.assemble import MonthlyReport, build_monthly_report
from marsad.report.contract import report_json
from marsad.report.html import render_html
from marsad.report.markdown import render_markdown
from marsad.report.series_text import series_lines
from marsad.services.series import import_series_file
from marsad.storage.series_store import SeriesWriter
from tests.analysis.test_seed_reports import load
from tests.helpers import ARTIFACTS

SERIES = Path(__file__).resolve().parents[1] / "data" / "series_2023_11.csv"
NOVEMBER = Month(2023, 11)
ISIS = Scope(("isis",), "ISIS sleeper cell attacks")
INVENTED = Source(publisher="test fixture", title="invented for the test: not a real figure")


@pytest.fixture
def seeded(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Session:
    load(session, vocab, gazetteer, "seed_2023_11.csv")  # the month's incidents, for a whole report
    import_series_file(session, SERIES, vocab, gazetteer, "fixture")
    return session


def november(
    session: Session, vocab: Vocabularies, language: str = "en", access: Access = Access.PUBLIC
) -> MonthlyReport:
    return build_monthly_report(session, NOVEMBER, ISIS, vocab, access, language)


def test_the_al_hol_paragraph_comes_from_the_series(seeded: Session, vocab: Vocabularies) -> None:
    """ "Iraq repatriated 776 of its citizens from al-Hol camp. 24,147 Iraqis remain in the camp; almost half of
    its 49,432 population. There are 7,257 third-country foreigners and 18,028 Syrians." """
    lines = {
        (line.indicator, line.place): line.text for line in series_lines(list(november(seeded, vocab).series), vocab)
    }
    assert lines["camp_population", "al-Hol camp"] == (
        "Camp population, al-Hol camp, 30 November 2023: Total 49,432; Iraqis 24,147 (49%); "
        "Syrians 18,028 (36%); Third-country nationals 7,257 (15%). Source: Rojava Information Center."
    )
    assert lines["repatriations", "al-Hol camp"] == (
        "Repatriations, al-Hol camp, 30 November 2023: Iraqis 776. Source: Rojava Information Center."
    )
    assert lines["camp_population", "NES camps"].startswith(
        "Camp population, NES camps, 30 November 2023: Australians 31."
    )
    assert len(lines) == 3  # Australia's repatriation of October 2022 is not November's


def test_each_figure_says_how_it_changed_since_the_one_before(
    seeded: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    october = Observation("camp_population", "al-Hol camp", "iraqis", dt.date(2023, 10, 31), 24_923, source=INVENTED)
    SeriesWriter(seeded, vocab, "test", "test").write(
        [replace(october, public=True), replace(october, group="total", value=50_208, public=True)]
    )
    [line] = [
        line
        for line in series_lines(list(november(seeded, vocab).series), vocab)
        if line.place == "al-Hol camp" and line.indicator == "camp_population"
    ]
    assert "Total 49,432 (−776 since 31 October 2023)" in line.text
    assert "Iraqis 24,147 (49%, −776 since 31 October 2023)" in line.text
    assert "Syrians 18,028 (36%)" in line.text  # no earlier figure of Syrians


def test_a_figure_the_team_has_not_made_public_stays_out(seeded: Session, vocab: Vocabularies) -> None:
    hidden = Observation("returns", "al-Hol camp", "syrians", dt.date(2023, 11, 15), 4321, source=INVENTED)
    SeriesWriter(seeded, vocab, "test", "test").write([hidden])
    assert "4,321" not in render_markdown(november(seeded, vocab), vocab)
    assert "4,321" in render_markdown(november(seeded, vocab, access=Access.INTERNAL), vocab)  # the desk preview


def test_markdown_and_html_carry_the_section_and_a_chart(
    seeded: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    report = november(seeded, vocab)
    markdown = render_markdown(report, vocab)
    assert "## Indicator series\n\n- Camp population, al-Hol camp, 30 November 2023: Total 49,432;" in markdown
    page = render_html(report, vocab, gazetteer)
    section = page.split('id="indicator-series"', 1)[1].split("</section>", 1)[0]
    assert "Iraqis 24,147 (49%)" in section
    chart = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', section)
    assert chart
    svg = base64.b64decode(chart.group(1)).decode("utf-8")
    assert "24,147" in svg and "18,028" in svg and vocab.series_groups.colour("iraqis") in svg
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-2023-11-series.html").write_text(page, encoding="utf-8")


def test_a_month_without_figures_has_no_series_section(session: Session, vocab: Vocabularies) -> None:
    markdown = render_markdown(november(session, vocab), vocab)
    assert "Indicator series" not in markdown


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "عدد سكان المخيم، al-Hol camp، 30 تشرين الثاني 2023: المجموع 49,432؛ العراقيون 24,147 (49%)"),
        ("ku", "Nifûsa kampê, al-Hol camp, 30 Mijdar 2023: Hemû 49.432; Iraqî 24.147 (%49)"),
        (
            "ckb",
            "ژمارەی دانیشتووانی کەمپ، al-Hol camp، 30 تشرینی دووەم 2023: کۆی گشتی 49,432؛ عێراقییەکان 24,147 (49%)",
        ),
    ],
)
def test_the_section_in_every_language(seeded: Session, vocab: Vocabularies, language: str, expected: str) -> None:
    markdown = render_markdown(november(seeded, vocab, language), vocab)
    assert expected in markdown


def test_the_json_contract_carries_each_figure_with_the_one_before(seeded: Session, vocab: Vocabularies) -> None:
    data = report_json(november(seeded, vocab), PUBLIC_COLUMNS)
    figures = {(f["indicator"], f["place"], f["group"]): f for f in data["series"]}
    assert {k: f["value"] for k, f in figures.items() if k[1] == "al-Hol camp"} == {
        ("camp_population", "al-Hol camp", "total"): 49_432,
        ("camp_population", "al-Hol camp", "iraqis"): 24_147,
        ("camp_population", "al-Hol camp", "syrians"): 18_028,
        ("camp_population", "al-Hol camp", "third_country"): 7_257,
        ("repatriations", "al-Hol camp", "iraqis"): 776,
    }
    assert figures["camp_population", "al-Hol camp", "iraqis"]["previous"] is None
    assert figures["camp_population", "al-Hol camp", "iraqis"]["source"]["publisher"] == "Rojava Information Center"
