"""SQLAlchemy tables. Incidents get real columns; the schema itself is made by the Alembic migrations."""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from marsad.domain.incident import (
    CASUALTY_RANGE_FIELDS,
    COUNT_FIELDS,
    SOURCE_TEXT_LIMITS,
    TEXT_LIMITS,
    WHOLE_NUMBER_FIELDS,
)
from marsad.storage.engine import SIGNINS

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


KEY = String(40)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(TEXT_LIMITS["id"]), primary_key=True)
    kind: Mapped[str] = mapped_column(KEY)
    date: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(KEY)
    date_earliest: Mapped[dt.date | None] = mapped_column(Date)
    date_latest: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(TEXT_LIMITS["place"]))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str | None] = mapped_column(KEY)
    admin1: Mapped[str | None] = mapped_column(String(TEXT_LIMITS["admin1"]))
    admin2: Mapped[str | None] = mapped_column(String(TEXT_LIMITS["admin2"]))
    region: Mapped[str | None] = mapped_column(KEY)
    type: Mapped[str] = mapped_column(KEY)
    perpetrator: Mapped[str] = mapped_column(KEY)
    perpetrator_original: Mapped[str | None] = mapped_column(String(TEXT_LIMITS["perpetrator_original"]))
    attribution: Mapped[str] = mapped_column(KEY)
    grade: Mapped[str] = mapped_column(KEY)
    counted: Mapped[bool] = mapped_column(Boolean)
    exclusion_reason: Mapped[str | None] = mapped_column(String(TEXT_LIMITS["exclusion_reason"]))
    target: Mapped[str | None] = mapped_column(KEY)
    target_original: Mapped[str | None] = mapped_column(String(TEXT_LIMITS["target_original"]))
    target_detail: Mapped[str | None] = mapped_column(Text)
    military_killed: Mapped[int | None] = mapped_column(Integer)
    military_killed_low: Mapped[int | None] = mapped_column(Integer)
    military_killed_high: Mapped[int | None] = mapped_column(Integer)
    military_injured: Mapped[int | None] = mapped_column(Integer)
    military_injured_low: Mapped[int | None] = mapped_column(Integer)
    military_injured_high: Mapped[int | None] = mapped_column(Integer)
    civilian_killed: Mapped[int | None] = mapped_column(Integer)
    civilian_killed_low: Mapped[int | None] = mapped_column(Integer)
    civilian_killed_high: Mapped[int | None] = mapped_column(Integer)
    civilian_injured: Mapped[int | None] = mapped_column(Integer)
    civilian_injured_low: Mapped[int | None] = mapped_column(Integer)
    civilian_injured_high: Mapped[int | None] = mapped_column(Integer)
    perpetrators_killed: Mapped[int | None] = mapped_column(Integer)
    perpetrators_killed_low: Mapped[int | None] = mapped_column(Integer)
    perpetrators_killed_high: Mapped[int | None] = mapped_column(Integer)
    unknown_killed: Mapped[int | None] = mapped_column(Integer)
    unknown_killed_low: Mapped[int | None] = mapped_column(Integer)
    unknown_killed_high: Mapped[int | None] = mapped_column(Integer)
    deaths_low: Mapped[int | None] = mapped_column(Integer)
    deaths_best: Mapped[int | None] = mapped_column(Integer)
    deaths_high: Mapped[int | None] = mapped_column(Integer)
    arrests: Mapped[int | None] = mapped_column(Integer)
    conducted_by: Mapped[str | None] = mapped_column(KEY)
    conducted_by_original: Mapped[str | None] = mapped_column(String(TEXT_LIMITS["conducted_by_original"]))
    description: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[str | None] = mapped_column(Text)  # '|'-separated; a tag never holds '|'
    status: Mapped[str] = mapped_column(KEY)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    merged_into: Mapped[str | None] = mapped_column(String(40))  # set when merged into another incident

    __table_args__ = (
        *(
            CheckConstraint(f"{name} IS NULL OR {name} >= 0", name=f"{name}_not_negative")
            for name in WHOLE_NUMBER_FIELDS
        ),
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint("longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="coordinates_together"),
        CheckConstraint("date_earliest IS NULL OR date_earliest <= date", name="date_earliest_before_date"),
        CheckConstraint("date_latest IS NULL OR date_latest >= date", name="date_latest_after_date"),
        Index("ix_incidents_date", "date"),
        Index("ix_incidents_kind_date", "kind", "date"),
        Index("ix_incidents_region_date", "region", "date"),
        Index("ix_incidents_status_date", "status", "date"),
        # Answers the monthly report's whole-history series from the index alone (analysis.statistics).
        Index("ix_incidents_counting", "status", "kind", "counted", "date", "region", "perpetrator"),
        # A region's page of the public dataset in date order, or its top by killed, from the region's rows alone
        # (the index above reads every region's rows of the dates: 58 ms for a year sorted by killed at 1,000,000).
        Index("ix_incidents_region_counting", "status", "kind", "counted", "region", "date", "perpetrator"),
    )


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE", onupdate="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(SOURCE_TEXT_LIMITS["publisher"]))
    source_type: Mapped[str | None] = mapped_column(KEY)
    language: Mapped[str | None] = mapped_column(String(SOURCE_TEXT_LIMITS["language"]))
    published: Mapped[dt.date | None] = mapped_column(Date)
    accessed: Mapped[dt.date | None] = mapped_column(Date)
    excerpt: Mapped[str | None] = mapped_column(Text)
    archive_sha256: Mapped[str | None] = mapped_column(String(SOURCE_TEXT_LIMITS["archive_sha256"]))


