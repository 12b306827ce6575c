"""The site on the test database: a client whose requests share the test's session (rolled back afterwards)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.web.app import create_app
from marsad.web.deps import get_session


@pytest.fixture
def client(engine: Engine, session: Session) -> Iterator[TestClient]:
    """Test modules that need data first define their own ``client`` fixture over this pattern."""
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client
