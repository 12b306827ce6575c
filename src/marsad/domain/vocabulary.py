"""Controlled vocabularies (types, actors, regions, ...) read from one user-editable YAML file.

Every part of Marsad that names a type, an actor or a region asks this module, so a team that tracks
other actors or regions edits one file and gets correct forms, filters, charts and sentences.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import IO, Any, cast

import yaml
from rapidfuzz import fuzz, process

from marsad.domain.keys import CODE_KEYS
from marsad.domain.phrases import Phrase

DEFAULT_PATH = Path(__file__).with_name("vocabularies.yaml")
# Grades the code itself names: what records from before grades held (confirmed yes / no) became. A team's
# file may relabel them but must keep them (checked at load).
CONFIRMED_GRADE = "confirmed"
UNCONFIRMED_GRADE = "weak"
DEFAULT_COUNTED_GRADES = (CONFIRMED_GRADE, "fair")
COUNTED_GRADES_SETTING = "MARSAD_COUNTED_GRADES"
# Vocabulary name in the file -> what one of its values is called in messages.
VOCABULARY_NAMES = {
    "kinds": "kind",
    "types": "type",
    "actors": "actor",
    "attributions": "attribution",
    "grades": "grade",
    "targets": "target",
    "forces": "force",
    "source_types": "source type",
    "date_precisions": "date precision",
    "geo_precisions": "location precision",
    "statuses": "status",
    "regions": "region",
    "indicators": "indicator",
    "series_groups": "group",
}
# Vocabularies a team's older file may lack: they are then empty (no indicator series until the team adds some).
OPTIONAL_VOCABULARIES = frozenset({"indicators", "series_groups"})


def fold(text: str) -> str:
    """Case-, accent- and separator-insensitive form of a vocabulary value ("Motorcycle-Bomb" ~ "motorcycle_bomb")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("_", " ").replace("-", " ").split())


class UnknownTermError(ValueError):
    """A value that is not in a vocabulary; the message lists the allowed keys and the closest one."""

    def __init__(self, vocabulary: str, value: str, allowed: list[str], suggestion: str | None) -> None:
        self.vocabulary = vocabulary
        self.value = value
        self.allowed = allowed
        self.suggestion = suggestion
        known = ", ".join(allowed)
        if suggestion:
            why = Phrase(
                "'{value}' is not a known {vocabulary} value; did you mean '{suggestion}'? allowed: {allowed}",
                value=value,
                vocabulary=vocabulary,
                suggestion=suggestion,
                allowed=known,
            )
        else:
            why = Phrase(
                "'{value}' is not a known {vocabulary} value; allowed: {allowed}",
                value=value,
                vocabulary=vocabulary,
                allowed=known,
            )
        super().__init__(why)


@dataclass(frozen=True)
class Term:
    """One controlled value: the key stored in the data, and how people see and write it."""

    key: str
    label: str
    colour: str = "#7f8c8d"
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # types only: the incident kind the type belongs to
    admin1: tuple[str, ...] = ()  # regions only: governorates wholly in the region
    admin2: tuple[str, ...] = ()  # regions only: districts in the region
    marker: str = "circle"  # types only: the marker's shape on the map
    radius_km: float = 0.0  # location precisions only: how far the true place may be from the point
    labels: tuple[tuple[str, str], ...] = ()  # (language code, label) in the other languages the site speaks
    definition: str = ""  # grades: what the grade means; indicators and groups: what is counted (one sentence)
    definitions: tuple[tuple[str, str], ...] = ()  # (language code, definition) in the other languages
    measure: str = "stock"  # indicators only: a level on the date (stock) or how many in the period to it (flow)
    source_label: str = ""  # the file's own (English) label, kept when ``label`` is shown in another language

    def label_in(self, language: str) -> str:
        """The label in ``language`` (a code such as "ar"), or the file's own label where it gives none."""
        return dict(self.labels).get(language) or self.source_label or self.label

    def definition_in(self, language: str) -> str:
        """The definition in ``language``, or the file's own (English) one where it gives none."""
        given = dict(self.definitions)
        return given.get(language) or given.get("en") or self.definition


