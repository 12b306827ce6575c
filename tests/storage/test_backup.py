"""Backup and restore on SQLite and PostgreSQL: a backup taken while editors save restores to the database as it
was at one moment of the backup, everything included (users, tokens, sign-ins, audit log, reports, history),
and no save acknowledged before the backup began is missing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.analysis.months import Month
from marsad.cli.app import app
from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.formats import Mappings, format_named
from marsad.services.accounts import create_api_token, create_user, open_session
from marsad.services.exporting import export_incidents
from marsad.services.reports import publish, save_draft
from marsad.storage.backup import BackupError, backup, restore
from marsad.storage.cubes import rebuild
from marsad.storage.engine import make_engine, unit_of_work
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.migrate import upgrade
from marsad.storage.schema_version import head_revision
from marsad.storage.tables import ID_COUNTERS, INCIDENTS, REVISIONS, SOURCES, SQUARES, TALLIES, Base
from tests.conftest import throwaway_postgres
from tests.helpers import attack

WRITTEN_DURING = "2020-01-"  # the ids the editor saves while the backup runs


@pytest.fixture
def empty_twin(own_engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """A second, empty database of the same kind, to restore into."""
    with contextlib.ExitStack() as stack:
        if own_engine.dialect.name == "sqlite":
            url = f"sqlite:///{tmp_path / 'restored' / 'marsad.db'}"
        else:
            url = stack.enter_context(throwaway_postgres())
        twin = make_engine(url)
        stack.callback(twin.dispose)
        upgrade(twin)
        yield twin


def _everything_but_incidents(engine: Engine, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    """Users, a token, a sign-in session, audit events, a published report, and incidents with history."""
    with unit_of_work(engine) as session:
        admin, _ = create_user(session, "admin@example.org", "Admin", Role.ADMIN, "test", "a long test password")
        create_api_token(session, admin, "nightly script")
        writer = IncidentWriter(session, vocab, actor="editor", via="desk")
        writer.write([attack(), attack(id="2019-07-0002", status="draft", notes="internal")])
        writer.write([attack(military_killed=3, description="Revised toll.")])
        save_draft(session, Month(2019, 7), vocab, "editor")
        publish(session, Month(2019, 7), vocab, gazetteer, "editor")
    with unit_of_work(engine) as session:
        open_session(session, admin)


class Editor(threading.Thread):
    """Saves new incidents one after another until told to stop; ``acknowledged`` lists those committed."""

    def __init__(self, engine: Engine, vocab: Vocabularies) -> None:
        super().__init__(daemon=True)
        self.engine, self.vocab = engine, vocab
        self.acknowledged: list[str] = []
        self.stop, self.failure = threading.Event(), None
        self.enough = threading.Event()

    def run(self) -> None:
        try:
            number = 0
            while not self.stop.is_set():
                number += 1
                incident_id = f"{WRITTEN_DURING}{number:04d}"
                with unit_of_work(self.engine) as session:
                    IncidentWriter(session, self.vocab, actor="editor", via="desk").write(
                        [attack(id=incident_id, date=dt.date(2020, 1, 1 + number % 28), place=f"Place {number}")]
                    )
                self.acknowledged.append(incident_id)  # committed: the editor has seen "saved"
                if number >= 20:
                    self.enough.set()
        except Exception as error:  # reported by the test
            self.failure = error
            self.enough.set()


def _rows(session: Session, keep: set[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in a stable order; the tables of incidents only for the incidents in ``keep``."""
    by_incident = {INCIDENTS.name: INCIDENTS.c.id, SOURCES.name: SOURCES.c.incident_id}
    by_incident[REVISIONS.name] = REVISIONS.c.incident_id
    dumped = {}
    for table in Base.metadata.sorted_tables:
        if table in (ID_COUNTERS, TALLIES, SQUARES):  # the next free number, and figures of every incident:
            continue  # the editor went on saving after the backup
        statement = select(table).order_by(*table.primary_key.columns)
        if table.name in by_incident:
            statement = statement.where(by_incident[table.name].in_(sorted(keep)))
        dumped[table.fullname] = [tuple(row) for row in session.execute(statement)]
    return dumped


