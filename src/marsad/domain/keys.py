"""The vocabulary keys Marsad's code branches on (a raid's arrests, a published incident's sources, a claim).

Everything else in the vocabulary file is data a team may change; these keys the code names, so a team's file
may relabel them but must keep them: ``parse_vocabularies`` refuses a file without one, at start-up.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    ATTACK = "attack"  # by a sleeper cell or another armed actor
    RAID = "raid"  # a counter-terror operation: its perpetrator is the group raided
    OTHER = "other"  # an event worth keeping that is neither (a defused device, an old mine)


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"  # the only status the public sees
    WITHDRAWN = "withdrawn"  # was public; its id stays listed so that copies can drop it
    MERGED = "merged"  # a duplicate, pointing at the incident kept


class Attribution(StrEnum):
    CLAIMED = "claimed"
    ATTRIBUTED = "attributed"
    SUSPECTED = "suspected"
    UNKNOWN = "unknown"


# Vocabulary name -> the keys it must hold.
CODE_KEYS: dict[str, tuple[StrEnum, ...]] = {
    "kinds": tuple(Kind),
    "statuses": tuple(Status),
    "attributions": tuple(Attribution),
}
