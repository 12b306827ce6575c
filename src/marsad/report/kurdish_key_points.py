"""The key points in Kurmanji and Sorani, worded from the same facts as the English ones (never translated).

Both write as the region's Kurdish monitors do ("şaneyên DAIŞ ê 14 êrîş … pêk anîne", "شانەکانی داعش 153 هێرشیان
… ئەنجامداوە"): a noun after a figure stays singular in Sorani and takes the plural ezafe in Kurmanji, and the
verb agrees with the count. CLDR gives both languages two forms (one, other); "none" is worded apart, because
Kurdish negates the verb instead ("tu êrîş nehatin tomarkirin", "هیچ هێرشێک تۆمار نەکرا"). The two dialects share
their word order (subject, place, verb), so one class words both from a table of each dialect's words; Sorani,
written right to left, isolates every figure and percentage left to right as the Arabic does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
from marsad.i18n.formats import month_name, percent
from marsad.report.arabic_key_points import ltr

# none, one (CLDR "one"), more (CLDR "other"): "{n}" is the figure
Forms = tuple[str, str, str]


@dataclass(frozen=True)
class Dialect:
    """One dialect's words for the key points; "{x}" marks what the sentence fills in."""

    code: str
    isolate: bool  # figures isolated left to right (right-to-left script)
    area: dict[str, str]
    cells: str  # "{actor}" → the cells of one actor, as the object of a preposition
    any_cells: str  # sleeper cells of no one actor
    attacks: Forms  # bare
    actor_attacks: Forms  # followed by the cells they are of
    confirmed: Forms  # confirmed attacks, followed by the cells they are of
    confirmed_any: Forms  # confirmed attacks of no one actor
    further: Forms  # attacks not counted
    raids: Forms
    arrests: Forms
    members_killed: Forms  # "{actor}" → the actor's members
    recorded: Forms  # the verb after a count: were recorded
    not_counted: Forms  # the verb after a count: were not counted
    noun: str  # "{cells}": the attacks (of the cells), as a subject or object
    any_noun: str  # the attacks of no one actor
    number_of: str  # "{noun}": the number of those attacks, a singular subject
    total: str  # "{count}{month}{area}{verb}"
    in_month: str  # "{month}": during the month, after "{n} "
    in_place: str  # "{place}"
    alone: str  # "{count}{place}"
    first_month: str
    same_as: str  # "{previous}"
    multiple: dict[Move, str]  # "{before}" of the month before
    fraction: dict[Move, str]
    after_none: str  # "{previous}"
    after: str  # "{before}"
    rise: str  # "{before}"
    fall: str
    record: dict[str, str]
    first_time_none: str
    moved: dict[Move, str]  # "{now}", "{before}", "{pct}"
    up_pct: str
    down_pct: str
    up_from: str
    down_from: str
    zero: str
    none_recorded: str  # "{count}{place}{before}": no attacks in a place
    from_none: str  # "{count}{place}{previous}"
    subject_moved: str  # "{subject}{move}"
    share: str  # "{pct}{noun}"
    by_region: str  # "{noun}{regions}"
    none_in: str  # "{regions}"
    or_: str
    and_: str
    comma: str
    semicolon: str
    claimed: str  # "{actor}": attacks the actor claimed, a subject
    all_attacks: str  # "{move}"
    no_casualties: str
    casualties: str  # "{tolls}"
    killed: tuple[Forms, Forms]  # military, civilians
    injured: tuple[Forms, Forms]
    injured_too: Forms  # injured after a killed toll of the same people
    raid_results: str  # "{raids}{cells}{arrests}"
    and_killed: str  # "{killed}"
    unconfirmed: str  # "{further}{place}{verb}{actor}"
    unconfirmed_any: str  # "{further}{place}{verb}"
    not_counted_for: str  # "{further}{place}{verb}{reason}"
    not_counted_list: str  # "{further}{verb}{reasons}"
    reasons: dict[str, str]
    excluded: str

    @property
    def locale(self) -> Locale:
        return Locale.parse({"ku": "ku_TR", "ckb": "ckb_IQ"}[self.code])


def oblique(name: str) -> str:
    """A Kurmanji name after a preposition or in an ezafe: Mijdar → Mijdarê, Reqa → Reqayê, Hesekê stays."""
    if not name or name.endswith(("ê", "î")):
        return name
    return f"{name}{'y' if name[-1] in 'aeiouû' else ''}ê"