class RevisionRow(Base):
    """One change to one incident: who, when, through what, and the field's value before and after.

    ``field`` is NULL for a whole-record action (``create``, ``delete``). The incident id is not a foreign
    key so that history outlives a deleted or merged incident.
    """

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(40), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    via: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str | None] = mapped_column(String(40))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class IdCounterRow(Base):
    """The last number handed out per month prefix, so generated ids never repeat."""

    __tablename__ = "id_counters"

    prefix: Mapped[str] = mapped_column(String(7), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class CountingRuleRow(Base):
    """The counting rule the incidents' stored ``counted`` follows (one row): the grades that count, as the
    MARSAD_COUNTED_GRADES setting named them when the counting was last decided (storage.counting)."""

    __tablename__ = "counting_rule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counted_grades: Mapped[str] = mapped_column(String(400))  # grade keys, comma-separated
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


INCIDENTS = cast(Table, IncidentRow.__table__)

# Tables aggregated in advance (storage.cubes): what the public figures and the map read instead of a million
# incidents. Derived from the incidents alone and kept in step by their one write path; a blank region or
# target is '' here, so every key column can be part of the primary key on both databases.
CUBE_MEASURES = (*COUNT_FIELDS, *CASUALTY_RANGE_FIELDS)
TALLY_KEYS = (
    "level",
    "status",
    "counted",
    "kind",
    "month",
    "region",
    "perpetrator",
    "type",
    "attribution",
    "target",
    "grade",
)
TALLIES = Table(
    "tallies",
    Base.metadata,
    *(
        Column(name, Integer if name == "level" else Date if name == "month" else Boolean if name == "counted" else KEY)
        for name in TALLY_KEYS
    ),
    Column("incidents", Integer, nullable=False),
    Column("located", Integer, nullable=False),  # with coordinates: on the map
    *(Column(name, BigInteger, nullable=False) for name in CUBE_MEASURES),
    PrimaryKeyConstraint(*TALLY_KEYS),
    sqlite_with_rowid=False,  # rows stored in key order: a month's rows are read together
)
# Located incidents per square of the map grid at a few zoom levels (each coarser square holds four of the next
# finer level's squares twice over), so any zoom reads the level at or just finer than its own.
SQUARE_KEYS = ("level", "status", "counted", "kind", "x", "y", "month", "perpetrator")
SQUARES = Table(
    "squares",
    Base.metadata,
    *(
        Column(
            name,
            Integer
            if name in ("level", "x", "y")
            else Date
            if name == "month"
            else Boolean
            if name == "counted"
            else KEY,
        )
        for name in SQUARE_KEYS
    ),
    Column("incidents", Integer, nullable=False),
    Column("latitude", Float, nullable=False),  # summed: the centre is the sum over the count
    Column("longitude", Float, nullable=False),
    Column("killed", BigInteger, nullable=False),
    # the lowest id, type and precision of the square's incidents: exact whenever it holds one incident
    Column("first_id", String(TEXT_LIMITS["id"]), nullable=False),
    Column("type", KEY),
    Column("geo_precision", KEY),
    PrimaryKeyConstraint(*SQUARE_KEYS),
    sqlite_with_rowid=False,  # rows stored in key order: a map's view is a few runs of neighbouring squares
)
COUNTING_RULE = cast(Table, CountingRuleRow.__table__)
SOURCES = cast(Table, SourceRow.__table__)
REVISIONS = cast(Table, RevisionRow.__table__)
ID_COUNTERS = cast(Table, IdCounterRow.__table__)


class ReportRow(Base):
    """A monthly report: a draft the editors shape, then a frozen published snapshot.

    ``draft`` holds the editors' work (title, key points as edited, narrative sections); ``snapshot``
    holds, from publication on, exactly what was published (figures JSON, HTML with charts, Markdown).
    """

    __tablename__ = "reports"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(Text)  # JSON: perpetrators, noun, area
    draft: Mapped[str] = mapped_column(Text)  # JSON: title, key_points, sections
    snapshot: Mapped[str | None] = mapped_column(Text)  # JSON: data, html, markdown
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str | None] = mapped_column(String(200))


