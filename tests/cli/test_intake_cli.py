"""`marsad intake telegram` and `marsad intake list` as an admin runs them (a throw-away SQLite database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.test_cli import invoke, runner  # noqa: F401 (the fixture)
from tests.conftest import DATA
from tests.services.test_feeds import server  # noqa: F401 (the fixture)

EXPORT = DATA / "intake" / "result.json"
LATER = DATA / "intake" / "result-later.json"


def test_an_export_in_then_listed_as_json(runner: CliRunner) -> None:  # noqa: F811
    invoke(runner, "init")
    out = invoke(runner, "intake", "telegram", str(EXPORT), "--channel", "furatwatch_test").stdout
    assert "Furat Watch (synthetic) (t.me/furatwatch_test): 9 new items" in out
    # the name is kept: a later export of the channel needs no --channel, and adds only what is new
    out = " ".join(invoke(runner, "intake", "telegram", str(LATER)).stdout.split())  # as read, not as wrapped
    assert "3 new items (1 edited), 8 already in the inbox" in out
    items = json.loads(invoke(runner, "intake", "list", "--format", "json", "--limit", "50").stdout)
    assert len(items) == 12 and {i["status"] for i in items} == {"new"}
    by_id = {(i["external_id"], i["revision"]): i for i in items}
    post = by_id[("2", 0)]
    assert post["url"] == "https://t.me/furatwatch_test/2"
    assert post["links"] == ["https://deirezzor24.example/news/2023/11/02/shuhayl-attack"]
    assert post["suggestion"]["language"] == "ar"
    assert {s["field"] for s in post["suggestion"]["suggestions"]} >= {"kind", "location"}
    raqqa = json.loads(invoke(runner, "intake", "list", "--format", "json", "--region", "raqqa").stdout)
    assert {i["external_id"] for i in raqqa} == {"5", "11", "12"}
    assert "Raqqa" in invoke(runner, "intake", "list", "--status", "new").stdout


def test_a_new_channel_without_its_name_is_refused(runner: CliRunner) -> None:  # noqa: F811
    invoke(runner, "init")
    result = invoke(runner, "intake", "telegram", str(EXPORT), code=1)
    assert "give the t.me name of 'Furat Watch (synthetic)' with --channel NAME" in result.stderr
    assert invoke(runner, "intake", "list", "--format", "json").stdout.strip() == "[]"


def test_a_truncated_export_imports_nothing(runner: CliRunner, tmp_path: Path) -> None:  # noqa: F811
    invoke(runner, "init")
    whole = EXPORT.read_bytes()
    cut = tmp_path / "result.json"
    cut.write_bytes(whole[: int(len(whole) * 0.8)])
    result = invoke(runner, "intake", "telegram", str(cut), "--channel", "furatwatch_test", code=1)
    assert "result.json: is not valid JSON: " in result.stderr and "truncated export" in result.stderr
    assert "Nothing was imported" in result.stderr
    assert invoke(runner, "intake", "list", "--format", "json").stdout.strip() == "[]"


def test_a_bad_filter_says_what_to_give(runner: CliRunner) -> None:  # noqa: F811
    invoke(runner, "init")
    assert "status: give new, handled, dismissed" in invoke(runner, "intake", "list", "--status", "old", code=1).stderr


def test_feeds_added_polled_and_listed_a_failing_one_retried(
    runner: CliRunner,  # noqa: F811
    server: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("MARSAD_FETCH_ALLOW", "127.0.0.1")  # the test server is on this machine
    invoke(runner, "init")
    assert "every 30 minutes" in invoke(runner, "intake", "feeds", "add", f"{server}/feed.xml", "--every", "30").stdout
    invoke(runner, "intake", "feeds", "add", f"{server}/broken")
    assert "is already followed" in invoke(runner, "intake", "feeds", "add", f"{server}/broken", code=1).stderr
    out = " ".join(invoke(runner, "intake", "poll").stdout.split())  # as read, not as wrapped
    assert "Raqqa News (synthetic): 2 new items" in out and "answered 500 Internal Server Error (retried later)" in out
    assert "Polled 2 feeds: 1 failed." in out
    assert "Polled 0 feeds" in invoke(runner, "intake", "poll").stdout  # neither is due yet
    listed = invoke(runner, "intake", "feeds", "list").stdout
    assert "failing (1)" in listed and "Raqqa News" in listed
    posts = tmp_path / "posts.csv"
    posts.write_text("text,posted\nAn IED in Raqqa,2023-11-07\n", encoding="utf-8")
    assert "1 new item, 0 already in the inbox." in invoke(runner, "intake", "csv", str(posts)).stdout
    assert "IED in Raqqa: added." in invoke(runner, "intake", "page", f"{server}/page.html").stdout
    items = json.loads(invoke(runner, "intake", "list", "--format", "json").stdout)
    assert {i["channel"] for i in items} >= {"Raqqa News (synthetic)", "posts"}
