"""Nothing lost: builds killed at random moments, two builds at once, hand edits across re-ingests."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.brief_file import read_brief
from generator.config import load_config

from .helpers import REPO, briefing, generate, project_from_corpus, tree


@pytest.fixture
def corpus_project(tmp_path: Path) -> Path:
    """A project of 60 synthetic articles (no briefs yet) with the real templates."""
    generate(60, tmp_path / "corpus", seed=7)
    return project_from_corpus(tmp_path / "corpus", tmp_path / "project")


def start_build(project: Path, *options: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "generator", "build", *(options or ("--quiet",))]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def change_inputs(project: Path, rng: random.Random, step: int) -> None:
    """One change a desk makes between builds, so the next site differs from the last."""
    articles = sorted((project / "articles").glob("*.txt"))
    choice = rng.randrange(3)
    if choice == 0:  # an article updated at the source
        article = rng.choice(articles)
        text = article.read_text(encoding="utf-8")
        article.write_text(
            text.replace("\n\nTAGGED:", f"\n\nUpdate {step}: officials confirmed the plan.\n\nTAGGED:")
        )
    elif choice == 1:  # a new article
        text = articles[0].read_text(encoding="utf-8").replace("Talk 1:", f"New talk {step}:")
        (project / "articles" / f"new-{step}.txt").write_text(text.replace("step up", f"step {step} up"))
    else:  # an analyst edits a brief
        brief = rng.choice(sorted((project / "briefs").glob("*.md")))
        brief.write_text(brief.read_text(encoding="utf-8") + f"\nAnalyst note {step}.\n", encoding="utf-8")


def assert_briefs_whole(project: Path) -> None:
    tz = load_config(project / "briefing.yaml").site.tz
    for path in (project / "briefs").glob("*.md"):
        read_brief(path, tz)  # raises on a truncated or half-written file


def test_a_killed_build_leaves_the_old_or_the_new_site_never_a_mix(corpus_project: Path) -> None:
    project = corpus_project
    first = start_build(project)
    started = time.monotonic()
    assert first.wait(timeout=300) == 0, first.stderr.read()
    duration = time.monotonic() - started
    site = project / "site"
    before = tree(site)
    rng = random.Random(20261122)
    outcomes = {"old": 0, "new": 0}
    for step in range(20):
        change_inputs(project, rng, step)
        build = start_build(project)
        time.sleep(rng.uniform(0.1, duration * 1.2))
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        assert site.is_dir(), f"step {step}: no site/ at all after the kill"
        killed = tree(site)
        assert_briefs_whole(project)
        finish = briefing(project, "build", "--quiet")
        assert finish.status == 0, finish.stderr
        after = tree(site)
        assert killed in (before, after), f"step {step}: site/ is a mix of two builds"
        outcomes["old" if killed == before else "new"] += 1
        leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site.")]
        assert leftovers in ([], [".site.previous"]), f"staging left behind: {leftovers}"
        before = after
    assert outcomes["old"] > 0  # the kills did land mid-build at least sometimes


def test_two_builds_at_once_wait_for_each_other(corpus_project: Path) -> None:
    project = corpus_project
    one, two = start_build(project, "--verbose"), start_build(project, "--verbose")
    errors = [one.communicate(timeout=300)[1].decode(), two.communicate(timeout=300)[1].decode()]
    assert (one.returncode, two.returncode) == (0, 0), errors
    assert any("another build is running" in e for e in errors), errors
    built = tree(project / "site")
    shutil.rmtree(project / "site")
    assert briefing(project, "render", "--quiet").status == 0
    assert tree(project / "site") == built


def test_a_hand_edited_brief_survives_every_reingest(corpus_project: Path) -> None:
    project = corpus_project
    assert briefing(project, "ingest", "--quiet").status == 0
    brief = sorted((project / "briefs").glob("*.md"))[3]
    source = project / read_brief(brief, load_config(project / "briefing.yaml").site.tz).sources[0].file
    edited = brief.read_text(encoding="utf-8") + "\nThe desk's own analysis paragraph.\n"
    brief.write_text(edited, encoding="utf-8")
    for round_ in range(3):
        source.write_text(source.read_text(encoding="utf-8") + f"\nA late correction, round {round_}.\n")
        run = briefing(project, "ingest")
        assert run.status == 0
        assert brief.read_text(encoding="utf-8") == edited
        assert "edited by hand" in run.stderr and brief.name in run.stderr
        assert briefing(project, "build", "--quiet").status == 0
        assert brief.read_text(encoding="utf-8") == edited
