"""Every internal link and asset resolves, under a sub-path and at a domain root; check_site finds
the broken ones."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.check import check_site

from .helpers import ROOT_URL, Built


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v for k, v in attrs if k in ("href", "src") and v]


def crawl(root: Path, base_url: str) -> tuple[set[str], list[str]]:
    """Follow links from the home page as a server at ``base_url`` would serve ``root``."""
    base_path = urlsplit(base_url).path
    seen: set[str] = set()
    broken: list[str] = []
    queue = [base_url]
    while queue:
        url = queue.pop()
        path = urlsplit(url).path
        if path in seen:
            continue
        seen.add(path)
        relative = path[len(base_path) :]
        file = root / (relative + "index.html" if relative == "" or relative.endswith("/") else relative)
        if not file.is_file():
            broken.append(url)
            continue
        if file.suffix != ".html":
            continue
        parser = Hrefs()
        parser.feed(file.read_text(encoding="utf-8"))
        for href in parser.urls:
            target = urljoin(url, href).split("#")[0].split("?")[0]
            if target.startswith(base_url.rstrip("/")):
                queue.append(target)
    return seen, broken


@pytest.mark.parametrize("fixture", ["built", "built_at_root"])
def test_crawl_reaches_every_page_without_broken_links(fixture: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(fixture)
    base_url = built.config.site.base_url
    seen, broken = crawl(built.root, base_url)
    assert broken == []
    base_path = urlsplit(base_url).path
    pages = {
        base_path + p.relative_to(built.root).as_posix().removesuffix("index.html")
        for p in built.html_files()
        if p.name != "404.html"
    }
    assert pages <= seen  # every page is reachable by links
    assert base_path + "assets/style.css" in seen


def test_the_same_tree_works_under_any_base(built: Built) -> None:
    # Page-relative links: the tree built for the sub-path also crawls cleanly at a domain root
    # (only absolute URLs - canonical, feeds, sitemap - and 404.html carry the base).
    seen, broken = crawl(built.root, ROOT_URL)
    assert [b for b in broken if "404" not in b] == []


@pytest.mark.parametrize("fixture", ["built", "built_at_root"])
def test_check_site_passes_on_a_fresh_build(fixture: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(fixture)
    assert check_site(built.config) == []


def test_404_uses_the_base_path(built: Built, built_at_root: Built) -> None:
    assert 'href="/india-us-briefing/archive/"' in built.text("404.html")
    assert 'href="/archive/"' in built_at_root.text("404.html")


@pytest.fixture
def copy_of(tmp_path: Path, built: Built) -> Callable[[], Built]:
    def make() -> Built:
        from .helpers import make_config

        config = make_config(tmp_path)
        shutil.copytree(built.root, config.paths.output)
        return Built(config, built.report)

    return make


def test_check_site_finds_a_broken_link(copy_of: Callable[[], Built]) -> None:
    site = copy_of()
    page = site.root / "briefs/jet-engines/index.html"
    page.write_text(page.read_text().replace('href="../../archive/"', 'href="../../archives/"', 1))
    problems = check_site(site.config)
    assert len(problems) == 1
    assert "jet-engines/index.html" in problems[0] and "../../archives/" in problems[0]


def test_check_site_finds_a_missing_asset_and_a_bad_fragment(copy_of: Callable[[], Built]) -> None:
    site = copy_of()
    (site.root / "assets/style.css").unlink()
    archive = site.root / "archive/index.html"
    archive.write_text(archive.read_text().replace('href="#m-2025-07"', 'href="#m-2099-01"'))
    problems = check_site(site.config)
    # one line for the stylesheet every page links, not one a page
    [missing] = [p for p in problems if "assets/style.css" in p]
    assert f"; {len(site.html_files()) - 1} more links to it: " in missing and missing.endswith(" more")
    assert any("#m-2099-01" in p for p in problems)


def test_check_site_finds_a_link_escaping_the_base_path(copy_of: Callable[[], Built]) -> None:
    site = copy_of()
    page = site.root / "index.html"
    page.write_text(page.read_text().replace('href="archive/"', 'href="/archive/"', 1))
    problems = check_site(site.config)
    assert len(problems) == 1 and "outside the site's base path" in problems[0]


def test_check_site_finds_a_broken_feed(copy_of: Callable[[], Built]) -> None:
    site = copy_of()
    feed = site.root / "pillars/logistics/feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</channel>", b""))
    problems = check_site(site.config)
    assert len(problems) == 1 and "logistics/feed.xml" in problems[0]


def test_check_site_reports_bad_briefs_and_a_missing_site(tmp_path: Path, briefs_copy: Path) -> None:
    from .helpers import make_config

    (briefs_copy / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n")
    problems = check_site(make_config(tmp_path, briefs=briefs_copy))
    assert any("broken.md" in p for p in problems)
    assert any("no built site" in p for p in problems)
