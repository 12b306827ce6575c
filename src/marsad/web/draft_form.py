"""The report draft as the desk's editor shows it: key points as rows to reorder, edit or hide, narrative sections
as boxes, mapped to and from the same ``ReportDraft`` the CLI's draft file holds.

The form sends parallel lists (one value per row, in the order the rows stand on the page), so reordering is
moving rows, with or without JavaScript; buttons without JavaScript send an ``action`` (``point-up:2``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel, Field

from marsad.report.draft import ANCHORS, ReportDraft, Section

HIDDEN = "hidden"
Row = TypeVar("Row")


class EditorFields(BaseModel):
    """What the editor's form sends: parallel lists in page order, the button pressed, where to go next."""

    title: str = ""
    point_text: list[str] = Field(default_factory=list)
    point_state: list[str] = Field(default_factory=list)
    section_title: list[str] = Field(default_factory=list)
    section_after: list[str] = Field(default_factory=list)
    section_body: list[str] = Field(default_factory=list)
    action: str = ""  # a button without JavaScript: point-up:2, point-down:2, point-remove:2, add-point:TEXT …
    then: str = ""  # "preview": save, then show the whole report
    draft: str | None = None  # the whole draft as a file, in the format of `marsad report draft`


@dataclass
class PointRow:
    text: str
    hidden: bool = False


@dataclass
class SectionRow:
    title: str = ""
    after: str = "key-points"
    body: str = ""


@dataclass
class DraftForm:
    title: str
    points: list[PointRow]
    sections: list[SectionRow]
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, draft: ReportDraft) -> DraftForm:
        """Rows of a stored draft: the key points shown, then those hidden."""
        points = [PointRow(p) for p in draft.key_points] + [PointRow(p, True) for p in draft.hidden_key_points]
        return cls(draft.title, points, [SectionRow(s.title, s.after, s.body) for s in draft.sections])

    @classmethod
    def posted(cls, sent: EditorFields) -> DraftForm:
        """The rows as sent; blank rows (the empty ones the page offers for adding) are left out."""
        points = [
            PointRow(" ".join(text.split()), _at(sent.point_state, n) == HIDDEN)
            for n, text in enumerate(sent.point_text)
            if text.strip()
        ]
        bodies = [_at(sent.section_body, n).strip() for n in range(len(sent.section_title))]
        sections = [
            SectionRow(heading.strip(), _at(sent.section_after, n) or "key-points", bodies[n])
            for n, heading in enumerate(sent.section_title)
            if heading.strip() or bodies[n]
        ]
        return cls(" ".join(sent.title.split()), points, sections)

    def apply(self, action: str) -> str:
        """Do what a button asked (move, remove, add a suggested point); returns where on the page it happened."""
        verb, _, argument = action.partition(":")
        if verb == "add-point" and argument.strip():
            self.points.append(PointRow(" ".join(argument.split())))
            return "key-points"
        if not argument.isdigit():
            return ""
        if verb.startswith("section-"):
            _rearrange(self.sections, verb.removeprefix("section-"), int(argument))
            return "sections"
        _rearrange(self.points, verb.removeprefix("point-"), int(argument))
        return "key-points"

    def draft(self) -> ReportDraft | None:
        """The draft to store, or None with ``errors`` saying what to fix (the rows are kept as typed)."""
        self.errors = {}
        if not self.title:
            self.errors["title"] = "Give the report a title."
        for n, section in enumerate(self.sections):
            if not section.title:
                self.errors[f"section-{n}"] = "Give this section a title (it is the heading readers see)."
            elif section.after not in ANCHORS:
                self.errors[f"section-{n}"] = f"Place the section after one of: {', '.join(ANCHORS)}."
        if self.errors:
            return None
        return ReportDraft(
            self.title,
            [p.text for p in self.points if not p.hidden],
            [Section(s.title, s.body, s.after) for s in self.sections],
            [p.text for p in self.points if p.hidden],
        )

    def preview(self) -> ReportDraft:
        """What the report would show, even while something is still to fix (for the live preview)."""
        return ReportDraft(
            self.title,
            [p.text for p in self.points if not p.hidden],
            [Section(s.title or "(no title yet)", s.body, s.after) for s in self.sections if s.after in ANCHORS],
            [p.text for p in self.points if p.hidden],
        )


def _rearrange(rows: list[Row], verb: str, index: int) -> None:
    """Move a row up or down one place, or remove it; an index off the list (a stale page) changes nothing."""
    if not 0 <= index < len(rows):
        return
    if verb == "remove":
        del rows[index]
    elif verb == "up" and index > 0:
        rows[index - 1 : index + 1] = [rows[index], rows[index - 1]]
    elif verb == "down" and index + 1 < len(rows):
        rows[index : index + 2] = [rows[index + 1], rows[index]]


def _at(values: Sequence[str], index: int) -> str:
    return values[index] if index < len(values) else ""
