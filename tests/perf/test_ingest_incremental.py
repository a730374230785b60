"""Ingest with its cache (digests, the article store, the brief plan) equals ingest from nothing.

Ingest only, through ``ingest_articles``, so these hold whatever state the render side is in. The
story merge runs over small digests and reads full articles from the store only for the briefs it
rewrites: an article added later must still join its story, exactly as in a clean run.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from generator import parallel
from generator.config import Config, load_config
from generator.ingest import incremental, ingest_articles, store
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
