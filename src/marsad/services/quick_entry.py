"""Quick entry: a statement or news item pasted into the desk pre-fills the incident form.

The reading is the extraction package's (marsad.extraction); this module only turns its suggestions into
form values. Confident values fill their fields, a count's low and high beside it ("between 5 and 9
civilians": 5, low 5, high 9); the rest are listed "to check", never filled. Every value
keeps the words it came from, so the form can highlight them in the pasted text.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from marsad.domain.incident import CASUALTY_RANGE_FIELDS
from marsad.domain.keys import Attribution, Kind
from marsad.domain.vocabulary import Vocabularies
from marsad.extraction.language import detect_language
from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.extraction.quantities import bounds_in_words
from marsad.extraction.suggestion import Extraction, Suggestion
from marsad.extraction.text import URL
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.storage.training import add_quick_entry_example

COUNT_FIELDS = (
    "military_killed",
    "civilian_killed",
    "perpetrators_killed",
    "military_injured",
    "civilian_injured",
)


@dataclass(frozen=True)
class Highlight:
    """Characters of the pasted text a form value came from; ``filled`` is False for values to check."""

    start: int
    end: int
    field: str
    filled: bool
    confidence: float = 1.0


@dataclass
class QuickEntry:
    """Form values recognised in a text, what was recognised in words, and what is left to check."""

    values: dict[str, str] = field(default_factory=dict)
    sources: list[dict[str, str]] = field(default_factory=list)
    recognised: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)


def read_text(
    text: str,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    today: dt.date | None = None,
    extractor: Extractor | None = None,
) -> QuickEntry:
    """Pre-fill an incident form from a statement or news item (the year of a bare day and month: today's)."""
    reader = extractor or default_extractor(gazetteer)
    extraction = reader.extract(text, published=today or dt.date.today())
    entry = QuickEntry()
    kind = extraction.suggestions.get("kind")
    raid = kind is not None and kind.confident and kind.value == Kind.RAID
    for suggestion in extraction.suggestions.values():
        _apply(suggestion, entry, vocab, gazetteer, raid)
    if "killed" in entry.values or "injured" in entry.values:
        _unclassed(entry, extraction)
    urls = URL.findall(text)
    if urls:
        entry.sources.append({"url": urls[0].rstrip(".,;)")})
        entry.recognised.append("a source URL")
    description = " ".join(URL.sub("", text).split())
    if description:
        entry.values["description"] = description[:600]
    return entry


def _apply(suggestion: Suggestion, entry: QuickEntry, vocab: Vocabularies, gazetteer: Gazetteer, raid: bool) -> None:
    name, value = suggestion.field, suggestion.value
    form: dict[str, str] = {}
    words = f"{name} {suggestion.detail or value}"
    if name == "kind" and value in vocab.kinds:
        form = {"kind": value}
    elif name == "type" and value in vocab.types:
        form, words = {"type": value}, f"type {vocab.types.label(value)}"
    elif name == "date":
        form = {"date": value}
    elif name == "location":
        place = gazetteer.by_key.get(value)
        if place is None or suggestion.detail is None:
            entry.unsure.append(f"place “{suggestion.evidence[0].text}” is not in the gazetteer: check the location")
            return
        form = {
            "place": place.name,
            "latitude": f"{place.latitude:.5f}",
            "longitude": f"{place.longitude:.5f}",
            "geo_precision": "town",
        }
        words = f"place {place.name} (from “{suggestion.evidence[0].text}”)"
    elif name == "perpetrator" and raid and value in vocab.forces:
        form = {"conducted_by": value}
        words = f"conducted by {suggestion.detail}"
    elif name == "perpetrator" and not raid and value in vocab.actors:
        form = {"perpetrator": value}
        words = f"perpetrator {vocab.actors.label(value)}"
    elif name == "claimed" and value is True:
        form, words = {"attribution": Attribution.CLAIMED}, "claimed"
    elif name == "attribution" and value in vocab.attributions:
        form, words = {"attribution": value}, value
    elif name == "target" and value in vocab.targets:
        form = {"target": value, "target_detail": suggestion.detail or ""}
    elif name in COUNT_FIELDS or name in {"killed", "injured"}:
        form, words = {name: str(value)}, f"{value} {name.replace('_', ' ')}"
    elif name in CASUALTY_RANGE_FIELDS:
        if not suggestion.confident:
            return  # the count's own line to check gives its bounds
        count, bound = name.rsplit("_", 1)
        form, words = {name: str(value)}, f"{bound} {value} {count.replace('_', ' ')}"
    elif name == "arrested":
        form, words = {"arrests": str(value)}, f"{value} arrested"
    if not form:
        return
    for proof in suggestion.evidence:
        entry.highlights.append(Highlight(proof.start, proof.end, name, suggestion.confident, suggestion.confidence))
    if suggestion.confident:
        entry.values.update({k: v for k, v in form.items() if k not in {"killed", "injured"} or k not in entry.values})
        entry.recognised.append(words)
    else:
        entry.unsure.append(f"to check: {words}, {suggestion.confidence:.0%} sure ({suggestion.reason})")


def _unclassed(entry: QuickEntry, extraction: Extraction) -> None:
    """A toll without a military/civilian split is not filled: the researcher says who they were (and, where
    none was classed, the range the text gives: "5 killed (5–9)")."""
    for what in ("killed", "injured"):
        total = entry.values.pop(what, None)
        if total is None:
            continue
        classed = sum(int(entry.values.get(f"{side}_{what}", "0")) for side in ("military", "civilian", "perpetrators"))
        rest = int(total) - classed
        bounds = bounds_in_words(extraction.get(f"{what}_low"), extraction.get(f"{what}_high")) if not classed else ""
        if rest > 0:
            entry.unsure.append(f"{rest} {what}{bounds}: military or civilian? Fill in the right box.")


def keep_example(
    session: Session, incident_id: str, text: str, suggested_json: str, saved: dict[str, str], actor: str
) -> list[str]:
    """Keep a quick entry saved as an incident to learn from (``marsad extract train``): the text, what was
    filled in (the form's hidden copy; anything unreadable counts as nothing filled) and what was saved for
    those fields and the ones the model learns. Answers the fields the editor corrected."""
    try:
        decoded = json.loads(suggested_json or "{}")
    except json.JSONDecodeError:
        decoded = {}
    suggested = {str(k): str(v) for k, v in decoded.items()} if isinstance(decoded, dict) else {}
    suggested = {k: v for k, v in suggested.items() if k in saved and k != "description"}
    kept = {k: saved.get(k, "") for k in {*suggested, "kind", "type"}}
    return add_quick_entry_example(session, incident_id, text, detect_language(text), suggested, kept, actor)
