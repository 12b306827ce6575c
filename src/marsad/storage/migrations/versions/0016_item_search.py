"""item search: the words each inbox item is found by, full-text indexed on both engines, and an index for
the inbox's language and region filters

``intake_items.search_words`` is filled here from each stored item's searchable text (domain.item_search, as
the write path fills it for new items). SQLite indexes it in an FTS5 table kept in step by triggers,
PostgreSQL in a GIN index of its words (storage.item_search says why these).

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from marsad.domain.item_search import index_words

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 20_000
FILTERS = ("ix_intake_items_status_language_region_posted_at", ["status", "language", "region", "posted_at"])
SQLITE = (
    "CREATE VIRTUAL TABLE intake_search USING fts5(search_words, content='intake_items', content_rowid='id', "
    "tokenize='ascii')",
    "CREATE TRIGGER intake_search_insert AFTER INSERT ON intake_items BEGIN "
    "INSERT INTO intake_search (rowid, search_words) VALUES (new.id, new.search_words); END",
    "CREATE TRIGGER intake_search_delete AFTER DELETE ON intake_items BEGIN "
    "INSERT INTO intake_search (intake_search, rowid, search_words) VALUES ('delete', old.id, old.search_words); "
    "END",
    "CREATE TRIGGER intake_search_update AFTER UPDATE OF search_words ON intake_items BEGIN "
    "INSERT INTO intake_search (intake_search, rowid, search_words) VALUES ('delete', old.id, old.search_words); "
    "INSERT INTO intake_search (rowid, search_words) VALUES (new.id, new.search_words); END",
    "INSERT INTO intake_search (intake_search) VALUES ('rebuild')",
)
POSTGRESQL = (
    "CREATE INDEX ix_intake_items_search_words ON intake_items "
    "USING gin (array_to_tsvector(string_to_array(search_words, ' ')))",
)


def upgrade() -> None:
    op.add_column("intake_items", sa.Column("search_words", sa.Text(), server_default="", nullable=False))
    connection = op.get_bind()
    items = sa.table("intake_items", sa.column("id", sa.Integer), sa.column("search_text", sa.Text))
    highest = 0
    while True:
        rows = connection.execute(
            sa.select(items.c.id, items.c.search_text).where(items.c.id > highest).order_by(items.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        connection.execute(
            sa.text("UPDATE intake_items SET search_words = :words WHERE id = :id"),
            [{"id": row.id, "words": index_words(row.search_text)} for row in rows],
        )
        highest = rows[-1].id
    for statement in SQLITE if connection.dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)
    op.create_index(FILTERS[0], "intake_items", FILTERS[1])


def downgrade() -> None:
    op.drop_index(FILTERS[0], table_name="intake_items")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER intake_search_{trigger}")
        op.execute("DROP TABLE intake_search")
    else:
        op.drop_index("ix_intake_items_search_words", table_name="intake_items")
    with op.batch_alter_table("intake_items") as batch:
        batch.drop_column("search_words")
