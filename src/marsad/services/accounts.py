"""Accounts of the editorial desk: users and roles, passwords (argon2), browser sessions, API tokens, audit log.

Secrets are never stored: passwords as argon2 hashes, session and API tokens as SHA-256 digests. Failed
logins are counted from the audit log, so throttling needs no extra state and survives a restart.

Signing in and out writes only the sign-in schema (sessions and sign-in events), so it never waits for a long
import into the dataset; the audit log shows both parts as one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, literal, select, union_all
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.storage.engine import is_busy
from marsad.storage.tables import ApiTokenRow, AuditEventRow, LoginSessionRow, SigninEventRow, UserRow

HASHER = PasswordHasher()
MIN_PASSWORD = 12
SESSION_LIFETIME = dt.timedelta(days=14)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 20
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Verified against when the email is unknown, so a wrong email takes as long as a wrong password.


class AccountError(ValueError):
    """An account action that cannot be done; the message says why and what to do."""


class LoginRefused(AccountError):
    """Wrong email or password, a disabled account, or too many failed attempts."""


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    role: Role
    disabled: bool

    @property
    def actor(self) -> str:
        """How revisions and the audit log name this person."""
        return self.email


@dataclass(frozen=True)
class SignedIn:
    user: User
    csrf_token: str


@dataclass(frozen=True)
class AuditEvent:
    at: dt.datetime
    actor: str
    action: str
    target: str | None
    detail: str | None
    address: str | None


@cache
def _dummy_hash() -> str:
    """What a password is checked against when no account has the email, so that the answer takes as long as
    for a wrong password (made on first use: hashing at import slowed the start of every command by a second)."""
    return HASHER.hash(secrets.token_urlsafe(16))


def _user(row: UserRow) -> User:
    return User(row.id, row.email, row.name, Role(row.role), row.disabled)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite returns naive timestamps; they are UTC, as everything Marsad writes."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")


def _row(session: Session, email: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
    if row is None:
        raise AccountError(f"no user has the email {email}; see `marsad users list`")
    return row


SIGNIN_ACTIONS = frozenset({"login", "login_failed", "login_throttled", "logout"})


def record(
    session: Session,
    actor: str,
    action: str,
    target: str | None = None,
    detail: str | None = None,
    address: str | None = None,
) -> None:
    """Add an event to the audit log (sign-in events go to the sign-in schema, the others with the data)."""
    if action in SIGNIN_ACTIONS:
        session.add(SigninEventRow(at=_now(), actor=actor, action=action, detail=detail, address=address))
    else:
        session.add(AuditEventRow(at=_now(), actor=actor, action=action, target=target, detail=detail, address=address))


def audit_events(
    session: Session, action: str | None = None, limit: int = 200, target: str | None = None
) -> list[AuditEvent]:
    """The newest events first, optionally of one action and about one target (an incident id, an email)."""
    data = select(
        AuditEventRow.at,
        AuditEventRow.actor,
        AuditEventRow.action,
        AuditEventRow.target,
        AuditEventRow.detail,
        AuditEventRow.address,
    )
    signins = select(
        SigninEventRow.at,
        SigninEventRow.actor,
        SigninEventRow.action,
        literal(None).label("target"),
        SigninEventRow.detail,
        SigninEventRow.address,
    )
    if action:
        data, signins = data.where(AuditEventRow.action == action), signins.where(SigninEventRow.action == action)
    parts = [data.where(AuditEventRow.target == target)] if target else [data, signins]
    events = union_all(*parts).subquery()
    statement = select(events).order_by(events.c.at.desc()).limit(limit)
    return [
        AuditEvent(_aware(r.at), r.actor, r.action, r.target, r.detail, r.address) for r in session.execute(statement)
    ]


# ---- users ----------------------------------------------------------------------------------------------


def create_user(
    session: Session, email: str, name: str, role: Role, actor: str, password: str | None = None
) -> tuple[User, str | None]:
    """Add a user; without ``password`` one is generated and returned, to be shown once."""
    address = email.strip().lower()
    if not EMAIL.match(address):
        raise AccountError(f"'{email}' is not an email address")
    if session.scalar(select(UserRow.id).where(UserRow.email == address)) is not None:
        raise AccountError(f"a user with the email {address} already exists")
    generated = None if password else secrets.token_urlsafe(12)
    chosen = password or generated
    assert chosen is not None
    check_password(chosen)
    row = UserRow(
        email=address, name=name.strip() or address, role=role.value, password_hash=HASHER.hash(chosen), disabled=False
    )
    session.add(row)
    session.flush()
    record(session, actor, "user_created", address, f"role {role.value}")
    return _user(row), generated


def list_users(session: Session) -> list[User]:
    return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.email))]


def set_role(session: Session, email: str, role: Role, actor: str) -> User:
    row = _row(session, email)
    before, row.role = row.role, role.value
    record(session, actor, "role_changed", row.email, f"{before} → {role.value}")
    return _user(row)


def set_disabled(session: Session, email: str, disabled: bool, actor: str) -> User:
    """Disable (or enable) an account; a disabled user's sessions end at once and tokens stop working."""
    row = _row(session, email)
    row.disabled = disabled
    if disabled:
        session.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == row.id))
    record(session, actor, "user_disabled" if disabled else "user_enabled", row.email)
    return _user(row)


