"""Bringing material into the inbox from the desk: a pasted text or a web address, a Telegram export or a CSV
file uploaded, feeds followed (and "check now"). Editors and contributors; never public."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from marsad.domain.intake import ChannelKind
from marsad.domain.phrases import Phrase
from marsad.extraction.pipeline import default_extractor
from marsad.fetching import Fetcher
from marsad.i18n.catalogues import N_
from marsad.i18n.formats import number
from marsad.services.feeds import add_feed, add_items, fetch_all, fetch_page, pasted, record_polls
from marsad.services.intake import IntakeError
from marsad.services.intake_job import INBOX_UPLOAD_JOB, start_inbox_upload
from marsad.storage.intake_store import channel_by_id, channels
from marsad.web.auth import DESK, CanEdit, Member
from marsad.web.deps import FormDep, RowId, SessionDep, application_of, gazetteer_of
from marsad.web.localization import in_reader_language, language_of
from marsad.web.pages import templates

router = APIRouter(include_in_schema=False, dependencies=[DESK])
ONE_URL = re.compile(r"^\s*https?://\S+\s*$")
CHECK_NOW_SECONDS = 10.0  # "check now" waits for the feed while the editor waits for the page
MAX_UPLOAD_BYTES = 200 * 2**20


def _page(request: Request, session: Session, viewer: Member, status_code: int = 200, **extra: Any) -> Response:
    context = {"viewer": viewer, "feeds": channels(session, ChannelKind.FEED), "message": None, "error": None}
    return templates.TemplateResponse(request, "desk/inbox_add.html", context | extra, status_code=status_code)


@router.get("/desk/inbox/add", response_class=HTMLResponse)
def add_form(request: Request, session: SessionDep, viewer: CanEdit, message: str | None = None) -> Response:
    return _page(request, session, viewer, message=message)


@router.post("/desk/inbox/add")
def add_text(request: Request, form: FormDep, session: SessionDep, viewer: CanEdit) -> Response:
    """A pasted text becomes an item; a lone web address is fetched (through the fence) and its page becomes one."""
    text = str(form.get("text") or "")
    try:
        item = fetch_page(text, application_of(request).settings.fetcher) if ONE_URL.match(text) else pasted(text)
    except IntakeError as error:
        return _page(request, session, viewer, 422, error=str(error), text=text)
    stored = add_items(session, [item], default_extractor(gazetteer_of(request)))
    if not stored.added:
        return _page(request, session, viewer, message=N_("That text is already in the inbox."), text=text)
    return RedirectResponse("/desk/inbox?status=new&channel=" + str(stored.channel.id), status_code=303)


@router.post("/desk/inbox/upload")
def upload(request: Request, form: FormDep, session: SessionDep, viewer: CanEdit) -> Response:
    """A Telegram Desktop export (JSON) or a CSV of items, added as a job: the page answers at once with its
    progress, and the file is checked whole (a bad one adds nothing)."""
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _page(
            request, session, viewer, 422, error=N_("Choose a file: a Telegram export (result.json) or a CSV.")
        )
    if (file.size or 0) > MAX_UPLOAD_BYTES:
        return _page(
            request, session, viewer, 413, error=N_("The file is larger than 200 MB: import it on the server.")
        )
    file.file.seek(0)
    job = start_inbox_upload(
        request.app.state.jobs,
        application_of(request).for_a_job(),
        name=Path(file.filename).name,
        content=file.file,
        channel=str(form.get("channel") or ""),
        actor=viewer.user.actor,
    )
    return RedirectResponse(f"/desk/inbox/upload/{job.id}", status_code=303)


@router.get("/desk/inbox/upload/{job_id}", response_class=HTMLResponse)
def upload_progress(request: Request, job_id: str, session: SessionDep, viewer: CanEdit) -> Response:
    """How the upload is going (the page asks again every second), then the inbox page with what it added."""
    job = request.app.state.jobs.get(job_id)
    if job is None or job.kind != INBOX_UPLOAD_JOB or job.owner != viewer.user.actor:
        raise HTTPException(404, N_("There is no upload of yours with this address; add a file from the inbox page."))
    if not job.finished:
        context = {"viewer": viewer, "job": job, "heading": N_("Adding your file to the inbox"), "unit": "message"}
        context |= {"crumb": ("/desk/inbox/add", N_("Add to the inbox"))}
        return templates.TemplateResponse(request, "desk/import_progress.html", context, headers={"Refresh": "1"})
    if job.state == "failed":
        return _page(request, session, viewer, 422, error=job.message)
    done = job.result
    message = in_reader_language(
        request,
        Phrase(
            "{added} new items from {name} ({known} already in the inbox).",
            added=number(done["added"], language_of(request).code),
            name=done["name"],
            known=number(done["known"], language_of(request).code),
        ),
    )
    return RedirectResponse(f"/desk/inbox/add?{urlencode({'message': message})}", status_code=303)


@router.post("/desk/inbox/feeds")
def follow(request: Request, form: FormDep, session: SessionDep, viewer: CanEdit) -> Response:
    url = str(form.get("url") or "")
    every = str(form.get("every") or "60")
    try:
        feed = add_feed(session, url, int(every) if every.isdigit() else 0, str(form.get("name") or "") or None)
    except IntakeError as error:
        return _page(request, session, viewer, 422, error=str(error), feed_url=url)
    message = in_reader_language(request, Phrase("Following {url}.", url=feed.url))
    return RedirectResponse(f"/desk/inbox/add?{urlencode({'message': message})}", status_code=303)


@router.post("/desk/inbox/feeds/{feed_id}/check")
def check_now(request: Request, feed_id: RowId, session: SessionDep, viewer: CanEdit) -> Response:
    """Poll one feed now, whatever its interval; a failure is shown and the feed retried later, as by the poll."""
    feed = channel_by_id(session, feed_id)
    if feed is None or feed.kind is not ChannelKind.FEED:
        return _page(request, session, viewer, 404, error=Phrase("There is no feed {id}.", id=feed_id))
    settings = application_of(request).settings
    fetch = Fetcher(allow=settings.fetch_allow, timeout=CHECK_NOW_SECONDS)
    [poll] = record_polls(session, fetch_all([feed], fetch), default_extractor(gazetteer_of(request)))
    feed = poll.feed  # named by its title at its first poll
    if poll.error:
        return _page(
            request,
            session,
            viewer,
            200,
            error=Phrase("{name}: {error}. It will be tried again later.", name=feed.name, error=poll.error),
        )
    added = poll.stored.added if poll.stored else 0
    message = in_reader_language(
        request, Phrase("{name}: {added} new items.", name=feed.name, added=number(added, language_of(request).code))
    )
    return RedirectResponse(f"/desk/inbox/add?{urlencode({'message': message})}", status_code=303)
