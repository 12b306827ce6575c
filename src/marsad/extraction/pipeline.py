"""The extraction pipeline: text → language → tokens → places, date, kind and type, actors, counts."""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache

from marsad.domain.keys import Kind
from marsad.domain.vocabulary import load_vocabularies
from marsad.extraction.actors import read_actors
from marsad.extraction.casualties import read_tolls
from marsad.extraction.counts import suggest_counts
from marsad.extraction.dates import read_date
from marsad.extraction.kinds import eventful, read_kind_and_type
from marsad.extraction.language import detect_language
from marsad.extraction.learning import TextModel
from marsad.extraction.places import PlaceFinder
from marsad.extraction.suggestion import Extraction, Suggestion
from marsad.extraction.targets import read_target
from marsad.extraction.text import tokenise
from marsad.gazetteer.gazetteer import Gazetteer, load_gazetteer

# A learnt guess is never as sure as words the rules read: its probability is scaled by this.
LEARNT = 0.9


class Extractor:
    """Reads incident fields from texts; build once (the place automaton) and reuse for every text. With a
    ``model`` (learning.py, trained on the team's records) it also says whether a text reports an incident,
    and guesses the attack type where the rules found no word for it."""

    def __init__(self, gazetteer: Gazetteer, model: TextModel | None = None) -> None:
        self.gazetteer = gazetteer
        self.places = PlaceFinder(gazetteer)
        self.model = model

    def with_model(self, model: TextModel | None) -> Extractor:
        """The same extractor, its place automaton shared (it takes a second to build), with ``model``."""
        other = copy.copy(self)
        other.model = model
        return other

    def extract(self, text: str, published: dt.date | None = None, language: str | None = None) -> Extraction:
        """Suggested fields for one text. ``published`` gives the year of a stated day and month."""
        lang = language or detect_language(text)
        doc = tokenise(text, lang)
        extraction = Extraction(text, lang)
        read_date(doc, extraction, published)
        self.places.suggest(doc, extraction)
        if not eventful(doc):
            self._learnt(extraction, None)
            return extraction  # no word of violence, arrest or claim: nothing more to read
        tolls = read_tolls(doc)
        kind = read_kind_and_type(doc, extraction, tolls)
        read_actors(doc, extraction, kind, tolls)
        read_target(doc, extraction, kind, tolls)
        suggest_counts(doc, extraction, tolls, raid=kind == Kind.RAID)
        self._learnt(extraction, kind)
        return extraction

    def _learnt(self, extraction: Extraction, kind: str | None) -> None:
        """The model's guesses: relevance always, the type of an attack the rules could not name."""
        if self.model is None:
            return
        trained = f"learnt from {self.model.examples:,} of the team's texts"
        relevance = self.model.relevance(extraction.text)
        if relevance is not None:
            says = "reports an incident" if relevance.value else "is not about an incident"
            reason = f"{says} ({relevance.probability:.0%}, {trained})"
            extraction.add(Suggestion("relevant", relevance.value, relevance.probability * LEARNT, (), reason))
        guess = self.model.type_of(extraction.text) if kind == Kind.ATTACK else None
        if guess is not None and "type" not in extraction.suggestions:
            reason = f"the wording is like that of {guess.value} attacks ({guess.probability:.0%}, {trained})"
            extraction.add(Suggestion("type", guess.value, guess.probability * LEARNT, (), reason))


@cache
def default_extractor(gazetteer: Gazetteer | None = None) -> Extractor:
    """The rules' extractor on ``gazetteer`` (default: the shipped one, in the shipped vocabularies' regions),
    built once for each (about a second): an application's is shared by its desk, intake and commands."""
    return Extractor(gazetteer or load_gazetteer(load_vocabularies()))
