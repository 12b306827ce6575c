"""What extraction suggests: a value for a form field, the words it came from, and how sure it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from marsad.extraction.text import Document

# Below this a value is listed "to check" on the form instead of filling the field.
CONFIDENT = 0.7


@dataclass(frozen=True, slots=True)
class Evidence:
    """Characters ``start:end`` of the original text, and the words there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Suggestion:
    """One suggested field value. ``detail`` is a short English description where the field has one
    ("two ISIS gunmen" for perpetrator ``isis``, "SDF checkpoint" for target ``sdf``)."""

    field: str
    value: Any
    confidence: float
    evidence: tuple[Evidence, ...]
    reason: str
    detail: str | None = None

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "detail": self.detail,
            "confidence": round(self.confidence, 2),
            "confident": self.confident,
            "reason": self.reason,
            "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in self.evidence],
        }


@dataclass
class Extraction:
    """Everything found in one text, by field; ``get`` answers only confident values."""

    text: str
    language: str
    suggestions: dict[str, Suggestion] = field(default_factory=dict)

    def add(self, suggestion: Suggestion) -> None:
        known = self.suggestions.get(suggestion.field)
        if known is None or suggestion.confidence > known.confidence:
            self.suggestions[suggestion.field] = suggestion

    def get(self, name: str) -> Any:
        found = self.suggestions.get(name)
        return found.value if found is not None and found.confident else None

    def detail(self, name: str) -> str | None:
        found = self.suggestions.get(name)
        return found.detail if found is not None and found.confident else None

    @property
    def to_check(self) -> list[Suggestion]:
        return [s for s in self.suggestions.values() if not s.confident]

    def as_json(self) -> dict[str, Any]:
        return {"language": self.language, "suggestions": [s.as_json() for s in self.suggestions.values()]}


class _Spanned(Protocol):
    def span(self) -> tuple[int, int]: ...


def evidence(doc: Document, *matches: _Spanned | tuple[int, int]) -> tuple[Evidence, ...]:
    """Evidence for matches (regex matches, phrase hits, or (start, end) pairs) on ``doc.normal``."""
    found = []
    for match in matches:
        start, end = match if isinstance(match, tuple) else match.span()
        a, b = doc.span(start, end)
        found.append(Evidence(a, b, doc.text[a:b]))
    return tuple(found)
