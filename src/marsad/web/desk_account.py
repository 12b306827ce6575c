"""Signing in and out, the desk's front page, API tokens and the audit log."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from marsad.domain.filters import IncidentFilter
from marsad.domain.keys import Status
from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.i18n.catalogues import N_
from marsad.services.accounts import (
    AccountError,
    LoginRefused,
    audit_events,
    authenticate,
    close_session,
    create_api_token,
    list_api_tokens,
    open_session,
    revoke_api_token,
)
from marsad.services.triage import inbox_summary
from marsad.storage.queries import counts_by
from marsad.web.auth import (
    DESK,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    CanManage,
    CanRead,
    Member,
    safe_next,
    set_session_cookie,
)
from marsad.web.deps import SessionDep, signs_in
from marsad.web.pages import templates

# Signing in is open to anyone; every other page here needs a member (the router says so once).
sign_in = APIRouter(include_in_schema=False)
router = APIRouter(include_in_schema=False, dependencies=[DESK])
AUDITED_ACTIONS = (
    "login",
    "login_failed",
    "login_throttled",
    "logout",
    "user_created",
    "role_changed",
    "user_disabled",
    "user_enabled",
    "password_reset",
    "token_created",
    "token_revoked",
    "published",
    "unpublished",
    "withdrawn",
    "import",
    "export",
)


def _login_page(request: Request, next_path: str, email: str = "", error: str | None = None) -> Response:
    token = secrets.token_urlsafe(32)
    context = {"csrf_token": token, "next": safe_next(next_path), "email": email, "error": error}
    response = templates.TemplateResponse(request, "login.html", context, status_code=401 if error else 200)
    secure = request.url.scheme == "https"
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure)
    return response


@sign_in.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/desk") -> Response:
    return _login_page(request, next)


@sign_in.post("/login")
@signs_in
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/desk",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not (expected and csrf_token and secrets.compare_digest(expected, csrf_token)):
        return _login_page(request, next, email, N_("The sign-in form had expired. Please sign in again."))
    if not email or not password:
        return _login_page(request, next, email, N_("Enter your email and your password."))
    address = request.client.host if request.client else None
    try:
        user = authenticate(session, email, password, address)
    except LoginRefused as error:
        session.commit()  # the failed attempt stays in the audit log (it counts towards throttling)
        return _login_page(request, next, email, str(error))
    token, _ = open_session(session, user)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, request, token)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
@signs_in
def logout(request: Request, session: SessionDep, viewer: CanRead) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        close_session(session, token, request.client.host if request.client else None)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/desk", response_class=HTMLResponse)
def desk_home(request: Request, session: SessionDep, viewer: CanRead) -> HTMLResponse:
    by_status = counts_by(session, "status", IncidentFilter(), viewer.access)
    context: dict[str, Any] = {
        "viewer": viewer,
        "counts": {
            s: by_status.get(s, 0) for s in (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN)
        },
        "can_edit": viewer.can(Permission.EDIT),
        "can_publish": viewer.can(Permission.PUBLISH),
        "can_manage": viewer.can(Permission.MANAGE_USERS),
        "inbox": inbox_summary(session),
    }
    return templates.TemplateResponse(request, "desk/home.html", context)


@router.get("/desk/audit", response_class=HTMLResponse)
def audit_log(request: Request, session: SessionDep, viewer: CanManage, action: str = "") -> HTMLResponse:
    if action and action not in AUDITED_ACTIONS:
        raise HTTPException(
            404,
            Phrase(
                "'{action}' is not an audited action; choose from {actions}",
                action=action,
                actions=", ".join(AUDITED_ACTIONS),
            ),
        )
    context = {
        "viewer": viewer,
        "events": audit_events(session, action or None),
        "actions": AUDITED_ACTIONS,
        "action": action,
    }
    return templates.TemplateResponse(request, "desk/audit.html", context)


def _tokens_page(request: Request, session: SessionDep, viewer: Member, new_token: str | None = None) -> Response:
    context = {"viewer": viewer, "tokens": list_api_tokens(session, viewer.user), "new_token": new_token}
    return templates.TemplateResponse(request, "desk/tokens.html", context)


@router.get("/desk/tokens", response_class=HTMLResponse)
def tokens(request: Request, session: SessionDep, viewer: CanRead) -> Response:
    return _tokens_page(request, session, viewer)


@router.post("/desk/tokens", response_class=HTMLResponse)
def new_token(request: Request, session: SessionDep, viewer: CanRead, name: Annotated[str, Form()] = "") -> Response:
    token = create_api_token(session, viewer.user, name)
    return _tokens_page(request, session, viewer, token)


@router.post("/desk/tokens/{token_id}/revoke")
def revoke_token(session: SessionDep, viewer: CanRead, token_id: int) -> Response:
    try:
        revoke_api_token(session, viewer.user, token_id)
    except AccountError as error:
        raise HTTPException(404, str(error)) from None
    return RedirectResponse("/desk/tokens", status_code=303)
