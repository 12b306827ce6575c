"""Intake items: raw material (channel posts, feed entries, pasted texts) kept apart from incidents.

An item is never edited: an edited Telegram message arrives as a new item beside the earlier version, and
what the team decides about an item (triage) is recorded as actions that can be undone.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from marsad.domain.phrases import Phrase


class ChannelKind(enum.StrEnum):
    TELEGRAM = "telegram"
    FEED = "feed"
    WEB = "web"  # pages and texts pasted on the desk, and CSV files of items


class ItemStatus(enum.StrEnum):
    NEW = "new"
    HANDLED = "handled"  # made into an incident, added to one as a source, or a duplicate of another item
    DISMISSED = "dismissed"


class Triage(enum.StrEnum):
    """What the desk can do with an item; each is recorded (who, when) and can be undone."""

    DRAFT = "draft"  # a draft incident made from the item, which becomes its source
    SOURCE = "source"  # added as a source to an existing incident
    DUPLICATE = "duplicate"  # the same as another item
    DISMISS = "dismiss"


class DismissReason(enum.StrEnum):
    NOT_RELEVANT = "not_relevant"
    OUTSIDE_AREA = "outside_area"
    NOT_INCIDENT = "not_incident"


DISMISS_LABELS = {
    DismissReason.NOT_RELEVANT: "not relevant",
    DismissReason.OUTSIDE_AREA: "outside the area",
    DismissReason.NOT_INCIDENT: "not an incident",
}


@dataclass(frozen=True, slots=True)
class Media:
    """A photo, video or file a post carried; ``file`` is the export's path or its "(File not included…)" note."""

    kind: str
    file: str | None = None
    mime_type: str | None = None


@dataclass(slots=True)
class NewItem:
    """An item as a reader makes it, before it is stored.

    ``external_id`` and ``revision`` identify it within its channel: a message id and its edit time
    (0 when never edited), a feed entry's id, a page's address. ``links`` are the addresses the text points
    to (a Telegram text link's href, often the real source).
    """

    external_id: str
    posted_at: dt.datetime
    text: str
    revision: int = 0
    url: str | None = None
    title: str | None = None
    author: str | None = None
    forwarded_from: str | None = None
    reply_to: str | None = None
    links: list[str] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)


# What search compares: case, accents, Arabic diacritics, tatweel and letter variants do not matter, so
# "Qamişlo" finds "QAMISLO" and "القامشلي" finds "القامِشلي" (Sorani and Persian letters meet Arabic ones).
_FOLD = str.maketrans(
    {
        **dict.fromkeys(range(0x0300, 0x0370)),  # Latin accents, once NFKD has split them off
        **dict.fromkeys(range(0x064B, 0x0660)),
        0x0670: None,
        0x0640: None,
        0x200C: None,
        0x200D: None,
        **{ord(c): "ا" for c in "أإآٱ"},
        **{ord(c): "ي" for c in "ىیێئ"},
        **{ord(c): "ه" for c in "ةەھ"},
        ord("ک"): "ك",
        ord("ۆ"): "و",
        ord("ؤ"): "و",
        ord("ڕ"): "ر",
        ord("ڵ"): "ل",
        ord("ı"): "i",
    }
)


def searchable(text: str) -> str:
    """The form of a text that search matches against (and that a query is put in before matching)."""
    return " ".join(unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD).split())


@dataclass(slots=True)
class Item:
    """A stored item as the inbox shows it: what arrived, what the extraction suggests, what triage decided."""

    id: int
    channel_id: int
    channel: str
    channel_kind: ChannelKind
    external_id: str
    revision: int
    posted_at: dt.datetime
    text: str
    status: ItemStatus
    language: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    forwarded_from: str | None = None
    reply_to: str | None = None
    links: list[str] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    story_id: int | None = None
    duplicate_of: int | None = None
    incident_id: str | None = None
    suggestion: dict[str, object] | None = None
    kind: str | None = None
    event_date: dt.date | None = None
    place: str | None = None
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    killed: int | None = None
    version: int = 1


class ItemFilterError(ValueError):
    """A filter value the inbox cannot use; the message names the parameter and what it expects."""


@dataclass(frozen=True)
class ItemFilter:
    """Which items the inbox, `marsad intake list` and the CSV show; parsed from query parameters or options."""

    channels: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()
    statuses: tuple[ItemStatus, ...] = ()
    regions: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None
    has_suggestion: bool | None = None
    text: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str | Sequence[str]]) -> ItemFilter:
        """From ``channel``, ``language``, ``status``, ``region``, ``from``, ``to``, ``place``, ``suggested``, ``q``
        (each list-valued one repeated or comma-separated)."""

        def many(name: str) -> tuple[str, ...]:
            raw = params.get(name) or ()
            values = [raw] if isinstance(raw, str) else list(raw)
            return tuple(v.strip() for value in values for v in value.split(",") if v.strip())

        def one(name: str) -> str | None:
            found = many(name)
            return found[-1] if found else None

        try:
            channels = tuple(int(c) for c in many("channel"))
        except ValueError:
            raise ItemFilterError(
                Phrase("channel: {channels} is not a channel number", channels=", ".join(many("channel")))
            ) from None
        try:
            statuses = tuple(ItemStatus(s) for s in many("status"))
        except ValueError:
            raise ItemFilterError(Phrase("status: give {keys}", keys=", ".join(s.value for s in ItemStatus))) from None
        suggested = one("suggested")
        if suggested not in (None, "yes", "no"):
            raise ItemFilterError(Phrase("suggested: give yes or no"))
        text = " ".join((one("q") or "").split()) or None
        return cls(
            channels=channels,
            languages=many("language"),
            statuses=statuses,
            regions=many("region"),
            date_from=_day(one("from"), "from"),
            date_to=_day(one("to"), "to"),
            place=one("place"),
            has_suggestion=None if suggested is None else suggested == "yes",
            text=text,
        )

    def params(self) -> dict[str, str]:
        """The filter as query parameters (the inverse of ``from_params``), for links that keep it."""
        found = {
            "channel": ",".join(str(c) for c in self.channels),
            "language": ",".join(self.languages),
            "status": ",".join(self.statuses),
            "region": ",".join(self.regions),
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "place": self.place or "",
            "suggested": "" if self.has_suggestion is None else "yes" if self.has_suggestion else "no",
            "q": self.text or "",
        }
        return {name: value for name, value in found.items() if value}


def _day(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ItemFilterError(
            Phrase("{name}: '{value}' is not a date like 2023-11-05", name=name, value=value)
        ) from None
