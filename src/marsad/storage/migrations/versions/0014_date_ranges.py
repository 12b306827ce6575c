"""date ranges: the earliest and latest day an incident may have happened on, beside its date

Both start blank, which means "the date itself": every existing date reads as exact, and nothing is rewritten.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOUNDS = {
    "date_earliest": ("date_earliest_before_date", "date_earliest IS NULL OR date_earliest <= date"),
    "date_latest": ("date_latest_after_date", "date_latest IS NULL OR date_latest >= date"),
}


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        for name, (check, condition) in BOUNDS.items():
            batch.add_column(sa.Column(name, sa.Date(), nullable=True))
            batch.create_check_constraint(op.f(f"ck_incidents_{check}"), condition)


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        for name, (check, _) in BOUNDS.items():
            batch.drop_constraint(op.f(f"ck_incidents_{check}"), type_="check")
            batch.drop_column(name)