REPORTS = cast(Table, ReportRow.__table__)


class UserRow(Base):
    """A person who works on the dataset; the password is kept only as an argon2 hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class LoginSessionRow(Base):
    """A signed-in browser: the cookie holds a random token, the database only its SHA-256.

    In the ``signins`` schema (a file of its own on SQLite, see storage.engine), so no user id foreign key:
    the sessions of a removed or disabled user are deleted with it, and a lookup joins on the user's state.
    """

    __tablename__ = "login_sessions"
    __table_args__ = ({"schema": SIGNINS},)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SigninEventRow(Base):
    """Signing in and out, failed and throttled attempts: the audit log's part that must never wait for an
    import (failed attempts are counted from here to throttle guessing)."""

    __tablename__ = "signin_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_signin_events_action_at", "action", "at"),
        {"schema": SIGNINS},
    )


class ApiTokenRow(Base):
    """A token a user's script sends as ``Authorization: Bearer …``; revocable, stored as its SHA-256."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEventRow(Base):
    """Who did what that matters for trust: logins, failed logins, publishing, imports, exports, user changes."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_events_action_at", "action", "at"),)


class LinkCheckRow(Base):
    """The last time a source URL was fetched to see whether it still answers (`marsad sources check`)."""

    __tablename__ = "link_checks"

    url_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the URL: URLs are long
    url: Mapped[str] = mapped_column(Text)
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column(Integer)
    alive: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str | None] = mapped_column(Text)


class IntakeChannelRow(Base):
    """Where intake items come from: a Telegram channel, a feed, or the desk itself (pasted texts, pages, CSV).

    ``key`` is the channel's identity across imports: ``telegram:<the export's chat id>``, the feed's URL,
    ``web``. A feed carries its polling state: when to poll next, and how its last polls went.
    """

    __tablename__ = "intake_channels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(600), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    username: Mapped[str | None] = mapped_column(String(64))  # t.me/<username>: the export does not carry it
    url: Mapped[str | None] = mapped_column(Text)
    poll_minutes: Mapped[int | None] = mapped_column(Integer)
    next_poll_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_polled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)  # polls failed in a row (the back-off grows with it)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class IntakeStoryRow(Base):
    """Items about the same event (forwards, reposts, near-identical texts across channels), read as one."""

    __tablename__ = "intake_stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class IntakeItemRow(Base):
    """One piece of raw material, never edited: an edited message is a new item (``revision``: its edit time).

    The suggestion is the extraction's reading, kept as JSON, with the columns the inbox filters on and
    matches incidents by (place, region, kind, date, coordinates) beside it. ``status``, ``duplicate_of``
    and ``incident_id`` are what triage decided; each change is an IntakeActionRow.
    """

    __tablename__ = "intake_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("intake_channels.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(600))
    revision: Mapped[int] = mapped_column(BigInteger, default=0)
    posted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)  # domain.intake.searchable(title + text)
    search_words: Mapped[str] = mapped_column(Text, server_default="")  # domain.item_search: storage.item_search
    language: Mapped[str | None] = mapped_column(String(8))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    forwarded_from: Mapped[str | None] = mapped_column(String(200))
    reply_to: Mapped[str | None] = mapped_column(String(64))
    links: Mapped[str | None] = mapped_column(Text)  # JSON list of addresses
    media: Mapped[str | None] = mapped_column(Text)  # JSON list of {kind, file, mime_type}
    status: Mapped[str] = mapped_column(String(20), default="new")
    story_id: Mapped[int | None] = mapped_column(ForeignKey("intake_stories.id", ondelete="SET NULL"))
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("intake_items.id", ondelete="SET NULL"))
    incident_id: Mapped[str | None] = mapped_column(String(40))  # not a key: the incident may be merged later
    suggestion: Mapped[str | None] = mapped_column(Text)  # the extraction's JSON
    has_suggestion: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str | None] = mapped_column(KEY)
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(KEY)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    killed: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        UniqueConstraint("channel_id", "external_id", "revision", name="uq_intake_items_message"),
        Index("ix_intake_items_status_posted_at", "status", "posted_at"),
        Index("ix_intake_items_status_language_region_posted_at", "status", "language", "region", "posted_at"),
        Index("ix_intake_items_channel_id_status_posted_at", "channel_id", "status", "posted_at"),
        Index("ix_intake_items_posted_at", "posted_at"),
        Index("ix_intake_items_story_id", "story_id"),
        Index("ix_intake_items_event_date", "event_date"),
    )


class IntakeActionRow(Base):
    """One triage decision on an item: who, when, what, and the item's state before it (so it can be undone)."""

    __tablename__ = "intake_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("intake_items.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(String(200))  # the incident, the item duplicated, the reason
    before_status: Mapped[str] = mapped_column(String(20))
    before_incident_id: Mapped[str | None] = mapped_column(String(40))
    before_duplicate_of: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(String(200))


