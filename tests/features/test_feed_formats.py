"""Atom and JSON Feed 1.1 beside every RSS feed: the same items, ids and dates; valid by their specs.

The JSON Feed is validated against tests/features/jsonfeed-1.1.schema.json (written from the spec:
no network here); Atom is read by feedparser, as a feed reader would.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from render.helpers import Built, select

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_rfc3339(value: object) -> bool:
    # RFC 3339 needs a zone; fromisoformat alone would take a naive time.
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(urlsplit(value).scheme and urlsplit(value).netloc)


VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMATS)


def rss_feeds(built: Built) -> list[str]:
    return sorted(p.relative_to(built.root).as_posix() for p in built.root.rglob("feed.xml"))


def sibling(rss: str, name: str) -> str:
    return rss.removesuffix("feed.xml") + name


def items_of_rss(built: Built, rss: str) -> list[tuple[str, str, str, tuple[int, ...]]]:
    parsed = feedparser.parse((built.root / rss).read_bytes())
    return [(e.id, e.link, e.title, tuple(e.published_parsed)) for e in parsed.entries]


def test_every_rss_feed_has_atom_and_json_siblings(site: Built) -> None:
    feeds = rss_feeds(site)
    tags = len(list(site.root.glob("tags/*/index.html")))  # each tag's page, each with its feeds
    assert tags and "feed.xml" in feeds and len(feeds) == 1 + len(site.config.pillars) + tags
    for rss in feeds:
        assert (site.root / sibling(rss, "atom.xml")).is_file(), rss
        assert (site.root / sibling(rss, "feed.json")).is_file(), rss


def test_atom_reads_cleanly_with_the_same_items_ids_and_dates(site: Built) -> None:
    for rss in rss_feeds(site):
        atom = sibling(rss, "atom.xml")
        parsed = feedparser.parse((site.root / atom).read_bytes())
        assert not parsed.bozo, (atom, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", atom
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [site.config.site.base_url + atom]
        got = [(e.id, e.link, e.title, tuple(e.published_parsed)) for e in parsed.entries]
        assert got == items_of_rss(site, rss), atom
        for entry in parsed.entries:
            assert entry.id == entry.link and entry.link.startswith(site.config.site.base_url)
            assert entry.updated_parsed == entry.published_parsed  # never the build's time


def test_json_feed_is_valid_and_carries_the_same_items_ids_and_dates(site: Built) -> None:
    for rss in rss_feeds(site):
        path = sibling(rss, "feed.json")
        document = json.loads((site.root / path).read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
        assert not errors, (path, errors)
        assert document["feed_url"] == site.config.site.base_url + path
        rss_items = items_of_rss(site, rss)
        assert [i["id"] for i in document["items"]] == [i[0] for i in rss_items], path
        assert [i["title"] for i in document["items"]] == [i[2] for i in rss_items], path
        for item, (_, link, _, published) in zip(document["items"], rss_items, strict=True):
            assert item["url"] == item["id"] == link
            assert tuple(datetime.fromisoformat(item["date_published"]).utctimetuple()) == published


def test_schema_rejects_what_the_spec_forbids() -> None:
    good = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "t",
        "items": [{"id": "x", "content_html": "<p>"}],
    }
    assert VALIDATOR.is_valid(good)
    bad = [
        {**good, "version": "https://jsonfeed.org/version/1"},
        {**good, "items": [{"id": "x"}]},  # no content
        {**good, "items": [{"content_html": "<p>"}]},  # no id
        {**good, "items": [{"id": "x", "content_html": "", "date_published": "2025-07-01 10:00"}]},  # no zone
        {**good, "home_page_url": "/relative/"},
        {**good, "titel": "typo"},
    ]
    for document in bad:
        assert not VALIDATOR.is_valid(document), document


def test_pages_announce_every_format(site: Built) -> None:
    doc = site.html("pillars/logistics/index.html")
    found = {(link.get("type"), link.get("href")) for link in select(doc, 'link[rel="alternate"]')}
    for folder in ("../../", "../../pillars/logistics/"):
        assert {
            ("application/rss+xml", folder + "feed.xml"),
            ("application/atom+xml", folder + "atom.xml"),
            ("application/feed+json", folder + "feed.json"),
        } <= found


@pytest.mark.parametrize("name", ["atom.xml", "feed.json"])
def test_feeds_do_not_change_between_builds(build_into, name: str) -> None:  # noqa: ANN001
    one, two = build_into("one"), build_into("two")
    assert (one.root / name).read_bytes() == (two.root / name).read_bytes()
