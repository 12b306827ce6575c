"""Archived copies of sources: served sandboxed (no script runs), to the public only for public sources."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from marsad.domain.roles import Permission
from marsad.i18n.catalogues import N_
from marsad.services.archiving import publicly_archived, read_archive
from marsad.web.auth import ViewerDep
from marsad.web.deps import SessionDep, application_of

router = APIRouter(include_in_schema=False)
SANDBOX = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'"


@router.get("/archive/{digest}")
def archived_copy(digest: str, request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    if not (publicly_archived(session, digest) or viewer.can(Permission.READ_INTERNAL)):
        raise HTTPException(404, N_("no archived copy of a public source has that digest"))
    copy = read_archive(application_of(request).settings.archive_dir, digest)
    if copy is None:
        raise HTTPException(404, N_("the archived copy is not on this server (see MARSAD_ARCHIVE_DIR)"))
    archived_at = dt.datetime.fromisoformat(copy.archived_at.replace("Z", "+00:00"))
    headers = {
        "Content-Security-Policy": SANDBOX,
        "X-Robots-Tag": "noindex",
        "Link": f'<{copy.url}>; rel="original"',
        "Memento-Datetime": format_datetime(archived_at, usegmt=True),
    }
    return Response(copy.body, media_type=copy.content_type, headers=headers)
