"""Alembic environment: migrations run on the connection that marsad.storage.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from marsad.storage.tables import Base

config = context.config
connection: Connection | None = config.attributes.get("connection")
if connection is None:  # pragma: no cover - Marsad always passes a connection
    raise RuntimeError("run migrations with `marsad db upgrade`, which passes the database connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
