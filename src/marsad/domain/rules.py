"""What makes an incident valid, and how its headline-counting default is decided.

These rules hold whatever wrote the incident (an import, the CLI, the web form), so they live here and are
checked on the one path that writes incidents.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from operator import attrgetter

from marsad.domain.incident import (
    CASUALTY_RANGE_FIELDS,
    MAX_COUNT,
    MAX_TEXT_CHARS,
    ORIGINAL_NAME_FIELDS,
    RANGE_FIELDS,
    SOURCE_FIELDS,
    SOURCE_TEXT_LIMITS,
    TEXT_LIMITS,
    WHOLE_NUMBER_FIELDS,
    Incident,
)
from marsad.domain.keys import Kind, Status
from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import Vocabularies

_WHITESPACE = re.compile(r"\s")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,39}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL, and halves of UTF-16 pairs: no database stores them
TEXT_FIELDS = (  # the incident's free-text fields: checked for length and for what no database stores
    "id",
    "place",
    "admin1",
    "admin2",
    "exclusion_reason",
    "target_detail",
    "description",
    "notes",
    *ORIGINAL_NAME_FIELDS,
)
_SOURCE_TEXT_FIELDS = tuple(f for f in SOURCE_FIELDS if f not in ("source_type", "published", "accessed"))
_LIMITS = tuple(TEXT_LIMITS.get(name, MAX_TEXT_CHARS) for name in TEXT_FIELDS)
_SOURCE_LIMITS = tuple(SOURCE_TEXT_LIMITS.get(name, MAX_TEXT_CHARS) for name in _SOURCE_TEXT_FIELDS)
_text_values = attrgetter(*TEXT_FIELDS)
_source_values = attrgetter(*_SOURCE_TEXT_FIELDS)
_count_values = attrgetter(*WHOLE_NUMBER_FIELDS)
_bound_values = attrgetter(*CASUALTY_RANGE_FIELDS)
NOT_CONFIRMED = "not confirmed"  # the reason of an incident whose grade the counting rule leaves out
OUTSIDE_AREA = "outside the monitored area"
# The reasons the counting rule gives: an incident left out with another reason was left out by an editor.
RULE_REASONS = (NOT_CONFIRMED, OUTSIDE_AREA)
RefuseFn = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field, said so that the researcher knows what to fix."""

    field: str
    reason: str


def default_counting(incident: Incident, counted_grades: Collection[str]) -> None:
    """Counted in headline figures when of a counted grade and inside a region, else not, with the reason kept
    (being outside the area first: a better grade would not make such an incident count). ``counted_grades`` is
    the setting in force (``Vocabularies.counted_grades``)."""
    if incident.counted is None:
        incident.counted = incident.grade in counted_grades and incident.region is not None
        if not incident.counted and not incident.exclusion_reason:
            incident.exclusion_reason = OUTSIDE_AREA if incident.region is None else NOT_CONFIRMED


def clipped(text: str, length: int = 60) -> str:
    """Text as an error message quotes it: a megabyte pasted in a field is not repeated back whole."""
    return text if len(text) <= length else text[: length - 1] + "…"


def too_long(length: int, limit: int) -> Phrase:
    return Phrase(
        "is {length} characters long; at most {limit} fit", length=format(length, ","), limit=format(limit, ",")
    )


