"""the intake: channels and feeds, items, stories, triage actions

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "intake_channels",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=600), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("poll_minutes", sa.Integer(), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_channels")),
        sa.UniqueConstraint("key", name=op.f("uq_intake_channels_key")),
    )
    op.create_table(
        "intake_stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_stories")),
    )
    op.create_table(
        "intake_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=600), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("forwarded_from", sa.String(length=200), nullable=True),
        sa.Column("reply_to", sa.String(length=64), nullable=True),
        sa.Column("links", sa.Text(), nullable=True),
        sa.Column("media", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.String(length=40), nullable=True),
        sa.Column("suggestion", sa.Text(), nullable=True),
        sa.Column("has_suggestion", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=40), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["intake_channels.id"],
            name=op.f("fk_intake_items_channel_id_intake_channels"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["intake_items.id"],
            name=op.f("fk_intake_items_duplicate_of_intake_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["intake_stories.id"],
            name=op.f("fk_intake_items_story_id_intake_stories"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_items")),
        sa.UniqueConstraint("channel_id", "external_id", "revision", name="uq_intake_items_message"),
    )
    op.create_index(
        "ix_intake_items_channel_id_status_posted_at", "intake_items", ["channel_id", "status", "posted_at"]
    )
    op.create_index("ix_intake_items_event_date", "intake_items", ["event_date"])
    op.create_index("ix_intake_items_posted_at", "intake_items", ["posted_at"])
    op.create_index("ix_intake_items_status_posted_at", "intake_items", ["status", "posted_at"])
    op.create_index("ix_intake_items_story_id", "intake_items", ["story_id"])
    op.create_table(
        "intake_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("before_status", sa.String(length=20), nullable=False),
        sa.Column("before_incident_id", sa.String(length=40), nullable=True),
        sa.Column("before_duplicate_of", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["intake_items.id"], name=op.f("fk_intake_actions_item_id_intake_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_actions")),
    )
    op.create_index(op.f("ix_intake_actions_item_id"), "intake_actions", ["item_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_intake_actions_item_id"), table_name="intake_actions")
    op.drop_table("intake_actions")
    op.drop_index("ix_intake_items_story_id", table_name="intake_items")
    op.drop_index("ix_intake_items_status_posted_at", table_name="intake_items")
    op.drop_index("ix_intake_items_posted_at", table_name="intake_items")
    op.drop_index("ix_intake_items_event_date", table_name="intake_items")
    op.drop_index("ix_intake_items_channel_id_status_posted_at", table_name="intake_items")
    op.drop_table("intake_items")
    op.drop_table("intake_stories")
    op.drop_table("intake_channels")
