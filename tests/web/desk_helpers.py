"""Signing test users in: a client per role, with the CSRF token its forms carry."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.services.accounts import create_user

PASSWORD = "a long test password"


def add_user(session: Session, role: Role, email: str | None = None) -> str:
    address = email or f"{role.value}@example.org"
    create_user(session, address, role.value.title(), role, "test", PASSWORD)
    return address


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Sign ``client`` in through the login form; returns the session's CSRF token."""
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token.group(1), "next": "/desk"}
    )
    assert response.status_code == 200, response.text  # followed the redirect to the desk
    desk = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
    assert desk
    return desk.group(1)
