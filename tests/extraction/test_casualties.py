"""Killed, injured and arrested, and who they were, read the way monitors write them in four languages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from marsad.extraction.labels import predicted_labels
from marsad.extraction.nouns import CIVILIAN, MILITARY, PERPETRATOR
from marsad.extraction.people import person_noun, read_group
from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.extraction.text import normalise_word, tokenise

PUBLISHED = dt.date(2023, 11, 30)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return default_extractor()


def counts(extractor: Extractor, text: str) -> tuple[Any, ...]:
    found = predicted_labels(extractor.extract(text, published=PUBLISHED), extractor.gazetteer)
    return found["killed"], found["injured"], found["killed_breakdown"], found["arrested"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An SDF member was shot dead by unknown gunmen in Hajin.", (1, None, {"military": 1}, None)),
        (
            "The attack left two members of the checkpoint dead, while the gunmen fled.",
            (2, None, {"military": 2}, None),
        ),
        (
            "Unknown attackers shot dead on Sunday six fighters of the SDF on the Khourafi road.",
            (6, None, {"military": 6}, None),
        ),
        (
            "A fighter of the SDF was killed and another was wounded when ISIS cells attacked a checkpoint in Thiban.",
            (1, 1, {"military": 1}, None),
        ),
        (  # AANES employees are counted, not classed; "including X" is the same people
            "Seven employees of the AANES, including al-Hamish, were killed and four others were wounded.",
            (7, 4, {}, None),
        ),
        (  # a sum-up of the year is not the incident's toll
            "Since early 2022, ISIS attacks have left 91 people dead. On Sunday, gunmen killed a civilian in Hajin.",
            (1, None, {"civilian": 1}, None),
        ),
        (
            "ISIS cells published leaflets that threaten to kill 39 civilians in al-Hasin village.",
            (None, None, {}, None),
        ),
        (  # killed and wounded together give neither
            "The explosion left eight SDF members between killed and wounded near Tel Osman village.",
            (None, None, {}, None),
        ),
        (  # the attacker who blew himself up is killed, never military or civilian
            "A suicide bomber blew himself up near a military vehicle in Manbij, wounding eight people.",
            (1, 8, {}, None),
        ),
        ("The SDF managed to arrest two ISIS members in Hajin.", (None, None, {}, 2)),
        ("The operation resulted in the arrest of five suspects, including a cell leader.", (None, None, {}, 5)),
        ("The HAT arrested the two suspects in Raqqa.", (None, None, {}, 2)),
    ],
)
def test_english(extractor: Extractor, text: str, expected: tuple[Any, ...]) -> None:
    assert counts(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # two government soldiers "and another, a civilian"
            "قُتل عنصران من القوات الحكومية، وآخر مدنيّ، السبت، برصاص مسلحين مجهولين شرقي دير الزور.",
            (3, None, {"military": 2, "civilian": 1}, None),
        ),
        (  # "lost their lives", the dual, and the day between the two halves of the verb
            "فقد عنصران من قوات سوريا الديمقراطية “قسد”، الجمعة، حياتهما برصاص مسلحين مجهولين ببلدة الشحيل.",
            (2, None, {"military": 2}, None),
        ),
        (  # "led to his death": one, the SDF member named before
            "أطلق مجهولون النار على أحد عناصر قسد في بلدة ذيبان ما أدى لوفاته على الفور.",
            (1, None, {"military": 1}, None),
        ),
        (
            "أسفر الهجوم عن استشهاد اثنين من أعضاء قواتنا، وإصابة اثنين آخرين، بالإضافة إلى إصابة أحد المدنيين.",
            (2, 3, {"military": 2}, None),
        ),
        (
            "قتل مدنيان وأصيب اثنان آخران بينهم طفل بانفجار عبوة ناسفة في ريف الرقة الشرقي.",
            (2, 2, {"civilian": 2}, None),
        ),
        (  # مقاتلين is two or more: the codebook leaves it empty
            "قتلوا مقاتلين لقوات سوريا الديمقراطية في هجوم على حاجز قرب البصيرة.",
            (None, None, {}, None),
        ),
        ("ألقت قوات سوريا الديمقراطية القبض على شخصين بتهمة الانتماء لخلايا داعش.", (None, None, {}, 2)),
        ("أطلق مسلحون مجهولون النار على حاجز لقسد ما أدى لإصابة عنصرين", (None, 2, {}, None)),
        (  # "and" written onto the number: the second group counts too
            "مقتل 5 مدنيين و3 عناصر من قسد بهجوم لخلايا داعش في الشحيل",
            (8, None, {"civilian": 5, "military": 3}, None),
        ),
        ("قتل عنصران من قسد و٣ مدنيين بانفجار لغم في ريف دير الزور", (5, None, {"military": 2, "civilian": 3}, None)),
    ],
)
def test_arabic(extractor: Extractor, text: str, expected: tuple[Any, ...]) -> None:
    assert counts(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Di êrîşê de 3 şervanên HSDê jiyana xwe ji dest dan û 2 şervan jî birîndar bûn.",
            (3, 2, {"military": 3}, None),
        ),
        ("Hêzên Asayîşê li Hesekê 5 endamên DAIŞê girtin.", (None, None, {}, 5)),
        (  # Sorani: six members and one ISIS gunman
            "شەش ئەندامی هێزەکانی هەسەدە لەو هێرشەدا کوژران و چەکدارێکی داعشیش کوژرا.",
            (7, None, {"military": 6}, None),
        ),
        ("هێزەکانی هەسەدە پێنج تۆمەتباریان لە گوندی حەوایج دەستگیرکرد.", (None, None, {}, 5)),
    ],
)
def test_kurdish(extractor: Extractor, text: str, expected: tuple[Any, ...]) -> None:
    assert counts(extractor, text) == expected


def test_a_group_is_a_count_and_who_they_are() -> None:
    def group(text: str, language: str) -> tuple[int | None, str | None]:
        tokens = tokenise(text, language).norms
        found = read_group(tokens, 0, len(tokens), language)
        assert found is not None, text
        return found.count, found.role

    assert group("four members of the Internal Security Forces", "en") == (4, MILITARY)
    assert group("two ISIS militants", "en") == (2, PERPETRATOR)
    assert group("an Iraqi refugee", "en") == (1, CIVILIAN)
    assert group("عنصر لتنظيم داعش", "ar") == (1, PERPETRATOR)
    assert group("مدنيين اثنين", "ar") == (2, CIVILIAN)  # the number after the noun
    assert group("şervanekî HSDê", "kmr") == (1, MILITARY)
    assert person_noun(normalise_word("مقاتلين")) is not None
    assert read_group(["several", "fighters"], 0, 2).vague  # type: ignore[union-attr]


def test_the_attack_that_hurt_them_does_not_make_the_wounded_its_attackers(extractor: Extractor) -> None:
    """ "4 others were wounded in an attack by ISIS cells": the cause of the wounds, not who the four are."""
    text = "قتل 5 عناصر من قسد و3 مدنيين وأصيب 4 آخرون في هجوم لخلايا داعش في الشحيل"
    found = {name: s.value for name, s in extractor.extract(text, published=PUBLISHED).suggestions.items()}
    assert (found["killed"], found["military_killed"], found["civilian_killed"], found["injured"]) == (8, 5, 3, 4)
    assert "perpetrators_injured" not in found
    fighters = extractor.extract("مقتل عنصرين من خلايا داعش في هجوم على حاجز لقسد", published=PUBLISHED)
    assert fighters.suggestions["perpetrators_killed"].value == 2  # whose the dead are is still read before it


def test_an_arabic_verb_first_clause_counts_its_object_not_its_subject(extractor: Extractor) -> None:
    """Verb, subject, object: the unknown gunmen are who killed, the two members whom (radioalkul.com/p322961)."""
    text = "اغتال مسلحون مجهولون، مساء الأحد، عنصرين من قوات النظام غربي الرقة"
    assert counts(extractor, text) == (2, None, {"military": 2}, None)
    text = "قتل مسلحون مجهولون عنصرا من قسد في بلدة هجين"  # our own, without the commas
    assert counts(extractor, text) == (1, None, {"military": 1}, None)


def test_arabic_counted_nouns_in_the_accusative_are_people(extractor: Extractor) -> None:
    """Numbers from 11 to 99 take the accusative: "39 فرداً" are 39 people (npasyria.com/67647)."""
    text = "والخميس الفائت, ألقت قوت سوريا الديمقراطية، القبض على 39 فرداً لخلية تابعة لتنظيم “داعش”"
    assert counts(extractor, text)[3] == 39
    assert counts(extractor, "اعتقلت قوى الأمن الداخلي 12 عضواً في خلية لداعش بالرقة")[3] == 12


def test_the_apprehension_of_people_is_an_arrest(extractor: Extractor) -> None:
    """syrianobserver.com/foreign-actors/killed-a-man-and-his-son-u-s-airdrop-in-northern-countryside-of-deir-ez-zor"""
    text = "The sources mentioned the apprehension of three individuals present at the house during the operation."
    assert counts(extractor, text) == (None, None, {}, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Asayish arrested an ISIS cell consisting of four members in Raqqa.", (None, None, {}, 4)),
        ("Counter-terrorism units arrested a cell of three people in Tabqa.", (None, None, {}, 3)),
        ("The SDF took two ISIS suspects into custody in Hajin.", (None, None, {}, 2)),
        ("The SDF arrested a man and his son in Hajin.", (None, None, {}, 2)),
        ("The SDF arrested an ISIS leader and two of his aides in Shuhail.", (None, None, {}, 3)),
        ("The SDF arrested 3 ISIS members and killed a fourth in the town of Thiban.", (1, None, {}, 3)),
    ],
)
def test_a_cells_size_a_fourth_and_custody_are_counts(extractor: Extractor, text: str, expected: tuple[Any]) -> None:
    """Our own sentences, in the ways raid reports count: a cell "of three", "a fourth" one more, "took … into
    custody"; in a raid the one killed is a suspect, so the raid stays a raid."""
    assert counts(extractor, text) == expected
    assert labels_of(extractor, text)["incident_kind"] == "raid"


