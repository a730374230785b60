"""Progress on long work: a bar per phase on a terminal, nothing elsewhere, messages above the bar."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import parallel
from generator.commands import OK, run_build
from generator.config import parse_config
from generator.model import Failure
from generator.progress import MIN_PROGRESS, NORMAL, QUIET, Reporter

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal(io.StringIO):
    """What a terminal receives, as text."""

    def isatty(self) -> bool:
        return True

    def text(self) -> str:
        return ANSI.sub("", self.getvalue())


def finished(text: str, label: str, total: int) -> bool:
    """Whether the terminal showed the bar ``label`` with all of its ``total`` items done."""
    return re.search(rf"{re.escape(label)} .*\b{total}/{total}\b", text) is not None


def test_a_bar_counts_the_work_done_on_a_terminal() -> None:
    err = Terminal()
    reporter = Reporter(NORMAL, io.StringIO(), err)
    with reporter.task("Reading articles", 120) as advance:
        for _ in range(4):
            advance(30)
    assert finished(err.text(), "Reading articles", 120)


@pytest.mark.parametrize(
    ("verbosity", "stream", "total"),
    [(NORMAL, io.StringIO(), 120), (QUIET, Terminal(), 120), (NORMAL, Terminal(), MIN_PROGRESS - 1)],
    ids=["not a terminal", "quiet", "too little work"],
)
def test_no_bar_off_a_terminal_when_quiet_or_for_little_work(
    verbosity: int, stream: io.StringIO, total: int
) -> None:
    reporter = Reporter(verbosity, io.StringIO(), stream)
    with reporter.task("Reading articles", total) as advance:
        advance(total)
    assert "Reading articles" not in stream.getvalue()


def test_messages_during_a_bar_are_printed_whole_above_it() -> None:
    err = Terminal()
    reporter = Reporter(NORMAL, io.StringIO(), err)
    with reporter.task("Rendering pages", 100) as advance:
        advance(40)
        reporter.warn("briefs/a.md: something to know")
        reporter.failure(Failure(Path("articles/b.txt"), "no headline", 3))
        advance(60)
    lines = err.text().replace("\r", "\n").splitlines()
    assert "warning: briefs/a.md: something to know" in lines
    assert "error: articles/b.txt:3: no headline" in lines
    assert finished(err.text(), "Rendering pages", 100)


@pytest.mark.parametrize("count", [5, 500], ids=["serial", "forked workers"])
def test_map_indices_reports_each_item_once_in_this_process(count: int) -> None:
    seen: list[int] = []
    results = parallel.map_indices(lambda i: i * i, count, done=seen.append)
    assert results == [i * i for i in range(count)]
    assert sorted(seen) == list(range(count))


def _fresh(project: Path) -> None:
    """All the work to do again: no briefs, cache or site."""
    for brief in (project / "briefs").glob("*.md"):
        brief.unlink()
    for folder in (".briefing", "site"):
        shutil.rmtree(project / folder, ignore_errors=True)


def test_a_build_on_a_terminal_shows_each_long_phase_and_elsewhere_none(tmp_path: Path) -> None:
    articles = 60
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "corpus.py"), str(articles), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    data = yaml.safe_load((tmp_path / "briefing.yaml").read_text(encoding="utf-8"))
    data.setdefault("paths", {})["templates"] = str(REPO / "templates")
    config = parse_config(data, tmp_path / "briefing.yaml")
    _fresh(tmp_path)
    plain = io.StringIO()
    assert run_build(config, Reporter(NORMAL, io.StringIO(), plain)) == OK
    assert "Reading articles" not in plain.getvalue() and "/60" not in plain.getvalue()

    _fresh(tmp_path)
    out, err = io.StringIO(), Terminal()
    assert run_build(config, Reporter(NORMAL, out, err)) == OK
    text = err.text()
    for label in ("Reading articles", "Writing briefs", "Reading briefs", "Indexing for search"):
        assert finished(text, label, articles), label
    pages = int(re.search(r"(\d+) pages", out.getvalue())[1])  # type: ignore[index]
    assert finished(text, "Rendering pages", pages)
