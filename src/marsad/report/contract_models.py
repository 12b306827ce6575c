"""The report's JSON contract (``report.contract``) and the period figures of /api/v1/stats, as pydantic models.

The API checks its answers against them and OpenAPI shows them; docs/report-json.md's table of keys is
generated from them (``python -m marsad.report.contract_models``), and a test fails when the two differ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Annotated, Any, Literal, Union, get_args, get_type_hints

from pydantic import BaseModel, Field, RootModel, create_model

from marsad.analysis.keypoints import KeyFact
from marsad.domain.ranges import CountRange
from marsad.io.public_models import Contract, IncidentPublic

Record = Literal["high", "low"] | None


# What each figure's key means, said once: a report's totals use the same words.
FIGURE_WORDS = {
    "count": "Incidents counted in the period (of a counted grade and in a region unless the team decided otherwise).",
    "previous": "The same figure for the period before; null before the dataset began, never 0.",
    "year_earlier": "The same period a year earlier; null before the dataset began.",
    "change_pct": 'Percent change from `previous`, rounded half away from zero; null from 0 ("up from none").',
    "record": '"high": more than in any month since the dataset began; "low": fewer; null otherwise. Computed for '
    "totals and regions (three months of history at least); other breakdowns carry null.",
    "streak": "Consecutive monthly rises (+n) or falls (-n) ending with this month (totals and regions; 0 elsewhere).",
    "share_pct": "Share of the period's total, rounded the same way; null for totals.",
}


class FigureJson(Contract):
    """One count with its comparisons."""

    count: int = Field(description=FIGURE_WORDS["count"])
    previous: int | None = Field(description=FIGURE_WORDS["previous"])
    year_earlier: int | None = Field(description=FIGURE_WORDS["year_earlier"])
    change_pct: int | None = Field(description=FIGURE_WORDS["change_pct"])
    record: Record = Field(description=FIGURE_WORDS["record"])
    streak: int = Field(description=FIGURE_WORDS["streak"])
    share_pct: int | None = Field(description=FIGURE_WORDS["share_pct"])


Figures = dict[str, FigureJson]


class CasualtiesJson(Contract):
    """Each count the sum of the incidents' best estimates, with the sums of their low and high estimates beside
    it (an incident without a range adds its best estimate to both)."""

    military_killed: int
    military_killed_low: int
    military_killed_high: int
    military_injured: int
    military_injured_low: int
    military_injured_high: int
    civilian_killed: int
    civilian_killed_low: int
    civilian_killed_high: int
    civilian_injured: int
    civilian_injured_low: int
    civilian_injured_high: int
    perpetrators_killed: int
    perpetrators_killed_low: int
    perpetrators_killed_high: int


class ReportCasualties(CasualtiesJson):
    previous: CasualtiesJson | None = Field(description="The month before; null before the dataset began.")


class NotCountedRow(Contract):
    region: str | None
    reason: str | None
    count: int


class PlaceCount(Contract):
    place: str
    region: str | None
    count: int


class ReportAttacks(Contract):
    """Attacks counted in the month, compared, and broken down (keys are vocabulary keys)."""

    total: int = Field(description=FIGURE_WORDS["count"])
    previous: int | None = Field(description=FIGURE_WORDS["previous"])
    year_earlier: int | None = Field(description=FIGURE_WORDS["year_earlier"])
    change_pct: int | None = Field(description=FIGURE_WORDS["change_pct"])
    record: Record = Field(description=FIGURE_WORDS["record"])
    streak: int = Field(description=FIGURE_WORDS["streak"])
    unconfirmed: int = Field(description="Attacks reported in the month but not counted.")
    not_counted: list[NotCountedRow] = Field(description="The same by region and reason.")
    by_region: Figures
    by_perpetrator: Figures
    by_type: Figures
    by_attribution: Figures
    by_target: Figures = Field(description="Counted attacks by the vocabulary key of each breakdown.")
    claimed_by: Figures = Field(description="Attacks the actor claimed (attribution `claimed`).")
    places: list[PlaceCount] = Field(description="Counted attacks per place as recorded, most first.")


class ReportRaids(Contract):
    """Raids counted in the month, compared, by region and by the force that conducted them."""

    total: int = Field(description="Raids counted in the month.")
    previous: int | None = Field(description=FIGURE_WORDS["previous"])
    change_pct: int | None = Field(description=FIGURE_WORDS["change_pct"])
    record: Record = Field(description=FIGURE_WORDS["record"])
    arrests: int = Field(description="People arrested in the month's raids.")
    arrests_previous: int | None
    suspects_killed: int
    by_region: Figures
    by_force: dict[str, int] = Field(description="Raids per force that conducted them.")


class Issued(Contract):
    date: dt.date
    published: bool = Field(description="true: published on `date`; false: generated or previewed then.")


class ReportCounting(Contract):
    """What the figures count."""

    grades: list[str] = Field(description="The grades the figures count (MARSAD_COUNTED_GRADES when made).")
    rule: str = Field(description="The same in words, in the report's language.")


class ReportScope(Contract):
    perpetrators: list[str] = Field(description="The actors the report covers; empty for all.")
    noun: str = Field(description='What the report counts, in words: "ISIS sleeper cell attacks".')
    area: str = Field(description='The area monitored: "NES".')


def _fact_json(fact: type[object]) -> type[BaseModel]:
    """One kind of key-point fact as the contract writes it: ``kind``, ``score`` and the fact's own fields (a summed
    range as three: ``civilian_killed``, ``civilian_killed_low``, ``civilian_killed_high``)."""
    hints = get_type_hints(fact)
    definitions: dict[str, Any] = {
        "kind": (Literal[fact.kind], ...),  # type: ignore[attr-defined]
        "score": (int, Field(description="News value: higher comes first.")),
    }
    own = [field.name for field in fields(fact)]  # type: ignore[arg-type]
    ranges = [name for name in own if hints[name] is CountRange]  # the best estimate, its bounds after the fields
    definitions |= {name: (int if name in ranges else hints[name], ...) for name in own}
    definitions |= dict.fromkeys((f"{name}_{bound}" for name in ranges for bound in ("low", "high")), (int, ...))
    return create_model(f"{fact.__name__}Fact", __base__=Contract, __doc__=fact.__doc__, **definitions)


FACTS = tuple(_fact_json(fact) for fact in get_args(KeyFact))


class KeyPointFact(RootModel[Annotated[Union[FACTS], Field(discriminator="kind")]]):  # type: ignore[valid-type]  # noqa: UP007
    """What one generated key point says, as data: its kind, its news value and the fields of its kind."""


class SeriesPrevious(Contract):
    as_of: dt.date
    value: int


class SeriesSource(Contract):
    """Where the figure comes from (a field contact: its type only); keys without a value are left out."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    source_type: str | None = None


