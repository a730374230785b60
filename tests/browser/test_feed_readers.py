"""The feeds as feed readers take them: they parse cleanly, point at the site, and keep their guids.

A reader shows an item as new whenever its guid changes, so guids must survive a rebuild and the
arrival of another brief.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from lxml import html

from generator.brief_file import dump_brief
from generator.model import Brief, Source

from .conftest import ServedSite
from .crawler import fetch
from .sites import build, collect_briefs, feed_paths, site_config

STABLE_BASE = "https://example.github.io/india-us-briefing/"


def feed_problems(body: bytes, feed_url: str, base_url: str) -> list[str]:
    """What a feed reader would trip over in one feed; an empty list for a good feed."""
    parsed = feedparser.parse(body)
    problems = []
    if parsed.bozo:
        problems.append(f"not well-formed: {parsed.bozo_exception}")
    if not parsed.version.startswith("rss20"):
        problems.append(f"expected RSS 2.0, feedparser read {parsed.version or 'nothing it knows'}")
    self_links = [link.href for link in parsed.feed.get("links", []) if link.get("rel") == "self"]
    if self_links != [feed_url]:
        problems.append(f"self link {self_links} is not the feed's own URL {feed_url}")
    guids = [entry.get("id") for entry in parsed.entries]
    if None in guids or len(set(guids)) != len(guids):
        problems.append(f"every item needs its own guid: {guids}")
    for entry in parsed.entries:
        if not entry.get("link", "").startswith(base_url):
            problems.append(f"item {entry.get('title')!r} links outside the site: {entry.get('link')}")
        if not entry.get("published_parsed"):
            problems.append(f"item {entry.get('title')!r} has no readable pubDate")
    return problems


def _guids_by_link(feed_file: Path) -> dict[str, str]:
    return {entry.link: entry.id for entry in feedparser.parse(feed_file.read_bytes()).entries}


@pytest.mark.parametrize("which", ["sample_site", "reader_site"])
def test_every_feed_reads_cleanly(which: str, request: pytest.FixtureRequest) -> None:
    site: ServedSite = request.getfixturevalue(which)
    feeds = feed_paths(site.site_dir)
    assert "feed.xml" in feeds and len(feeds) > 1, feeds
    problems = {f: feed_problems(fetch(site.url(f)).body, site.url(f), site.base_url) for f in feeds}
    assert not {f: p for f, p in problems.items() if p}, problems


def test_feed_items_open_pages_of_the_site(reader_site: ServedSite) -> None:
    for feed in feed_paths(reader_site.site_dir):
        parsed = feedparser.parse(fetch(reader_site.url(feed)).body)
        assert parsed.entries or feed != "feed.xml", "the main feed has no items"
        for entry in parsed.entries:
            page = fetch(entry.link)
            assert page.status == 200 and "html" in page.content_type, (
                f"{feed}: {entry.link} -> {page.status}"
            )
            # The page the item opens is the brief the item is about.
            title = html.document_fromstring(page.body).findtext(".//h1")
            assert title and title.strip() == entry.title.strip(), (
                f"{entry.link}: {title!r} != {entry.title!r}"
            )


def test_channel_link_is_the_web_page_the_feed_belongs_to(reader_site: ServedSite) -> None:
    # Readers open <channel><link> as the "visit site" link: it must be an HTML page, not the feed.
    for feed in feed_paths(reader_site.site_dir):
        link = feedparser.parse(fetch(reader_site.url(feed)).body).feed.get("link", "")
        page = fetch(link) if link.startswith(reader_site.base_url) else None
        assert page and page.status == 200 and "html" in page.content_type, f"{feed}: channel link {link!r}"


def test_item_content_has_no_relative_links(reader_site: ServedSite) -> None:
    # A reader shows item HTML outside the site; a relative link there resolves against nothing useful.
    for feed in feed_paths(reader_site.site_dir):
        for entry in feedparser.parse(fetch(reader_site.url(feed)).body).entries:
            for part in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
                if not part.strip():
                    continue
                hrefs = html.fragment_fromstring(part, create_parent="div").xpath("//@href | //@src")
                relative = [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))]
                assert not relative, f"{feed}: {entry.link} has relative links {relative}"


def _injected_markup(body: bytes) -> list[str]:
    """Active or embedded markup in item HTML, read as a reader that does not sanitise would."""
    found = []
    for entry in feedparser.parse(body, sanitize_html=False).entries:
        for part in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
            if not part.strip():
                continue
            tree = html.fragment_fromstring(part, create_parent="div")
            bad = tree.xpath("//script | //iframe | //object | //embed | //*[@*[starts-with(name(), 'on')]]")
            found += [f"{entry.link}: <{element.tag}> {html.tostring(element)[:80]!r}" for element in bad]
    return found


def test_item_html_carries_no_markup_from_brief_text(reader_site: ServedSite) -> None:
    # Brief text is plain text: "<img onerror=...>" in a summary must reach readers as text, escaped
    # once for HTML and once more for XML, not as an element a reader would render or run.
    problems = [
        p
        for feed in feed_paths(reader_site.site_dir)
        for p in _injected_markup(fetch(reader_site.url(feed)).body)
    ]
    assert not problems, "\n".join(problems)


def _new_brief() -> Brief:
    date = datetime.fromisoformat("2025-12-01T10:00:00+05:30")
    return Brief(
        slug="2025-12-01-a-brief-added-later",
        title="A brief added later",
        date=date,
        body="Logistics talks resumed after the monsoon.",
        summary="A brief added after the first build, newest of all.",
        pillars=["logistics"],
        sources=[Source(name="Reader Test Wire", url="https://news.example.org/later", published=date)],
    )


def test_guids_survive_rebuild_and_a_new_brief(tmp_path: Path, reader_briefs: Path) -> None:
    first = build(site_config(STABLE_BASE, tmp_path / "site", briefs=reader_briefs))
    before = {f: _guids_by_link(first / f) for f in feed_paths(first)}
    assert before["feed.xml"], "the main feed has no items"

    build(site_config(STABLE_BASE, tmp_path / "site", briefs=reader_briefs))  # rebuilt in place
    assert {f: _guids_by_link(first / f) for f in feed_paths(first)} == before

    more = collect_briefs(tmp_path / "more-briefs", (reader_briefs,))
    (more / "2025-12-01-a-brief-added-later.md").write_text(dump_brief(_new_brief()), encoding="utf-8")
    after_dir = build(site_config(STABLE_BASE, tmp_path / "site-after", briefs=more))
    after = {f: _guids_by_link(after_dir / f) for f in feed_paths(after_dir)}
    new_link = STABLE_BASE + "briefs/2025-12-01-a-brief-added-later/"
    assert new_link in after["feed.xml"], "the added brief is not in the main feed"
    for feed, guids in before.items():
        kept = {link: after[feed][link] for link in guids if link in after[feed]}
        assert kept == {link: guids[link] for link in kept}, f"{feed}: guids changed"
    assert after["feed.xml"][new_link] not in before["feed.xml"].values()


# --- the checks can fail ------------------------------------------------------------------------------


def test_feed_check_catches_what_readers_trip_over(reader_site: ServedSite) -> None:
    url, base = reader_site.url("feed.xml"), reader_site.base_url
    good = fetch(url).body
    assert feed_problems(good, url, base) == []
    broken = {
        "truncated": good[: len(good) // 2],
        "wrong self link": good.replace(b'feed.xml" rel="self"', b'other.xml" rel="self"', 1),
        "item outside the site": good.replace(
            b"<link>" + base.encode(), b"<link>https://elsewhere.example/", 2
        ),
        "duplicate guid": re.sub(rb"<guid[^>]*>[^<]*</guid>", b"<guid>same</guid>", good),
        "markup in a description": good.replace(
            b"<description>", b"<description>&lt;img src=x onerror=alert(1)&gt;", 2
        ),
    }
    for what, body in broken.items():
        assert feed_problems(body, url, base) or _injected_markup(body), f"{what} went unnoticed"
