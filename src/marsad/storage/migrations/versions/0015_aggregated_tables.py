"""tables aggregated in advance: tallies (counts and sums per month, by kind, region and actor, and by every public
field) and squares (located incidents per map square at four zoom levels), filled from the incidents

The fill is storage.cubes.rebuild, the one definition of what the tables hold (about 20 s at 1,000,000
incidents on SQLite); a later change of their columns recreates and refills them in a migration of its own.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from marsad.storage.cubes import rebuild

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = sa.String(length=40)
COUNTS = ("military_killed", "military_injured", "civilian_killed", "civilian_injured", "perpetrators_killed")
CASUALTIES = (*COUNTS, "unknown_killed")
MEASURES = (*CASUALTIES, "arrests", *(f"{name}_{bound}" for name in CASUALTIES for bound in ("low", "high")))
TALLY_KEYS = (
    "level",
    "status",
    "counted",
    "kind",
    "month",
    "region",
    "perpetrator",
    "type",
    "attribution",
    "target",
    "grade",
)
SQUARE_KEYS = ("level", "status", "counted", "kind", "x", "y", "month", "perpetrator")


def _key(name: str) -> sa.Column[Any]:
    kinds: dict[str, sa.types.TypeEngine[Any]] = {"month": sa.Date(), "counted": sa.Boolean()}
    kinds |= dict.fromkeys(("level", "x", "y"), sa.Integer())
    return sa.Column(name, kinds.get(name, KEY), nullable=False)


def upgrade() -> None:
    op.create_table(
        "tallies",
        *(_key(name) for name in TALLY_KEYS),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sa.Column("located", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in MEASURES),
        sa.PrimaryKeyConstraint(*TALLY_KEYS, name=op.f("pk_tallies")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "squares",
        *(_key(name) for name in SQUARE_KEYS),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("killed", sa.BigInteger(), nullable=False),
        sa.Column("first_id", sa.String(length=40), nullable=False),
        sa.Column("type", KEY, nullable=True),
        sa.Column("geo_precision", KEY, nullable=True),
        sa.PrimaryKeyConstraint(*SQUARE_KEYS, name=op.f("pk_squares")),
        sqlite_with_rowid=False,
    )
    rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_table("squares")
    op.drop_table("tallies")
