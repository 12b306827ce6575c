"""Imports from the browser: the CLI's checks, the row errors as a table, nothing written until the file is clean."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.services.accounts import audit_events
from marsad.storage.tables import INCIDENTS
from marsad.web import desk_import
from tests.helpers import csv_text
from tests.services.import_files import FILES
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
    assert "&#39;what&#39;, &#39;ever&#39;) is neither Marsad&#39;s columns nor ACLED&#39;s" in upload(
        client, csrf, "what,ever\n1,2\n"
    )
    assert "&#39;dte&#39; is not a Marsad column (did you mean &#39;date&#39;?)" in upload(client, csrf, "dte,type\n")


def test_only_editors_import(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    response = client.post("/desk/import", data={"csrf_token": csrf}, files={"file": ("a.csv", b"id\n", "text/csv")})
    assert response.status_code == 403 and count(session) == 0


def test_no_uploaded_file_answers_500(client: TestClient, session: Session) -> None:
    """The fuzzed files of every format the page offers, through the page: a page with a sentence each time."""
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    offered = st.sampled_from(["csv", "xlsx", "json", "geojson"])

    @settings(
        max_examples=24,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(upload=offered.flatmap(lambda name: st.tuples(st.just(name), FILES[name])))
    def answered(upload: tuple[str, bytes]) -> None:
        name, content = upload
        files = {"file": (f"fuzzed.{name}", content, "application/octet-stream")}
        response = client.post("/desk/import", data={"csrf_token": csrf, "skip_invalid": "1"}, files=files)
        assert response.status_code in (200, 422), response.text[-2000:]
        assert ('role="alert"' in response.text) == (response.status_code == 422)

    answered()


def test_the_files_that_crashed_the_page_now_say_what_is_wrong(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    for name, content, message in [
        ("a.xlsx", b"id,date\n1,2019-07-02\n", "this is not an XLSX workbook"),
        ("a.geojson", b'{"type": "FeatureCollection", "features": [{"geometry": [1, 2]}]}', "required column"),
        ("a.json", b"[" * 100_000, "nested too deeply"),
        ("a.csv", csv_text(GOOD[0].replace("Qamishlo", "Qami\x00shlo")).encode(), "holds a NUL character"),
        ("a.csv", csv_text(GOOD[0].replace(",2,https", ",²,https")).encode(), "&#39;²&#39; is not a whole number"),
    ]:
        response = client.post(
            "/desk/import", data={"csrf_token": csrf}, files={"file": (name, content, "application/octet-stream")}
        )
        assert response.status_code == 422 and message in response.text, (name, response.text[-1500:])
    assert count(session) == 0


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    monkeypatch.setattr(desk_import, "MAX_UPLOAD_BYTES", 1000)
    response = client.post(
        "/desk/import", data={"csrf_token": csrf}, files={"file": ("big.csv", b"x" * 2000, "text/csv")}
    )
    assert response.status_code == 413 and "an admin can import it with" in response.text
