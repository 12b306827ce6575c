"""What the editors add to a generated report: its title, key points as they edited them, narrative sections.

A draft travels as a small Markdown file an editor can open anywhere (the CLI writes and reads it; the web
desk will edit the same fields):

    # ISIS sleeper cell attacks in NES: November 2023

    ## Key points
    - 11 confirmed ISIS sleeper cell attacks across NES in November, a decrease from October's 17
    - Wives of detained ISIS fighters hold protest in al-Hol camp

    ## Hidden key points
    - 2 attacks in Manbij, no change from October

Hidden key points stay with the draft (an editor may bring one back) but are not published.

    ## Section: Camps and repatriation (after: raids)
    Narrative in Markdown…
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import markdown as markdown_lib
import nh3

from marsad.i18n.catalogues import N_

# Where a narrative section may stand: after one of the generated parts of the report.
ANCHORS = ("key-points", "regions", "perpetrators", "types", "casualties", "raids", "series", "map", "incidents")
ANCHOR_LABELS = {
    "key-points": N_("the key points"),
    "regions": N_("attacks by region"),
    "perpetrators": N_("attacks by perpetrator"),
    "types": N_("attacks by type"),
    "casualties": N_("casualties"),
    "raids": N_("raids and arrests"),
    "series": N_("the indicator series (camps, repatriations)"),
    "map": N_("the map"),
    "incidents": N_("the list of incidents"),
}
_SECTION = re.compile(r"^## Section: (?P<title>.+?)(?: \(after: (?P<after>[a-z-]+)\))?\s*$")


class DraftFileError(ValueError):
    """A draft file that cannot be read; says which line and what is expected."""


@dataclass(frozen=True)
class Section:
    title: str
    body: str  # Markdown
    after: str = "key-points"

    def html(self) -> str:
        """The body as HTML with nothing an attacker could run (no raw HTML, no script URLs)."""
        return nh3.clean(markdown_lib.markdown(self.body))


@dataclass(frozen=True)
class ReportDraft:
    title: str
    key_points: list[str]  # as published, in order
    sections: list[Section] = field(default_factory=list)
    hidden_key_points: list[str] = field(default_factory=list)  # kept with the draft, not published

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportDraft:
        return cls(
            data["title"],
            list(data["key_points"]),
            [Section(**s) for s in data.get("sections", [])],
            list(data.get("hidden_key_points", [])),
        )

    def to_file(self) -> str:
        lines = [f"# {self.title}", "", "## Key points", *(f"- {point}" for point in self.key_points), ""]
        if self.hidden_key_points:
            lines += ["## Hidden key points", *(f"- {point}" for point in self.hidden_key_points), ""]
        for section in self.sections:
            lines += [f"## Section: {section.title} (after: {section.after})", section.body.strip(), ""]
        return "\n".join(lines)

    @classmethod
    def from_file(cls, text: str) -> ReportDraft:
        """Read an edited draft file; every structural mistake names its line."""
        title: str | None = None
        key_points: list[str] = []
        hidden: list[str] = []
        sections: list[Section] = []
        current: tuple[str, str] | None = None  # (title, after) of the section being read
        body: list[str] = []
        part = "start"

        def close() -> None:
            if current:
                sections.append(Section(current[0], "\n".join(body).strip(), current[1]))
            body.clear()

        for number, line in enumerate(text.splitlines(), start=1):
            if line.startswith("# ") and title is None:
                title = line[2:].strip()
            elif line.strip() in ("## Key points", "## Hidden key points"):
                close()
                current, part = None, "points" if line.strip() == "## Key points" else "hidden"
            elif line.startswith("## Section:"):
                close()
                match = _SECTION.match(line)
                after = (match.group("after") if match else None) or "key-points"
                if match is None or after not in ANCHORS:
                    raise DraftFileError(
                        f"line {number}: write '## Section: Title (after: PART)' with PART one of {', '.join(ANCHORS)}"
                    )
                current, part = (match.group("title").strip(), after), "section"
            elif part in ("points", "hidden") and line.strip():
                if not line.lstrip().startswith(("- ", "* ")):
                    raise DraftFileError(f"line {number}: key points are list items starting with '- '")
                (key_points if part == "points" else hidden).append(line.lstrip()[2:].strip())
            elif part == "section":
                body.append(line)
            elif line.strip() and part == "start":
                raise DraftFileError(f"line {number}: expected the '# Title' line, then '## Key points'")
        close()
        if not title:
            raise DraftFileError("the draft has no '# Title' line")
        return cls(title, key_points, sections, hidden)
