"""The editorial desk over HTTP: signing in, CSRF, the entry form's validation, duplicates, roles, locking."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.services.accounts import audit_events
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.training import quick_entry_examples
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in


def entry(csrf: str, **changes: str | list[str]) -> dict[str, str | list[str]]:
    """A filled-in entry form: an armed attack in Qamishli yesterday with one source."""
    form: dict[str, str | list[str]] = {
        "csrf_token": csrf,
        "kind": "attack",
        "type": "armed_attack",
        "date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        "date_precision": "day",
        "place": "Qamishlo",
        "perpetrator": "isis",
        "attribution": "claimed",
        "grade": "confirmed",
        "military_killed": "2",
        "description": "Gunmen attacked an Asayish checkpoint.",
        "notes": "contact: details to follow",
        "status": "draft",
        "source_url": ["https://example.org/news/1", ""],
        "source_publisher": ["Local news", ""],
        "source_source_type": ["local_media", ""],
        "source_published": ["", ""],
        "source_title": ["", ""],
        "source_excerpt": ["", ""],
    }
    form.update(changes)
    return form


def test_the_desk_asks_for_a_sign_in_and_the_login_form_explains_failures(client: TestClient, session: Session) -> None:
    add_user(session, Role.EDITOR)
    redirected = client.get("/desk/incidents/new", follow_redirects=False)
    assert redirected.status_code == 303 and redirected.headers["location"] == "/login?next=%2Fdesk%2Fincidents%2Fnew"
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token
    wrong = client.post(
        "/login", data={"email": "editor@example.org", "password": "nope", "csrf_token": token.group(1)}
    )
    assert wrong.status_code == 401 and "do not match an active account" in wrong.text
    assert 'value="editor@example.org"' in wrong.text  # the email typed is kept
    forged = client.post("/login", data={"email": "editor@example.org", "password": "x", "csrf_token": "forged"})
    assert forged.status_code == 401 and "had expired" in forged.text


def test_session_cookie_is_httponly_and_sign_out_ends_it(client: TestClient, session: Session) -> None:
    add_user(session, Role.VIEWER)
    csrf = sign_in(client, "viewer@example.org")
    cookie = next(c for c in client.cookies.jar if c.name == "marsad_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    assert client.post("/logout", data={"csrf_token": "wrong"}).status_code == 403
    client.post("/logout", data={"csrf_token": csrf})
    assert client.get("/desk", follow_redirects=False).status_code == 303
    assert [e.action for e in audit_events(session)][:2] == ["logout", "login"]


def test_a_change_without_the_csrf_token_is_refused(client: TestClient, session: Session) -> None:
    add_user(session, Role.EDITOR)
    sign_in(client, "editor@example.org")
    response = client.post("/desk/incidents/new", data=entry("not-the-token"))
    assert response.status_code == 403 and "did not come from this site" in response.text


def test_the_form_shows_what_to_fix_next_to_each_field_and_keeps_the_input(
    client: TestClient, session: Session
) -> None:
    add_user(session, Role.CONTRIBUTOR)
    csrf = sign_in(client, "contributor@example.org")
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        "/desk/incidents/new",
        data=entry(csrf, date=future, military_killed="-1", place="Atlantis", description="<b>kept</b>"),
    )
    assert response.status_code == 422
    html = response.text
    assert f'<p class="field-error" id="date-error">{future} is in the future</p>' in html
    assert 'id="military_killed-error">-1 is negative; counts are 0 or more' in html
    assert 'id="place-error">&#39;Atlantis&#39; is not in the gazetteer' in html
    assert "&lt;b&gt;kept&lt;/b&gt;" in html and 'value="https://example.org/news/1"' in html  # nothing lost


def test_an_arabic_editor_reads_the_form_and_what_to_fix_in_arabic(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    form = entry(csrf, date=future, military_killed="-1", place="Atlantis")
    response = client.post("/desk/incidents/new?lang=ar", data=form)
    page = html.unescape(response.text)
    assert response.status_code == 422 and '<html lang="ar" dir="rtl">' in page
    assert "<h1>حادثة جديدة</h1>" in page and "لم يُحفظ بعد: 3 حقول تحتاج إلى تصحيح" in page
    assert f'id="date-error">{future} تاريخ في المستقبل</p>' in page
    assert 'id="military_killed-error">-1 عدد سالب؛ الأعداد 0 أو أكثر' in page
    assert "id=\"place-error\">'Atlantis' غير موجود في دليل الأماكن" in page
    assert ">هجوم</option>" in page  # the vocabularies' labels in Arabic too
    kurdish = html.unescape(client.post("/desk/incidents/new?lang=ckb", data=entry(csrf, military_killed="x")).text)
    assert "'x' ژمارەیەکی تەواو نییە" in kurdish and 'dir="rtl"' in kurdish


def test_a_range_that_does_not_surround_its_best_estimate_is_shown_beside_the_count(
    client: TestClient, session: Session
) -> None:
    add_user(session, Role.CONTRIBUTOR)
    csrf = sign_in(client, "contributor@example.org")
    typed = {
        "civilian_killed": "7",
        "civilian_killed_low": "8",
        "civilian_killed_high": "9",
        "civilian_injured_high": "2",
    }
    response = client.post("/desk/incidents/new", data=entry(csrf, **typed))
    assert response.status_code == 422
    field = response.text.split('id="f-civilian_killed"', 1)[1].split('<div class="field', 1)[0]
    assert 'name="civilian_killed_low" type="number" value="8"' in field  # the input is kept
    assert (
        '<p class="field-error" id="civilian_killed_low-error">the low estimate 8 is more than the best estimate '
        "civilian_killed 7; low ≤ best ≤ high</p>"
    ) in field
    assert 'id="civilian_injured_high-error">a range needs a best estimate: give civilian_injured too' in response.text


def test_a_contributor_saves_drafts_but_cannot_publish(client: TestClient, session: Session) -> None:
    add_user(session, Role.CONTRIBUTOR)
    csrf = sign_in(client, "contributor@example.org")
    refused = client.post("/desk/incidents/new", data=entry(csrf, status="published"))
    assert refused.status_code == 403 and "cannot make an incident published" in refused.text
    saved = client.post("/desk/incidents/new", data=entry(csrf, status="in_review"))
    assert saved.status_code == 200 and "Saved." in saved.text
    new_id = re.search(r"<h1>Incident ([^<]+)</h1>", saved.text)
    assert new_id and "Waiting for review" in saved.text
    assert new_id.group(1) not in client.get("/incidents").text  # not public


def test_an_editor_publishes_and_it_reaches_the_public_site(client: TestClient, session: Session) -> None:
    add_user(session, Role.EDITOR)
    csrf = sign_in(client, "editor@example.org")
    saved = client.post("/desk/incidents/new", data=entry(csrf, status="published"))
    new_id = re.search(r"<h1>Incident ([^<]+)</h1>", saved.text)
    assert new_id
    public = client.get(f"/incidents/{new_id.group(1)}")
    assert public.status_code == 200 and "Qamishli" in public.text and "contact: details" not in public.text
    assert [e.action for e in audit_events(session, "published")] == ["published"]


def test_a_near_identical_incident_is_shown_as_a_possible_duplicate(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    yesterday = dt.date.today() - dt.timedelta(days=1)
    existing = attack(id="2026-01-0001", date=yesterday, place="Qamishli", latitude=37.0522, longitude=41.2319)
    IncidentWriter(session, vocab, actor="t", via="test").write([existing])
    add_user(session, Role.EDITOR)
    csrf = sign_in(client, "editor@example.org")
    warned = client.post("/desk/incidents/new", data=entry(csrf))
    assert warned.status_code == 409 and "Possible duplicate" in warned.text
    assert 'href="/desk/incidents/2026-01-0001"' in warned.text and "It is a different incident" in warned.text
    saved = client.post("/desk/incidents/new", data=entry(csrf, not_duplicate="1"))
    assert saved.status_code == 200 and "Saved." in saved.text


def test_the_second_of_two_concurrent_edits_is_refused_with_both_versions(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write([attack(id="2019-07-0001", status="draft")])
    add_user(session, Role.EDITOR)
    csrf = sign_in(client, "editor@example.org")
    form = client.get("/desk/incidents/2019-07-0001").text
    version = re.search(r'name="version" value="(\d+)"', form)
    assert version
    mine = entry(csrf, version=version.group(1), place="Hasakah", description="My edit")
    # meanwhile a colleague saves a change
    IncidentWriter(session, vocab, actor="colleague", via="web").write(
        [attack(id="2019-07-0001", status="draft", description="Their edit")]
    )
    conflict = client.post("/desk/incidents/2019-07-0001", data=mine)
    assert conflict.status_code == 409 and "Someone else saved this incident" in conflict.text
    assert "My edit" in conflict.text and "Their edit" in conflict.text  # both versions, side by side
    new_version = re.search(r'name="version" value="(\d+)"', conflict.text)
    assert new_version and int(new_version.group(1)) > int(version.group(1))
    again = client.post("/desk/incidents/2019-07-0001", data={**mine, "version": new_version.group(1)})
    assert again.status_code == 200 and "My edit" in again.text


def test_quick_entry_pre_fills_the_form_without_saving(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    text = "Yesterday an IED killed 2 SDF fighters in Hajin. ISIS claimed the attack."
    page = client.post("/desk/incidents/new/from-text", data={"csrf_token": csrf, "text": text}).text
    assert "Recognised: " in page and "place Hajin" in page and "nothing is saved yet" in page
    assert 'name="military_killed" type="number" value="2"' in page and 'value="Hajin"' in page
    assert '<mark class="evidence filled" data-field="location"' in page and ">Hajin</mark>" in page
    assert "<strong>0</strong> incidents." in client.get("/desk/review?status=draft").text


def test_what_quick_entry_recognised_and_left_to_check_reads_in_the_editors_language(
    client: TestClient, session: Session
) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    text = "An IED killed between 5 and 9 people and wounded 2 SDF fighters in Hajin. ISIS claimed the attack."
    arabic = client.post("/desk/incidents/new/from-text?lang=ar", data={"csrf_token": csrf, "text": text}).text
    recognised = re.search(r"تم التعرّف على: (.*?)\. ", html.unescape(arabic))
    assert recognised, arabic
    for words in ("المكان Hajin (من «Hajin»)", "الأسلوب عبوة ناسفة", "المنفّذ داعش", "متبنّى", "جرحى عسكريون: 2"):
        assert words in recognised.group(1).split("، "), (words, recognised.group(1))
    assert "<li>قتلى: 5 (5–9) — عسكريون أم مدنيون؟ املأ الخانة المناسبة.</li>" in arabic
    sorani = client.post("/desk/incidents/new/from-text?lang=ckb", data={"csrf_token": csrf, "text": text}).text
    assert "ناسرایەوە: " in sorani and "شێواز بۆمبی چێندراو" in sorani and "سەربازیی بریندار: 2" in sorani
    assert "type IED" not in arabic + sorani and "perpetrator ISIS" not in arabic + sorani


def test_quick_entry_fills_a_range_into_the_low_and_high_boxes(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    text = "An IED killed between 3 and 5 SDF fighters in Hajin."
    page = client.post("/desk/incidents/new/from-text", data={"csrf_token": csrf, "text": text}).text
    for name, value in (("military_killed", 3), ("military_killed_low", 3), ("military_killed_high", 5)):
        assert f'name="{name}" type="number" value="{value}"' in page, name


def test_a_quick_entry_saved_is_kept_with_the_fields_the_editor_corrected(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    text = "An IED killed 2 SDF fighters in Hajin. ISIS claimed the attack."
    page = client.post("/desk/incidents/new/from-text", data={"csrf_token": csrf, "text": text}).text
    assert 'name="quick_text"' in page and "% sure" in page  # each highlighted value says how sure it is
    suggested = html.unescape(re.search(r'name="quick_suggested" value="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert json.loads(suggested)["type"] == "ied"
    form = entry(csrf, type="landmine", place="Hajin", quick_text=text, quick_suggested=suggested)
    saved = client.post("/desk/incidents/new", data=form, follow_redirects=False)
    assert saved.status_code == 303
    [kept] = quick_entry_examples(session)
    assert kept["text"] == text and kept["language"] == "en" and kept["incident_id"] in saved.headers["location"]
    assert "type" in kept["corrected"] and kept["suggested"]["type"] == "ied" and kept["saved"]["type"] == "landmine"
    assert "military_killed" not in kept["corrected"]  # the editor kept the toll as suggested


def test_a_point_outside_the_monitored_area_is_saved_with_a_warning(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    saved = client.post(
        "/desk/incidents/new",
        data=entry(csrf, place="", latitude="33.5138", longitude="36.2765"),  # Damascus
    )
    assert saved.status_code == 200 and "Saved." in saved.text
    assert "is outside the monitored area: the incident will not be counted in any region" in saved.text
