"""Feeds through feedparser, and each of feedgen's traps."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import feedparser
import lxml.html

from .helpers import SUB_PATH_URL, Built

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def channel(built: Built, relative: str) -> ET.Element:
    return ET.fromstring((built.root / relative).read_bytes()).find("channel")


def test_every_feed_parses_without_errors(built: Built) -> None:
    feeds = sorted(built.root.rglob("feed.xml"))
    assert len(feeds) == 1 + 6 + 2  # the site's, each pillar's, each tag's
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert parsed.version == "rss20"
        for entry in parsed.entries:
            assert entry.published_parsed, entry.title
            assert entry.link.startswith(SUB_PATH_URL)
            assert entry.tags, entry.title


def test_site_feed_is_newest_first_and_capped(built: Built) -> None:
    parsed = feedparser.parse((built.root / "feed.xml").read_bytes())
    assert [e.link for e in parsed.entries] == [
        SUB_PATH_URL + "briefs/long-analysis/",
        SUB_PATH_URL + "briefs/same-time-statement/",
        SUB_PATH_URL + "briefs/singh-hegseth-call/",
        SUB_PATH_URL + "briefs/pentagon-readout/",
    ]  # feeds.items is 4; add_entry() would have prepended, reversing this


def test_channel_links_and_self(built: Built) -> None:
    site = channel(built, "feed.xml")
    assert site.findtext("link") == SUB_PATH_URL
    assert site.find(f"{ATOM}link").get("rel") == "self"
    assert site.find(f"{ATOM}link").get("href") == SUB_PATH_URL + "feed.xml"
    pillar = channel(built, "pillars/logistics/feed.xml")
    assert pillar.findtext("link") == SUB_PATH_URL + "pillars/logistics/"
    assert pillar.find(f"{ATOM}link").get("href") == SUB_PATH_URL + "pillars/logistics/feed.xml"


def test_items_guid_date_categories_description(built: Built) -> None:
    items = channel(built, "pillars/logistics/feed.xml").findall("item")
    first = items[0]
    assert first.findtext("title").startswith("Rajnath Singh, Hegseth")
    guid = first.find("guid")
    assert guid.text == SUB_PATH_URL + "briefs/singh-hegseth-call/"
    assert guid.get("isPermaLink") == "true"
    assert first.findtext("pubDate") == "Tue, 01 Jul 2025 22:10:00 +0530"
    categories = [(c.text, c.get("domain")) for c in first.findall("category")]
    assert categories == [
        ("Defence industry & supply chains", SUB_PATH_URL + "pillars/defence-industry/"),
        ("Training & joint exercises", SUB_PATH_URL + "pillars/training-exercises/"),
        ("Logistics", SUB_PATH_URL + "pillars/logistics/"),
    ]
    assert (
        first.findtext("description")
        == "The ministers reviewed initiatives across training, industry and logistics."
    )
    # the draft (logistics, dated after everything) must not be in the feed
    assert "draft-brief" not in (built.root / "pillars/logistics/feed.xml").read_text(encoding="utf-8")


def test_last_build_date_is_the_newest_brief_not_now(built: Built) -> None:
    site = channel(built, "feed.xml")
    assert parsedate_to_datetime(site.findtext("lastBuildDate")).isoformat() == "2025-07-20T12:00:00+05:30"
    intelligence = channel(built, "pillars/intelligence/feed.xml")
    assert intelligence.findtext("lastBuildDate") == "Sun, 20 Jul 2025 12:00:00 +0530"


def test_feeds_identical_across_builds_a_second_apart(build: Callable[..., Built]) -> None:
    first = build()
    before = {p: p.read_bytes() for p in first.root.rglob("*.xml")}
    time.sleep(1.1)
    second = build()
    after = {p: p.read_bytes() for p in second.root.rglob("*.xml")}
    assert before == after


def test_content_encoded_is_the_full_brief_with_absolute_urls(built: Built) -> None:
    items = channel(built, "pillars/defence-industry/feed.xml").findall("item")
    by_link = {i.findtext("link"): i for i in items}
    singh_item = by_link[SUB_PATH_URL + "briefs/singh-hegseth-call/"]
    singh = lxml.html.fragment_fromstring(singh_item.findtext(CONTENT), create_parent="div")
    text = singh.text_content()
    for expected in (
        "Bottom line",
        "Key points",
        "Excellent discussion",
        "spoke to US Defence Secretary",
        "ET Bureau",
    ):
        assert expected in text
    for item in channel(built, "feed.xml").findall("item") + items:
        fragment = lxml.html.fragment_fromstring(item.findtext(CONTENT), create_parent="div")
        urls = [e.get("href") or e.get("src") for e in fragment.iter() if e.get("href") or e.get("src")]
        assert urls, item.findtext("link")
        assert all(u.startswith(("https://", "http://")) for u in urls), urls


def test_relative_markdown_links_become_absolute_in_feeds(build: Callable[..., Built]) -> None:
    built = build(feeds={"items": 20})
    items = channel(built, "feed.xml").findall("item")
    jet = next(i for i in items if i.findtext("link").endswith("/jet-engines/"))
    assert f'href="{SUB_PATH_URL}briefs/two-plus-two-dialogue/"' in jet.findtext(CONTENT)
    # ...while the page itself keeps the page-relative link
    assert 'href="../two-plus-two-dialogue/"' in (built.root / "briefs/jet-engines/index.html").read_text()


def test_empty_pillar_feed_is_valid(built: Built) -> None:
    data = (built.root / "pillars/counter-terrorism/feed.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.entries == []
    assert parsed.feed.link == SUB_PATH_URL + "pillars/counter-terrorism/"
