"""`marsad serve --workers N` runs N worker processes on one port, each answering from the same database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from marsad.cli.serve_command import default_workers

MARSAD = [sys.executable, "-c", "from marsad.cli.app import main; main()"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


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


def test_the_default_is_one_worker_per_core_at_most_four() -> None:
    assert default_workers() == max(1, min(4, os.cpu_count() or 1))


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