class SeriesPointJson(Contract):
    indicator: str
    place: str
    group: str
    as_of: dt.date
    value: int
    low: int | None
    high: int | None
    previous: SeriesPrevious | None = Field(description="The figure before it in its series; null for a first.")
    change: int | None = Field(description="The value minus the previous one.")
    source: SeriesSource
    note: str | None


class ReportJson(Contract):
    """One monthly report (contract version 1): keys are only ever added."""

    contract_version: int = Field(description="1; changes only if a key ever changes meaning.")
    title: str
    language: str = Field(description="What the generated text is written in: en, ar, ku or ckb.")
    period: str = Field(description="The month, YYYY-MM.")
    previous_period: str = Field(description="The month compared with, YYYY-MM.")
    dataset_begins: str | None = Field(description="The dataset's first month, YYYY-MM.")
    issued: Issued | None = Field(
        description="When the report came out: published (true) or generated or previewed (false) on `date`; "
        "null when undated."
    )
    synthetic_incidents: int = Field(
        description="How many of the listed incidents are invented (tagged or sourced `synthetic`, e.g. demo data); "
        "when above 0 every rendering says so on its first page."
    )
    counting: ReportCounting
    scope: ReportScope
    attacks: ReportAttacks
    casualties: ReportCasualties
    raids: ReportRaids
    key_points: list[str] = Field(description="The key points, most newsworthy first (as the editors left them).")
    key_point_facts: list[KeyPointFact] = Field(
        description="What the generated key points say, as data, in the same order: a tool phrasing the report in "
        "another language starts here (kinds below)."
    )
    incidents: list[IncidentPublic] = Field(description="The counted incidents.")
    not_counted: list[IncidentPublic] = Field(description="Incidents of the month the figures leave out.")
    series: list[SeriesPointJson] = Field(
        description="The month's public indicator figures (codebook: Indicator observation), each with the one "
        "before it in its series."
    )


class PeriodDates(Contract):
    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")


class LabelledPeriod(PeriodDates):
    label: str


class PeriodAttacks(FigureJson):
    not_counted: int = Field(description="Attacks in the period the counting rule leaves out.")
    by_region: Figures
    by_perpetrator: Figures
    by_type: Figures
    by_attribution: Figures
    by_target: Figures


class PeriodRaids(FigureJson):
    arrests: int
    suspects_killed: int
    by_region: Figures


class PeriodStatsJson(Contract):
    """Figures for any date range, shaped like the report contract's."""

    period: LabelledPeriod
    previous_period: PeriodDates
    attacks: PeriodAttacks
    casualties: CasualtiesJson
    raids: PeriodRaids
