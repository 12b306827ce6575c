"""The XLSX template: dropdowns and notes, opens in LibreOffice, and a filled-in template imports."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.cli.app import app
from marsad.domain.access import Access
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.xlsx_format import read_xlsx
from marsad.io.xlsx_template import write_template
from marsad.services.importing import ImportRejectedError, import_rows
from marsad.storage.queries import get_incident


@pytest.fixture
def template(tmp_path: Path, vocab: Vocabularies, gazetteer: Gazetteer) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(path, vocab, gazetteer)
    return path


def test_one_sheet_per_kind_with_notes_and_dropdowns(template: Path) -> None:
    workbook = load_workbook(template)
    assert workbook.sheetnames == ["Read me", "Lists", "Attacks", "Raids", "Other events"]
    assert workbook["Lists"].sheet_state == "hidden"
    attacks, raids = workbook["Attacks"], workbook["Raids"]
    header = [c.value for c in attacks[1]]
    assert "arrests" not in header and "arrests" in [c.value for c in raids[1]]
    date_note = attacks.cell(row=1, column=header.index("date") + 1).comment
    assert date_note is not None and "The day it happened" in date_note.text
    at = header.index("civilian_killed")
    assert header[at : at + 3] == ["civilian_killed", "civilian_killed_low", "civilian_killed_high"]
    best_note = attacks.cell(row=1, column=at + 1).comment
    assert best_note is not None and "put it in civilian_killed_low and civilian_killed_high" in best_note.text
    lists = {str(v.sqref).split(":")[0][:-1]: v for v in attacks.data_validations.dataValidation}
    type_column = attacks.cell(row=1, column=header.index("type") + 1).column_letter
    assert lists[type_column].formula1.startswith("=Lists!") and lists[type_column].type == "list"
    type_values = [c.value for c in workbook["Lists"]["J"][1:] if c.value]  # the attack types' column
    assert "IED" in type_values and "Raid" not in type_values
    assert len({v.formula1 for v in attacks.data_validations.dataValidation if v.type == "list"}) >= 8


def test_the_template_opens_in_libreoffice(template: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is missing (the setup step installs libreoffice-calc-nogui)")
        pytest.skip("soffice is not installed")
    result = subprocess.run(
        [soffice, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path / "out"), str(template)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},  # a profile of its own
        check=False,
    )
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    assert (tmp_path / "out" / "template.csv").read_text(encoding="utf-8").startswith("Marsad incident template")


def fill(template: Path, rows: dict[str, list[dict[str, object]]]) -> Path:
    workbook = load_workbook(template)
    for title, entries in rows.items():
        sheet = workbook[title]
        header = [c.value for c in sheet[1]]
        for number, entry in enumerate(entries, start=2):
            for name, value in entry.items():
                sheet.cell(row=number, column=header.index(name) + 1, value=value)
    workbook.save(template)
    return template


def test_a_filled_in_template_imports(
    session: Session, template: Path, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    fill(
        template,
        {
            "Attacks": [
                {
                    "date": dt.date(2023, 11, 12),
                    "type": "IED",
                    "place": "Qamishlo",
                    "perpetrator": "ISIS",
                    "attribution": "Claimed",
                    "grade": "Fair",
                    "military_killed": 2,
                    "civilian_killed": 5,
                    "civilian_killed_high": 9,
                    "civilian_injured": "3-6",
                    "sources": "https://example.org/a",
                    "status": "published",
                },
            ],
            "Raids": [
                {
                    "date": dt.date(2023, 11, 13),
                    "type": "Raid",
                    "place": "al-Shaddadi",
                    "perpetrator": "ISIS",
                    "arrests": 3,
                    "conducted_by": "SDF",
                    "sources": "SDF statement",
                },
            ],
        },
    )
    report = import_rows(session, read_xlsx(template), vocab=vocab, gazetteer=gazetteer, actor="test")
    assert report.written.created == 2
    attack = get_incident(session, "2023-11-0001", Access.INTERNAL)
    raid = get_incident(session, "2023-11-0002", Access.INTERNAL)
    assert attack is not None and (attack.kind, attack.type, attack.place, attack.grade) == (
        "attack",
        "ied",
        "Qamishlo",
        "fair",
    )
    assert attack.counted is True  # fair counts by default
    ranges = [(attack.civilian_killed_low, attack.civilian_killed, attack.civilian_killed_high)]
    ranges.append((attack.civilian_injured_low, attack.civilian_injured, attack.civilian_injured_high))
    assert ranges == [(None, 5, 9), (3, 3, 6)]  # "3-6" typed where the best estimate goes: 3, from 3 to 6
    assert attack.region == "jazira" and attack.status == "published"
    assert raid is not None and (raid.kind, raid.arrests, raid.conducted_by) == ("raid", 3, "sdf")
    assert raid.grade == "weak" and raid.counted is False  # no grade given: what an unticked "confirmed" was


def test_template_errors_name_the_sheet_row_and_column(
    session: Session, template: Path, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    fill(template, {"Raids": [{"date": dt.date(2023, 11, 13), "type": "Raid"}, {"date": "13.11.2023", "type": "Raid"}]})
    with pytest.raises(ImportRejectedError) as rejected:
        import_rows(session, read_xlsx(template), vocab=vocab, gazetteer=gazetteer, actor="test")
    assert [str(e) for e in rejected.value.report.errors] == [
        "sheet Raids, row 3, column date: '13.11.2023' is not a date (expected YYYY-MM-DD)"
    ]


def test_cli_writes_the_template(tmp_path: Path) -> None:
    out = tmp_path / "team.xlsx"
    result = CliRunner().invoke(app, ["template", "xlsx", "--out", str(out)])
    assert result.exit_code == 0 and out.exists() and "Attacks, Raids, Other events" in result.stdout
