"""killed with unknown status, the total deaths' low / best / high estimates, other datasets' own actor names

UCDP GED events imported before this kept their estimates and unknown-status deaths in the notes
("UCDP GED 400000: deaths best 4, low 3, high 6; 1 of unknown status"): they are read back into the new fields.

Revision ID: 0009
Revises: 0008
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ("unknown_killed", "deaths_low", "deaths_best", "deaths_high")
NAMES = ("perpetrator_original", "target_original", "conducted_by_original")
_GED_NOTE = re.compile(
    r"^UCDP GED [^:]*: deaths best (\d+), low (\d+), high (\d+)(?:; (\d+) of unknown status)?$", re.MULTILINE
)


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        for name in COUNTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
            batch.create_check_constraint(op.f(f"ck_incidents_{name}_not_negative"), f"{name} IS NULL OR {name} >= 0")
        for name in NAMES:
            batch.add_column(sa.Column(name, sa.String(length=200), nullable=True))
    _read_ged_notes()


def _read_ged_notes() -> None:
    incidents = sa.table("incidents", sa.column("id"), sa.column("notes"), *(sa.column(name) for name in COUNTS))
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(incidents.c.id, incidents.c.notes).where(incidents.c.notes.like("%UCDP GED %: deaths best %"))
    )
    for incident_id, notes in rows.all():
        found = _GED_NOTE.search(notes or "")
        if found is None:
            continue
        best, low, high, unknown = found.groups()
        values = {"deaths_best": int(best), "deaths_low": int(low), "deaths_high": int(high)}
        if unknown is not None:
            values["unknown_killed"] = int(unknown)
        bind.execute(sa.update(incidents).where(incidents.c.id == incident_id).values(**values))


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        for name in NAMES:
            batch.drop_column(name)
        for name in COUNTS:
            batch.drop_constraint(op.f(f"ck_incidents_{name}_not_negative"), type_="check")
            batch.drop_column(name)
