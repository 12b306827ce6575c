"""Bulk INSERT for the import path, the one place the two databases are written differently.

PostgreSQL gets COPY; SQLite gets the driver's executemany with SQLAlchemy's own value conversion (dates,
booleans) applied. Both skip SQLAlchemy's per-row parameter bookkeeping, which costs more than the
database itself when a million rows arrive (see bench/README.md). Table and column names come from our
own metadata, never from input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Dialect, Table
from sqlalchemy.orm import Session

from marsad.storage.engine import is_postgresql

Converter = tuple[tuple[int, Callable[[Any], Any]], ...]


def bulk_insert(session: Session, table: Table, columns: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in ``columns`` order) in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    if is_postgresql(connection):
        _copy(connection, table, columns, rows)
    else:
        sql, convert = _prepare(table, columns, connection.dialect)
        if convert:
            memo: dict[tuple[int, Any], Any] = {}  # a batch repeats its dates and timestamps: convert each once
            rows = [_converted(row, convert, memo) for row in rows]
        connection.exec_driver_sql(sql, [tuple(row) for row in rows])


def _converted(row: Sequence[Any], convert: Converter, memo: dict[tuple[int, Any], Any]) -> list[Any]:
    values = list(row)
    for position, process in convert:
        value = values[position]
        if value is not None:
            key = (position, value)
            if key not in memo:
                memo[key] = process(value)
            values[position] = memo[key]
    return values


@cache
def _prepare(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, Converter]:
    if dialect.paramstyle != "qmark":
        raise RuntimeError(f"bulk_insert writes SQLite's qmark parameters, not {dialect.paramstyle}")
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join('?' for _ in columns)})"
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]
    return sql, tuple((i, p) for i, p in enumerate(processors) if p is not None)


def _copy(connection: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> None:
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
