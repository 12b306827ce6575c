"""The report's tables as rows of text, shared by every renderer so Markdown, HTML and PDF agree."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.analysis.changes import MIN_BASE_FOR_PERCENT, Figure, notable_record
from marsad.analysis.statistics import Casualties, MonthStats
from marsad.domain.incident import Incident
from marsad.domain.keys import Kind
from marsad.domain.ranges import count_range
from marsad.domain.vocabulary import Vocabularies, Vocabulary
from marsad.domain.wording import plural
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.i18n.catalogues import N_, Nn_, gettext, ngettext
from marsad.i18n.formats import month_name, number_range, with_range


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


def change_text(figure: Figure, language: str = "en") -> str:
    """ "+62%", "−17%"; "+2" on a base under 10 (a percentage of 3 misleads); "new" (from none), "=" (unchanged)
    or "—" (nothing to compare with)."""
    if figure.previous is None:
        return "—"
    if figure.count == figure.previous:
        return "="
    if figure.change_pct is None:
        return gettext(language, N_("new"))
    if figure.previous < MIN_BASE_FOR_PERCENT:
        difference = figure.count - figure.previous
        return f"+{difference}" if difference > 0 else f"−{-difference}"
    return f"+{figure.change_pct}%" if figure.change_pct > 0 else f"−{-figure.change_pct}%"


_RECORDS = {"high": N_("highest to date"), "low": N_("lowest to date")}


def breakdown_rows(figures: dict[str, Figure], vocabulary: Vocabulary, language: str = "en") -> list[Row]:
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
                change=change_text(figure, language),
                share=f"{figure.share_pct}%" if shares and figure.share_pct is not None else "",
                record=gettext(language, _RECORDS[record]) if (record := notable_record(figure)) else "",
            )
        )
    rows.sort(key=lambda r: (-r.count, r.label))
    return rows


def raids_sentence(stats: MonthStats, vocab: Vocabularies, language: str = "en") -> str:
    """ "10 raids (October: 8), 17 arrests, 1 suspect killed. Conducted by: Asayish 4, SDF 3."."""
    before = stats.raids.previous if stats.raids.previous is not None else "—"
    forces = ", ".join(
        f"{vocab.forces.label(k)} {n}" for k, n in sorted(stats.raids_by_force.items(), key=lambda item: -item[1])
    )
    if language == "en":
        sentence = (
            f"{plural(stats.raids.count, 'raid')} ({stats.month.previous().name}: {before}), "
            f"{plural(stats.arrests.count, 'arrest')}, {plural(stats.suspects_killed, 'suspect')} killed."
        )
        return sentence + (f" Conducted by: {forces}." if forces else "")
    figures: dict[str, object] = {
        "raids": stats.raids.count,
        "arrests": stats.arrests.count,
        "killed": stats.suspects_killed,
        "month": month_name(stats.month.previous().month, language),
        "before": before,
    }
    sentence = " ".join(
        ngettext(language, one, many, count) % figures
        for count, (one, many) in (
            (stats.raids.count, _RAIDS),
            (stats.arrests.count, _ARRESTS),
            (stats.suspects_killed, _KILLED),
        )
    )
    return sentence + (" " + gettext(language, N_("Conducted by: %(forces)s.")) % {"forces": forces} if forces else "")


_RAIDS = Nn_("%(raids)d raid (%(month)s: %(before)s),", "%(raids)d raids (%(month)s: %(before)s),")
_ARRESTS = Nn_("%(arrests)d arrest,", "%(arrests)d arrests,")
_KILLED = Nn_("%(killed)d suspect killed.", "%(killed)d suspects killed.")


def incident_summary(
    incident: Incident, vocab: Vocabularies, language: str = "en", gazetteer: Gazetteer | None = None
) -> str:
    """One line for the incident list: what, who (and how sure), where (as the gazetteer spells the place for
    readers of ``language``), and the toll.

    A raid names the group raided, not a perpetrator: "Raid against ISIS (attributed)".
    """
    what = vocab.types.label(incident.type)
    who = vocab.actors.label(incident.perpetrator)
    if incident.attribution != "unknown":
        who = f"{who} ({vocab.attributions.label(incident.attribution).lower()})"
    where = incident.place or incident.admin2 or incident.admin1 or gettext(language, N_("unknown place"))
    if gazetteer is not None:
        where = gazetteer.local_name(where, language)
    if incident.region:
        where = f"{where}{gettext(language, ', ')}{vocab.regions.label(incident.region)}"
    toll = casualty_text(incident, language)
    if incident.kind == Kind.RAID:
        head = gettext(language, N_("%(what)s against %(who)s")) % {"what": what, "who": who}
    else:
        head = f"{what} — {who}"
    return f"{head} — {where}" + (f" — {toll}" if toll else "")


_TOLLS = (
    ("military_killed", Nn_("%(n)d military killed", "%(n)d military killed")),
    ("military_injured", Nn_("%(n)d military injured", "%(n)d military injured")),
    ("civilian_killed", Nn_("%(n)d civilian killed", "%(n)d civilians killed")),
    ("civilian_injured", Nn_("%(n)d civilian injured", "%(n)d civilians injured")),
    ("perpetrators_killed", Nn_("%(n)d perpetrator killed", "%(n)d perpetrators killed")),
    ("unknown_killed", Nn_("%(n)d killed of unknown status", "%(n)d killed of unknown status")),
    ("arrests", Nn_("%(n)d arrested", "%(n)d arrested")),
)


def casualty_cells(casualties: Casualties, language: str = "en") -> dict[str, str]:
    """The casualty table's cells: each sum of best estimates, "7 (5–9)" where its summed range differs."""
    cells = {}
    for name in ("military_killed", "military_injured", "civilian_killed", "civilian_injured", "perpetrators_killed"):
        toll = casualties.range_of(name)
        cells[name] = with_range(toll.best, toll.low, toll.high, language)
    return cells


def casualty_text(incident: Incident, language: str = "en") -> str:
    """ "1 civilian killed, 7 military injured (5–9), 2 arrested": the tolls an incident reports, each with its
    range where the sources give one (zeros left out, unless their range is not)."""
    parts = []
    for field, (one, many) in _TOLLS:
        spread = count_range(incident, field)
        if spread and spread.worth_telling:
            part = ngettext(language, one, many, spread.best) % {"n": spread.best}
            parts.append(part if spread.exact else f"{part} ({number_range(spread.low, spread.high, language)})")
    return "، ".join(parts) if language in ("ar", "ckb") else ", ".join(parts)
