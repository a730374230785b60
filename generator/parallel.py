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

MIN_PARALLEL = 400  # items below which the pool costs more than it saves
_TASK: Callable[[int], Any] | None = None


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    return [_TASK(i) for i in range(bounds[0], bounds[1])]


def map_indices(task: Callable[[int], Any], count: int, min_parallel: int = MIN_PARALLEL) -> list[Any]:
    """``[task(0), ..., task(count - 1)]``, computed in forked workers when it pays."""
    global _TASK
    cores = workers()
    if count < min_parallel or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(i) for i in range(count)]
    # A few chunks per worker evens out uneven items without paying per-item messaging.
    size = max(1, -(-count // (cores * 4)))
    chunks = [(start, min(start + size, count)) for start in range(0, count, size)]
    _TASK = task
    try:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            results: list[Any] = []
            for part in pool.imap(_run_chunk, chunks):
                results.extend(part)
            return results
    finally:
        _TASK = None


def map_items(
    task: Callable[[Any], Any], items: Sequence[Any], min_parallel: int = MIN_PARALLEL
) -> list[Any]:
    return map_indices(lambda i: task(items[i]), len(items), min_parallel)
