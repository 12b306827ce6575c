"""The API's error messages in the language asked for (Accept-Language or ?lang=), English otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.vocabulary import Vocabularies
from marsad.settings import load_settings
from marsad.storage.incident_store import IncidentWriter
from marsad.web.api_errors import PYDANTIC_MESSAGES, invalid_value
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[TestClient]:
    IncidentWriter(session, vocab, actor="t", via="test").write([attack()])
    app = create_app(engine, load_settings({}))
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def test_a_404_comes_in_arabic_when_the_browser_asks_for_arabic(client: TestClient) -> None:
    answer = client.get("/api/v1/incidents/2099-01-0999", headers={"Accept-Language": "ar-SY,ar;q=0.9,en;q=0.5"})
    assert answer.status_code == 404 and answer.headers["content-language"] == "ar"
    assert answer.json() == {"error": "لا توجد حادثة منشورة بالمعرّف '2099-01-0999'", "parameter": None}
    english = client.get("/api/v1/incidents/2099-01-0999").json()["error"]
    assert english == "no published incident has the id '2099-01-0999'"


def test_a_422_names_its_parameter_and_says_what_is_wrong_in_the_language_asked(client: TestClient) -> None:
    arabic = client.get("/api/v1/incidents?from=2023-13-01", headers={"Accept-Language": "ar"})
    assert arabic.status_code == 422
    assert arabic.json() == {"error": "from: '2023-13-01' ليس تاريخاً (المتوقع YYYY-MM-DD)", "parameter": "from"}
    sorani = client.get("/api/v1/incidents?limit=5000&lang=ckb").json()
    assert sorani == {"error": "limit: دەبێت بەهاکە بچووکتر یان یەکسان بێت بە 1000", "parameter": "limit"}
    kurmanji = client.get("/api/v1/incidents?region=atlantis&lang=ku").json()["error"]
    assert kurmanji.startswith("region: 'atlantis' ne nirxeke naskirî ya region e")
    client.cookies.clear()  # ?lang= is remembered; without it and without Accept-Language: English
    assert client.get("/api/v1/incidents?limit=5000").json()["error"] == (
        "limit: Input should be less than or equal to 1000"
    )


class _Query(BaseModel):
    required: int
    whole: int = 0
    number: float = 0
    flag: bool = False
    at_least: Annotated[int, Field(ge=1)] = 1
    at_most: Annotated[int, Field(le=10)] = 1
    above: Annotated[int, Field(gt=0)] = 1
    below: Annotated[int, Field(lt=10)] = 1


def test_the_declared_pydantic_messages_are_pydantics_own_english_words() -> None:
    wrong: dict[str, Any] = {"whole": "x", "number": "y", "flag": "z", "at_least": 0, "at_most": 11}
    wrong |= {"above": 0, "below": 10}
    with pytest.raises(ValidationError) as raised:
        _Query(**wrong)
    errors = [{**e, "loc": ("query", *e["loc"])} for e in raised.value.errors()]
    assert {e["type"] for e in errors} == set(PYDANTIC_MESSAGES)  # every declared message is met here
    for error in errors:
        assert invalid_value(error) == f"{error['loc'][1]}: {error['msg']}"
