"""An incremental build equals a clean build, byte for byte, after any sequence of changes.

A seeded random sequence of edits, additions, deletions, touches, fresh clones with the cache
kept, config and template changes is applied to a small project; after each step ``briefing build``
(with its cache) runs in the project, and a clean build runs on a fresh copy of the same inputs
with no cache and no site. The two sites, and the two briefs folders, must be identical. The search
index (Pagefind, a separate program with its own determinism tests) is stubbed out to keep this
fast, except in every third seed, where bundles of ~3 briefs make every change re-index some
bundles and carry others over.

``make test`` runs seeds 1-3, 14 steps each. A deeper search for a sequence that breaks it:
``BRIEFING_RANDOM_SEEDS=60 BRIEFING_RANDOM_STEPS=30 make test ARGS="tests/perf/test_incremental.py"``
(seeds 1-60, ~12 minutes here).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator.site as site_module
from generator import cache, inputs, parallel
from generator.commands import OK, run_build
from generator.config import load_config
from generator.ingest import incremental as ingest_incremental
from generator.model import Brief
from generator.progress import NORMAL, Reporter
from generator.site import incremental, search, writer
from generator.site.pages import Page

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SEEDS = range(1, 1 + int(os.environ.get("BRIEFING_RANDOM_SEEDS", "3")))
STEPS = int(os.environ.get("BRIEFING_RANDOM_STEPS", "14"))
# What only an incremental build can say: that it retired the brief it made from a story that is
# gone or moved to another brief (a clean build never made that brief), or kept it, hand-edited;
# that it wrote again a brief deleted by hand; that the new site goes without someone else's file;
# that it kept the brief of an article that turned unusable (a clean build finds it there).
RETIRED = re.compile(
    r"warning: \S+\.md(?: removed)?: its articles are (?:gone|now in \S+)[^\n]*\n"
    r"|warning: \S+\.md was deleted since the last build; written again[^\n]*\n"
    r"|warning: site/CNAME: not made by briefing[^\n]*\n"
    r"|warning: \S+\.md: kept as it was: its articles cannot be used now\n"
)


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file's bytes, and every folder (None): a patched site must not keep an emptied folder."""
    paths = sorted(root.rglob("*"))
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in paths}


