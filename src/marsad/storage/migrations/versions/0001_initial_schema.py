"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 23:03:17.162177
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "id_counters",
        sa.Column("prefix", sa.String(length=7), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_id_counters")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.String(length=40), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.String(length=40), nullable=True),
        sa.Column("admin1", sa.String(length=100), nullable=True),
        sa.Column("admin2", sa.String(length=100), nullable=True),
        sa.Column("region", sa.String(length=40), nullable=True),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("perpetrator", sa.String(length=40), nullable=False),
        sa.Column("attribution", sa.String(length=40), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("exclusion_reason", sa.String(length=200), nullable=True),
        sa.Column("target", sa.String(length=40), nullable=True),
        sa.Column("target_detail", sa.Text(), nullable=True),
        sa.Column("military_killed", sa.Integer(), nullable=True),
        sa.Column("military_injured", sa.Integer(), nullable=True),
        sa.Column("civilian_killed", sa.Integer(), nullable=True),
        sa.Column("civilian_injured", sa.Integer(), nullable=True),
        sa.Column("perpetrators_killed", sa.Integer(), nullable=True),
        sa.Column("arrests", sa.Integer(), nullable=True),
        sa.Column("conducted_by", sa.String(length=40), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("tags", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name=op.f("ck_incidents_coordinates_together")),
        sa.CheckConstraint("arrests IS NULL OR arrests >= 0", name=op.f("ck_incidents_arrests_not_negative")),
        sa.CheckConstraint(
            "civilian_injured IS NULL OR civilian_injured >= 0",
            name=op.f("ck_incidents_civilian_injured_not_negative"),
        ),
        sa.CheckConstraint(
            "civilian_killed IS NULL OR civilian_killed >= 0",
            name=op.f("ck_incidents_civilian_killed_not_negative"),
        ),
        sa.CheckConstraint(
            "latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name=op.f("ck_incidents_latitude_range")
        ),
        sa.CheckConstraint(
            "longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name=op.f("ck_incidents_longitude_range")
        ),
        sa.CheckConstraint(
            "military_injured IS NULL OR military_injured >= 0",
            name=op.f("ck_incidents_military_injured_not_negative"),
        ),
        sa.CheckConstraint(
            "military_killed IS NULL OR military_killed >= 0",
            name=op.f("ck_incidents_military_killed_not_negative"),
        ),
        sa.CheckConstraint(
            "perpetrators_killed IS NULL OR perpetrators_killed >= 0",
            name=op.f("ck_incidents_perpetrators_killed_not_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_date", ["date"], unique=False)
        batch_op.create_index("ix_incidents_kind_date", ["kind", "date"], unique=False)
        batch_op.create_index("ix_incidents_region_date", ["region", "date"], unique=False)
        batch_op.create_index("ix_incidents_status_date", ["status", "date"], unique=False)

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("via", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
    )
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revisions_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.String(length=200), nullable=True),
        sa.Column("source_type", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("accessed", sa.Date(), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=True),
        sa.Column("archive_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_sources_incident_id_incidents"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sources_incident_id"), ["incident_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_incident_id"))

    op.drop_table("sources")
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revisions_incident_id"))

    op.drop_table("revisions")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_status_date")
        batch_op.drop_index("ix_incidents_region_date")
        batch_op.drop_index("ix_incidents_kind_date")
        batch_op.drop_index("ix_incidents_date")

    op.drop_table("incidents")
    op.drop_table("id_counters")