MARKERS = ("circle", "triangle", "diamond", "square")
MEASURES = ("stock", "flow")


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of terms with lookup by key, label or alias."""

    name: str
    terms: tuple[Term, ...]
    _index: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _verbatim: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        verbatim: dict[str, str] = {}
        for term in self.terms:
            for written in (term.key, term.label, *term.aliases):
                index.setdefault(fold(written), term.key)
                verbatim.setdefault(written, term.key)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_verbatim", verbatim)  # the fast path: most files hold keys as written
        object.__setattr__(self, "_keys", frozenset(term.key for term in self.terms))

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    @property
    def keys(self) -> list[str]:
        return [term.key for term in self.terms]

    def term(self, key: str) -> Term:
        for term in self.terms:
            if term.key == key:
                return term
        raise KeyError(f"{key!r} is not a key of the {self.name} vocabulary")

    def label(self, key: str) -> str:
        return self.term(key).label

    def colour(self, key: str) -> str:
        return self.term(key).colour

    def find(self, value: str) -> str | None:
        """The key for a key, label or alias written any way, or None."""
        return self._verbatim.get(value) or self._index.get(fold(value))

    def resolve(self, value: str) -> str:
        """The key for a key, label or alias written any way; UnknownTermError with a suggestion otherwise."""
        key = self.find(value)
        if key is not None:
            return key
        raise UnknownTermError(VOCABULARY_NAMES.get(self.name, self.name), value, self.keys, self.suggest(value))

    def suggest(self, value: str) -> str | None:
        """The key whose spellings are closest to ``value``, if any is reasonably close."""
        best = process.extractOne(fold(value), list(self._index), scorer=fuzz.WRatio, score_cutoff=60)
        return self._index[best[0]] if best else None


@dataclass(frozen=True)
class Vocabularies:
    """All vocabularies of one file."""

    kinds: Vocabulary
    types: Vocabulary
    actors: Vocabulary
    attributions: Vocabulary
    targets: Vocabulary
    forces: Vocabulary
    source_types: Vocabulary
    date_precisions: Vocabulary
    geo_precisions: Vocabulary
    statuses: Vocabulary
    regions: Vocabulary
    grades: Vocabulary
    indicators: Vocabulary = field(default_factory=lambda: Vocabulary("indicators", ()))
    series_groups: Vocabulary = field(default_factory=lambda: Vocabulary("series_groups", ()))
    # The counting rule: an incident of these grades, inside the monitored area, counts in headline figures
    # unless an editor left it out (MARSAD_COUNTED_GRADES; see ``with_counted_grades``).
    counted_grades: tuple[str, ...] = DEFAULT_COUNTED_GRADES

    _types_by_kind: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_kind = {
            kind: tuple(t.key for t in self.types if kind == "other" or t.kind == kind) for kind in self.kinds.keys
        }
        object.__setattr__(self, "_types_by_kind", by_kind)

    def in_language(self, language: str) -> Vocabularies:
        """The same vocabularies with every label and definition in ``language`` (keys, colours and aliases
        unchanged)."""
        return _in_language(self, language)

    def with_counted_grades(self, setting: str | None) -> Vocabularies:
        """These vocabularies counting the grades ``setting`` names ("confirmed,fair"; blank: the default)."""
        return replace(self, counted_grades=parse_counted_grades(setting, self.grades))

    def types_for_kind(self, kind: str) -> tuple[str, ...]:
        """Type keys an incident of ``kind`` may take (any type for kind ``other``)."""
        return self._types_by_kind.get(kind, ())

    def region_for(self, admin1: str | None, admin2: str | None) -> str | None:
        """The analysis region of a district / governorate, or None outside the monitored area."""
        if admin2:
            for region in self.regions:
                if admin2 in region.admin2:
                    return region.key
        if admin1:
            for region in self.regions:
                if admin1 in region.admin1:
                    return region.key
        return None


@cache
def _in_language(vocab: Vocabularies, language: str) -> Vocabularies:
    translated = {
        name: Vocabulary(
            name,
            tuple(
                replace(
                    term,
                    label=term.label_in(language),
                    source_label=term.source_label or term.label,
                    definition=term.definition_in(language),
                    definitions=tuple({"en": term.definition_in("en"), **dict(term.definitions)}.items()),
                )
                for term in getattr(vocab, name)
            ),
        )
        for name in VOCABULARY_NAMES
    }
    return Vocabularies(**cast(dict[str, Any], translated), counted_grades=vocab.counted_grades)


def parse_counted_grades(setting: str | None, grades: Vocabulary) -> tuple[str, ...]:
    """The grade keys a MARSAD_COUNTED_GRADES value names (keys, labels or aliases, comma-separated), in the
    vocabulary's order; ValueError naming the setting and the grades it accepts."""
    if not setting or not setting.strip():
        named = [key for key in DEFAULT_COUNTED_GRADES if key in grades]
    else:
        try:
            named = [grades.resolve(piece.strip()) for piece in setting.split(",") if piece.strip()]
        except UnknownTermError as error:
            raise ValueError(f"{COUNTED_GRADES_SETTING}: {error}") from None
    if not named:
        raise ValueError(f"{COUNTED_GRADES_SETTING}: name at least one grade, e.g. {','.join(grades.keys[:2])}")
    return tuple(key for key in grades.keys if key in named)