def _export(session: Session, keep: set[str]) -> list[dict[str, Any]]:
    out = io.BytesIO()
    export_incidents(
        session, IncidentFilter(), format_named("json"), out, Access.INTERNAL, mappings=Mappings(load_vocabularies())
    )
    exported = json.loads(out.getvalue())
    return [incident for incident in exported if incident["id"] in keep]


def test_a_backup_taken_while_an_editor_saves_restores_one_moment_of_it_whole(
    own_engine: Engine, empty_twin: Engine, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    _everything_but_incidents(own_engine, vocab, gazetteer)
    editor = Editor(own_engine, vocab)
    editor.start()
    try:
        assert editor.enough.wait(120) and editor.failure is None, editor.failure
        for attempt in range(20):  # a small database backs up faster than a save: take another until one overlaps
            saved_before = list(editor.acknowledged)
            files = backup(own_engine, tmp_path / f"backup-{attempt}" / "marsad-backup.db")
            saved_by_the_end = len(editor.acknowledged)
            if saved_by_the_end > len(saved_before):
                break
    finally:
        editor.stop.set()
        editor.join(60)
    assert editor.failure is None, editor.failure
    assert saved_by_the_end > len(saved_before), "the editor should have saved during the backup too"
    if own_engine.dialect.name == "sqlite":
        assert [f.name for f in files] == ["marsad-backup.db", "marsad-backup-signins.db"]

    restore(empty_twin, files[0])
    with Session(empty_twin) as restored, Session(own_engine) as source:
        during = {i for i in restored.scalars(select(INCIDENTS.c.id)) if i.startswith(WRITTEN_DURING)}
        # one moment: the editor's saves up to some point, none missing in between, none acknowledged before lost
        assert during == set(editor.acknowledged[: len(during)])
        assert set(saved_before) <= during
        keep = {i for i in source.scalars(select(INCIDENTS.c.id)) if not i.startswith(WRITTEN_DURING)} | during
        assert _export(restored, keep) == _export(source, keep)
        assert len(_export(restored, keep)) == len(keep) >= len(saved_before) + 2
        restored_rows, source_rows = _rows(restored, keep), _rows(source, keep)
        assert restored_rows == source_rows
        for table in ("users", "api_tokens", "audit_events", "reports", "revisions", "signins.login_sessions"):
            assert restored_rows[table], f"{table} should have rows to compare"
        figures = [sorted(map(tuple, restored.execute(select(t)))) for t in (TALLIES, SQUARES)]
        rebuild(restored)  # the restored figures are those of the restored incidents
        assert figures == [sorted(map(tuple, restored.execute(select(t)))) for t in (TALLIES, SQUARES)] != [[], []]
        restored.rollback()


def test_the_command_line_backs_up_and_restores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--admin-email", "admin@example.org"]).exit_code == 0
    target = tmp_path / "nightly.db"
    made = runner.invoke(app, ["backup", str(target)])
    assert made.exit_code == 0, made.output
    assert target.exists() and (tmp_path / "nightly-signins.db").exists()
    again = runner.invoke(app, ["backup", str(target)])
    assert again.exit_code == 1 and "already exists" in again.output
    assert runner.invoke(app, ["users", "add", "late@example.org", "--role", "editor"]).exit_code == 0
    refused = runner.invoke(app, ["restore", str(target)])  # not a terminal: it will not ask, so it refuses
    assert refused.exit_code == 1 and "--yes" in refused.output
    done = runner.invoke(app, ["restore", str(target), "--yes"])
    assert done.exit_code == 0, done.output
    assert f"schema {head_revision()}" in done.output
    users = runner.invoke(app, ["users", "list"]).output
    assert "admin@example.org" in users and "late@example.org" not in users


def test_a_restore_refuses_what_is_not_a_backup_of_its_kind(own_engine: Engine, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a database", encoding="utf-8")
    with pytest.raises(BackupError, match="is not a Marsad backup"):
        restore(own_engine, other)
    wrong_kind = tmp_path / "other.backup"
    wrong_kind.write_bytes(b"SQLite format 3\x00" if own_engine.dialect.name == "postgresql" else b"PGDMP\x01")
    with pytest.raises(BackupError, match="SQLite backup" if own_engine.dialect.name == "postgresql" else "PostgreSQL"):
        restore(own_engine, wrong_kind)
