"""Issue 8's features on a synthetic site of a few hundred briefs from the bench's corpus generator:
every page family is built, the site checks clean, and search indexes every brief. (The full 1,000 are
checked by hand; the README gives the numbers.)"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from render.helpers import REPO, TEMPLATES

from generator.check import check_site
from generator.config import Config, Person, parse_config
from generator.progress import QUIET, Reporter
from generator.site import render_site

BRIEFS = 300


def corpus_config(root: Path, *options: str, **sections: dict[str, int]) -> Config:
    """The config of a corpus of BRIEFS made in ``root`` by the bench's generator (``options``: its
    command-line options), with the repo's templates and ``sections`` set over the corpus's own."""
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "corpus.py"), str(BRIEFS), str(root), *options],
        check=True,
        capture_output=True,
    )
    data = yaml.safe_load((root / "briefing.yaml").read_text(encoding="utf-8"))
    data.setdefault("paths", {})["templates"] = str(TEMPLATES)
    data.update(sections)
    return parse_config(data, root / "briefing.yaml")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, float]:
    config = corpus_config(tmp_path_factory.mktemp("corpus"))
    # The corpus names no people: watch one so the people pages have someone to show.
    config = replace(config, people=(Person("Defence minister", ("the defence minister",), "Minister"),))
    started = time.perf_counter()
    report = render_site(config, Reporter(QUIET))
    assert not report.failures and report.briefs == BRIEFS
    return config, time.perf_counter() - started


def test_every_family_is_built_and_the_site_checks_clean(corpus_site: tuple) -> None:
    config, seconds = corpus_site
    out = config.paths.output
    for path in ("search/index.html", "timeline/index.html", "people/index.html", "books/index.html",
                 "people/defence-minister/index.html", "atom.xml", "feed.json"):  # fmt: skip
        assert (out / path).is_file(), path
    months = {p.name for p in (out / "books").iterdir() if p.name[:2] == "20"}
    assert len(months) >= 12
    assert check_site(config) == []
    assert seconds < 60, f"{BRIEFS} briefs took {seconds:.1f} s"


def test_search_indexes_every_brief(corpus_site: tuple) -> None:
    import json

    config, _ = corpus_site
    entries = sorted((config.paths.output / "pagefind").glob("*/pagefind-entry.json"))
    assert len(entries) > 1  # a corpus this size is split into bundles
    counts = [json.loads(e.read_text(encoding="utf-8"))["languages"] for e in entries]
    assert sum(lang["page_count"] for languages in counts for lang in languages.values()) == BRIEFS


def test_timeline_shows_every_brief(corpus_site: tuple) -> None:
    config, _ = corpus_site
    text = (config.paths.output / "timeline" / "index.html").read_text(encoding="utf-8")
    assert text.count('class="tl-entry ') == BRIEFS


def test_a_watched_person_gets_a_page_even_without_quotes(corpus_site: tuple) -> None:
    # The corpus carries no quotes (like the reference corpus); quotes on people pages are tested on
    # hand-made briefs in test_people.py. Here: the page exists, is valid for a person with none.
    config, _ = corpus_site
    text = (Path(config.paths.output) / "people" / "defence-minister" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "<h1" in text and "Defence minister" in text
    assert text.count("<blockquote>") == 0


@pytest.fixture(scope="module")
def people_site(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """The bench corpus with ``--people``: stories naming a watch list and 1,200 others, quoting one."""
    # Each watched person is in ~30 briefs: several pages of them, five to a page.
    config = corpus_config(tmp_path_factory.mktemp("people-corpus"), "--people", listing={"per_page": 5})
    report = render_site(config, Reporter(QUIET))
    assert not report.failures and report.briefs == BRIEFS
    return config


def test_a_person_s_pages_hold_every_brief_naming_them_once(people_site: Config) -> None:
    config = people_site
    out = Path(config.paths.output)
    named = [
        path.name
        for path in Path(config.paths.briefs).glob("*.md")
        if "Rajnath Singh" in yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["people"]
    ]
    assert len(named) > 2 * config.listing.per_page  # enough for numbered pages
    pages = [
        out / "people/rajnath-singh/index.html",
        *(out / "people/rajnath-singh/page").glob("*/index.html"),
    ]
    assert len(pages) == len(named) // config.listing.per_page  # the first holds per_page or more
    shown = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        shown += [line for line in text.splitlines() if 'class="card-title"' in line]
    assert len(shown) == len(set(shown)) == len(named)
    assert check_site(config) == []  # every link between the pages leads somewhere
