"""Timestamps as Marsad writes them: in UTC, on both databases."""

from __future__ import annotations

import datetime as dt


def utc(moment: dt.datetime) -> dt.datetime:
    """SQLite returns naive timestamps; they are UTC, as everything Marsad writes."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