def _by_language(entry: Mapping[str, Any], where: str, name: str = "labels") -> tuple[tuple[str, str], ...]:
    """An entry's ``labels`` or ``definitions``: a text per language code."""
    texts = entry.get(name) or {}
    if not isinstance(texts, Mapping) or not all(isinstance(v, str) and v.strip() for v in texts.values()):
        raise ValueError(f"{where}: '{entry.get('key')}' has {name} that are not 'language: text' pairs")
    return tuple((str(code), str(text).strip()) for code, text in texts.items())


def _term(entry: Mapping[str, Any], where: str) -> Term:
    try:
        key = str(entry["key"])
    except (KeyError, TypeError):
        raise ValueError(f"{where}: every entry needs a 'key'") from None
    return Term(
        key=key,
        label=str(entry.get("label", key)),
        colour=str(entry.get("colour", "#7f8c8d")),
        aliases=tuple(str(a) for a in entry.get("aliases", ())),
        kind=entry.get("kind"),
        admin1=tuple(entry.get("admin1", ())),
        admin2=tuple(entry.get("admin2", ())),
        marker=str(entry.get("marker", "circle")),
        radius_km=float(entry.get("radius_km", 0)),
        labels=_by_language(entry, where),
        definition=str(entry.get("definition", "")).strip(),
        definitions=_by_language(entry, where, "definitions"),
        measure=str(entry.get("measure", "stock")),
    )


def parse_vocabularies(data: Mapping[str, Any], where: str = "vocabularies") -> Vocabularies:
    """Build vocabularies from the parsed YAML, refusing a file that lacks one or repeats a key."""
    built: dict[str, Vocabulary] = {}
    for name in VOCABULARY_NAMES:
        entries = data.get(name)
        if not entries and name == "grades":  # a team's file from before grades: the shipped ones, as migrated
            entries = _shipped_entries(name)
        if not entries and name in OPTIONAL_VOCABULARIES:
            built[name] = Vocabulary(name, ())
            continue
        if not entries:
            raise ValueError(f"{where}: the '{name}' vocabulary is missing or empty")
        terms = tuple(_term(entry, f"{where}: {name}") for entry in entries)
        keys = [t.key for t in terms]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"{where}: {name} repeats the key(s) {', '.join(repeated)}")
        built[name] = Vocabulary(name, terms)
    for name, needed in CODE_KEYS.items():
        lacking = [str(key) for key in needed if key not in built[name]]
        if lacking:
            raise ValueError(
                f"{where}: {name} needs the key(s) {', '.join(lacking)}, which Marsad's code relies on; "
                "relabel a key rather than remove it"
            )
    kinds = set(built["kinds"].keys)
    for term in built["types"]:
        if term.kind not in kinds:
            raise ValueError(f"{where}: type '{term.key}' needs a kind, one of {', '.join(sorted(kinds))}")
        if term.marker not in MARKERS:
            raise ValueError(f"{where}: type '{term.key}' has marker '{term.marker}'; use one of {', '.join(MARKERS)}")
    for term in built["indicators"]:
        if term.measure not in MEASURES:
            raise ValueError(
                f"{where}: indicator '{term.key}' has measure '{term.measure}'; use one of {', '.join(MEASURES)}"
            )
    for key in (CONFIRMED_GRADE, UNCONFIRMED_GRADE):
        if key not in built["grades"]:
            raise ValueError(
                f"{where}: grades needs the key '{key}' (records from before grades were mapped onto it; "
                "relabel it rather than remove it)"
            )
    undefined = [term.key for term in built["grades"] if not term.definition]
    if undefined:
        raise ValueError(f"{where}: grades {', '.join(undefined)} need a definition (one sentence of what it means)")
    return Vocabularies(**cast(dict[str, Any], built))  # each vocabulary by name; the counting rule by default


def read_yaml(stream: IO[str] | str) -> Any:
    """YAML with libyaml's safe loader where PyYAML was built with it: the vocabularies parse in 0.1 s, not 1 s."""
    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def _shipped_entries(name: str) -> list[Any]:
    with DEFAULT_PATH.open(encoding="utf-8") as handle:
        return list((read_yaml(handle) or {}).get(name) or [])


def load_vocabularies(path: Path | None = None, counted_grades: str | None = None) -> Vocabularies:
    """The vocabularies of ``path`` (default: the shipped file), counting the grades ``counted_grades`` names
    (MARSAD_COUNTED_GRADES as written; blank: the default). ValueError or OSError for a file or a rule that
    cannot be used. The application loads them once from its settings and hands them down."""
    chosen = path or DEFAULT_PATH
    with chosen.open(encoding="utf-8") as handle:
        vocab = parse_vocabularies(read_yaml(handle) or {}, where=str(chosen))
    return vocab.with_counted_grades(counted_grades)
