"""quick entry examples: texts pasted into quick entry, what was suggested and what was saved

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quick_entry_examples",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("suggested", sa.Text(), nullable=False),
        sa.Column("saved", sa.Text(), nullable=False),
        sa.Column("corrected", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quick_entry_examples")),
    )
    op.create_index(op.f("ix_quick_entry_examples_incident_id"), "quick_entry_examples", ["incident_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_quick_entry_examples_incident_id"), table_name="quick_entry_examples")
    op.drop_table("quick_entry_examples")
