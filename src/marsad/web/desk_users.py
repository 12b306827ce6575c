"""Users on the desk (admins): the same account functions as `marsad users`, in the browser."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from marsad.domain.phrases import Phrase
from marsad.domain.roles import ROLE_HELP, Role, parse_role
from marsad.i18n.catalogues import N_
from marsad.services.accounts import AccountError, create_user, list_users, reset_password, set_disabled, set_role
from marsad.web.auth import DESK, CanManage, Member
from marsad.web.deps import SessionDep
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False, dependencies=[DESK])


def _page(request: Request, session: Session, viewer: Member, status: int = 200, **extra: Any) -> Response:
    context = {"viewer": viewer, "users": list_users(session), "roles": list(Role), "role_help": ROLE_HELP, **extra}
    return templates.TemplateResponse(request, "desk/users.html", context, status_code=status)


@router.get("/desk/users", response_class=HTMLResponse)
def users(request: Request, session: SessionDep, viewer: CanManage) -> Response:
    return _page(request, session, viewer)


@router.post("/desk/users", response_class=HTMLResponse)
def add_user(
    request: Request,
    session: SessionDep,
    viewer: CanManage,
    email: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "contributor",
) -> Response:
    try:
        user, password = create_user(session, email, name, parse_role(role), viewer.user.actor)
    except (AccountError, ValueError) as error:
        return _page(request, session, viewer, 422, error=str(error), email=email, name=name)
    return _page(request, session, viewer, message=f"Added {user.email} as {user.role.value}.", password=password)


def _change(request: Request, session: Session, viewer: Member, email: str, action: str, role: str = "") -> Response:
    if email.strip().lower() == viewer.user.email:
        return _page(request, session, viewer, 422, error=N_("Change your own account at the command line."))
    try:
        if action == "role":
            changed = set_role(session, email, parse_role(role), viewer.user.actor)
            return _page(request, session, viewer, message=f"{changed.email} is now {changed.role.value}.")
        if action in ("disable", "enable"):
            changed = set_disabled(session, email, action == "disable", viewer.user.actor)
            return _page(request, session, viewer, message=f"{changed.email} is {action}d.")
        password = reset_password(session, email, viewer.user.actor)
    except (AccountError, ValueError) as error:
        return _page(request, session, viewer, 422, error=str(error))
    return _page(request, session, viewer, message=f"New password for {email}.", password=password)


@router.post("/desk/users/role", response_class=HTMLResponse)
def change_role(
    request: Request,
    session: SessionDep,
    viewer: CanManage,
    email: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
) -> Response:
    return _change(request, session, viewer, email, "role", role)


@router.post("/desk/users/{action}", response_class=HTMLResponse)
def change_account(
    request: Request, action: str, session: SessionDep, viewer: CanManage, email: Annotated[str, Form()] = ""
) -> Response:
    if action not in ("disable", "enable", "reset-password"):
        return _page(
            request,
            session,
            viewer,
            404,
            error=Phrase("'{action}' is not something to do to an account", action=action),
        )
    return _change(request, session, viewer, email, action)
