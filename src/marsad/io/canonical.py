"""The canonical record: parsing one raw row (from any format) into an Incident, and formatting it back.

Every reader (CSV, XLSX, JSON, GeoJSON) yields ``RawRow``s of column -> value; this module turns them into
Incidents or into errors that name the row, the column and what to fix. Values may be strings (CSV) or
already typed (JSON numbers, XLSX dates).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process

from marsad.domain.incident import (
    CANONICAL_COLUMNS,
    LEGACY_COLUMNS,
    MAX_COUNT,
    ORIGINAL_NAME_FIELDS,
    RANGE_FIELDS,
    SOURCE_FIELDS,
    WHOLE_NUMBER_FIELDS,
    Incident,
    Source,
)
from marsad.domain.keys import Status
from marsad.domain.phrases import Phrase
from marsad.domain.ranges import stated_range
from marsad.domain.rules import clipped
from marsad.domain.vocabulary import CONFIRMED_GRADE, UNCONFIRMED_GRADE, UnknownTermError, Vocabularies, Vocabulary
from marsad.io.actor_names import Unmapped
from marsad.io.limits import MAX_COLUMNS, BadFileError

LIST_SEPARATOR = " | "
REQUIRED_COLUMNS = ("date", "type")
_TRUE = {"true", "yes", "y", "1", "confirmed", "x"}
_FALSE = {"false", "no", "n", "0", "unconfirmed"}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record as read from a file, with where it was (``line 17``, ``sheet Attacks, row 4``), and the
    names another dataset used that no mapping knew (the import sums them up; see io.actor_names)."""

    where: str
    values: Mapping[str, Any]
    unmapped: tuple[Unmapped, ...] = ()


@dataclass(frozen=True, slots=True)
class RowError:
    where: str
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}, column {self.column}: {self.reason}"


class ColumnError(BadFileError):
    """A header that cannot be read as Marsad columns (unknown or missing columns)."""


UNKNOWN_COLUMNS_NAMED = 10  # a header of 100,000 unknown columns is named by its first few


def check_columns(columns: Sequence[str], allowed: Sequence[str] = CANONICAL_COLUMNS) -> None:
    """Refuse unknown and missing columns before reading any row, suggesting the column meant (a file from before
    grades may still have ``confirmed``: see ``LEGACY_COLUMNS``)."""
    columns = [column for column in columns if column not in LEGACY_COLUMNS]
    if len(columns) > MAX_COLUMNS:
        raise ColumnError(
            f"the header has {len(columns):,} columns; a Marsad file has at most {len(allowed)} "
            f"({', '.join(allowed)}): is this the right file, or its separator?"
        )
    problems = []
    unknown = [column for column in columns if column not in allowed]
    for column in unknown[:UNKNOWN_COLUMNS_NAMED]:
        best = process.extractOne(column, allowed, score_cutoff=60)
        hint = f" (did you mean '{best[0]}'?)" if best else ""
        problems.append(f"'{clipped(column)}' is not a Marsad column{hint}")
    if len(unknown) > UNKNOWN_COLUMNS_NAMED:
        problems.append(f"and {len(unknown) - UNKNOWN_COLUMNS_NAMED:,} more columns are not Marsad's")
    repeated = sorted(c for c, n in Counter(columns).items() if n > 1)
    problems.extend(f"column '{clipped(c)}' appears more than once" for c in repeated)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(f"the required column(s) {', '.join(missing)} are missing")
    if problems:
        raise ColumnError("; ".join(problems) + f". Columns are: {', '.join(allowed)}")


