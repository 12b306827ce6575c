"""The command line as a researcher or admin uses it, on a throw-away SQLite database."""

from __future__ import annotations

import csv
import gzip
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner, Result

from marsad.cli import context
from marsad.cli.app import app
from marsad.domain.filters import PARAMS
from marsad.storage.schema_version import head_revision
from tests.helpers import csv_text

ROOT = Path(__file__).resolve().parents[2]
GOOD = csv_text(
    "2019-07-0001,attack,2019-07-02,Qamishlo,vbied,Daesh,claimed,true,2,https://a.example/1,published",
    "2019-07-0002,attack,2019-07-03,Hajin,armed_attack,isis,suspected,false,,https://a.example/2,draft",
)
BAD = csv_text(
    "2019-07-0001,attack,2019-07-02,Qamishlo,vbied,Daesh,claimed,true,2,https://a.example/1,published",
    "2019-07-0003,attack,2019-13-02,Hasakah,ied,isis,claimed,true,,https://a.example/3,draft",
)


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    for shown in (context.console, context.errors):  # a width fixed when they were made (COLUMNS then) yields too
        monkeypatch.setattr(shown, "_width", 200)
    return CliRunner()


def invoke(runner: CliRunner, *args: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result


def commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every (sub)command of a Typer app's click group, with its path, each lazy one loaded."""
    found = []
    for name in group.list_commands(None):
        command = group.loaded(name) if hasattr(group, "loaded") else group.commands[name]
        found.append(((*prefix, name), command))
        if hasattr(command, "commands"):
            found.extend(commands(command, (*prefix, name)))
    return found


def test_every_command_explains_itself(runner: CliRunner) -> None:
    listed = commands(get_command(app))
    assert {" ".join(p) for p, _ in listed} >= {
        "init",
        "db upgrade",
        "import",
        "export",
        "demo",
        "places search",
        "places reverse",
    }
    for path, command in listed:
        assert command.help, f"`marsad {' '.join(path)}` has no help text"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"`marsad {' '.join(path)}` option {param.name} has no help"
        invoke(runner, *path, "--help")


def test_readme_commands_exist(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    known = {" ".join(p) for p, _ in commands(get_command(app))}
    for line in re.findall(r"^marsad ([a-z ]+?)(?:\s{2,}|\s+[\"'A-Z0-9-]|$)", readme, flags=re.M):
        words = line.split()
        assert " ".join(words[:2]) in known or words[0] in known, f"README shows unknown command: marsad {line}"


def test_commands_refuse_a_database_that_is_not_initialised(runner: CliRunner) -> None:
    result = invoke(runner, "summary", code=1)
    assert "is not initialised: run `marsad init`" in result.stderr


def test_init_import_export_summary(runner: CliRunner, tmp_path: Path) -> None:
    assert "was created" in invoke(runner, "init").stdout
    assert "is up to date" in invoke(runner, "init").stdout
    source = tmp_path / "july.csv"
    source.write_text(GOOD, encoding="utf-8")
    assert "2 new, 0 updated, 0 unchanged" in invoke(runner, "import", str(source)).stdout
    assert "0 new, 0 updated, 2 unchanged" in invoke(runner, "import", str(source)).stdout

    public = invoke(runner, "export").stdout
    rows = list(csv.DictReader(public.splitlines()))
    assert [r["id"] for r in rows] == ["2019-07-0001"]  # the draft stays internal
    assert "notes" not in rows[0] and rows[0]["region"] == "jazira"
    assert rows[0]["grade"] == "confirmed" and "confirmed" not in rows[0]  # the file's confirmed=true, as a grade
    graded = list(csv.DictReader(invoke(runner, "export", "--internal", "--grade", "weak").stdout.splitlines()))
    assert [r["id"] for r in graded] == ["2019-07-0002"]
    internal = list(csv.DictReader(invoke(runner, "export", "--internal").stdout.splitlines()))
    assert [r["id"] for r in internal] == ["2019-07-0001", "2019-07-0002"] and "notes" in internal[0]

    out = tmp_path / "dez.geojson"
    result = invoke(runner, "export", "--internal", "--region", "Deir ez-Zor", "--format", "geojson", "--out", str(out))
    assert "Wrote 1 incident (" in result.stderr and "in Deir ez-Zor" in result.stderr
    assert '"2019-07-0002"' in out.read_text(encoding="utf-8")
    assert "2 incidents" in invoke(runner, "summary").stdout


def test_a_bad_file_is_refused_whole_with_line_column_and_reason(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "init")
    source = tmp_path / "bad.csv"
    source.write_text(BAD, encoding="utf-8")
    result = invoke(runner, "import", str(source), code=1)
    assert "line 3, column date: '2019-13-02' is not a date (expected YYYY-MM-DD)" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "0 incidents" in invoke(runner, "summary").stdout

    result = invoke(runner, "import", str(source), "--skip-invalid")
    assert "1 new" in result.stdout
    rejects = tmp_path / "bad.csv.rejects.csv"
    [rejected] = list(csv.DictReader(rejects.read_text(encoding="utf-8").splitlines()))
    assert rejected["where"] == "line 3" and rejected["date"] == "2019-13-02"
    assert "date: '2019-13-02' is not a date" in rejected["errors"]


def test_a_superscript_count_is_named_and_skipped_and_an_unreadable_file_is_a_sentence(
    runner: CliRunner, tmp_path: Path
) -> None:
    invoke(runner, "init")
    source = tmp_path / "odd.csv"
    source.write_text(
        GOOD.replace(",2,https", ",²,https").replace("suspected,false,,", "suspected,false,=1+1,"), "utf-8"
    )
    result = invoke(runner, "import", str(source), code=1)
    assert "line 2, column military_killed: '²' is not a whole number" in result.stderr
    assert "line 3, column military_killed: '=1+1' is not a whole number" in result.stderr
    result = invoke(runner, "import", str(source), "--skip-invalid")
    assert "0 new" in result.stdout and "2 bad rows skipped" in result.stdout
    rejects = (tmp_path / "odd.csv.rejects.csv").read_text(encoding="utf-8")
    assert ",'=1+1," in rejects  # the rejects file opens in spreadsheets: no formula
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke(runner, "import", str(broken), code=1)
    assert "broken.xlsx: this is not an XLSX workbook" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_header_is_explained(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "init")
    source = tmp_path / "odd.csv"
    source.write_text("dte,type\n2019-07-01,ied\n", encoding="utf-8")
    result = invoke(runner, "import", str(source), code=1)
    assert "'dte' is not a Marsad column (did you mean 'date'?)" in result.stderr


def test_export_filter_errors_list_the_allowed_values(runner: CliRunner) -> None:
    invoke(runner, "init")
    result = invoke(runner, "export", "--region", "Narnia", code=2)
    assert "region: 'Narnia' is not a known region value" in result.stderr
    assert "allowed: jazira, euphrates" in result.stderr


def test_export_takes_every_filter_the_api_takes(runner: CliRunner, tmp_path: Path) -> None:
    """The options come from the filter's own table: --counted, --casualties and --q too, named as in the API."""
    export = next(c for p, c in commands(get_command(app)) if p == ("export",))
    options = {name for param in export.params for name in param.opts}
    assert {f"--{name}" for name in PARAMS} <= options
    invoke(runner, "init")
    source = tmp_path / "incidents.csv"
    source.write_text(GOOD, encoding="utf-8")
    invoke(runner, "import", str(source))

    def exported(*args: str) -> list[str]:
        return [r["id"] for r in csv.DictReader(invoke(runner, "export", "--internal", *args).stdout.splitlines())]

    assert exported("--q", "Hajin") == ["2019-07-0002"]  # a place name finds its incidents
    assert exported("--casualties", "true") == ["2019-07-0001"]  # the one with 2 killed
    assert exported("--counted", "false") == ["2019-07-0002"]  # unconfirmed: not counted by the reports
    assert exported("--counted", "all", "--region", "jazira,deir_ez_zor") == ["2019-07-0001", "2019-07-0002"]
    result = invoke(runner, "export", "--counted", "maybe", code=2)
    assert "counted: 'maybe' is not true or false" in result.stderr


def test_places_search_and_reverse(runner: CliRunner) -> None:
    result = invoke(runner, "places", "search", "Serêkaniyê")
    assert "Ras al-Ayn" in result.stdout and "Jazira" in result.stdout and "100" in result.stdout
    assert "Qamishli" in invoke(runner, "places", "search", "Qamishly").stdout
    assert invoke(runner, "places", "search", "Springfield", code=1).stdout.startswith("No place")
    result = invoke(runner, "places", "reverse", "35.84", "38.55")
    assert "Tabqa" in result.stdout and "Al-Thawrah" in result.stdout


def test_demo_fills_the_database_or_writes_a_file(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "init")
    made = invoke(runner, "demo", "--events", "300").stdout
    assert "Added 300 synthetic incidents" in made
    waiting = re.search(r"(\d+) incidents? waiting for review on the desk: /desk/review", made)
    assert waiting and int(waiting.group(1)) > 0
    summary = invoke(runner, "summary").stdout
    assert "300 incidents" in summary and re.search(rf"Waiting for review\D+{waiting.group(1)}\b", summary)
    out = tmp_path / "demo.csv"
    invoke(runner, "demo", "--events", "50", "--out", str(out))
    assert len(out.read_text(encoding="utf-8").splitlines()) == 51


def test_db_upgrade_is_safe_to_repeat(runner: CliRunner) -> None:
    assert "upgraded from empty" in invoke(runner, "db", "upgrade").stdout
    assert "already at schema" in invoke(runner, "db", "upgrade").stdout
    assert f"schema {head_revision()}" in invoke(runner, "db", "current").stdout


def test_check_lists_sources_a_desk_save_damaged_and_repair_mends_them(runner: CliRunner, tmp_path: Path) -> None:
    from marsad.domain.vocabulary import load_vocabularies
    from marsad.settings import load_settings
    from marsad.storage.engine import make_engine, unit_of_work
    from tests.services.test_checks import _damaged

    invoke(runner, "init")
    assert "No source lost" in invoke(runner, "check").stdout
    engine = make_engine(load_settings().database_url)
    with unit_of_work(engine) as session:
        _damaged(session, load_vocabularies())
    engine.dispose()
    assert "Lost values in 2023-11-0001." in invoke(runner, "check").stdout
    listed = [json.loads(line) for line in invoke(runner, "check", "--json").stdout.splitlines()]
    assert {"incident": "2023-11-0001", "field": "source_type", "was": "local_media", "now": None} in [
        {k: found[k] for k in ("incident", "field", "was", "now")} for found in listed
    ]
    assert "Put back in 2023-11-0001" in invoke(runner, "check", "--repair").stdout
    assert "No source lost" in invoke(runner, "check").stdout


INTEROP = Path(__file__).resolve().parents[1] / "data" / "interop"


def test_import_tells_the_layout_and_a_wrong_format_suggests_the_right_one(runner: CliRunner) -> None:
    invoke(runner, "init")
    wrong = invoke(runner, "import", str(INTEROP / "acled_syria_2023_11.csv"), "--format", "csv", code=1)
    said = " ".join(wrong.stderr.split())
    assert said.startswith("Error: acled_syria_2023_11.csv: it looks like an ACLED export (31 columns): use --format")
    assert "'event_id_cnty' is not a Marsad column" in said
    told = invoke(runner, "import", str(INTEROP / "ged_unknown_side.csv"))
    said = " ".join(told.stderr.split())
    assert "ged_unknown_side.csv: UCDP GED, the 49-column layout of 20.1 on" in said
    assert "Read 2 rows from ged_unknown_side.csv: 2 new" in " ".join(told.stdout.split())
    assert "'Jaish al-Ghurabaa' (add under sides): 1 row" in said
    strict = invoke(runner, "import", str(INTEROP / "ged_unknown_side.csv"), "--strict-mapping", code=1)
    assert "'Jaish al-Ghurabaa' is not in the UCDP GED mapping file" in " ".join(strict.stderr.split())


def test_a_real_ged_download_imports_as_ucdp_ships_it_zipped_or_gzipped(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "init")
    real = ROOT / "tests" / "data" / "ucdp" / "ged_syria_v19_1_fixture.csv"
    zipped = tmp_path / "ged191-csv.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(real, "ged191.csv")
    told = invoke(runner, "import", str(zipped))
    assert "ged191-csv.zip: UCDP GED, the 41-column layout" in " ".join(told.stderr.split())
    assert "Read 615 rows from ged191-csv.zip: 615 new" in " ".join(told.stdout.split())
    gzipped = tmp_path / "ged191.csv.gz"
    gzipped.write_bytes(gzip.compress(real.read_bytes()))
    again = invoke(runner, "import", str(gzipped))
    assert "Read 615 rows from ged191.csv.gz: 0 new, 0 updated, 615 unchanged" in " ".join(again.stdout.split())
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    refused = invoke(runner, "import", str(broken), code=2)
    assert "broken.zip is not a zip archive" in " ".join(refused.stderr.split())


def test_mapping_suggest_prints_the_lines_to_add(runner: CliRunner) -> None:
    out = invoke(runner, "mapping", "suggest", str(INTEROP / "acled_unknown_actor.csv"))
    assert 'actors:\n  "Jaish al-Ghurabaa": ' in out.stdout and "# 1 row; keys: isis," in out.stdout
    known = invoke(runner, "mapping", "suggest", str(INTEROP / "acled_syria_2023_11.csv"))
    assert "Every name in acled_syria_2023_11.csv" in " ".join(known.stderr.split()) and known.stdout == ""


def test_extract_train_says_what_it_needs_on_a_new_database(runner: CliRunner) -> None:
    invoke(runner, "init")
    result = invoke(runner, "extract", "train", code=1)
    assert "0 texts to learn from; the classifier needs at least 200" in " ".join(result.stderr.split())
