"""A small team at once, over real HTTP, on SQLite and PostgreSQL: every answer comes after its commit, nobody
waits forever, and no save is lost.

Each test runs a real server on a database of its own (the work must really commit) and many clients in
threads. Timeouts turn a hang into a failure.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx2 as httpx
import pytest
from sqlalchemy import Engine, text

from marsad.domain.access import Access
from marsad.domain.roles import Role
from marsad.domain.vocabulary import load_vocabularies
from marsad.storage.engine import unit_of_work
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import get_incident
from marsad.storage.revisions import history
from tests.helpers import attack
from tests.served import served
from tests.web.desk_helpers import PASSWORD, add_user
from tests.web.forms import form_controls, submitted

TIMEOUT = httpx.Timeout(30.0)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _sign_in(client: httpx.Client, email: str) -> str:
    """Sign in through the login form; returns the desk's CSRF token (the session must already work)."""
    token = CSRF.search(client.get("/login").text)
    assert token
    answer = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token.group(1), "next": "/desk"}
    )
    assert answer.status_code == 303, answer.text[:500]
    desk = client.get("/desk")
    assert desk.status_code == 200, f"the session did not work: {desk.status_code} {desk.headers.get('location')}"
    found = CSRF.search(desk.text)
    assert found
    return found.group(1)


def _people(engine: Engine, count: int) -> list[str]:
    emails = [f"editor{n}@example.org" for n in range(count)]
    with unit_of_work(engine) as session:
        for email in emails:
            add_user(session, Role.EDITOR, email)
    return emails


def test_twenty_people_signing_in_at_once_all_get_a_working_session(own_engine: Engine) -> None:
    emails = _people(own_engine, 20)
    with served(own_engine) as site:
        start = threading.Barrier(len(emails))

        def one(email: str) -> str:
            with httpx.Client(base_url=site, timeout=TIMEOUT) as client:
                start.wait()
                return _sign_in(client, email)

        with ThreadPoolExecutor(len(emails)) as pool:
            tokens = list(pool.map(one, emails))
    assert len(set(tokens)) == 20


def test_more_readers_at_once_than_connections_are_all_answered(own_engine: Engine) -> None:
    """60 readers at once, more than the worker's threads and connections together: each page's steps take
    threads in turn while the request keeps its connection, so without admission threads waited for
    connections held by requests waiting for threads, and the server froze until the pool gave up (500s)."""
    with unit_of_work(own_engine) as session:
        IncidentWriter(session, load_vocabularies(), actor="test", via="test").write([attack(status="published")])
    readers = 60
    with served(own_engine) as site:
        start = threading.Barrier(readers)

        def one(number: int) -> tuple[int, float]:
            with httpx.Client(base_url=site, timeout=httpx.Timeout(20.0)) as client:
                start.wait()
                began = time.monotonic()
                answer = client.get(
                    f"/incidents?sort={'-date' if number % 2 else 'date'}&from=2020-01-0{number % 9 + 1}"
                )
                return answer.status_code, time.monotonic() - began

        with ThreadPoolExecutor(readers) as pool:
            answers = list(pool.map(one, range(readers)))
    assert Counter(status for status, _ in answers) == {200: readers}
    assert max(seconds for _, seconds in answers) < 15


def test_signing_in_then_opening_the_desk_always_finds_the_session(own_engine: Engine) -> None:
    (email,) = _people(own_engine, 1)
    with served(own_engine) as site:
        for _ in range(30):
            with httpx.Client(base_url=site, timeout=TIMEOUT) as client:
                _sign_in(client, email)


def test_four_editors_saving_one_incident_lose_nothing_and_never_hang(own_engine: Engine) -> None:
    emails = _people(own_engine, 4)
    with unit_of_work(own_engine) as session:
        IncidentWriter(session, load_vocabularies(), actor="test", via="test").write(
            [attack(id="2023-11-0001", date=dt.date(2023, 11, 2))]
        )
    saved: list[tuple[str, str]] = []  # (the version the save was made on, what it wrote)
    answers: Counter[int] = Counter()
    with served(own_engine) as site:
        start = threading.Barrier(len(emails))

        def edit(email: str) -> None:
            with httpx.Client(base_url=site, timeout=TIMEOUT) as client:
                _sign_in(client, email)
                start.wait()
                for attempt in range(12):
                    page = client.get("/desk/incidents/2023-11-0001")
                    assert page.status_code == 200
                    form = dict(submitted(form_controls(page.text, "incident-form")))
                    form["description"] = f"{email} attempt {attempt}"
                    form["not_duplicate"] = "1"
                    answer = client.post("/desk/incidents/2023-11-0001", data=form)
                    answers[answer.status_code] += 1
                    if answer.status_code == 303:
                        saved.append((form["version"], form["description"]))

        with ThreadPoolExecutor(len(emails)) as pool:
            for done in [pool.submit(edit, e) for e in emails]:
                done.result(timeout=240)  # a hang fails here instead of stalling the suite
    assert set(answers) <= {303, 409}, answers  # saved, or refused as a conflict with both versions shown
    assert answers[303] == len(saved) >= 4
    # no lost update: two saves made on the same version cannot both succeed (the second must see the first)
    assert len({version for version, _ in saved}) == len(saved)
    with unit_of_work(own_engine) as session:
        written = [r.after for r in history(session, "2023-11-0001") if r.field == "description"]
        final = get_incident(session, "2023-11-0001", Access.INTERNAL)
    assert sorted(written) == sorted(text for _, text in saved)  # every acknowledged save is in the history
    assert final is not None and final.description == written[-1]


@pytest.mark.parametrize("own_engine", ["sqlite"], indirect=True)
def test_signing_in_does_not_wait_for_a_long_import(own_engine: Engine) -> None:
    """An import holds SQLite's write lock for its whole transaction; sign-ins live in a file of their own."""
    (email,) = _people(own_engine, 1)
    importing, done = threading.Event(), threading.Event()

    def long_import() -> None:
        with unit_of_work(own_engine) as session:
            session.execute(text("UPDATE id_counters SET last = last"))  # holds the dataset's write lock
            IncidentWriter(session, load_vocabularies(), actor="import", via="import").write(
                [attack(id="2023-11-0009", date=dt.date(2023, 11, 2))]
            )
            importing.set()
            done.wait(timeout=30)

    writer = threading.Thread(target=long_import)
    writer.start()
    try:
        assert importing.wait(timeout=10)
        with served(own_engine) as site, httpx.Client(base_url=site, timeout=TIMEOUT) as client:
            began = time.monotonic()
            _sign_in(client, email)
            assert time.monotonic() - began < 3
    finally:
        done.set()
        writer.join()
