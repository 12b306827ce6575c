"""Browser tests: Playwright driving Debian's Chromium against `marsad` served by Uvicorn in a thread.

The setup step installs /usr/bin/chromium; without it these tests skip locally and fail in CI.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import Engine

from marsad.domain.roles import Role
from marsad.domain.vocabulary import load_vocabularies
from marsad.storage.engine import make_engine, unit_of_work
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.migrate import upgrade
from marsad.web.app import create_app
from tests.helpers import ARTIFACTS, attack, raid
from tests.web.desk_helpers import add_user

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A served Marsad on a SQLite file with 75 published incidents (one located only to its district), a draft
    and 12 incidents waiting for review."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('site') / 'marsad.db'}")
    upgrade(engine)
    incidents = [attack(id=f"2019-07-{n:04d}", date=dt.date(2019, 7, 1 + n % 28)) for n in range(1, 74)]
    incidents += [
        attack(
            id="2019-07-0074",
            date=dt.date(2019, 7, 19),
            type="assassination",
            place="al-Mayadin",
            latitude=35.0207,
            longitude=40.4516,
            geo_precision="district",
            admin1="Deir ez-Zor",
            admin2="Al-Mayadin",
            region="deir_ez_zor",
            description="Assassination of a mukhtar in al-Mayadin.",
            military_killed_high=3,  # sources differ: 1 to 3
        ),
        raid(),
        attack(id="2019-08-0001", date=dt.date(2019, 8, 1), status="draft", sources=[]),
    ]
    incidents += [  # waiting for review on the desk
        attack(id=f"2019-09-{n:04d}", date=dt.date(2019, 9, n), status="in_review") for n in range(1, 13)
    ]
    with unit_of_work(engine) as session:
        IncidentWriter(session, load_vocabularies(), actor="test", via="test").write(incidents)
        for role in (Role.EDITOR, Role.CONTRIBUTOR):
            add_user(session, role)
    with served(engine) as url:
        yield url
    engine.dispose()


@contextmanager
def served(engine: Engine) -> Iterator[str]:
    """Marsad on ``engine``, served by Uvicorn in a thread for as long as the block runs: its address."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (the setup step installs Debian's chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def screenshot(page: Page, name: str) -> None:
    """Keep what the user saw, to look at (test-artifacts/ is not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
