"""Person nouns in English, Arabic, Kurmanji and Sorani, by what they say of who a person is: a role by
itself (fighters are military, civilians civilian, militants the attackers), or one an affiliation decides
("members" of the SDF or of ISIS), and their grammatical number (singular, Arabic dual, plural).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extraction.text import normalise_word

MILITARY, CIVILIAN, PERPETRATOR = "military", "civilian", "perpetrator"
SINGULAR, DUAL, PLURAL, DUAL_OR_PLURAL = 1, 2, 0, 3


@dataclass(frozen=True, slots=True)
class Noun:
    """A person noun: its role by itself (None: it depends on the affiliation, or is never classed), its
    grammatical number, and whether an affiliation decides its role ("members" of the SDF or of ISIS)."""

    role: str | None
    number: int
    affiliated: bool = False


def _table(entries: dict[tuple[str | None, int, bool], str], sorani: bool = False) -> dict[str, Noun]:
    table: dict[str, Noun] = {}
    for (role, number, affiliated), words in entries.items():
        for word in words.split():
            table[normalise_word(word, sorani)] = Noun(role, number, affiliated)
    return table


ENGLISH_NOUNS = _table(
    {
        (MILITARY, SINGULAR, False): "fighter soldier trooper commander officer guard policeman conscript recruit "
        "combatant militiaman serviceman comrade",
        (MILITARY, PLURAL, False): "fighters soldiers troops troopers commanders officers guards policemen police "
        "conscripts recruits combatants militiamen servicemen personnel comrades",
        (None, SINGULAR, True): "member element operative",
        (None, PLURAL, True): "members elements operatives",
        (CIVILIAN, SINGULAR, False): "civilian refugee child woman girl boy resident citizen shepherd farmer displaced",
        (CIVILIAN, PLURAL, False): "civilians refugees children women girls boys residents citizens shepherds farmers",
        (PERPETRATOR, SINGULAR, False): "militant attacker assailant gunman jihadist terrorist bomber emir facilitator",
        (PERPETRATOR, PLURAL, False): "militants attackers assailants gunmen jihadists terrorists bombers emirs "
        "facilitators",
        (None, SINGULAR, False): "person man youth individual official employee driver worker sheikh mukhtar "
        "teacher doctor brother relative leader head suspect nurse engineer contractor journalist dignitary "
        "notable aide assistant son companion associate deputy expert deminer",
        (None, PLURAL, False): "people persons men youths individuals officials employees drivers workers "
        "sheikhs teachers doctors brothers relatives leaders suspects others nurses engineers contractors "
        "journalists dignitaries notables aides assistants sons companions associates deputies experts deminers",
    }
)
ARABIC_NOUNS = _table(
    {
        (None, SINGULAR, True): "عنصر عنصرا فرد فردا عضو عضوا",
        (None, PLURAL, True): "عناصر أفراد أعضاء",
        (None, DUAL, True): "عنصران عنصرين فردين فردان عضوين عضوان",
        (MILITARY, SINGULAR, False): "مقاتل مقاتلا مقاتلة جندي جنديا حارس حارسا قيادي قياديا ضابط ضابطا شرطي "
        "عسكري عسكريا مجند",
        (MILITARY, PLURAL, False): "مقاتلون مقاتلات جنود حراس ضباط عسكريون مقاتلي عسكريي",
        (MILITARY, DUAL_OR_PLURAL, False): "مقاتلين قياديين عسكريين مجندين",
        (MILITARY, DUAL, False): "مقاتلان مقاتلتين مقاتلتان جنديين جنديان حارسين حارسان ضابطين ضابطان",
        (CIVILIAN, SINGULAR, False): "مدني مدنيا طفل طفلا طفلة امرأة سيدة لاجئ لاجئا لاجئة راعي راع راعيا مواطن مواطنا "
        "مواطنة فتاة فتى نازح نازحا",
        (CIVILIAN, PLURAL, False): "مدنيون أطفال نساء لاجئون رعاة مواطنون",
        (CIVILIAN, DUAL_OR_PLURAL, False): "مدنيين لاجئين مواطنين نازحين",
        (CIVILIAN, DUAL, False): "مدنيان طفلين طفلان امرأتين امرأتان راعيين فتاتين",
        (PERPETRATOR, SINGULAR, False): "مسلح مسلحا مهاجم مهاجما انتحاري انتحاريا إرهابي إرهابيا",
        (PERPETRATOR, PLURAL, False): "مسلحون مسلحو مسلحي مهاجمو مهاجمي",
        (PERPETRATOR, DUAL_OR_PLURAL, False): "مسلحين مهاجمين انتحاريين إرهابيين",
        (PERPETRATOR, DUAL, False): "مسلحان",
        (None, SINGULAR, False): "شخص شخصا شاب شابا رجل رجلا موظف موظفا عامل عاملا مختار مسؤول مسؤولا شيخ "
        "سائق سائقا أمير أميرا متهم متهما مطلوب مطلوبا مشتبه آخر المدعو",
        (None, PLURAL, False): "أشخاص شبان رجال موظفون موظفي عمال شيوخ أمراء آخرون",
        (None, DUAL_OR_PLURAL, False): "موظفين عاملين مسؤولين سائقين متهمين مطلوبين آخرين",
        (None, DUAL, False): "شخصين شخصان شابين شابان رجلين رجلان موظفان أميرين أميران آخران",
    }
)
KURMANJI_NOUNS = _table(
    {
        (MILITARY, SINGULAR, False): "şervan leşker pêşmerge polîs fermandar cengawer",
        (None, SINGULAR, True): "endam",
        (CIVILIAN, SINGULAR, False): "sivîl welatî zarok jin keç şivan penaber",
        (PERPETRATOR, SINGULAR, False): "çete çekdar terorîst serçete",
        (None, SINGULAR, False): "kes bira xort mêr karmend berpirs şikdar gumanbar",
    }
)
SORANI_NOUNS = _table(
    {
        (MILITARY, SINGULAR, False): "شەڕڤان سەرباز پۆلیس پێشمەرگە هێز",
        (None, SINGULAR, True): "ئەندام",
        (CIVILIAN, SINGULAR, False): "مەدەنی سڤیل هاووڵاتی منداڵ ژن",
        (PERPETRATOR, SINGULAR, False): "چەکدار تیرۆریست",
        (None, SINGULAR, False): "کەس تۆمەتبار گومانلێکراو داواکراو",
    },
    sorani=True,
)