_AREAS_KU = {"NES": "herêmên Bakur û Rojhilatê Sûriyê", "North-East Syria": "herêmên Bakur û Rojhilatê Sûriyê"}
_AREAS_CKB = {"NES": "ناوچەکانی باکوور و ڕۆژهەڵاتی سووریا", "North-East Syria": "ناوچەکانی باکوور و ڕۆژهەڵاتی سووریا"}

KURMANJI = Dialect(
    code="ku",
    isolate=False,
    area=_AREAS_KU,
    cells="şaneyên {actor}",
    any_cells="şaneyên razayî",
    attacks=("tu êrîş", "êrîşek", "{n} êrîş"),
    actor_attacks=("tu êrîşên", "êrîşeke", "{n} êrîşên"),
    confirmed=("tu êrîşên piştrastkirî yên", "êrîşeke piştrastkirî ya", "{n} êrîşên piştrastkirî yên"),
    confirmed_any=("tu êrîşên piştrastkirî", "êrîşeke piştrastkirî", "{n} êrîşên piştrastkirî"),
    further=("tu êrîşên din", "êrîşeke din", "{n} êrîşên din"),
    raids=("tu operasyon nehatin kirin", "operasyonek hat kirin", "{n} operasyon hatin kirin"),
    arrests=("tu kes nehat girtin", "kesek hat girtin", "{n} kes hatin girtin"),
    members_killed=("", "endamekî {actor} hat kuştin", "{n} endamên {actor} hatin kuştin"),
    recorded=("nehatin tomarkirin", "hat tomarkirin", "hatin tomarkirin"),
    not_counted=("nehatin hejmartin", "nehat hejmartin", "nehatin hejmartin"),
    noun="êrîşên {cells}",
    any_noun="êrîşan",
    number_of="hejmara {noun}",
    total="Di meha {month} de {count} li {area} {verb}",
    in_month="di meha {month} de",
    in_place="li {place}",
    alone="{count} tenê li {place}",
    first_month=", meha yekem a di tomarê de",
    same_as=", heman hejmara meha {previous}",
    multiple={
        Move.DOUBLE: ", du qatê {before}",
        Move.TRIPLE: ", sê qatê {before}",
        Move.MORE_THAN_DOUBLE: ", ji du qatê {before} zêdetir",
        Move.MORE_THAN_TRIPLE: ", ji sê qatê {before} zêdetir",
    },
    fraction={Move.HALF: ", nîvê {before}", Move.LESS_THAN_HALF: ", ji nîvê {before} kêmtir"},
    after_none=", piştî ku di meha {previous} de tu êrîş nehatibûn tomarkirin",
    after=", piştî {before}",
    rise=", zêdebûnek li gorî {before}",
    fall=", kêmbûnek li gorî {before}",
    record={"high": ", ji her mehê heta niha zêdetir", "low": ", herî kêm ji destpêka tomarkirinê ve"},
    first_time_none=", cara yekem ji destpêka tomarkirinê ve",
    moved={
        Move.SAME: "li ser {now} bê guhertin ma",
        Move.LITTLE_CHANGED: "bi guhertineke biçûk li ser {now} ma",
        Move.DOUBLE: "du qat bû û gihîşt {now}",
        Move.TRIPLE: "sê qat bû û gihîşt {now}",
        Move.MORE_THAN_DOUBLE: "ji du qatî zêdetir bû û gihîşt {now}",
        Move.MORE_THAN_TRIPLE: "ji sê qatî zêdetir bû û gihîşt {now}",
        Move.HALF: "daket {now}, nîvê {before}",
        Move.LESS_THAN_HALF: "daket {now}, ji nîvê {before} kêmtir",
    },
    up_pct="bi rêjeya {pct} zêde bû û gihîşt {now}",
    down_pct="bi rêjeya {pct} kêm bû û daket {now}",
    up_from="ji {before} zêde bû û gihîşt {now}",
    down_from="ji {before} kêm bû û daket {now}",
    zero="sifirê",
    none_recorded="{count} {place} nehatin tomarkirin, piştî {before}",
    from_none="{count} {place}, piştî ku di meha {previous} de tu êrîş nehatibûn tomarkirin",
    subject_moved="{subject} {move}",
    share=", ango {pct} ji hemû {noun}",
    by_region="Belavbûna {noun} li gorî herêman: {regions}",
    none_in="; li {regions} tu êrîş nehatin tomarkirin",
    or_="an",
    and_="û",
    comma=", ",
    semicolon="; ",
    claimed="Hejmara êrîşên ku {actor} berpirsiyariya wan girtiye ser xwe",
    all_attacks="; hejmara hemû êrîşan jî {move}",
    no_casualties="Di van êrîşan de tu kes nehat kuştin û birîndar nebû",
    casualties="Di van êrîşan de {tolls}",
    killed=(
        ("", "leşkerek hat kuştin", "{n} leşker hatin kuştin"),
        ("", "sivîlek hat kuştin", "{n} sivîl hatin kuştin"),
    ),
    injured=(
        ("", "leşkerek birîndar bû", "{n} leşker birîndar bûn"),
        ("", "sivîlek birîndar bû", "{n} sivîl birîndar bûn"),
    ),
    injured_too=("", "yek jî birîndar bû", "{n} jî birîndar bûn"),
    raid_results="Li dijî {cells} {raids}; di encamê de {arrests}",
    and_killed=" û {killed}",
    unconfirmed="{further} {place}{verb}: girêdana wan bi {actor} ve nehat piştrastkirin",
    unconfirmed_any="{further} {place}{verb}: nehatin piştrastkirin",
    not_counted_for="{further} {place}{verb} ({reason})",
    not_counted_list="{further} {verb}: {reasons}",
    reasons={NOT_CONFIRMED: "nepiştrastkirî", OUTSIDE_AREA: "li derveyî herêma şopandinê"},
    excluded="derxistî",
)

