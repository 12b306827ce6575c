"""Engines and sessions for SQLite (embedded default) and PostgreSQL; the one place dialects differ.

Sign-in state (browser sessions and sign-in events) lives in its own schema, ``signins``: on PostgreSQL a
schema of the same database, on SQLite a second file beside the database (``marsad-signins.db`` next to
``marsad.db``), attached to every connection. SQLite lets one writer at a time into a *file*, so a long import
into the dataset no longer keeps anyone from signing in.

Every transaction says up front what it will write (``Writes``). On SQLite a writing transaction claims the
write lock of each file it writes as its very first statement, waiting its turn (the busy timeout) instead of
failing half-way with "database is locked" when a read turns into a write; PostgreSQL needs no claim.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

SIGNINS = "signins"
BUSY_TIMEOUT_MS = 15_000  # how long a writer waits for another's transaction before giving up (SQLite)
PAGE_CACHE_KIB = 65_536  # 64 MB a connection (SQLite): index upkeep stays in memory on large imports


class Writes(enum.Enum):
    """What a transaction will write; on SQLite it decides which files' write locks it takes at the start."""

    NOTHING = ()
    SIGNINS = ("signins",)  # browser sessions and sign-in events only: never waits behind an import
    DATA = ("main",)  # the dataset and everything else in the main database (users, reports, the audit log)


# A no-op write takes the file's write lock (RESERVED) without changing a row: SQLite's BEGIN IMMEDIATE would
# lock every attached file at once, which is what sign-ins must not wait for.
_CLAIMS = {
    "main": "UPDATE main.id_counters SET last = last WHERE 0",
    SIGNINS: f"UPDATE {SIGNINS}.login_sessions SET user_id = user_id WHERE 0",
}


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys, the sign-ins file and a folder that exists."""
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # a connection is used by one thread at a time (the pool sees to it), but not always the one that opened it
        connect_args = {"check_same_thread": False, **options.pop("connect_args", {})}
        engine = create_engine(url, connect_args=connect_args, **options)
        signins = str(signins_path(Path(path))) if path and path != ":memory:" else ":memory:"
        event.listen(engine, "connect", lambda connection, _record: _sqlite_pragmas(connection, signins))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **options)


def connection_limit(engine: Engine) -> int | None:
    """How many connections the engine's pool hands out at most (None: as many as asked for)."""
    pool = engine.engine.pool  # ``.engine``: a Connection given in its engine's place (tests do) has no pool
    if isinstance(pool, QueuePool) and pool._max_overflow >= 0:  # SQLAlchemy has no public getter of it
        return pool.size() + pool._max_overflow
    return None


def signins_path(database: Path) -> Path:
    """The file that holds a SQLite database's sign-in state (back it up with the database)."""
    return database.with_name(f"{database.stem}-{SIGNINS}{database.suffix or '.db'}")


def _sqlite_pragmas(connection: sqlite3.Connection, signins: str) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin: savepoints and
    # transactional DDL then behave as on PostgreSQL (SQLAlchemy's documented pysqlite recipe).
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("ATTACH DATABASE ? AS signins", (signins,))
    for schema in ("main", SIGNINS):
        cursor.execute(f"PRAGMA {schema}.journal_mode = WAL")
        cursor.execute(f"PRAGMA {schema}.synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")
    for schema in connection.get_execution_options().get("marsad_writes", ()):
        connection.exec_driver_sql(_CLAIMS[schema])


_factories: WeakKeyDictionary[Engine, dict[Writes, sessionmaker[Session]]] = WeakKeyDictionary()


def session_factory(engine: Engine, writes: Writes = Writes.DATA) -> sessionmaker[Session]:
    """Sessions whose transactions write what ``writes`` says (read-only ones take no lock at all)."""
    made = _factories.setdefault(engine, {})
    if writes not in made:
        made[writes] = sessionmaker(engine.execution_options(marsad_writes=writes.value), expire_on_commit=False)
    return made[writes]


@contextmanager
def unit_of_work(engine: Engine, writes: Writes = Writes.DATA) -> Iterator[Session]:
    """A session whose work is committed if the block succeeds and rolled back whole if it raises."""
    with session_factory(engine, writes)() as session, session.begin():
        yield session


@contextmanager
def page_cache_at_most(session: Session, kib: int) -> Iterator[None]:
    """SQLite: the session's connection keeps at most ``kib`` of pages in memory during the block (what does
    not fit is written to the WAL early), then its usual cache again; PostgreSQL: nothing changes. For a
    write that adds rows to indexes as it goes, where the cache is memory beside everything the writer holds."""
    if is_postgresql(session):
        yield
        return
    connection = session.connection()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")


def is_busy(error: BaseException) -> bool:
    """SQLite's answer when another writer kept the lock past the busy timeout (a long import, say)."""
    return isinstance(error, OperationalError) and "database is locked" in str(error.orig)


def is_postgresql(bind: Session | Connection | Engine) -> bool:
    """The one test for the dialect: everything else is written once for both databases."""
    if isinstance(bind, Session):
        return bind.get_bind().dialect.name == "postgresql"
    return bind.dialect.name == "postgresql"
