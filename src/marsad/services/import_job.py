"""An import started from the desk, run as a job: the CLI's import in a process of its own.

A file of 15,000 rows takes seconds to check and write; in the request it held a server thread and the
database's write lock while every other page waited. As a job it runs beside the server, its progress
readable by any worker, and its report (the counts, the rows to fix) kept with the job for the page.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any, BinaryIO

from marsad.application import Application
from marsad.domain.phrases import Phrase, phrase_data
from marsad.i18n.catalogues import N_
from marsad.io.compressed import is_compressed, unpacked
from marsad.io.detect import detect_layout, rows_to_read
from marsad.services.importing import ImportRejectedError, ImportReport, import_into, unmapped_ranked
from marsad.services.jobs import Job, JobFailed, Jobs, Progress
from marsad.settings import Settings

IMPORT_JOB = "import"
ERRORS_KEPT = 200  # the page lists these; the rest are counted
UNMAPPED_KEPT = 50


def start_import(
    jobs: Jobs,
    settings: Settings,
    *,
    name: str,
    content: BinaryIO,
    skip_invalid: bool,
    strict_mapping: bool,
    actor: str,
) -> Job:
    """Keep the uploaded file with a new job (copied, never whole in memory) and start importing it."""
    job_id = jobs.new_id()
    suffixes = Path(name).suffixes[-2:] if is_compressed(name) else Path(name).suffixes[-1:]  # .csv.gz stays
    path = jobs.folder(job_id) / f"upload{''.join(suffixes).lower()}"
    with path.open("wb") as kept:
        shutil.copyfileobj(content, kept)
    arguments = {"settings": settings, "path": str(path), "name": name}
    options = {"skip_invalid": skip_invalid, "strict_mapping": strict_mapping}
    return jobs.start(job_id, IMPORT_JOB, actor, run_import, actor=actor, **arguments, **options)


def run_import(
    progress: Progress,
    settings: Settings,
    path: str,
    name: str,
    skip_invalid: bool,
    strict_mapping: bool,
    actor: str,
) -> dict[str, Any]:
    """The job's work, in an application of its own on ``settings``: tell the file's layout, import it through
    the one import path, and return what the page shows."""
    upload = Path(path)
    progress(0, None, N_("Reading the file"))
    application = Application(settings)
    try:
        with unpacked(upload) as file:  # a .csv.gz or .zip download: the file inside
            layout = detect_layout(file)  # the layout `marsad import` would choose
            total = rows_to_read(file, layout)
            report = import_into(
                application.engine,
                file,
                layout.format.reader(strict_mapping, application.mappings),
                name=name,
                vocab=application.vocabularies,
                gazetteer=application.gazetteer,
                actor=actor,
                via="web import",
                skip_invalid=skip_invalid,
                on_progress=lambda done: progress(done, total, N_("Checking and writing rows")),
            )
    except ImportRejectedError as rejected:
        return import_result(rejected.report, name, layout.description, rejected=True)
    except ValueError as error:  # a layout, header or file that cannot be read (BadFileError, UnknownFormatError)
        raise JobFailed(
            Phrase("{name}: {error}", name=name, error=error.args[0] if error.args else str(error))
        ) from None
    finally:
        application.close()
        upload.unlink(missing_ok=True)
    return import_result(report, name, layout.description, rejected=False)


def import_result(report: ImportReport, name: str, layout: str, rejected: bool) -> dict[str, Any]:
    """The report as the job keeps it (JSON), for the page to word in the reader's language: the counts, the
    first errors (their reasons as phrases) and how many more there are, the foreign names that landed with a
    generic key."""
    unmapped, more_unmapped = unmapped_ranked(report, UNMAPPED_KEPT)
    return {
        "name": name,
        "layout": phrase_data(layout),
        "rows": report.rows,
        "bad_rows": report.bad_rows,
        "rejected": rejected,
        "written": dataclasses.asdict(report.written),
        "errors": [
            {"where": e.where, "column": e.column, "reason": phrase_data(e.reason)} for e in report.errors[:ERRORS_KEPT]
        ],
        "more_errors": max(0, len(report.errors) - ERRORS_KEPT),
        "unmapped": [{"table": table, "name": value, "rows": rows} for table, value, rows in unmapped],
        "more_unmapped": more_unmapped,
    }
