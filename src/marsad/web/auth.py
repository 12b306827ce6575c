"""Who is asking, and may they: the session cookie or an API token, roles, and CSRF on every change.

A browser signs in with a session cookie (HttpOnly, SameSite=Lax, Secure over https); every form and every
state-changing request carries the session's CSRF token. Scripts send ``Authorization: Bearer <token>``
and need no CSRF token (a browser never sends that header on its own).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response

from marsad.domain.access import Access
from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.i18n.catalogues import N_
from marsad.services.accounts import SESSION_LIFETIME, User, session_user, token_user
from marsad.web.deps import SessionDep

SESSION_COOKIE = "marsad_session"
LOGIN_CSRF_COOKIE = "marsad_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SignInRequired(Exception):
    """Raised for a page that needs an account: the browser is sent to the login page, then back."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


@dataclass(frozen=True)
class Viewer:
    """The person (or script) behind a request; ``user`` is None for the anonymous public."""

    user: User | None
    csrf_token: str | None = None
    by_token: bool = False

    def can(self, permission: Permission) -> bool:
        return self.user is not None and self.user.role.can(permission)


@dataclass(frozen=True)
class Member:
    """A signed-in person or script, as every desk route receives it: the user cannot be missing, and what they
    may see is decided here rather than by each route."""

    user: User
    csrf_token: str | None = None
    by_token: bool = False

    def can(self, permission: Permission) -> bool:
        return self.user.role.can(permission)

    @property
    def access(self) -> Access:
        """What queries show this member: drafts and internal fields if their role reads them."""
        return Access.INTERNAL if self.can(Permission.READ_INTERNAL) else Access.PUBLIC


def current_viewer(request: Request, session: SessionDep) -> Viewer:
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        user = token_user(session, authorization[7:].strip())
        if user is None:
            raise HTTPException(401, N_("the API token is unknown, revoked, or its account is disabled"))
        return Viewer(user, by_token=True)
    cookie = request.cookies.get(SESSION_COOKIE)
    signed_in = session_user(session, cookie) if cookie else None
    return Viewer(signed_in.user, signed_in.csrf_token) if signed_in else Viewer(None)


ViewerDep = Annotated[Viewer, Depends(current_viewer)]


async def _check_csrf(request: Request, viewer: Viewer) -> None:
    if request.method in SAFE_METHODS or viewer.by_token:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get(CSRF_FIELD) or "")
    if not (sent and viewer.csrf_token and secrets.compare_digest(sent, viewer.csrf_token)):
        raise HTTPException(
            403, N_("This form has expired or did not come from this site: reload the page and try again.")
        )


def require(permission: Permission) -> Any:
    """A dependency: the signed-in member if they hold ``permission`` (and the CSRF token for changes).

    The same permission always gives the same dependency, so a router that declares it once and a route that
    names it again check it once per request."""
    return Depends(guard(permission))


@cache
def guard(permission: Permission) -> Callable[..., Awaitable[Member]]:
    """The check behind ``require(permission)``; tests find it in a route's dependencies."""

    async def dependency(request: Request, viewer: ViewerDep) -> Member:
        if viewer.user is None:
            if request.url.path.startswith("/api/") or request.method not in SAFE_METHODS:
                raise HTTPException(401, N_("sign in first (or send an API token as 'Authorization: Bearer …')"))
            raise SignInRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        if not viewer.can(permission):
            role = viewer.user.role.value
            raise HTTPException(
                403,
                Phrase(
                    "Your role ({role}) does not allow this: it needs the '{permission}' right.",
                    role=role,
                    permission=permission,
                ),
            )
        await _check_csrf(request, viewer)
        return Member(viewer.user, viewer.csrf_token, viewer.by_token)

    return dependency


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def safe_next(path: str | None) -> str:
    """Where to go after signing in: only a path on this site (never '//elsewhere' or a full URL)."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return "/desk"


CanRead = Annotated[Member, require(Permission.READ_INTERNAL)]
CanEdit = Annotated[Member, require(Permission.EDIT)]
CanPublish = Annotated[Member, require(Permission.PUBLISH)]
CanManage = Annotated[Member, require(Permission.MANAGE_USERS)]
# Every desk router declares this once: a route added without its own check still needs a signed-in member.
DESK = require(Permission.READ_INTERNAL)
