"""The two seed reports' figures and key points, generated from incident data that matches them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from marsad.analysis.changes import Move
from marsad.analysis.keypoints import ClaimedMove, RegionMove, Total, key_facts
from marsad.analysis.months import Month
from marsad.analysis.statistics import MonthStats, Scope, month_stats
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report.assemble import generated_report
from marsad.report.key_point_text import EnglishKeyPoints
from marsad.services.importing import import_rows

DATA = Path(__file__).resolve().parents[1] / "data"
ISIS = Scope(perpetrators=("isis",), noun="ISIS sleeper cell attacks")


def load(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, name: str) -> None:
    import_rows(session, read_csv(DATA / name), vocab=vocab, gazetteer=gazetteer, actor="fixture")


@pytest.fixture
def july_2019(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> MonthStats:
    load(session, vocab, gazetteer, "seed_2019_07.csv")
    return month_stats(session, Month(2019, 7), Scope())


@pytest.fixture
def november_2023(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> MonthStats:
    load(session, vocab, gazetteer, "seed_2023_11.csv")
    return month_stats(session, Month(2023, 11), ISIS)


def test_july_2019_figures(july_2019: MonthStats) -> None:
    s = july_2019
    assert (s.attacks.count, s.attacks.previous, s.attacks.change_pct) == (82, 85, -4)
    jazira = s.by_region["jazira"]
    assert (jazira.count, jazira.previous, jazira.record) == (30, 15, "high")
    assert (s.by_region["deir_ez_zor"].count, s.by_region["deir_ez_zor"].previous) == (48, 55)
    assert s.by_region["deir_ez_zor"].share_pct == 59
    assert s.by_region["manbij"].count == 0
    assert s.claimed_by["isis"].count == 58 and s.claimed_by["isis"].change_pct == -17
    assert s.places[0] == ("Hasakah", "jazira", 9)
    assert s.breakdowns["perpetrator"]["ahrar_al_shaab"].count == 7


def test_july_2019_key_points(july_2019: MonthStats, vocab: Vocabularies) -> None:
    """The seed's four points (Jazira doubles to a record, Hasakah alone, Ahrar al-Shaab up, ISIS-claimed down
    with all attacks) and the headline, with Raqqa's record low: six, most newsworthy first."""
    assert generated_report(july_2019, vocab).key_points == [
        "82 confirmed attacks across NES in July, a decrease from June's 85",
        "Attacks in Jazira double to 30, more than in any month to date",
        "Attacks in Raqqa down to 2, less than half of June's 8, the fewest since records began",
        "Attacks claimed by Ahrar al-Shaab more than triple to 7",
        "9 attacks in Hasakah alone",
        "ISIS-claimed attacks down 17% to 58; all attacks down 4% to 82",
    ]


def test_july_2019_facts_carry_keys_and_moves_not_words(july_2019: MonthStats) -> None:
    facts = [point.fact for point in key_facts(july_2019)]
    assert facts[0] == Total(82, facts[0].change, None) and facts[0].change and facts[0].change.pct == -4
    jazira = facts[1]
    assert isinstance(jazira, RegionMove) and (jazira.region, jazira.record) == ("jazira", "high")
    assert jazira.change is not None and jazira.change.move is Move.DOUBLE
    claimed = facts[-1]
    assert isinstance(claimed, ClaimedMove) and claimed.actor == "isis" and claimed.overall is not None


def test_july_2019_regions_fold_into_one_point_when_there_is_room(july_2019: MonthStats, vocab: Vocabularies) -> None:
    everything = generated_report(july_2019, vocab)
    facts = key_facts(july_2019, limit=20)
    sentences = EnglishKeyPoints(july_2019.month, july_2019.scope, vocab).sentences(facts)
    assert everything.key_points == sentences[:6]
    regional = [s for s in sentences if "Deir ez-Zor" in s]
    assert regional == [
        "Attacks by region: Deir ez-Zor 48 (59%), Jazira 30, Raqqa 2, Euphrates 1, Tabqa 1; none in Manbij"
    ]


def test_november_2023_figures(november_2023: MonthStats) -> None:
    s = november_2023
    assert (s.attacks.count, s.attacks.previous) == (11, 17)
    c = s.casualties
    assert (c.military_killed, c.military_injured, c.civilian_killed, c.civilian_injured) == (4, 5, 0, 7)
    assert (s.raids.count, s.arrests.count, s.suspects_killed) == (10, 17, 1)
    assert s.raids_by_force == {"sdf": 3, "asayish": 4, "joint": 2, "coalition": 1}
    assert [(n.region, n.reason, n.count) for n in s.not_counted] == [("deir_ez_zor", "not confirmed", 3)]


def test_november_2023_key_points(november_2023: MonthStats, vocab: Vocabularies) -> None:
    """The seed's three data points in its order, then where the attacks were and what was left out."""
    assert generated_report(november_2023, vocab).key_points == [
        "11 confirmed ISIS sleeper cell attacks across NES in November, a decrease from October's 17",
        "4 military personnel killed and 5 injured, 7 civilians injured in these attacks",
        "10 raids conducted on ISIS sleeper cells, resulting in 17 arrests and 1 ISIS member killed",
        "ISIS sleeper cell attacks by region: Deir ez-Zor 7 (64%), Jazira 3, Raqqa 1",
        "A further 3 attacks in Deir ez-Zor could not be confirmed as ISIS attacks and are not counted",
    ]


def test_drafts_do_not_count_in_public_figures(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = (DATA / "seed_2023_11.csv").read_text(encoding="utf-8").replace(",published\n", ",draft\n", 5)
    edited = tmp_path / "drafts.csv"
    edited.write_text(text, encoding="utf-8")
    import_rows(session, read_csv(edited), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    assert month_stats(session, Month(2023, 6), ISIS).attacks.count == 13  # 5 of June's 18 are drafts
