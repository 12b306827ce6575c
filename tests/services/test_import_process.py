"""The import's second process (reader and validator) never outlives the import that started it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

from marsad.io.canonical import RawRow

PARENT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from marsad.domain.vocabulary import load_vocabularies
    from marsad.gazetteer.gazetteer import load_gazetteer
    from marsad.services.importing import import_file
    from marsad.storage.engine import make_engine, unit_of_work
    from marsad.storage.migrate import upgrade
    from tests.services.test_import_process import endless_reader

    engine = make_engine(sys.argv[1])
    upgrade(engine)
    with unit_of_work(engine) as session:
        import_file(session, Path(sys.argv[2]), endless_reader, vocab=load_vocabularies(),
                    gazetteer=load_gazetteer(load_vocabularies()), actor="test", parallel=True)
    """
)


def endless_reader(path: Path) -> Iterator[RawRow]:
    """A file that takes forever to read: says which process reads it, then never yields a row."""
    path.with_suffix(".pid").write_text(str(os.getpid()), encoding="utf-8")
    while True:
        time.sleep(60)
        yield from ()


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_the_reader_process_ends_when_the_import_is_killed(tmp_path: Path) -> None:
    source = tmp_path / "incidents.csv"
    source.write_text("id,date\n", encoding="utf-8")
    reader_pid_file = source.with_suffix(".pid")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    command = [sys.executable, "-c", PARENT, f"sqlite:///{tmp_path / 'marsad.db'}", str(source)]
    parent = subprocess.Popen(command, env=environment, cwd=Path(__file__).resolve().parents[2])
    try:
        assert _wait_for(reader_pid_file.exists, 60), "the import never started its reader"
        reader = int(reader_pid_file.read_text(encoding="utf-8"))
        assert _running(reader)
        time.sleep(1)  # the import is under way: the parent waits on its reader, the reader on the file
        assert parent.poll() is None and _running(reader)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        assert _wait_for(lambda: not _running(reader), 5), f"the reader {reader} outlived its killed import"
    finally:
        if parent.poll() is None:
            parent.kill()
        if reader_pid_file.exists() and _running(int(reader_pid_file.read_text(encoding="utf-8"))):
            os.kill(int(reader_pid_file.read_text(encoding="utf-8")), signal.SIGKILL)
