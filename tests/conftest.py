"""Fixtures: every database test runs on SQLite and on PostgreSQL, each on a schema made by the migrations.

PostgreSQL comes from MARSAD_TEST_POSTGRES_URL (default: this machine's server, database ``test``); each test
run creates its own database there and drops it at the end. Locally an unreachable server skips those
tests; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.gazetteer.gazetteer import Gazetteer, load_gazetteer
from marsad.storage.engine import make_engine
from marsad.storage.migrate import upgrade
from marsad.web.app import create_app
from marsad.web.deps import get_session

POSTGRES_ADMIN_URL = os.environ.get("MARSAD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"

SessionFactory = Callable[[], AbstractContextManager[Session]]


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards (skipped locally if unreachable)."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"marsad_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        message = f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {error.orig}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must run the PostgreSQL tests)")
        pytest.skip(message)
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run (per xdist worker)."""
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def own_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database of each kind for one test alone, for work that must really commit (servers)."""
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'marsad.db'}"
        else:
            url = stack.enter_context(throwaway_postgres())
        built = make_engine(url)
        stack.callback(built.dispose)
        upgrade(built)
        yield built


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database of each kind, shared by the run; tests isolate themselves in transactions."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'marsad.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    built = make_engine(url)
    upgrade(built)
    yield built
    built.dispose()


@pytest.fixture
def new_session(engine: Engine) -> SessionFactory:
    """Makes sessions whose work is rolled back at the end, so every test (and example) starts empty."""

    @contextmanager
    def factory() -> Iterator[Session]:
        with engine.connect() as connection:
            transaction = connection.begin()
            session = Session(bind=connection, join_transaction_mode="create_savepoint")
            try:
                yield session
            finally:
                session.close()
                transaction.rollback()

    return factory


@pytest.fixture
def session(new_session: SessionFactory) -> Iterator[Session]:
    with new_session() as opened:
        yield opened


@pytest.fixture(scope="session")
def vocab() -> Vocabularies:
    return load_vocabularies()


@pytest.fixture(scope="session")
def gazetteer(vocab: Vocabularies) -> Gazetteer:
    return load_gazetteer(vocab)


@pytest.fixture(autouse=True, scope="session")
def data_dir_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Whatever a test's site keeps in its data folder (jobs, archives) goes to a folder of the run, never ~."""
    previous = os.environ.get("MARSAD_DATA_DIR")
    os.environ["MARSAD_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    yield
    if previous is None:
        del os.environ["MARSAD_DATA_DIR"]
    else:
        os.environ["MARSAD_DATA_DIR"] = previous


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing() -> Iterator[None]:
    """argon2 with small costs in tests: hashing is the point in production, and only slows the suite here."""
    from argon2 import PasswordHasher

    from marsad.services import accounts

    production = accounts.HASHER
    accounts.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    accounts.HASHER = production


@pytest.fixture
def client(engine: Engine, session: Session) -> Iterator[TestClient]:
    """The site on the test database, its requests sharing the test's session (rolled back afterwards).

    Test modules that need data first define their own ``client`` over this pattern.
    """
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client
