"""Report drafts on the desk: start, edit (mistakes named, text kept), preview with today's figures, publish."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.services.importing import import_rows
from tests.web.desk_helpers import add_user, sign_in

DATA = Path(__file__).resolve().parents[1] / "data"


def test_an_editor_drafts_previews_and_publishes_a_report(
    client: TestClient, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    bad_month = client.post("/desk/reports", data={"csrf_token": csrf, "month": "Nov 2023"})
    assert bad_month.status_code == 422 and "&#39;Nov 2023&#39; is not a month" in bad_month.text
    started = client.post(
        "/desk/reports",
        data={"csrf_token": csrf, "month": "2023-11", "perpetrator": "isis", "noun": "ISIS sleeper cell attacks"},
    )
    assert "# ISIS sleeper cell attacks in NES: November 2023" in started.text
    assert "- 11 confirmed ISIS sleeper cell attacks across NES in November" in started.text

    broken = "# Title\n## Key points\nnot a list item\n"
    refused = client.post("/desk/reports/2023-11", data={"csrf_token": csrf, "draft": broken})
    assert refused.status_code == 422 and "line 3: key points are list items" in refused.text
    assert "not a list item" in refused.text  # the text typed is kept

    edited = (
        "# November in NES\n\n## Key points\n- Eleven attacks\n\n"
        "## Section: Camps (after: raids)\nA protest in **al-Hol**.\n"
    )
    saved = client.post("/desk/reports/2023-11", data={"csrf_token": csrf, "draft": edited})
    assert "Draft saved." in saved.text
    preview = client.get("/desk/reports/2023-11/preview").text
    assert "not published" in preview and "November in NES" in preview and "<strong>al-Hol</strong>" in preview
    assert client.get("/reports/2023-11").status_code == 404  # a draft is not public

    published = client.post("/desk/reports/2023-11/publish", data={"csrf_token": csrf})
    assert published.status_code == 200 and "November in NES" in published.text  # the public report page
    assert "Eleven attacks" in client.get("/reports").text


def test_report_drafts_are_for_editors(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    assert client.get("/desk/reports").status_code == 403
    assert client.post("/desk/reports", data={"csrf_token": csrf, "month": "2023-11"}).status_code == 403
