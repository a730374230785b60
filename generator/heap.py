"""The garbage collector and a build's large, long-lived heap.

A build at 10,000 briefs holds hundreds of thousands of objects (cached parses, the site model) that
live until it ends and hold no garbage. Python's cyclic collector would examine every one of them on
each full collection, which the build's own allocations keep triggering (~0.5 s of a one-brief
render), and in a forked worker its bookkeeping writes to each of them, copying the parent's heap
page by page. So a stage loads its cache with the collector paused (``paused``), which then freezes
what it holds (``freeze``: left out of collections) until the stage ends (``stage``), when
everything is handed back to the collector: ``briefing serve`` runs build after build in one process.

Nor is that heap freed object by object when a command ends (~0.07 s for 10,000 briefs' plan, and
as long again in the interpreter's teardown): a stage hands what it built to ``retain`` and the
console script leaves with ``os._exit`` (``cli.run``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0  # stages open (a render's worker pool is a stage inside the render)
_retained: tuple[object, ...] = ()


@contextmanager
def stage() -> Iterator[None]:
    """Objects frozen inside are unfrozen when the outermost stage ends."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            gc.unfreeze()


def freeze() -> None:
    """Leave every object alive now out of collections until the stage ends (outside a stage:
    nothing, so nothing stays frozen for good)."""
    if _depth:
        gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """No collection while a large cache is loaded: it makes objects, frees none. What it made is
    frozen before the collector is back: else the first allocation after would collect them all
    as new objects (~0.15 s for 10,000 briefs' worth)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        freeze()
        if enabled:
            gc.enable()


def retain(*objects: object) -> None:
    """Keep ``objects`` alive until the next ``retain`` (the next build in ``serve``) or the process
    ends, so they are not freed one by one as the stage returns."""
    global _retained
    _retained = objects
