"""A CSV file of items (a team's own spreadsheet of posts and statements): one row per item.

Columns, by name in the first row: ``text`` (required), ``posted`` (YYYY-MM-DD, or a date and time with
its offset), ``url``, ``title``, ``author``. A bad row is named by line and column and nothing is returned.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from marsad.domain.intake import NewItem

COLUMNS = ("text", "posted", "url", "title", "author")


class ItemsFileError(ValueError):
    """What is wrong with the file, by line and column."""


def read_items_csv(data: bytes, name: str) -> list[NewItem]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ItemsFileError(f"{name}: is not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "text" not in header:
        raise ItemsFileError(f"{name}, line 1: no 'text' column (the columns are {', '.join(COLUMNS)})")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ItemsFileError(f"{name}, line 1: unknown column {unknown[0]!r} (the columns are {', '.join(COLUMNS)})")
    reader.fieldnames = header
    items = []
    problems = []
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if not values.get("text"):
            problems.append(f"{name}, line {line}, column text: empty (every item needs its text)")
            continue
        try:
            posted = _moment(values.get("posted", ""))
        except ValueError:
            problems.append(
                f"{name}, line {line}, column posted: {values['posted']!r} is not a date "
                "(YYYY-MM-DD, or 2023-11-05T09:30:00+03:00)"
            )
            continue
        url = values.get("url") or None
        identity = url or "text:" + hashlib.sha256(" ".join(values["text"].split()).encode()).hexdigest()
        items.append(
            NewItem(
                identity[:600],
                posted,
                values["text"],
                url=url,
                title=values.get("title") or None,
                author=(values.get("author") or "")[:200] or None,
                links=[url] if url else [],
            )
        )
    if problems:
        raise ItemsFileError(
            "; ".join(problems[:20]) + (f" (and {len(problems) - 20} more)" if len(problems) > 20 else "")
        )
    return items


def _moment(value: str) -> dt.datetime:
    if not value:
        return dt.datetime.now(dt.UTC)
    if len(value) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a time without its offset")
    return moment.astimezone(dt.UTC)
