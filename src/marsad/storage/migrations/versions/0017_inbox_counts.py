"""inbox counts: how many items each channel has of each status, counted here once from the stored items and
kept in step by the write path since (storage.inbox_counts)

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ("new", "handled", "dismissed")  # domain.intake.ItemStatus when this migration was written


def upgrade() -> None:
    op.create_table(
        "intake_counts",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["intake_channels.id"],
            name=op.f("fk_intake_counts_channel_id_intake_channels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", "status", name=op.f("pk_intake_counts")),
    )
    statuses = " UNION ALL ".join(f"SELECT '{status}' AS status" for status in STATUSES)
    op.execute(
        "INSERT INTO intake_counts (channel_id, status, total) "
        "SELECT channels.id, statuses.status, COALESCE(counted.items, 0) "
        f"FROM intake_channels AS channels CROSS JOIN ({statuses}) AS statuses "
        "LEFT JOIN (SELECT channel_id, status, COUNT(*) AS items FROM intake_items GROUP BY channel_id, status) "
        "AS counted ON counted.channel_id = channels.id AND counted.status = statuses.status"
    )


def downgrade() -> None:
    op.drop_table("intake_counts")
