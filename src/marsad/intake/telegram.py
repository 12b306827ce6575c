"""Telegram Desktop exports (``result.json``) of one channel or of a whole account, read into intake items.

What the export gives and how it is read:
- ``date`` is the exporting machine's local time without an offset, so the time is ``date_unixtime``;
  ``edited_unixtime`` marks an edited message (a later export's edit becomes a new item beside the first).
- ``text`` is a string, or a list mixing strings and entity objects (``{"type": "text_link", "text": "here",
  "href": "https://…"}``); ``text_entities`` is the same as a list of entities. A ``text_link``'s href is
  often the real source, so every href (and every plain ``link``) is kept.
- Media are fields of the message (``photo``, ``file`` with ``media_type`` and ``mime_type``); without the
  files the export writes a placeholder ("(File not included. Change data exporting settings to download.)"),
  which is kept as the media reference.
- The export has no channel username: citations (``https://t.me/<name>/<id>``) need it from the user.

A malformed or truncated export raises ExportError naming the file, the message id and the field; nothing
of it is returned, so nothing is imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.domain.intake import Media, NewItem

MEDIA_FIELDS = ("photo", "file", "thumbnail")
LINK_ENTITIES = frozenset({"link", "text_link"})


class ExportError(ValueError):
    """What is wrong with an export, and where: the file, the message id (when it has one), the field."""

    def __init__(self, path: Path, reason: str, message_id: object = None, field: str | None = None) -> None:
        self.path = path
        self.message_id = message_id
        self.field = field
        self.reason = reason
        where = [path.name]
        if message_id is not None:
            where.append(f"message {message_id}")
        if field is not None:
            where.append(f"field {field}")
        super().__init__(f"{', '.join(where)}: {reason}")


@dataclass
class TelegramChannel:
    """One chat of an export: its Telegram id (stable across exports), its title, and its messages."""

    telegram_id: str
    title: str
    chat_type: str
    items: list[NewItem] = field(default_factory=list)


def read_export(path: Path) -> list[TelegramChannel]:
    """Every chat of an export with its messages (service messages, such as 'channel created', left out).

    The file is read as a stream (ijson's C parser), one message (or, in an account's export, one chat) at a
    time: a channel's export of 100,000 messages is 80 MB of JSON, and 700 MB as Python objects if loaded whole.
    """
    import ijson  # loaded with the first export read (the web server and other commands need it not)

    try:
        kind, chat = _head(path, ijson)
        if kind == "messages":
            with path.open("rb") as handle:
                messages = ijson.items(handle, "messages.item", use_float=True)
                return [_channel(path, chat, messages)]
        found = []
        for part in ("chats", "left_chats"):
            with path.open("rb") as handle:
                for listed in ijson.items(handle, f"{part}.list.item", use_float=True):
                    if not isinstance(listed, dict):
                        raise ExportError(path, f"an entry of '{part}' is not a chat object", field=part)
                    listed_messages = listed.get("messages")
                    found.append(_channel(path, listed, listed_messages if isinstance(listed_messages, list) else None))
        return found
    except OSError as error:
        raise ExportError(path, f"cannot be read ({error.strerror})") from None
    except ijson.JSONError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        cut = "premature EOF" in reason or "Incomplete" in reason
        hint = " (the file ends early: a truncated export? export it again)" if cut else ""
        raise ExportError(path, f"is not valid JSON: {reason}{hint}") from None


def _head(path: Path, ijson: Any) -> tuple[str, dict[str, Any]]:
    """Whether the file is one chat's export ('messages') or an account's ('chats'), and the chat's id, name
    and type (written before its messages), read from the start of the file only."""
    chat: dict[str, Any] = {}
    with path.open("rb") as handle:
        events = ijson.parse(handle, use_float=True)
        for prefix, event, value in events:
            if prefix == "" and event != "map_key" and event != "start_map":
                break
            if prefix == "" and event == "start_map":
                continue
            if prefix == "" and value in ("messages", "chats"):
                following = next(events, ("", "", None))[1]
                if value == "messages" and following != "start_array":
                    raise ExportError(path, f"chat {chat.get('name', '?')!r} has no list of messages", field="messages")
                return value, chat | {"messages": []}
            if prefix in ("id", "name", "type") and event in ("number", "string"):
                chat[prefix] = value
            elif prefix == "" and event == "end_map":
                break
    with path.open("rb") as handle:
        opening = handle.read(64).lstrip()[:1]
    if opening != b"{":
        raise ExportError(path, "is not a Telegram Desktop export (expected a JSON object with 'messages' or 'chats')")
    raise ExportError(path, "is not a Telegram Desktop export (no 'messages' and no 'chats' list)")


def _channel(path: Path, chat: dict[str, Any], messages: Iterable[Any] | None) -> TelegramChannel:
    chat_id = chat.get("id")
    if not isinstance(chat_id, int | str) or isinstance(chat_id, bool) or chat_id == "":
        raise ExportError(path, "a chat has no id", field="id")
    title = chat.get("name")
    channel = TelegramChannel(str(chat_id), title if isinstance(title, str) and title else f"chat {chat_id}", "")
    channel.chat_type = str(chat.get("type") or "")
    if messages is None:
        raise ExportError(path, f"chat {channel.title!r} has no list of messages", field="messages")
    for message in messages:
        if not isinstance(message, dict):
            raise ExportError(path, f"chat {channel.title!r} lists something that is not a message", field="messages")
        item = _message(path, message)
        if item is not None:
            channel.items.append(item)
    return channel


def _message(path: Path, message: dict[str, Any]) -> NewItem | None:
    message_id = message.get("id")
    if not isinstance(message_id, int) or isinstance(message_id, bool):
        raise ExportError(path, f"the id {message_id!r} is not a whole number", message_id, "id")
    kind = message.get("type")
    if kind != "message":
        if kind == "service":
            return None
        raise ExportError(path, f"unknown message type {kind!r} (expected 'message' or 'service')", message_id, "type")
    posted = _unixtime(path, message, "date_unixtime", message_id, required=True)
    assert posted is not None
    edited = _unixtime(path, message, "edited_unixtime", message_id, required=False)
    text, links = _text(path, message, message_id)
    reply_to = message.get("reply_to_message_id")
    if reply_to is not None and (not isinstance(reply_to, int) or isinstance(reply_to, bool)):
        raise ExportError(path, f"{reply_to!r} is not a message id", message_id, "reply_to_message_id")
    return NewItem(
        external_id=str(message_id),
        revision=int(edited.timestamp()) if edited else 0,
        posted_at=posted,
        text=text,
        author=_optional_text(path, message, "from", message_id),
        forwarded_from=_optional_text(path, message, "forwarded_from", message_id),
        reply_to=str(reply_to) if reply_to is not None else None,
        links=links,
        media=_media(path, message, message_id),
    )


def _unixtime(path: Path, message: dict[str, Any], name: str, message_id: int, required: bool) -> dt.datetime | None:
    value = message.get(name)
    if value is None:
        if not required:
            return None
        hint = " (export again with a current Telegram Desktop, which writes it)" if "date" in message else ""
        raise ExportError(path, f"missing{hint}", message_id, name)
    if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.isdigit())):
        raise ExportError(path, f"{value!r} is not a Unix time (seconds since 1970)", message_id, name)
    seconds = int(value)
    if not 0 < seconds < 32_503_680_000:  # before the year 3000
        raise ExportError(path, f"{value!r} is not a plausible time", message_id, name)
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _text(path: Path, message: dict[str, Any], message_id: int) -> tuple[str, list[str]]:
    """The message's text, and the links in it (text links' hrefs, then plain links, each once)."""
    raw = message.get("text", "")
    if isinstance(raw, str):
        parts: list[Any] = [raw]
    elif isinstance(raw, list):
        parts = raw
    else:
        raise ExportError(path, "is neither a string nor a list of strings and entities", message_id, "text")
    pieces = []
    links: list[str] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            pieces.append(part["text"])
            _link(part, links)
        else:
            raise ExportError(path, f"{part!r} is neither a string nor an entity with a text", message_id, "text")
    entities = message.get("text_entities")
    if entities is not None:
        if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
            raise ExportError(path, "is not a list of entity objects", message_id, "text_entities")
        for entity in entities:
            _link(entity, links)
    return "".join(pieces), links


def _link(entity: dict[str, Any], links: list[str]) -> None:
    if entity.get("type") not in LINK_ENTITIES:
        return
    target = entity.get("href") if entity.get("type") == "text_link" else entity.get("text")
    if isinstance(target, str) and target.strip() and target.strip() not in links:
        links.append(target.strip())


def _optional_text(path: Path, message: dict[str, Any], name: str, message_id: int) -> str | None:
    value = message.get(name)
    if value is None or isinstance(value, str):
        return value or None
    raise ExportError(path, f"{value!r} is not a name", message_id, name)


def _media(path: Path, message: dict[str, Any], message_id: int) -> list[Media]:
    found = []
    for name in MEDIA_FIELDS:
        value = message.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ExportError(path, f"{value!r} is not a file path or placeholder", message_id, name)
        if name == "thumbnail":
            continue  # a video's preview image: the video is the medium
        kind = "photo" if name == "photo" else str(message.get("media_type") or "file")
        mime = message.get("mime_type")
        found.append(Media(kind, value, mime if isinstance(mime, str) else None))
    return found