def make_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    config = yaml.safe_load((DATA / "site.yaml").read_text(encoding="utf-8"))
    config["paths"] = {"articles": "articles", "briefs": "briefs", "templates": "templates", "output": "site"}
    (folder / "briefing.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "articles").mkdir()
    for article in sorted((DATA / "articles").glob("*.txt"))[:8]:
        shutil.copy(article, folder / "articles" / article.name)
    shutil.copytree(DATA / "briefs", folder / "briefs")
    return folder


def build(project: Path) -> tuple[int, str]:
    """Build; return the exit status and what the build said (timings cut)."""
    out, err = io.StringIO(), io.StringIO()
    status = run_build(load_config(project / "briefing.yaml"), Reporter(NORMAL, out, err))
    assert status in (OK, 1)
    said = (out.getvalue() + err.getvalue()).replace(str(project), "<project>")
    return status, re.sub(r" in \d+\.\d s", "", said)


def clean_build(project: Path, scratch: Path) -> tuple[Path, tuple[int, str]]:
    """The same inputs built from nothing: no cache, no previous site."""
    for _ in range(100):  # the last clean build's background clone of its site may still be copying
        shutil.rmtree(scratch, ignore_errors=True)
        if not scratch.exists():
            break
        time.sleep(0.05)
    scratch.mkdir()
    for name in ("briefing.yaml", "redirects.yaml"):  # the second once a story has moved
        if (project / name).exists():
            shutil.copy2(project / name, scratch / name)
    for name in ("templates", "articles", "briefs"):
        shutil.copytree(project / name, scratch / name)
    return scratch, build(scratch)


def _edit_brief(project: Path, rng: random.Random) -> None:
    briefs = sorted((project / "briefs").glob("*.md"))
    target = rng.choice(briefs)
    target.write_text(target.read_text(encoding="utf-8") + f"\nAn analyst adds note {rng.random()}.\n")


def _hand_edit(project: Path, rng: random.Random, key: str, change: Callable[[Any], Any]) -> None:
    """An analyst's edit of one front-matter value of a random brief: ``change(old) -> new``."""
    target = rng.choice(sorted((project / "briefs").glob("*.md")))
    lines = target.read_text(encoding="utf-8").split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if at is None:  # not set in this brief: added after the opening "---"
        at = end = 1
        value = None
    else:
        end = next(i for i in range(at + 1, len(lines)) if re.match(r"[a-z_]+:|---$", lines[i]))  # may wrap
        value = yaml.safe_load("\n".join(lines[at:end]))[key]
    lines[at:end] = [f"{key}: " + json.dumps(change(value))]
    target.write_text("\n".join(lines), encoding="utf-8")


def _retitle_brief(project: Path, rng: random.Random) -> None:
    """A hand edit of the front matter, not the body: lists and neighbours show the new title."""
    _hand_edit(project, rng, "title", lambda title: f"Revised {rng.randrange(100)}: {title}")


def _retag_brief(project: Path, rng: random.Random) -> None:
    """Tags added (in another spelling, sometimes, which shares a page) or dropped: tag pages follow."""
    pool = ["QUAD", "Quad", "Indo-Pacific"]
    _hand_edit(project, rng, "tags", lambda tags: rng.sample([*pool, *(tags or [])], 2))


def _update_brief(project: Path, rng: random.Random) -> None:
    """Marked as revised: its page, feeds and sitemap entry say when."""
    _hand_edit(project, rng, "updated", lambda _: f"2026-01-{rng.randrange(1, 29):02d}T09:00:00+05:30")


def _delete_brief(project: Path, rng: random.Random) -> None:
    briefs = sorted((project / "briefs").glob("*.md"))
    if len(briefs) > 3:
        rng.choice(briefs).unlink()


def _add_article(project: Path, rng: random.Random) -> None:
    source = rng.choice(sorted((DATA / "articles").glob("*.txt")))
    text = source.read_text(encoding="utf-8")
    (project / "articles" / f"added-{rng.randrange(10**6)}.txt").write_text(
        text + f"\nA closing paragraph added in step {rng.random()}.\n", encoding="utf-8"
    )


def _delete_article(project: Path, rng: random.Random) -> None:
    articles = sorted((project / "articles").glob("*.txt"))
    if len(articles) > 2:
        rng.choice(articles).unlink()


def _spoil_article(project: Path, rng: random.Random) -> None:
    """A scraper run that left an article empty: an error from then on, its brief kept as it was."""
    rng.choice(sorted((project / "articles").glob("*.txt"))).write_bytes(b"")


def _touch(project: Path, rng: random.Random) -> None:
    files = sorted((project / "briefs").glob("*.md")) + sorted((project / "articles").glob("*.txt"))
    rng.choice(files).touch()


def _fresh_checkout(project: Path, rng: random.Random) -> None:
    """A CI run that restored ``.briefing/`` (actions/cache) into a new clone: git wrote every input
    anew, and there is no site nor anything beside it."""
    shutil.rmtree(project / "site")
    for leftover in project.glob(".site.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for path in sorted(project.rglob("*")):
        if path.is_file() and ".briefing" not in path.parts:
            path.touch()


def _config_change(project: Path, rng: random.Random) -> None:
    path = project / "briefing.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    choice = rng.randrange(4)
    if choice == 0:
        config["site"]["title"] = f"Briefing {rng.randrange(100)}"
    elif choice == 1:
        config.setdefault("listing", {})["per_page"] = rng.choice([2, 3, 20])
    elif choice == 2:
        config.setdefault("feeds", {})["items"] = rng.choice([1, 5, 20])
    else:  # pillars change: briefs are written again, cached article results are not reused
        config.setdefault("classify", {})["min_share"] = rng.choice([0, 0.25, 0.6])
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _template_change(project: Path, rng: random.Random) -> None:
    base = project / "templates" / "base.html"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("</body>", f"<!-- build note {rng.randrange(1000)} -->\n</body>", 1))


def _damage_site(project: Path, rng: random.Random) -> None:
    """Someone deletes or edits a file of the generated site, or a few, and now and then edits a
    brief too (a render with work to do must mend the site as well as one that would otherwise do
    nothing)."""
    site = sorted(p for p in (project / "site").rglob("*") if p.is_file())
    for victim in rng.sample(site, rng.choice((1, 1, 3))):
        # Pagefind's output is only watched by its folders: no one edits its compressed files in place.
        if rng.randrange(2) or "pagefind" in victim.relative_to(project / "site").parts:
            victim.unlink()
        else:
            with victim.open("ab") as handle:  # in place: the same inode, as an editor may write
                handle.write(b"\n")
    if rng.randrange(2):
        if rng.randrange(2):  # someone's own file, which the new site goes without, for good
            (project / "site" / "CNAME").write_text("briefs.example.org\n", encoding="utf-8")
        _edit_brief(project, rng)


MUTATIONS = [
    _edit_brief,
    _edit_brief,
    _retitle_brief,
    _retag_brief,
    _update_brief,
    _delete_brief,
    _add_article,
    _delete_article,
    _spoil_article,
    _touch,
    _fresh_checkout,
    _config_change,
    _template_change,
    _damage_site,
]


@pytest.fixture(autouse=True)
def no_search_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_module, "start_bundles", search.no_index)
    monkeypatch.setattr(search, "bundle_mean", lambda count: 3)