class _Parser:
    """Parses one row, collecting every problem rather than stopping at the first."""

    def __init__(self, values: Mapping[str, Any], vocab: Vocabularies) -> None:
        self.values = _present(values)
        self.vocab = vocab
        self.problems: list[tuple[str, str]] = []

    def refuse(self, column: str, reason: str) -> None:
        self.problems.append((column, reason))

    def text(self, column: str) -> str | None:
        value = self.values.get(column)
        if value is None or type(value) is str:
            return value
        if isinstance(value, list | dict):
            self.refuse(column, "is a list or an object, where one value belongs")
            return None
        return str(value).strip() or None

    def term(self, column: str, vocabulary: Vocabulary, default: str | None = None) -> str | None:
        text = self.text(column)
        if text is None:
            return default
        if len(text) > LONGEST_TERM:
            self.refuse(
                column, Phrase("is {n} characters long; no term of the vocabulary is", n=format(len(text), ","))
            )
            return default
        try:
            return vocabulary.resolve(text)
        except UnknownTermError as error:
            self.refuse(column, str(error))
            return default

    def date(self, column: str) -> dt.date | None:
        value = self.values.get(column)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = self.text(column)
        if text is None:
            return None
        day = date_cell(value, text)
        if day is None:
            self.refuse(column, Phrase("'{text}' is not a date (expected YYYY-MM-DD)", text=clipped(text)))
        return day

    def number(self, column: str, low: float, high: float) -> float | None:
        text = self.text(column)
        if text is None:
            return None
        number = number_cell(self.values.get(column), text, low, high)
        if isinstance(number, str):
            self.refuse(column, number)
            return None
        return number

    def count(self, column: str) -> int | None:
        text = self.text(column)
        if text is None:
            return None
        number = count_cell(self.values.get(column), text)
        if isinstance(number, str):
            self.refuse(column, number)
            return None
        return number

    def counts(self) -> dict[str, int | None]:
        """Every whole-number column; a range written where a best estimate belongs is read as one."""
        counts: dict[str, int | None] = {}
        for name in WHOLE_NUMBER_FIELDS:
            value = self.values.get(name)
            found = _RANGE.match(value) if name in RANGE_FIELDS and type(value) is str else None
            if found:
                counts.update(self._range_in_best(name, found))
            elif name not in counts:
                counts[name] = self.count(name)
        return counts

    def _range_in_best(self, name: str, found: re.Match[str]) -> dict[str, int | None]:
        """ "5-9" or "5–9" in ``civilian_killed``: low 5 and high 9, the best estimate as domain.ranges.stated_range
        says (the low)."""
        low_name, high_name = RANGE_FIELDS[name]
        low, high = (int(part.replace(",", "")) for part in found.groups())
        given = [bound for bound in (low_name, high_name) if self.values.get(bound) is not None]
        if low > high:
            self.refuse(
                name,
                Phrase(
                    "'{range}' is a range from high to low; write the low first ({low}–{high})",
                    range=found.group(),
                    low=high,
                    high=low,
                ),
            )
        elif given:
            self.refuse(name, f"holds the range '{found.group()}' and {' and '.join(given)} another: give it once")
        else:
            stated = stated_range(low, high)
            return {name: stated.best, low_name: stated.low, high_name: stated.high}
        return dict.fromkeys((name, low_name, high_name))

    def flag(self, column: str) -> bool | None:
        value = self.values.get(column)
        if isinstance(value, bool):
            return value
        text = self.text(column)
        if text is None:
            return None
        flag = flag_cell(text)
        if flag is None:
            self.refuse(column, Phrase("'{text}' is not true or false", text=clipped(text)))
        return flag

    def grade(self) -> str:
        """The ``grade`` column, or what an older file's ``confirmed`` yes / no meant (confirmed / weak)."""
        grade = self.term("grade", self.vocab.grades)
        confirmed = self.flag("confirmed")
        if confirmed is not None and grade is not None and confirmed != (grade == CONFIRMED_GRADE):
            said = "yes" if confirmed else "no"
            self.refuse("confirmed", f"says {said} but the grade is {grade}; keep the grade and drop this column")
        if grade is not None:
            return grade
        return CONFIRMED_GRADE if confirmed else UNCONFIRMED_GRADE

    def words(self, column: str) -> list[str]:
        value = self.values.get(column)
        if isinstance(value, list):
            if any(isinstance(v, list | dict) for v in value):
                self.refuse(column, "holds a list or an object where a word belongs")
                return []
            return [str(v).strip() for v in value if v is not None and str(v).strip()]
        return words_cell(self.text(column))

    def sources(self) -> list[Source]:
        value = self.values.get("sources")
        if isinstance(value, list):
            return [s for s in (self._source(i, item) for i, item in enumerate(value, 1)) if s is not None]
        return [source_from_text(piece) for piece in self.words("sources")]

    def _source(self, position: int, item: object) -> Source | None:
        if isinstance(item, Source):  # built by a reader that typed it already (UCDP GED's articles)
            return item
        if isinstance(item, str):
            return source_from_text(item.strip()) if item.strip() else None
        if not isinstance(item, Mapping):
            self.refuse("sources", f"source {position} is neither a URL nor an object")
            return None
        unknown = sorted(set(item) - set(SOURCE_FIELDS))
        if unknown:
            named = ", ".join(clipped(str(field)) for field in unknown[:UNKNOWN_COLUMNS_NAMED])
            self.refuse("sources", f"source {position} has unknown field(s) {named}")
        sub = _Parser(item, self.vocab)
        source = Source(
            url=sub.text("url"),
            title=sub.text("title"),
            publisher=sub.text("publisher"),
            source_type=sub.term("source_type", self.vocab.source_types),
            language=sub.text("language"),
            published=sub.date("published"),
            accessed=sub.date("accessed"),
            excerpt=sub.text("excerpt"),
            archive_sha256=sub.text("archive_sha256"),
        )
        self.problems.extend(
            ("sources", Phrase("source {n}, {field}: {reason}", n=position, field=field, reason=reason))
            for field, reason in sub.problems
        )
        return source


