"""Where a row of a file is, as the readers name it ("line 17") and as a reader of any language reads it
("السطر 17", "rêza 17", "هێڵی 17").

The readers name every row's place in English as they read it, a million times per file; only the few shown
with an error are worded again, from the same templates (``make translations`` finds them here).
"""

from __future__ import annotations

import re

from marsad.domain.phrases import Phrase

LINE = Phrase("line {number}")
RECORD = Phrase("record {number}")
FEATURE = Phrase("feature {number}")
SHEET_ROW = Phrase("sheet {sheet}, row {number}")


def _pattern(template: Phrase) -> re.Pattern[str]:
    """The template as a pattern that finds its values again: "line {number}" matches "line 17"."""
    return re.compile(re.sub(r"\\\{(\w+)\\\}", lambda name: f"(?P<{name[1]}>.+)", re.escape(template.template)))


_SHAPES = [(_pattern(template), template) for template in (LINE, RECORD, FEATURE, SHEET_ROW)]


def line(number: int) -> str:
    return f"line {number}"  # LINE written out: the CSV readers call this for every row, and format() costs 3x


def record(number: int) -> str:
    return RECORD.template.format(number=number)


def feature(number: int) -> str:
    return FEATURE.template.format(number=number)


def sheet_row(sheet: str, number: int) -> str:
    return SHEET_ROW.template.format(sheet=sheet, number=number)


def position(where: str) -> str:
    """``where`` as a phrase when a reader made it ("line 17", "sheet Data, row 4"), else as it is."""
    for shape, template in _SHAPES:
        if found := shape.fullmatch(where):
            return Phrase(template.template, **found.groupdict())
    return where
