"""Script and attribute payloads in every free-text field stay inert on every page that shows them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.access import Access
from marsad.domain.incident import Source
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.assemble import build_monthly_report
from marsad.report.html import render_html
from marsad.report.markdown import render_markdown
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(2)'
PAYLOAD = f"{SCRIPT}{ATTRIBUTE}"


def inert(html: str) -> bool:
    return "<script>alert" not in html and 'onmouseover="alert' not in html


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[TestClient]:
    hostile = attack(
        id="2019-07-0001",
        place=PAYLOAD,
        latitude=36.50237,
        longitude=40.74772,
        description=PAYLOAD,
        notes=PAYLOAD,
        sources=[Source(url='https://example.org/"><script>alert(3)</script>', title=PAYLOAD, publisher=PAYLOAD)],
    )
    writer = IncidentWriter(session, vocab, actor="t", via="test")
    writer.write([hostile])
    writer.write([dataclasses.replace(hostile, description=f"edited {PAYLOAD}")])  # an edit: a history entry
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        sign_in(test_client, add_user(session, Role.EDITOR))
        yield test_client


@pytest.mark.parametrize(
    "path",
    [
        "/incidents",
        "/incidents/2019-07-0001",
        "/desk/incidents/2019-07-0001",
        "/desk/incidents/2019-07-0001/history",
        "/desk/review?status=published",
        "/desk/audit",
    ],
)
def test_payloads_are_escaped_on_every_page(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert inert(html), path


def test_payloads_are_inert_in_reports(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-07-0002", description=PAYLOAD, sources=[Source(title=PAYLOAD, publisher=PAYLOAD)])]
    )
    report = build_monthly_report(session, Month(2019, 7), Scope(), vocab, Access.PUBLIC)
    assert inert(render_html(report, vocab, gazetteer))
    assert SCRIPT not in render_markdown(report, vocab)
