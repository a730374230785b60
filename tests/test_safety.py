"""Atomic writes and the project lock: nothing half-written, one build at a time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import BuildLockedError
from generator.fileio import write_atomic, write_if_changed
from generator.lock import project_lock
from generator.progress import QUIET, Reporter


def test_write_if_changed_leaves_identical_files_alone(tmp_path: Path) -> None:
    path = tmp_path / "a" / "page.html"
    assert write_if_changed(path, "one") is True
    os.utime(path, (1, 1))
    assert write_if_changed(path, "one") is False
    assert path.stat().st_mtime == 1
    assert write_if_changed(path, "two") is True
    assert path.read_text() == "two"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("old", encoding="utf-8")

    class Boom:  # not bytes or str: encoding inside write_atomic fails after the temp file exists
        def __len__(self) -> int:
            return 1

    with pytest.raises(TypeError):
        write_atomic(path, Boom())  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_a_second_build_waits_then_refuses_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reporter = Reporter()
    refused = pytest.raises(BuildLockedError, match="another build still holds")
    with project_lock(tmp_path, reporter), refused, project_lock(tmp_path, reporter, wait_seconds=0.3):
        pass
    assert f"(pid {os.getpid()})" in capsys.readouterr().err
    with project_lock(tmp_path, Reporter(QUIET)):  # released: the next build goes ahead
        pass
