"""The key points in Arabic, worded from the same facts as the English ones (never translated from them).

As the region's monitors write: "11 هجوماً مؤكداً لخلايا داعش في مناطق شمال وشرق سوريا خلال تشرين الثاني، بانخفاض
عن 17 في تشرين الأول". A count and its noun agree by CLDR's six Arabic plural forms (zero, one, two, few: 3–10,
many: 11–99, other: 100 and more and round hundreds), months are the Levantine ones (ar_SY), figures stay in
Latin digits, and every figure, percentage and range is wrapped in a left-to-right isolate so a right-to-left
paragraph never reorders it.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale

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
from marsad.gazetteer.gazetteer import place_names

LOCALE = Locale.parse("ar_SY")
# Left-to-right isolate (U+2066) … pop directional isolate (U+2069): "(64%)" and "2023-11" keep their order.
LRI, PDI = "\u2066", "\u2069"

# zero, one, two, few (3–10), many (11–99), other (100+): "{n}" is the figure
Forms = tuple[str, str, str, str, str, str]
ATTACKS: Forms = ("لا هجمات", "هجوم واحد", "هجومان", "{n} هجمات", "{n} هجوماً", "{n} هجوم")
CONFIRMED_ATTACKS: Forms = (
    "لا هجمات مؤكدة",
    "هجوم واحد مؤكد",
    "هجومان مؤكدان",
    "{n} هجمات مؤكدة",
    "{n} هجوماً مؤكداً",
    "{n} هجوم مؤكد",
)
FURTHER_ATTACKS: Forms = (
    "لا هجمات إضافية",
    "هجوم إضافي واحد",
    "هجومان إضافيان",
    "{n} هجمات إضافية",
    "{n} هجوماً إضافياً",
    "{n} هجوم إضافي",
)
RAIDS: Forms = ("لا مداهمات", "مداهمة واحدة", "مداهمتان", "{n} مداهمات", "{n} مداهمةً", "{n} مداهمة")
ARRESTS: Forms = (
    "دون أي اعتقال",
    "اعتقال شخص واحد",
    "اعتقال شخصين",
    "اعتقال {n} أشخاص",
    "اعتقال {n} شخصاً",
    "اعتقال {n} شخص",
)
MEMBERS: Forms = ("لا أحد", "عنصر واحد", "عنصرين", "{n} عناصر", "{n} عنصراً", "{n} عنصر")
_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_AREAS = {"NES": "مناطق شمال وشرق سوريا", "North-East Syria": "مناطق شمال وشرق سوريا"}
_MULTIPLE = {
    Move.DOUBLE: "ضعف",
    Move.TRIPLE: "ثلاثة أضعاف",
    Move.MORE_THAN_DOUBLE: "أكثر من ضعف",
    Move.MORE_THAN_TRIPLE: "أكثر من ثلاثة أضعاف",
}
_MULTIPLE_VERB = {
    Move.DOUBLE: "تتضاعف إلى",
    Move.TRIPLE: "تتضاعف ثلاث مرات إلى",
    Move.MORE_THAN_DOUBLE: "ترتفع إلى أكثر من الضعف لتبلغ",
    Move.MORE_THAN_TRIPLE: "ترتفع إلى أكثر من ثلاثة أضعاف لتبلغ",
}
_FRACTION = {Move.HALF: "نصف", Move.LESS_THAN_HALF: "أقل من نصف"}
_RECORD = {"high": "وهو أعلى عدد في أي شهر حتى الآن", "low": "وهو الأدنى منذ بدء التوثيق"}
_REASONS = {NOT_CONFIRMED: "غير مؤكدة", OUTSIDE_AREA: "خارج منطقة الرصد"}


def ltr(text: object) -> str:
    """A figure, percentage, date or range isolated left to right inside Arabic text."""
    return f"{LRI}{text}{PDI}"


def counted(count: int, forms: Forms) -> str:
    """The count with its noun in the CLDR form for it: 1 هجوم واحد, 2 هجومان, 3 هجمات, 11 هجوماً, 100 هجوم."""
    form = forms[_CATEGORIES.index(LOCALE.plural_form(count))]
    return form.format(n=ltr(count))


def _join(items: Sequence[str], last: str = "و") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{'، '.join(items[:-1])} {last}{'' if last == 'و' else ' '}{items[-1]}"


class ArabicKeyPoints:
    """Arabic sentences for one month's facts; the scope's actor names the cells ("خلايا داعش")."""

    def __init__(self, month: Month, scope: Scope, vocab: Vocabularies) -> None:
        self.vocab = vocab.in_language("ar")
        self.month = self._month(month)
        self.previous = self._month(month.previous())
        self.area = _AREAS.get(scope.area, scope.area)
        actors = scope.perpetrators
        self.actor = self.vocab.actors.label(actors[0]) if len(actors) == 1 else None
        self.of_actor = f" لخلايا {self.actor}" if self.actor else ""
        self.noun = f"هجمات خلايا {self.actor}" if self.actor else "الهجمات"

    @staticmethod
    def _month(month: Month) -> str:
        return str(LOCALE.months["stand-alone"]["wide"][month.month])

    def sentences(self, points: Sequence[KeyPoint]) -> list[str]:
        return [self.sentence(point.fact) for point in points]

    def sentence(self, fact: KeyFact) -> str:
        match fact:
            case Total():
                return self._total(fact)
            case RegionMove():
                return self._region_move(fact)
            case RegionSplit():
                return self._region_split(fact)
            case PlaceConcentration():
                return f"{counted(fact.count, ATTACKS)} في {self._place(fact.place)} وحدها"
            case ClaimedMove():
                return self._claimed(fact)
            case CasualtyToll():
                return self._casualties(fact)
            case RaidResults():
                return self._raids(fact)
            case NotCountedAttacks():
                return self._not_counted(fact)

    @staticmethod
    def _place(name: str) -> str:
        return place_names().local_name(name, "ar")

    def _region(self, key: str) -> str:
        return self.vocab.regions.label(key) if key in self.vocab.regions else key

    def _in_previous(self, count: int) -> str:
        return f"{ltr(count)} في {self.previous}"

    def _total(self, fact: Total) -> str:
        text = f"{counted(fact.count, CONFIRMED_ATTACKS)}{self.of_actor} في {self.area} خلال {self.month}"
        change = fact.change
        if change is None:
            text += "، وهو أول شهر في السجل"
        elif change.move is Move.SAME:
            text += f"، وهو العدد نفسه المسجّل في {self.previous}"
        elif change.move in _MULTIPLE:
            text += f"، أي {_MULTIPLE[change.move]} {self._in_previous(change.previous)}"
        elif change.move in _FRACTION:
            text += f"، أي {_FRACTION[change.move]} {self._in_previous(change.previous)}"
        elif change.move is Move.FROM_NONE:
            text += f"، بعد عدم تسجيل أي هجوم في {self.previous}"
        elif change.move is Move.TO_NONE:
            text += f"، بعد {self._in_previous(change.previous)}"
        else:
            direction = "بارتفاع" if change.current > change.previous else "بانخفاض"
            text += f"، {direction} عن {self._in_previous(change.previous)}"
        return text + self._record(fact.record, fact.count)

    @staticmethod
    def _record(record: str | None, count: int) -> str:
        if record == "low" and count == 0:
            return "، للمرة الأولى منذ بدء التوثيق"
        return f"، {_RECORD[record]}" if record else ""

    def move(self, change: Change) -> str:
        """How a count moved, after its subject: "تتضاعف إلى 30", "تنخفض بنسبة 17% إلى 58", "ترتفع من 3 إلى 5"."""
        now, before = change.current, change.previous
        if change.move is Move.SAME:
            return f"دون تغيير عند {ltr(now)}"
        if change.move is Move.LITTLE_CHANGED:
            return f"بتغيّر طفيف عند {ltr(now)}"
        if change.move in _MULTIPLE_VERB:
            return f"{_MULTIPLE_VERB[change.move]} {ltr(now)}"
        if change.move in _FRACTION:
            return f"تنخفض إلى {ltr(now)}، أي {_FRACTION[change.move]} {self._in_previous(before)}"
        verb = "ترتفع" if now > before else "تنخفض"
        if change.pct is not None:
            return f"{verb} بنسبة {ltr(f'{abs(change.pct)}%')} إلى {ltr(now)}"
        return f"{verb} من {ltr(before) if before else 'صفر'} إلى {ltr(now) if now else 'صفر'}"

    def _region_move(self, fact: RegionMove) -> str:
        region, change = self._region(fact.region), fact.change
        if change and change.move is Move.TO_NONE:
            text = f"لا {self.noun} في {region}، بعد {self._in_previous(change.previous)}"
        elif change and change.move is Move.FROM_NONE:
            text = (
                f"{counted(fact.count, ATTACKS)}{self.of_actor} في {region}، بعد عدم تسجيل أي منها في {self.previous}"
            )
        elif change:
            text = f"{self.noun} في {region} {self.move(change)}"
        else:
            text = f"{counted(fact.count, ATTACKS)}{self.of_actor} في {region}"
        text += self._record(fact.record, fact.count)
        return text + (f"، أي {ltr(f'{fact.share_pct}%')} من مجمل {self.noun}" if fact.share_pct else "")

    def _region_counts(self, regions: Sequence[RegionCount]) -> str:
        return "، ".join(
            f"{self._region(r.region)} {ltr(r.count)}"
            + (f" ({ltr(f'{r.share_pct}%')})" if r.share_pct is not None else "")
            for r in regions
        )

    def _region_split(self, fact: RegionSplit) -> str:
        text = f"توزّع {self.noun} حسب المنطقة: {self._region_counts(fact.regions)}"
        if fact.none_in:
            text += f"؛ ولم يُسجَّل أي منها في {_join([self._region(r) for r in fact.none_in], 'أو')}"
        return text

    def _claimed(self, fact: ClaimedMove) -> str:
        if self.actor:
            subject = f"{self.noun} المتبنّاة"
        else:
            label = self.vocab.actors.label(fact.actor) if fact.actor in self.vocab.actors else fact.actor
            subject = f"الهجمات التي تبنّاها {label}"
        text = f"{subject} {self.move(fact.change)}"
        return text + (f"؛ ومجمل الهجمات {self.move(fact.overall)}" if fact.overall else "")

    def _casualties(self, fact: CasualtyToll) -> str:
        if fact.none:
            return f"لم تُسجَّل أي إصابات في {self.noun} هذه"
        parts = [
            _toll(fact.military_killed, fact.military_injured, "العسكريين"),
            _toll(fact.civilian_killed, fact.civilian_injured, "المدنيين"),
        ]
        return f"{'، و'.join(p for p in parts if p)} في هذه الهجمات"

    def _raids(self, fact: RaidResults) -> str:
        target = f"خلايا {self.actor}" if self.actor else "الخلايا النائمة"
        text = f"تنفيذ {counted(fact.raids, RAIDS)} ضد {target}، أسفرت عن {counted(fact.arrests, ARRESTS)}"
        if fact.suspects_killed:
            of = f"من {self.actor}" if self.actor else "من المشتبه بهم"
            text += f" ومقتل {counted(fact.suspects_killed, MEMBERS)} {of}"
        return text

    def _not_counted(self, fact: NotCountedAttacks) -> str:
        further = counted(fact.count, FURTHER_ATTACKS)
        if len(fact.groups) > 1:
            reasons = "؛ ".join(
                f"{ltr(group.count)} {_REASONS.get(group.reason or '', group.reason or 'مستبعدة')}"
                + (f" ({self._region_counts(group.regions)})" if group.regions else "")
                for group in fact.groups
            )
            return f"{further} لم تُحتسب: {reasons}"
        group = fact.groups[0]
        whole_in_one = len(group.regions) == 1 and group.regions[0].count == fact.count
        where = f" في {self._region(group.regions[0].region)}" if whole_in_one else ""
        listed = f" ({self._region_counts(group.regions)})" if group.regions and not whole_in_one else ""
        if group.reason == NOT_CONFIRMED:
            as_actor = f" نسبتها إلى {self.actor}" if self.actor else "ها"
            return f"{further}{where} لم يتسنَّ تأكيد{as_actor}، ولم تُحتسب{listed}"
        return f"{further}{where} لم تُحتسب ({group.reason or 'مستبعدة'}){listed}"


def _toll(killed: CountRange, injured: CountRange, who: str) -> str | None:
    """ "مقتل 7 (5–9) من المدنيين": the sums of the best estimates, each range (isolated) where it differs."""
    if killed.best and injured.best:
        return f"مقتل {_figure(killed)} من {who} وإصابة {_figure(injured)}"
    if killed.best:
        return f"مقتل {_figure(killed)} من {who}"
    if injured.best:
        return f"إصابة {_figure(injured)} من {who}"
    return None


def _figure(toll: CountRange) -> str:
    return ltr(toll.best) if toll.exact else f"{ltr(toll.best)} ({ltr(toll.span())})"
