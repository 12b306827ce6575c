"""XLSX: the canonical columns on a sheet named ``incidents``, typed cells (dates, numbers) for spreadsheets;
and the template's sheets (one per kind) read back. Text that starts like a formula is written as text."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from marsad.domain.incident import Incident
from marsad.domain.keys import Kind
from marsad.domain.phrases import Phrase
from marsad.domain.rules import clipped
from marsad.io import positions
from marsad.io.canonical import FORMATTERS, RawRow, RowError, check_columns
from marsad.io.cells import runs_as_formula
from marsad.io.limits import MAX_XLSX_BYTES, MAX_XLSX_UNPACKED_BYTES, BadFileError, check_size

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

SHEET = "incidents"
# The sheet each kind of incident goes on in the template; the import reads the kind from the sheet.
SHEETS = {Kind.ATTACK: "Attacks", Kind.RAID: "Raids", Kind.OTHER: "Other events"}
SHEET_KINDS = {title: kind for kind, title in SHEETS.items()}


def read_xlsx(path: Path) -> Iterator[RawRow | RowError]:
    """The ``incidents`` sheet (or the first); a filled-in template's sheets, each giving its rows' kind."""
    check_size(path, MAX_XLSX_BYTES, "XLSX")
    _check_zip(path)
    from openpyxl import load_workbook  # half a second to load: only when a spreadsheet is read or written

    place = Place()
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            template = [sheet for sheet in workbook.worksheets if sheet.title in SHEET_KINDS]
            if template:
                for sheet in template:
                    yield from _rows(sheet, SHEET_KINDS[sheet.title], place)
            elif workbook.worksheets:
                yield from _rows(
                    workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0], None, place
                )
        finally:
            workbook.close()
    except BadFileError:
        raise
    except Exception as error:  # openpyxl lets its zip and XML layers' errors through, of many types
        raise BadFileError(
            Phrase(
                "{place}: the workbook is damaged ({error}); open it in a spreadsheet program and save it again",
                place=place,
                error=type(error).__name__ + ": " + clipped(str(error)),
            )
        ) from None


class Place:
    """Where the reading is, for a message about a workbook that breaks halfway."""

    def __init__(self) -> None:
        self.sheet: str | None = None
        self.row = 0

    def __str__(self) -> str:
        if self.sheet is None:
            return "opening the workbook"
        return f"sheet {self.sheet}, after row {self.row}" if self.row else f"sheet {self.sheet}"


def _check_zip(path: Path) -> None:
    """An .xlsx file is a zip of XML parts: refuse other files, and zips that inflate beyond reason."""
    if not zipfile.is_zipfile(path):
        raise BadFileError(
            Phrase("this is not an XLSX workbook (those are zip archives); a CSV file should end in .csv")
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise BadFileError(Phrase("the workbook's zip archive is damaged ({error})", error=str(error))) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise BadFileError(
            f"the workbook unpacks to {unpacked / 2**30:,.1f} GB; Marsad reads at most "
            f"{MAX_XLSX_UNPACKED_BYTES / 2**30:g} GB (save the sheet as CSV instead)"
        )


def _rows(sheet: Any, kind: str | None, place: Place) -> Iterator[RawRow | RowError]:
    place.sheet, place.row = sheet.title, 0
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        return
    header = [str(name).strip() if name is not None else "" for name in header_row]
    while header and not header[-1]:
        header.pop()
    check_columns(header)
    for number, cells in enumerate(rows, start=2):
        place.row = number - 1
        values = dict(zip(header, cells, strict=False))
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        if kind and not values.get("kind"):
            values["kind"] = kind
        yield RawRow(positions.sheet_row(sheet.title, number), values)


def _cell_value(incident: Incident, column: str) -> Any:
    if column in FORMATTERS:
        return FORMATTERS[column](incident)
    value = getattr(incident, column)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _text_cell(sheet: Any, text: str) -> WriteOnlyCell:
    """Text that starts like a formula, stored as text (openpyxl would store ``=…`` as a live formula)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True  # and kept as text if the reader edits the cell
    return cell


def write_xlsx(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

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
