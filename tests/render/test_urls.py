"""The URL map: page-relative links resolve to the intended page from anywhere, under any base."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from generator.site import urls

PAGES = ["", "briefs/a-b/", "pillars/", "pillars/p/", "pillars/p/page/2/", "archive/", "404.html"]
TARGETS = [*PAGES, "feed.xml", "pillars/p/feed.xml", "assets/style.css?v=abc"]


@pytest.mark.parametrize(
    "base", ["https://someone.github.io/india-us-briefing/", "https://example.org/", "file:///tmp/site/"]
)
def test_relative_links_resolve_to_their_target(base: str) -> None:
    for page in PAGES:
        for target in TARGETS:
            assert urljoin(base + page, urls.relative(page, target)) == base + target, (page, target)


def test_url_map() -> None:
    assert urls.brief("x") == "briefs/x/"
    assert urls.pillar("p") == "pillars/p/"
    assert urls.pillar("p", 3) == "pillars/p/page/3/"
    assert urls.pillar_feed("p") == "pillars/p/feed.xml"
    assert urls.output_file("") == "index.html"
    assert urls.output_file("briefs/x/") == "briefs/x/index.html"
    assert urls.output_file("404.html") == "404.html"
    assert urls.rooted("/repo/", "archive/") == "/repo/archive/"
