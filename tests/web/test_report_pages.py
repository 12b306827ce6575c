"""Published monthly reports on the site: listed, shown as published, downloadable; drafts stay private."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report.draft import ReportDraft, Section
from marsad.services.importing import import_rows
from marsad.services.jobs import Jobs
from marsad.services.reports import publish, save_draft
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack

DATA = Path(__file__).resolve().parents[1] / "data"
ISIS = Scope(("isis",), "ISIS sleeper cell attacks")


@pytest.fixture
def client(
    engine: Engine, session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> Iterator[TestClient]:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    stored = save_draft(session, Month(2023, 11), vocab, "editor", ISIS)
    narrative = Section("Camps", "Protest in al-Hol. <script>alert(1)</script>", "raids")
    save_draft(
        session,
        Month(2023, 11),
        vocab,
        "editor",
        draft=ReportDraft(stored.draft.title, stored.draft.key_points, [narrative]),
    )
    publish(session, Month(2023, 11), vocab, gazetteer, "editor")
    save_draft(
        session, Month(2023, 10), vocab, "editor", draft=ReportDraft("Secret October draft", ["unpublished point"])
    )
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    app.state.jobs = Jobs(tmp_path / "jobs")  # PDFs made by this test alone
    with TestClient(app) as test_client:
        yield test_client


def test_the_reports_page_lists_published_reports_only(client: TestClient) -> None:
    page = client.get("/reports")
    assert page.status_code == 200
    assert "ISIS sleeper cell attacks in NES: November 2023" in page.text
    assert "11 confirmed ISIS sleeper cell attacks across NES in November" in page.text  # a key point
    assert 'href="/reports/2023-11.pdf"' in page.text
    assert "Secret October draft" not in page.text and "unpublished point" not in page.text


def test_a_report_page_is_the_published_report_with_links(client: TestClient) -> None:
    page = client.get("/reports/2023-11")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<a href="/reports">All reports</a>' in page.text and 'href="/reports/2023-11.md"' in page.text
    assert "<h2>Camps</h2>" in page.text and "<script>alert(1)</script>" not in page.text
    assert "data:image/svg+xml;base64," in page.text  # the charts


def test_the_bar_above_a_report_and_the_pdfs_wait_are_in_the_readers_language(client: TestClient) -> None:
    page = client.get("/reports/2023-11?lang=ckb").text  # published in English only: the report itself is English
    assert '<nav class="site-bar" dir="rtl"' in page
    assert '<a href="/reports?lang=ckb">هەموو ڕاپۆرتەکان</a>' in page and ">داتای JSON</a>" in page
    assert ">All reports<" not in page and ">How to cite<" not in page
    waiting = client.get("/reports/2023-11.pdf?lang=ar")
    assert waiting.status_code == 202
    assert "<h1>يجري إعداد ملف PDF لتقرير تشرين الثاني 2023</h1>" in waiting.text


def test_downloads_in_every_format(client: TestClient) -> None:
    markdown = client.get("/reports/2023-11.md")
    assert markdown.status_code == 200 and markdown.text.startswith("# ISIS sleeper cell attacks in NES: November 2023")
    assert 'filename="marsad-report-2023-11.md"' in markdown.headers["content-disposition"]
    data = client.get("/reports/2023-11.json").json()
    assert data["attacks"]["total"] == 11 and data["revised_since_publication"] == []
    assert _pdf(client).startswith(b"%PDF")


def _pdf(client: TestClient) -> bytes:
    """The PDF as a browser gets it: "being prepared" (202, asking again) until it is made, then the file."""
    deadline = time.monotonic() + 120
    while True:
        answer = client.get("/reports/2023-11.pdf")
        if answer.status_code != 202:
            break
        assert "is being prepared" in answer.text and answer.headers["retry-after"] == "3"
        assert time.monotonic() < deadline, "the PDF was not made in two minutes"
        time.sleep(0.5)
    assert answer.status_code == 200, answer.text[:300]
    assert 'filename="marsad-report-2023-11.pdf"' in answer.headers["content-disposition"]
    return answer.content


def test_the_pdf_is_made_once_off_the_request_path(client: TestClient) -> None:
    first = client.get("/reports/2023-11.pdf")
    assert first.status_code == 202  # the page answers at once; the PDF is made in a process of its own
    made = _pdf(client)
    again = client.get("/reports/2023-11.pdf")
    assert again.status_code == 200 and again.content == made


def test_figures_revised_after_publication_are_shown(client: TestClient, session: Session, vocab: Vocabularies) -> None:
    late = attack(id="2023-11-0999", date=dt.date(2023, 11, 28), place="Hasakah", target="sdf")
    IncidentWriter(session, vocab, actor="editor", via="test").write([late])
    page = client.get("/reports/2023-11")
    assert "Figures revised since publication" in page.text and "Attacks: 11 → 12" in page.text
    data = json.loads(client.get("/reports/2023-11.json").text)
    assert {"figure": "Attacks", "published": 11, "now": 12} in data["revised_since_publication"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/reports/2023-10", "no report has been published for October 2023"),  # a draft only
        ("/reports/2024-01", "no report has been published for January 2024"),
        ("/reports/November", "is not a month"),
        ("/reports/2023-11.docx", "reports come as md, json, html, pdf"),
    ],
)
def test_missing_reports_are_a_page_that_says_why(client: TestClient, path: str, message: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert message in response.text and "Secret October draft" not in response.text


def test_a_report_published_in_arabic_opens_in_arabic_and_keeps_english_for_the_rest(
    client: TestClient, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    publish(session, Month(2023, 11), vocab, gazetteer, "editor", languages=["en", "ar"])
    arabic = client.get("/reports/2023-11?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in arabic and "<h2>أبرز النقاط</h2>" in arabic
    assert "هجوماً مؤكداً لخلايا داعش" in arabic  # the generated key points, worded in Arabic
    assert "Protest in al-Hol." in arabic  # the editors' section, as they wrote it
    assert 'href="/reports/2023-11.md?lang=ar"' in arabic and 'hreflang="en"' in arabic
    markdown = client.get("/reports/2023-11.md?lang=ar").text
    assert "## أبرز النقاط" in markdown
    kurmanji = client.get("/reports/2023-11?lang=ku").text  # not published in Kurmanji: the English one
    assert '<html lang="en" dir="ltr">' in kurmanji and "<h2>Key points</h2>" in kurmanji
    assert 'href="/reports/2023-11?lang=ar" lang="ar" hreflang="ar">العربية</a>' in kurmanji
    english = client.get("/reports/2023-11", headers={"Accept-Language": "de"}).text
    assert "<h2>Key points</h2>" in english