@pytest.mark.parametrize("seed", SEEDS)
def test_incremental_build_equals_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    if seed % 3 == 0:
        monkeypatch.setattr(site_module, "start_bundles", search.start_bundles)
    if seed % 3 == 2:  # every build without a previous site has one cloned, which the next waits for
        monkeypatch.setattr(writer, "CLONE_FILES", 1)
    rng = random.Random(seed)
    project = make_project(tmp_path / "project")
    build(project)
    for step in range(STEPS):
        mutation = rng.choice(MUTATIONS)
        mutation(project, rng)
        status, said = build(project)
        clean, clean_said = clean_build(project, tmp_path / "clean")
        said = RETIRED.sub("", re.sub(r", \d+ removed", "", said))
        # Found when someone changed the site, and only then: else a build would rewrite the whole site.
        damaged = re.search(r"since the last build(, and \d+ other files?)? \(the site is generated\)", said)
        assert bool(damaged) == (mutation is _damage_site), f"step {step}: {mutation.__name__}"
        said = re.sub(r"warning: site/\S+ was (deleted|changed) since the last build.*\n", "", said)
        assert (status, said) == (clean_said[0], clean_said[1].replace(str(clean), "<project>")), (
            mutation.__name__
        )
        assert tree(project / "briefs") == tree(clean / "briefs"), f"step {step}: {mutation.__name__}"
        assert tree(project / "site") == tree(clean / "site"), f"step {step}: {mutation.__name__}"


