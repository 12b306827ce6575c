"""Drafts editors shape, published snapshots that stay, and figures revised after publication."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.cli.app import app
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report import contract
from marsad.report.draft import DraftFileError, ReportDraft, Section
from marsad.services.importing import import_rows
from marsad.services.reports import ReportStateError, publish, revisions_since_publication, save_draft
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack

DATA = Path(__file__).resolve().parents[1] / "data"
NOVEMBER = Month(2023, 11)
ISIS = Scope(("isis",), "ISIS sleeper cell attacks")


@pytest.fixture
def loaded(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Session:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    return session


def test_draft_file_round_trip_and_errors() -> None:
    draft = ReportDraft(
        "November",
        ["first point", "second point"],
        [Section("Camps", "Protest in **al-Hol**.", "raids")],
        ["a point hidden from the report"],
    )
    assert ReportDraft.from_file(draft.to_file()) == draft
    assert ReportDraft.from_json(draft.to_json()) == draft
    assert ReportDraft.from_json({"title": "Before hidden points", "key_points": ["a"]}).hidden_key_points == []
    with pytest.raises(DraftFileError, match="line 3: key points are list items"):
        ReportDraft.from_file("# T\n## Key points\nnot a list item\n")
    with pytest.raises(DraftFileError, match="line 2: write '## Section: Title \\(after: PART\\)'"):
        ReportDraft.from_file("# T\n## Section: Camps (after: nowhere)\ntext\n")


LINE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1).map(str.strip).filter(bool)


@given(title=LINE, shown=st.lists(LINE, max_size=6), hidden=st.lists(LINE, max_size=4))
def test_any_key_points_shown_or_hidden_survive_the_draft_file(title: str, shown: list[str], hidden: list[str]) -> None:
    draft = ReportDraft(title, shown, [], hidden)
    assert ReportDraft.from_file(draft.to_file()) == draft


def test_narrative_html_is_sanitised() -> None:
    html = Section("x", "**bold** <script>alert(1)</script> [a](javascript:alert(2)) [b](https://ok.example)").html()
    assert "<strong>bold</strong>" in html and "<script" not in html and "javascript:" not in html
    assert 'href="https://ok.example"' in html


def test_a_draft_starts_from_the_generated_key_points(loaded: Session, vocab: Vocabularies) -> None:
    stored = save_draft(loaded, NOVEMBER, vocab, "editor", ISIS)
    assert stored.status == "draft" and stored.draft.title == "ISIS sleeper cell attacks in NES: November 2023"
    assert stored.draft.key_points[0].startswith("11 confirmed ISIS sleeper cell attacks")


def test_publishing_freezes_the_report_and_later_changes_show_as_revisions(
    loaded: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    with pytest.raises(ReportStateError, match="there is no draft for November 2023"):
        publish(loaded, NOVEMBER, vocab, gazetteer, "editor")
    stored = save_draft(loaded, NOVEMBER, vocab, "editor", ISIS)
    edited = ReportDraft(
        stored.draft.title,
        [*stored.draft.key_points[:3], "Wives of detained ISIS fighters hold protest in al-Hol camp"],
        [Section("Camps", "A protest in al-Hol camp.", "raids")],
    )
    save_draft(loaded, NOVEMBER, vocab, "editor", draft=edited)
    published = publish(loaded, NOVEMBER, vocab, gazetteer, "editor")
    assert published.status == "published" and published.snapshot is not None
    assert "Wives of detained ISIS fighters hold protest in al-Hol camp" in published.snapshot["markdown"]
    assert "<h2>Camps</h2>" in published.snapshot["html"]
    today = dt.date.today()
    assert f"Published {today.day} {today:%B %Y}" in published.snapshot["html"]
    assert 'class="synthetic-notice"' in published.snapshot["html"]  # the fixture's records are synthetic
    assert published.snapshot["data"]["issued"] == {"date": today.isoformat(), "published": True}
    assert revisions_since_publication(loaded, published, vocab) == []

    late = attack(
        id="2023-11-0999",
        date=dt.date(2023, 11, 28),
        place="Hasakah",
        military_killed=2,
        military_injured=None,
        target="sdf",
    )
    IncidentWriter(loaded, vocab, actor="editor", via="test").write([late])
    revisions = [str(r) for r in revisions_since_publication(loaded, published, vocab)]
    assert revisions == [
        "Attacks: 11 → 12",
        "Attacks in Jazira: 3 → 4",
        "Attacks by ISIS: 11 → 12",
        "Military killed: 4 → 6",
    ]
    assert published.snapshot["data"]["attacks"]["total"] == 11  # the snapshot itself stays as published


def test_cli_draft_publish_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert runner.invoke(app, ["import", str(DATA / "seed_2023_11.csv")]).exit_code == 0
    draft = tmp_path / "draft.md"
    result = runner.invoke(
        app,
        [
            "report",
            "draft",
            "2023-11",
            "--perpetrator",
            "isis",
            "--noun",
            "ISIS sleeper cell attacks",
            "--out",
            str(draft),
        ],
    )
    assert result.exit_code == 0, result.stderr
    draft.write_text(
        draft.read_text(encoding="utf-8") + "\n## Section: Financing (after: key-points)\nBinance.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["report", "draft", "2023-11", "--update", str(draft)])
    assert "5 key points, 1 section." in result.stderr
    assert runner.invoke(app, ["report", "show", "2023-11"]).exit_code == 1  # not published yet
    assert "Published the November 2023 report" in runner.invoke(app, ["report", "publish", "2023-11"]).stdout
    shown = runner.invoke(app, ["report", "show", "2023-11"])
    assert shown.exit_code == 0 and "## Financing\n\nBinance." in shown.stdout
    assert "> **Synthetic data.** All 24 incidents in this report are synthetic" in shown.stdout
    assert runner.invoke(app, ["report", "2023-11", "--format", "json"]).exit_code == 0  # generate stays the default


def test_cli_publishes_and_shows_a_report_in_its_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert runner.invoke(app, ["import", str(DATA / "seed_2023_11.csv")]).exit_code == 0
    generated = runner.invoke(app, ["report", "2023-11", "--perpetrator", "isis", "--lang", "ku"])
    assert generated.exit_code == 0 and "## Xalên sereke" in generated.stdout
    unknown = runner.invoke(app, ["report", "2023-11", "--lang", "fr"])
    assert unknown.exit_code == 2 and "'fr' is not a language Marsad writes reports in" in unknown.stderr
    assert runner.invoke(app, ["report", "draft", "2023-11", "--perpetrator", "isis"]).exit_code == 0
    published = runner.invoke(app, ["report", "publish", "2023-11", "--lang", "ar", "--lang", "ckb"])
    assert "in English, العربية, کوردیی ناوەندی." in " ".join(published.stdout.split())
    shown = runner.invoke(app, ["report", "show", "2023-11", "--lang", "ar"])
    assert shown.exit_code == 0 and "## أبرز النقاط" in shown.stdout
    missing = runner.invoke(app, ["report", "show", "2023-11", "--lang", "ku"])
    assert missing.exit_code == 1 and "publish it again with --lang ku" in " ".join(missing.stderr.split())


def test_a_report_that_strays_from_its_documented_contract_is_not_frozen(
    loaded: Session, vocab: Vocabularies, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Publication checks the JSON against the contract's model: a key the model does not list (a new figure
    nobody documented, a field that should not be public) stops the publication instead of reaching readers."""
    save_draft(loaded, NOVEMBER, vocab, "editor", ISIS)
    documented = contract.report_json

    def with_an_undocumented_key(report: Any, columns: tuple[str, ...]) -> dict[str, Any]:
        return {**documented(report, columns), "internal_tally": 3}

    monkeypatch.setattr(contract, "report_json", with_an_undocumented_key)
    with pytest.raises(ValidationError, match="internal_tally"):
        publish(loaded, NOVEMBER, vocab, gazetteer, "editor")
    monkeypatch.undo()
    published = publish(loaded, NOVEMBER, vocab, gazetteer, "editor")
    assert published.snapshot is not None and "internal_tally" not in published.snapshot["data"]
    assert published.snapshot["data"]["period"] == "2023-11"
