"""Export: the incidents a filter selects, in any format, with only the fields the reader may see."""

from __future__ import annotations

from typing import BinaryIO

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import CANONICAL_COLUMNS, PUBLIC_COLUMNS
from marsad.io.formats import Format
from marsad.storage.queries import iter_incidents


def columns_for(access: Access) -> tuple[str, ...]:
    return CANONICAL_COLUMNS if access is Access.INTERNAL else PUBLIC_COLUMNS


def export_incidents(
    session: Session,
    selection: IncidentFilter,
    fmt: Format,
    out: BinaryIO,
    access: Access = Access.PUBLIC,
) -> int:
    """Write the selection to ``out``; returns the number of incidents written."""
    return fmt.writer()(iter_incidents(session, selection, access), out, columns_for(access))