def test_an_unlisted_kind_of_person_still_joins_the_victims(extractor: Extractor) -> None:
    """syriacpress.com/blog/2020/07/22/…-two-members-of-sdf-and-french-mine-expert-killed-by-landmine-…"""
    text = (
        "Two Syrian Democratic Forces (SDF) members and a French mine expert were killed when a landmine exploded "
        "in the village of Al-Muweleh in the western countryside of Raqqa city."
    )
    assert counts(extractor, text) == (3, None, {"military": 2}, None)


def labels_of(extractor: Extractor, text: str) -> dict[str, Any]:
    return predicted_labels(extractor.extract(text, published=PUBLISHED), extractor.gazetteer)


@pytest.mark.parametrize(
    ("text", "breakdown"),
    [
        ("Gunmen attacked an SDF checkpoint in Hajin, killing two members.", {"military": 2}),
        ("شنت خلايا تنظيم داعش هجوما على حاجز لقسد في بلدة هجين، ما أدى إلى مقتل عنصرين.", {"military": 2}),
        ("The SDF raided a house in Hajin, killing two members of an ISIS cell.", {}),
    ],
)
def test_members_killed_in_an_attack_on_a_force_are_its_members(
    extractor: Extractor, text: str, breakdown: dict[str, int]
) -> None:
    """Our own sentences: the members an attack on an SDF checkpoint kills are the SDF's, unless a raid's."""
    assert counts(extractor, text)[2] == breakdown


