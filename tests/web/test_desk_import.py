"""Imports from the browser: the CLI's checks, the row errors as a table, nothing written until the file is clean."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.services.accounts import audit_events
from marsad.storage.tables import INCIDENTS
from tests.helpers import csv_text
from tests.services.test_importing import GOOD
from tests.web.desk_helpers import add_user, sign_in

BAD = "2019-07-0009,attack,2019-13-02,Hajin,armed_attack,isis,claimed,true,,https://a.example/9,draft"


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(INCIDENTS)) or 0)


def upload(client: TestClient, csrf: str, text: str, name: str = "incidents.csv", skip: bool = False) -> str:
    data = {"csrf_token": csrf, **({"skip_invalid": "1"} if skip else {})}
    return client.post("/desk/import", data=data, files={"file": (name, text.encode(), "text/csv")}).text


def test_a_file_with_a_bad_row_writes_nothing_and_lists_the_problem(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    page = upload(client, csrf, csv_text(*GOOD, BAD))
    assert "1 of 4 rows has an error; nothing was imported" in page
    assert "<td>line 5</td><td>date</td>" in page and "&#39;2019-13-02&#39; is not a date" in page
    assert count(session) == 0
    skipped = upload(client, csrf, csv_text(*GOOD, BAD), skip=True)
    assert "Imported incidents.csv: 4 rows — 3 new, 0 updated, 0 unchanged, 1 bad row skipped." in skipped
    assert count(session) == 3
    assert [e.target for e in audit_events(session, "import")] == ["incidents.csv"]


def test_a_clean_file_imports_and_again_changes_nothing(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.ADMIN))
    assert "3 new, 0 updated, 0 unchanged" in upload(client, csrf, csv_text(*GOOD))
    assert "0 new, 0 updated, 2 unchanged" in upload(client, csrf, csv_text(*GOOD[:2]))


def test_unreadable_uploads_say_why(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    assert "incidents.docx" in upload(client, csrf, "x", name="incidents.docx")
    assert "&#39;what&#39; is not a Marsad column" in upload(client, csrf, "what,ever\n1,2\n")


def test_only_editors_import(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    response = client.post("/desk/import", data={"csrf_token": csrf}, files={"file": ("a.csv", b"id\n", "text/csv")})
    assert response.status_code == 403 and count(session) == 0
