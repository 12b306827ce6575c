"""Imports from the browser: the CLI's checks in a job of their own, its progress, then the row errors as a
table; nothing written until the file is clean.

The job's process writes to the database itself, so these tests run on a database of their own (``own_engine``)
rather than inside the rolled-back transaction other web tests share.
"""

from __future__ import annotations

import gzip
import html
import io
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.services.accounts import audit_events
from marsad.services.import_job import run_import
from marsad.services.jobs import JobFailed
from marsad.settings import load_settings
from marsad.storage.engine import unit_of_work
from marsad.storage.tables import INCIDENTS
from marsad.web import desk_import
from marsad.web.app import create_app
from tests.helpers import csv_text
from tests.services.import_files import FILES
from tests.services.test_importing import GOOD
from tests.web.desk_helpers import add_user, sign_in

BAD = "2019-07-0009,attack,2019-13-02,Hajin,armed_attack,isis,claimed,true,,https://a.example/9,draft"
JOB_TIMEOUT_S = 120
INTEROP = Path(__file__).resolve().parents[1] / "data" / "interop"


@dataclass
class Desk:
    client: TestClient
    csrf: str
    engine: Engine

    def count(self) -> int:
        with unit_of_work(self.engine) as session:
            return count(session)


@pytest.fixture
def desk(own_engine: Engine) -> Iterator[Desk]:
    """An editor signed in to a site on a database of its own."""
    with unit_of_work(own_engine) as session:
        email = add_user(session, Role.EDITOR)
    with TestClient(create_app(own_engine)) as client:
        yield Desk(client, sign_in(client, email), own_engine)


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(INCIDENTS)) or 0)


def finished(client: TestClient, response: httpx.Response) -> httpx.Response:
    """Follow the progress page (it refreshes itself) until the import has ended."""
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while "refresh" in response.headers:
        assert time.monotonic() < deadline, "the import did not end"
        assert "<progress" in response.text  # the progress page, in whichever language
        time.sleep(0.2)
        response = client.get(str(response.url))
    return response


def post(desk: Desk, content: bytes, name: str = "incidents.csv", skip: bool = False) -> httpx.Response:
    data = {"csrf_token": desk.csrf, **({"skip_invalid": "1"} if skip else {})}
    sent = desk.client.post("/desk/import", data=data, files={"file": (name, content, "application/octet-stream")})
    return finished(desk.client, sent)


def upload(desk: Desk, text: str, name: str = "incidents.csv", skip: bool = False) -> str:
    return post(desk, text.encode(), name, skip).text


def test_an_arabic_editor_reads_what_to_fix_in_the_file_in_arabic(desk: Desk) -> None:
    desk.client.get("/desk/import?lang=ar")  # the language is remembered for the upload and its progress
    page = html.unescape(upload(desk, csv_text(*GOOD, BAD)))
    assert "incidents.csv: في صف واحد من 4 صفوف خطأ؛ لم يُستورد شيء." in page
    assert "<td>السطر 5</td><td>date</td><td dir=\"auto\">'2019-13-02' ليس تاريخاً (المتوقع YYYY-MM-DD)</td>" in page


# What an import with a bad row skipped wrote, in each language's words.
SKIPPED = {
    "ar": "استُورد incidents.csv: 4 صفوف — جديدة: 3، محدَّثة: 0، دون تغيير: 0، مع تخطي صف خاطئ واحد.",
    "ku": "incidents.csv hat têxistin: 4 rêz — nû: 3, nûkirî: 0, neguherî: 0, 1 rêza şaş hat derbaskirin.",
    "ckb": "incidents.csv هاوردە کرا: 4 ڕیز — نوێ: 3، نوێکراوە: 0، نەگۆڕاو: 0، 1 ڕیزی هەڵە تێپەڕێنرا.",
}


