"""Score predictions against a labelled file: precision, recall and correct abstentions per field and language.

For each field and item: a non-null prediction is *correct* when it matches the label; a non-null prediction
where the label is null is wrong. Precision = correct / predicted, recall = correct / labelled (non-null),
abstentions = null predictions where the label is null / labels that are null. ``killed_breakdown`` counts
``{}`` as null. What "matches" means per field (free-text labels are compared by what they say, not by letter):

- ``place``/``place_en``: equal after folding (case, accents, article, hyphens), or one contains the other
  as whole words ("Sana’a" in "Sana’a neighborhood");
- ``perpetrator``: the same set of actors (ISIS, suspected ISIS, unknown, Turkish forces, Iran-backed, SDF,
  Asayish, HAT, TOL, coalition, ...), read from the description's words; "gunmen" are unknown only when no
  group is named ("ISIS gunmen" are ISIS), and a unit counts as itself, not also as its force (TOL, not SDF);
- ``target``: the same group (SDF, Asayish, army, coalition, civilians, officials, ISIS for raids) and, when
  both name one, the same kind of object (checkpoint, vehicle, building, people, tanker, house);
- everything else: equal values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from marsad.gazetteer.names import fold_place

FIELDS = (
    "incident_kind",
    "date",
    "place",
    "place_en",
    "region",
    "attack_type",
    "perpetrator",
    "claimed",
    "target",
    "killed",
    "injured",
    "killed_breakdown",
    "arrested",
)
ACTORS = [
    ("suspected isis", r"\b(?:suspected|believed to be|alleged)\b.*\b(?:isis|is|daesh)\b"),
    ("isis", r"\b(?:isis|isil|is|daesh|islamic state|isis-affiliated)\b"),
    ("turkey", r"\bturk"),
    ("iran", r"\biran|resistance factions|government|popular factions"),
    ("hat", r"\bhat\b|anti-terror"),
    ("tol", r"\btol\b|operations teams"),
    ("coalition", r"\bcoalition|\bus\b|american"),
    ("asayish", r"asayish|internal security|\bisf\b|security forces"),
    ("manbij council", r"manbij military council"),
    ("sdf", r"\bsdf\b|syrian democratic"),
    ("unknown", r"unknown|unidentified|gunmen|armed men|assailants|armed group"),
]
TARGET_GROUPS = [
    ("isis", r"\b(?:isis|is|isl|daesh|cells?|suspects?|emirs?|militants)\b"),
    ("asayish", r"asayish|internal security|\bisf\b|security compound|security checkpoint|security forces"),
    ("sdf", r"\bsdf\b|pkk|syrian democratic|military council"),
    ("coalition", r"\bus\b|coalition|american"),
    ("army", r"army|syrian troops|pro-government|government"),
    ("official", r"council|official|aanes|employee|mukhtar"),
    ("civilian", r"civilian|refugee|young man|shop|restaurant|street|people|man\b|woman|child|shepherd"),
]
TARGET_OBJECTS = [
    ("checkpoint", r"checkpoint|post|position"),
    ("vehicle", r"vehicle|car\b|bus\b|patrol"),
    ("tanker", r"tanker"),
    ("building", r"headquarters|building|cent(?:er|re)|compound|base|office"),
    ("house", r"house|home"),
    ("people", r"members?|fighters?|elements?|soldiers|troops|commander|refugees?|civilians?"),
]


def _classes(text: str, table: list[tuple[str, str]]) -> set[str]:
    """The actors a description names. The more specific wins: "suspected ISIS" over "ISIS", a unit (HAT,
    TOL) over the force it belongs to, and a named group over "gunmen" ("two ISIS gunmen" are ISIS)."""
    lower = text.casefold()
    found = {name for name, pattern in table if re.search(pattern, lower)}
    for specific, general in (("suspected isis", "isis"), ("hat", "asayish"), ("tol", "sdf")):
        if specific in found:
            found.discard(general)
    if found - {"unknown"}:
        found.discard("unknown")
    return found


def _first(text: str, table: list[tuple[str, str]]) -> str | None:
    lower = text.casefold()
    hits = [(m.start(), name) for name, pattern in table if (m := re.search(pattern, lower))]
    return min(hits)[1] if hits else None


def matches(name: str, expected: Any, predicted: Any) -> bool:
    """Whether a non-null prediction says what the label says."""
    if name in {"place", "place_en"}:
        e, p = fold_place(str(expected)), fold_place(str(predicted))
        return bool(e and p) and (e == p or f" {p} " in f" {e} " or f" {e} " in f" {p} ")
    if name == "perpetrator":
        e_set, p_set = _classes(str(expected), ACTORS), _classes(str(predicted), ACTORS)
        if "manbij council" in e_set | p_set:
            e_set, p_set = (
                {"sdf" if a == "manbij council" else a for a in e_set},
                {"sdf" if a == "manbij council" else a for a in p_set},
            )
        return e_set == p_set if e_set else fold_place(str(expected)) == fold_place(str(predicted))
    if name == "target":
        e_group, p_group = _first(str(expected), TARGET_GROUPS), _first(str(predicted), TARGET_GROUPS)
        e_obj, p_obj = _first(str(expected), TARGET_OBJECTS), _first(str(predicted), TARGET_OBJECTS)
        return e_group == p_group and (e_obj is None or p_obj is None or e_obj == p_obj)
    return bool(expected == predicted)


def _empty(name: str, value: Any) -> bool:
    return value is None or (name == "killed_breakdown" and not value)


@dataclass
class FieldScore:
    labelled: int = 0
    predicted: int = 0
    correct: int = 0
    null_labels: int = 0
    abstained: int = 0

    def add(self, name: str, expected: Any, predicted: Any) -> bool:
        e_empty, p_empty = _empty(name, expected), _empty(name, predicted)
        self.labelled += not e_empty
        self.predicted += not p_empty
        self.null_labels += e_empty
        right = (e_empty and p_empty) or (not e_empty and not p_empty and matches(name, expected, predicted))
        if e_empty and p_empty:
            self.abstained += 1
        elif not p_empty and right:
            self.correct += 1
        return right

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.labelled if self.labelled else None


@dataclass
class Report:
    """Scores by (language, field), plus the share of items with every field right."""

    scores: dict[tuple[str, str], FieldScore] = field(default_factory=lambda: defaultdict(FieldScore))
    items: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    all_right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(
        self,
        item_id: str,
        language: str,
        expected: dict[str, Any],
        predicted: dict[str, Any],
        dialect: str | None = None,
    ) -> None:
        """Score one item under its language, its dialect (Kurmanji ``kmr`` or Sorani ``ckb`` for Kurdish,
        whose goals are set for each) and ``all``."""
        groups = (language, dialect, "all") if dialect else (language, "all")
        every = True
        for name in FIELDS:
            if name not in expected:
                continue
            for lang in groups:
                right = self.scores[(lang, name)].add(name, expected[name], predicted.get(name))
            if not right:
                every = False
                self.errors.append((item_id, name, expected[name], predicted.get(name)))
        for lang in groups:
            self.items[lang] += 1
            self.all_right[lang] += every

    def languages(self) -> list[str]:
        return [lang for lang in ("en", "ar", "ku", "kmr", "ckb", "all") if self.items.get(lang)]
