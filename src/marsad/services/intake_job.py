"""An inbox upload from the desk (a Telegram export or a CSV of items), run as a job like a desk import.

A channel's export of 100,000 messages takes minutes to read and suggest fields for; in the request it held a
server thread and, while writing, the database's write lock. As a job it runs in a process of its own, the
page shows how far it is, and what it added (or why it added nothing) is kept with the job.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, BinaryIO

from marsad.application import Application
from marsad.domain.phrases import Phrase
from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.i18n.catalogues import N_
from marsad.intake.csv_items import ItemsFileError, read_items_csv
from marsad.intake.telegram import ExportError, read_export
from marsad.services.feeds import add_csv
from marsad.services.intake import IntakeError, Stored, add_telegram_export, known_usernames
from marsad.services.jobs import Job, JobFailed, Jobs, Progress
from marsad.settings import Settings
from marsad.storage.engine import Writes, unit_of_work

INBOX_UPLOAD_JOB = "inbox upload"


def start_inbox_upload(
    jobs: Jobs, settings: Settings, *, name: str, content: BinaryIO, channel: str, actor: str
) -> Job:
    """Keep the uploaded file with a new job (copied, never whole in memory) and start adding it to the inbox."""
    job_id = jobs.new_id()
    path = jobs.folder(job_id) / f"upload{Path(name).suffix.lower()}"
    with path.open("wb") as kept:
        shutil.copyfileobj(content, kept)
    arguments = {"settings": settings, "path": str(path), "name": name, "channel": channel}
    return jobs.start(job_id, INBOX_UPLOAD_JOB, actor, run_inbox_upload, **arguments)


def run_inbox_upload(progress: Progress, settings: Settings, path: str, name: str, channel: str) -> dict[str, Any]:
    """The job's work, in an application of its own on ``settings``: the file checked whole (a bad one adds
    nothing), its new items stored with suggestions."""
    file = Path(path)
    application = Application(settings)
    try:
        extractor = default_extractor(application.gazetteer)
        if name.lower().endswith(".csv"):
            progress(0, None, N_("Reading the CSV"))
            items = read_items_csv(file.read_bytes(), name)
            progress(0, len(items), N_("Adding the items"))
            with unit_of_work(application.engine) as session:
                done = [add_csv(session, items, Path(name).stem, extractor)]
        else:
            done = _telegram(progress, application, extractor, file, channel)
    except (ExportError, ItemsFileError, IntakeError) as error:
        raise JobFailed(
            Phrase("{error}. Nothing was added.", error=error.args[0] if error.args else str(error))
        ) from None
    finally:
        application.close()
        file.unlink(missing_ok=True)
    return {"name": name, "added": sum(s.added for s in done), "known": sum(s.unchanged for s in done)}


def _telegram(
    progress: Progress, application: Application, extractor: Extractor, file: Path, channel: str
) -> list[Stored]:
    progress(0, None, N_("Reading the export"))
    chats = read_export(file)
    with unit_of_work(application.engine, Writes.NOTHING) as session:
        known = known_usernames(session, chats)
    names = {chat_id: (channel or known[chat_id] or "") for chat_id in known}
    progress(0, sum(len(chat.items) for chat in chats), N_("Reading the messages and adding the new ones"))
    return add_telegram_export(application.engine, chats, names, extractor)
