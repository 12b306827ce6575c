"""Accounts: argon2 passwords, sessions and tokens kept as digests, throttled logins, the audit log, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.cli.app import app
from marsad.domain.roles import Permission, Role
from marsad.services.accounts import (
    MAX_FAILURES_PER_EMAIL,
    AccountError,
    LoginRefused,
    audit_events,
    authenticate,
    close_session,
    create_api_token,
    create_user,
    list_api_tokens,
    open_session,
    reset_password,
    revoke_api_token,
    session_user,
    set_disabled,
    set_role,
    token_user,
)
from marsad.storage.tables import ApiTokenRow, LoginSessionRow, UserRow

PASSWORD = "correct horse battery"


def test_roles_grant_what_the_desk_promises() -> None:
    assert Role.CONTRIBUTOR.can(Permission.EDIT) and not Role.CONTRIBUTOR.can(Permission.PUBLISH)
    assert Role.EDITOR.can(Permission.PUBLISH) and not Role.EDITOR.can(Permission.MANAGE_USERS)
    assert Role.VIEWER.permissions == {Permission.READ_INTERNAL}
    assert Role.ADMIN.permissions == set(Permission)


def test_passwords_are_argon2_hashes_and_logins_are_audited(session: Session) -> None:
    user, generated = create_user(session, "Rania@Example.org", "Rania", Role.EDITOR, "admin", PASSWORD)
    assert generated is None and user.email == "rania@example.org"
    stored = session.scalar(select(UserRow.password_hash).where(UserRow.id == user.id))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(session, "rania@example.org", PASSWORD, "10.0.0.1") == user
    with pytest.raises(LoginRefused, match="do not match an active account"):
        authenticate(session, "rania@example.org", "wrong password!", "10.0.0.1")
    with pytest.raises(LoginRefused, match="do not match an active account"):  # same words for an unknown email
        authenticate(session, "nobody@example.org", PASSWORD, "10.0.0.1")
    actions = [e.action for e in audit_events(session)]
    assert actions[:4] == ["login_failed", "login_failed", "login", "user_created"]


def test_bad_account_input_says_what_to_fix(session: Session) -> None:
    with pytest.raises(AccountError, match="'not-an-email' is not an email address"):
        create_user(session, "not-an-email", "", Role.VIEWER, "admin", PASSWORD)
    with pytest.raises(AccountError, match="at least 12 characters"):
        create_user(session, "a@example.org", "", Role.VIEWER, "admin", "short")
    create_user(session, "a@example.org", "", Role.VIEWER, "admin", PASSWORD)
    with pytest.raises(AccountError, match="already exists"):
        create_user(session, "A@example.org", "", Role.VIEWER, "admin", PASSWORD)


def test_repeated_failures_are_throttled(session: Session) -> None:
    create_user(session, "b@example.org", "", Role.VIEWER, "admin", PASSWORD)
    for _ in range(MAX_FAILURES_PER_EMAIL):
        with pytest.raises(LoginRefused):
            authenticate(session, "b@example.org", "wrong password!", "10.0.0.2")
    with pytest.raises(LoginRefused, match="Too many failed attempts"):
        authenticate(session, "b@example.org", PASSWORD, "10.0.0.3")  # even the right password, for now


def test_sessions_end_on_logout_disable_and_reset(session: Session) -> None:
    user, password = create_user(session, "c@example.org", "", Role.CONTRIBUTOR, "admin")
    assert password is not None and len(password) >= 12
    token, csrf = open_session(session, user)
    signed_in = session_user(session, token)
    assert signed_in is not None and signed_in.user == user and signed_in.csrf_token == csrf
    assert session.scalar(select(LoginSessionRow.token_hash)) != token  # only the digest is stored
    close_session(session, token)
    assert session_user(session, token) is None
    token, _ = open_session(session, user)
    reset_password(session, "c@example.org", "admin")
    assert session_user(session, token) is None
    token, _ = open_session(session, user)
    set_disabled(session, "c@example.org", True, "admin")
    assert session_user(session, token) is None
    with pytest.raises(LoginRefused):
        authenticate(session, "c@example.org", password, None)
    assert set_role(session, "c@example.org", Role.EDITOR, "admin").role is Role.EDITOR


def test_api_tokens_are_shown_once_and_revocable(session: Session) -> None:
    user, _ = create_user(session, "d@example.org", "", Role.VIEWER, "admin", PASSWORD)
    token = create_api_token(session, user, "nightly export")
    assert token.startswith("marsad_") and token_user(session, token) == user
    assert session.scalar(select(ApiTokenRow.token_hash)) != token
    [listed] = list_api_tokens(session, user)
    revoke_api_token(session, user, listed.id)
    assert token_user(session, token) is None and list_api_tokens(session, user)[0].revoked


def test_cli_init_creates_the_first_admin_and_users_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    runner = CliRunner()
    result = runner.invoke(app, ["init", "--admin-email", "admin@example.org"])
    assert result.exit_code == 0 and "Admin admin@example.org created. Password (shown once):" in result.stdout
    again = runner.invoke(app, ["init", "--admin-email", "other@example.org"])
    assert "created" not in again.stdout.split("schema")[-1]  # users exist: no second admin
    added = runner.invoke(app, ["users", "add", "rania@example.org", "--role", "editor", "--name", "Rania"])
    assert added.exit_code == 0 and "Added rania@example.org as editor." in added.stdout
    bad = runner.invoke(app, ["users", "add", "x@example.org", "--role", "boss"])
    assert bad.exit_code == 2 and "'boss' is not a role; use one of admin, editor, contributor, viewer" in bad.stderr
    assert (
        "rania@example.org is now viewer."
        in runner.invoke(app, ["users", "set-role", "rania@example.org", "viewer"]).stdout
    )
    assert "is disabled" in runner.invoke(app, ["users", "disable", "rania@example.org"]).stdout
    listing = runner.invoke(app, ["users", "list"]).stdout
    assert "admin@example.org" in listing and "disabled" in listing
    assert "New password for" in runner.invoke(app, ["users", "reset-password", "rania@example.org"]).stdout
    missing = runner.invoke(app, ["users", "disable", "ghost@example.org"])
    assert missing.exit_code == 1 and "no user has the email ghost@example.org" in missing.stderr
