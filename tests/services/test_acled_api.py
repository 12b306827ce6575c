"""ACLED's API, tested against recorded answers served locally (never the internet)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner

from marsad.cli.app import app
from marsad.domain.vocabulary import load_vocabularies
from marsad.io.acled import load_mapping
from marsad.io.canonical import RawRow
from marsad.services.acled_api import AcledApi, AcledApiError, acled_events
from marsad.settings import load_settings

RECORDED = Path(__file__).resolve().parents[1] / "data" / "interop"
REQUESTS: list[dict[str, list[str]]] = []


class RecordedAcled(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        REQUESTS.append(query)
        if query.get("key") != ["test-key"]:
            body, status = {"status": 403, "success": False, "error": {"message": "Access denied"}}, 403
        else:
            page = RECORDED / f"acled_api_page{query['page'][0]}.json"
            body, status = json.loads(page.read_text(encoding="utf-8")), 200
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def api_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), RecordedAcled)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/acled/read"
    httpd.shutdown()
    httpd.server_close()


def test_events_are_read_page_by_page(api_url: str) -> None:
    REQUESTS.clear()
    api = AcledApi(api_url, "test-key", "researcher@example.org")
    shipped = load_mapping(load_vocabularies())
    rows = list(acled_events(api, shipped, "Syria", dt.date(2023, 11, 1), dt.date(2023, 11, 30), page_size=20))
    assert len(rows) == 30 and all(isinstance(r, RawRow) for r in rows)
    assert [q["page"] for q in REQUESTS] == [["1"], ["2"]]
    assert REQUESTS[0]["event_date"] == ["2023-11-01|2023-11-30"] and REQUESTS[0]["country"] == ["Syria"]
    assert rows[0].where == "API page 1, event 1" and rows[0].values["id"] == "acled:SYR90000"


def test_a_refusal_and_a_missing_key_are_explained(api_url: str) -> None:
    with pytest.raises(AcledApiError, match="ACLED's API answered 403"):
        refused = AcledApi(api_url, "wrong", "x@example.org")
        list(acled_events(refused, load_mapping(load_vocabularies()), "Syria", dt.date(2023, 11, 1)))
    with pytest.raises(AcledApiError, match="set MARSAD_ACLED_KEY and MARSAD_ACLED_EMAIL"):
        AcledApi.from_settings(load_settings({}).acled)


def test_cli_imports_from_the_api(api_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    runner = CliRunner()
    runner.invoke(app, ["init"])
    missing = runner.invoke(app, ["import", "acled", "--since", "2023-11-01"], env={"MARSAD_ACLED_KEY": ""})
    assert missing.exit_code == 1 and "MARSAD_ACLED_KEY" in missing.stderr
    env = {"MARSAD_ACLED_KEY": "test-key", "MARSAD_ACLED_EMAIL": "r@example.org", "MARSAD_ACLED_URL": api_url}
    result = runner.invoke(app, ["import", "acled", "--since", "2023-11-01", "--page-size", "20"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "Read 30 ACLED events: 30 new, 0 updated, 0 unchanged." in result.stdout
    data = tmp_path / "x.csv"
    data.write_text("id,kind,date,type\n2023-11-0001,attack,2023-11-02,ied\n", encoding="utf-8")
    assert runner.invoke(app, ["import", str(data)]).exit_code == 0  # a file is still `marsad import FILE`
