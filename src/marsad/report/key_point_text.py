"""The key points in English, one sentence per fact, as monitors write them.

"Attacks in Jazira double to 30, more than in any month to date"; "Attacks by region: Deir ez-Zor 8 (73%),
Raqqa 2, Jazira 1"; "up from 3 to 5" (no percentage on a base under 10); "half of January's 20". Labels
come from the vocabulary file. Another language gets its own module over the same facts (analysis.keypoints).
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.analysis.changes import Change, Move
from marsad.analysis.keypoints import (
    CasualtyToll,
    ClaimedMove,
    KeyFact,
    KeyPoint,
    NotCountedAttacks,
    PlaceConcentration,
    RaidResults,
    RegionCount,
    RegionMove,
    RegionSplit,
    Total,
)
from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.ranges import CountRange
from marsad.domain.rules import NOT_CONFIRMED, OUTSIDE_AREA
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import join_words, noun_form, plural, singular_of

_MULTIPLE_WORDS = {
    Move.DOUBLE: "double",
    Move.TRIPLE: "triple",
    Move.MORE_THAN_DOUBLE: "more than double",
    Move.MORE_THAN_TRIPLE: "more than triple",
}
_FRACTION_WORDS = {Move.HALF: "half of", Move.LESS_THAN_HALF: "less than half of"}
_RECORD_WORDS = {"high": "more than in any month to date", "low": "the fewest since records began"}
_REASON_WORDS = {NOT_CONFIRMED: "unconfirmed", OUTSIDE_AREA: "outside the monitored area"}


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


class EnglishKeyPoints:
    """Sentences for one month's facts: the scope names what is counted, the vocabulary names the rest."""

    def __init__(self, month: Month, scope: Scope, vocab: Vocabularies) -> None:
        self.vocab = vocab
        self.noun = scope.noun
        self.area = scope.area
        self.month = month.name
        self.previous = month.previous().name
        actors = scope.perpetrators
        self.actor = vocab.actors.label(actors[0]) if len(actors) == 1 else None

    def sentences(self, points: Sequence[KeyPoint]) -> list[str]:
        return [self.sentence(point.fact) for point in points]

    def sentence(self, fact: KeyFact) -> str:
        return _capitalised(self._clause(fact))

    def _clause(self, fact: KeyFact) -> str:
        match fact:
            case Total():
                return self._total(fact)
            case RegionMove():
                return self._region_move(fact)
            case RegionSplit():
                return self._region_split(fact)
            case PlaceConcentration():
                return f"{self._counted(fact.count)} in {fact.place} alone"
            case ClaimedMove():
                return self._claimed(fact)
            case CasualtyToll():
                return self._casualties(fact)
            case RaidResults():
                return self._raids(fact)
            case NotCountedAttacks():
                return self._not_counted(fact)

    def _counted(self, count: int) -> str:
        """ "1 ISIS sleeper cell attack", "9 ISIS sleeper cell attacks"."""
        return plural(count, singular_of(self.noun), self.noun)

    def _region(self, key: str) -> str:
        return self.vocab.regions.label(key) if key in self.vocab.regions else key

    def _since(self, change: Change) -> str:
        return f"{self.previous}'s {change.previous}"

    def _total(self, fact: Total) -> str:
        if fact.count:
            text = f"{plural(fact.count, 'confirmed ' + singular_of(self.noun), 'confirmed ' + self.noun)}"
        else:
            text = f"no confirmed {self.noun}"
        text += f" across {self.area} in {self.month}"
        change = fact.change
        if change is None:
            text += ", the first month on record"
        elif change.move is Move.SAME:
            text += f", the same as {self.previous}"
        elif change.move in _MULTIPLE_WORDS:
            text += f", {_MULTIPLE_WORDS[change.move]} {self._since(change)}"
        elif change.move in _FRACTION_WORDS:
            text += f", {_FRACTION_WORDS[change.move]} {self._since(change)}"
        elif change.move is Move.FROM_NONE:
            text += f", after none in {self.previous}"
        elif change.move is Move.TO_NONE:
            text += f", after {change.previous} in {self.previous}"
        else:
            text += (
                f", {'an increase' if change.current > change.previous else 'a decrease'} from {self._since(change)}"
            )
        return text + self._record(fact.record, fact.count)

    @staticmethod
    def _record(record: str | None, count: int) -> str:
        if record == "low" and count == 0:
            return ", for the first time since records began"
        return f", {_RECORD_WORDS[record]}" if record else ""

    def move(self, change: Change) -> str:
        """How a count moved, after its subject: "double to 30", "down 17% to 58", "up from 3 to 5"."""
        now, before = change.current, change.previous
        if change.move is Move.SAME:
            return f"unchanged at {now}"
        if change.move is Move.LITTLE_CHANGED:
            return f"little changed at {now}"
        if change.move in _MULTIPLE_WORDS:
            return f"{_MULTIPLE_WORDS[change.move]} to {now}"
        if change.move in _FRACTION_WORDS:
            return f"down to {now}, {_FRACTION_WORDS[change.move]} {self._since(change)}"
        direction = "up" if now > before else "down"
        if change.pct is not None:
            return f"{direction} {abs(change.pct)}% to {now}"
        return f"{direction} from {before or 'none'} to {now or 'none'}"

    def _region_move(self, fact: RegionMove) -> str:
        region, change = self._region(fact.region), fact.change
        if change and change.move is Move.TO_NONE:
            text = f"no {self.noun} in {region}, after {change.previous} in {self.previous}"
        elif change and change.move is Move.FROM_NONE:
            text = f"{self._counted(fact.count)} in {region}, after none in {self.previous}"
        elif change:
            text = f"{self.noun} in {region} {self.move(change)}"
        else:
            text = f"{self._counted(fact.count)} in {region}"
        text += self._record(fact.record, fact.count)
        return text + (f", {fact.share_pct}% of all {self.noun}" if fact.share_pct else "")

    def _region_counts(self, regions: Sequence[RegionCount]) -> str:
        return ", ".join(
            f"{self._region(r.region)} {r.count}" + (f" ({r.share_pct}%)" if r.share_pct is not None else "")
            for r in regions
        )

    def _region_split(self, fact: RegionSplit) -> str:
        text = f"{self.noun} by region: {self._region_counts(fact.regions)}"
        if fact.none_in:
            text += f"; none in {join_words([self._region(r) for r in fact.none_in], 'or')}"
        return text

    def _claimed(self, fact: ClaimedMove) -> str:
        if self.actor:
            subject = f"claimed {self.noun}"
        else:
            label = self.vocab.actors.label(fact.actor) if fact.actor in self.vocab.actors else fact.actor
            # "ISIS-claimed attacks", but "attacks claimed by Ahrar al-Shaab" where a hyphen would garble the name
            subject = f"{label}-claimed {self.noun}" if " " not in label else f"{self.noun} claimed by {label}"
        text = f"{subject} {self.move(fact.change)}"
        return text + (f"; all {self.noun} {self.move(fact.overall)}" if fact.overall else "")

    def _casualties(self, fact: CasualtyToll) -> str:
        if fact.none:
            return f"no casualties reported in these {self.noun}"
        parts = [
            _toll(fact.military_killed, fact.military_injured, "military personnel", "military personnel"),
            _toll(fact.civilian_killed, fact.civilian_injured, "civilian", "civilians"),
        ]
        return f"{', '.join(p for p in parts if p)} in these attacks"

    def _raids(self, fact: RaidResults) -> str:
        target = f"{self.actor} sleeper cells" if self.actor else "sleeper cells"
        arrests = plural(fact.arrests, "arrest", zero="no")
        text = f"{plural(fact.raids, 'raid')} conducted on {target}, resulting in {arrests}"
        if fact.suspects_killed:
            member = f"{self.actor} member" if self.actor else "suspect"
            text += f" and {plural(fact.suspects_killed, member)} killed"
        return text

    def _not_counted(self, fact: NotCountedAttacks) -> str:
        further = f"a further {plural(fact.count, 'attack')}"
        verb = "is" if fact.count == 1 else "are"
        if len(fact.groups) > 1:
            reasons = "; ".join(
                f"{group.count} {_REASON_WORDS.get(group.reason or '', group.reason or 'excluded')}"
                + (f" ({self._region_counts(group.regions)})" if group.regions else "")
                for group in fact.groups
            )
            return f"{further} {verb} not counted: {reasons}"
        group = fact.groups[0]
        whole_in_one = len(group.regions) == 1 and group.regions[0].count == fact.count
        where = f" in {self._region(group.regions[0].region)}" if whole_in_one else ""
        listed = f" ({self._region_counts(group.regions)})" if group.regions and not whole_in_one else ""
        if group.reason == NOT_CONFIRMED:
            confirmed_as = f" as {self.actor} attacks" if self.actor else ""
            return f"{further}{where} could not be confirmed{confirmed_as} and {verb} not counted{listed}"
        return f"{further}{where} {verb} not counted ({group.reason or 'excluded'}){listed}"


def _toll(killed: CountRange, injured: CountRange, one: str, many: str) -> str | None:
    """ "7 civilians killed (5–9) and 2 injured": the sums of the best estimates, each range where it differs."""
    dead = f"{killed.best} {noun_form(killed.best, one, many)} killed{_spread(killed)}"
    if killed.best and injured.best:
        return f"{dead} and {injured.best} injured{_spread(injured)}"
    if killed.best:
        return dead
    if injured.best:
        return f"{injured.best} {noun_form(injured.best, one, many)} injured{_spread(injured)}"
    return None


def _spread(toll: CountRange) -> str:
    return "" if toll.exact else f" ({toll.span()})"
