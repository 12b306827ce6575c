"""Kind, type, perpetrator (or the raiding force), claim and target, from how the text tells the event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from marsad.extraction.labels import predicted_labels
from marsad.extraction.pipeline import Extractor, default_extractor

PUBLISHED = dt.date(2023, 11, 30)
FIELDS = ("incident_kind", "attack_type", "perpetrator", "claimed", "target")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return default_extractor()


def read(extractor: Extractor, text: str) -> tuple[Any, ...]:
    found = predicted_labels(extractor.extract(text, published=PUBLISHED), extractor.gazetteer)
    return tuple(found[key] for key in FIELDS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an attack told as the background of a raid is not the event
            "The SDF arrested 3 members of an ISIS cell that attacked a checkpoint last week.",
            ("raid", None, "SDF", None, "ISIS cell members"),
        ),
        (
            "Coalition helicopters landed in the village of Zer, killing three ISIS members.",
            ("raid", None, "coalition", None, "ISIS cell members"),
        ),
        (  # an old mine that killed a shepherd is "other"; one that hit the SDF an attack
            "A landmine left behind by ISIS killed a shepherd in the desert of al-Masrab.",
            ("other", None, "ISIS", None, None),
        ),
        (
            "A landmine hit an SDF vehicle near Shaddadi, killing two fighters.",
            ("attack", "landmine", None, None, "SDF vehicle"),
        ),
        (  # an escape attempt: the force that stopped it
            "The Asayish foiled an escape attempt from al-Hol camp and arrested five women.",
            ("other", None, "Asayish", None, None),
        ),
        ("Two ISIS militants were killed while planting an IED near Thiban.", ("other", None, "ISIS", None, None)),
        (
            "Unknown attackers, believed to be members of the Islamic State (ISIS), shot dead six SDF fighters.",
            ("attack", "armed attack", "suspected ISIS", None, "SDF members"),
        ),
        ("No group has claimed responsibility for the bombing in Qamishli.", ("attack", None, None, False, None)),
        (  # تبنى is the verb "claimed", not the town al-Tibni
            "وتبنى تنظيم داعش الهجوم على حاجز لقسد في بلدة الشحيل.",
            ("attack", None, "ISIS", True, "SDF checkpoint"),
        ),
        (  # the verb first, then its agents
            "أطلق مسلحون مجهولون يستقلون دراجة نارية النار على عنصر من قسد في ذيبان.",
            ("attack", "armed attack", "unknown gunmen", None, None),
        ),
        ("هاجمت خلايا داعش نقطة عسكرية لقسد في بلدة أبو حمام.", ("attack", None, "ISIS cells", None, "SDF post")),
        (  # "the organisation" is ISIS where Amaq speaks
            "وقالت وكالة أعماق إن مسلحي التنظيم استهدفوا عنصرا من قسد في الشحيل.",
            ("attack", "armed attack", "ISIS gunmen", True, None),
        ),
        (
            "A Turkish drone strike killed two Asayish members in Qamishli.",
            ("attack", "drone strike", "Turkish forces", None, "Asayish members"),
        ),
        (
            "The Anti-Terror Forces (HAT), with coalition support, arrested 27 suspects in the countryside of Hasakah.",
            ("raid", None, "HAT with coalition", None, None),
        ),
        (
            "Çekdarên DAIŞê li gundê Zibyan êrîşî xaleke HSDê kirin.",
            ("attack", None, "ISIS gunmen", None, "SDF checkpoint"),
        ),
    ],
)
def test_who_did_what(extractor: Extractor, text: str, expected: tuple[Any, ...]) -> None:
    assert read(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "attack_type"),
    [
        ("Unknown gunmen assassinated an Iraqi civilian in al-Hol camp.", "assassination"),
        ("ISIS members broke into his house and cut off his head with a sharp object.", "execution"),
        ("A man was stabbed to death with a sharp instrument in al-Hol camp.", "other"),
        ("ISIS cells opened fire with machine guns and rocket-propelled grenades on an SDF post.", "armed attack"),
        ("A suicide bomber detonated an explosive-laden truck into the Asayish compound.", "SVBIED"),
        ("انفجرت دراجة نارية مفخخة في سوق منبج.", "motorcycle bomb"),
        ("قُتل عنصر من قسد بانفجار لغم أرضي في ريف دير الزور.", "landmine"),
    ],
)
def test_types_follow_the_codebook(extractor: Extractor, text: str, attack_type: str) -> None:
    assert read(extractor, text)[1] == attack_type


def test_an_armed_attack_in_arabic_names_no_gunmen(extractor: Extractor) -> None:
    """هجوم مسلح is an armed attack: مسلح is its adjective, so ISIS, who claimed it, is the perpetrator (syrianpc.com,
    "داعش يتبنى مقتل عنصرين من قسد شرق سوريا")."""
    text = "تبنى تنظيم الدولة “داعش” مقتل عنصرين من قوات سوريا الديمقراطية “قسد”، بهجوم مسلح شرقي دير الزور."
    assert read(extractor, text)[:4] == ("attack", "armed attack", "ISIS", True)


def test_an_arabic_assassination_names_its_agents_before_the_victims(extractor: Extractor) -> None:
    """radioalkul.com/p322961: اغتال (assassinated) is the word, the unknown gunmen its subject."""
    text = "اغتال مسلحون مجهولون، مساء الأحد، عنصرين من قوات النظام غربي الرقة"
    assert read(extractor, text)[:3] == ("attack", "assassination", "unknown gunmen")


def test_a_force_that_announces_its_own_raid_with_the_coalition_made_it(extractor: Extractor) -> None:
    """kurdistan24.net/en/story/883167: "the SDF said" announces, yet no other force is named but the coalition."""
    text = (
        "The SDF said it dismantled an ISIS cell in eastern Deir al-Zor during a coalition-backed security "
        "operation in Dhiban, killing three members and arresting five others accused of planning attacks."
    )
    assert read(extractor, text)[:3] == ("raid", None, "SDF with coalition")
    text = "The Asayish said that its special forces (HAT) arrested two ISIS members in Hasakah."  # ours
    assert read(extractor, text)[2] == "HAT"


@pytest.mark.parametrize(
    "text",
    [
        # smmsyria.com/2018/09/20/sdf-sustains-casualties-in-fight-against-isis
        "In Deir Ezzor, seven SDF fighters died in a suicide bomber attack near Al Baghur village.",
        "فجر انتحاري نفسه على حاجز لقسد في بلدة هجين",  # ours
        "وفجر الانتحاري نفسه عند حاجز لقسد في هجين",  # ours: the attacker the only dead, still no raid
    ],
)
def test_a_suicide_attack_whose_method_is_not_given_is_other(extractor: Extractor, text: str) -> None:
    assert read(extractor, text)[:2] == ("attack", "other")


def test_a_suicide_car_bomb_stays_an_svbied(extractor: Extractor) -> None:
    assert read(extractor, "A suicide car bomb hit an SDF checkpoint in Hajin.")[:2] == ("attack", "SVBIED")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a headline in the present tense
            "خلايا داعش تهاجم حاجزا لقسد في بلدة الشحيل وتقتل عنصرا",
            ("attack", None, "ISIS cells", None, "SDF checkpoint"),
        ),
        (  # the organisation's cells, ISIS not named otherwise: ISIS cells, not "gunmen"
            "تستهدف خلايا التنظيم نقطة عسكرية لقسد في بلدة البصيرة",
            ("attack", None, "ISIS cells", None, "SDF post"),
        ),
        (  # "ISIS alleged": a claim as much as "announced"
            "زعم تنظيم داعش أن عناصره قتلوا ثلاثة من عناصر قسد في بلدة هجين",
            ("attack", None, "ISIS", True, "SDF members"),
        ),
        (  # باستهداف: the cue with ب written onto it
            "قام مسلحون باستهداف حاجز لقسد في بلدة هجين",
            ("attack", None, "gunmen", None, "SDF checkpoint"),
        ),
    ],
)
def test_arabic_present_tense_proclitics_and_allegations(extractor: Extractor, text: str, expected: tuple[Any]) -> None:
    """Our own sentences, in the forms Arabic outlets write headlines and statements."""
    assert read(extractor, text) == expected


def test_military_police_are_not_the_asayish(extractor: Extractor) -> None:
    """ "military police" is the SDF's, not the Asayish's police: with no force named the target abstains."""
    text = "An unidentified person detonated a bomb near the military police headquarters in Hasakah."
    assert read(extractor, text)[4] is None


@pytest.mark.parametrize(
    ("text", "attack_type"),
    [
        (  # npasyria.com/krd/356: Sorani "they opened fire" with its person ending
            "ژمارەیەك چەكداری نەناسراو ئەمڕۆ سێشەممە تەقەیان لە بازگەیەكی هێزەكانی سوریای دیموكراتی (هەسەدە) كردوە "
            "لە شارۆچكەیەكی رۆژهەڵاتی دێرەزور.",
            "armed attack",
        ),
        (  # bissanfm.com/?p=54794: shot with several bullets
            "ويوم الجمعة الماضي عثر سكان بلدة ذيبان شرق دير الزور على جثة شاب يبلغ من العمر 23 عاماً، مقتولاً بعدة "
            "طلقات نارية في الرأس قرب ضفة نهر الفرات.",
            "armed attack",
        ),
    ],
)
def test_gunfire_in_sorani_and_arabic(extractor: Extractor, text: str, attack_type: str) -> None:
    assert read(extractor, text)[:2] == ("attack", attack_type)


@pytest.mark.parametrize(
    "text",
    [
        "Two children were injured when a war remnant exploded in a field near Raqqa.",
        "An unexplained explosion rocked the town of Hajin, causing material damage.",
        "A fire broke out in an oil well near Hajin, and the cause remains unknown.",
        "انفجار مجهول يهز بلدة هجين دون وقوع إصابات",
    ],
)
def test_war_remnants_and_unexplained_blasts_are_other(extractor: Extractor, text: str) -> None:
    """Our own sentences, by the codebook: remnants of war and explosions or fires of unknown cause are "other"."""
    assert read(extractor, text)[0] == "other"


def test_unknown_before_no_person_names_no_perpetrator(extractor: Extractor) -> None:
    """ "of unknown cause" is not "unknown persons"; "unknown gunmen" still are."""
    text = "An explosion of unknown cause hit an SDF checkpoint in Hajin, killing two fighters."
    assert read(extractor, text)[2] is None
    assert read(extractor, "Unknown gunmen killed an SDF fighter in Hajin.")[2] == "unknown gunmen"


def test_arabic_verb_first_throwers_are_the_perpetrators(extractor: Extractor) -> None:
    """Ours: ألقى (threw) opens a verb-first clause like أطلق: the unknown persons after it threw the grenade."""
    text = "ألقى مجهولون قنبلة يدوية على منزل عنصر من قسد في بلدة هجين."
    assert read(extractor, text)[:3] == ("attack", "grenade", "unknown persons")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("A young man was shot dead by unknown gunmen in Hajin.", "young man"),
        ("Unknown gunmen killed two young men in Hajin.", "young men"),
        ("قتل شاب برصاص مسلحين ملثمين في بلدة هجين.", "young man"),
    ],
)
def test_people_named_by_who_they_are_are_the_target_unclassed(extractor: Extractor, text: str, target: str) -> None:
    """Ours: the target is described as the text does ("a young man"), neither military nor civilian."""
    assert read(extractor, text)[4] == target
    assert labels_breakdown(extractor, text) == {}


def labels_breakdown(extractor: Extractor, text: str) -> dict[str, int]:
    return predicted_labels(extractor.extract(text, published=PUBLISHED), extractor.gazetteer)["killed_breakdown"]


@pytest.mark.parametrize(
    "text",
    [
        "وبث التنظيم إصدارا مرئيا يظهر إعدام عنصر من قسد في بلدة هجين.",
        "وفي بيان للتنظيم، قال إن عناصره قتلوا عنصرين من قسد في بلدة هجين.",
        "ISIS published photos of the execution of an SDF member in Hajin.",
    ],
)
def test_footage_and_statements_that_isis_publishes_are_claims(extractor: Extractor, text: str) -> None:
    """Ours, by the codebook: execution footage or a statement ISIS publishes claims the attack."""
    assert read(extractor, text)[2:4] == ("ISIS", True)
