"""Who may do what on the editorial desk. The public (no account) sees published incidents only."""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    READ_INTERNAL = "read_internal"  # drafts, notes, field contacts, the review queue
    EDIT = "edit"  # create and edit incidents that are not published
    PUBLISH = "publish"  # publish, unpublish, withdraw; edit published incidents; report drafts
    MANAGE_USERS = "manage_users"  # accounts, roles, the audit log


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"

    @property
    def permissions(self) -> frozenset[Permission]:
        return GRANTS[self]

    def can(self, permission: Permission) -> bool:
        return permission in GRANTS[self]


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.EDITOR: frozenset({Permission.READ_INTERNAL, Permission.EDIT, Permission.PUBLISH}),
    Role.CONTRIBUTOR: frozenset({Permission.READ_INTERNAL, Permission.EDIT}),
    Role.VIEWER: frozenset({Permission.READ_INTERNAL}),
}
ROLE_HELP = {
    Role.ADMIN: "users, vocabularies, everything",
    Role.EDITOR: "create, edit, publish, report drafts",
    Role.CONTRIBUTOR: "create and edit drafts, cannot publish",
    Role.VIEWER: "read everything internal",
}


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise ValueError(f"'{text}' is not a role; use one of {', '.join(r.value for r in Role)}") from None
