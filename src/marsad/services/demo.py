"""Synthetic demo data: plausible incidents over several years, every record marked as synthetic.

Deterministic for a seed, streamed (1,000,000 events need no more memory than 1,000), and drawn from the
gazetteer's real places so maps and reports look like the real thing. Nothing here describes real events.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.ids import format_id, month_prefix
from marsad.domain.incident import Incident, Source
from marsad.domain.rules import default_counting
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer, Place
from marsad.report.draft import ReportDraft, Section
from marsad.services.reports import publish, save_draft
from marsad.settings import Publisher

SYNTHETIC_MARK = "[SYNTHETIC DEMO DATA]"
DEFAULT_START = dt.date(2019, 1, 1)
DEFAULT_END = dt.date(2025, 12, 31)

KIND_WEIGHTS = {"attack": 75, "raid": 22, "other": 3}
REGION_WEIGHTS = {
    "deir_ez_zor": 52,
    "jazira": 21,
    "raqqa": 10,
    "tabqa": 4,
    "euphrates": 4,
    "manbij": 6,
    None: 3,
}
PERPETRATOR_WEIGHTS = {
    "isis": 72,
    "unknown": 18,
    "ahrar_al_shaab": 4,
    "turkish_backed": 3,
    "government_aligned": 2,
    "tribal": 1,
}
ATTACK_TYPE_WEIGHTS = {
    "armed_attack": 35,
    "ied": 18,
    "assassination": 15,
    "grenade": 6,
    "rpg": 4,
    "motorcycle_bomb": 4,
    "vbied": 3,
    "kidnapping": 3,
    "arson": 3,
    "other": 3,
    "shelling": 2,
    "landmine": 2,
    "execution": 1,
    "svbied": 0.5,
    "drone_strike": 0.5,
}
TARGET_WEIGHTS = {
    "sdf": 40,
    "civilian": 25,
    "asayish": 15,
    "infrastructure": 6,
    "official": 5,
    "tribal_leader": 4,
    "camp": 2,
    "other": 2,
    "coalition": 1,
}
FORCE_WEIGHTS = {"sdf": 45, "joint": 25, "asayish": 25, "coalition": 5}


@dataclass(frozen=True)
class _Weighted:
    keys: tuple[object, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, weights: Mapping[Any, float]) -> _Weighted:
        total, cumulative = 0.0, []
        for weight in weights.values():
            total += weight
            cumulative.append(total)
        return cls(tuple(weights), tuple(cumulative))

    def pick(self, rng: random.Random) -> object:
        return rng.choices(self.keys, cum_weights=self.cumulative)[0]


class DemoGenerator:
    """Yields synthetic incidents month by month, ids numbered in date order."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocabularies, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.vocab = vocab
        curated = [p for p in gazetteer.places if p.curated and p.kind != "camp"]
        self.places_by_region: dict[str | None, list[Place]] = {}
        for region in REGION_WEIGHTS:
            pool = [p for p in curated if p.region == region] if region else [p for p in curated if not p.region]
            if pool:
                self.places_by_region[region] = pool
        self.place_weights = {
            region: _Weighted.of({p.key: math.log(p.population + 3000) for p in pool})
            for region, pool in self.places_by_region.items()
        }
        self.regions = _Weighted.of({r: w for r, w in REGION_WEIGHTS.items() if r in self.places_by_region})
        self.kinds = _Weighted.of(KIND_WEIGHTS)
        self.perpetrators = _Weighted.of({k: w for k, w in PERPETRATOR_WEIGHTS.items() if k in vocab.actors})
        self.attack_types = _Weighted.of({k: w for k, w in ATTACK_TYPE_WEIGHTS.items() if k in vocab.types})
        self.targets = _Weighted.of({k: w for k, w in TARGET_WEIGHTS.items() if k in vocab.targets})
        self.forces = _Weighted.of({k: w for k, w in FORCE_WEIGHTS.items() if k in vocab.forces})
        self.by_key = gazetteer.by_key

    def incidents(self, count: int, start: dt.date = DEFAULT_START, end: dt.date = DEFAULT_END) -> Iterator[Incident]:
        months = _months(start, end)
        for (year, month), share in zip(months, _allocate(count, self._month_weights(months)), strict=True):
            first = max(start, dt.date(year, month, 1))
            last = min(end, dt.date(year, month, calendar.monthrange(year, month)[1]))
            days = sorted(self.rng.randint(first.toordinal(), last.toordinal()) for _ in range(share))
            for number, ordinal in enumerate(days, start=1):
                yield self._incident(format_id(month_prefix(first), number), dt.date.fromordinal(ordinal))

    def _month_weights(self, months: Sequence[tuple[int, int]]) -> list[float]:
        """Seasonal waves over a slow decline, with noise: the shape of a real sleeper-cell series."""
        weights = []
        for index, _ in enumerate(months):
            trend = 1.6 - 0.8 * index / max(1, len(months) - 1)
            wave = 1 + 0.35 * math.sin(index / 2.2)
            weights.append(max(0.05, trend * wave * self.rng.uniform(0.75, 1.25)))
        return weights

    def _incident(self, incident_id: str, day: dt.date) -> Incident:
        rng = self.rng
        kind = str(self.kinds.pick(rng))
        region = self.regions.pick(rng)
        place = self.by_key[str(self.place_weights[region].pick(rng))]  # type: ignore[index]
        latitude, longitude, precision = self._position(place)
        incident = Incident(
            id=incident_id,
            kind=kind,
            date=day,
            type="other",
            date_precision="day" if rng.random() < 0.95 else "week",
            place=place.name,
            latitude=latitude,
            longitude=longitude,
            geo_precision=precision,
            admin1=place.admin1,
            admin2=place.admin2,
            region=place.region,
            grade=_grade(rng.random(), kind),
            status=_status(rng.random()),
            tags=["synthetic"],
        )
        if kind == "attack":
            self._attack(incident)
        elif kind == "raid":
            self._raid(incident)
        incident.description = self._description(incident, place)
        incident.notes = f"Synthetic record made by `marsad demo --seed {self.seed}`; not a real event."
        incident.sources = self._sources(incident_id, day)
        default_counting(incident, self.vocab.counted_grades)
        return incident

    def _position(self, place: Place) -> tuple[float, float, str]:
        roll = self.rng.random()
        if roll < 0.25:
            return place.latitude, place.longitude, "town"
        spread = 0.004 if roll < 0.45 else 0.025
        latitude = round(place.latitude + self.rng.uniform(-spread, spread), 5)
        longitude = round(place.longitude + self.rng.uniform(-spread, spread), 5)
        return latitude, longitude, "exact" if roll < 0.45 else "near"

    def _attack(self, incident: Incident) -> None:
        rng = self.rng
        incident.type = str(self.attack_types.pick(rng))
        incident.perpetrator = str(self.perpetrators.pick(rng))
        if incident.perpetrator == "unknown":
            incident.attribution = "unknown"
        else:
            incident.attribution = rng.choices(["claimed", "attributed", "suspected"], [45, 30, 25])[0]
        incident.target = str(self.targets.pick(rng))
        if rng.random() < 0.1:
            return  # casualties not reported
        lethal = incident.type in {"vbied", "svbied", "execution", "assassination"}
        military = incident.target in {"sdf", "asayish", "military_other", "coalition"}
        incident.military_killed = _small(rng, 1.2 if lethal else 0.5) if military else 0
        incident.military_injured = _small(rng, 1.0) if military else 0
        incident.civilian_killed = _small(rng, 0.8 if lethal else 0.2)
        incident.civilian_injured = _small(rng, 0.9)
        incident.perpetrators_killed = _small(rng, 0.1)

    def _raid(self, incident: Incident) -> None:
        rng = self.rng
        incident.type = "raid" if rng.random() < 0.8 else "security_operation"
        incident.perpetrator = "isis" if rng.random() < 0.9 else "unknown"
        incident.attribution = "attributed" if incident.perpetrator == "isis" else "unknown"
        incident.conducted_by = str(self.forces.pick(rng))
        incident.arrests = _small(rng, 2.2)
        incident.perpetrators_killed = _small(rng, 0.1)
        incident.military_killed = _small(rng, 0.05)

    def _description(self, incident: Incident, place: Place) -> str:
        what = self.vocab.types.label(incident.type)
        region = self.vocab.regions.label(incident.region) if incident.region else "outside the monitored area"
        target = f" on {self.vocab.targets.label(incident.target)}" if incident.target else ""
        return f"{SYNTHETIC_MARK} {what}{target} near {place.name} ({region}). Invented for demonstration."

    def _sources(self, incident_id: str, day: dt.date) -> list[Source]:
        return [
            Source(
                url=f"https://example.org/marsad-demo/{incident_id}/{n}",
                title=f"Synthetic source {n} for {incident_id}",
                publisher="Marsad demo generator",
                source_type="synthetic",
                language="en",
                published=day,
            )
            for n in range(1, 1 + self.rng.choice((1, 1, 1, 2, 2, 3)))
        ]


