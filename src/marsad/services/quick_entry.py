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
from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import Vocabularies
from marsad.extraction.language import detect_language
from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.extraction.quantities import stated_bounds
from marsad.extraction.suggestion import Extraction, Suggestion
from marsad.extraction.text import URL
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.i18n.catalogues import N_
from marsad.storage.training import add_quick_entry_example

COUNT_FIELDS = (
    "military_killed",
    "civilian_killed",
    "perpetrators_killed",
    "military_injured",
    "civilian_injured",
)
# A count as the form's notes word it (phrases, for the reader's language): "2 military killed".
COUNT_WORDS = {
    "killed": N_("{n} killed"),
    "injured": N_("{n} injured"),
    "military_killed": N_("{n} military killed"),
    "civilian_killed": N_("{n} civilian killed"),
    "perpetrators_killed": N_("{n} perpetrators killed"),
    "military_injured": N_("{n} military injured"),
    "civilian_injured": N_("{n} civilian injured"),
}
BOUND_WORDS = {"low": N_("low {count}"), "high": N_("high {count}")}  # a range's bound: "high 9 civilian killed"


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
    recognised: list[str] = field(default_factory=list)  # phrases, worded again in the reader's language
    unsure: list[str] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)


def read_text(
    text: str,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    today: dt.date | None = None,
    extractor: Extractor | None = None,
) -> QuickEntry:
    """Pre-fill an incident form from a statement or news item (the year of a bare day and month: today's).
    What was recognised names the vocabularies' labels: ``vocab`` in the reader's language words them so."""
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
        entry.recognised.append(Phrase("a source URL"))
    description = " ".join(URL.sub("", text).split())
    if description:
        entry.values["description"] = description[:600]
    return entry


def _apply(suggestion: Suggestion, entry: QuickEntry, vocab: Vocabularies, gazetteer: Gazetteer, raid: bool) -> None:
    name, value = suggestion.field, suggestion.value
    form: dict[str, str] = {}
    words: str = ""
    if name == "kind" and value in vocab.kinds:
        form, words = {"kind": value}, Phrase("kind {kind}", kind=vocab.kinds.label(value))
    elif name == "type" and value in vocab.types:
        form, words = {"type": value}, Phrase("type {type}", type=vocab.types.label(value))
    elif name == "date":
        form, words = {"date": value}, Phrase("date {date}", date=value)
    elif name == "location":
        place = gazetteer.by_key.get(value)
        if place is None or suggestion.detail is None:
            entry.unsure.append(
                Phrase("place “{words}” is not in the gazetteer: check the location", words=suggestion.evidence[0].text)
            )
            return
        form = {
            "place": place.name,
            "latitude": f"{place.latitude:.5f}",
            "longitude": f"{place.longitude:.5f}",
            "geo_precision": "town",
        }
        words = Phrase("place {place} (from “{words}”)", place=place.name, words=suggestion.evidence[0].text)
    elif name == "perpetrator" and raid and value in vocab.forces:
        form, words = {"conducted_by": value}, Phrase("conducted by {force}", force=vocab.forces.label(value))
    elif name == "perpetrator" and not raid and value in vocab.actors:
        form, words = {"perpetrator": value}, Phrase("perpetrator {actor}", actor=vocab.actors.label(value))
    elif name == "claimed" and value is True:
        form, words = {"attribution": Attribution.CLAIMED}, vocab.attributions.label(Attribution.CLAIMED)
    elif name == "attribution" and value in vocab.attributions:
        form, words = {"attribution": value}, vocab.attributions.label(value)
    elif name == "target" and value in vocab.targets:
        form = {"target": value, "target_detail": suggestion.detail or ""}
        words = Phrase("target {target}", target=vocab.targets.label(value))
    elif name in COUNT_FIELDS or name in {"killed", "injured"}:
        form, words = {name: str(value)}, Phrase(COUNT_WORDS[name], n=value)
    elif name in CASUALTY_RANGE_FIELDS:
        if not suggestion.confident:
            return  # the count's own line to check gives its bounds
        count, bound = name.rsplit("_", 1)
        form, words = {name: str(value)}, Phrase(BOUND_WORDS[bound], count=Phrase(COUNT_WORDS[count], n=value))
    elif name == "arrested":
        form, words = {"arrests": str(value)}, Phrase("{n} arrested", n=value)
    if not form:
        return
    for proof in suggestion.evidence:
        entry.highlights.append(Highlight(proof.start, proof.end, name, suggestion.confident, suggestion.confidence))
    if suggestion.confident:
        entry.values.update({k: v for k, v in form.items() if k not in {"killed", "injured"} or k not in entry.values})
        entry.recognised.append(words)
    else:
        entry.unsure.append(
            Phrase(
                "to check: {words}, {percent}% sure ({reason})",
                words=words,
                percent=round(100 * suggestion.confidence),
                reason=suggestion.reason,
            )
        )


def _unclassed(entry: QuickEntry, extraction: Extraction) -> None:
    """A toll without a military/civilian split is not filled: the researcher says who they were (and, where
    none was classed, the range the text gives: "5 killed (5–9)")."""
    for what in ("killed", "injured"):
        total = entry.values.pop(what, None)
        if total is None:
            continue
        classed = sum(int(entry.values.get(f"{side}_{what}", "0")) for side in ("military", "civilian", "perpetrators"))
        rest = int(total) - classed
        if rest <= 0:
            continue
        count = Phrase(COUNT_WORDS[what], n=rest)
        bounds = None if classed else stated_bounds(extraction.get(f"{what}_low"), extraction.get(f"{what}_high"))
        entry.unsure.append(
            Phrase("{count} ({bounds}): military or civilian? Fill in the right box.", count=count, bounds=bounds)
            if bounds
            else Phrase("{count}: military or civilian? Fill in the right box.", count=count)
        )


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