def test_nothing_changed_touches_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build(project)
    before = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")}
    identity = (project / "site").stat().st_ino
    build(project)
    assert (project / "site").stat().st_ino == identity
    assert {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")} == before


@pytest.mark.parametrize("forked", [False, True])
def test_a_site_file_deleted_or_edited_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    checks: list[str] = []  # who forked: the site is checked in a child from SITE_CHECK_FORK files
    fork = os.fork

    def watched_fork() -> int:
        checks.append(sys._getframe(1).f_globals["__name__"])
        return fork()

    monkeypatch.setattr(os, "fork", watched_fork)
    if forked:
        monkeypatch.setattr(inputs, "SITE_CHECK_FORK", 1)
    project = make_project(tmp_path / "project")
    build(project)
    before = tree(project / "site")
    rendered: list[str] = []
    render_page = site_module.render_page
    monkeypatch.setattr(
        site_module, "render_page", lambda t, page, s: rendered.append(page.output) or render_page(t, page, s)
    )
    (project / "site" / "index.html").unlink()
    with (project / "site" / "archive" / "index.html").open("a", encoding="utf-8") as handle:
        handle.write("<!-- a hand edit -->")
    _, said = build(project)
    assert "warning: site/index.html was deleted since the last build, and 1 other file " in said
    assert tree(project / "site") == before
    assert sorted(rendered) == ["archive/index.html", "index.html"]  # those two, not the whole site
    # An edit in place alone (the kept previous site shares the file's inode): found and mended too;
    # then nothing is left to do.
    with (project / "site" / "archive" / "index.html").open("a", encoding="utf-8") as handle:
        handle.write("<!-- a hand edit -->")
    _, said = build(project)
    assert "warning: site/archive/index.html was changed since the last build" in said
    assert tree(project / "site") == before
    stamps = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")}
    _, said = build(project)
    assert "warning" not in said
    assert {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")} == stamps
    assert checks.count("generator.inputs") == (3 if forked else 0)  # the first build had no site


def test_a_site_check_whose_child_dies_is_made_again_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inputs, "SITE_CHECK_FORK", 1)
    build_process = os.getpid()
    check = inputs.site_changes

    def dying(output: Path, left: dict[str, cache.Stat]) -> tuple[str, ...]:
        if os.getpid() != build_process:
            os._exit(3)  # killed, say, before it answered
        return check(output, left)

    monkeypatch.setattr(inputs, "site_changes", dying)
    project = make_project(tmp_path / "project")
    build(project)
    before = tree(project / "site")
    (project / "site" / "index.html").unlink()
    _, said = build(project)
    assert "warning: site/index.html was deleted since the last build" in said
    assert tree(project / "site") == before


def test_parallel_render_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = make_project(tmp_path / "serial")
    build(serial)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forked = make_project(tmp_path / "forked")
    build(forked)
    assert tree(forked / "briefs") == tree(serial / "briefs")
    assert tree(forked / "site") == tree(serial / "site")


def test_the_previous_site_is_patched_into_the_next(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build(project)
    _edit_brief(project, random.Random(1))
    build(project)  # the first site is kept beside the second, to be patched
    previous = project / ".site.previous"
    kept = previous.stat().st_ino
    _delete_brief(project, random.Random(2))
    build(project)
    assert (project / "site").stat().st_ino == kept  # the patched folder became the live site
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")
    # A previous site the cache does not describe (here: one replaced behind its back) is not used.
    shutil.rmtree(previous)
    shutil.copytree(clean / "site", previous)
    (previous / "stray.html").write_text("not from any build", encoding="utf-8")
    _edit_brief(project, random.Random(3))
    build(project)
    assert not (project / "site" / "stray.html").exists()
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


def test_a_site_built_without_a_previous_one_gets_one_cloned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "CLONE_FILES", 1)
    project = make_project(tmp_path / "project")
    build(project)  # the first site: nothing to keep, so a copy of it is made in the background
    deadline = time.monotonic() + 30
    while not (clones := [p for p in project.glob(".site.clone-*") if not p.name.endswith(".partial")]):
        assert time.monotonic() < deadline, "no clone of the site was made"
        time.sleep(0.05)
    clone = clones[0]
    assert tree(clone) == tree(project / "site")
    inode = clone.stat().st_ino
    assert inode != (project / "site").stat().st_ino
    _edit_brief(project, random.Random(4))
    build(project)
    assert (project / "site").stat().st_ino == inode  # the clone was patched into the new site
    assert not list(project.glob(".site.clone-*"))
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


def test_leftover_sites_are_deleted_beside_the_build_and_gone_when_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    build(project)
    # What a killed build and a deleted cache leave beside the site: a staging folder, a clone, and
    # a previous site that no cache vouches for any more.
    leftovers = (".site.new-0badc0de", ".site.clone-0badc0de", ".site.previous")
    for name in leftovers:
        shutil.copytree(project / "site", project / name)
    shutil.rmtree(project / ".briefing")
    started: list[list[str]] = []
    gone_at_start: list[bool] = []

    def recording(command: list[str]) -> Any:
        started.append(command)
        return real(command)

    def rendering(*args: Any, **kwargs: Any) -> Any:
        # The render is under way: the leftovers are already out of their places.
        gone_at_start.append(not any((project / name).exists() for name in leftovers))
        return real_render(*args, **kwargs)

    real, real_render = writer._detached, site_module.render_page
    monkeypatch.setattr(writer, "_detached", recording)
    monkeypatch.setattr(site_module, "render_page", rendering)
    status, said = build(project)
    assert status == OK, said
    sweeps = [c for c in started if c[:3] == ["rm", "-rf", "--"] and ".site.sweep-" in c[-1]]
    assert len(sweeps) == 1  # deleted by one `rm` beside the build, not by the build itself
    assert gone_at_start and all(gone_at_start)
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.")]  # nothing left
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


def test_a_body_edit_fingerprints_only_the_pages_showing_that_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    build(project)
    cache.wait_for_background()  # its plan saved, as a user's next build finds it
    pages: list[str] = []
    planned: list[int] = []  # one entry per render that planned the site from scratch
    digest, build_model = incremental._digest, site_module.build_model

    def counted(obj: object, *args: object, **kwargs: object) -> incremental.Fingerprint:
        if isinstance(obj, Page):
            pages.append(obj.output)
        return digest(obj, *args, **kwargs)  # type: ignore[arg-type]

    def planning(*args: object) -> object:
        planned.append(1)
        return build_model(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "_digest", counted)
    monkeypatch.setattr(site_module, "build_model", planning)

    def same_as_clean() -> None:
        clean, _ = clean_build(project, tmp_path / "clean")
        assert tree(project / "site") == tree(clean / "site")
        pages.clear()
        planned.clear()  # the clean build's

    brief = sorted((project / "briefs").glob("*.md"))[2]
    original = brief.read_text(encoding="utf-8")
    brief.write_text(original + "\nAn analyst adds a line.\n", encoding="utf-8")
    build(project)
    # Its own page and its books, nothing else; the last full render's plan with the new body set.
    assert sum(p.startswith("briefs/") for p in pages) == 1
    assert all(p.startswith(("briefs/", "books/")) for p in pages)
    assert not planned
    same_as_clean()
    brief.write_text(original, encoding="utf-8")  # undone: the plan as saved, but the site had the edit
    build(project)
    assert sum(p.startswith("briefs/") for p in pages) == 1
    assert not planned
    same_as_clean()
    _retitle_brief(project, random.Random(5))  # the front matter: every page is fingerprinted again
    build(project)
    assert len(pages) == len(list((project / "site").rglob("*.html")))
    assert len(planned) == 1
    same_as_clean()


def test_a_snapshot_is_used_only_by_the_builds_after_the_one_that_made_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan whose background save never landed leaves the one before on disk: that one may differ
    from the last build in more than bodies (here a title since put back), so it must not be used."""
    project = make_project(tmp_path / "project")
    build(project)
    cache.wait_for_background()
    before = {path: path.read_bytes() for path in (project / "briefs").glob("*.md")}
    _retitle_brief(project, random.Random(7))
    monkeypatch.setattr(cache, "in_background", lambda *args: None)
    build(project)  # planned afresh; its snapshot is never written
    for path, data in before.items():
        if path.read_bytes() != data:
            path.write_bytes(data)  # the title put back: as the first snapshot has it
    _edit_brief(project, random.Random(8))
    planned: list[int] = []
    build_model = site_module.build_model
    monkeypatch.setattr(site_module, "build_model", lambda *args: planned.append(1) or build_model(*args))
    build(project)
    assert planned == [1]
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


@pytest.mark.parametrize("site_damaged", [False, True])
def test_a_kept_plan_lost_during_the_build_is_planned_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_damaged: bool
) -> None:
    """Its shards deleted after the build chose it (a late background save of an older plan does
    that): the build plans from the briefs instead, and the site is as a clean build's. A file
    deleted from the site is warned about once, not again by the second attempt."""
    from generator.site import snapshot

    project = make_project(tmp_path / "project")
    build(project)
    cache.wait_for_background()
    if site_damaged:
        (project / "site" / "index.html").unlink()
    load = snapshot.load

    def then_lost(*args: object) -> snapshot.Snapshot | None:
        kept = load(*args)  # type: ignore[arg-type]
        assert kept is not None  # the fast path was taken...
        for shard in (project / ".briefing" / "cache").glob(f"{snapshot.PLAN}.*"):
            shard.unlink()  # ...and its shards vanish before the pages are asked for
        return kept

    monkeypatch.setattr(snapshot, "load", then_lost)
    planned: list[int] = []
    build_model = site_module.build_model
    monkeypatch.setattr(site_module, "build_model", lambda *args: planned.append(1) or build_model(*args))
    _edit_brief(project, random.Random(4))
    status, said = build(project)
    assert status == OK
    assert planned == [1]
    assert said.count("site/index.html was deleted since the last build") == (1 if site_damaged else 0)
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


def test_preloading_a_kept_plan_reads_each_shard_of_those_pages_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the render does before its workers fork: the shards holding the pages to render are
    read, each once, and no other; the pages asked for afterwards come from memory."""
    from generator.site import snapshot

    project = make_project(tmp_path / "project")
    build(project)
    cache.wait_for_background()
    config = load_config(project / "briefing.yaml")
    state = incremental.load_state(config)
    assert state is not None
    kept = snapshot.load(config, state.plan, state.salt, inputs.brief_stats(config))
    assert kept is not None
    shard_of = kept.pages.shard_of  # type: ignore[attr-defined]
    first: dict[int, int] = {}  # one page of each shard
    for index, number in enumerate(shard_of):
        first.setdefault(number, index)
    assert len(first) >= 3
    wanted = sorted(first)[:2]
    todo = [index for index, number in enumerate(shard_of) if number in wanted]
    read: list[str] = []
    load = cache.load
    monkeypatch.setattr(cache, "load", lambda root, name: read.append(name) or load(root, name))
    snapshot.preload(kept.pages, todo)
    assert sorted(read) == sorted(f"{snapshot.PLAN}.{state.plan}.{number}" for number in wanted)
    assert all(isinstance(kept.pages[index], Page) for index in todo)
    assert len(read) == len(wanted)
    planned = [kept.pages[index] for index in todo]
    snapshot.preload(planned, range(len(planned)))  # a planned list: nothing to read
    assert len(read) == len(wanted)


def test_an_articles_brief_deleted_by_ingest_leaves_the_site_too(tmp_path: Path) -> None:
    """Ingest removes the brief of a deleted article (and writes nothing else): the render must see
    the briefs folder as ingest left it, not as it was scanned before."""
    project = make_project(tmp_path / "project")
    build(project)
    texts = {p: p.read_text(encoding="utf-8") for p in (project / "briefs").glob("*.md")}
    article = next(a for a in sorted((project / "articles").glob("*.txt")) if _only_source(a, texts))
    brief = _only_source(article, texts)
    assert (project / "site" / "briefs" / brief.stem / "index.html").is_file()
    article.unlink()
    status, said = build(project)
    assert status == OK, said
    assert f"briefs/{brief.name} removed: its articles are gone" in said
    assert not brief.exists() and not (project / "site" / "briefs" / brief.stem).exists()
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


def _only_source(article: Path, texts: dict[Path, str]) -> Path | None:
    """The brief made from ``article`` alone, if there is one."""
    for path, text in texts.items():
        if f"file: articles/{article.name}" in text and text.count("file: ") == 1:
            return path
    return None


def test_deleting_the_cache_is_safe(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build(project)
    _edit_brief(project, random.Random(3))
    cache.wait_for_background()  # the build's background save would write into the deleted folder
    shutil.rmtree(project / ".briefing" / "cache")
    build(project)
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


def test_a_feed_is_rendered_again_only_when_a_brief_it_carries_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    build(project)
    site = project / "site"
    carried = {  # feed path -> the brief URLs it carries
        f.relative_to(site).as_posix().replace("feed.json", "feed.xml"): {
            item["url"] for item in json.loads(f.read_text(encoding="utf-8"))["items"]
        }
        for f in site.rglob("feed.json")
    }
    slugs = {
        yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1]).get("slug"): p
        for p in (project / "briefs").glob("*.md")
    }

    def brief(url: str) -> Path:
        return slugs[url.rstrip("/").rsplit("/", 1)[-1]]

    in_feeds = {url for urls in carried.values() for url in urls}
    fed_url = sorted(carried["feed.xml"])[0]  # a brief the site feed carries
    unfed = next(p for s, p in slugs.items() if s and not any(u.endswith(f"/{s}/") for u in in_feeds))
    rendered: list[str] = []
    render_feeds = site_module.render_feeds
    monkeypatch.setattr(
        site_module, "render_feeds", lambda plan, *a: rendered.append(plan.path) or render_feeds(plan, *a)
    )
    inodes = {f: f.stat().st_ino for f in site.rglob("feed.*")}

    unfed.write_text(unfed.read_text(encoding="utf-8") + "\nAn analyst adds a line.\n", encoding="utf-8")
    build(project)
    assert rendered == []
    assert {f: f.stat().st_ino for f in site.rglob("feed.*")} == inodes  # carried over, not rewritten
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(site) == tree(clean / "site")

    rendered.clear()  # the clean build's
    fed = brief(fed_url)
    fed.write_text(
        fed.read_text(encoding="utf-8") + "\nA line every feed of it must show.\n", encoding="utf-8"
    )
    build(project)
    assert sorted(rendered) == sorted(path for path, urls in carried.items() if fed_url in urls)
    assert "A line every feed of it must show." in (site / "feed.xml").read_text(encoding="utf-8")
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(site) == tree(clean / "site")


