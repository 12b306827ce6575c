"""`marsad series import|export` as a researcher uses them, on a throw-away SQLite database."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from tests.cli.test_cli import invoke, runner  # noqa: F401  (the fixture)

SEED = Path(__file__).resolve().parents[1] / "data" / "series_2023_11.csv"


def test_import_then_export_the_seed_series(runner: CliRunner, tmp_path: Path) -> None:  # noqa: F811
    invoke(runner, "init")
    assert "7 observations read: 7 new, 0 updated, 0 unchanged." in invoke(runner, "series", "import", str(SEED)).stdout
    assert "7 unchanged" in invoke(runner, "series", "import", str(SEED)).stdout
    out = tmp_path / "out.csv"
    invoke(runner, "series", "export", "--out", str(out), "--indicator", "Repatriations")
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0]["indicator"] == "#indicator+code"  # the HXL row
    assert [(r["place"], r["group"], r["value"]) for r in rows[1:]] == [
        ("NES camps", "australians", "17"),
        ("al-Hol camp", "iraqis", "776"),
    ]


def test_a_bad_file_writes_nothing_and_says_where(runner: CliRunner, tmp_path: Path) -> None:  # noqa: F811
    invoke(runner, "init")
    bad = tmp_path / "bad.csv"
    lines = SEED.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([*lines[:3], lines[3].replace("2023-11-30", "2023-11-31")]) + "\n", encoding="utf-8")
    result = invoke(runner, "series", "import", str(bad), code=1)
    assert "line 4, column as_of: '2023-11-31' is not a date (expected YYYY-MM-DD)" in result.stderr
    assert "1 of 2 rows cannot be imported; nothing was written." in result.stderr
    assert invoke(runner, "series", "export", "--internal").stdout.count("\n") == 2  # header and HXL row only
