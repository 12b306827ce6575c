"""Opaque page cursors: the sort key and id of an incident shown, so a page continues after it (or ends before it).

A cursor may also carry how many rows come before the page it opens, so the dataset can say "rows 51-100".
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any


class CursorError(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    key: tuple[Any, str]
    offset: int = 0  # rows before the page it opens
    backwards: bool = False  # it opens the page that ends before ``key``


def encode_cursor(key: tuple[Any, str], offset: int = 0, backwards: bool = False) -> str:
    value, incident_id = key
    if isinstance(value, dt.date):
        value = {"date": value.isoformat()}
    parts = [value, incident_id, *([offset, int(backwards)] if offset or backwards else [])]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


def decode_cursor(text: str, value_type: type) -> Cursor:
    """The cursor ``encode_cursor`` gave out for a sort column whose values are ``value_type``.

    A cursor comes back in the reader's URL, so anything else (hand-made, truncated, for another sort) is refused
    before it reaches the database: a value of another type, text with NUL, numbers past 32 bits.
    """
    try:
        value, incident_id, *rest = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if value_type is dt.date and isinstance(value, dict):
            value = dt.date.fromisoformat(value["date"])
        offset, backwards = (rest[0], rest[1]) if rest else (0, False)
        if not (_storable(value, value_type) and _storable(incident_id, str) and _storable(offset, int)):
            raise ValueError(value)
        if offset < 0 or backwards not in (0, 1, True, False):
            raise ValueError(offset)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, binascii.Error):
        raise CursorError("cursor: not a cursor this API gave out; start again without it") from None
    return Cursor((value, incident_id), offset, bool(backwards))


def _storable(value: object, value_type: type) -> bool:
    """``value`` has ``value_type`` and fits a column of it on SQLite and PostgreSQL alike."""
    if type(value) is not value_type:  # exactly: True is an int to Python, not to a count column
        return False
    if isinstance(value, str):
        return len(value) <= 400 and "\x00" not in value
    if isinstance(value, int):
        return -(2**31) < value < 2**31
    return True