def test_each_kept_plan_part_lists_every_brief_detail_it_holds(tmp_path: Path) -> None:
    """A body edit sets the new body on the details in each part's table; a detail held anywhere
    else in the part (a page type that shows one, say) would keep its old body on the site."""
    from generator.site import snapshot
    from generator.site.structure import BriefDetail

    project = make_project(tmp_path / "project")
    build(project)
    cache.wait_for_background()
    folder = cache.cache_dir(project)
    parts = [cache.load(project, path.name) for path in sorted(folder.glob(f"{snapshot.PLAN}.*"))]
    parts.append(cache.load(project, snapshot.PLAN))
    assert len(parts) > 3 and all(isinstance(part, tuple) for part in parts)
    seen_any = False
    for _, table, value in parts:
        found: dict[int, BriefDetail] = {}
        stack, visited = [value], set()
        while stack:  # every object the part's pages (or header) reach
            obj = stack.pop()
            if id(obj) in visited or isinstance(obj, (str, bytes, int, float)):
                continue
            visited.add(id(obj))
            if isinstance(obj, BriefDetail):
                found[id(obj)] = obj
                continue  # its own fields hold no other detail
            if isinstance(obj, dict):
                stack.extend(obj.values())
            elif isinstance(obj, (list, tuple, set, frozenset)):
                stack.extend(obj)
            elif hasattr(obj, "__dict__"):
                stack.extend(vars(obj).values())
        assert set(found) == {id(detail) for detail in table}
        seen_any = seen_any or bool(found)
    assert seen_any


