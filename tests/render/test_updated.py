"""A brief revised by hand says so (``updated``): on its page, in its books, in the feeds (Atom's
and JSON Feed's modified dates, each feed's own date) and in the sitemap."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest

from .helpers import SUB_PATH_URL, Built, select

UPDATED = "2025-08-10T12:00:00+05:30"  # later than every test brief's date
URL = SUB_PATH_URL + "briefs/pentagon-readout/"


@pytest.fixture
def revised(briefs_copy: Path, build: Callable[..., Built]) -> Built:
    brief = briefs_copy / "2025-06-30-us-offset.md"  # slug pentagon-readout, dated 30 June 2025
    text = brief.read_text(encoding="utf-8")
    brief.write_text(
        text.replace("slug: pentagon-readout\n", f"slug: pentagon-readout\nupdated: '{UPDATED}'\n")
    )
    return build(briefs=briefs_copy)


def test_the_page_and_its_book_say_when_it_was_updated(revised: Built) -> None:
    for page in ("briefs/pentagon-readout/index.html", "books/2025-06/index.html"):
        (updated,) = select(revised.html(page), ".updated time")
        assert updated.get("datetime") == UPDATED
        assert updated.text_content() == "10 August 2025, 12:00 IST (UTC+05:30)"
    unrevised = revised.html("briefs/singh-hegseth-call/index.html")
    assert not select(unrevised, ".updated")


def test_feeds_carry_the_update_and_keep_the_publication_date(revised: Built) -> None:
    atom = feedparser.parse((revised.root / "atom.xml").read_bytes())
    entry = next(e for e in atom.entries if e.link == URL)
    assert entry.published == "2025-06-30T20:00:00-04:00" and entry.updated == UPDATED
    assert atom.feed.updated == UPDATED  # the feed changed when the brief did, later than the newest brief
    others = [e.updated for e in atom.entries if e.link != URL]
    assert others == [e.published for e in atom.entries if e.link != URL]
    rss = feedparser.parse((revised.root / "feed.xml").read_bytes())
    assert rss.feed.updated_parsed == atom.feed.updated_parsed  # lastBuildDate
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]  # still by publication date
    item = next(i for i in json.loads(revised.text("feed.json"))["items"] if i["url"] == URL)
    assert (item["date_published"], item["date_modified"]) == ("2025-06-30T20:00:00-04:00", UPDATED)
    assert "Updated 10 August 2025" in next(e for e in rss.entries if e.link == URL).content[0].value


def test_the_sitemap_gives_the_update_as_the_page_change(revised: Built) -> None:
    sitemap = revised.text("sitemap.xml")
    assert f"<loc>{URL}</loc>\n    <lastmod>{UPDATED}</lastmod>" in sitemap


def test_a_day_without_a_time_shows_as_the_day(briefs_copy: Path, build: Callable[..., Built]) -> None:
    """A bare `date: 2025-06-30` is kept as midnight: the page says the day, not "00:00" (a time no
    one gave), and the machine-readable date keeps the instant."""
    brief = briefs_copy / "2025-06-30-us-offset.md"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("date: '2025-06-30T20:00:00-04:00'", "date: 2025-06-30"), encoding="utf-8")
    built = build(briefs=briefs_copy)
    (when,) = select(built.html("briefs/pentagon-readout/index.html"), ".brief-header time")
    assert when.text_content() == "30 June 2025"
    assert when.get("datetime") == "2025-06-30T00:00:00+05:30"
