"""The monthly report from the November 2023 fixture: JSON contract, Markdown, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.cli.app import app
from marsad.domain.access import Access
from marsad.domain.incident import PUBLIC_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report.assemble import MonthlyReport, build_monthly_report
from marsad.report.contract import report_json
from marsad.report.markdown import escape, render_markdown
from marsad.services.importing import import_rows

DATA = Path(__file__).resolve().parents[1] / "data"
ISIS = Scope(perpetrators=("isis",), noun="ISIS sleeper cell attacks")


@pytest.fixture
def november(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> MonthlyReport:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    return build_monthly_report(session, Month(2023, 11), ISIS, vocab)


def test_json_contract(november: MonthlyReport) -> None:
    data = json.loads(json.dumps(report_json(november, PUBLIC_COLUMNS)))
    assert (data["period"], data["previous_period"]) == ("2023-11", "2023-10")
    assert (data["issued"], data["synthetic_incidents"]) == (None, 24)  # the fixture's records are synthetic
    attacks = data["attacks"]
    assert (attacks["total"], attacks["previous"], attacks["change_pct"], attacks["unconfirmed"]) == (11, 17, -35, 3)
    assert attacks["by_region"]["deir_ez_zor"] == {
        "count": 7,
        "previous": 13,
        "year_earlier": None,
        "change_pct": -46,
        "record": None,
        "streak": -2,
        "share_pct": 64,
    }
    assert set(attacks) >= {"by_region", "by_perpetrator", "by_type", "by_attribution", "record"}
    assert data["casualties"]["military_killed"] == 4 and data["casualties"]["civilian_injured"] == 7
    assert (data["raids"]["total"], data["raids"]["arrests"], data["raids"]["suspects_killed"]) == (10, 17, 1)
    assert data["key_points"][0].startswith("11 confirmed ISIS sleeper cell attacks")
    facts = data["key_point_facts"]
    assert len(facts) == len(data["key_points"]) == 5
    assert facts[0] == {
        "kind": "total",
        "score": 1000,
        "count": 11,
        "change": {"current": 11, "previous": 17, "move": "down", "pct": -35},
        "record": None,
    }
    assert facts[3]["kind"] == "regions" and facts[3]["regions"][1] == {
        "region": "jazira",
        "count": 3,
        "share_pct": None,
    }
    assert len(data["incidents"]) == 11 + 10 and len(data["not_counted"]) == 3
    assert all("notes" not in incident for incident in data["incidents"])


def test_markdown_has_every_section_and_escapes_user_text(november: MonthlyReport, vocab: Vocabularies) -> None:
    text = render_markdown(november, vocab)
    for heading in (
        "# ISIS sleeper cell attacks in NES: November 2023",
        "## Key points",
        "## Attacks by region",
        "## Attacks by perpetrator",
        "## Attacks by type",
        "## Casualties",
        "## Raids and arrests",
        "## Incidents counted in November 2023",
        "## Reported but not counted",
    ):
        assert heading in text
    assert "| Deir ez-Zor | 7 | 13 | −46% | 64% |" in text
    assert "10 raids (October: 8), 17 arrests, 1 suspect killed." in text
    assert escape("a *bold* [link](x) | <b>") == r"a \*bold\* \[link\](x) \| \<b\>"


def test_drafts_appear_only_in_the_internal_preview(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = (DATA / "seed_2023_11.csv").read_text(encoding="utf-8")
    last_attack = next(line for line in text.splitlines() if line.startswith("2023-11-0011,"))
    edited = tmp_path / "drafts.csv"
    edited.write_text(text.replace(last_attack, last_attack.replace(",published", ",draft")), encoding="utf-8")
    import_rows(session, read_csv(edited), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    public = build_monthly_report(session, Month(2023, 11), ISIS, vocab)
    preview = build_monthly_report(session, Month(2023, 11), ISIS, vocab, Access.INTERNAL)
    assert (public.stats.attacks.count, preview.stats.attacks.count) == (10, 11)


def test_report_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert runner.invoke(app, ["import", str(DATA / "seed_2023_11.csv")]).exit_code == 0
    result = runner.invoke(app, ["report", "2023-11", "--perpetrator", "Daesh", "--noun", "ISIS sleeper cell attacks"])
    assert result.exit_code == 0, result.stderr
    assert (
        "- 11 confirmed ISIS sleeper cell attacks across NES in November, a decrease from October's 17" in result.stdout
    )
    today = dt.date.today()
    assert f"*Monthly report, November 2023 · Generated {today.day} {today:%B %Y}*" in result.stdout
    assert "> **Synthetic data.** All 24 incidents in this report are synthetic" in result.stdout
    out = tmp_path / "nov.json"
    result = runner.invoke(app, ["report", "2023-11", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["attacks"]["total"] == 11
    bad = runner.invoke(app, ["report", "November"])
    assert bad.exit_code == 2 and "'November' is not a month (expected YYYY-MM)" in bad.stderr
