"""Telegram Desktop exports read as they are written: texts of strings and entities, links, edits, forwards,
replies and media placeholders; a broken export names the file, message and field."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.intake.telegram import ExportError, read_export
from tests.conftest import DATA

EXPORT = DATA / "intake" / "result.json"
PLACEHOLDER = "(File not included. Change data exporting settings to download.)"


def export_data() -> dict[str, Any]:
    return json.loads(EXPORT.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: object, name: str = "result.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_channel_export_reads_every_message_with_its_fields() -> None:
    [channel] = read_export(EXPORT)
    assert (channel.telegram_id, channel.title, channel.chat_type) == (
        "1987654321",
        "Furat Watch (synthetic)",
        "public_channel",
    )
    items = {item.external_id: item for item in channel.items}
    assert sorted(items, key=int) == [str(i) for i in range(2, 11)]  # the service message (1) is left out
    first = items["2"]
    # a text of strings and entities reads whole; the text link's href is kept (the real source)
    assert first.text.startswith("عاجل | قُتل عنصران") and first.text.endswith("المصدر #دير_الزور")
    assert first.links == ["https://deirezzor24.example/news/2023/11/02/shuhayl-attack"]
    # the time is date_unixtime (UTC), not the exporting machine's local 'date'
    assert first.posted_at == dt.datetime(2023, 11, 2, 6, 15, tzinfo=dt.UTC)
    assert first.author == "Furat Watch (synthetic)" and first.revision == 0
    assert items["3"].links == ["https://northpress.example/en/2023/11/02/shuhayl"]  # a plain link entity
    assert items["4"].forwarded_from == "Deir Ezzor 24 (synthetic)"
    edited = items["5"]
    assert edited.revision == int(dt.datetime(2023, 11, 3, 19, 10, tzinfo=dt.UTC).timestamp())
    assert [(m.kind, m.file) for m in edited.media] == [("photo", PLACEHOLDER)]
    assert items["6"].text == "" and items["6"].media[0].kind == "photo"  # a photo without a caption stays
    video = items["7"].media
    assert [(m.kind, m.mime_type) for m in video] == [("video_file", "video/mp4")]  # its thumbnail is not a medium
    assert items["8"].reply_to == "7"
    assert items["10"].links == ["https://t.me/some_other_channel/777"]
    assert items["10"].media[0].kind == "voice_message"


def test_an_account_export_reads_each_channel(tmp_path: Path) -> None:
    one = export_data()
    other = copy.deepcopy(one) | {"name": "Second (synthetic)", "id": 42, "type": "private_channel"}
    account = {"about": "…", "chats": {"about": "…", "list": [one, other]}, "left_chats": {"list": []}}
    chats = read_export(write(tmp_path, account))
    assert [(c.telegram_id, c.title, len(c.items)) for c in chats] == [
        ("1987654321", "Furat Watch (synthetic)", 9),
        ("42", "Second (synthetic)", 9),
    ]


def test_a_truncated_export_names_the_file_and_says_it_ends_early(tmp_path: Path) -> None:
    whole = EXPORT.read_bytes()
    path = tmp_path / "result.json"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ExportError) as error:
        read_export(path)
    assert str(error.value).startswith("result.json: is not valid JSON: ")
    assert "truncated export" in str(error.value)


def test_a_broken_byte_in_the_middle_is_not_called_a_truncation(tmp_path: Path) -> None:
    whole = EXPORT.read_bytes()
    path = tmp_path / "result.json"
    path.write_bytes(whole.replace(b'"id": 3,', b'"id": 3,,', 1))
    with pytest.raises(ExportError, match=r"^result\.json: is not valid JSON: ") as error:
        read_export(path)
    assert "truncated" not in str(error.value)


def _broken(field: str, value: object) -> dict[str, Any]:
    data = export_data()
    message = next(m for m in data["messages"] if m["id"] == 7)
    if value is None:
        del message[field]
    else:
        message[field] = value
    return data


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("date_unixtime", None, "missing (export again with a current Telegram Desktop, which writes it)"),
        ("date_unixtime", "17o0000000", "'17o0000000' is not a Unix time"),
        ("edited_unixtime", -5, "-5 is not a plausible time"),
        ("text", 12, "is neither a string nor a list of strings and entities"),
        ("text", ["ok ", {"type": "bold"}], "{'type': 'bold'} is neither a string nor an entity with a text"),
        ("text_entities", "bold", "is not a list of entity objects"),
        ("reply_to_message_id", "7", "'7' is not a message id"),
        ("forwarded_from", ["x"], "['x'] is not a name"),
        ("photo", 3, "3 is not a file path or placeholder"),
        ("type", "poll", "unknown message type 'poll'"),
    ],
)
def test_a_malformed_message_names_the_file_the_message_and_the_field(
    tmp_path: Path, field: str, value: object, reason: str
) -> None:
    with pytest.raises(ExportError) as error:
        read_export(write(tmp_path, _broken(field, value)))
    assert str(error.value).startswith(f"result.json, message 7, field {field}: {reason}")


def test_an_id_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    data = export_data()
    data["messages"][3]["id"] = "four"
    with pytest.raises(ExportError, match=r"^result.json, message four, field id: the id 'four' is not a whole number"):
        read_export(write(tmp_path, data))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([1, 2], "is not a Telegram Desktop export"),
        ({"name": "x"}, "no 'messages' and no 'chats' list"),
        ({"chats": {"list": [{"id": 5, "name": "x", "messages": "none"}]}}, "chat 'x' has no list of messages"),
    ],
)
def test_what_is_not_an_export_says_so(tmp_path: Path, data: object, reason: str) -> None:
    with pytest.raises(ExportError, match=reason):
        read_export(write(tmp_path, data))
