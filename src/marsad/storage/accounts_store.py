"""The accounts' SQL: users, browser sessions (in the sign-in schema) and API tokens.

Only digests of session and API tokens reach the database, and only argon2 hashes of passwords; the
services make and check them. The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.domain.users import User
from marsad.storage.tables import ApiTokenRow, LoginSessionRow, UserRow
from marsad.storage.timestamps import utc


@dataclass(frozen=True)
class Credentials:
    """A user with the hash their password is checked against."""

    user: User
    password_hash: str


@dataclass(frozen=True)
class LoginSession:
    user: User
    csrf_token: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    created_at: dt.datetime
    revoked: bool


@dataclass(frozen=True)
class TokenHolder:
    user: User
    revoked: bool


def _user(row: UserRow) -> User:
    return User(row.id, row.email, row.name, Role(row.role), row.disabled)


# ---- users ----------------------------------------------------------------------------------------------


def credentials(session: Session, email: str) -> Credentials | None:
    """The user with this (normalised) email and their password hash."""
    row = session.scalar(select(UserRow).where(UserRow.email == email))
    return Credentials(_user(row), row.password_hash) if row else None


def user_by_email(session: Session, email: str) -> User | None:
    found = credentials(session, email)
    return found.user if found else None


def users(session: Session) -> list[User]:
    """Every user, by email."""
    return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.email))]


def add_user(session: Session, email: str, name: str, role: Role, password_hash: str) -> User:
    row = UserRow(email=email, name=name, role=role.value, password_hash=password_hash, disabled=False)
    session.add(row)
    session.flush()
    return _user(row)


def set_role(session: Session, user_id: int, role: Role) -> User:
    row = session.get_one(UserRow, user_id)
    row.role = role.value
    return _user(row)


def set_disabled(session: Session, user_id: int, disabled: bool) -> User:
    row = session.get_one(UserRow, user_id)
    row.disabled = disabled
    return _user(row)


def set_password_hash(session: Session, user_id: int, password_hash: str) -> None:
    session.get_one(UserRow, user_id).password_hash = password_hash
    session.flush()


# ---- browser sessions -----------------------------------------------------------------------------------


def add_login_session(
    session: Session, token_hash: str, user_id: int, csrf_token: str, created_at: dt.datetime, expires_at: dt.datetime
) -> None:
    session.add(
        LoginSessionRow(
            token_hash=token_hash, user_id=user_id, csrf_token=csrf_token, created_at=created_at, expires_at=expires_at
        )
    )


def login_session(session: Session, token_hash: str) -> LoginSession | None:
    """The session with this token digest, with its user as they are now."""
    found = session.execute(
        select(LoginSessionRow, UserRow)
        .join(UserRow, UserRow.id == LoginSessionRow.user_id)
        .where(LoginSessionRow.token_hash == token_hash)
    ).first()
    if found is None:
        return None
    login, row = found
    return LoginSession(_user(row), login.csrf_token, utc(login.expires_at))


def end_login_session(session: Session, token_hash: str) -> None:
    session.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash))


def end_login_sessions(session: Session, user_id: int) -> None:
    """Sign a user out everywhere."""
    session.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == user_id))


# ---- API tokens -----------------------------------------------------------------------------------------


def add_api_token(session: Session, user_id: int, name: str, token_hash: str, created_at: dt.datetime) -> None:
    session.add(ApiTokenRow(user_id=user_id, name=name, token_hash=token_hash, created_at=created_at))


def api_tokens(session: Session, user_id: int) -> list[ApiToken]:
    """A user's tokens, oldest first, revoked ones included."""
    rows = session.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id))
    return [ApiToken(r.id, r.name, utc(r.created_at), r.revoked_at is not None) for r in rows]


def revoke_api_token(session: Session, user_id: int, token_id: int, at: dt.datetime) -> str | None:
    """Revoke one of a user's tokens and return its name; None if the user has no token ``token_id``."""
    row = session.get(ApiTokenRow, token_id)
    if row is None or row.user_id != user_id:
        return None
    row.revoked_at = at
    return row.name


def token_holder(session: Session, token_hash: str) -> TokenHolder | None:
    """Whose token has this digest, and whether it was revoked."""
    found = session.execute(
        select(ApiTokenRow, UserRow)
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .where(ApiTokenRow.token_hash == token_hash)
    ).first()
    if found is None:
        return None
    api_token, row = found
    return TokenHolder(_user(row), api_token.revoked_at is not None)
