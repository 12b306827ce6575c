"""Long work off the request path: an import from the desk, a report's PDF, run in a process of their own.

A job is a small JSON file in the jobs folder (``<data dir>/jobs``): every worker process of the server reads
the same files, so a progress page may be answered by any of them, and a job survives the request that
started it. The work runs in a separate process (spawned, not forked: nothing of the server's database
connections is inherited), so the server's own processes stay free to answer other pages meanwhile.

The job's process writes its progress and, at the end, its result or the sentence that says what went wrong.
A job whose process has died (the machine restarted, say) is reported as stopped: the work it did inside a
transaction was rolled back with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from marsad.domain.phrases import Phrase, from_phrase_data, phrase_data
from marsad.i18n.catalogues import N_

State = Literal["waiting", "running", "done", "failed"]
_JOB_ID = re.compile(r"[0-9a-f]{24}")  # what Jobs hands out: anything else names no job
PROGRESS_EVERY_S = 0.5  # a progress bar needs no more; fewer writes cost nothing


class Progress(Protocol):
    """What a job's work calls to say how far it is (``total`` None: not known)."""

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None: ...


@dataclass
class Job:
    id: str
    kind: str
    owner: str
    state: State = "waiting"
    done: int = 0
    total: int | None = None
    message: str = ""  # a phrase is kept as its template and values (phrase_data), and read back as a phrase
    started_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    finished_at: str | None = None
    pid: int | None = None
    result: dict[str, Any] = field(default_factory=dict)
    stopped: bool = False  # its process died before it finished

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def percent(self) -> int | None:
        return min(100, round(100 * self.done / self.total)) if self.total else None


class JobFailed(Exception):
    """Raised by a job's work to end it with a sentence for the person who started it."""


class Jobs:
    """The jobs folder: start a job, read how it is doing."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, job_id: str) -> Path:
        """A folder for the job's own files (an uploaded file, the result)."""
        path = self.root / job_id
        path.mkdir(parents=True, exist_ok=True)
        return path

    def new_id(self, *key: str) -> str:
        """An id for a job; the same key gives the same id, so a job is started once however often it is asked."""
        text = "\x1f".join(key) if key else f"{time.time_ns()}-{os.getpid()}-{os.urandom(8).hex()}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]

    def start(self, job_id: str, kind: str, owner: str, work: Callable[..., dict[str, Any]], **arguments: Any) -> Job:
        """Run ``work(progress=…, **arguments)`` in a new process, unless the job already exists."""
        self.root.mkdir(parents=True, exist_ok=True)
        job = Job(job_id, kind, owner)
        try:
            with open(self._file(job_id), "x", encoding="utf-8") as claimed:  # one process wins the start
                json.dump(asdict(job), claimed)
        except FileExistsError:
            existing = self.get(job_id)
            if existing is not None and not existing.stopped:
                return existing
            self._file(job_id).write_text(json.dumps(asdict(job)), encoding="utf-8")  # start it again
        context = multiprocessing.get_context("spawn")
        process = context.Process(target=_run, args=(str(self.root), job_id, work, arguments), daemon=False)
        process.start()
        job.pid = process.pid
        self._update(job_id, pid=process.pid)
        return job

    def get(self, job_id: str) -> Job | None:
        """The job, or None when there is none by that id (a malformed id names none)."""
        if not _JOB_ID.fullmatch(job_id):
            return None
        try:
            data = json.loads(self._file(job_id).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        job = Job(**data | {"message": from_phrase_data(data.get("message") or "")})
        if not job.finished and job.pid is not None and not _alive(job.pid):
            job.state, job.stopped = "failed", True
            job.message = N_("The work stopped before it finished (the server restarted?); nothing of it was kept.")
        return job

    def _file(self, job_id: str) -> Path:
        if not _JOB_ID.fullmatch(job_id):
            raise ValueError(f"'{job_id}' is not a job id")
        return self.root / f"{job_id}.json"

    def _update(self, job_id: str, **changes: Any) -> None:
        job = self.get(job_id)
        if job is None:
            return
        data = asdict(job) | changes
        data["message"] = phrase_data(data["message"])
        temporary = self._file(job_id).with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self._file(job_id))  # readers see the old file or the new one, never half of one


def _alive(pid: int) -> bool:
    multiprocessing.active_children()  # reaps this process's finished jobs, so they do not linger as zombies
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a dead child another worker has not reaped yet is a zombie: it counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


class _Reporter:
    def __init__(self, jobs: Jobs, job_id: str) -> None:
        self.jobs, self.job_id, self.last = jobs, job_id, 0.0

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY_S:
            self.last = now
            self.jobs._update(self.job_id, done=done, total=total, message=message)


def _run(root: str, job_id: str, work: Callable[..., dict[str, Any]], arguments: dict[str, Any]) -> None:
    jobs = Jobs(Path(root))
    jobs._update(job_id, state="running", pid=os.getpid())
    finished = {"finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    try:
        result = work(progress=_Reporter(jobs, job_id), **arguments)
    except JobFailed as failure:
        jobs._update(job_id, state="failed", message=failure.args[0] if failure.args else "", **finished)
    except Exception as error:  # the job's page must say something; the traceback goes to the server's log
        failed = Phrase("The work failed: {kind}: {error}", kind=type(error).__name__, error=str(error))
        jobs._update(job_id, state="failed", message=failed, **finished)
        raise
    else:
        finished["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        jobs._update(job_id, state="done", result=result, **finished)