@pytest.mark.parametrize(
    ("text", "arrested"),
    [
        (  # kurdistan24.net/kmr/story/872612: "gumanbar", a suspect
            "Hêzên Sûriya Demokrat (HSD) û Hêzên Hevpeymaniya Navdewletî, di operasyoneke ewlehiyê de li gundewarê "
            "rojhilatê Dêrezorê, pênc gumanbarên endamtiya şaneyên DAIŞê desteser kirin.",
            5,
        ),
        (  # ronahi.tv/archives/20859: "herçar", all four
            "Di encamê de herçar çete li gundê Kişkiyê yê gundewarên Rojhilatê Dêra Zorê girtin û plana wan a "
            "êrîşê têk bir.",
            4,
        ),
    ],
)
def test_kurmanji_suspects_and_all_four(extractor: Extractor, text: str, arrested: int) -> None:
    assert counts(extractor, text)[3] == arrested
    assert labels_of(extractor, text)["incident_kind"] == "raid"


def test_killed_and_wounded_together_give_neither(extractor: Extractor) -> None:
    """syrianobserver.com/syrian-actors/isis_kills_sdf_fighters_hassakeh-2.html: five killed *and* wounded is
    no count of either, though "were killed" alone would read as five."""
    text = (
        "Five more members of the US-backed forces were killed and wounded by an improvised explosive device in "
        "eastern Raqqa province on Sunday, local activists said."
    )
    assert counts(extractor, text) == (None, None, {}, None)