SORANI = Dialect(
    code="ckb",
    isolate=True,
    area=_AREAS_CKB,
    cells="شانەکانی {actor}",
    any_cells="شانە نووستووەکان",
    attacks=("هیچ هێرشێک", "یەک هێرش", "{n} هێرش"),
    actor_attacks=("هیچ هێرشێکی", "یەک هێرشی", "{n} هێرشی"),
    confirmed=("هیچ هێرشێکی پشتڕاستکراوەی", "یەک هێرشی پشتڕاستکراوەی", "{n} هێرشی پشتڕاستکراوەی"),
    confirmed_any=("هیچ هێرشێکی پشتڕاستکراوە", "یەک هێرشی پشتڕاستکراوە", "{n} هێرشی پشتڕاستکراوە"),
    further=("هیچ هێرشێکی تر", "هێرشێکی تر", "{n} هێرشی تر"),
    raids=("هیچ ئۆپەراسیۆنێک ئەنجام نەدرا", "یەک ئۆپەراسیۆن ئەنجامدرا", "{n} ئۆپەراسیۆن ئەنجامدران"),
    arrests=("کەس دەستگیر نەکرا", "یەک کەس دەستگیرکرا", "{n} کەس دەستگیرکران"),
    members_killed=("", "ئەندامێکی {actor} کوژرا", "{n} ئەندامی {actor} کوژران"),
    recorded=("تۆمار نەکرا", "تۆمارکرا", "تۆمارکران"),
    not_counted=("نەژمێردران", "نەژمێردرا", "نەژمێردران"),
    noun="هێرشەکانی {cells}",
    any_noun="هێرشەکان",
    number_of="ژمارەی {noun}",
    total="لە مانگی {month}دا {count} لە {area} {verb}",
    in_month="لە {month}دا",
    in_place="لە {place}",
    alone="{count} تەنها لە {place}",
    first_month="، یەکەم مانگی تۆمارکراو",
    same_as="، هەمان ژمارەی {previous}",
    multiple={
        Move.DOUBLE: "، دوو هێندەی {before}",
        Move.TRIPLE: "، سێ هێندەی {before}",
        Move.MORE_THAN_DOUBLE: "، زیاتر لە دوو هێندەی {before}",
        Move.MORE_THAN_TRIPLE: "، زیاتر لە سێ هێندەی {before}",
    },
    fraction={Move.HALF: "، نیوەی {before}", Move.LESS_THAN_HALF: "، کەمتر لە نیوەی {before}"},
    after_none="، دوای ئەوەی لە {previous}دا هیچ هێرشێک تۆمار نەکرابوو",
    after="، دوای {before}",
    rise="، زیادبوون بە بەراورد بە {before}",
    fall="، کەمبوونەوە بە بەراورد بە {before}",
    record={"high": "، زیاترین ژمارە لە هەموو مانگەکان تا ئێستا", "low": "، کەمترین ژمارە لە سەرەتای تۆمارکردنەوە"},
    first_time_none="، بۆ یەکەم جار لە سەرەتای تۆمارکردنەوە",
    moved={
        Move.SAME: "بێ گۆڕان لە {now}دا مایەوە",
        Move.LITTLE_CHANGED: "بە گۆڕانێکی کەم لە {now}دا مایەوە",
        Move.DOUBLE: "دوو هێندە بوو و گەیشتە {now}",
        Move.TRIPLE: "سێ هێندە بوو و گەیشتە {now}",
        Move.MORE_THAN_DOUBLE: "زیاتر لە دوو هێندە بوو و گەیشتە {now}",
        Move.MORE_THAN_TRIPLE: "زیاتر لە سێ هێندە بوو و گەیشتە {now}",
        Move.HALF: "کەمی کرد بۆ {now}، نیوەی {before}",
        Move.LESS_THAN_HALF: "کەمی کرد بۆ {now}، کەمتر لە نیوەی {before}",
    },
    up_pct="بە ڕێژەی {pct} زیادی کرد بۆ {now}",
    down_pct="بە ڕێژەی {pct} کەمی کرد بۆ {now}",
    up_from="لە {before}ەوە زیادی کرد بۆ {now}",
    down_from="لە {before}ەوە کەمی کرد بۆ {now}",
    zero="سفر",
    none_recorded="{count} {place} تۆمار نەکرا، دوای {before}",
    from_none="{count} {place}، دوای ئەوەی لە {previous}دا هیچ هێرشێک تۆمار نەکرابوو",
    subject_moved="{subject} {move}",
    share="، واتە {pct}ی هەموو {noun}",
    by_region="دابەشبوونی {noun} بەپێی ناوچە: {regions}",
    none_in="؛ لە {regions} هیچ هێرشێک تۆمار نەکرا",
    or_="یان",
    and_="و",
    comma="، ",
    semicolon="؛ ",
    claimed="ژمارەی ئەو هێرشانەی {actor} بەرپرسیارێتییان گرتە ئەستۆ",
    all_attacks="؛ ژمارەی هەموو هێرشەکانیش {move}",
    no_casualties="لەم هێرشانەدا هیچ کەسێک نەکوژرا و بریندار نەبوو",
    casualties="لەم هێرشانەدا {tolls}",
    killed=(
        ("", "سەربازێک کوژرا", "{n} سەرباز کوژران"),
        ("", "هاووڵاتییەکی مەدەنی کوژرا", "{n} هاووڵاتیی مەدەنی کوژران"),
    ),
    injured=(
        ("", "سەربازێک بریندار بوو", "{n} سەرباز بریندار بوون"),
        ("", "هاووڵاتییەکی مەدەنی بریندار بوو", "{n} هاووڵاتیی مەدەنی بریندار بوون"),
    ),
    injured_too=("", "یەکێکی تریش بریندار بوو", "{n}ی تریش بریندار بوون"),
    raid_results="دژی {cells} {raids}، لە ئەنجامدا {arrests}",
    and_killed=" و {killed}",
    unconfirmed="{further} {place}{verb}، چونکە پەیوەندییان بە {actor}ەوە پشتڕاست نەکرایەوە",
    unconfirmed_any="{further} {place}{verb}، چونکە پشتڕاست نەکرانەوە",
    not_counted_for="{further} {place}{verb} ({reason})",
    not_counted_list="{further} {verb}: {reasons}",
    reasons={NOT_CONFIRMED: "پشتڕاستنەکراو", OUTSIDE_AREA: "لە دەرەوەی ناوچەی چاودێری"},
    excluded="دەرهێنراو",
)

