"""The spreadsheet template teams fill in: one sheet per kind, a note on every column, dropdowns for every
vocabulary column and for the gazetteer's place names. `read_xlsx` reads it back sheet by sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from marsad.domain.incident import (
    CANONICAL_COLUMNS,
    CASUALTY_COLUMNS,
    DATE_RANGE_FIELDS,
    DEATH_ESTIMATE_FIELDS,
    ORIGINAL_NAME_FIELDS,
    RANGE_FIELDS,
)
from marsad.domain.keys import Kind, Status
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.xlsx_format import SHEETS

LISTS = "Lists"
README = "Read me"
ROWS = 2000  # rows with dropdowns prepared on each sheet
RAID_ONLY = ("arrests", "conducted_by")
NOTES = {
    "id": "Leave blank for a new incident; Marsad gives it an id. Keep the id to update an incident.",
    "date": "The day it happened (not the day it was reported). A date cell, or YYYY-MM-DD.",
    "date_precision": "How exact the date is: day, week or month.",
    "date_earliest": "When sources leave the day open: the earliest day it may have happened on (a date cell, or "
    "YYYY-MM-DD); blank if the date is exact. It still counts in the month of its date.",
    "date_latest": "When sources leave the day open: the latest day it may have happened on; blank if the date is "
    "exact.",
    "place": "The place as the source writes it; any spelling the gazetteer knows (Latin, Arabic, Kurdish).",
    "latitude": "Decimal degrees, e.g. 36.50237. Leave blank to locate by the place name.",
    "longitude": "Decimal degrees, e.g. 40.74772. Give both or neither.",
    "geo_precision": "How exact the location is: exact, near, town, district or governorate.",
    "type": "What happened (the list shows the types of this sheet's kind).",
    "perpetrator": "Who is held responsible (for a raid: the group raided).",
    "attribution": "How the perpetrator is known: claimed, attributed, suspected or unknown.",
    "grade": "How sure the team is that it happened: confirmed, fair, weak, contested or discounted (the Read me "
    "sheet defines each; the settings say which count in the figures).",
    "target": "Who or what was attacked.",
    "deaths_low": "Total deaths, the source's lowest estimate (whole number); blank if none.",
    "deaths_best": "Total deaths, the source's best estimate (whole number); blank if none.",
    "deaths_high": "Total deaths, the source's highest estimate (whole number); blank if none.",
    "target_detail": "Free text about the target, e.g. 'checkpoint of the 5th battalion'.",
    "arrests": "Raids: people arrested.",
    "conducted_by": "Raids: the force that carried it out.",
    "description": "What happened, for the public.",
    "notes": "Internal notes: never published.",
    "sources": "Links or names of sources, separated by ' | '. A published incident needs one.",
    "tags": "Free tags separated by ' | '.",
    "status": "draft (internal) or published (public).",
    **{
        name: f"{name.replace('_', ' ').capitalize()}: the best estimate, a whole number; blank if unknown. When "
        f"sources give a range (5-9), put it in {low} and {high}."
        for name, (low, high) in RANGE_FIELDS.items()
    },
    **{
        bound: f"The {word} estimate of {name}, when sources give a range; blank if the same as {name}."
        for name, bounds in RANGE_FIELDS.items()
        for bound, word in zip(bounds, ("lowest", "highest"), strict=True)
    },
}
# The codebook's columns less the kind (the sheet says it), what Marsad derives (districts, region, counting) and
# the names other datasets give actors (kept by their imports, not typed by a team).
NOT_TYPED = ("kind", "admin1", "admin2", "region", "counted", "exclusion_reason", *ORIGINAL_NAME_FIELDS)
COLUMNS = tuple(c for c in CANONICAL_COLUMNS if c not in NOT_TYPED)


def write_template(path: Path, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    """Write the template workbook to ``path``."""
    workbook = Workbook()
    readme = workbook.active
    assert readme is not None
    readme.title = README
    lists = workbook.create_sheet(LISTS)
    ranges = _lists(lists, vocab, gazetteer)
    for kind, title in SHEETS.items():
        columns = [c for c in COLUMNS if kind == Kind.RAID or c not in RAID_ONLY]
        _incident_sheet(workbook.create_sheet(title), columns, ranges, kind)
    _readme(readme, vocab)
    lists.sheet_state = "hidden"
    workbook.save(path)


def _lists(sheet: Worksheet, vocab: Vocabularies, gazetteer: Gazetteer) -> dict[str, str]:
    """The dropdowns' values, one column each on the hidden Lists sheet; returns the range of each list."""
    columns: dict[str, Sequence[str]] = {
        "date_precision": [t.label for t in vocab.date_precisions],
        "geo_precision": [t.label for t in vocab.geo_precisions],
        "perpetrator": [t.label for t in vocab.actors],
        "attribution": [t.label for t in vocab.attributions],
        "grade": [t.label for t in vocab.grades],
        "target": [t.label for t in vocab.targets],
        "conducted_by": [t.label for t in vocab.forces],
        "status": [t.key for t in vocab.statuses if t.key in (Status.DRAFT, Status.PUBLISHED)],
        "place": sorted({p.name for p in gazetteer.places if p.region}),
        **{f"type:{kind}": [vocab.types.term(t).label for t in vocab.types_for_kind(kind)] for kind in SHEETS},
    }
    ranges = {}
    for number, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(number)
        sheet.cell(row=1, column=number, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=number, value=value)
        ranges[name] = f"{LISTS}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _incident_sheet(sheet: Worksheet, columns: Sequence[str], ranges: dict[str, str], kind: str) -> None:
    bold, shade = Font(bold=True), PatternFill("solid", fgColor="DDE6EE")
    for number, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=name)
        cell.font, cell.fill = bold, shade
        cell.comment = Comment(NOTES.get(name, name), "Marsad")
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = 40 if name in ("description", "notes", "sources") else 16
        cells = f"{letter}2:{letter}{ROWS + 1}"
        source = ranges.get(f"type:{kind}" if name == "type" else name)
        if source:
            # places may also be written another way (the gazetteer knows many spellings): a warning, not a stop
            strict = name != "place"
            validation = DataValidation(
                type="list",
                formula1=f"={source}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if strict else "warning",
                error=f"Choose a {name.replace('_', ' ')} from the list",
                errorTitle="Not in the list",
            )
        elif name in ("date", *DATE_RANGE_FIELDS):
            validation = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
            validation.error, validation.showErrorMessage = "A date after 1 January 2000", True
            for row in range(2, ROWS + 2):
                sheet.cell(row=row, column=number).number_format = "yyyy-mm-dd"
        elif name in (*CASUALTY_COLUMNS, *DEATH_ESTIMATE_FIELDS, "arrests"):
            validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            validation.error, validation.showErrorMessage = "A whole number, 0 or more (blank if not reported)", True
        else:
            continue
        sheet.add_data_validation(validation)
        validation.add(cells)
    sheet.freeze_panes = "B2"


def _readme(sheet: Worksheet, vocab: Vocabularies) -> None:
    lines = [
        "Marsad incident template",
        "",
        "Enter attacks on the Attacks sheet, raids on the Raids sheet, other events on Other events.",
        "Every column has a note on its header (hover over it). Columns with a dropdown take a value from it.",
        "Leave a cell blank when the source does not say; 0 means none.",
        "Import the file with: marsad import this-file.xlsx  (or Import a file on the editorial desk).",
        "Nothing is written until every row is right: errors name the sheet, row and column.",
        "",
        "Grades (the grade column):",
        *(f"{term.label}: {term.definition}" for term in vocab.grades),
    ]
    for row, line in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=line).font = Font(bold=row == 1, size=14 if row == 1 else 11)
    sheet.column_dimensions["A"].width = 110
