"""The report's tables as rows of text, shared by every renderer so Markdown, HTML and PDF agree."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.analysis.changes import MIN_BASE_FOR_PERCENT, Figure, notable_record
from marsad.analysis.statistics import MonthStats
from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies, Vocabulary
from marsad.domain.wording import plural


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    colour: str
    count: int
    previous: str
    change: str
    share: str
    record: str


def change_text(figure: Figure) -> str:
    """ "+62%", "−17%"; "+2" on a base under 10 (a percentage of 3 misleads); "new" (from none), "=" (unchanged)
    or "—" (nothing to compare with)."""
    if figure.previous is None:
        return "—"
    if figure.count == figure.previous:
        return "="
    if figure.change_pct is None:
        return "new"
    if figure.previous < MIN_BASE_FOR_PERCENT:
        difference = figure.count - figure.previous
        return f"+{difference}" if difference > 0 else f"−{-difference}"
    return f"+{figure.change_pct}%" if figure.change_pct > 0 else f"−{-figure.change_pct}%"


def breakdown_rows(figures: dict[str, Figure], vocabulary: Vocabulary) -> list[Row]:
    """One row per key that had incidents this month or the month before, most first (shares of fewer than 10
    incidents are left blank: "40%" of 5 says less than "2")."""
    rows = []
    shares = sum(figure.count for figure in figures.values()) >= MIN_BASE_FOR_PERCENT
    for key, figure in figures.items():
        if not figure.count and not figure.previous:
            continue
        term = vocabulary.term(key) if key in vocabulary else None
        rows.append(
            Row(
                key=key,
                label=term.label if term else key,
                colour=term.colour if term else "#7f8c8d",
                count=figure.count,
                previous="—" if figure.previous is None else str(figure.previous),
                change=change_text(figure),
                share=f"{figure.share_pct}%" if shares and figure.share_pct is not None else "",
                record={"high": "highest to date", "low": "lowest to date"}.get(notable_record(figure) or "", ""),
            )
        )
    rows.sort(key=lambda r: (-r.count, r.label))
    return rows


def raids_sentence(stats: MonthStats, vocab: Vocabularies) -> str:
    """ "10 raids (October: 8), 17 arrests, 1 suspect killed. Conducted by: Asayish 4, SDF 3."."""
    before = stats.raids.previous if stats.raids.previous is not None else "—"
    forces = ", ".join(
        f"{vocab.forces.label(k)} {n}" for k, n in sorted(stats.raids_by_force.items(), key=lambda item: -item[1])
    )
    sentence = (
        f"{plural(stats.raids.count, 'raid')} ({stats.month.previous().name}: {before}), "
        f"{plural(stats.arrests.count, 'arrest')}, {plural(stats.suspects_killed, 'suspect')} killed."
    )
    return sentence + (f" Conducted by: {forces}." if forces else "")


def incident_summary(incident: Incident, vocab: Vocabularies) -> str:
    """One line for the incident list: what, who (and how sure), where, and the toll.

    A raid names the group raided, not a perpetrator: "Raid against ISIS (attributed)".
    """
    what = vocab.types.label(incident.type)
    who = vocab.actors.label(incident.perpetrator)
    if incident.attribution != "unknown":
        who = f"{who} ({vocab.attributions.label(incident.attribution).lower()})"
    where = incident.place or incident.admin2 or incident.admin1 or "unknown place"
    if incident.region:
        where = f"{where}, {vocab.regions.label(incident.region)}"
    toll = casualty_text(incident)
    head = f"{what} against {who}" if incident.kind == "raid" else f"{what} — {who}"
    return f"{head} — {where}" + (f" — {toll}" if toll else "")


def casualty_text(incident: Incident) -> str:
    """ "1 civilian killed, 3 military injured, 2 arrested": the tolls an incident reports (zeros left out)."""
    parts = []
    for value, one, many in (
        (incident.military_killed, "military killed", "military killed"),
        (incident.military_injured, "military injured", "military injured"),
        (incident.civilian_killed, "civilian killed", "civilians killed"),
        (incident.civilian_injured, "civilian injured", "civilians injured"),
        (incident.perpetrators_killed, "perpetrator killed", "perpetrators killed"),
        (incident.unknown_killed, "killed of unknown status", "killed of unknown status"),
        (incident.arrests, "arrested", "arrested"),
    ):
        if value:
            parts.append(plural(value, one, many))
    return ", ".join(parts)