DIALECTS = {dialect.code: dialect for dialect in (KURMANJI, SORANI)}


class KurdishKeyPoints:
    """Kurmanji or Sorani sentences for one month's facts; the scope's actor names the cells."""

    def __init__(self, month: Month, scope: Scope, vocab: Vocabularies, language: str) -> None:
        self.words = DIALECTS[language]
        self.vocab = vocab.in_language(language)
        self.month = self._month(month)
        self.previous = self._month(month.previous())
        self.area = self.words.area.get(scope.area, scope.area)
        actors = scope.perpetrators
        self.actor = self._name(self.vocab.actors.label(actors[0])) if len(actors) == 1 else None
        self.cells = self.words.cells.format(actor=self.actor) if self.actor else self.words.any_cells
        self.noun = self.words.noun.format(cells=self.cells) if self.actor else self.words.any_noun

    def _name(self, name: str) -> str:
        return oblique(name) if self.words.code == "ku" else name

    def _month(self, month: Month) -> str:
        return self._name(month_name(month.month, self.words.code))

    def figure(self, value: object) -> str:
        return ltr(value) if self.words.isolate else str(value)

    def pct(self, value: int) -> str:
        return self.figure(percent(value, self.words.code))

    def counted(self, count: int, forms: Forms, **names: str) -> str:
        """The count in the CLDR form for it: none worded apart, then one or other ("êrîşek", "11 êrîş")."""
        form = forms[0] if count == 0 else forms[1 if self.words.locale.plural_form(count) == "one" else 2]
        return form.format(n=self.figure(count), **names)

    def sentences(self, points: Sequence[KeyPoint]) -> list[str]:
        return [self.sentence(point.fact) for point in points]

    def sentence(self, fact: KeyFact) -> str:
        text = self._clause(fact)
        return text[0].upper() + text[1:] if text else text  # a no-op in Sorani's script

    def _clause(self, fact: KeyFact) -> str:
        match fact:
            case Total():
                return self._total(fact)
            case RegionMove():
                return self._region_move(fact)
            case RegionSplit():
                return self._region_split(fact)
            case PlaceConcentration():
                place = self._name(place_names().local_name(fact.place, self.words.code))
                return self.words.alone.format(count=self._attacks(fact.count), place=place)
            case ClaimedMove():
                return self._claimed(fact)
            case CasualtyToll():
                return self._casualties(fact)
            case RaidResults():
                return self._raids(fact)
            case NotCountedAttacks():
                return self._not_counted(fact)

    def _attacks(self, count: int) -> str:
        if self.actor:
            return f"{self.counted(count, self.words.actor_attacks)} {self.cells}"
        return self.counted(count, self.words.attacks)

    def _region(self, key: str) -> str:
        return self._name(self.vocab.regions.label(key) if key in self.vocab.regions else key)

    def _in_region(self, key: str) -> str:
        return self.words.in_place.format(place=self._region(key))

    def _before(self, count: int) -> str:
        """ "17 di meha Cotmehê de", "17 لە تشرینی یەکەمدا": the month before's figure."""
        return f"{self.figure(count)} {self.words.in_month.format(month=self.previous)}"

    def _total(self, fact: Total) -> str:
        w = self.words
        if self.actor:
            count = f"{self.counted(fact.count, w.confirmed)} {self.cells}"
        else:
            count = self.counted(fact.count, w.confirmed_any)
        text = w.total.format(month=self.month, count=count, area=self.area, verb=self.counted(fact.count, w.recorded))
        change = fact.change
        if change is None:
            text += w.first_month
        elif change.move is Move.SAME:
            text += w.same_as.format(previous=self.previous)
        elif change.move in w.multiple:
            text += w.multiple[change.move].format(before=self._before(change.previous))
        elif change.move in w.fraction:
            text += w.fraction[change.move].format(before=self._before(change.previous))
        elif change.move is Move.FROM_NONE:
            text += w.after_none.format(previous=self.previous)
        elif change.move is Move.TO_NONE:
            text += w.after.format(before=self._before(change.previous))
        else:
            rise = change.current > change.previous
            text += (w.rise if rise else w.fall).format(before=self._before(change.previous))
        return text + self._record(fact.record, fact.count)

    def _record(self, record: str | None, count: int) -> str:
        if record == "low" and count == 0:
            return self.words.first_time_none
        return self.words.record[record] if record else ""

    def move(self, change: Change) -> str:
        """How a count moved, after its subject: "du qat bû û gihîşt 30", "بە ڕێژەی 17% کەمی کرد بۆ 58"."""
        w = self.words
        now, before = change.current, change.previous
        figures = {
            "now": self.figure(now) if now else w.zero,
            "before": self._before(before),
        }
        if change.move in w.moved:
            return w.moved[change.move].format(**figures)
        rise = now > before
        if change.pct is not None:
            return (w.up_pct if rise else w.down_pct).format(pct=self.pct(abs(change.pct)), **figures)
        figures["before"] = self.figure(before) if before else w.zero
        return (w.up_from if rise else w.down_from).format(**figures)

    def _region_move(self, fact: RegionMove) -> str:
        w, change = self.words, fact.change
        place = self._in_region(fact.region)
        if change and change.move is Move.TO_NONE:
            text = w.none_recorded.format(count=self._attacks(0), place=place, before=self._before(change.previous))
        elif change and change.move is Move.FROM_NONE:
            text = w.from_none.format(count=self._attacks(fact.count), place=place, previous=self.previous)
        elif change:
            subject = f"{w.number_of.format(noun=self.noun)} {place}"
            text = w.subject_moved.format(subject=subject, move=self.move(change))
        else:
            text = f"{self._attacks(fact.count)} {place}"
        text += self._record(fact.record, fact.count)
        return text + (w.share.format(pct=self.pct(fact.share_pct), noun=self.noun) if fact.share_pct else "")

    def _region_counts(self, regions: Sequence[RegionCount]) -> str:
        return self.words.comma.join(
            f"{self.vocab.regions.label(r.region) if r.region in self.vocab.regions else r.region} "
            f"{self.figure(r.count)}" + (f" ({self.pct(r.share_pct)})" if r.share_pct is not None else "")
            for r in regions
        )

    def _join(self, items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return f"{self.words.comma.join(items[:-1])} {self.words.or_} {items[-1]}"

    def _region_split(self, fact: RegionSplit) -> str:
        w = self.words
        text = w.by_region.format(noun=self.noun, regions=self._region_counts(fact.regions))
        if fact.none_in:
            text += w.none_in.format(regions=self._join([self._region(r) for r in fact.none_in]))
        return text

    def _claimed(self, fact: ClaimedMove) -> str:
        w = self.words
        label = self.vocab.actors.label(fact.actor) if fact.actor in self.vocab.actors else fact.actor
        text = w.subject_moved.format(subject=w.claimed.format(actor=self._name(label)), move=self.move(fact.change))
        return text + (w.all_attacks.format(move=self.move(fact.overall)) if fact.overall else "")

    def _casualties(self, fact: CasualtyToll) -> str:
        w = self.words
        if fact.none:
            return w.no_casualties
        tolls = [
            self._toll(fact.military_killed, fact.military_injured, 0),
            self._toll(fact.civilian_killed, fact.civilian_injured, 1),
        ]
        return w.casualties.format(tolls=w.comma.join(t for t in tolls if t))

    def _toll(self, killed: CountRange, injured: CountRange, who: int) -> str | None:
        """The sums of the best estimates, each followed by its range (isolated in Sorani) where it differs."""
        w = self.words
        dead = self.counted(killed.best, w.killed[who]) + self._spread(killed)
        if killed.best and injured.best:
            return f"{dead} {w.and_} {self.counted(injured.best, w.injured_too)}{self._spread(injured)}"
        if killed.best:
            return dead
        if injured.best:
            return self.counted(injured.best, w.injured[who]) + self._spread(injured)
        return None

    def _spread(self, toll: CountRange) -> str:
        return "" if toll.exact else f" ({self.figure(toll.span())})"

    def _raids(self, fact: RaidResults) -> str:
        w = self.words
        text = w.raid_results.format(
            cells=self.cells, raids=self.counted(fact.raids, w.raids), arrests=self.counted(fact.arrests, w.arrests)
        )
        if fact.suspects_killed:
            actor = self.actor or self.words.any_cells
            killed = self.counted(fact.suspects_killed, w.members_killed, actor=actor)
            text += w.and_killed.format(killed=killed)
        return text

    def _not_counted(self, fact: NotCountedAttacks) -> str:
        w = self.words
        further = self.counted(fact.count, w.further)
        verb = self.counted(fact.count, w.not_counted)
        if len(fact.groups) > 1:
            reasons = w.semicolon.join(
                f"{self.figure(group.count)} {w.reasons.get(group.reason or '', group.reason or w.excluded)}"
                + (f" ({self._region_counts(group.regions)})" if group.regions else "")
                for group in fact.groups
            )
            return w.not_counted_list.format(further=further, verb=verb, reasons=reasons)
        group = fact.groups[0]
        whole_in_one = len(group.regions) == 1 and group.regions[0].count == fact.count
        place = f"{self._in_region(group.regions[0].region)} " if whole_in_one else ""
        listed = f" ({self._region_counts(group.regions)})" if group.regions and not whole_in_one else ""
        if group.reason == NOT_CONFIRMED:
            if self.actor:
                return w.unconfirmed.format(further=further, place=place, verb=verb, actor=self.actor) + listed
            return w.unconfirmed_any.format(further=further, place=place, verb=verb) + listed
        reason = group.reason or w.excluded
        return w.not_counted_for.format(further=further, place=place, verb=verb, reason=reason) + listed
