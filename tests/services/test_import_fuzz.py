"""Fuzzed imports, per format and on both databases: every file gets an answer in words, never a traceback,
and a refused file writes nothing. Bounded to stay fast; `scripts/fuzz-imports` runs thousands of files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.formats import format_named
from marsad.io.limits import BadFileError
from marsad.services.importing import ImportRejectedError, import_file
from marsad.storage.tables import INCIDENTS, REVISIONS
from tests.services.import_files import FILES

BOUNDED = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def rows(session: Session) -> tuple[int, int]:
    incidents = session.scalar(select(func.count()).select_from(INCIDENTS))
    revisions = session.scalar(select(func.count()).select_from(REVISIONS))
    return int(incidents or 0), int(revisions or 0)


@pytest.mark.parametrize("name", list(FILES))
def test_every_file_is_imported_or_refused_in_words(
    name: str, session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    fmt = format_named(name)
    path = tmp_path / f"fuzzed{fmt.extensions[0]}"

    @BOUNDED
    @given(data=FILES[name], skip_invalid=st.booleans())
    def imported_or_refused(data: bytes, skip_invalid: bool) -> None:
        path.write_bytes(data)
        try:
            with session.begin_nested() as attempt:
                report = import_file(
                    session,
                    path,
                    fmt.reader(),
                    vocab=vocab,
                    gazetteer=gazetteer,
                    actor="fuzz",
                    skip_invalid=skip_invalid,
                    parallel=False,
                )
                assert rows(session)[0] == report.written.created  # the good rows, and only those
                attempt.rollback()
        except ImportRejectedError as rejected:
            assert rejected.report.errors and all(e.where and e.column and e.reason for e in rejected.report.errors)
        except BadFileError as refused:
            assert str(refused)
        assert rows(session) == (0, 0)  # rejected or rolled back: nothing stays

    imported_or_refused()
