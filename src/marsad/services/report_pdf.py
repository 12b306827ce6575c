"""A published report's PDF, made once per page in a job of its own and kept in the jobs folder.

Rendering takes seconds for a small month and minutes for a large one: the site answers "being prepared"
(and refreshes) until the file is there, while its other pages stay quick.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from marsad.report.html import render_pdf
from marsad.services.jobs import Job, Jobs, Progress


def report_pdf(jobs: Jobs, page: str) -> bytes | Job:
    """The PDF of ``page`` (a published report's HTML) if it is made; otherwise the job making it."""
    digest = hashlib.sha256(page.encode("utf-8")).hexdigest()
    made = jobs.root / "pdf" / f"{digest}.pdf"
    if made.exists():
        return made.read_bytes()
    job_id = jobs.new_id("report-pdf", digest)
    source = jobs.folder(job_id) / "page.html"
    if not source.exists():
        source.write_text(page, encoding="utf-8")
    return jobs.start(job_id, "report-pdf", "site", render_pdf_file, source=str(source), target=str(made))


def render_pdf_file(progress: Progress, source: str, target: str) -> dict[str, Any]:
    """The job's work: render ``source`` (HTML) to ``target``, which appears whole or not at all."""
    progress(0, 1, "Rendering the PDF")
    pdf = render_pdf(Path(source).read_text(encoding="utf-8"))
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".pdf.part")
    partial.write_bytes(pdf)
    partial.replace(out)
    return {"bytes": len(pdf)}
