"""Report drafts on the desk: the structured editor (key points to reorder, edit and hide; sections beside their
preview), the draft file kept as an alternative, preview with today's figures, publication with a confirmation.

Every test reads back from the database what the form wrote."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report.draft import ReportDraft, Section
from marsad.services.importing import import_rows
from marsad.services.reports import get_report, save_draft
from tests.web.desk_helpers import add_user, sign_in

DATA = Path(__file__).resolve().parents[1] / "data"
NOVEMBER = Month(2023, 11)


@pytest.fixture
def editor(client: TestClient, session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> str:
    """An editor signed in, with November 2023's incidents (the seed report's month) in the database."""
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    return sign_in(client, add_user(session, Role.EDITOR))


def stored_draft(session: Session) -> ReportDraft:
    session.expire_all()
    stored = get_report(session, NOVEMBER)
    assert stored is not None
    return stored.draft


def editor_form(csrf: str, draft: ReportDraft, **changes: object) -> dict[str, object]:
    """What the editor's page sends for ``draft``: parallel lists in page order, with the blank rows it offers."""
    points = [(p, "shown") for p in draft.key_points] + [(p, "hidden") for p in draft.hidden_key_points]
    form: dict[str, object] = {
        "csrf_token": csrf,
        "title": draft.title,
        "point_text": [p for p, _ in points] + [""],
        "point_state": [s for _, s in points] + ["shown"],
        "section_title": [s.title for s in draft.sections] + [""],
        "section_after": [s.after for s in draft.sections] + ["key-points"],
        "section_body": [s.body for s in draft.sections] + [""],
    }
    return form | changes


def test_the_month_picker_offers_last_month_and_starting_opens_the_editor(
    client: TestClient, session: Session, editor: str
) -> None:
    listing = client.get("/desk/reports").text
    last_month = Month.of(dt.date.today()).previous().key
    assert f'type="month" placeholder="2023-11" value="{last_month}"' in listing
    bad_month = client.post("/desk/reports", data={"csrf_token": editor, "month": "Nov 2023"})
    assert bad_month.status_code == 422 and "&#39;Nov 2023&#39; is not a month" in bad_month.text
    started = client.post(
        "/desk/reports",
        data={"csrf_token": editor, "month": "2023-11", "perpetrator": "isis", "noun": "ISIS sleeper cell attacks"},
    )
    assert started.status_code == 200 and 'value="ISIS sleeper cell attacks in NES: November 2023"' in started.text
    rows = [html.unescape(r) for r in re.findall(r'id="f-point-\d+" name="point_text"[^>]*>([^<]*)<', started.text)]
    assert rows == stored_draft(session).key_points and rows[0].startswith("11 confirmed ISIS sleeper cell attacks")


