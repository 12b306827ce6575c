"""Opaque page cursors: the sort key and id of the last incident shown, so the next page continues after it."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any


class CursorError(ValueError):
    pass


def encode_cursor(key: tuple[Any, str]) -> str:
    value, incident_id = key
    if isinstance(value, dt.date):
        value = {"date": value.isoformat()}
    return base64.urlsafe_b64encode(json.dumps([value, incident_id]).encode()).decode().rstrip("=")


def decode_cursor(text: str) -> tuple[Any, str]:
    try:
        value, incident_id = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if isinstance(value, dict):
            value = dt.date.fromisoformat(value["date"])
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise CursorError("cursor: not a cursor this API gave out; start again without it") from None
    return value, str(incident_id)
