"""Telegram exports into the inbox, on both databases: every field read back, re-imports add only what is
new or edited, repeated texts grouped as one story, and a channel's t.me name asked once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from sqlalchemy.orm import Session

from marsad.domain.intake import ItemFilter, ItemStatus
from marsad.intake.telegram import read_export
from marsad.services import intake
from marsad.services.intake import (
    IntakeError,
    clean_username,
    import_telegram,
    known_usernames,
    list_items,
    read_ahead,
)
from tests.conftest import DATA

EXPORT = DATA / "intake" / "result.json"
LATER = DATA / "intake" / "result-later.json"
NAMES = {"1987654321": "furatwatch_test"}


def test_an_export_lands_whole_with_every_field_read_back(session: Session) -> None:
    [stored] = import_telegram(session, read_export(EXPORT), NAMES)
    assert (stored.added, stored.unchanged, stored.edited) == (9, 0, 0)
    assert stored.channel.username == "furatwatch_test" and stored.channel.name == "Furat Watch (synthetic)"
    items = {i.external_id: i for i in list_items(session, ItemFilter(), limit=100)}
    first = items["2"]
    assert first.url == "https://t.me/furatwatch_test/2"
    assert first.text.startswith("عاجل | قُتل عنصران") and first.language == "ar"
    assert first.links == ["https://deirezzor24.example/news/2023/11/02/shuhayl-attack"]
    assert first.posted_at == dt.datetime(2023, 11, 2, 6, 15, tzinfo=dt.UTC)
    assert first.status is ItemStatus.NEW and first.channel == "Furat Watch (synthetic)"
    # the suggestion: what the extraction read, with the values the inbox filters and matches on
    assert first.kind == "attack" and first.place == "al-Shuhayl" and first.region == "deir_ez_zor"
    assert first.killed == 2 and first.latitude is not None and first.event_date == dt.date(2023, 11, 2)
    assert first.suggestion is not None
    fields = {s["field"]: s for s in first.suggestion["suggestions"]}  # type: ignore[index, union-attr]
    assert fields["kind"]["value"] == "attack" and fields["kind"]["evidence"]
    assert items["4"].forwarded_from == "Deir Ezzor 24 (synthetic)"
    assert items["8"].reply_to == "7"
    assert [(m.kind, m.mime_type) for m in items["7"].media] == [("video_file", "video/mp4")]
    assert items["5"].revision > 0 and items["5"].media[0].file.startswith("(File not included")  # type: ignore[union-attr]
    assert items["6"].text == "" and items["6"].suggestion is not None
    assert items["10"].text.startswith("<script>")  # kept as written; pages escape it
    assert items["9"].kind is None  # bread prices: no incident suggested


def test_a_repost_and_a_forward_are_one_story_with_the_post(session: Session) -> None:
    import_telegram(session, read_export(EXPORT), NAMES)
    items = {i.external_id: i for i in list_items(session, ItemFilter(), limit=100)}
    assert items["2"].story_id is not None and items["2"].story_id == items["4"].story_id
    assert items["3"].story_id is None  # the English report of the same attack is matched by place, not text
    assert items["9"].story_id is None


def test_an_export_written_a_few_rows_at_a_time_keeps_each_item_with_its_own_reading(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "BATCH", 4)  # 9 messages: two full batches and a last one of a single item
    import_telegram(session, read_export(EXPORT), NAMES)
    items = {i.external_id: i for i in list_items(session, ItemFilter(), limit=100)}
    assert len(items) == 9
    assert items["2"].place == "al-Shuhayl" and items["2"].killed == 2 and items["9"].kind is None
    assert items["2"].story_id is not None and items["2"].story_id == items["4"].story_id
    assert items["10"].text.startswith("<script>") and items["10"].url == "https://t.me/furatwatch_test/10"


def test_a_later_export_adds_only_new_and_edited_messages(session: Session) -> None:
    import_telegram(session, read_export(EXPORT), NAMES)
    [again] = import_telegram(session, read_export(EXPORT), NAMES)
    assert (again.added, again.unchanged) == (0, 9)
    [later] = import_telegram(session, read_export(LATER), NAMES)
    assert (later.added, later.edited, later.unchanged) == (3, 1, 8)
    versions = [i for i in list_items(session, ItemFilter(), limit=100) if i.external_id == "5"]
    assert len(versions) == 2 and versions[0].revision != versions[1].revision
    assert versions[0].story_id is not None and versions[0].story_id == versions[1].story_id  # one message, one story
    endings = {v.text.split("،")[-1].strip() for v in versions}
    assert endings == {"وأنباء عن إصابة 3 عناصر.", "ما أدى إلى مقتل عنصر وإصابة 3 آخرين."}
    assert len(list_items(session, ItemFilter(), limit=100)) == 12


def test_the_channel_name_is_asked_once_and_kept(session: Session) -> None:
    chats = read_export(EXPORT)
    assert known_usernames(session, chats) == {"1987654321": None}
    import_telegram(session, chats, {"1987654321": "@furatwatch_test"})
    assert known_usernames(session, chats) == {"1987654321": "furatwatch_test"}
    with pytest.raises(IntakeError, match=r"give the t\.me name of the channel 'Furat Watch"):
        import_telegram(session, chats, {})


@pytest.mark.parametrize(
    ("given", "name"), [("furat_24", "furat_24"), ("@furat_24", "furat_24"), ("https://t.me/furat_24/", "furat_24")]
)
def test_a_channel_name_is_read_from_its_usual_forms(given: str, name: str) -> None:
    assert clean_username(given) == name


@pytest.mark.parametrize("given", ["", "ab", "has space", "t.me/", "9starts_with_digit", "x" * 40])
def test_a_wrong_channel_name_says_what_to_give(given: str) -> None:
    with pytest.raises(IntakeError, match=r"is not a Telegram channel name: give the name in its t\.me address"):
        clean_username(given)


def test_filters_and_search_in_every_script(session: Session) -> None:
    import_telegram(session, read_export(EXPORT), NAMES)

    def ids(**params: str) -> set[str]:
        return {i.external_id for i in list_items(session, ItemFilter.from_params(params), limit=100)}

    assert ids(q="الشحيل") == {"2", "4"}
    assert ids(q="الشَّحيل") == {"2", "4"}  # diacritics do not matter
    assert ids(q="SHUHAYL checkpoint") == {"3"}
    assert ids(q="alert('x')") == {"10"}
    assert ids(language="en") == {"3", "7", "8", "10"}
    assert ids(region="raqqa") == {"5"}
    assert ids(suggested="no") >= {"6", "9"} and "2" not in ids(suggested="no")
    assert ids(**{"from": "2023-11-04", "to": "2023-11-04"}) == {"6", "7", "8"}
    assert ids(status="dismissed") == set()
    assert ids(place="al-shuhayl") == {"2", "3", "4"}


class NoReading:
    """An extractor that must not be asked: the suggestions were read ahead."""

    gazetteer = None

    def extract(self, *_args: object, **_kwargs: object) -> None:
        raise AssertionError("read again inside the write transaction")


def test_suggestions_read_ahead_are_not_read_again_in_the_write(session: Session) -> None:
    chats = read_export(EXPORT)
    ahead = read_ahead(session, chats)
    assert len(ahead["1987654321"]) == 9
    [stored] = import_telegram(session, chats, NAMES, extractor=NoReading(), ahead=ahead)  # type: ignore[arg-type]
    assert stored.added == 9
    assert {i.external_id: i.place for i in list_items(session, ItemFilter())}["2"] == "al-Shuhayl"
    assert read_ahead(session, read_export(LATER))["1987654321"].keys() == {("5", 1699077600), ("11", 0), ("12", 0)}


def test_items_are_written_with_a_small_page_cache_and_the_connection_gets_its_own_back(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's page cache was a tenth of a large import's peak memory; a pooled connection keeps its 64 MB."""
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("a SQLite connection's page cache")

    def cache_kib() -> int:
        return -int(session.connection().exec_driver_sql("PRAGMA cache_size").scalar_one())

    during = []
    insert_items = intake.store.insert_items

    def noting(writing: Session, rows: Sequence[Sequence[object]]) -> None:
        during.append(cache_kib())
        insert_items(writing, rows)

    monkeypatch.setattr(intake.store, "insert_items", noting)
    import_telegram(session, read_export(EXPORT), NAMES)
    assert during == [intake.WRITE_CACHE_KIB] and cache_kib() == 65_536