def reset_password(session: Session, email: str, actor: str, password: str | None = None) -> str:
    """A new password (generated unless given), returned to be passed on; existing sessions end."""
    row = _row(session, email)
    chosen = password or secrets.token_urlsafe(12)
    check_password(chosen)
    row.password_hash = HASHER.hash(chosen)
    session.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == row.id))
    record(session, actor, "password_reset", row.email)
    return chosen


# ---- signing in -----------------------------------------------------------------------------------------


def _recent_failures(session: Session, column: str, value: str) -> int:
    since = _now() - THROTTLE_WINDOW
    statement = select(func.count()).where(
        SigninEventRow.action == "login_failed", SigninEventRow.at >= since, getattr(SigninEventRow, column) == value
    )
    return int(session.scalar(statement) or 0)


def authenticate(session: Session, email: str, password: str, address: str | None) -> User:
    """The user with this email and password; LoginRefused (recorded in the audit log) otherwise."""
    address_key = address or "unknown"
    wanted = email.strip().lower()
    if (
        _recent_failures(session, "actor", wanted) >= MAX_FAILURES_PER_EMAIL
        or _recent_failures(session, "address", address_key) >= MAX_FAILURES_PER_ADDRESS
    ):
        record(session, wanted, "login_throttled", address=address_key)
        minutes = int(THROTTLE_WINDOW.total_seconds() // 60)
        raise LoginRefused(f"Too many failed attempts. Wait {minutes} minutes, or ask an admin to reset the password.")
    row = session.scalar(select(UserRow).where(UserRow.email == wanted))
    try:
        HASHER.verify(row.password_hash if row else _dummy_hash(), password)
        valid = row is not None
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid or row is None or row.disabled:
        reason = "disabled" if row and row.disabled else None
        record(session, wanted, "login_failed", detail=reason, address=address_key)
        raise LoginRefused("That email and password do not match an active account.")
    if HASHER.check_needs_rehash(row.password_hash):
        _rehash(session, row, password)
    record(session, row.email, "login", address=address_key)
    return _user(row)


def _rehash(session: Session, row: UserRow, password: str) -> None:
    """Store the password under today's argon2 costs; if the dataset is busy (an import), next time instead."""
    try:
        with session.begin_nested():
            row.password_hash = HASHER.hash(password)
            session.flush()
    except OperationalError as error:
        if not is_busy(error):
            raise


def open_session(session: Session, user: User) -> tuple[str, str]:
    """A new browser session: (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        LoginSessionRow(
            token_hash=_digest(token),
            user_id=user.id,
            csrf_token=csrf,
            created_at=_now(),
            expires_at=_now() + SESSION_LIFETIME,
        )
    )
    return token, csrf


def session_user(session: Session, token: str) -> SignedIn | None:
    """The signed-in user of a session cookie, if the session is current and the account active."""
    found = session.execute(
        select(LoginSessionRow, UserRow)
        .join(UserRow, UserRow.id == LoginSessionRow.user_id)
        .where(LoginSessionRow.token_hash == _digest(token))
    ).first()
    if found is None:
        return None
    login, row = found
    if row.disabled or _aware(login.expires_at) < _now():
        return None
    return SignedIn(_user(row), login.csrf_token)


def close_session(session: Session, token: str, address: str | None = None) -> None:
    signed_in = session_user(session, token)
    session.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == _digest(token)))
    if signed_in:
        record(session, signed_in.user.actor, "logout", address=address)


# ---- API tokens -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    created_at: dt.datetime
    revoked: bool


def create_api_token(session: Session, user: User, name: str) -> str:
    """A new token for scripts, returned once: only its digest is kept."""
    token = "marsad_" + secrets.token_urlsafe(32)
    label = name.strip() or "token"
    session.add(ApiTokenRow(user_id=user.id, name=label, token_hash=_digest(token), created_at=_now()))
    record(session, user.actor, "token_created", name)
    return token


def list_api_tokens(session: Session, user: User) -> list[ApiToken]:
    rows = session.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == user.id).order_by(ApiTokenRow.id))
    return [ApiToken(r.id, r.name, _aware(r.created_at), r.revoked_at is not None) for r in rows]


def revoke_api_token(session: Session, user: User, token_id: int) -> None:
    row = session.get(ApiTokenRow, token_id)
    if row is None or row.user_id != user.id:
        raise AccountError(f"you have no token number {token_id}")
    row.revoked_at = _now()
    record(session, user.actor, "token_revoked", row.name)


def token_user(session: Session, token: str) -> User | None:
    found = session.execute(
        select(ApiTokenRow, UserRow)
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .where(ApiTokenRow.token_hash == _digest(token))
    ).first()
    if found is None:
        return None
    api_token, row = found
    return None if api_token.revoked_at is not None or row.disabled else _user(row)
