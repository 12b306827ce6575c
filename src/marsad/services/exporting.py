"""Export: the incidents a filter selects, in any format, with only the fields the reader may see."""

from __future__ import annotations

from typing import BinaryIO

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import CANONICAL_COLUMNS, PUBLIC_COLUMNS
from marsad.io.formats import Format, Mappings
from marsad.storage.queries import iter_incidents


def columns_for(access: Access) -> tuple[str, ...]:
    return CANONICAL_COLUMNS if access is Access.INTERNAL else PUBLIC_COLUMNS


def export_incidents(
    session: Session,
    selection: IncidentFilter,
    fmt: Format,
    out: BinaryIO,
    access: Access = Access.PUBLIC,
    *,
    mappings: Mappings,
) -> int:
    """Write the selection to ``out``; returns the number of incidents written. ACLED's layout names values as
    the team's mapping file (the application's ``mappings``) does."""
    return fmt.writer(mappings)(iter_incidents(session, selection, access), out, columns_for(access))
