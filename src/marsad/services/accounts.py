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
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.domain.users import User as User  # the desk, the CLI and the services take these three from here
from marsad.storage import accounts_store as store
from marsad.storage.accounts_store import ApiToken
from marsad.storage.audit_store import audit_events as audit_events
from marsad.storage.audit_store import failed_signins
from marsad.storage.audit_store import record as record
from marsad.storage.engine import is_busy

HASHER = PasswordHasher()
MIN_PASSWORD = 12
SESSION_LIFETIME = dt.timedelta(days=14)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 20
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """An account action that cannot be done; the message says why and what to do."""


class LoginRefused(AccountError):
    """Wrong email or password, a disabled account, or too many failed attempts."""


@dataclass(frozen=True)
class SignedIn:
    user: User
    csrf_token: str


@cache
def _dummy_hash() -> str:
    """What a password is checked against when no account has the email, so that the answer takes as long as
    for a wrong password (made on first use: hashing at import slowed the start of every command by a second)."""
    return HASHER.hash(secrets.token_urlsafe(16))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")


def _existing(session: Session, email: str) -> User:
    user = store.user_by_email(session, email.strip().lower())
    if user is None:
        raise AccountError(f"no user has the email {email}; see `marsad users list`")
    return user


# ---- users ----------------------------------------------------------------------------------------------


def create_user(
    session: Session, email: str, name: str, role: Role, actor: str, password: str | None = None
) -> tuple[User, str | None]:
    """Add a user; without ``password`` one is generated and returned, to be shown once."""
    address = email.strip().lower()
    if not EMAIL.match(address):
        raise AccountError(f"'{email}' is not an email address")
    if store.user_by_email(session, address) is not None:
        raise AccountError(f"a user with the email {address} already exists")
    generated = None if password else secrets.token_urlsafe(12)
    chosen = password or generated
    assert chosen is not None
    check_password(chosen)
    user = store.add_user(session, address, name.strip() or address, role, HASHER.hash(chosen))
    record(session, actor, "user_created", address, f"role {role.value}")
    return user, generated


def list_users(session: Session) -> list[User]:
    return store.users(session)


def set_role(session: Session, email: str, role: Role, actor: str) -> User:
    before = _existing(session, email)
    user = store.set_role(session, before.id, role)
    record(session, actor, "role_changed", user.email, f"{before.role.value} → {role.value}")
    return user


def set_disabled(session: Session, email: str, disabled: bool, actor: str) -> User:
    """Disable (or enable) an account; a disabled user's sessions end at once and tokens stop working."""
    user = store.set_disabled(session, _existing(session, email).id, disabled)
    if disabled:
        store.end_login_sessions(session, user.id)
    record(session, actor, "user_disabled" if disabled else "user_enabled", user.email)
    return user


def reset_password(session: Session, email: str, actor: str, password: str | None = None) -> str:
    """A new password (generated unless given), returned to be passed on; existing sessions end."""
    user = _existing(session, email)
    chosen = password or secrets.token_urlsafe(12)
    check_password(chosen)
    store.set_password_hash(session, user.id, HASHER.hash(chosen))
    store.end_login_sessions(session, user.id)
    record(session, actor, "password_reset", user.email)
    return chosen


# ---- signing in -----------------------------------------------------------------------------------------


def authenticate(session: Session, email: str, password: str, address: str | None) -> User:
    """The user with this email and password; LoginRefused (recorded in the audit log) otherwise."""
    address_key = address or "unknown"
    since = _now() - THROTTLE_WINDOW
    wanted = email.strip().lower()
    if (
        failed_signins(session, since, actor=wanted) >= MAX_FAILURES_PER_EMAIL
        or failed_signins(session, since, address=address_key) >= MAX_FAILURES_PER_ADDRESS
    ):
        record(session, wanted, "login_throttled", address=address_key)
        minutes = int(THROTTLE_WINDOW.total_seconds() // 60)
        raise LoginRefused(f"Too many failed attempts. Wait {minutes} minutes, or ask an admin to reset the password.")
    found = store.credentials(session, wanted)
    try:
        HASHER.verify(found.password_hash if found else _dummy_hash(), password)
        valid = found is not None
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid or found is None or found.user.disabled:
        reason = "disabled" if found and found.user.disabled else None
        record(session, wanted, "login_failed", detail=reason, address=address_key)
        raise LoginRefused("That email and password do not match an active account.")
    if HASHER.check_needs_rehash(found.password_hash):
        _rehash(session, found.user, password)
    record(session, found.user.email, "login", address=address_key)
    return found.user


def _rehash(session: Session, user: User, password: str) -> None:
    """Store the password under today's argon2 costs; if the dataset is busy (an import), next time instead."""
    try:
        with session.begin_nested():
            store.set_password_hash(session, user.id, HASHER.hash(password))
    except OperationalError as error:
        if not is_busy(error):
            raise


def open_session(session: Session, user: User) -> tuple[str, str]:
    """A new browser session: (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    store.add_login_session(session, _digest(token), user.id, csrf, _now(), _now() + SESSION_LIFETIME)
    return token, csrf


def session_user(session: Session, token: str) -> SignedIn | None:
    """The signed-in user of a session cookie, if the session is current and the account active."""
    login = store.login_session(session, _digest(token))
    if login is None or login.user.disabled or login.expires_at < _now():
        return None
    return SignedIn(login.user, login.csrf_token)


def close_session(session: Session, token: str, address: str | None = None) -> None:
    signed_in = session_user(session, token)
    store.end_login_session(session, _digest(token))
    if signed_in:
        record(session, signed_in.user.actor, "logout", address=address)


# ---- API tokens -----------------------------------------------------------------------------------------


def create_api_token(session: Session, user: User, name: str) -> str:
    """A new token for scripts, returned once: only its digest is kept."""
    token = "marsad_" + secrets.token_urlsafe(32)
    store.add_api_token(session, user.id, name.strip() or "token", _digest(token), _now())
    record(session, user.actor, "token_created", name)
    return token


def list_api_tokens(session: Session, user: User) -> list[ApiToken]:
    return store.api_tokens(session, user.id)


def revoke_api_token(session: Session, user: User, token_id: int) -> None:
    name = store.revoke_api_token(session, user.id, token_id, _now())
    if name is None:
        raise AccountError(f"you have no token number {token_id}")
    record(session, user.actor, "token_revoked", name)


def token_user(session: Session, token: str) -> User | None:
    holder = store.token_holder(session, _digest(token))
    return None if holder is None or holder.revoked or holder.user.disabled else holder.user
