"""The map, the dataset and the API say which grades the figures count, in the reader's language, and follow
the setting (MARSAD_COUNTED_GRADES)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.vocabulary import load_vocabularies
from marsad.settings import load_settings
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Counted: confirmed and fair."),
        ("ar", "المحتسبة: مؤكد ومقبول."),
        ("ku", "Tên hesibandin: piştrastkirî û maqûl."),
        ("ckb", "ژمێردراو: پشتڕاستکراوە و گونجاو."),
    ],
)
def test_the_map_and_the_dataset_state_the_counted_grades(client: TestClient, language: str, sentence: str) -> None:
    shown = client.get("/map", params={"kind": "attack", "lang": language}).text
    assert f'id="map-grades">{sentence}</p>' in shown
    dataset = client.get("/incidents", params={"lang": language}).text
    assert f'<span class="counted-grades">{sentence}</span>' in dataset


def test_the_api_and_the_methodology_name_the_counted_grades(client: TestClient) -> None:
    counting = client.get("/api/v1/incidents").json()["counting"]
    assert counting["grades"] == ["confirmed", "fair"] and counting["grades_rule"] == "Counted: confirmed and fair."
    page = client.get("/methodology").text
    assert '<strong id="counted-grades">Counted: confirmed and fair.</strong>' in page
    assert "<dt>Fair (counted)</dt><dd>A credible, specific report" in page and "<dt>Weak</dt>" in page


@pytest.fixture
def strict_client(session: Session) -> Iterator[TestClient]:
    """The site started with MARSAD_COUNTED_GRADES=confirmed."""
    app = create_app(session.get_bind(), load_settings({"MARSAD_COUNTED_GRADES": "confirmed"}))  # type: ignore[arg-type]
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def test_a_site_started_with_other_grades_says_so(strict_client: TestClient) -> None:
    assert "Counted: confirmed." in strict_client.get("/incidents").text
    assert strict_client.get("/api/v1/incidents").json()["counting"]["grades"] == ["confirmed"]


def test_the_dataset_filters_by_grade_in_any_language(client: TestClient, session: Session) -> None:
    IncidentWriter(session, load_vocabularies(), actor="t", via="test").write(
        [
            attack(id="2019-07-0001", grade="fair"),
            attack(id="2019-07-0002", grade="weak", counted=False, exclusion_reason="not confirmed"),
        ]
    )
    page = client.get("/incidents", params={"grade": "weak", "counted": "all"}).text
    assert '<select name="grade">' in page and '<option value="contested">Contested</option>' in page
    assert "2019-07-0002" in page and "2019-07-0001" not in page
    assert "1</strong> incident graded weak, including those not counted" in " ".join(page.split())
    api = client.get("/api/v1/incidents", params=[("grade", "weak"), ("grade", "Contested"), ("counted", "all")])
    assert [(i["id"], i["grade"]) for i in api.json()["incidents"]] == [("2019-07-0002", "weak")]
    legacy = client.get("/api/v1/incidents", params={"confirmed": "false", "counted": "all"}).json()
    # the parameter of the days before grades: not graded confirmed
    assert sorted(i["id"] for i in legacy["incidents"]) == ["2019-07-0001", "2019-07-0002"]
    assert client.get("/api/v1/incidents", params={"grade": "sure"}).status_code == 422
    arabic = client.get("/incidents", params={"grade": "fair", "lang": "ar"}).text
    assert "بدرجة ثقة مقبول" in arabic and "2019-07-0001" in arabic
