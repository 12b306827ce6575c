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
import json
from collections.abc import Iterator
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
    """Every chat of an export with its messages (service messages, such as 'channel created', left out)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise ExportError(path, f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise ExportError(path, f"is not UTF-8 text (byte {error.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # an export ends with the closing brace of its object: without it, the file was cut short
        hint = "" if text.rstrip().endswith("}") else " (the file ends early: a truncated export? export it again)"
        raise ExportError(
            path, f"is not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}{hint}"
        ) from None
    if not isinstance(data, dict):
        raise ExportError(path, "is not a Telegram Desktop export (expected a JSON object with 'messages' or 'chats')")
    return [_channel(path, chat) for chat in _chats(path, data)]


def _chats(path: Path, data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if "messages" in data:  # the export of one chat
        yield data
        return
    if "chats" not in data:
        raise ExportError(path, "is not a Telegram Desktop export (no 'messages' and no 'chats' list)")
    for part in ("chats", "left_chats"):
        listed = data.get(part, {})
        chats = listed.get("list") if isinstance(listed, dict) else None
        if part in data and not isinstance(chats, list):
            raise ExportError(path, f"'{part}' has no 'list' of chats", field=part)
        for chat in chats or ():
            if not isinstance(chat, dict):
                raise ExportError(path, f"an entry of '{part}' is not a chat object", field=part)
            yield chat


def _channel(path: Path, chat: dict[str, Any]) -> TelegramChannel:
    chat_id = chat.get("id")
    if not isinstance(chat_id, int | str) or isinstance(chat_id, bool) or chat_id == "":
        raise ExportError(path, "a chat has no id", field="id")
    title = chat.get("name")
    channel = TelegramChannel(str(chat_id), title if isinstance(title, str) and title else f"chat {chat_id}", "")
    channel.chat_type = str(chat.get("type") or "")
    messages = chat.get("messages")
    if not isinstance(messages, list):
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