def test_cached_brief_parses_keep_no_path_but_give_briefs_theirs(tmp_path: Path) -> None:
    """The brief cache stores each parse without its file's Path (its entry's name says it), and a
    brief read through the cache has its path again, as a fresh parse has."""
    project = make_project(tmp_path / "p")
    config = load_config(project / "briefing.yaml")
    stats = {str(p): cache.stat_files([p])[str(p)] for p in sorted((project / "briefs").glob("*.md"))}
    first = incremental.BriefStore(config, stats)
    first.save()
    stored = [entry for n in range(cache.SHARDS) for entry in _shard_entries(project, n)]
    assert len(stored) == len(stats)
    assert all(entry.parsed.path is None for entry in stored if not isinstance(entry.parsed, tuple))
    assert all(first.entries[name].parsed.path == Path(name) for name in stats)  # saving changed none

    again = incremental.BriefStore(config, stats)
    assert again.parsed == 0  # every parse came from the cache
    for name in stats:
        brief = again.read(Path(name), config.site.tz)
        assert brief.path == Path(name)
        assert brief == first.read(Path(name), config.site.tz)


def _shard_entries(project: Path, shard: int) -> list[incremental.BriefEntry]:
    stored = cache.load(project, f"{incremental.BRIEFS_CACHE}.{shard:02d}")
    return list(stored[1].values()) if stored else []