class IntakeCountRow(Base):
    """How many items of a channel have a status: what the desk's front page shows, kept in step by the one write
    path of items and of triage (storage.inbox_counts) instead of counted over the items on every request."""

    __tablename__ = "intake_counts"

    channel_id: Mapped[int] = mapped_column(ForeignKey("intake_channels.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    total: Mapped[int] = mapped_column(Integer)


class QuickEntryExampleRow(Base):
    """A text pasted into quick entry and the incident saved from it: what extraction suggested, what the
    editor saved, and the fields they corrected. The texts train ``marsad extract train``."""

    __tablename__ = "quick_entry_examples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(40), index=True)  # not a key: the incident may be merged
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    suggested: Mapped[str] = mapped_column(Text)  # JSON: form field -> value extraction filled in
    saved: Mapped[str] = mapped_column(Text)  # JSON: the same fields as saved
    corrected: Mapped[str | None] = mapped_column(Text)  # '|'-separated fields whose value the editor changed
    actor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


INTAKE_CHANNELS = cast(Table, IntakeChannelRow.__table__)
INTAKE_STORIES = cast(Table, IntakeStoryRow.__table__)
INTAKE_ITEMS = cast(Table, IntakeItemRow.__table__)
INTAKE_ACTIONS = cast(Table, IntakeActionRow.__table__)
INTAKE_COUNTS = cast(Table, IntakeCountRow.__table__)
QUICK_ENTRY_EXAMPLES = cast(Table, QuickEntryExampleRow.__table__)


class ObservationRow(Base):
    """One figure of an indicator series (domain.series): a camp's population of a group on a date, with the
    source that states it (the same fields as an incident's source) and whether the public may see it."""

    __tablename__ = "indicator_observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator: Mapped[str] = mapped_column(KEY)
    place: Mapped[str] = mapped_column(String(200))
    group_key: Mapped[str] = mapped_column(KEY)  # "group" is a word of SQL
    as_of: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[int] = mapped_column(BigInteger)
    low: Mapped[int | None] = mapped_column(BigInteger)
    high: Mapped[int | None] = mapped_column(BigInteger)
    source_url: Mapped[str | None] = mapped_column(Text)
    source_title: Mapped[str | None] = mapped_column(Text)
    source_publisher: Mapped[str | None] = mapped_column(String(SOURCE_TEXT_LIMITS["publisher"]))
    source_type: Mapped[str | None] = mapped_column(KEY)
    source_language: Mapped[str | None] = mapped_column(String(SOURCE_TEXT_LIMITS["language"]))
    source_published: Mapped[dt.date | None] = mapped_column(Date)
    source_accessed: Mapped[dt.date | None] = mapped_column(Date)
    source_excerpt: Mapped[str | None] = mapped_column(Text)
    source_archive_sha256: Mapped[str | None] = mapped_column(String(SOURCE_TEXT_LIMITS["archive_sha256"]))
    note: Mapped[str | None] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        UniqueConstraint("indicator", "place", "group_key", "as_of", name="uq_indicator_observations_point"),
        CheckConstraint("value >= 0", name="value_not_negative"),
        CheckConstraint("low IS NULL OR low <= value", name="low_not_above_value"),
        CheckConstraint("high IS NULL OR high >= value", name="high_not_below_value"),
        Index("ix_indicator_observations_as_of", "as_of"),
    )


OBSERVATIONS = cast(Table, ObservationRow.__table__)
