"""Long work in a process of its own: its progress and result are read by anyone, it starts once per key, and a
job whose process died says so."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

from marsad.services.jobs import Job, JobFailed, Jobs, Progress


def count_to(progress: Progress, up_to: int) -> dict[str, Any]:
    for done in range(up_to + 1):
        progress(done, up_to, f"counted {done}")
    return {"counted": up_to}


def refuse(progress: Progress) -> dict[str, Any]:
    raise JobFailed("line 3, column date: '2019-13-02' is not a date")


def sleep_long(progress: Progress) -> dict[str, Any]:
    time.sleep(60)
    return {}


def finished(jobs: Jobs, job_id: str) -> Job:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = jobs.get(job_id)
        if job is not None and job.finished:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def test_a_job_runs_apart_and_leaves_its_result(tmp_path: Path) -> None:
    jobs = Jobs(tmp_path)
    started = jobs.start(jobs.new_id(), "count", "rania@example.org", count_to, up_to=3)
    assert started.state == "waiting" and started.owner == "rania@example.org"
    done = finished(jobs, started.id)
    assert (done.state, done.result, done.finished_at is not None) == ("done", {"counted": 3}, True)


def test_a_job_that_fails_says_why(tmp_path: Path) -> None:
    jobs = Jobs(tmp_path)
    failed = finished(jobs, jobs.start(jobs.new_id(), "import", "rania", refuse).id)
    assert failed.state == "failed" and failed.message == "line 3, column date: '2019-13-02' is not a date"


def test_the_same_key_starts_one_job(tmp_path: Path) -> None:
    jobs = Jobs(tmp_path)
    job_id = jobs.new_id("pdf", "abc")
    first = jobs.start(job_id, "pdf", "site", count_to, up_to=1)
    second = jobs.start(job_id, "pdf", "site", count_to, up_to=1)
    assert second.id == first.id and second.pid == first.pid
    assert jobs.new_id("pdf", "abc") == job_id and jobs.new_id() != jobs.new_id()
    finished(jobs, job_id)


def test_a_job_whose_process_died_is_reported_stopped_and_may_start_again(tmp_path: Path) -> None:
    jobs = Jobs(tmp_path)
    job_id = jobs.new_id("long")
    job = jobs.start(job_id, "long", "site", sleep_long)
    deadline = time.monotonic() + 30
    while (jobs.get(job_id) or job).state != "running" and time.monotonic() < deadline:
        time.sleep(0.1)
    running = jobs.get(job_id)
    assert running is not None and running.pid is not None
    os.kill(running.pid, signal.SIGKILL)
    time.sleep(0.5)
    stopped = jobs.get(job_id)
    assert stopped is not None and stopped.stopped and "stopped before it finished" in stopped.message
    again = jobs.start(job_id, "long", "site", count_to, up_to=1)
    assert finished(jobs, again.id).result == {"counted": 1}
    assert json.loads((tmp_path / f"{job_id}.json").read_text())["state"] == "done"
