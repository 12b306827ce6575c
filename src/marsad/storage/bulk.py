"""Bulk INSERT for the import path, the one place the two databases are written differently.

PostgreSQL gets COPY; SQLite gets the driver's executemany, with SQLAlchemy's own value conversion applied to
what the driver cannot take as it is (dates and timestamps: text, numbers and booleans go through unchanged,
so the import's dates, already ISO text, cost nothing, and its timestamp is converted once, as a constant).
Both skip SQLAlchemy's per-row parameter bookkeeping, which costs more than the database itself when a million
rows arrive (see bench/README.md).
Table and column names come from our own metadata, never from input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table
from sqlalchemy.orm import Session

from marsad.storage.engine import is_postgresql

Converter = tuple[tuple[int, Callable[[Any], Any]], ...]


def bulk_insert(
    session: Session,
    table: Table,
    columns: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
    constants: Mapping[str, Any] | None = None,
) -> None:
    """Insert ``rows`` (values in ``columns`` order) in the session's transaction, each followed by the values of
    ``constants``: columns that hold the same value in every row (a timestamp, who wrote them), converted once."""
    if not rows:
        return
    connection = session.connection()
    names, tail = (*columns, *(constants or {})), tuple((constants or {}).values())
    if is_postgresql(connection):
        _copy(connection, table, names, rows, tail)
        return
    sql, convert = _prepare(table, names, connection.dialect)
    width = len(columns)
    tail = _converted(tail, tuple((i - width, p) for i, p in convert if i >= width), {})
    cells = _driver_rows(rows, tuple((i, p) for i, p in convert if i < width))
    connection.exec_driver_sql(sql, [row + tail for row in cells])


_NATIVE = frozenset({str, int, float, bool, type(None)})  # what sqlite3 binds as it is, as SQLAlchemy would


def _driver_rows(rows: Sequence[tuple[Any, ...]], convert: Converter) -> Sequence[tuple[Any, ...]]:
    """The rows as the driver takes them. A column whose cells are all text, numbers or None in this batch (the
    import's dates are ISO text) is passed as it is, checked in one pass; the others are converted row by row."""
    needed = tuple((i, p) for i, p in convert if not _NATIVE.issuperset(map(type, map(itemgetter(i), rows))))
    if not needed:
        return rows
    memo: dict[tuple[int, Any], Any] = {}  # a batch repeats its dates and timestamps: convert each once
    return [_converted(row, needed, memo) for row in rows]


def _converted(row: tuple[Any, ...], convert: Converter, memo: dict[tuple[int, Any], Any]) -> tuple[Any, ...]:
    """The row with its values of ``convert``'s positions as the driver takes them."""
    values = None
    for position, process in convert:
        value = row[position]
        if type(value) not in _NATIVE:
            key = (position, value)
            if key not in memo:
                memo[key] = process(value)
            if values is None:
                values = list(row)
            values[position] = memo[key]
    return row if values is None else tuple(values)


@cache
def _prepare(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, Converter]:
    if dialect.paramstyle != "qmark":
        raise RuntimeError(f"bulk_insert writes SQLite's qmark parameters, not {dialect.paramstyle}")
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join('?' for _ in columns)})"
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]
    return sql, tuple((i, p) for i, p in enumerate(processors) if p is not None)


def _copy(
    connection: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
    tail: tuple[Any, ...],
) -> None:
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row + tail)


@contextmanager
def indexes_made_after(session: Session, tables: Sequence[Table]) -> Iterator[None]:
    """SQLite: the tables' secondary indexes dropped for the block and made again at its end, in the same
    transaction (made once over a million rows, an index costs less than kept up row by row). If the block
    raises, the caller rolls back, which brings them back: SQLite's schema is transactional, and readers see the
    indexes throughout. PostgreSQL keeps its indexes: dropping one would lock readers out until the commit."""
    if is_postgresql(session):
        yield
        return
    connection = session.connection()
    listed = ", ".join("?" for _ in tables)
    indexes = connection.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({listed})",
        tuple(table.name for table in tables),
    ).all()
    quote = connection.dialect.identifier_preparer.quote
    for name, _ in indexes:
        connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
    yield
    for _, create in indexes:
        connection.exec_driver_sql(create)