LONGEST_TERM = 200  # longer than any key, label or alias: not looked up
LONGEST_COUNT = 20  # characters (digits, a sign, commas): a longer count is larger than MAX_COUNT
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
_RANGE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d{1,10})\s*[-–—]\s*(\d{1,3}(?:,\d{3})+|\d{1,10})$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's (and LibreOffice's) date serials


# -- one cell: what a value means or why it is refused (the row parser and the batch parser, io.columns, share these)
def date_cell(value: object, text: str) -> dt.date | None:
    """The day a cell holds (ISO, or a spreadsheet's serial number), or None if it holds none."""
    return _iso_date(text) or _excel_serial_date(value, text)


def number_cell(value: object, text: str, low: float, high: float) -> float | str:
    """The number a cell holds, within ``low`` and ``high``, or why it holds none (a str)."""
    try:
        if isinstance(value, bool):
            raise ValueError
        number = float(value) if isinstance(value, int | float) else float(_decimal_point(text))
    except (ValueError, OverflowError):
        return Phrase("'{text}' is not a number", text=clipped(text))
    if not low <= number <= high or math.isnan(number):
        return Phrase(
            "{text} is out of range ({low} to {high})", text=clipped(text), low=format(low, "g"), high=format(high, "g")
        )
    return round(number, 6)


def count_cell(value: object, text: str) -> int | str:
    """The whole number of people or arrests a cell holds, or why it holds none (a str)."""
    if isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif len(text) > LONGEST_COUNT:
        number = MAX_COUNT + 1  # no need to read a thousand digits to know
    elif text.isdecimal() or (text.startswith("-") and text[1:].isdecimal()):  # ٣ is 3; ² is not a count
        number = int(text)
    elif _THOUSANDS.match(text):  # 1,234 as spreadsheets write it
        number = int(text.replace(",", ""))
    else:
        return Phrase("'{text}' is not a whole number (leave blank if not reported)", text=clipped(text))
    if number < 0:
        return Phrase("{n} is negative; counts are 0 or more (leave blank if not reported)", n=number)
    if number > MAX_COUNT:
        return Phrase(
            "{n} is more than the largest count Marsad stores ({most})", n=clipped(text), most=format(MAX_COUNT, ",")
        )
    return number


def flag_cell(text: str) -> bool | None:
    """True or false as a cell writes it (yes, y, 1, x…), or None if it is neither."""
    folded = text.lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return None


def words_cell(text: str | None) -> list[str]:
    """The words of a cell that lists them ("a | b")."""
    return [piece.strip() for piece in text.split("|") if piece.strip()] if text else []


def _decimal_point(text: str) -> str:
    """36,5023 (a decimal comma, as European spreadsheets write it) read as 36.5023."""
    return text.replace(",", ".") if _DECIMAL_COMMA.match(text) else text


def _excel_serial_date(value: object, text: str) -> dt.date | None:
    """A date a spreadsheet exported as its serial number (45242 is 2023-11-12), within 1955-2118."""
    try:
        serial = float(value) if isinstance(value, int | float) else float(text)
    except (ValueError, OverflowError):
        return None
    if serial.is_integer() and 20_000 <= serial <= 80_000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
    return None


