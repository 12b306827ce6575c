"""Another dataset's actor names as Marsad keys: the mapping file, then the vocabulary, else a generic key.

An import of ACLED or UCDP GED must not stop at the first group the mapping file lacks ("Government of Iraq").
A name is looked up in the mapping file (as written, then in any case), then among the vocabulary's keys,
labels and aliases, also without ACLED's decorations ("Asayish: Kurdish Internal Security Forces (Syria)" is
tried as "Asayish" too), then by a close spelling (rapidfuzz, ``FUZZY_THRESHOLD``). A name found nowhere gets
the vocabulary's generic key (``other``), and the import keeps the original name in its own field and counts
it for the summary of unmapped values. ``strict`` keeps the all-or-nothing behaviour: such a name is an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process

from marsad.domain.vocabulary import UnknownTermError, Vocabulary, fold

FUZZY_THRESHOLD = 90  # rapidfuzz ratio on folded spellings: "Islamic State" ~ "Islamic States", not "military"
GENERIC_KEYS = ("other", "unknown")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")  # "(Syria)", "(2000-2024)"
_ACRONYM = re.compile(r"^([^:]{1,12}):\s*(.+)$")  # "QSD: Syrian Democratic Forces"


class Unmapped(NamedTuple):
    """A value the mapping file lacks and the vocabulary did not recognise: where it goes in the file."""

    table: str
    value: str


@dataclass
class NameLookup:
    """Lookups of one kind of name (actors, targets, forces) for one mapping file's table."""

    table: str
    mapping: Mapping[str, str]
    vocabulary: Vocabulary
    _folded: dict[str, str] = field(init=False, repr=False)
    _spellings: dict[str, str] = field(init=False, repr=False)
    _found: dict[str, str | None] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._folded = {fold(name): key for name, key in self.mapping.items()}
        self._spellings = {}
        for term in self.vocabulary:
            for written in (term.key, term.label, *term.aliases):
                self._spellings.setdefault(fold(written), term.key)

    @property
    def generic(self) -> str | None:
        """Where a name nobody recognised goes: ``other`` (or ``unknown``) if the vocabulary has one."""
        return next((key for key in GENERIC_KEYS if key in self.vocabulary), None)

    def key(self, name: str) -> str | None:
        """The Marsad key for ``name``, or None when neither the file nor the vocabulary knows it."""
        if name not in self._found:
            self._found[name] = self._look_up(name)
        return self._found[name]

    def _look_up(self, name: str) -> str | None:
        mapped = self.mapping.get(name) or self._folded.get(fold(name))
        if mapped is not None:
            return mapped
        candidates = _forms(name)
        for form in candidates:
            try:
                return self.vocabulary.resolve(form)
            except UnknownTermError:
                continue
        for form in candidates:
            close = process.extractOne(
                fold(form), list(self._spellings), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
            )
            if close is not None:
                return self._spellings[close[0]]
        return None


def _forms(name: str) -> list[str]:
    """The name, and the shorter forms a dataset's decorations hide: without parentheses, either side of
    ACLED's "ACRONYM: Name", and a unit's parent ("QSD: Syrian Democratic Forces - Intelligence")."""
    forms = [name]
    bare = _PARENTHESES.sub("", name).strip()
    parent = bare.split(" - ", 1)[0].strip()
    for form in (bare, parent):
        found = _ACRONYM.match(form)
        forms.extend([form, *(found.groups() if found else ())])
    return list(dict.fromkeys(f for f in forms if f))
