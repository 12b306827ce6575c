"""Backups that keep everything and can be taken while the server writes; restoring one.

Everything is the whole database: incidents, sources and their history, users, API tokens, sign-in sessions
and events, the audit log, monthly reports and link checks. An export and re-import keeps only incidents.

- **SQLite**: ``VACUUM INTO`` writes a consistent snapshot of each file in one step, for the database and its
  sign-ins file (``marsad-signins.db``): the backup of ``FILE`` is ``FILE`` and its sign-ins file beside it
  (``backup.db`` and ``backup-signins.db``), itself a Marsad database. A file copy is not a backup: it misses
  what still sits in the write-ahead log (acknowledged saves) and can catch a page half-written; the backup
  API page by page restarts with every write, and never ends while editors save.
- **PostgreSQL**: ``pg_dump`` in its custom format (one snapshot of the database, both schemas), restored by
  ``pg_restore`` in one transaction.

A restore replaces the configured database's content with the backup's, then applies any migrations the
backup lacks. Stop the server first.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine, make_url

from marsad.storage.engine import SIGNINS, signins_path
from marsad.storage.migrate import is_known_revision, upgrade
from marsad.storage.schema_version import current_revision

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done, in words that say what to do."""


def backup(engine: Engine, target: Path) -> list[Path]:
    """Write a backup of the database to ``target`` (SQLite: and its sign-ins file beside it); returns the files.

    ``target`` must not exist: a backup never overwrites another.
    """
    files = [target, signins_path(target)] if engine.dialect.name == "sqlite" else [target]
    existing = [str(f) for f in files if f.exists()]
    if existing:
        raise BackupError(f"{', '.join(existing)} already exists: choose another name (a backup never overwrites)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = [f.with_name(f.name + ".partial") for f in files]
    for leftover in partial:
        leftover.unlink(missing_ok=True)
    try:
        if engine.dialect.name == "sqlite":
            _vacuum_into(engine, {"main": partial[0], SIGNINS: partial[1]})
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={partial[0]}"], engine)
    except BaseException:
        for leftover in partial:
            leftover.unlink(missing_ok=True)
        raise
    for done, final in zip(partial, files, strict=True):
        done.replace(final)  # a file named as a backup is a whole one
    return files


def restore(engine: Engine, source: Path) -> None:
    """Replace the database's content with the backup at ``source`` (taken by ``backup``), then bring its schema
    up to date."""
    kind = _kind_of(source)
    if kind == "postgresql" and engine.dialect.name == "sqlite":
        raise BackupError(f"{source} is a PostgreSQL backup: restore it with MARSAD_DATABASE_URL set to PostgreSQL")
    if kind == "sqlite" and engine.dialect.name != "sqlite":
        raise BackupError(f"{source} is a SQLite backup: restore it with MARSAD_DATABASE_URL unset or SQLite")
    revision = sqlite_backup_revision(source)
    if revision is not None and not is_known_revision(revision):
        raise BackupError(f"{source} comes from a newer Marsad (schema {revision}): upgrade Marsad, then restore")
    if kind == "sqlite":
        _restore_sqlite(engine, source)
    else:
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"],
            engine,
            str(source),
        )
    engine.dispose()  # connections opened before the restore may hold pages of the old content
    restored = current_revision(engine)
    if restored is None or not is_known_revision(restored):
        raise BackupError(f"the restored database has schema {restored}, which this Marsad does not know: upgrade it")
    upgrade(engine)


def sqlite_backup_revision(source: Path) -> str | None:
    """The schema revision of a SQLite backup (None for a PostgreSQL one, whose revision shows once restored)."""
    if _kind_of(source) != "sqlite":
        return None
    with _sqlite(source) as copy:
        try:
            row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            raise BackupError(f"{source} is a SQLite database, not a Marsad backup (no schema revision)") from None
    return str(row[0]) if row else None


def _kind_of(source: Path) -> str:
    try:
        with source.open("rb") as file:
            start = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError(f"cannot read {source}: {error.strerror}") from None
    if start.startswith(SQLITE_HEADER):
        return "sqlite"
    if start.startswith(PG_DUMP_HEADER):
        return "postgresql"
    raise BackupError(f"{source} is not a Marsad backup (neither a SQLite database nor a pg_dump archive)")


def _vacuum_into(engine: Engine, files: dict[str, Path]) -> None:
    """Each attached file into its own backup file, each a snapshot in one step (VACUUM runs outside BEGIN)."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        for schema, path in files.items():
            cursor.execute(f"VACUUM {schema} INTO ?", (str(path),))
        cursor.close()
    finally:
        connection.close()


def _restore_sqlite(engine: Engine, source: Path) -> None:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("restore needs a SQLite database file (MARSAD_DATABASE_URL names none)")
    signins = signins_path(source)
    if not signins.exists():
        raise BackupError(f"{signins} is missing: a backup is {source.name} and its sign-ins file, together")
    engine.dispose()
    for backup_file, live_file in ((source, Path(database)), (signins, signins_path(Path(database)))):
        # the backup API writes into the live file under its locks, write-ahead log included (never a file copy)
        with _sqlite(backup_file) as copy, _sqlite(live_file) as live:
            copy.backup(live)


class _sqlite:
    """A plain sqlite3 connection as a context manager that closes it (sqlite3's own only ends a transaction)."""

    def __init__(self, path: Path) -> None:
        try:
            self.connection = sqlite3.connect(path, isolation_level=None, timeout=30)
        except sqlite3.Error as error:
            raise BackupError(f"cannot open {path}: {error}") from None

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *_exc: object) -> None:
        self.connection.close()


def _run(command: list[str], engine: Engine, *arguments: str) -> None:
    """pg_dump or pg_restore on the engine's database; the password goes in the environment, not the command."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client programs (postgresql-client)")
    url = make_url(engine.url.render_as_string(hide_password=False))
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    result = subprocess.run(
        [*command, f"--dbname={conninfo}", *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")
