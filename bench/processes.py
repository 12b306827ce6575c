"""A process and its descendants as /proc sees them: what a benchmark measures from outside (memory, CPU)."""

from __future__ import annotations

import os
from pathlib import Path


def tree_stats(root: int) -> list[list[str]]:
    """The /proc stat fields after the command's name (state first) of ``root`` and every descendant."""
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, fields in stats.items() if int(fields[1]) == parent]
        tree.update(children)
        frontier.extend(children)
    return [stats[pid] for pid in tree if pid in stats]


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants (Marsad's import runs two processes)."""
    return sum(int(fields[21]) for fields in tree_stats(root)) * os.sysconf("SC_PAGE_SIZE") / 2**20


def tree_cpu_seconds(root: int) -> float:
    """CPU time (user and system) used so far by a process and its living descendants (a server's workers)."""
    return sum(int(fields[11]) + int(fields[12]) for fields in tree_stats(root)) / os.sysconf("SC_CLK_TCK")
