"""Atom and JSON Feed as readers fetch them from the served site (issue 8): each parses, announces
itself, and every item opens the brief it is about, with the same id as the RSS item."""

from __future__ import annotations

import json

import feedparser
import pytest
from lxml import html

from .conftest import ServedSite
from .crawler import fetch
from .sites import feed_paths


def _h1(url: str) -> str:
    page = fetch(url)
    assert page.status == 200 and "html" in page.content_type, f"{url} -> {page.status}"
    return (html.document_fromstring(page.body).findtext(".//h1") or "").strip()


def _rss_ids(site: ServedSite, rss: str) -> list[str]:
    return [e.id for e in feedparser.parse(fetch(site.url(rss)).body).entries]


@pytest.mark.parametrize("which", ["sample_site", "reader_site"])
def test_atom_feeds_read_cleanly_and_open_their_briefs(which: str, request: pytest.FixtureRequest) -> None:
    site: ServedSite = request.getfixturevalue(which)
    for rss in feed_paths(site.site_dir):
        url = site.url(rss.removesuffix("feed.xml") + "atom.xml")
        parsed = feedparser.parse(fetch(url).body)
        assert not parsed.bozo and parsed.version == "atom10", (url, parsed.get("bozo_exception"))
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == [url]
        assert [e.id for e in parsed.entries] == _rss_ids(site, rss), url
        for entry in parsed.entries:
            assert _h1(entry.link) == entry.title.strip()


@pytest.mark.parametrize("which", ["sample_site", "reader_site"])
def test_json_feeds_read_cleanly_and_open_their_briefs(which: str, request: pytest.FixtureRequest) -> None:
    site: ServedSite = request.getfixturevalue(which)
    for rss in feed_paths(site.site_dir):
        url = site.url(rss.removesuffix("feed.xml") + "feed.json")
        response = fetch(url)
        assert response.status == 200, url
        document = json.loads(response.body)
        assert document["feed_url"] == url
        assert [item["id"] for item in document["items"]] == _rss_ids(site, rss), url
        for item in document["items"]:
            assert _h1(item["url"]) == item["title"].strip()
