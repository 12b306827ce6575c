"""The site's entry points: the home page the team titles, About, Methodology, How to cite, the frame every
page carries (links to them, a favicon, a banner when the data is invented)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.incident import CANONICAL_COLUMNS, Source
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.i18n import formats
from marsad.services.reports import publish, save_draft
from marsad.settings import load_settings
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack, raid

SETTINGS = {
    "MARSAD_SITE_TITLE": "Rojava Sleeper Cell Monitor",
    "MARSAD_SCOPE": "ISIS and other cell attacks in North-East Syria since 2019",
    "MARSAD_TEAM_NAME": "The Monitor Team",
    "MARSAD_SITE_URL": "https://monitor.example.org",
}
Client = Callable[..., TestClient]


@pytest.fixture
def site(engine: Engine, session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Iterator[Client]:
    """A client on the test session, with the team's settings or none."""
    IncidentWriter(session, vocab, actor="t", via="test").write([attack(), raid()])
    save_draft(session, Month(2019, 7), vocab, "editor")
    publish(session, Month(2019, 7), vocab, gazetteer, "editor")
    opened: list[TestClient] = []

    def make(settings: dict[str, str] | None = None) -> TestClient:
        app = create_app(engine, load_settings(settings or {}))
        app.dependency_overrides[get_session] = lambda: session
        opened.append(TestClient(app))
        return opened[-1]

    yield make
    for client in opened:
        client.close()


def test_the_home_page_has_the_title_and_scope_the_team_sets(site: Client) -> None:
    page = site(SETTINGS).get("/")
    assert page.status_code == 200
    assert "<title>Rojava Sleeper Cell Monitor</title>" in page.text and '<a class="brand" href="/">Rojava' in page.text
    assert '<p class="scope">ISIS and other cell attacks in North-East Syria since 2019</p>' in page.text
    # the year of the newest incident, counted as the reports count, linking to the same selection on the map
    assert (
        '<a class="figure" href="/map?from=2023-01-01&amp;kind=attack"><strong>0</strong> attacks in 2023' in page.text
    )
    assert "<strong>1</strong> counter-terror raid in 2023" in page.text
    assert 'href="/reports/2019-07"' in page.text  # the latest report
    plain = site().get("/").text
    assert "<title>Marsad</title>" in plain and "A fully-sourced dataset of attacks and counter-terror raids" in plain


def test_the_shipped_scope_reads_in_the_readers_language_a_teams_as_written(site: Client) -> None:
    plain = site().get("/?lang=ar").text
    assert '<p class="scope">قاعدة بيانات موثّقة المصادر بالكامل للهجمات ومداهمات مكافحة الإرهاب' in plain
    assert "<p>Marsad · قاعدة بيانات موثّقة المصادر" in plain  # the footer
    assert "A fully-sourced" not in plain
    team = site(SETTINGS).get("/?lang=ckb").text
    assert '<p class="scope">ISIS and other cell attacks in North-East Syria since 2019</p>' in team


def test_a_banner_says_so_when_the_data_is_synthetic(site: Client, session: Session, vocab: Vocabularies) -> None:
    client = site()
    assert "synthetic-banner" not in client.get("/").text  # two real-looking fixtures: no banner
    invented = Source(url="https://example.org/demo/1", source_type="synthetic")
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-07-0101", sources=[invented]), attack(id="2019-07-0102", tags=["synthetic"])]
    )
    banner = re.search(r'<p class="synthetic-banner" role="note">([^<]+)</p>', client.get("/incidents").text)
    assert banner and banner.group(1) == "Demo data: 2 of the 4 published incidents are synthetic demo records."
    arabic = site().get("/incidents?lang=ar").text  # a client of its own: the language is remembered
    assert "بيانات تجريبية: اثنتان من الحوادث المنشورة الـ4 سجلان تجريبيان مصطنعان." in arabic
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(tags=["patrol", "synthetic"]), raid(tags=["synthetic"])]
    )
    everything = client.get("/map?kind=attack").text
    assert "Demo data: all 4 published incidents are synthetic, invented to show what Marsad does" in everything
    kurmanji = site().get("/map?kind=attack&lang=ku").text
    assert "Daneyên demoyê: hemû 4 bûyerên hatine weşandin çêkirî ne" in kurmanji
    assert "synthetic-banner" not in client.get("/map?kind=attack&embed=1").text  # the embed has its own frame


def test_every_page_links_to_about_methodology_and_citing(site: Client) -> None:
    client = site()
    for path in (
        "/",
        "/map?kind=attack",
        "/incidents",
        "/incidents/2019-07-0001",
        "/reports",
        "/reports/2019-07",
        "/about",
        "/methodology",
        "/cite",
        "/api/docs",
        "/incidents/no-such-id",
    ):
        page = client.get(path).text
        for target in ('href="/about"', 'href="/methodology"', 'href="/cite'):
            assert target in page, (path, target)
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/incidents").text
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")


