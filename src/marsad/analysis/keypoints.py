"""The key points of a monthly report as facts, ranked by news value; report.key_point_text words them.

A fact holds counts, vocabulary keys and moves (``Move.DOUBLE``, not "double"), never a sentence, so the
same facts can be phrased in English, Arabic or Kurdish. Every rule is deterministic: the same figures give
the same facts in the same order. Between three and six are kept (fewer only when the month has less to say).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

from marsad.analysis.changes import Change, Figure, compare, meaningful_share, notable_record
from marsad.analysis.statistics import MonthStats
from marsad.domain.ranges import CountRange

MAX_KEY_POINTS = 6
# News value: the headline first, then records and big moves (worth more the bigger they are), the places
# attacks concentrate, the main claimant, the human cost, raids, how attacks split by region, what is not counted.
HEADLINE = 1000
RECORD = 900
MULTIPLE = 800
PLACE = 760
MAIN_CLAIMANT = 740
CASUALTIES = 720
RAIDS = 700
OTHER_CLAIMANT = 600
REGIONS = 500
NOT_COUNTED = 450
NO_CASUALTIES = 400
# A place is named on its own when it had at least this many attacks and this share of its region's.
PLACE_MIN_ATTACKS = 5
PLACE_MIN_SHARE = 0.25
# A claim line about one or two attacks is noise.
CLAIMED_MIN_ATTACKS = 3


@dataclass(frozen=True)
class Total:
    """The month's counted attacks against the month before (the headline)."""

    kind: ClassVar[str] = "total"
    count: int
    change: Change | None  # None in the dataset's first month
    record: str | None  # "high" or "low" since the dataset began


@dataclass(frozen=True)
class RegionMove:
    """A region whose attacks set a record or moved by a multiple ("double", "half", "from none")."""

    kind: ClassVar[str] = "region_move"
    region: str
    count: int
    change: Change | None
    record: str | None
    share_pct: int | None  # when the region holds most attacks (on a base of 10 or more)


@dataclass(frozen=True)
class RegionCount:
    region: str
    count: int
    share_pct: int | None  # given for the leading region only, on a base of 10 or more


@dataclass(frozen=True)
class RegionSplit:
    """Where the month's attacks were, most first, and the regions that had some last month and none now."""

    kind: ClassVar[str] = "regions"
    regions: tuple[RegionCount, ...]
    none_in: tuple[str, ...]


@dataclass(frozen=True)
class PlaceConcentration:
    """One place with a large part of its region's attacks ("9 attacks in Hasakah alone")."""

    kind: ClassVar[str] = "place"
    place: str
    region: str | None
    count: int


@dataclass(frozen=True)
class ClaimedMove:
    """Attacks one actor claimed, against the month before; the main claimant's also gives all attacks."""

    kind: ClassVar[str] = "claimed"
    actor: str
    change: Change
    overall: Change | None


@dataclass(frozen=True)
class CasualtyToll:
    """The month's tolls, each the sum of the best estimates with the sums of their ranges."""

    kind: ClassVar[str] = "casualties"
    military_killed: CountRange
    military_injured: CountRange
    civilian_killed: CountRange
    civilian_injured: CountRange

    @property
    def none(self) -> bool:
        tolls = (self.military_killed, self.military_injured, self.civilian_killed, self.civilian_injured)
        return not any(toll.best for toll in tolls)


@dataclass(frozen=True)
class RaidResults:
    kind: ClassVar[str] = "raids"
    raids: int
    arrests: int
    suspects_killed: int
    change: Change | None


@dataclass(frozen=True)
class NotCountedGroup:
    reason: str | None  # domain.rules.NOT_CONFIRMED, OUTSIDE_AREA or the editors' own reason
    count: int
    regions: tuple[RegionCount, ...]  # most first; attacks outside every region are in ``count`` only


@dataclass(frozen=True)
class NotCountedAttacks:
    """Attacks reported in the month but left out of the figures, in one line, by reason."""

    kind: ClassVar[str] = "not_counted"
    count: int
    groups: tuple[NotCountedGroup, ...]


KeyFact = (
    Total | RegionMove | RegionSplit | PlaceConcentration | ClaimedMove | CasualtyToll | RaidResults | NotCountedAttacks
)


@dataclass(frozen=True)
class KeyPoint:
    fact: KeyFact
    score: int  # news value: higher comes first

    def to_json(self) -> dict[str, Any]:
        """The fact's fields; a summed range as incidents name theirs: the best estimate under the count's name,
        ``military_killed_low`` and ``military_killed_high`` beside it."""
        values = asdict(self.fact)
        for name in (f.name for f in fields(self.fact)):
            value = getattr(self.fact, name)
            if isinstance(value, CountRange):
                values.update({name: value.best, f"{name}_low": value.low, f"{name}_high": value.high})
        return {"kind": self.fact.kind, "score": self.score, **values}