@pytest.mark.parametrize("forked", [False, True])
def test_touched_briefs_keep_their_parses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    """A brief with a new mtime and the same bytes (a fresh clone with the cache restored) is not
    parsed again, by this process or a worker; one whose bytes changed is."""
    if forked:  # a worker answers for a touched brief without sending its parse back
        monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
        monkeypatch.setattr(parallel, "workers", lambda: 2)
    project = make_project(tmp_path / "p")
    config = load_config(project / "briefing.yaml")
    paths = sorted((project / "briefs").glob("*.md"))
    first = incremental.BriefStore(config, cache.stat_files(paths))
    first.save()
    changed = paths[0]
    changed_slug = first.read(changed, config.site.tz).slug
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("\n---\n", "\n---\n\nA new first line.\n", 1), encoding="utf-8")
    later = time.time() + 60
    for path in paths:
        os.utime(path, (later, later))
    stats = cache.stat_files(paths)
    real_parse = incremental._parse

    def parse_only_the_changed(name: str, *args: Any) -> incremental.BriefEntry:
        assert name == str(changed), f"{name} was parsed again"
        return real_parse(name, *args)

    real_state = incremental.BriefEntry.__getstate__

    def send_only_the_changed(entry: incremental.BriefEntry) -> dict[str, Any]:
        if isinstance(entry.parsed, Brief):  # pickled: a worker sends it back
            assert entry.parsed.slug == changed_slug, f"the parse of {entry.parsed.slug} was sent back"
        return real_state(entry)

    monkeypatch.setattr(incremental, "_parse", parse_only_the_changed)
    monkeypatch.setattr(incremental.BriefEntry, "__getstate__", send_only_the_changed)
    again = incremental.BriefStore(config, stats)
    assert {name: entry.stat for name, entry in again.entries.items()} == stats
    for path in paths[1:]:
        assert again.read(path, config.site.tz) == first.read(path, config.site.tz)
    assert "A new first line." in again.read(changed, config.site.tz).body


