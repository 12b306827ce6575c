"""confidence grades: each incident's grade replaces the yes / no ``confirmed``; the counting rule in force

``confirmed`` true becomes the grade ``confirmed``; false becomes ``weak`` (recorded but not verified: nothing
says it was contested or did not happen, and a grade the default rule leaves out keeps every figure as it was).
The counting rule recorded is the default (confirmed and fair), which counts the mapped records exactly as
``confirmed`` did; a process started with other grades recounts (storage.counting). The history's changes of
``confirmed`` become changes of the grade, so an incident's history and its state at each revision read on.
Downgrading maps the grade ``confirmed`` back to true and every other grade to false.

Revision ID: 0012
Revises: 0011
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_COUNTED_GRADES = "confirmed,fair"


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("grade", sa.String(length=40), nullable=True))
    incidents = sa.table("incidents", sa.column("confirmed", sa.Boolean()), sa.column("grade", sa.String()))
    op.execute(sa.update(incidents).values(grade=sa.case((incidents.c.confirmed.is_(True), "confirmed"), else_="weak")))
    with op.batch_alter_table("incidents") as batch:
        batch.alter_column("grade", existing_type=sa.String(length=40), nullable=False)
        batch.drop_column("confirmed")
    _rename_in_history("confirmed", "grade", {"true": '"confirmed"', "false": '"weak"'})
    rule = op.create_table(
        "counting_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counted_grades", sa.String(length=400), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counting_rule")),
    )
    op.bulk_insert(rule, [{"id": 1, "counted_grades": DEFAULT_COUNTED_GRADES, "changed_at": dt.datetime.now(dt.UTC)}])


def _rename_in_history(before: str, after: str, values: dict[str, str], otherwise: str | None = None) -> None:
    """Revisions of field ``before`` become revisions of ``after``, their JSON values mapped (any other value
    becomes ``otherwise``, or is kept)."""
    revisions = sa.table("revisions", sa.column("field"), sa.column("before"), sa.column("after"))

    def mapped(column: sa.ColumnClause[str]) -> sa.Case[str]:
        rest = column if otherwise is None else sa.case((column.is_(None), None), else_=otherwise)
        return sa.case(*((column == old, new) for old, new in values.items()), else_=rest)

    op.execute(
        sa.update(revisions)
        .where(revisions.c.field == before)
        .values(field=after, before=mapped(revisions.c.before), after=mapped(revisions.c.after))
    )


def downgrade() -> None:
    _rename_in_history("grade", "confirmed", {'"confirmed"': "true"}, otherwise="false")
    op.drop_table("counting_rule")
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("confirmed", sa.Boolean(), nullable=True))
    incidents = sa.table("incidents", sa.column("confirmed", sa.Boolean()), sa.column("grade", sa.String()))
    op.execute(sa.update(incidents).values(confirmed=incidents.c.grade == "confirmed"))
    with op.batch_alter_table("incidents") as batch:
        batch.alter_column("confirmed", existing_type=sa.Boolean(), nullable=False)
        batch.drop_column("grade")