def _iso_date(text: str) -> dt.date | None:
    if len(text) != 10:  # fromisoformat also takes 20190702, which nobody means in a date column
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _present(values: Mapping[str, Any]) -> dict[str, Any]:
    """The row without blank cells, strings stripped: every parser then sees a value or nothing."""
    present = {}
    for column, value in values.items():
        if type(value) is str:
            value = value.strip()
            if value:
                present[column] = value
        elif value is not None and not (isinstance(value, float) and math.isnan(value)):
            present[column] = value
    return present


def source_from_text(piece: str) -> Source:
    """A source written as text: a URL, or (without a scheme) a title such as a statement's name."""
    looks_like_url = "://" in piece or piece.startswith("www.")
    return Source(url=piece) if looks_like_url else Source(title=piece)


def parse_incident(values: Mapping[str, Any], vocab: Vocabularies) -> tuple[Incident | None, list[tuple[str, str]]]:
    """An Incident from one raw row, or None with (column, reason) for everything that is wrong."""
    p = _Parser(values, vocab)
    type_key = p.term("type", vocab.types)
    kind = p.term("kind", vocab.kinds)
    if kind is None and type_key is not None:
        kind = vocab.types.term(type_key).kind
    day = p.date("date")
    for column, value in (("date", day), ("type", type_key)):
        if value is None and not any(c == column for c, _ in p.problems):
            p.refuse(column, Phrase("is required"))
    counts: dict[str, Any] = p.counts()
    counts.update((name, p.text(name)) for name in ORIGINAL_NAME_FIELDS)
    incident = Incident(
        id=p.text("id"),
        kind=kind or "",
        date=day or dt.date.min,
        date_precision=p.term("date_precision", vocab.date_precisions, "day") or "day",
        date_earliest=p.date("date_earliest"),
        date_latest=p.date("date_latest"),
        place=p.text("place"),
        latitude=p.number("latitude", -90, 90),
        longitude=p.number("longitude", -180, 180),
        geo_precision=p.term("geo_precision", vocab.geo_precisions),
        admin1=p.text("admin1"),
        admin2=p.text("admin2"),
        region=p.term("region", vocab.regions),
        type=type_key or "",
        perpetrator=p.term("perpetrator", vocab.actors, "unknown") or "unknown",
        attribution=p.term("attribution", vocab.attributions, "unknown") or "unknown",
        grade=p.grade(),
        counted=p.flag("counted"),
        exclusion_reason=p.text("exclusion_reason"),
        target=p.term("target", vocab.targets),
        target_detail=p.text("target_detail"),
        conducted_by=p.term("conducted_by", vocab.forces),
        description=p.text("description"),
        notes=p.text("notes"),
        sources=p.sources(),
        tags=p.words("tags"),
        status=p.term("status", vocab.statuses, Status.DRAFT) or Status.DRAFT,
        **counts,
    )
    return (None, p.problems) if p.problems else (incident, [])


# -- formatting ------------------------------------------------------------------------------------------
def _format_scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _format_source(source: Source) -> str:
    return source.url or source.title or source.publisher or f"({source.source_type or 'source'})"


FORMATTERS: dict[str, Callable[[Incident], str]] = {
    "sources": lambda i: LIST_SEPARATOR.join(_format_source(s) for s in i.sources),
    "tags": lambda i: LIST_SEPARATOR.join(i.tags),
}


def format_row(incident: Incident, columns: Sequence[str]) -> list[str]:
    """The incident as text cells in ``columns`` order (canonical CSV and XLSX)."""
    return [FORMATTERS[c](incident) if c in FORMATTERS else _format_scalar(getattr(incident, c)) for c in columns]


def incident_to_json(incident: Incident, columns: Sequence[str]) -> dict[str, Any]:
    """The incident as a JSON object with full source objects (keys in ``columns`` order)."""
    out: dict[str, Any] = {}
    for column in columns:
        if column == "sources":
            out[column] = [
                {f: _json_value(getattr(s, f)) for f in SOURCE_FIELDS if getattr(s, f) is not None}
                for s in incident.sources
            ]
        else:
            out[column] = _json_value(getattr(incident, column))
    return out


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value