def test_who_reports_a_toll_is_not_part_of_it(extractor: Extractor) -> None:
    """The same page: "wounding 12, the jihadist group said" is 12 wounded, not 13."""
    text = (
        "On Sunday, Islamic State (ISIS) militants attacked US-backed forces in northeastern Hassakeh province, "
        "killing five fighters and wounding 12, the jihadist group said in statement."
    )
    assert counts(extractor, text) == (5, 12, {"military": 5}, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The explosion left three civilians dead and five injured in Hajin.", (3, 5, {"civilian": 3}, None)),
        ("Gunmen fatally shot an SDF member in Hajin.", (1, None, {"military": 1}, None)),
        ("An SDF member was fatally shot in Hajin.", (1, None, {"military": 1}, None)),
    ],
)
def test_dead_then_injured_and_fatally_shot(extractor: Extractor, text: str, expected: tuple[Any]) -> None:
    """Our own sentences: the injured after "dead and" are not dead too; "fatally shot" is killed."""
    assert counts(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ISIS gunmen attacked an SDF checkpoint in Hajin, killing two fighters. Two of the attackers were also "
            "killed in the clashes.",
            (4, None, {"military": 2}, None),
        ),
        (
            "An SDF fighter was killed and another wounded in an ISIS attack in Hajin. A civilian was also killed by "
            "a stray bullet.",
            (2, 1, {"military": 1, "civilian": 1}, None),
        ),
        (
            "A suicide bomber blew himself up at an SDF checkpoint in Hajin, killing two fighters.",
            (3, None, {"military": 2}, None),
        ),
        ("فجر انتحاري نفسه على حاجز لقسد في بلدة هجين، ما أدى إلى مقتل عنصرين.", (3, None, {"military": 2}, None)),
    ],
)
def test_every_death_of_the_incident_counts_once(extractor: Extractor, text: str, expected: tuple[Any]) -> None:
    """Our own sentences, by the codebook: a later sentence that says "also" adds its dead instead of repeating
    them, and an attacker who blew himself up is among the killed (never in the breakdown)."""
    assert counts(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("فتح مسلحون النار على سيارة مدنية في بلدة هجين ما أدى لمقتل سائقها.", (1, None, {}, None)),
        ("أقدمت خلايا داعش على قتل راع في بادية هجين.", (1, None, {"civilian": 1}, None)),
    ],
)
def test_arabic_possessed_and_indefinite_people(extractor: Extractor, text: str, expected: tuple[Any]) -> None:
    """Ours: سائقها (its driver) is one person, and راعٍ (a shepherd, written without its ي) a civilian."""
    assert counts(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "arrested"),
    [
        ("The SDF arrested Ahmed al-Hussein, Mohammed al-Ali and Khalid al-Hamad in Hajin.", 3),
        ("The Asayish arrested Mazen al-Sarih and Fadi al-Sarih, who were planning attacks.", 2),
        ("The SDF arrested Syrian Democratic Forces deserters.", None),  # one name, and not a person's
    ],
)
def test_an_arrest_that_names_people_counts_the_names(extractor: Extractor, text: str, arrested: int | None) -> None:
    """Ours, by the codebook's "a count worked out from a list is entered": two names or more, nothing else."""
    assert counts(extractor, text)[3] == arrested
