"""Human-friendly incident ids: the month of the incident and a running number, e.g. ``2019-07-0042``."""

from __future__ import annotations

import datetime as dt
import re

_GENERATED = re.compile(r"^(\d{4}-\d{2})-(\d{4,})$")


def month_prefix(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def format_id(prefix: str, number: int) -> str:
    return f"{prefix}-{number:04d}"


def split_id(incident_id: str) -> tuple[str, int] | None:
    """(month prefix, number) for an id of the generated form, so imported ids never collide with new ones."""
    match = _GENERATED.match(incident_id)
    return (match.group(1), int(match.group(2))) if match else None