@pytest.mark.parametrize("language", sorted(SKIPPED))
def test_what_the_import_wrote_reads_in_the_editors_language(desk: Desk, language: str) -> None:
    desk.client.get(f"/desk/import?lang={language}")
    assert SKIPPED[language] in html.unescape(upload(desk, csv_text(*GOOD, BAD), skip=True))


def test_names_without_a_marsad_key_are_listed_in_the_editors_language(desk: Desk) -> None:
    ged = (INTEROP / "ged_unknown_side.csv").read_bytes()
    english = html.unescape(post(desk, ged, "ged.csv").text)
    assert "<bdi>“Jaish al-Ghurabaa”</bdi> (add under <code>sides</code>): 1 row</li>" in english
    desk.client.get("/desk/import?lang=ckb")
    sorani = html.unescape(post(desk, ged, "ged.csv").text)
    assert "<bdi>«Jaish al-Ghurabaa»</bdi> (لەژێر <code>sides</code> زیادی بکە): 1 ڕیز</li>" in sorani


def test_a_file_with_a_bad_row_writes_nothing_and_lists_the_problem(desk: Desk) -> None:
    page = upload(desk, csv_text(*GOOD, BAD))
    assert "incidents.csv: 1 of 4 rows has an error; nothing was imported" in page
    assert "<td>line 5</td><td>date</td>" in page and "&#39;2019-13-02&#39; is not a date" in page
    assert desk.count() == 0
    skipped = upload(desk, csv_text(*GOOD, BAD), skip=True)
    assert "Imported incidents.csv: 4 rows — 3 new, 0 updated, 0 unchanged, 1 bad row skipped." in skipped
    assert desk.count() == 3
    with unit_of_work(desk.engine) as session:
        (event,) = audit_events(session, "import")
    assert (event.target, event.actor) == ("incidents.csv", "editor@example.org")


def test_a_clean_file_imports_and_again_changes_nothing(desk: Desk) -> None:
    assert "3 new, 0 updated, 0 unchanged" in upload(desk, csv_text(*GOOD))
    assert "0 new, 0 updated, 2 unchanged" in upload(desk, csv_text(*GOOD[:2]))


def test_a_compressed_download_is_unpacked_and_imported(desk: Desk) -> None:
    page = post(desk, gzip.compress(csv_text(*GOOD).encode()), "incidents.csv.gz").text
    assert "Imported incidents.csv.gz: 3 rows — 3 new" in page and desk.count() == 3
    two = io.BytesIO()
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.csv", csv_text(*GOOD))
        archive.writestr("b.csv", csv_text(*GOOD))
    refused = post(desk, two.getvalue(), "both.zip").text
    assert "should hold one file to import" in refused and "(a.csv, b.csv)" in refused


def test_a_file_the_job_cannot_read_and_the_layout_it_read_are_told_in_the_editors_language(desk: Desk) -> None:
    desk.client.get("/desk/import?lang=ar")
    two = io.BytesIO()
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.csv", csv_text(*GOOD))
        archive.writestr("b.csv", csv_text(*GOOD))
    refused = html.unescape(post(desk, two.getvalue(), "both.zip").text)  # refused by the job, in its process
    assert "ملفاً واحداً للاستيراد (CSV أو JSON أو GeoJSON أو XLSX)، لكن فيه 2 ملفات (a.csv, b.csv)" in refused
    assert "should hold one file" not in refused
    assert "استُورد incidents.csv" in (read := html.unescape(upload(desk, csv_text(*GOOD))))
    assert "ملف CSV القياسي لمرصد" in read and "canonical CSV" not in read


