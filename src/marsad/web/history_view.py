"""How the desk shows an incident's history: each field by its label, values as people read them (vocabulary
labels, yes and no, one line per source) and, in a changed text, the words removed and added marked.

The pieces are plain text; the template escapes them, so a diff can mark words but never inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from marsad.domain.fields import VOCABULARY_OF, field_label
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.revisions import Revision

Piece = tuple[Literal["same", "del", "ins"], str]
_WORD = re.compile(r"\s*\S+\s*|\s+")  # a word with the spaces around it; the spaces do not count as a change


def word_diff(before: str, after: str) -> tuple[list[Piece], list[Piece]]:
    """``before`` with the words removed marked "del", and ``after`` with the words added marked "ins"."""
    old, new = _WORD.findall(before), _WORD.findall(after)
    matcher = SequenceMatcher(None, [w.strip() for w in old], [w.strip() for w in new], autojunk=False)
    left: list[Piece] = []
    right: list[Piece] = []
    for operation, start, end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            left.append(("same", "".join(old[start:end])))
            right.append(("same", "".join(new[new_start:new_end])))
            continue
        _marked(left, "del", "".join(old[start:end]))
        _marked(right, "ins", "".join(new[new_start:new_end]))
    return left, right


def _marked(pieces: list[Piece], mark: Literal["del", "ins"], text: str) -> None:
    """The changed words marked, the spaces around them left plain (so the marks hug the words)."""
    core = text.strip()
    if not core:  # only spaces changed: nothing a reader would call a change
        if text:
            pieces.append(("same", text))
        return
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if lead:
        pieces.append(("same", lead))
    if core:
        pieces.append((mark, core))
    if trail:
        pieces.append(("same", trail))


def shown(name: str, value: object, vocab: Vocabularies) -> str:
    """A stored value as a person reads it: labels for vocabulary keys, yes/no, one line per source."""
    if value is None or value == "" or value == []:
        return "—"
    if name == "sources" and isinstance(value, list):
        return "\n".join(_source_line(s, vocab) for s in value if isinstance(s, Mapping))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in VOCABULARY_OF:
        terms = getattr(vocab, VOCABULARY_OF[name])
        return terms.label(value) if value in terms else str(value)
    return str(value)


def _source_line(source: Mapping[str, object], vocab: Vocabularies) -> str:
    named = " — ".join(str(source[k]) for k in ("publisher", "title", "url") if source.get(k))
    kind = str(source.get("source_type") or "")
    details = [
        vocab.source_types.label(kind) if kind in vocab.source_types else kind,
        str(source.get("language") or ""),
        f"published {source['published']}" if source.get("published") else "",
        f"archived (sha256 {str(source['archive_sha256'])[:12]}…)" if source.get("archive_sha256") else "",
    ]
    said = ", ".join(d for d in details if d)
    return f"{named or 'a source'}{f' ({said})' if said else ''}"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: list[Piece]
    after: list[Piece]


def changed_fields(revisions: list[Revision], vocab: Vocabularies) -> list[FieldChange]:
    """The fields one change touched, labelled, with the before and after texts cut into marked pieces."""
    rows = []
    for revision in revisions:
        if not revision.field:
            continue
        name = revision.field
        before, after = word_diff(shown(name, revision.before, vocab), shown(name, revision.after, vocab))
        rows.append(FieldChange(name, field_label(name), before, after))
    return rows
