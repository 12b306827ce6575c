"""Users on the desk: an admin adds, changes and disables accounts in the browser; nobody else may."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.services.accounts import audit_events
from tests.web.desk_helpers import add_user, sign_in


def test_an_admin_manages_accounts(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.ADMIN))
    page = client.post(
        "/desk/users", data={"csrf_token": csrf, "email": "Rania@Example.org", "name": "رانيا", "role": "editor"}
    ).text
    assert "Added rania@example.org as editor." in page
    password = re.search(r'<code id="new-password">([^<]+)</code>', page)
    assert password and len(password.group(1)) >= 12
    bad = client.post("/desk/users", data={"csrf_token": csrf, "email": "nobody", "role": "editor"})
    assert bad.status_code == 422 and "&#39;nobody&#39; is not an email address" in bad.text
    assert 'value="nobody"' in bad.text  # what was typed is kept
    role = client.post("/desk/users/role", data={"csrf_token": csrf, "email": "rania@example.org", "role": "viewer"})
    assert "rania@example.org is now viewer." in role.text
    assert (
        "rania@example.org is disabled."
        in client.post("/desk/users/disable", data={"csrf_token": csrf, "email": "rania@example.org"}).text
    )
    own = client.post("/desk/users/disable", data={"csrf_token": csrf, "email": "admin@example.org"})
    assert own.status_code == 422 and "Change your own account at the command line." in own.text
    actions = [e.action for e in audit_events(session)]
    assert {"user_created", "role_changed", "user_disabled"} <= set(actions)


def test_a_new_user_signs_in_with_the_password_shown_once(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.ADMIN))
    page = client.post("/desk/users", data={"csrf_token": csrf, "email": "new@example.org", "role": "viewer"}).text
    password = re.search(r'<code id="new-password">([^<]+)</code>', page)
    assert password
    client.cookies.clear()
    sign_in(client, "new@example.org", password.group(1))
    assert client.get("/desk").status_code == 200


def test_only_admins_manage_users(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    assert client.get("/desk/users").status_code == 403
    refused = client.post("/desk/users", data={"csrf_token": csrf, "email": "x@example.org", "role": "admin"})
    assert refused.status_code == 403