# How the made-up incidents are graded: most attacks and nearly all raids confirmed or fair (about 88% and
# 95% counted, as when the team recorded only confirmed yes / no).
GRADE_SHARES = {
    "attack": (("confirmed", 0.70), ("fair", 0.88), ("weak", 0.95), ("contested", 0.98)),
    "raid": (("confirmed", 0.85), ("fair", 0.95), ("weak", 0.98), ("contested", 0.99)),
}


def _grade(roll: float, kind: str) -> str:
    for grade, below in GRADE_SHARES.get(kind, GRADE_SHARES["attack"]):
        if roll < below:
            return grade
    return "discounted"


def _status(roll: float) -> str:
    """Most published; of the rest, half waiting for review on the desk and half still drafts."""
    return "published" if roll < 0.95 else "in_review" if roll < 0.975 else "draft"


def _small(rng: random.Random, mean: float) -> int:
    """A small count with the given mean (Poisson by inversion: exact and fast for means under 3)."""
    limit, product, count = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        count += 1
    return count


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), so the counts add up exactly."""
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def publish_demo_reports(
    session: Session,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    last: Month,
    count: int,
    actor: str = "demo",
    publisher: Publisher | None = None,
) -> list[Month]:
    """Publish ``count`` monthly reports ending with ``last``, titled and introduced as synthetic."""
    months = [last]
    while len(months) < count:
        months.insert(0, months[0].previous())
    for month in months:
        generated = save_draft(session, month, vocab, actor).draft
        notice = Section("About this report", DEMO_REPORT_NOTICE, "key-points")
        draft = ReportDraft(f"{SYNTHETIC_MARK} {generated.title}", generated.key_points, [notice])
        save_draft(session, month, vocab, actor, draft=draft)
        publish(session, month, vocab, gazetteer, actor, publisher)
    return months


DEMO_REPORT_NOTICE = (
    "This report was generated from **synthetic demo data**: the incidents, places and figures are invented "
    "to show what Marsad produces, and describe no real events."
)
