"""Who is asking: the query layer shows published incidents and public fields unless told otherwise."""

from __future__ import annotations

from enum import Enum


class Access(Enum):
    PUBLIC = "public"  # published incidents, public fields only
    INTERNAL = "internal"  # the team: drafts and internal notes too
