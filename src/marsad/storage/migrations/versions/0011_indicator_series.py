"""indicator series: sourced observations of camp populations, repatriations and the team's other indicators

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_observations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("low", sa.BigInteger(), nullable=True),
        sa.Column("high", sa.BigInteger(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("source_title", sa.Text(), nullable=True),
        sa.Column("source_publisher", sa.String(length=200), nullable=True),
        sa.Column("source_type", sa.String(length=40), nullable=True),
        sa.Column("source_language", sa.String(length=20), nullable=True),
        sa.Column("source_published", sa.Date(), nullable=True),
        sa.Column("source_accessed", sa.Date(), nullable=True),
        sa.Column("source_excerpt", sa.Text(), nullable=True),
        sa.Column("source_archive_sha256", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_indicator_observations_value_not_negative")),
        sa.CheckConstraint("low IS NULL OR low <= value", name=op.f("ck_indicator_observations_low_not_above_value")),
        sa.CheckConstraint(
            "high IS NULL OR high >= value", name=op.f("ck_indicator_observations_high_not_below_value")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_observations")),
        sa.UniqueConstraint("indicator", "place", "group_key", "as_of", name="uq_indicator_observations_point"),
    )
    op.create_index("ix_indicator_observations_as_of", "indicator_observations", ["as_of"])


def downgrade() -> None:
    op.drop_index("ix_indicator_observations_as_of", table_name="indicator_observations")
    op.drop_table("indicator_observations")
