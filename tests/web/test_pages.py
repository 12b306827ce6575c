"""The dataset page and incident pages: public rows only, filters and sorting in the URL, escaped text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.incident import Source
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.revisions import last_public_change
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack, raid

XSS = '<script>alert(1)</script>" onmouseover="alert(2)'


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[TestClient]:
    incidents = [attack(id=f"2019-07-{n:04d}", date=dt.date(2019, 7, 1 + n % 28)) for n in range(1, 61)]
    incidents += [
        attack(
            id="2019-08-0001",
            date=dt.date(2019, 8, 1),
            place=XSS,
            description=XSS,
            region="deir_ez_zor",
            sources=[Source(url="https://a.example/x", title=XSS)],
        ),
        attack(id="2019-08-0002", date=dt.date(2019, 8, 2), status="draft", notes="secret draft note", sources=[]),
        raid(),
    ]
    IncidentWriter(session, vocab, actor="t", via="test").write(incidents)
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def row_ids(html: str) -> list[str]:
    return re.findall(r'<td class="nowrap"><a href="/incidents/([^"]+)">', html)


def test_dataset_pages_through_every_public_incident(client: TestClient) -> None:
    page = client.get("/incidents")
    assert page.status_code == 200 and "<strong>62</strong> incidents." in page.text
    seen = row_ids(page.text)
    assert len(seen) == 50 and seen[0] == "2023-11-0101"  # newest first
    next_url = re.search(r'<a href="([^"]+)" rel="next">', page.text)
    assert next_url
    second = client.get(next_url.group(1).replace("&amp;", "&"))
    seen += row_ids(second.text)
    assert len(seen) == 62 and len(set(seen)) == 62
    assert "2019-08-0002" not in seen and "secret draft note" not in page.text + second.text


def test_filters_and_sorting_travel_in_the_url(client: TestClient) -> None:
    page = client.get("/incidents", params={"region": "deir_ez_zor"})
    assert row_ids(page.text) == ["2019-08-0001"] and "<strong>1</strong> incident in Deir ez-Zor." in page.text
    assert 'href="/api/v1/export.csv?region=deir_ez_zor"' in page.text
    ascending = client.get("/incidents", params={"sort": "date", "kind": "attack"})
    assert row_ids(ascending.text)[:3] == ["2019-07-0028", "2019-07-0056", "2019-07-0001"]  # 1 July, then 2 July
    assert '<option value="attack" selected>' in ascending.text


def test_killed_sorts_by_military_and_civilian_together(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(id="2019-09-0001", date=dt.date(2019, 9, 1), military_killed=2, civilian_killed=3),
            attack(id="2019-09-0002", date=dt.date(2019, 9, 2), military_killed=4, civilian_killed=None),
        ]
    )
    most = client.get("/incidents", params={"sort": "-killed"})
    assert row_ids(most.text)[:2] == ["2019-09-0001", "2019-09-0002"]  # 5 killed, then 4
    assert '<td class="n">5</td>' in most.text


def test_bad_filters_show_what_to_fix(client: TestClient) -> None:
    page = client.get("/incidents", params={"region": "Narnia"})
    assert page.status_code == 422
    assert "region: &#39;Narnia&#39; is not a known region value" in page.text


def test_user_text_is_escaped_everywhere(client: TestClient) -> None:
    for html in (client.get("/incidents").text, client.get("/incidents/2019-08-0001").text):
        assert "<script>alert" not in html and 'onmouseover="alert' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_incident_page_shows_public_fields_and_sources(client: TestClient) -> None:
    page = client.get("/incidents/2019-07-0001")
    assert page.status_code == 200 and "IED — ISIS (claimed) — Hasakah, Jazira" in page.text
    assert 'href="https://example.org/statement/1"' in page.text and "internal" not in page.text
    assert client.get("/incidents/2019-08-0002").status_code == 404  # a draft does not exist for the public


def test_incident_page_has_a_small_map_with_the_uncertainty_and_the_revision_date(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    page = client.get("/incidents/2019-07-0001").text  # an IED located to the town of Hasakah
    assert 'data-latitude="36.50237" data-longitude="40.74772" data-radius-km="5.0"' in page
    assert 'data-marker="triangle" data-colour="#1b1b1b"' in page
    assert "Somewhere in the town: the dashed circle shows how far the place may be from the mark (about 5 km)" in page
    revised = re.search(r"Record last revised on ([^.]+)\.", page)
    today = dt.date.today()
    assert revised and revised.group(1) == f"{today.day} {today:%B %Y}"
    writer = IncidentWriter(session, vocab, actor="t", via="test")
    writer.write([attack(id="2019-09-0009")])
    before = last_public_change(session, "2019-09-0009")
    writer.write([attack(id="2019-09-0009", notes="a new internal note")])
    assert last_public_change(session, "2019-09-0009") == before  # an internal change is not a public revision
    writer.write([attack(id="2019-09-0009", notes="a new internal note", military_killed=3)])
    after = last_public_change(session, "2019-09-0009")
    assert before is not None and after is not None and after > before


def test_the_dataset_counts_as_the_reports_do_and_offers_the_rest(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-09-0005", grade="weak", counted=False, exclusion_reason="not confirmed")]
    )
    page = client.get("/incidents").text
    assert "<strong>62</strong> incidents." in page and "2019-09-0005" not in row_ids(page)
    assert "Counted as the monthly reports count: incidents of a counted grade inside the monitored area" in page
    include = re.search(r'<a href="([^"]+)">Include the 1 not counted</a>', page)
    assert include and "counted=all" in include.group(1)
    everything = client.get(include.group(1).replace("&amp;", "&")).text
    assert "<strong>63</strong> incidents, including those not counted." in everything
    assert "2019-09-0005" in row_ids(everything) and 'value="all" checked' in everything
    assert 'href="/api/v1/export.csv?counted=all"' in everything  # the download holds what the page shows
    assert "Count as the reports do" in everything


def test_counts_and_nouns_agree_on_the_public_pages(client: TestClient, session: Session, vocab: Vocabularies) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(
                id="2019-09-0007",
                military_killed=0,
                military_injured=0,
                civilian_killed=1,
                civilian_injured=1,
                perpetrators_killed=1,
            )
        ]
    )
    page = client.get("/incidents/2019-09-0007").text
    assert "1 civilian killed, 1 civilian injured, 1 perpetrator killed" in page
    assert "<strong>1</strong> raid." in client.get("/incidents", params={"kind": "raid"}).text
    assert "<strong>62</strong> attacks." in client.get("/incidents", params={"kind": "attack"}).text


def test_an_incident_page_gives_each_range_beside_its_best_estimate_in_each_language(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    ranged = {"military_killed": 0, "military_killed_high": 2, "civilian_killed_low": 5, "civilian_killed_high": 9}
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-09-0008", civilian_killed=7, **ranged)]
    )
    page = client.get("/incidents/2019-09-0008").text
    assert "0 military killed (0–2), 2 military injured, 7 civilians killed (5–9)" in page  # a 0 that may be 2
    arabic = client.get("/incidents/2019-09-0008", params={"lang": "ar"}).text
    assert "\u20665–9\u2069" in arabic  # isolated, so that a right-to-left line does not read it 9–5


def test_a_first_click_on_killed_puts_the_deadliest_first_and_blanks_last(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(id="2019-09-0001", date=dt.date(2019, 9, 1), military_killed=9, civilian_killed=1),
            attack(id="2019-09-0002", date=dt.date(2019, 9, 2), military_killed=0, civilian_killed=0),
            attack(id="2019-09-0003", date=dt.date(2019, 9, 3), military_killed=None, civilian_killed=None),
        ]
    )
    killed = re.search(
        r'<a href="([^"]+)"><abbr title="People killed[^"]*">Killed</abbr></a>', client.get("/incidents").text
    )
    assert killed and "sort=-killed" in killed.group(1)
    ordered: list[str] = []
    url: str | None = killed.group(1).replace("&amp;", "&")
    while url:
        page = client.get(url).text
        ordered += row_ids(page)
        following = re.search(r'<a href="([^"]+)" rel="next">', page)
        url = following.group(1).replace("&amp;", "&") if following else None
    assert ordered[0] == "2019-09-0001" and ordered[-1] == "2019-09-0003"  # 10 killed first; not reported last
    assert ordered.index("2019-09-0002") < ordered.index("2019-09-0003")  # none killed comes before blank
    again = re.search(
        r'<a href="([^"]+)"><abbr title="People killed[^"]*">Killed</abbr> ▼</a>',
        client.get(killed.group(1).replace("&amp;", "&")).text,
    )
    assert again and "sort=killed" in again.group(1) and "sort=-killed" not in again.group(1)


def test_the_dataset_shows_counting_a_description_and_the_selections_totals(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-09-0004", grade="weak", counted=False, exclusion_reason="not confirmed")]
    )
    page = client.get("/incidents", params={"month": "2019-07", "counted": "all"}).text
    assert ">Counted</abbr>" in page and ">Description</abbr>" in page and ">Grade</abbr>" in page
    assert (
        'title="Reported by one source, or with too few details to verify, and not yet corroborated.">Weak</abbr>'
        in page
    )
    assert '<td class="wide">no: not confirmed</td>' in page and '<td class="wide">yes</td>' in page
    assert 'title="IED against an Asayish patrol.">IED against an Asayish patrol.</span>' in page
    # 60 attacks in July 2019 with 1 military killed and 2 injured each, and the unconfirmed one
    assert "In the whole selection: 61 people killed (0 of them civilians), 122 injured (0 civilians)." in page
    raids = client.get("/incidents", params={"kind": "raid"}).text
    assert 'ISIS <span class="raided">(raided)</span>' in raids
    assert "not a perpetrator); conducted by: Joint operation" in raids
    assert "1 perpetrator killed, 3 arrests." in raids


def test_pages_go_forwards_and_back_and_say_which_rows_they_show(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    more = [attack(id=f"2019-06-{n:04d}", date=dt.date(2019, 6, 1 + n % 28)) for n in range(1, 61)]
    IncidentWriter(session, vocab, actor="t", via="test").write(more)  # 122 published incidents in all

    def follow(html: str, rel: str) -> str:
        link = re.search(rf'<a href="([^"]+)" rel="{rel}">', html)
        assert link, rel
        return client.get(link.group(1).replace("&amp;", "&")).text

    first = client.get("/incidents", params={"sort": "date"}).text
    assert "Rows 1–50 of 122" in first and 'rel="prev"' not in first
    second = follow(first, "next")
    third = follow(second, "next")
    assert "Rows 51–100 of 122" in second and "Rows 101–122 of 122" in third and 'rel="next"' not in third
    back = follow(third, "prev")
    assert "Rows 51–100 of 122" in back and row_ids(back) == row_ids(second)
    start = follow(back, "prev")
    assert "Rows 1–50 of 122" in start and row_ids(start) == row_ids(first)


def test_an_uncertain_date_shows_the_days_it_may_have_been(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(id="2019-09-0008", date=dt.date(2019, 9, 14), date_latest=dt.date(2019, 10, 2)),
            attack(
                id="2019-09-0009",
                date=dt.date(2019, 9, 14),
                date_earliest=dt.date(2019, 9, 1),
                date_latest=dt.date(2019, 9, 30),
                date_precision="month",
            ),
        ]
    )
    spanning = client.get("/incidents/2019-09-0008").text
    assert '<dt>Possible dates</dt><dd dir="auto">14 September 2019 to 2 October 2019</dd>' in spanning
    assert '<dt>Possible dates</dt><dd dir="auto">September 2019</dd>' in client.get("/incidents/2019-09-0009").text
    arabic = client.get("/incidents/2019-09-0008", params={"lang": "ar"}).text
    assert "الأيام المحتملة" in arabic
    assert "Possible dates" not in client.get("/incidents/2019-07-0001").text  # an exact date says nothing more
    assert client.get("/api/v1/incidents/2019-09-0008").json()["date_latest"] == "2019-10-02"


def test_the_methodology_says_how_a_range_is_totalled(client: TestClient) -> None:
    page = client.get("/methodology").text
    assert "Figures add the best estimates" in page and "“7 civilians killed (5–9)”" in page


def test_the_dataset_gives_a_range_where_the_sources_do(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    uncertain = attack(
        id="2019-10-0001",
        date=dt.date(2019, 10, 3),
        military_killed=1,
        civilian_killed=7,
        civilian_killed_low=5,
        civilian_killed_high=9,
        military_injured=None,
        civilian_injured=None,
    )
    IncidentWriter(session, vocab, actor="t", via="test").write([uncertain])
    page = client.get("/incidents", params={"month": "2019-10"}).text
    assert '<td class="n">8 (6–10)</td>' in page  # 1 military and 7 (5–9) civilians
    assert "In the whole selection: 8 (6–10) people killed (7 of them civilians), 0 injured (0 civilians)." in page
    arabic = client.get("/incidents", params={"month": "2019-10", "lang": "ar"}).text
    assert '<td class="n">8 (\u20666–10\u2069)</td>' in arabic  # the range isolated left to right