def key_facts(stats: MonthStats, limit: int = MAX_KEY_POINTS) -> list[KeyPoint]:
    """The month's key points as facts, most newsworthy first, at most ``limit``."""
    moves = _region_moves(stats)
    candidates = [
        KeyPoint(
            Total(stats.attacks.count, compare(stats.attacks.count, stats.attacks.previous), stats.attacks.record),
            HEADLINE,
        ),
        *moves,
        *_place(stats),
        *_claimed(stats),
        *_casualties(stats),
        *_raids(stats),
        *_region_split(stats, {p.fact.region for p in moves if isinstance(p.fact, RegionMove)}),
        *_not_counted(stats),
    ]
    ranked = sorted(enumerate(candidates), key=lambda item: (-item[1].score, item[0]))  # ties keep this order
    return [point for _, point in ranked[:limit]]


def _by_count(figures: Mapping[str, Figure]) -> list[tuple[str, Figure]]:
    return sorted(figures.items(), key=lambda item: (-item[1].count, item[0]))


def _region_moves(stats: MonthStats) -> list[KeyPoint]:
    points = []
    for region, figure in _by_count(stats.by_region):
        change, record = compare(figure.count, figure.previous), notable_record(figure)
        if not ((record and figure.count) or (change and change.notable)):
            continue
        share = meaningful_share(figure.count, stats.attacks.count)
        fact = RegionMove(region, figure.count, change, record, share if share and share >= 50 else None)
        size = min(change.size if change else figure.count, 99)
        points.append(KeyPoint(fact, (RECORD if record else MULTIPLE) + size))
    return points


def _region_split(stats: MonthStats, with_own_point: set[str]) -> list[KeyPoint]:
    total = stats.attacks.count
    if not total:
        return []
    present = [(region, figure) for region, figure in _by_count(stats.by_region) if figure.count]
    regions = tuple(
        RegionCount(region, figure.count, meaningful_share(figure.count, total) if index == 0 else None)
        for index, (region, figure) in enumerate(present)
    )
    gone = sorted(
        (
            (region, figure)
            for region, figure in stats.by_region.items()
            if not figure.count and figure.previous and region not in with_own_point
        ),
        key=lambda item: (-(item[1].previous or 0), item[0]),
    )
    return [KeyPoint(RegionSplit(regions, tuple(region for region, _ in gone)), REGIONS)] if regions else []


def _place(stats: MonthStats) -> list[KeyPoint]:
    if not stats.places:
        return []
    place, region, count = stats.places[0]
    in_region = stats.by_region.get(region or "")
    if count < PLACE_MIN_ATTACKS or (in_region and count < PLACE_MIN_SHARE * in_region.count):
        return []
    return [KeyPoint(PlaceConcentration(place, region, count), PLACE)]


def _claimed(stats: MonthStats) -> list[KeyPoint]:
    """A point per claiming actor with enough claims; the most active one's also gives all attacks' change."""
    points = []
    total = stats.attacks
    single_actor = bool(stats.scope.perpetrators)
    for rank, (actor, figure) in enumerate(_by_count(stats.claimed_by)):
        change = compare(figure.count, figure.previous)
        if change is None or change.size < CLAIMED_MIN_ATTACKS:
            continue
        if single_actor and (figure.count, figure.previous) == (total.count, total.previous):
            continue  # every attack of the report's one actor was claimed: the headline says it all
        overall = compare(total.count, total.previous) if rank == 0 and not single_actor else None
        score = MULTIPLE + min(change.size, 99) if change.notable else MAIN_CLAIMANT if rank == 0 else OTHER_CLAIMANT
        points.append(KeyPoint(ClaimedMove(actor, change, overall), score))
    return points


def _casualties(stats: MonthStats) -> list[KeyPoint]:
    c = stats.casualties
    toll = CasualtyToll(
        *(c.range_of(name) for name in ("military_killed", "military_injured", "civilian_killed", "civilian_injured"))
    )
    if toll.none and not stats.attacks.count:
        return []
    return [KeyPoint(toll, NO_CASUALTIES if toll.none else CASUALTIES)]


def _raids(stats: MonthStats) -> list[KeyPoint]:
    raids = stats.raids
    if not raids.count:
        return []
    fact = RaidResults(raids.count, stats.arrests.count, stats.suspects_killed, compare(raids.count, raids.previous))
    return [KeyPoint(fact, RAIDS)]


def _not_counted(stats: MonthStats) -> list[KeyPoint]:
    by_reason: dict[str | None, dict[str | None, int]] = {}
    for item in stats.not_counted:
        regions = by_reason.setdefault(item.reason, {})
        regions[item.region] = regions.get(item.region, 0) + item.count
    groups = [
        NotCountedGroup(
            reason,
            sum(regions.values()),
            tuple(
                RegionCount(region, count, None)
                for region, count in sorted(regions.items(), key=lambda item: (-item[1], str(item[0])))
                if region is not None
            ),
        )
        for reason, regions in by_reason.items()
    ]
    groups.sort(key=lambda group: (-group.count, str(group.reason)))
    count = sum(group.count for group in groups)
    return [KeyPoint(NotCountedAttacks(count, tuple(groups)), NOT_COUNTED)] if count else []
