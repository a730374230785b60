"""The machine fails a write (a full disk): the build says which file and why, in one line, without
a traceback, and leaves every file whole: the last site, the briefs already written."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from generator import cli, fileio
from generator.brief_file import read_brief
from generator.config import load_config
from generator.site import writer

from .helpers import tree

FULL = "No space left on device"


@pytest.fixture(autouse=True)
def _in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample project (conftest's, briefs not yet ingested) is the current folder."""
    monkeypatch.chdir(project)


def _build(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(["build"])
    return status, capsys.readouterr().err


def test_a_full_disk_while_writing_the_site_names_the_page_and_keeps_the_last_site(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _build(capsys)[0] == 0
    site = project / "site"
    before = tree(site)
    brief = next((project / "content" / "briefs").glob("*.md"))
    brief.write_text(brief.read_text(encoding="utf-8") + "\nAn analyst's note.\n", encoding="utf-8")

    real = writer._write

    def full(path: Path, data: bytes) -> None:
        if path.name == "index.html" and path.parent.name == brief.stem:
            raise OSError(errno.ENOSPC, FULL)  # as os.write says it: no file named
        real(path, data)

    monkeypatch.setattr(writer, "_write", full)
    status, said = _build(capsys)
    assert status == 1
    assert "Traceback" not in said
    page = site / "briefs" / brief.stem / "index.html"
    assert f"error: {page}: could not be written: {FULL}" in said
    assert tree(site) == before  # the last site, whole
    assert not list(project.glob(".site.new-*"))

    monkeypatch.setattr(writer, "_write", real)
    assert _build(capsys)[0] == 0
    assert b"An analyst's note." in page.read_bytes()


def test_a_full_disk_while_writing_a_brief_names_the_brief_and_leaves_no_half_file(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = project / "content" / "briefs"
    real = os.fdopen
    failed: list[str] = []

    def full(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real(fd, *args, **kwargs)
        name = os.readlink(f"/proc/self/fd/{fd}")
        if not failed and Path(name).parent == briefs and name.endswith(".tmp"):
            failed.append(name)

            def write(data: bytes) -> int:
                raise OSError(errno.ENOSPC, FULL)  # a write names no file

            handle.write = write
        return handle

    monkeypatch.setattr(fileio.os, "fdopen", full)
    status, said = _build(capsys)
    assert status == 1 and failed
    assert "Traceback" not in said
    lost = Path(failed[0]).name[1:].split(".md.")[0] + ".md"  # ".<brief>.md.<random>.tmp"
    assert f"error: {briefs / lost}: {FULL} (nothing is half-written" in said
    assert not (briefs / lost).exists()
    assert not list(briefs.glob(".*.tmp"))
    tz = load_config(project / "briefing.yaml").site.tz
    for written in briefs.glob("*.md"):
        read_brief(written, tz)  # whole

    monkeypatch.setattr(fileio.os, "fdopen", real)
    assert _build(capsys)[0] == 0
    assert (briefs / lost).is_file() and len(list(briefs.glob("*.md"))) == 2
