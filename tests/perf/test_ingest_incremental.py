"""Ingest with its cache (digests, the article store, the brief plan) equals ingest from nothing.

Ingest only, through ``ingest_articles``, so these hold whatever state the render side is in. The
story merge runs over small digests and reads full articles from the store only for the briefs it
rewrites: an article added later must still join its story, exactly as in a clean run.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

import generator.ingest as ingest_module
from generator import cache, parallel, redirects
from generator.config import Config, load_config
from generator.ingest import article as article_module
from generator.ingest import incremental, ingest_articles, store, stories
from generator.ingest.model import Digest
from generator.progress import Reporter

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


def make_project(folder: Path, count: int = 8) -> Config:
    folder.mkdir(parents=True)
    config = yaml.safe_load((DATA / "site.yaml").read_text(encoding="utf-8"))
    config["paths"] = {"articles": "articles", "briefs": "briefs", "templates": "templates", "output": "site"}
    (folder / "briefing.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (folder / "articles").mkdir()
    (folder / "briefs").mkdir()
    for article in sorted((DATA / "articles").glob("*.txt"))[:count]:
        shutil.copy(article, folder / "articles" / article.name)
    return load_config(folder / "briefing.yaml")


def ingest(config: Config) -> str:
    out, err = io.StringIO(), io.StringIO()
    ingest_articles(config, Reporter(out=out, err=err), use_cache=True)
    return err.getvalue()


def briefs(config: Config) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(config.paths.briefs.glob("*.md"))}


def clean_briefs(config: Config, scratch: Path) -> dict[str, bytes]:
    """The briefs a run from nothing (no cache, no briefs) makes of the same articles."""
    fresh = make_project(scratch, count=0)
    for article in sorted(config.paths.articles.iterdir()):
        shutil.copy(article, fresh.paths.articles / article.name)
    ingest_articles(fresh, Reporter(out=io.StringIO(), err=io.StringIO()))
    return briefs(fresh)


def copy_from_another_outlet(config: Config, name: str, new_name: str) -> None:
    """The same story as ``name``, as a second outlet publishes it."""
    lines = (config.paths.articles / name).read_text(encoding="utf-8").split("\n")
    day = lines[0].split()[1]
    lines[0] = f" date {day} Another Outlet"
    (config.paths.articles / new_name).write_text("\n".join(lines), encoding="utf-8")


def sources_of(text: bytes) -> list[str]:
    front = text.decode("utf-8").split("\n---", 1)[0]
    return [s["file"] for s in yaml.safe_load(front.removeprefix("---\n"))["sources"]]


@pytest.mark.parametrize("forked", [False, True])
def test_a_copy_added_later_joins_its_story_as_in_a_clean_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    if forked:  # the worker processes write the store; the parent reads it
        monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
        monkeypatch.setattr(parallel, "workers", lambda: 2)
    config = make_project(tmp_path / "project")
    ingest(config)
    first = sorted(config.paths.articles.iterdir())[2].name
    copy_from_another_outlet(config, first, "zz-copy.txt")
    ingest(config)
    after = briefs(config)
    assert after == clean_briefs(config, tmp_path / "clean")
    merged = [sources_of(text) for text in after.values() if b"zz-copy.txt" in text]
    assert len(merged) == 1 and {f"articles/{first}", "articles/zz-copy.txt"} <= set(merged[0])


def test_a_lost_store_only_costs_time(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    ingest(config)
    shutil.rmtree(store.folder(config.root))
    names = sorted(config.paths.articles.iterdir())
    copy_from_another_outlet(config, names[0].name, "zz-copy.txt")
    ingest(config)
    assert briefs(config) == clean_briefs(config, tmp_path / "clean")
    (config.paths.articles / "zz-copy.txt").unlink()
    names[1].write_text(names[1].read_text(encoding="utf-8") + "\nOne more paragraph of the story.\n")
    ingest(config)
    assert briefs(config) == clean_briefs(config, tmp_path / "clean2")
    # packs nobody refers to any more are removed (entries may still name packs that were lost)
    entries = incremental.article_entries(config).entries.values()
    stored = {e.store.split(":")[0] for e in entries if e.store}
    assert {p.name for p in store.folder(config.root).iterdir()} <= stored


def test_a_story_moved_to_a_new_brief_leaves_no_copy_behind(tmp_path: Path) -> None:
    """An earlier copy with another headline arrives: the story's primary, so its slug, changes.
    The old brief would show the story twice; it goes, as a run from nothing would never make it."""
    config = make_project(tmp_path / "project")
    ingest(config)
    name = sorted(config.paths.articles.iterdir())[2].name
    text = (config.paths.articles / name).read_text(encoding="utf-8")
    day = date.fromisoformat(text.split("\n", 1)[0].split()[1])
    lines = text.split("\n")
    lines[0] = f" date {day - timedelta(days=1)} Another Outlet"
    headline = next(i for i, line in enumerate(lines) if len(line.split()) >= 6)
    old_brief = next(p for p, t in briefs(config).items() if f"articles/{name}".encode() in t)
    lines[headline] = "Another outlet words the same story another way entirely"
    (config.paths.articles / "aa-earlier.txt").write_text("\n".join(lines), encoding="utf-8")

    said = ingest(config)
    after = briefs(config)
    assert after == clean_briefs(config, tmp_path / "clean")
    assert old_brief not in after
    holding = [p for p, t in after.items() if f"articles/{name}".encode() in t]
    assert len(holding) == 1 and b"aa-earlier.txt" in after[holding[0]]
    assert (
        f"briefs/{old_brief} removed: its articles are now in briefs/{holding[0]}; "
        "its old address leads there (redirects.yaml)"
    ) in said
    # Its old address leads to the new brief (redirects.yaml, beside the briefs folder).
    assert config.paths.redirects == config.paths.briefs.parent / "redirects.yaml"
    assert redirects.read(config.paths.redirects) == {Path(old_brief).stem: Path(holding[0]).stem}


def test_the_old_addresses_of_a_removed_brief_are_dropped(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    ingest(config)
    alone = [(p, sources_of(t)[0]) for p, t in briefs(config).items() if len(sources_of(t)) == 1]
    (gone_brief, gone_source), (kept_brief, _) = alone[:2]
    gone_slug, kept_slug = Path(gone_brief).stem, Path(kept_brief).stem
    config.paths.redirects.write_text(f"a-slug: {gone_slug}\nb-slug: {kept_slug}\n", encoding="utf-8")
    (config.root / gone_source).unlink()

    ingest(config)
    assert gone_brief not in briefs(config)
    assert redirects.read(config.paths.redirects) == {"b-slug": kept_slug}


def test_a_deleted_articles_brief_goes_unless_edited_by_hand(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    ingest(config)
    alone = [(p, sources_of(t)[0]) for p, t in briefs(config).items() if len(sources_of(t)) == 1]
    (gone_brief, gone_source), (edited_brief, edited_source) = alone[:2]  # stories of one article
    gone, edited = (config.root / gone_source), (config.root / edited_source)
    hand = config.paths.briefs / edited_brief
    hand.write_text(hand.read_text(encoding="utf-8") + "\nAn analyst's note.\n", encoding="utf-8")
    gone.unlink()
    edited.unlink()

    said = ingest(config)
    after = briefs(config)
    assert gone_brief not in after
    assert f"briefs/{gone_brief} removed: its articles are gone" in said
    assert after[edited_brief].endswith(b"An analyst's note.\n")  # kept, and said so
    assert f"briefs/{edited_brief}: its articles are gone; kept, as it was edited by hand" in said
    assert {p: t for p, t in after.items() if p != edited_brief} == clean_briefs(config, tmp_path / "clean")
    assert ingest(config) == ""  # said once: the next run has nothing to say


@pytest.mark.parametrize("forked", [False, True])
def test_touched_files_are_neither_read_again_nor_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    """A fresh clone with the cache restored gives every article and brief a new mtime and the same
    bytes: no article is read again and no brief rebuilt, but for one edited by hand meanwhile (kept,
    and said so); the plan then holds the new stats, so the next run reads none of them either."""
    if forked:  # the workers hash the articles, a chunk of one each; the parent keeps the outcomes
        monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
        monkeypatch.setattr(parallel, "workers", lambda: 2)
        monkeypatch.setattr(ingest_module, "STORE_CHUNK", 1)
    config = make_project(tmp_path / "project")
    ingest(config)
    before = briefs(config)
    hand = sorted(config.paths.briefs.glob("*.md"))[0]
    hand.write_text(hand.read_text(encoding="utf-8") + "\nAn analyst's note.\n", encoding="utf-8")
    later = time.time() + 60
    for path in [*config.paths.articles.iterdir(), *config.paths.briefs.iterdir()]:
        os.utime(path, (later, later))

    def refuse_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an article whose bytes did not change was read again")

    real_build = stories.build_brief

    def build_only_the_edited(articles: list[object], slug: str) -> object:
        assert slug == hand.stem, f"the touched brief {slug} was rebuilt"
        return real_build(articles, slug)  # type: ignore[arg-type]

    parent = os.getpid()

    def kept_at_home(digest: Digest) -> object:
        # pickled by a worker: sent back, when the parent holds the same one from its cache
        assert os.getpid() == parent, f"a worker sent back the cached outcome of {digest.file}"
        return vars(digest)

    monkeypatch.setattr(article_module, "ingest_file", refuse_reading)
    monkeypatch.setattr(stories, "build_brief", build_only_the_edited)
    monkeypatch.setattr(Digest, "__getstate__", kept_at_home, raising=False)
    said = ingest(config)
    assert f"briefs/{hand.name}" in said and "edited by hand" in said
    after = briefs(config)
    assert after[hand.name].endswith(b"An analyst's note.\n")
    del after[hand.name], before[hand.name]
    assert after == before
    plan = incremental.load_plan(config)
    assert plan is not None
    current = cache.stat_files(sorted(config.paths.briefs.glob("*.md")))
    assert {name: record.stat for name, record in plan.briefs.items()} == current
