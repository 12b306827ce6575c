"""The key points of a monthly report, phrased as researchers write them and ranked by newsworthiness.

Labels come from the vocabulary file, so a team tracking other actors or regions gets correct sentences.
Every rule here is deterministic: the same figures give the same sentences in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.analysis.changes import Figure, change_pct, notable_record
from marsad.analysis.statistics import MonthStats
from marsad.domain.rules import NOT_CONFIRMED
from marsad.domain.vocabulary import Vocabularies

# Newsworthiness: the headline first, then records, big moves, the human cost, raids, the rest.
HEADLINE, RECORD, MULTIPLE, CASUALTIES, RAIDS, CLAIMED, PLACE, REGION, NONE_IN_REGION, UNCONFIRMED = (
    1000,
    900,
    800,
    700,
    650,
    600,
    550,
    300,
    250,
    200,
)
# A place is named on its own when it had at least this many attacks and this share of its region's.
PLACE_MIN_ATTACKS = 5
# Below these sizes a change is noise, not a key point: "double to 2", a claim line about one attack.
MULTIPLE_MIN_ATTACKS = 6
CLAIMED_MIN_ATTACKS = 3
PLACE_MIN_SHARE = 0.25


@dataclass(frozen=True)
class KeyPoint:
    text: str
    score: int


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def change_phrase(current: int, previous: int | None, previous_label: str, *, style: str = "to") -> str | None:
    """How a figure moved: "double to 30", "down 17% to 58", "up 62% from January", "no change from March".

    None when there is nothing to compare with (the month before the dataset began).
    """
    if previous is None:
        return None
    if current == previous:
        return f"no change from {previous_label}"
    if previous == 0:
        return f"up from none to {current}"
    if current == 0:
        return f"down from {previous} to none"
    if current == 2 * previous:
        return f"double to {current}"
    if current == 3 * previous:
        return f"triple to {current}"
    if 2 * current == previous:
        return f"halve to {current}"
    if 2 * current < previous:
        return f"more than halve to {current}"
    pct = change_pct(current, previous) or 0
    if pct == 0:
        return f"little changed at {current}"
    direction = "up" if current > previous else "down"
    if style == "from":
        return f"{direction} {abs(pct)}% from {previous_label}"
    return f"{direction} {abs(pct)}% to {current}"


def record_phrase(record: str | None) -> str | None:
    if record == "high":
        return "more than in any month to date"
    if record == "low":
        return "the fewest since records began"
    return None


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


class KeyPointWriter:
    """Turns a month's statistics into ranked key-point sentences."""

    def __init__(self, stats: MonthStats, vocab: Vocabularies) -> None:
        self.stats = stats
        self.vocab = vocab
        self.noun = stats.scope.noun
        self.previous_name = stats.month.previous().name
        actors = stats.scope.perpetrators
        self.actor = vocab.actors.label(actors[0]) if len(actors) == 1 else None

    def key_points(self) -> list[str]:
        points = [
            self._headline(),
            *self._regions(),
            *self._place(),
            *self._claimed(),
            *self._casualties(),
            *self._raids(),
            *self._unconfirmed(),
        ]
        ranked = sorted((p for p in points if p), key=lambda p: -p.score)
        return [_sentence(p.text) for p in ranked]

    def _headline(self) -> KeyPoint:
        total, month = self.stats.attacks, self.stats.month
        text = f"{total.count} confirmed {self.noun} across {self.stats.scope.area} in {month.name}"
        if total.previous is None:
            text += ", the first month on record"
        elif total.count == total.previous:
            text += f", the same as {self.previous_name}"
        else:
            trend = "a decrease" if total.count < total.previous else "an increase"
            text += f", {trend} from {self.previous_name}'s {total.previous}"
        record = record_phrase(total.record)
        return KeyPoint(f"{text}, {record}" if record else text, HEADLINE)

    def _regions(self) -> list[KeyPoint]:
        points = []
        for region in self.vocab.regions:
            figure = self.stats.by_region.get(region.key)
            if figure is None:
                continue
            points.append(self._region_point(region.label, figure))
        return points

    def _region_point(self, label: str, figure: Figure) -> KeyPoint:
        if figure.count == 0:
            return KeyPoint(f"no {self.noun} in {label}", NONE_IN_REGION)
        change = change_phrase(figure.count, figure.previous, self.previous_name)
        record = record_phrase(notable_record(figure))
        share = f", {figure.share_pct}% of all {self.noun}" if figure.share_pct and figure.share_pct >= 50 else ""
        big = max(figure.count, figure.previous or 0) >= MULTIPLE_MIN_ATTACKS  # 1 to 2 is not "doubling" news
        multiple = big and change is not None and change.split(" ")[0] in {"double", "triple", "halve", "more"}
        if record or multiple:
            text = f"{self.noun} in {label} {change or f'at {figure.count}'}"
            text = f"{text}, {record}" if record else text
            return KeyPoint(text + share, RECORD if record else MULTIPLE)
        text = f"{plural(figure.count, self.noun[:-1] if self.noun.endswith('s') else self.noun, self.noun)} in {label}"
        if figure.previous is not None and figure.previous != figure.count:
            direction = "down" if figure.count < figure.previous else "up"
            text += f", {direction} from {figure.previous or 'none'}"
        elif figure.previous is not None:
            text += f", the same as {self.previous_name}"
        return KeyPoint(text + share, REGION + abs(figure.change_pct or 0))

    def _place(self) -> list[KeyPoint]:
        if not self.stats.places:
            return []
        place, region, count = self.stats.places[0]
        in_region = self.stats.by_region.get(region or "")
        if count < PLACE_MIN_ATTACKS or (in_region and count < PLACE_MIN_SHARE * in_region.count):
            return []
        return [KeyPoint(f"{count} {self.noun} in {place} alone", PLACE)]

    def _claimed(self) -> list[KeyPoint]:
        """A line per claiming actor; the most active one's also gives the change in all attacks."""
        points = []
        claimed = sorted(self.stats.claimed_by.items(), key=lambda item: (-item[1].count, item[0]))
        for rank, (actor, figure) in enumerate(claimed):
            change = change_phrase(figure.count, figure.previous, self.previous_name)
            if change is None or max(figure.count, figure.previous or 0) < CLAIMED_MIN_ATTACKS:
                continue
            if figure.count == figure.previous:
                change = f"unchanged at {figure.count}"
            text = f"{self._claimed_subject(actor)} {change}"
            total = self.stats.attacks
            overall = change_phrase(total.count, total.previous, self.previous_name)
            if rank == 0 and overall and not self.stats.scope.perpetrators:
                text += f"; all {self.noun} {overall}"
            points.append(KeyPoint(text, CLAIMED + (50 if rank == 0 else 0)))
        return points

    def _claimed_subject(self, actor: str) -> str:
        """ "ISIS-claimed attacks"; "attacks claimed by Ahrar al-Shaab" where a hyphen would garble the name."""
        if self.stats.scope.perpetrators:
            return f"claimed {self.noun}"
        label = self.vocab.actors.label(actor)
        return f"{label}-claimed {self.noun}" if " " not in label else f"{self.noun} claimed by {label}"

    def _casualties(self) -> list[KeyPoint]:
        c = self.stats.casualties
        parts = [
            _casualty_part(c.military_killed, c.military_injured, "military personnel", "military personnel"),
            _casualty_part(c.civilian_killed, c.civilian_injured, "civilian", "civilians"),
        ]
        said = [p for p in parts if p]
        if not said:
            return (
                [KeyPoint(f"no casualties reported in these {self.noun}", CASUALTIES)]
                if self.stats.attacks.count
                else []
            )
        return [KeyPoint(f"{', '.join(said)} in these attacks", CASUALTIES)]

    def _raids(self) -> list[KeyPoint]:
        raids = self.stats.raids
        if raids.count == 0:
            return []
        target = f"{self.actor} sleeper cells" if self.actor else "sleeper cells"
        arrests = plural(self.stats.arrests.count, "arrest")
        text = f"{plural(raids.count, 'raid')} conducted on {target}, resulting in {arrests}"
        if self.stats.suspects_killed:
            member = f"{self.actor} member" if self.actor else "suspect"
            text += f" and {plural(self.stats.suspects_killed, member)} killed"
        return [KeyPoint(text, RAIDS)]

    def _unconfirmed(self) -> list[KeyPoint]:
        points = []
        for item in self.stats.not_counted:
            if item.reason != NOT_CONFIRMED or item.region is None:
                continue
            label = self.vocab.regions.label(item.region)
            confirmed_as = f" as {self.actor} attacks" if self.actor else ""
            verb = "is" if item.count == 1 else "are"
            points.append(
                KeyPoint(
                    f"a further {plural(item.count, 'attack')} in {label} could not be confirmed{confirmed_as} "
                    f"and {verb} not counted",
                    UNCONFIRMED,
                )
            )
        return points


def _casualty_part(killed: int, injured: int, one: str, many: str) -> str | None:
    def noun(count: int) -> str:
        return one if count == 1 else many

    if killed and injured:
        return f"{killed} {noun(killed)} killed and {injured} injured"
    if killed:
        return f"{killed} {noun(killed)} killed"
    if injured:
        return f"{injured} {noun(injured)} injured"
    return None


def key_points(stats: MonthStats, vocab: Vocabularies) -> list[str]:
    """The month's key points, most newsworthy first."""
    return KeyPointWriter(stats, vocab).key_points()
