"""The report counts the grades the setting names and says so in every format and language."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import pytest
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.rules import default_counting
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.assemble import build_monthly_report
from marsad.report.contract import report_json
from marsad.report.html import render_html, render_pdf
from marsad.report.markdown import render_markdown
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack

NOVEMBER = Month(2023, 11)


def graded_month(session: Session, vocab: Vocabularies) -> None:
    incidents = [
        attack(id="2023-11-0001", date=dt.date(2023, 11, 3), grade="confirmed", counted=None, military_killed=1),
        attack(id="2023-11-0002", date=dt.date(2023, 11, 5), grade="fair", counted=None, military_killed=2),
        attack(id="2023-11-0003", date=dt.date(2023, 11, 7), grade="weak", counted=None, military_killed=4),
    ]
    for incident in incidents:
        default_counting(incident, vocab.counted_grades)
    IncidentWriter(session, vocab, actor="t", via="test").write(incidents)


def test_a_fair_incident_counts_in_the_headline_and_a_weak_one_does_not(session: Session, vocab: Vocabularies) -> None:
    graded_month(session, vocab)
    report = build_monthly_report(session, NOVEMBER, Scope(), vocab)
    assert report.stats.attacks.count == 2  # confirmed and fair
    assert report.stats.casualties.military_killed == 3  # the weak incident's 4 are not in the total
    assert [i.id for i in report.not_counted] == ["2023-11-0003"]
    data = report_json(report, ("id", "grade"))
    assert data["attacks"]["total"] == 2 and data["attacks"]["unconfirmed"] == 1
    assert data["counting"] == {"grades": ["confirmed", "fair"], "rule": "Counted: confirmed and fair."}
    assert report.key_points[0].startswith("2 confirmed attacks")


def test_a_stricter_setting_leaves_fair_out_and_says_so(session: Session, vocab: Vocabularies) -> None:
    strict = vocab.with_counted_grades("confirmed")
    graded_month(session, strict)
    report = build_monthly_report(session, NOVEMBER, Scope(), strict)
    assert report.stats.attacks.count == 1
    assert "Counted: confirmed." in render_markdown(report, strict)


def test_every_format_states_which_grades_count(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    graded_month(session, vocab)
    report = build_monthly_report(session, NOVEMBER, Scope(), vocab)
    assert "Counted: confirmed and fair." in render_markdown(report, vocab)
    html = render_html(report, vocab, gazetteer)
    assert "Counted: confirmed and fair." in html
    with pypdfium2.PdfDocument(io.BytesIO(render_pdf(html))) as pdf:
        text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Counted: confirmed and fair." in " ".join(text.split())


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("ar", "المحتسبة: مؤكد ومقبول."),
        ("ku", "Tên hesibandin: piştrastkirî û maqûl."),
        ("ckb", "ژمێردراو: پشتڕاستکراوە و گونجاو."),
    ],
)
def test_the_rule_is_stated_in_the_reports_language(
    session: Session, vocab: Vocabularies, language: str, sentence: str
) -> None:
    graded_month(session, vocab)
    report = build_monthly_report(session, NOVEMBER, Scope(), vocab, language=language)
    assert report.counting_words == sentence
    assert sentence in render_markdown(report, vocab)