@pytest.mark.parametrize("fresh_clone", [False, True])
def test_a_render_without_its_site_plans_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_clone: bool
) -> None:
    """The site deleted, or a fresh clone with the cache restored (every input written anew, no
    site; the project's draft brief touched too): the kept plan and the fingerprints describe the
    inputs, not the site, so the render plans nothing from the briefs, and makes the same site."""
    project = make_project(tmp_path / "project")
    build(project)
    cache.wait_for_background()
    expected = tree(project / "site")
    shutil.rmtree(project / "site")
    if fresh_clone:
        for path in [*(project / "articles").iterdir(), *(project / "briefs").iterdir()]:
            path.write_bytes(path.read_bytes())
    planned: list[int] = []
    build_model = site_module.build_model
    monkeypatch.setattr(site_module, "build_model", lambda *args: planned.append(1) or build_model(*args))
    assert build(project)[0] == OK
    assert planned == []
    assert tree(project / "site") == expected


def test_briefs_touched_since_the_last_build_are_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every brief touched, not changed (a `git checkout`), and one edited: the build after reads
    them all (ingest hashes them, the render patches the kept plan); the one after that reads only
    the briefs edited since the last full render, in ingest and in the render, and both make the
    site a clean build makes."""
    project = make_project(tmp_path / "project")
    shutil.rmtree(project / "briefs")  # every brief ingest's: ingest reads a brief of no article's each time
    (project / "briefs").mkdir()
    build(project)
    cache.wait_for_background()
    briefs = sorted((project / "briefs").glob("*.md"))
    later = time.time() + 60
    for path in briefs:
        os.utime(path, (later, later))
    first, second = briefs[1], briefs[4]
    first.write_text(first.read_text(encoding="utf-8") + "\nA first analyst's note.\n", encoding="utf-8")
    read: list[str] = []
    real_open = io.open

    def record(file: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, int) and Path(file).parent == project / "briefs":
            read.append(Path(file).name)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", record)
    monkeypatch.setattr(builtins, "open", record)
    planned: list[int] = []
    build_model = site_module.build_model
    monkeypatch.setattr(site_module, "build_model", lambda *args: planned.append(1) or build_model(*args))
    saved: list[int] = []
    save_plan = ingest_incremental.save_plan
    monkeypatch.setattr(ingest_incremental, "save_plan", lambda *args: saved.append(1) or save_plan(*args))
    assert build(project)[0] == OK
    assert planned == [] and set(read) == {path.name for path in briefs}  # the kept plan patched
    assert saved == [1]  # ingest's plan, with the new stats
    read.clear()
    second.write_text(second.read_text(encoding="utf-8") + "\nA second analyst's note.\n", encoding="utf-8")
    assert build(project)[0] == OK
    # Read by ingest (the hand edits kept) and by the render (the bodies set on the kept plan); a
    # hand edit alone does not save ingest's plan again.
    assert planned == [] and set(read) == {first.name, second.name} and saved == [1]
    monkeypatch.setattr(io, "open", real_open)
    monkeypatch.setattr(builtins, "open", real_open)
    clean, _ = clean_build(project, tmp_path / "clean")
    assert tree(project / "site") == tree(clean / "site")


def test_a_site_check_in_a_child_answers_every_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of the site deleted: thousands of names, far more than a pipe holds at once."""
    monkeypatch.setattr(inputs, "SITE_CHECK_FORK", 1)
    output = tmp_path / "site"
    output.mkdir()
    names = [f"briefs/{'x' * 90}-{i:05d}/index.html" for i in range(3000)]  # ~330 KB of names
    left = dict.fromkeys(names, (1, 1))
    (output / "kept.html").write_bytes(b"kept")
    st = (output / "kept.html").stat()
    left["kept.html"] = (st.st_size, st.st_mtime_ns)
    last = inputs.LastRender(None, None, left)  # type: ignore[arg-type]
    with inputs.SiteCheck(output, last) as check:
        assert check.changes() == tuple(names)