def text_problem(text: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    """Why this text cannot be stored in a field of ``limit`` characters, or None."""
    if len(text) > limit:
        return too_long(len(text), limit)
    found = _UNSTORABLE.search(text)
    if found:
        if found.group() == "\x00":
            return Phrase(
                "holds a NUL character (\\x00) at character {n}, which no database stores; remove it",
                n=found.start() + 1,
            )
        return Phrase(
            "holds a broken character (half of a UTF-16 pair) at character {n}, which no database stores; remove it",
            n=found.start() + 1,
        )
    return None


def storable_problems(incident: Incident) -> list[Problem]:
    """What the database could not hold: text too long or unstorable, counts too large.

    Cheap when all is well (one search over the row's text, a few lengths compared), because a million-row
    import calls it for every row; only a row with a problem is looked at field by field.
    """
    values = _text_values(incident)
    texts = [*values, *incident.tags]
    suspect = _too_long(values, _LIMITS)
    for source in incident.sources:
        source_values = _source_values(source)
        texts.extend(source_values)
        suspect = suspect or _too_long(source_values, _SOURCE_LIMITS)
    joined = "\x1f".join([text for text in texts if text])
    problems = _text_problems(incident) if suspect or _UNSTORABLE.search(joined) else []
    counts = _count_values(incident)
    if any(count is not None and count > MAX_COUNT for count in counts):
        problems.extend(
            Problem(
                name,
                Phrase(
                    "{n} is more than the largest count Marsad stores ({most})",
                    n=format(value, ","),
                    most=format(MAX_COUNT, ","),
                ),
            )
            for name, value in zip(WHOLE_NUMBER_FIELDS, counts, strict=True)
            if value is not None and value > MAX_COUNT
        )
    return problems


def storable_problems_each(incidents: Sequence[Incident]) -> list[list[Problem]]:
    """``storable_problems`` of each incident of a batch, with each field looked at across the batch at once: its
    longest text, one search of its texts joined, its largest count. Only an incident with a field found so is
    looked at alone (by ``storable_problems``), so the problems are the same; an import's clean batch costs a
    tenth of looking at its rows one by one."""
    suspects: set[int] = set()
    everyone = range(len(incidents))
    for name, limit in zip(TEXT_FIELDS, _LIMITS, strict=True):
        suspects.update(_suspect_texts(list(map(attrgetter(name), incidents)), everyone, limit))
    tagged = [(owner, tag) for owner, incident in enumerate(incidents) for tag in incident.tags]
    suspects.update(_suspect_texts([tag for _, tag in tagged], [owner for owner, _ in tagged], MAX_TEXT_CHARS))
    sourced = [(owner, source) for owner, incident in enumerate(incidents) for source in incident.sources]
    owners, sources = [owner for owner, _ in sourced], [source for _, source in sourced]
    for name, limit in zip(_SOURCE_TEXT_FIELDS, _SOURCE_LIMITS, strict=True):
        suspects.update(_suspect_texts(list(map(attrgetter(name), sources)), owners, limit))
    for name in WHOLE_NUMBER_FIELDS:
        counts = list(map(attrgetter(name), incidents))
        if max(filter(None, counts), default=0) > MAX_COUNT:
            suspects.update(owner for owner in everyone if counts[owner] is not None and counts[owner] > MAX_COUNT)
    return [storable_problems(incident) if owner in suspects else [] for owner, incident in enumerate(incidents)]


def _suspect_texts(texts: list[str | None], owners: Sequence[int], limit: int) -> list[int]:
    """The owners of the texts longer than ``limit`` or holding what no database stores (none, in one pass)."""
    present = list(filter(None, texts))
    if max(map(len, present), default=0) <= limit and not _UNSTORABLE.search("\x1f".join(present)):
        return []
    return [
        owner
        for owner, text in zip(owners, texts, strict=True)
        if text and (len(text) > limit or _UNSTORABLE.search(text))
    ]


def _too_long(values: tuple[str | None, ...], limits: tuple[int, ...]) -> bool:
    return any(map(operator.gt, map(len, [value or "" for value in values]), limits))


def _text_problems(incident: Incident) -> list[Problem]:
    problems = []
    for name in TEXT_FIELDS:
        reason = text_problem(getattr(incident, name) or "", TEXT_LIMITS.get(name, MAX_TEXT_CHARS))
        if reason:
            problems.append(Problem(name, reason))
    for tag in incident.tags:
        reason = text_problem(tag)
        if reason:
            problems.append(Problem("tags", Phrase("a tag {reason}", reason=reason)))
    for position, source in enumerate(incident.sources, start=1):
        for name in _SOURCE_TEXT_FIELDS:
            reason = text_problem(getattr(source, name) or "", SOURCE_TEXT_LIMITS.get(name, MAX_TEXT_CHARS))
            if reason:
                problems.append(
                    Problem("sources", Phrase("source {n}, {field}: {reason}", n=position, field=name, reason=reason))
                )
    return problems


def check_incident(incident: Incident, vocab: Vocabularies, today: dt.date | None = None) -> list[Problem]:
    """Every rule the incident breaks (empty when it may be stored)."""
    return storable_problems(incident) + rule_problems(incident, vocab, today)


def rule_problems(incident: Incident, vocab: Vocabularies, today: dt.date | None = None) -> list[Problem]:
    """The codebook's rules (``check_incident`` without ``storable_problems``, for a caller that ran it)."""
    problems: list[Problem] = []

    def refuse(field: str, reason: str) -> None:
        problems.append(Problem(field, reason))

    if incident.id is not None and not ID_PATTERN.match(incident.id):
        refuse(
            "id",
            Phrase(
                "'{id}' is not a usable id (letters, digits, '.', '_', ':', '-'; at most 40)", id=clipped(incident.id)
            ),
        )
    if incident.grade not in vocab.grades:
        refuse(
            "grade",
            Phrase(
                "'{grade}' is not a grade; allowed: {keys}", grade=incident.grade, keys=", ".join(vocab.grades.keys)
            ),
        )
    if incident.kind not in vocab.kinds:
        refuse(
            "kind",
            Phrase("'{kind}' is not a kind; allowed: {keys}", kind=incident.kind, keys=", ".join(vocab.kinds.keys)),
        )
    elif incident.type not in vocab.types_for_kind(incident.kind):
        allowed = ", ".join(vocab.types_for_kind(incident.kind))
        refuse(
            "type",
            Phrase(
                "'{type}' is not a type of {kind}; allowed: {allowed}",
                type=incident.type,
                kind=incident.kind,
                allowed=allowed,
            ),
        )
    if incident.date > (today or dt.date.today()):
        refuse("date", Phrase("{day} is in the future", day=incident.date.isoformat()))
    _check_date_range(incident, today or dt.date.today(), refuse)
    _check_location(incident, refuse)
    counts = _count_values(incident)
    if [count for count in counts if count is not None and count < 0]:
        for name, value in zip(WHOLE_NUMBER_FIELDS, counts, strict=True):
            if value is not None and value < 0:
                refuse(name, Phrase("{n} is negative; counts are 0 or more (leave blank if not reported)", n=value))
    _check_ranges(incident, refuse)
    if incident.kind != Kind.RAID:
        for name in ("arrests", "conducted_by"):
            if getattr(incident, name) is not None:
                refuse(
                    name,
                    Phrase(
                        "{field} is recorded for raids only, and this incident is a {kind}",
                        field=name,
                        kind=incident.kind,
                    ),
                )
    if incident.counted and incident.exclusion_reason:
        refuse("exclusion_reason", Phrase("an incident that is counted has no exclusion reason"))
    for tag in incident.tags:
        if "|" in tag or not tag.strip():
            refuse(
                "tags",
                Phrase("'{tag}' is not a usable tag (tags are separated by '|' and cannot be empty)", tag=clipped(tag)),
            )
    for position, source in enumerate(incident.sources, start=1):
        if not (source.url or source.title or source.publisher):
            refuse("sources", Phrase("source {n} has neither a URL, a title nor a publisher", n=position))
        if source.url and _WHITESPACE.search(source.url):
            refuse(
                "sources",
                Phrase("source {n}: '{url}' is not a URL (it contains a space)", n=position, url=clipped(source.url)),
            )
        if source.archive_sha256 and not SHA256_PATTERN.match(source.archive_sha256):
            refuse(
                "sources", Phrase("source {n}: an archive's SHA-256 is 64 hexadecimal digits (0-9, a-f)", n=position)
            )
    if incident.status == Status.PUBLISHED and not incident.sources:
        refuse("sources", Phrase("a published incident needs at least one source"))
    return problems


def _check_date_range(incident: Incident, today: dt.date, refuse: RefuseFn) -> None:
    """The earliest and latest possible days surround the date (the most likely day), and are not to come."""
    day, earliest, latest = incident.date, incident.date_earliest, incident.date_latest
    if earliest is not None and earliest > day:
        refuse(
            "date_earliest",
            Phrase(
                "{earliest} is after the date ({day}); the earliest possible day is the date or before it (leave "
                "blank when the date is exact)",
                earliest=earliest.isoformat(),
                day=day.isoformat(),
            ),
        )
    if latest is not None and latest < day:
        refuse(
            "date_latest",
            Phrase(
                "{latest} is before the date ({day}); the latest possible day is the date or after it (leave blank "
                "when the date is exact)",
                latest=latest.isoformat(),
                day=day.isoformat(),
            ),
        )
    elif latest is not None and latest > today:
        refuse("date_latest", Phrase("{day} is in the future", day=latest.isoformat()))


def _check_ranges(incident: Incident, refuse: RefuseFn) -> None:
    """A count's low and high surround its best estimate, and there is no range without a best estimate."""
    if _bound_values(incident).count(None) == len(CASUALTY_RANGE_FIELDS):  # most incidents give no range at all
        return
    for name, (low_name, high_name) in RANGE_FIELDS.items():
        best, low, high = getattr(incident, name), getattr(incident, low_name), getattr(incident, high_name)
        if best is None:
            for bound_name, bound in ((low_name, low), (high_name, high)):
                if bound is not None:
                    refuse(
                        bound_name,
                        Phrase(
                            "a range needs a best estimate: give {best} too, or leave {bound} blank",
                            best=name,
                            bound=bound_name,
                        ),
                    )
            continue
        if low is not None and 0 <= best < low:
            refuse(
                low_name,
                Phrase(
                    "the low estimate {low} is more than the best estimate {field} {best}; low ≤ best ≤ high",
                    low=low,
                    field=name,
                    best=best,
                ),
            )
        if high is not None and 0 <= high < best:
            refuse(
                high_name,
                Phrase(
                    "the high estimate {high} is less than the best estimate {field} {best}; low ≤ best ≤ high",
                    high=high,
                    field=name,
                    best=best,
                ),
            )


def _check_location(incident: Incident, refuse: RefuseFn) -> None:
    lat, lon = incident.latitude, incident.longitude
    if (lat is None) != (lon is None):
        refuse(
            "longitude" if lon is None else "latitude",
            Phrase("latitude and longitude go together: give both or neither"),
        )
    if lat is not None and not -90 <= lat <= 90:
        refuse("latitude", Phrase("{value} is not a latitude (between -90 and 90)", value=lat))
    if lon is not None and not -180 <= lon <= 180:
        refuse("longitude", Phrase("{value} is not a longitude (between -180 and 180)", value=lon))