def test_key_points_reordered_edited_hidden_and_added_are_stored_as_sent(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    save_draft(session, NOVEMBER, vocab, "editor")
    first, second, *rest = stored_draft(session).key_points
    sent = editor_form(
        editor,
        stored_draft(session),
        title="  November   in NES ",
        point_text=["Eleven attacks, the fewest in a year", first, *rest, "A protest in al-Hol camp"],
        point_state=["shown", "hidden", *["shown"] * len(rest), "shown"],
        section_title=["Camps", ""],
        section_after=["raids", "key-points"],
        section_body=["A protest in **al-Hol**.", ""],
    )
    saved = client.post("/desk/reports/2023-11", data=sent)
    assert saved.status_code == 200 and "Draft saved." in saved.text
    draft = stored_draft(session)
    assert draft.title == "November in NES"
    assert draft.key_points == ["Eleven attacks, the fewest in a year", *rest, "A protest in al-Hol camp"]
    assert draft.hidden_key_points == [first]  # second was edited into the first row's text, first hidden
    assert second not in draft.key_points
    assert draft.sections == [Section("Camps", "A protest in **al-Hol**.", "raids")]
    # the CLI's draft file carries the same draft, hidden points included
    assert ReportDraft.from_file(draft.to_file()) == draft and f"## Hidden key points\n- {first}" in draft.to_file()
    page = client.get("/desk/reports/2023-11").text
    assert 'class="point-row is-hidden"' in page and '<option value="hidden" selected>' in page


def test_buttons_without_javascript_move_remove_and_add(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    draft = ReportDraft("November", ["one", "two", "three"], [Section("A", "a"), Section("B", "b", "map")])
    save_draft(session, NOVEMBER, vocab, "editor", draft=draft)
    moved = client.post("/desk/reports/2023-11", data=editor_form(editor, draft, action="point-up:2"))
    assert moved.url.fragment == "key-points"
    assert stored_draft(session).key_points == ["one", "three", "two"]
    client.post("/desk/reports/2023-11", data=editor_form(editor, stored_draft(session), action="point-down:0"))
    assert stored_draft(session).key_points == ["three", "one", "two"]
    client.post("/desk/reports/2023-11", data=editor_form(editor, stored_draft(session), action="point-remove:1"))
    assert stored_draft(session).key_points == ["three", "two"]
    client.post("/desk/reports/2023-11", data=editor_form(editor, stored_draft(session), action="section-remove:0"))
    assert stored_draft(session).sections == [Section("B", "b", "map")]
    stale = editor_form(editor, stored_draft(session), action="point-up:9")  # a page older than the draft
    client.post("/desk/reports/2023-11", data=stale)
    assert stored_draft(session).key_points == ["three", "two"]


def suggestions(page: str) -> list[str]:
    return [html.unescape(p) for p in re.findall(r'name="action" value="add-point:([^"]+)"', page)]


def test_key_points_from_todays_figures_are_offered_and_added(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    save_draft(session, NOVEMBER, vocab, "editor", draft=ReportDraft("November", ["Written by hand"]))
    page = client.get("/desk/reports/2023-11").text
    offered = suggestions(page)
    assert offered and offered[0].startswith("11 confirmed attacks")
    client.post(
        "/desk/reports/2023-11", data=editor_form(editor, stored_draft(session), action=f"add-point:{offered[0]}")
    )
    assert stored_draft(session).key_points == ["Written by hand", offered[0]]
    assert suggestions(client.get("/desk/reports/2023-11").text) == offered[1:]  # in the draft, no longer offered


def test_mistakes_are_named_and_what_was_typed_stays(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    save_draft(session, NOVEMBER, vocab, "editor", draft=ReportDraft("November", ["one"]))
    sent = editor_form(
        editor,
        stored_draft(session),
        title=" ",
        point_text=["one", "typed but not saved"],
        point_state=["shown", "shown"],
        section_title=[""],
        section_after=["map"],
        section_body=["A body with no heading"],
    )
    refused = client.post("/desk/reports/2023-11", data=sent)
    assert refused.status_code == 422 and "2 things to fix" in refused.text
    assert "Give the report a title." in refused.text and "Give this section a title" in refused.text
    assert "typed but not saved" in refused.text and "A body with no heading" in refused.text
    assert stored_draft(session) == ReportDraft("November", ["one"])  # nothing written


def test_the_draft_file_can_still_be_pasted_whole(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    save_draft(session, NOVEMBER, vocab, "editor", draft=ReportDraft("November", ["one"]))
    broken = "# Title\n## Key points\nnot a list item\n"
    refused = client.post("/desk/reports/2023-11", data={"csrf_token": editor, "draft": broken})
    assert refused.status_code == 422 and "line 3: key points are list items" in refused.text
    assert "not a list item" in refused.text  # the text typed is kept
    text = "# From a file\n\n## Key points\n- a\n\n## Hidden key points\n- b\n\n## Section: S (after: map)\nBody\n"
    client.post("/desk/reports/2023-11", data={"csrf_token": editor, "draft": text})
    assert stored_draft(session) == ReportDraft("From a file", ["a"], [Section("S", "Body", "map")], ["b"])


def test_the_preview_beside_the_form_follows_what_is_typed_and_stays_inert(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    save_draft(session, NOVEMBER, vocab, "editor", draft=ReportDraft("November", ["one"]))
    sent = editor_form(
        editor,
        stored_draft(session),
        title="<img src=x onerror=alert(1)>",
        point_text=["<script>alert(2)</script> shown", "kept back"],
        point_state=["shown", "hidden"],
        section_title=["Camps"],
        section_after=["raids"],
        section_body=["**al-Hol** <script>alert(3)</script> [x](javascript:alert(4))"],
    )
    fragment = client.post("/desk/reports/2023-11/draft-preview", data=sent)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    text = fragment.text
    assert "&lt;script&gt;alert(2)&lt;/script&gt; shown" in text and "&lt;img src=x" in text
    assert "<strong>al-Hol</strong>" in text and "<script" not in text and "javascript:" not in text
    assert "kept back" not in text and "1 hidden, not in the report" in text and "After raids and arrests" in text
    assert stored_draft(session) == ReportDraft("November", ["one"])  # previewing saves nothing


def test_publish_from_the_preview_after_a_confirmation(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    draft = ReportDraft("November in NES", ["Eleven attacks"], [Section("Camps", "In **al-Hol**.", "raids")], ["SHH"])
    save_draft(session, NOVEMBER, vocab, "editor", draft=draft)
    saved = client.post("/desk/reports/2023-11", data=editor_form(editor, draft, then="preview"))
    preview = saved.text
    assert saved.url.path == "/desk/reports/2023-11/preview"
    assert "not published" in preview and "November in NES" in preview and "<strong>al-Hol</strong>" in preview
    assert "SHH" not in preview and 'href="/desk/reports/2023-11/publish"' in preview
    assert "<strong>Synthetic data.</strong> All 24 incidents" in preview  # the fixture's records are synthetic
    assert client.get("/reports/2023-11").status_code == 404  # a draft is not public

    unconfirmed = client.post("/desk/reports/2023-11/publish", data={"csrf_token": editor}, follow_redirects=False)
    assert unconfirmed.headers["location"] == "/desk/reports/2023-11/publish"
    assert get_report(session, NOVEMBER).status == "draft"  # type: ignore[union-attr]
    confirm = client.get("/desk/reports/2023-11/publish").text
    assert "Publish the November 2023 report?" in confirm and "11 attacks counted" in confirm
    assert "1 key point (1 hidden stay out), 1 section" in confirm and "replacing" not in confirm

    published = client.post("/desk/reports/2023-11/publish", data={"csrf_token": editor, "confirmed": "yes"})
    assert published.url.path == "/reports/2023-11" and "November in NES" in published.text
    assert "SHH" not in published.text
    assert "<strong>Synthetic data.</strong>" in published.text and '<span class="issued">Published ' in published.text
    session.expire_all()
    assert get_report(session, NOVEMBER).status == "published"  # type: ignore[union-attr]
    assert "It replaces the version published" in client.get("/desk/reports/2023-11/publish").text
    assert "Eleven attacks" in client.get("/reports").text


def test_report_drafts_are_for_editors(client: TestClient, session: Session) -> None:
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    assert client.get("/desk/reports").status_code == 403
    assert client.post("/desk/reports", data={"csrf_token": csrf, "month": "2023-11"}).status_code == 403


def test_the_desk_publishes_in_the_languages_ticked(
    client: TestClient, session: Session, vocab: Vocabularies, editor: str
) -> None:
    save_draft(session, NOVEMBER, vocab, "editor", draft=ReportDraft("November in NES", ["Eleven attacks"]))
    confirm = client.get("/desk/reports/2023-11/publish").text
    assert 'name="languages" value="ar"' in confirm and 'name="languages" value="ckb"' in confirm
    form = {"csrf_token": editor, "confirmed": "yes", "languages": ["ar", "ckb"]}
    assert client.post("/desk/reports/2023-11/publish", data=form).status_code == 200
    session.expire_all()
    stored = get_report(session, NOVEMBER)
    assert stored is not None and stored.published_languages == ("en", "ar", "ckb")
    assert 'value="ar" checked' in client.get("/desk/reports/2023-11/publish").text  # ticked again next time
    sorani = client.get("/reports/2023-11?lang=ckb").text
    assert '<html lang="ckb" dir="rtl">' in sorani and "November in NES" in sorani  # the editors' own title stays
    assert "Eleven attacks" in sorani  # and their own key point
    refused = client.post("/desk/reports/2023-11/publish", data={**form, "languages": ["fr"]})
    assert refused.status_code == 409 and "does not write reports in fr" in refused.text
