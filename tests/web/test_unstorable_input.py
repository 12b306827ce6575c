"""What PostgreSQL would refuse is refused on the desk's form too, with the field named, on both databases."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.storage.tables import INCIDENTS
from tests.web.desk_helpers import add_user, sign_in
from tests.web.test_desk import entry


def test_the_entry_form_refuses_nul_bytes_long_text_and_huge_counts(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    response = client.post("/desk/incidents/new", data=entry(csrf, military_killed="2147483648"))
    assert response.status_code == 422
    assert 'id="military_killed-error">2147483648 is more than the largest count Marsad stores' in response.text
    response = client.post(
        "/desk/incidents/new",
        data=entry(csrf, description="copied\x00from a PDF", source_publisher=["p" * 201, ""]),
    )
    assert response.status_code == 422
    html = response.text
    assert 'id="description-error">holds a NUL character (\\x00) at character 7, which no database stores' in html
    assert "publisher: is 201 characters long; at most 200 fit" in html
    assert session.scalar(select(func.count()).select_from(INCIDENTS)) == 0
