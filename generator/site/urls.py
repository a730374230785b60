"""The site's URL map, in one place.

Every page is known by its *site path*: the URL path below the base URL, "" for the home page,
folders ending in "/" (GitHub Pages serves their ``index.html``). Pages link to each other with
page-relative URLs so the site works under a sub-path, at a domain root and from ``file://``;
``404.html`` is the exception (Pages serves it at whatever path was requested), so its links are
rooted at the base path. Feeds, the sitemap and canonical links use absolute URLs.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

HOME = ""
PILLARS = "pillars/"
ARCHIVE = "archive/"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"
NOJEKYLL = ".nojekyll"
ASSETS = "assets/"
STYLESHEET = "assets/style.css"
# Issue 8: search, feeds in every format, briefing books, people, timeline.
ATOM = "atom.xml"
JSON_FEED = "feed.json"
SEARCH = "search/"
SEARCH_INDEX = "pagefind/"  # Pagefind's bundle: written by the indexer, not by the renderer
SITE_SCRIPT = "assets/site.js"
SEARCH_SCRIPT = "assets/search.js"
BOOKS = "books/"
PEOPLE = "people/"
TIMELINE = "timeline/"
TAGS = "tags/"


def brief(slug: str) -> str:
    return f"briefs/{slug}/"


def pillar(slug: str, page: int | None = None) -> str:
    """A pillar's list: its first page, or its page/<page>/ (numbered from the oldest)."""
    return f"pillars/{slug}/" if page is None else f"pillars/{slug}/page/{page}/"


def pillar_feed(slug: str) -> str:
    return f"pillars/{slug}/feed.xml"


def sibling_feed(rss_path: str, name: str) -> str:
    """The Atom or JSON Feed beside an RSS feed: "pillars/x/feed.xml" -> "pillars/x/atom.xml"."""
    folder = rss_path.rpartition("/")[0]
    return f"{folder}/{name}" if folder else name


def book(key: str) -> str:
    """A briefing book: "2025-07" (a month) or a pillar's slug."""
    return f"books/{key}/"


def person(slug: str, page: int | None = None) -> str:
    return f"people/{slug}/" if page is None else f"people/{slug}/page/{page}/"


def tag(slug: str, page: int | None = None) -> str:
    return f"tags/{slug}/" if page is None else f"tags/{slug}/page/{page}/"


def tag_feed(slug: str) -> str:
    return f"tags/{slug}/feed.xml"


def slug_words(text: str) -> str:
    """The words of ``text`` in lower-case ASCII joined by hyphens ("Indo-Pacific" -> "indo-pacific"),
    spelled in Latin letters as brief slugs are ("भारत" -> "bharat", "Øresund" -> "oresund"); "" when
    it has no letters or digits at all (an emoji): the caller picks the fallback."""
    if text.isascii():  # nearly every tag and name: no transliteration tables to load
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    from generator.ingest.slugs import ascii_words

    return "-".join(ascii_words(text))


def output_file(site_path: str) -> str:
    """The file (relative to the output folder) that serves a site path."""
    return site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path


def absolute(base_url: str, site_path: str) -> str:
    return base_url + site_path


def rooted(base_path: str, site_path: str) -> str:
    return base_path + site_path


def relative(from_path: str, to_path: str) -> str:
    """A URL for ``to_path`` that works from the page at ``from_path`` (both site paths).

    Climbing to the site root and back down is O(1) and always right, where computing the
    shortest path is ~10x slower and this runs for every link of every page.
    """
    up = "../" * from_path.count("/")
    return (up + to_path) or "./"


def join(base: str, href: str) -> str:
    """Resolve ``href`` against an absolute URL (used to make feed content absolute)."""
    return urljoin(base, href)
