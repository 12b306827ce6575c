"""Sources that do not disappear, tested against a local HTTP server: WARC archives, dead links, the copies."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.cli.app import app
from marsad.domain.access import Access
from marsad.domain.incident import Source
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.fetching import AllowList, Fetcher
from marsad.services.accounts import User
from marsad.services.archiving import ArchiveError, archive_source, check_links, link_checks, read_archive, source_urls
from marsad.settings import load_settings
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import get_incident
from marsad.storage.revisions import history
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in

PAGE = "<html><body><h1>بيان</h1><p>Attack on a checkpoint in Hasakah.</p><script>alert(1)</script></body></html>"
EDITOR = User(1, "editor@example.org", "Editor", Role.EDITOR, False)
SECRET = "the admin console of a service only this machine can reach"
# The test server is on this machine, which the fetcher refuses unless a team allows it (MARSAD_FETCH_ALLOW).
LOCAL = Fetcher(allow=AllowList.parse("127.0.0.1"))


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/statement":
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/admin":
            body = SECRET.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def sourced(session: Session, vocab: Vocabularies, server: str) -> Session:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(sources=[Source(url=f"{server}/statement", publisher="Asayish"), Source(url=f"{server}/gone")]),
            attack(id="2019-07-0002", status="draft", sources=[Source(url=f"{server}/statement")]),
        ]
    )
    return session


def test_archiving_keeps_the_page_as_warc_with_its_sha256(
    sourced: Session, vocab: Vocabularies, tmp_path: Path
) -> None:
    digest = archive_source(sourced, "2019-07-0001", 0, tmp_path, EDITOR, vocab, LOCAL)
    assert digest == hashlib.sha256(PAGE.encode("utf-8")).hexdigest()
    assert (tmp_path / f"{digest}.warc.gz").exists()
    copy = read_archive(tmp_path, digest)
    assert copy is not None and copy.body.decode("utf-8") == PAGE and copy.content_type.startswith("text/html")
    source = get_incident(sourced, "2019-07-0001", Access.INTERNAL).sources[0]  # type: ignore[union-attr]
    assert source.archive_sha256 == digest and source.accessed is not None
    assert history(sourced, "2019-07-0001")[-1].field == "sources"  # archiving is a recorded change
    with pytest.raises(ArchiveError, match="answered 404 Not Found: there is no page to archive"):
        archive_source(sourced, "2019-07-0001", 1, tmp_path, EDITOR, vocab, LOCAL)
    assert read_archive(tmp_path, "../../etc/passwd") is None


def test_link_checks_mark_dead_links(sourced: Session, server: str) -> None:
    urls = source_urls(sourced)
    assert urls == [f"{server}/gone", f"{server}/statement"]
    results = {r.url: r for r in check_links(sourced, urls, LOCAL)}
    assert results[f"{server}/statement"].alive and not results[f"{server}/gone"].alive
    assert results[f"{server}/gone"].detail == "404 Not Found"
    assert not link_checks(sourced, [f"{server}/gone"])[f"{server}/gone"].alive


def test_archived_copies_are_sandboxed_and_public_only_for_public_sources(
    engine: Engine, sourced: Session, vocab: Vocabularies, tmp_path: Path, server: str
) -> None:
    public = archive_source(sourced, "2019-07-0001", 0, tmp_path, EDITOR, vocab, LOCAL)
    list(check_links(sourced, [f"{server}/gone"], LOCAL))
    settings = load_settings({"MARSAD_DATABASE_URL": "sqlite://", "MARSAD_ARCHIVE_DIR": str(tmp_path)})
    application = create_app(engine, settings)
    application.dependency_overrides[get_session] = lambda: sourced
    with TestClient(application) as client:
        page = client.get("/incidents/2019-07-0001").text
        assert f'href="/archive/{public}"' in page and "the original no longer answers" in page
        copy = client.get(f"/archive/{public}")
        assert copy.status_code == 200 and "Attack on a checkpoint" in copy.text
        assert copy.headers["content-security-policy"].startswith("sandbox; default-src 'none'")
        # the draft's source: same page, but archiving it is the draft's business until published
        IncidentWriter(sourced, vocab, actor="t", via="test").write(
            [
                attack(
                    id="2019-07-0001",
                    status="draft",
                    sources=[Source(url=f"{server}/statement", archive_sha256=public)],
                )
            ]
        )
        assert client.get(f"/archive/{public}").status_code == 404
        sign_in(client, add_user(sourced, Role.VIEWER))
        assert client.get(f"/archive/{public}").status_code == 200  # the team may see it


def test_cli_sources_check_and_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: str) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    monkeypatch.setenv("MARSAD_FETCH_ALLOW", "127.0.0.1")
    runner = CliRunner()
    runner.invoke(app, ["init"])
    data = tmp_path / "one.csv"
    data.write_text(
        "id,kind,date,place,type,perpetrator,sources,status\n"
        f"2019-07-0001,attack,2019-07-02,Hasakah,ied,isis,{server}/statement | {server}/gone,published\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["import", str(data)]).exit_code == 0
    checked = runner.invoke(app, ["sources", "check"])
    assert checked.exit_code == 0 and f"dead: {server}/gone (404 Not Found)" in checked.stdout
    assert "Checked 2 links: 1 dead." in checked.stdout
    archived = runner.invoke(app, ["sources", "archive", "2019-07-0001"])
    assert archived.exit_code == 0 and "Archived source 1 of 2019-07-0001: sha256" in archived.stdout
    assert list((tmp_path / "archive").glob("*.warc.gz"))
    refused = runner.invoke(app, ["sources", "archive", "2019-07-0001", "--source", "2"])
    assert refused.exit_code == 1 and "answered 404" in refused.stderr


def test_internal_addresses_are_refused_by_archiving_and_link_checks(
    sourced: Session, vocab: Vocabularies, tmp_path: Path, server: str
) -> None:
    """Without an allow-list the server does not fetch itself, whatever a contributor typed."""
    with pytest.raises(ArchiveError, match=r"127\.0\.0\.1 is a loopback address .* MARSAD_FETCH_ALLOW"):
        archive_source(sourced, "2019-07-0001", 0, tmp_path, EDITOR, vocab)
    assert not list(tmp_path.iterdir())
    [checked] = check_links(sourced, [f"{server}/statement"])
    assert not checked.alive and checked.status_code is None and "loopback" in (checked.detail or "")


def test_the_desk_button_does_not_fetch_an_internal_address(
    engine: Engine, session: Session, vocab: Vocabularies, tmp_path: Path, server: str
) -> None:
    """The attack of issue 11: a contributor points a source at an internal page and presses "Archive"."""
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(status="draft", sources=[Source(url=f"{server}/admin")])]
    )
    settings = load_settings({"MARSAD_DATABASE_URL": "sqlite://", "MARSAD_ARCHIVE_DIR": str(tmp_path)})
    application = create_app(engine, settings)
    application.dependency_overrides[get_session] = lambda: session
    with TestClient(application) as client:
        csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
        answer = client.post("/desk/incidents/2019-07-0001/sources/0/archive", data={"csrf_token": csrf})
        assert answer.status_code == 200 and "is a loopback address" in answer.text
        assert SECRET not in answer.text
    assert not list(tmp_path.iterdir())  # nothing kept, so nothing served at /archive/<sha256>
    source = get_incident(session, "2019-07-0001", Access.INTERNAL).sources[0]  # type: ignore[union-attr]
    assert source.archive_sha256 is None