def test_the_upload_answers_at_once_with_a_progress_page_only_its_owner_sees(desk: Desk, own_engine: Engine) -> None:
    started = desk.client.post(
        "/desk/import",
        data={"csrf_token": desk.csrf},
        files={"file": ("incidents.csv", csv_text(*GOOD).encode(), "text/csv")},
        follow_redirects=False,
    )
    assert started.status_code == 303 and started.headers["location"].startswith("/desk/import/")
    progress = desk.client.get(started.headers["location"])
    if "refresh" in progress.headers:  # a busy machine: the job has not ended yet
        assert "<progress" in progress.text and "You can leave this page" in progress.text
    with unit_of_work(own_engine) as session:
        other = add_user(session, Role.ADMIN, "other@example.org")
    with TestClient(create_app(own_engine)) as stranger:
        sign_in(stranger, other)
        assert stranger.get(started.headers["location"]).status_code == 404
        assert stranger.get("/desk/import/not-a-job").status_code == 404
    assert "3 new" in finished(desk.client, progress).text


def test_unreadable_uploads_say_why(desk: Desk) -> None:
    refused = desk.client.post(
        "/desk/import", data={"csrf_token": desk.csrf}, files={"file": ("incidents.docx", b"x", "text/plain")}
    )
    assert refused.status_code == 422 and "incidents.docx" in refused.text
    unknown = post(desk, b"what,ever\n1,2\n")
    assert unknown.status_code == 422
    assert "&#39;what&#39;, &#39;ever&#39;) is neither Marsad&#39;s columns nor ACLED&#39;s" in unknown.text
    misspelt = post(desk, b"dte,type\n")
    assert "&#39;dte&#39; is not a Marsad column (did you mean &#39;date&#39;?)" in misspelt.text


def test_only_editors_import(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    response = client.post("/desk/import", data={"csrf_token": csrf}, files={"file": ("a.csv", b"id\n", "text/csv")})
    assert response.status_code == 403 and count(session) == 0


def test_no_fuzzed_file_ends_the_import_without_a_sentence(own_engine: Engine, tmp_path: Path) -> None:
    """The fuzzed files of every format the page offers, through the job's own work (the page shows what it
    returns, or the sentence of its JobFailed): never another exception, never a partial write."""
    url = own_engine.url.render_as_string(hide_password=False)
    job_settings = replace(load_settings({}), database_url=url)
    offered = st.sampled_from(["csv", "xlsx", "json", "geojson"])

    @settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(upload=offered.flatmap(lambda name: st.tuples(st.just(name), FILES[name])))
    def answered(upload: tuple[str, bytes]) -> None:
        name, content = upload
        path = tmp_path / f"fuzzed.{name}"
        path.write_bytes(content)
        before = stored()
        try:
            result = run_import(lambda *_: None, job_settings, str(path), path.name, False, False, "fuzz")
        except JobFailed as failure:
            assert str(failure).startswith(f"fuzzed.{name}: ")
            refused = True
        else:
            refused = result["rejected"]
            assert refused == bool(result["bad_rows"]) and refused == bool(result["errors"])
        assert stored() == before or not refused

    def stored() -> int:
        with unit_of_work(own_engine) as session:
            return count(session)

    answered()


def test_the_files_that_crashed_the_page_now_say_what_is_wrong(desk: Desk) -> None:
    for name, content, message in [
        ("a.xlsx", b"id,date\n1,2019-07-02\n", "this is not an XLSX workbook"),
        ("a.geojson", b'{"type": "FeatureCollection", "features": [{"geometry": [1, 2]}]}', "required column"),
        ("a.json", b"[" * 100_000, "nested too deeply"),
        ("a.csv", csv_text(GOOD[0].replace("Qamishlo", "Qami\x00shlo")).encode(), "holds a NUL character"),
        ("a.csv", csv_text(GOOD[0].replace(",2,https", ",²,https")).encode(), "&#39;²&#39; is not a whole number"),
    ]:
        response = post(desk, content, name)
        assert response.status_code == 422 and message in response.text, (name, response.text[-1500:])
        assert 'role="alert"' in response.text
    assert desk.count() == 0


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    monkeypatch.setattr(desk_import, "MAX_UPLOAD_BYTES", 1000)
    response = client.post(
        "/desk/import", data={"csrf_token": csrf}, files={"file": ("big.csv", b"x" * 2000, "text/csv")}
    )
    assert response.status_code == 413 and "an admin can import it with" in response.text
