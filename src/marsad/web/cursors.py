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


def decode_cursor(text: str) -> Cursor:
    try:
        value, incident_id, *rest = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if isinstance(value, dict):
            value = dt.date.fromisoformat(value["date"])
        offset, backwards = (int(rest[0]), bool(rest[1])) if rest else (0, False)
        if offset < 0:
            raise ValueError(offset)
    except (ValueError, TypeError, KeyError, IndexError, binascii.Error):
        raise CursorError("cursor: not a cursor this API gave out; start again without it") from None
    return Cursor((value, str(incident_id)), offset, backwards)
