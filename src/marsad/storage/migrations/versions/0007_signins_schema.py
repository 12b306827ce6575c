"""sign-in state in a schema of its own (a file of its own on SQLite): sessions and sign-in events

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNINS = "signins"
SIGNIN_ACTIONS = ("login", "login_failed", "login_throttled", "logout")
_ACTIONS = ", ".join(f"'{a}'" for a in SIGNIN_ACTIONS)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {SIGNINS}")
    op.create_table(
        "login_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_sessions")),
        schema=SIGNINS,
    )
    op.create_index(op.f("ix_login_sessions_user_id"), "login_sessions", ["user_id"], schema=SIGNINS)
    op.create_table(
        "signin_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signin_events")),
        schema=SIGNINS,
    )
    op.create_index("ix_signin_events_action_at", "signin_events", ["action", "at"], schema=SIGNINS)
    # what was signed in stays signed in; the sign-in part of the audit log moves with it
    op.execute(
        f"INSERT INTO {SIGNINS}.login_sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
        "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM login_sessions"
    )
    op.execute(
        f"INSERT INTO {SIGNINS}.signin_events (at, actor, action, detail, address) "
        f"SELECT at, actor, action, detail, address FROM audit_events WHERE action IN ({_ACTIONS}) ORDER BY id"
    )
    op.execute(f"DELETE FROM audit_events WHERE action IN ({_ACTIONS})")
    op.drop_index(op.f("ix_login_sessions_user_id"), table_name="login_sessions")
    op.drop_table("login_sessions")


def downgrade() -> None:
    op.create_table(
        "login_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_login_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_sessions")),
    )
    op.create_index(op.f("ix_login_sessions_user_id"), "login_sessions", ["user_id"])
    op.execute(
        "INSERT INTO login_sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
        f"SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at FROM {SIGNINS}.login_sessions s "
        "WHERE s.user_id IN (SELECT id FROM users)"
    )
    op.execute(
        "INSERT INTO audit_events (at, actor, action, detail, address) "
        f"SELECT at, actor, action, detail, address FROM {SIGNINS}.signin_events ORDER BY id"
    )
    op.drop_index("ix_signin_events_action_at", table_name="signin_events", schema=SIGNINS)
    op.drop_table("signin_events", schema=SIGNINS)
    op.drop_index(op.f("ix_login_sessions_user_id"), table_name="login_sessions", schema=SIGNINS)
    op.drop_table("login_sessions", schema=SIGNINS)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP SCHEMA IF EXISTS {SIGNINS}")
