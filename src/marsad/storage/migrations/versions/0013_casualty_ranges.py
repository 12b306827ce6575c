"""casualty ranges: a low and a high estimate beside each count (its best estimate)

The new columns start blank, which means "the same as the best estimate": every existing count reads as an
exact count, and nothing is rewritten.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = (
    "military_killed",
    "military_injured",
    "civilian_killed",
    "civilian_injured",
    "perpetrators_killed",
    "unknown_killed",
)
BOUNDS = tuple(f"{count}_{bound}" for count in COUNTS for bound in ("low", "high"))


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        for name in BOUNDS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
            batch.create_check_constraint(op.f(f"ck_incidents_{name}_not_negative"), f"{name} IS NULL OR {name} >= 0")


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        for name in BOUNDS:
            batch.drop_constraint(op.f(f"ck_incidents_{name}_not_negative"), type_="check")
            batch.drop_column(name)
