"""Figures computed from the data, kept until the data changes: repeated reads of the same statistics are free.

Keys include the data version (the newest revision's id), so a cached answer is never served after an edit.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.queries import count_incidents, data_version


class FigureCache:
    """A small least-recently-used cache shared by the requests of one process.

    Figures missing from it are computed once: requests that ask for the same figures meanwhile wait for that
    computation instead of each making their own (30 readers on a fresh server each counted the synthetic
    incidents among 1,000,000, 2 s alone, and the first pages took 15 s).
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, Lock] = {}
        self._lock = Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            computing = self._computing.setdefault(key, Lock())
        with computing:
            with self._lock:
                if key in self._entries:  # computed by the request this one waited for
                    return self._entries[key]
            try:
                value = compute()
            except BaseException:  # a failed computation leaves no lock behind: the next request tries again
                with self._lock:
                    self._computing.pop(key, None)
                raise
            with self._lock:
                self._entries[key] = value
                self._computing.pop(key, None)
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
        return value


def cached(request: Request, session: Session, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave before for ``key`` on the same data (the key gains the data version)."""
    cache: FigureCache = request.app.state.figures
    return cache.get((key, _version(request, session)), compute)


def _version(request: Request, session: Session) -> int:
    """The data version, read once per GET (a page asks for several figures, and a GET changes nothing); a
    request that may write reads it afresh each time."""
    if request.method != "GET":
        return data_version(session)
    if not hasattr(request.state, "data_version"):
        request.state.data_version = data_version(session)
    version: int = request.state.data_version
    return version


def public_count(request: Request, session: Session, selection: IncidentFilter) -> int:
    """How many published incidents the selection holds, counted once per data version (every page needs it)."""
    count: int = cached(
        request, session, ("count", selection), lambda: count_incidents(session, selection, Access.PUBLIC)
    )
    return count


def counting(request: Request, session: Session, selection: IncidentFilter, vocab: Vocabularies) -> dict[str, Any]:
    """What the selection counts, which grades the rule counts, and how many published incidents the reports' rule
    leaves out (each page adds the rule and the grades in its reader's words: ``ReaderWords.counting``)."""
    left_out = public_count(request, session, selection.narrow(counted=False)) if selection.counted else None
    return {
        "counted": {True: "counted", None: "all", False: "not_counted"}[selection.counted],
        "grades": list(vocab.counted_grades),
        "not_counted": left_out,
    }
