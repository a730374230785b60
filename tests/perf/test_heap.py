"""The collector is paused and the heap frozen only for as long as a build stage runs."""

from __future__ import annotations

import gc
from pathlib import Path

from generator import heap
from tests.perf.test_incremental import build, make_project


def test_stages_nest_and_the_outermost_unfreezes() -> None:
    assert gc.get_freeze_count() == 0
    keep = [object() for _ in range(100)]
    with heap.stage():
        heap.freeze()
        frozen = gc.get_freeze_count()
        assert frozen >= len(keep)
        with heap.stage():  # a worker pool inside a render
            heap.freeze()
        assert gc.get_freeze_count() >= frozen  # the inner stage's end unfreezes nothing
    assert gc.get_freeze_count() == 0


def test_freezing_outside_a_stage_does_nothing() -> None:
    heap.freeze()
    assert gc.get_freeze_count() == 0


def test_paused_gives_the_collector_back_as_it_was() -> None:
    assert gc.isenabled()
    with heap.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with heap.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_is_loaded_while_paused_is_frozen_within_a_stage_only() -> None:
    with heap.stage():
        with heap.paused():
            loaded = [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= len(loaded)  # out of the collections the next allocations start
    assert gc.get_freeze_count() == 0
    with heap.paused():
        loaded = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0


def test_a_build_leaves_nothing_frozen_and_the_collector_on(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build(project)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
