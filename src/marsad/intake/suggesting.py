"""Each item's suggestion: the extraction's reading of its text, and the fields the inbox filters and matches on.

A large import reads its texts in worker processes (forked after the extractor is built, so its gazetteer
automaton is shared, not rebuilt), and a text repeated by forwards and reposts is read once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.extraction.suggestion import Extraction

KILLED_FIELDS = ("killed", "military_killed", "civilian_killed", "perpetrators_killed")
PARALLEL_FROM = 2_000  # fewer texts than this are read in this process (starting workers costs more)
CHUNK = 500
WARM = 400


@dataclass(frozen=True, slots=True)
class Reading:
    """What the inbox keeps of an extraction: its JSON, and the values filters and incident matching use.

    The JSON is held compressed (a sixth of its size) until its row is written: a 100,000-message export's
    readings are all held between reading and writing, and as text they took 200 MB."""

    language: str | None
    packed: bytes
    has_suggestion: bool
    kind: str | None
    event_date: dt.date | None
    location: str | None  # gazetteer key
    place: str | None
    region: str | None
    latitude: float | None
    longitude: float | None
    killed: int | None

    @property
    def suggestion(self) -> str:
        return zlib.decompress(self.packed).decode()


def reading(extractor: Extractor, text: str, posted: dt.date) -> Reading:
    """The suggestion for one text posted on ``posted`` (the year of a bare day and month, and the event's
    date when the text gives none)."""
    found = extractor.extract(text, published=posted)
    place = extractor.gazetteer.by_key.get(found.get("location") or "")
    killed = [found.get(name) for name in KILLED_FIELDS]
    day = found.get("date")
    return Reading(
        language=found.language if text.strip() else None,  # a photo without a caption has no language
        packed=zlib.compress(json.dumps(compact(found), ensure_ascii=False, separators=(",", ":")).encode(), 1),
        has_suggestion="kind" in found.suggestions,
        kind=found.get("kind"),
        event_date=_day(day) or posted,
        location=place.key if place else None,
        place=place.name if place else None,
        region=place.region if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        killed=found.get("killed") or (sum(k for k in killed if isinstance(k, int)) or None),
    )


def compact(found: Extraction) -> dict[str, object]:
    """The extraction's JSON with its evidence as character spans only (the text is stored beside it)."""
    return {
        "language": found.language,
        "suggestions": [
            {
                "field": s.field,
                "value": s.value,
                "detail": s.detail,
                "confidence": round(s.confidence, 2),
                "confident": s.confident,
                "reason": s.reason,
                "evidence": [[e.start, e.end] for e in s.evidence],
            }
            for s in found.suggestions.values()
        ],
    }


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def read_all(texts: Sequence[tuple[str, dt.date]], extractor: Extractor | None = None) -> list[Reading]:
    """Readings of many (text, posted) pairs, in order; in worker processes when there are many."""
    if not texts:
        return []  # nothing new: the extractor (a second to build) is not even built
    distinct = list(dict.fromkeys(texts))
    chosen = extractor or default_extractor()
    workers = min(os.cpu_count() or 1, 4)
    if len(distinct) < PARALLEL_FROM or workers < 2:
        readings = [reading(chosen, text, posted) for text, posted in distinct]
    else:
        # the first texts here: they fill the extractor's caches (dateparser's month names take seconds) once,
        # before the workers are forked with them, instead of once in every worker
        readings = [reading(chosen, text, posted) for text, posted in distinct[:WARM]]
        rest = distinct[WARM:]
        chunks = [rest[i : i + CHUNK] for i in range(0, len(rest), CHUNK)]
        forked = get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=forked, initializer=_inherit, initargs=(chosen,)) as pool:
            readings += [r for chunk in pool.map(_read_chunk, chunks) for r in chunk]
    by_text = dict(zip(distinct, readings, strict=True))
    return [by_text[pair] for pair in texts]


_inherited: list[Extractor] = []  # in a worker: the parent's extractor


def _inherit(extractor: Extractor) -> None:
    """A worker's start: a forked process is handed its arguments in memory, so the extractor is not pickled."""
    _inherited.append(extractor)


def _read_chunk(chunk: list[tuple[str, dt.date]]) -> list[Reading]:
    return [reading(_inherited[0], text, posted) for text, posted in chunk]
