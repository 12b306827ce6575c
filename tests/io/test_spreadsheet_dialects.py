"""CSV as spreadsheets export it: a byte-order mark, semicolons, decimal commas, date serials, 1,234."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from marsad.domain.vocabulary import Vocabularies
from marsad.io.canonical import RawRow, parse_incident
from marsad.io.csv_format import read_csv

LIBREOFFICE_DE = (
    "id;kind;date;place;latitude;longitude;type;perpetrator;civilian_killed;arrests;status\n"
    "2023-11-0001;attack;45242;Hasakah;36,50237;40,74772;ied;isis;1,234;;draft\n"
    "2023-11-0002;raid;2023-11-13;Hajin;;;raid;isis;;3;draft\n"
)


def rows(path: Path) -> list[RawRow]:
    found = list(read_csv(path))
    assert all(isinstance(r, RawRow) for r in found)
    return found  # type: ignore[return-value]


def test_a_semicolon_file_with_a_bom_decimal_commas_and_date_serials(tmp_path: Path, vocab: Vocabularies) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(LIBREOFFICE_DE.encode("utf-8-sig"))
    first, second = rows(path)
    incident, problems = parse_incident(first.values, vocab)
    assert problems == [] and incident is not None
    assert incident.date == dt.date(2023, 11, 12)  # Excel serial 45242
    assert (incident.latitude, incident.longitude) == (36.50237, 40.74772)
    assert incident.civilian_killed == 1234
    raid, problems = parse_incident(second.values, vocab)
    assert problems == [] and raid is not None and raid.arrests == 3


def test_what_cannot_be_read_unambiguously_is_an_error_that_says_so(vocab: Vocabularies) -> None:
    _, problems = parse_incident({"date": "12/11/2023", "type": "ied", "military_killed": "1.5"}, vocab)
    assert ("date", "'12/11/2023' is not a date (expected YYYY-MM-DD)") in problems  # 12 November or 11 December?
    assert ("military_killed", "'1.5' is not a whole number (leave blank if not reported)") in problems
    _, problems = parse_incident({"date": "123", "type": "ied"}, vocab)  # not a plausible date serial
    assert ("date", "'123' is not a date (expected YYYY-MM-DD)") in problems


def test_tab_separated_text_too(tmp_path: Path, vocab: Vocabularies) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("id\tkind\tdate\ttype\n2023-11-0003\tattack\t2023-11-14\tied\n", encoding="utf-8")
    [row] = rows(path)
    assert parse_incident(row.values, vocab)[0] is not None
