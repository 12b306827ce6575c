"""Helper processes that end when the process that started them dies.

A spawned helper (the import's reader and validator) is not a daemon in the operating system's sense: if its
parent is killed (``kill -9``, the out-of-memory killer) it is adopted by init and would go on reading a file
nobody will write, or wait forever on a full queue. A thread in the helper watches its parent instead and ends
the process as soon as the parent is gone (portable, unlike Linux's ``PR_SET_PDEATHSIG``, which also fires
when merely the *thread* that started the helper ends, as a worker thread of the web server does).
"""

from __future__ import annotations

import os
import threading
import time

WATCH_EVERY_S = 0.2


def end_with_parent(parent_pid: int) -> None:
    """Called first in a helper: its process exits as soon as ``parent_pid`` is no longer its parent."""
    if os.getppid() != parent_pid:  # the parent died before the helper started
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="end-with-parent", daemon=True).start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_EVERY_S)
    os._exit(1)  # nothing of the helper's is worth finishing: its parent wrote nothing, or rolled back
