"""Spread per-item work over the cores with a forked process pool, in chunks, results in input order.

Fork start method: workers inherit the parent's already-built state (templates, the page list),
so only indices go out and small results come back. Small inputs run serially, where starting the
pool costs more than it saves; so does a platform without fork.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

from generator import heap

MIN_PARALLEL = 400  # items below which the pool costs more than it saves
_TASK: Callable[[int], Any] | None = None


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _run_chunk(bounds: tuple[int, int]) -> tuple[int, list[Any]]:
    assert _TASK is not None
    return bounds[0], [_TASK(i) for i in range(bounds[0], bounds[1])]


def _ignore(index: int) -> None:
    pass


def map_indices(
    task: Callable[[int], Any],
    count: int,
    min_parallel: int | None = None,
    done: Callable[[int], None] = _ignore,
) -> list[Any]:
    """``[task(0), ..., task(count - 1)]``, computed in forked workers when it pays. ``done(i)`` is
    called in this process as the result of ``task(i)`` arrives (a progress bar's advance)."""
    global _TASK
    cores = workers()
    if (
        count < (MIN_PARALLEL if min_parallel is None else min_parallel)
        or cores < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        results = []
        for i in range(count):
            results.append(task(i))
            done(i)
        return results
    # Many small chunks, taken as workers free up, even out uneven items (a briefing book costs a
    # thousand brief pages) without paying per-item messaging; results go back in input order.
    size = max(1, min(64, -(-count // (cores * 16))))
    chunks = [(start, min(start + size, count)) for start in range(0, count, size)]
    _TASK = task
    try:
        with heap.stage():
            heap.freeze()  # the workers' collectors leave the inherited heap alone (and uncopied)
            with multiprocessing.get_context("fork").Pool(cores) as pool:
                results: list[Any] = [None] * count
                for start, part in pool.imap_unordered(_run_chunk, chunks):
                    results[start : start + len(part)] = part
                    for i in range(start, start + len(part)):
                        done(i)
                return results
    finally:
        _TASK = None


def map_items(
    task: Callable[[Any], Any],
    items: Sequence[Any],
    min_parallel: int | None = None,
    done: Callable[[int], None] = _ignore,
) -> list[Any]:
    return map_indices(lambda i: task(items[i]), len(items), min_parallel, done)
