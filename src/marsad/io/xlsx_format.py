"""XLSX: the canonical columns on a sheet named ``incidents``, typed cells (dates, numbers) for spreadsheets;
and the template's sheets (one per kind) read back. Text that starts like a formula is written as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from marsad.domain.incident import Incident
from marsad.io.canonical import FORMATTERS, RawRow, RowError, check_columns
from marsad.io.cells import runs_as_formula
from marsad.io.xlsx_template import SHEETS

SHEET = "incidents"
SHEET_KINDS = {title: kind for kind, title in SHEETS.items()}


def read_xlsx(path: Path) -> Iterator[RawRow | RowError]:
    """The ``incidents`` sheet (or the first); a filled-in template's sheets, each giving its rows' kind."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        template = [sheet for sheet in workbook.worksheets if sheet.title in SHEET_KINDS]
        if template:
            for sheet in template:
                yield from _rows(sheet, SHEET_KINDS[sheet.title])
        else:
            yield from _rows(workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0], None)
    finally:
        workbook.close()


def _rows(sheet: Any, kind: str | None) -> Iterator[RawRow | RowError]:
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        return
    header = [str(name).strip() if name is not None else "" for name in header_row]
    while header and not header[-1]:
        header.pop()
    check_columns(header)
    for number, cells in enumerate(rows, start=2):
        values = dict(zip(header, cells, strict=False))
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        if kind and not values.get("kind"):
            values["kind"] = kind
        yield RawRow(f"sheet {sheet.title}, row {number}", values)


def _cell_value(incident: Incident, column: str) -> Any:
    if column in FORMATTERS:
        return FORMATTERS[column](incident)
    value = getattr(incident, column)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _text_cell(sheet: Any, text: str) -> WriteOnlyCell:
    """Text that starts like a formula, stored as text (openpyxl would store ``=…`` as a live formula)."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True  # and kept as text if the reader edits the cell
    return cell


def write_xlsx(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = "B2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for incident in incidents:
        row = []
        for column in columns:
            value = _cell_value(incident, column)
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                row.append(cell)
            elif isinstance(value, str) and runs_as_formula(value):
                row.append(_text_cell(sheet, value))
            else:
                row.append(value)
        sheet.append(row)
        count += 1
    workbook.save(out)
    return count