def test_methodology_gives_the_counting_rule_and_the_whole_codebook(site: Client) -> None:
    page = site().get("/methodology").text
    assert "incidents of a counted grade inside the monitored area, less any an editor left out with a reason" in page
    assert "The analysis regions are Jazira, " in page and "reason: “not confirmed”" in page
    assert "may have been as late as 2 November counts in October" in page  # the rule for uncertain dates
    codebook = page.split('id="codebook"', 1)[1]
    assert "<table>" in codebook and "<h2>Codebook</h2>" in codebook
    assert [c for c in CANONICAL_COLUMNS if f"<code>{c}</code>" not in codebook] == []
    arabic = site().get("/methodology?lang=ar").text
    assert "<h1>المنهجية</h1>" in arabic
    rule = "الحوادث من درجة ثقة محتسبة داخل منطقة الرصد، باستثناء ما استبعده محرر مع ذكر السبب"
    assert f"<strong>{rule}</strong>" in arabic
    assert "(السبب: «غير مؤكدة»)" in arabic and "مناطق التحليل هي الجزيرة، " in arabic
    assert "may have been as late as" not in arabic.split('id="codebook"', 1)[0]  # the codebook alone is English


def test_how_to_cite_a_record_a_report_and_a_selection_at_stable_addresses(site: Client) -> None:
    client = site(SETTINGS)
    page = client.get("/cite").text
    today = dt.date.today()
    accessed = f"accessed {today.day} {today:%B %Y}"
    assert (
        "The Monitor Team. “Incident 2023-11-0101: Raid against ISIS (attributed) — al-Shaddadi, Jazira — "
        "1 perpetrator killed, 3 arrested.” Rojava Sleeper Cell Monitor, record revised"
    ) in page
    assert f"https://monitor.example.org/incidents/2023-11-0101 ({accessed})." in page
    assert "https://monitor.example.org/reports/2019-07." in page
    assert "Rojava Sleeper Cell Monitor dataset: Attacks in Jazira. https://monitor.example.org/incidents?" in page
    record = client.get("/incidents/2019-07-0001").text
    assert 'id="cite"' in record and "https://monitor.example.org/incidents/2019-07-0001 (accessed" in record
    listing = client.get("/reports").text
    assert re.search(
        r"The Monitor Team\. “[^”]+\.” Rojava Sleeper Cell Monitor, published .*/reports/2019-07\.", listing
    )
    without = site().get("/cite").text  # no MARSAD_SITE_URL: the address the reader used
    assert "http://testserver/incidents/2023-11-0101" in without
    assert '<p class="citation" dir="auto">“Incident 2023-11-0101' in without  # no team: the work, then the site


def test_citations_are_worded_in_the_readers_language(site: Client) -> None:
    today = formats.day_label(dt.date.today(), "ar")
    arabic = html.unescape(site(SETTINGS).get("/cite?lang=ar").text)
    assert "The Monitor Team. «الحادثة 2023-11-0101: مداهمة ضد داعش" in arabic
    assert f"https://monitor.example.org/incidents/2023-11-0101 (تاريخ الاطلاع {today})." in arabic
    assert "قاعدة بيانات Rojava Sleeper Cell Monitor: " in arabic and "accessed" not in arabic
    record = html.unescape(site(SETTINGS).get("/incidents/2019-07-0001?lang=ku").text)
    assert "The Monitor Team. “Bûyera 2019-07-0001: " in record and "(dîroka xwendinê " in record


def test_about_says_what_the_site_holds(site: Client) -> None:
    page = site(SETTINGS).get("/about").text
    assert "The Monitor Team keeps a fully-sourced incident dataset" in page
    assert "It holds 2 published incidents, from July 2019 to November 2023, and 1 monthly report." in page
    arabic = site(SETTINGS).get("/about?lang=ar").text
    assert "يحتفظ The Monitor Team بقاعدة بيانات حوادث موثّقة المصادر بالكامل" in arabic
    assert "يضم حادثتين منشورتين، من تموز 2019 إلى تشرين الثاني 2023، وتقريراً شهرياً واحداً." in arabic
    assert '<a href="/map?lang=ar">الخريطة</a>' in arabic
    sorani = site(SETTINGS).get("/cite?lang=ckb").text
    assert "<h1>چۆنیەتیی ئاماژەپێدان</h1>" in sorani and '<h2 id="record">تۆمارێک</h2>' in sorani
