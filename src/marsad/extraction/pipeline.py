"""The extraction pipeline: text → language → tokens → places, date, kind and type, actors, counts."""

from __future__ import annotations

import datetime as dt
from functools import cache

from marsad.extraction.actors import read_actors
from marsad.extraction.casualties import read_tolls, suggest_counts
from marsad.extraction.dates import read_date
from marsad.extraction.kinds import eventful, read_kind_and_type
from marsad.extraction.language import detect_language
from marsad.extraction.places import PlaceFinder
from marsad.extraction.suggestion import Extraction
from marsad.extraction.targets import read_target
from marsad.extraction.text import tokenise
from marsad.gazetteer.gazetteer import Gazetteer, load_gazetteer


class Extractor:
    """Reads incident fields from texts; build once (the place automaton) and reuse for every text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.places = PlaceFinder(gazetteer)

    def extract(self, text: str, published: dt.date | None = None, language: str | None = None) -> Extraction:
        """Suggested fields for one text. ``published`` gives the year of a stated day and month."""
        lang = language or detect_language(text)
        doc = tokenise(text, lang)
        extraction = Extraction(text, lang)
        read_date(doc, extraction, published)
        self.places.suggest(doc, extraction)
        if not eventful(doc):
            return extraction  # no word of violence, arrest or claim: nothing more to read
        tolls = read_tolls(doc)
        kind = read_kind_and_type(doc, extraction, tolls)
        read_actors(doc, extraction, kind, tolls)
        read_target(doc, extraction, kind, tolls)
        suggest_counts(doc, extraction, tolls, raid=kind == "raid")
        return extraction


@cache
def default_extractor() -> Extractor:
    """The extractor on the shipped gazetteer (built on first use, about a second)."""
    return Extractor(load_gazetteer())
