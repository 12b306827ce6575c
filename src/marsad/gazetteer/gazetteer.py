"""Place lookup by any spelling (exact after folding, then fuzzy) and reverse lookup from coordinates.

Places come from data/places.csv (GeoNames plus Marsad's key places, see build.py). Regions are not stored
with places: they come from the vocabulary file, so a team that redraws its regions edits one file.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from marsad.domain.filters import PlaceName
from marsad.domain.geo import distance_km
from marsad.domain.vocabulary import Vocabularies, Vocabulary, load_vocabularies
from marsad.gazetteer.build import PLACES
from marsad.gazetteer.local_names import local_name
from marsad.gazetteer.names import fold_place

FUZZY_CUTOFF = 75.0
# A search box's text is taken for a place only if it is a known spelling, or this close to one: at 85,
# "raid" would be the town of al-Rai.
SEARCH_FUZZY_CUTOFF = 90.0
SEARCH_FUZZY_LENGTH = 5


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    kind: str
    country: str
    admin1: str | None
    admin2: str | None
    region: str | None
    latitude: float
    longitude: float
    population: int
    geonameid: int | None
    names: tuple[str, ...] = field(repr=False)

    @property
    def curated(self) -> bool:
        """A key place from Marsad's own table (not only a GeoNames row)."""
        return not self.key.startswith("gn")


@dataclass(frozen=True)
class Match:
    """A place found for a name: the spelling that matched and how well (100 = same after folding)."""

    place: Place
    matched: str
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 100


@dataclass(frozen=True)
class Location:
    """What coordinates fall in: the nearest place and its administrative units and region."""

    place: Place
    distance_km: float

    @property
    def in_syria(self) -> bool:
        return self.place.country == "SY"

    @property
    def admin1(self) -> str | None:
        return self.place.admin1 if self.in_syria else None

    @property
    def admin2(self) -> str | None:
        return self.place.admin2 if self.in_syria else None

    @property
    def region(self) -> str | None:
        return self.place.region


class Gazetteer:
    """Searchable places; build once (``load_gazetteer``) and share."""

    def __init__(self, places: list[Place]) -> None:
        if not places:
            raise ValueError("a gazetteer needs at least one place")
        self.places = places
        self.by_key = {place.key: place for place in places}
        index: dict[str, list[tuple[Place, str]]] = defaultdict(list)
        for place in places:
            for written in (place.name, *place.names):
                folded = fold_place(written)
                if folded and all(p is not place for p, _ in index[folded]):
                    index[folded].append((place, written))
        for entries in index.values():
            entries.sort(key=lambda entry: (not entry[0].curated, -entry[0].population))
        self._index = dict(index)
        self._folded = list(self._index)
        self._coslat = math.cos(math.radians(sum(p.latitude for p in places) / len(places)))

    def search(self, name: str, limit: int = 5) -> list[Match]:
        """Places for a name: same-after-folding spellings first (curated places first), then fuzzy ones."""
        folded = fold_place(name)
        if not folded:
            return []
        matches = [Match(place, written, 100.0) for place, written in self._index.get(folded, [])]
        seen = {m.place.key for m in matches}
        fuzzy = process.extract(folded, self._folded, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=FUZZY_CUTOFF)
        for candidate, score, _ in fuzzy:
            for place, written in self._index[candidate]:
                if place.key not in seen and score < 100:
                    seen.add(place.key)
                    matches.append(Match(place, written, round(score, 1)))
        matches.sort(key=lambda m: (-m.score, not m.place.curated, -m.place.population))
        return matches[:limit]

    def places_named(self, text: str) -> list[PlaceName]:
        """The places a search text names, with every spelling of each: what public search looks for.

        Exact spellings first (curated places only, when one has the spelling); otherwise the closest place if
        it is very close (a misspelling), never a loose fuzzy guess.
        """
        matches = self.search(text, limit=5)
        exact = [m.place for m in matches if m.exact]
        chosen = [p for p in exact if p.curated] or exact[:3]
        if not chosen and matches and len(fold_place(text)) >= SEARCH_FUZZY_LENGTH:
            chosen = [m.place for m in matches[:1] if m.score >= SEARCH_FUZZY_CUTOFF]
        return [PlaceName(p.name, p.names) for p in chosen]

    def resolve(self, name: str) -> Place | None:
        """The place a name certainly means (same spelling after folding), else None."""
        entries = self._index.get(fold_place(name))
        return entries[0][0] if entries else None

    def local_name(self, name: str, language: str) -> str:
        """``name`` as readers of ``language`` write it, when the gazetteer knows the place (else ``name``)."""
        if language == "en" or not name:
            return name
        place = self.resolve(name)
        return local_name(place.name, place.names, language) if place else name

    def reverse(self, latitude: float, longitude: float) -> Location:
        """The nearest place to a point, which gives its governorate, district and region."""
        nearest = self._nearest(round(latitude, 3), round(longitude, 3))
        return Location(nearest, round(distance_km(latitude, longitude, nearest.latitude, nearest.longitude), 2))

    @lru_cache(maxsize=65536)  # noqa: B019 - a gazetteer lives as long as its application
    def _nearest(self, latitude: float, longitude: float) -> Place:
        coslat = self._coslat
        return min(
            self.places,
            key=lambda p: (p.latitude - latitude) ** 2 + ((p.longitude - longitude) * coslat) ** 2,
        )


def read_places(path: Path, vocab: Vocabularies) -> list[Place]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    places = []
    for row in rows:
        admin1, admin2 = row["admin1"] or None, row["admin2"] or None
        places.append(
            Place(
                key=row["key"],
                name=row["name"],
                kind=row["kind"],
                country=row["country"],
                admin1=admin1,
                admin2=admin2,
                region=vocab.region_for(admin1, admin2) if row["country"] == "SY" else None,
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                population=int(row["population"] or 0),
                geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                names=tuple(n for n in row["names"].split("|") if n),
            )
        )
    return places


def load_gazetteer(vocab: Vocabularies, path: Path = PLACES) -> Gazetteer:
    """The shipped gazetteer, its places in the regions of ``vocab``. Applications whose vocabularies draw the
    same regions share one, and so one extractor on it (about a second to build)."""
    return _shared(path, _RegionsOf(vocab.regions, vocab))


@dataclass(frozen=True)
class _RegionsOf:
    """Vocabularies compared by their regions alone: the only part of them a gazetteer reads."""

    regions: Vocabulary
    vocab: Vocabularies = field(compare=False)


@cache
def _shared(path: Path, regions: _RegionsOf) -> Gazetteer:
    return Gazetteer(read_places(path, regions.vocab))


@cache
def place_names() -> Gazetteer:
    """The shipped places for their names alone (how readers of a language spell one): no setting changes
    those, so the report's wording reads one copy rather than being handed the application's gazetteer."""
    return load_gazetteer(load_vocabularies())
