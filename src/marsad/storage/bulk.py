"""Bulk INSERT for the import path: SQLAlchemy compiles the statement and converts the values, the driver's
executemany sends them. It skips SQLAlchemy's per-row parameter bookkeeping, which costs more than the
database itself when a million rows arrive (see bench/README.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Dialect, Table, insert
from sqlalchemy.orm import Session

@dataclass(frozen=True)
class _Prepared:
    sql: str
    order: tuple[str, ...]
    pick: Callable[[dict[str, Any]], tuple[Any, ...]]
    convert: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position, bind processor) where one exists


@cache
def _prepare(table: Table, columns: tuple[str, ...], dialect: Dialect) -> _Prepared:
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    order = tuple(compiled.positiontup or ()) if compiled.positional else columns
    processors = [table.c[name].type.bind_processor(dialect) for name in order]
    convert = tuple((i, p) for i, p in enumerate(processors) if p is not None)
    pick = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
    return _Prepared(str(compiled), order, pick, convert)


def bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    prepared = _prepare(table, tuple(rows[0]), connection.dialect)
    values = []
    for row in rows:
        value = list(prepared.pick(row))
        for position, process in prepared.convert:
            value[position] = process(value[position])
        values.append(value)
    if connection.dialect.positional:
        connection.exec_driver_sql(prepared.sql, [tuple(v) for v in values])
    else:
        connection.exec_driver_sql(prepared.sql, [dict(zip(prepared.order, v, strict=True)) for v in values])
