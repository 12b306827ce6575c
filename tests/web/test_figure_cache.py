"""Figures a page needs are computed once per data version, however many readers ask for them at the same moment."""

from __future__ import annotations

import threading
import time

import pytest

from marsad.web.figure_cache import FigureCache


def test_readers_asking_at_once_wait_for_one_computation() -> None:
    cache, computed = FigureCache(), []

    def slow_count() -> int:
        computed.append(1)
        time.sleep(0.2)  # a count over a million incidents
        return 949_681

    answers: list[int] = []
    readers = [
        threading.Thread(target=lambda: answers.append(cache.get(("synthetic", 7), slow_count))) for _ in range(8)
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert answers == [949_681] * 8 and len(computed) == 1
    assert cache.get(("synthetic", 8), lambda: 0) == 0  # another data version is counted again


def test_a_failed_computation_is_tried_again_by_the_next_reader() -> None:
    cache = FigureCache()

    def failing() -> int:
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        cache.get("count", failing)
    assert not cache._computing  # nothing left waiting on the failed computation
    assert cache.get("count", lambda: 3) == 3
