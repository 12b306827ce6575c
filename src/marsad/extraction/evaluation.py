"""Run the extractor over a labelled file (dev.jsonl's format) and score it; one function for CLI and tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.extraction.labels import LABEL_KEYS, predicted_labels
from marsad.extraction.language import language_family
from marsad.extraction.pipeline import Extractor
from marsad.extraction.scoring import Report


class LabelFileError(ValueError):
    """A labelled file that cannot be read; the message names the line and what is wrong."""


def read_labelled(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise LabelFileError(f"{path}, line {number}: not JSON ({error.msg})") from None
            for key in ("id", "text"):
                if not isinstance(item, dict) or key not in item:
                    raise LabelFileError(f"{path}, line {number}: no '{key}'")
            yield item


def held_out(item: dict[str, Any]) -> bool:
    """The untouched split, fixed before any tuning: a third of the incidents, by a hash of the item's cluster
    (``dup_of`` or its own id), so that a story told by two outlets never sits on both sides."""
    root = str(item.get("dup_of") or item["id"])
    return int(hashlib.sha256(root.encode()).hexdigest(), 16) % 3 == 0


def published_date(item: dict[str, Any]) -> dt.date | None:
    """The last day of the publication month, the reference for a day and month without a year."""
    month = item.get("published_month")
    if not month:
        return None
    year, number = (int(part) for part in str(month).split("-")[:2])
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def evaluate(items: Iterable[dict[str, Any]], extractor: Extractor) -> tuple[Report, list[dict[str, Any]]]:
    """Scores per field and language, and one prediction line per item."""
    report, lines = Report(), []
    for item in items:
        extraction = extractor.extract(item["text"], published=published_date(item))
        predicted = predicted_labels(extraction, extractor.gazetteer)
        lines.append({"id": item["id"], "predicted": {key: predicted[key] for key in LABEL_KEYS}})
        if "expected" in item:
            language = item.get("lang") or language_family(extraction.language)
            report.add(item["id"], language, item["expected"], predicted, dialect=kurdish_dialect(item))
    return report, lines


def kurdish_dialect(item: dict[str, Any]) -> str | None:
    """Kurmanji (Latin script, ``kmr``) or Sorani (Arabic script, ``ckb``) for a Kurdish item, by its script."""
    if item.get("lang") != "ku":
        return None
    text = str(item["text"])
    arabic_script = sum("\u0600" <= letter <= "\u06ff" for letter in text)
    return "ckb" if arabic_script > len(text) / 3 else "kmr"
