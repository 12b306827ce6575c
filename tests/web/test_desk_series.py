"""Indicator series on the desk: entering a figure, its mistakes, who may publish it, CSV in and out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import Source
from marsad.domain.roles import Role
from marsad.services.accounts import audit_events
from marsad.storage.series_store import list_observations
from tests.web.desk_helpers import add_user, sign_in

SEED = Path(__file__).resolve().parents[1] / "data" / "series_2023_11.csv"
FULL = {
    "indicator": "camp_population",
    "place": "مخيم الهول",  # the gazetteer's name is stored: al-Hol camp
    "group": "iraqis",
    "as_of": "2023-11-30",
    "value": "24,147",
    "low": "24000",
    "high": "24300",
    "source_url": "https://rojavainformationcenter.org/2023/12/november-sleeper-cell-report/",
    "source_title": "November Sleeper Cell Report",
    "source_publisher": "Rojava Information Center",
    "source_type": "local_media",
    "source_language": "en",
    "source_published": "2023-12-05",
    "source_accessed": "2023-12-06",
    "source_excerpt": "24,147 Iraqis remain in the camp",
    "note": "RIC data",
    "public": "true",
}


def test_an_editor_enters_a_figure_and_every_field_is_stored(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    response = client.post("/desk/series/new", data={"csrf_token": csrf, **FULL}, follow_redirects=False)
    assert response.status_code == 303, response.text
    [stored] = list_observations(session)  # public: the editor ticked it
    assert (stored.indicator, stored.place, stored.group, stored.as_of) == (
        "camp_population",
        "al-Hol camp",
        "iraqis",
        dt.date(2023, 11, 30),
    )
    assert (stored.low, stored.value, stored.high, stored.note, stored.public) == (
        24000,
        24147,
        24300,
        "RIC data",
        True,
    )
    assert stored.source == Source(
        url=FULL["source_url"],
        title="November Sleeper Cell Report",
        publisher="Rojava Information Center",
        source_type="local_media",
        language="en",
        published=dt.date(2023, 12, 5),
        accessed=dt.date(2023, 12, 6),
        excerpt="24,147 Iraqis remain in the camp",
    )
    page = client.get(response.headers["location"]).text
    assert f"Saved observation {stored.id}." in page and "al-Hol camp" in page and "24,147" in page
    assert [e.action for e in audit_events(session, target=f"observation:{stored.id}")] == ["observation_create"]


def test_mistakes_are_shown_beside_their_fields_and_what_was_typed_is_kept(
    client: TestClient, session: Session
) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    typed = FULL | {"as_of": "30/11/2023", "value": "about 24,000", "source_url": "", "source_title": ""}
    typed |= {"source_publisher": "", "place": "Camp <b>7</b>"}
    response = client.post("/desk/series/new", data={"csrf_token": csrf, **typed})
    assert response.status_code == 422
    page = response.text
    assert "Not saved yet: 3 fields to fix" in page
    assert "a figure needs its source: give a link, a title or a publisher" in page  # with the others, at once
    assert (
        '<p class="field-error" id="as_of-error">&#39;30/11/2023&#39; is not a date (expected YYYY-MM-DD)</p>' in page
    )
    assert "&#39;about 24,000&#39; is not a whole number" in page
    assert 'value="30/11/2023"' in page and 'value="Camp &lt;b&gt;7&lt;/b&gt;"' in page  # kept, and escaped
    assert list_observations(session, access=Access.INTERNAL) == []
    missing_source = client.post(
        "/desk/series/new", data={"csrf_token": csrf, **typed, "as_of": "2023-11-30", "value": "1"}
    )
    assert missing_source.status_code == 422
    assert "a figure needs its source: give a link, a title or a publisher" in missing_source.text
    kurmanji = client.post("/desk/series/new?lang=ku", data={"csrf_token": csrf, **typed, "low": "9", "value": "1"})
    assert "jimarek çavkaniya xwe dixwaze: girêdanek, sernavek an weşangerek bide" in kurmanji.text
    assert "9 ji nirxa 1 zêdetir e" in kurmanji.text


def test_a_contributors_figure_waits_for_an_editor(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    form = client.get("/desk/series/new").text
    assert 'name="public"' not in form and "An editor makes the figure public" in form
    client.post("/desk/series/new", data={"csrf_token": csrf, **FULL})  # sends public=true anyway
    [stored] = list_observations(session, access=Access.INTERNAL)
    assert not stored.public and list_observations(session) == []
    correction = client.post(
        f"/desk/series/{stored.id}", data={"csrf_token": csrf, **FULL, "value": "24148"}, follow_redirects=False
    )
    assert correction.status_code == 303  # not public: a contributor may correct it
    client.cookies.clear()
    editor = sign_in(client, add_user(session, Role.EDITOR))
    client.post(f"/desk/series/{stored.id}", data={"csrf_token": editor, **FULL, "version": "2"})
    client.cookies.clear()
    sign_in(client, "contributor@example.org")
    refused = client.get(f"/desk/series/{stored.id}")
    assert refused.status_code == 403 and "changing a public figure needs the &#39;publish&#39; right" in refused.text


def test_a_stale_save_is_refused_instead_of_overwriting(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    client.post("/desk/series/new", data={"csrf_token": csrf, **FULL})
    [stored] = list_observations(session)
    first = client.post(
        f"/desk/series/{stored.id}",
        data={"csrf_token": csrf, **FULL, "value": "1", "low": "", "high": "", "version": "1"},
        follow_redirects=False,
    )
    assert first.status_code == 303
    second = client.post(
        f"/desk/series/{stored.id}",
        data={"csrf_token": csrf, **FULL, "value": "2", "low": "", "high": "", "version": "1"},
    )
    assert second.status_code == 409 and "Someone else saved this observation" in second.text
    assert list_observations(session)[0].value == 1


def test_the_list_shows_each_series_latest_value_and_its_change(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    october = FULL | {"as_of": "2023-10-31", "value": "24923", "low": "", "high": ""}  # not a real figure
    client.post("/desk/series/new", data={"csrf_token": csrf, **october})
    client.post("/desk/series/new", data={"csrf_token": csrf, **FULL})
    page = client.get("/desk/series?indicator=camp_population").text
    latest = page.split('id="series-latest"', 1)[1].split("</table>", 1)[0]
    change = r"2023-11-30</td><td class=\"n\">24,147.*?−776</td>\s*<td><bdi>2023-10-31</bdi> \(24,923\)"
    assert re.search(change, latest, re.S)
    assert "No observations in this selection yet." in client.get("/desk/series?indicator=returns").text


def test_an_editor_imports_a_file_or_learns_every_problem(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    good = client.post(
        "/desk/series/import",
        data={"csrf_token": csrf},
        files={"file": ("series_2023_11.csv", SEED.read_bytes(), "text/csv")},
    )
    assert good.status_code == 200 and "7 observations read: 7 new, 0 updated, 0 unchanged." in good.text
    broken = SEED.read_text(encoding="utf-8").replace("24147", "24 147").replace(",iraqis,", ",iraki,", 1)
    bad = client.post(
        "/desk/series/import",
        data={"csrf_token": csrf},
        files={"file": ("broken.csv", broken.encode("utf-8"), "text/csv")},
    )
    assert bad.status_code == 422 and "2 of 7 rows cannot be imported; nothing was written." in bad.text
    assert "<td>line 3</td><td>group</td>" in bad.text and "<td>line 4</td><td>value</td>" in bad.text
    assert len(list_observations(session)) == 7
    download = client.get("/desk/series.csv?indicator=repatriations")
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text.splitlines()[1].startswith("#indicator+code,#loc+name")
    assert len(download.text.splitlines()) == 4
    assert "series_export" in {e.action for e in audit_events(session)}
