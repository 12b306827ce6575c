"""`marsad serve --workers N` runs N worker processes on one port, each answering from the same database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from marsad.cli.serve_command import default_workers
from tests.served import free_port

MARSAD = [sys.executable, "-c", "from marsad.cli.app import main; main()"]


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize(("cores", "workers"), [(None, 1), (1, 1), (2, 2), (4, 4), (16, 4)])
def test_the_default_is_one_worker_per_core_at_most_four(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, workers: int
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert default_workers() == workers


def test_two_workers_answer_on_one_port(tmp_path: Path) -> None:
    env = {**os.environ, "MARSAD_DATA_DIR": str(tmp_path)}
    env.pop("MARSAD_DATABASE_URL", None)
    subprocess.run([*MARSAD, "init"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [*MARSAD, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        answers: list[int] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(answers) < 20:
            try:
                answers.append(status_of(f"http://127.0.0.1:{port}/incidents"))
            except OSError:  # not listening yet
                time.sleep(0.2)
        assert answers == [200] * 20
        workers = [pid for pid in children(server.pid) if Path(f"/proc/{pid}/cmdline").read_bytes().count(b"spawn")]
        assert len(workers) == 2
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "2 workers" in output


def status_of(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:
        status: int = response.status
        return status
