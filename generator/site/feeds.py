"""RSS 2.0 feeds with feedgen: ``feed.xml`` for every brief, ``pillars/<p>/feed.xml`` per pillar, each
with Atom (``atom.xml``) and JSON Feed 1.1 (``feed.json``) siblings carrying the same items.

feedgen's traps, each handled here: it stamps ``now()`` as lastBuildDate unless told otherwise
(we use the newest brief's date, so rebuilds are byte-identical); ``add_entry()`` prepends unless
``order='append'``; a URL guid needs ``permalink=True``; and content:encoded gets absolute URLs,
since readers resolve relative ones inconsistently.

Categories: one ``<category>`` per pillar of the brief, its term the pillar's *title* (what a reader
sees) and its ``domain`` the pillar page's absolute URL (what a program can match on).

A feed is planned (``Feed``: which briefs it carries) before it is rendered, so the render can
fingerprint the plan and skip the three files of a feed whose briefs did not change. feedgen is
imported only when a feed is rendered: most builds render none.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from generator.site import urls
from generator.site.markdown import absolutize
from generator.site.structure import BriefDetail, SiteModel
from generator.site.templating import FEED_ITEM_TEMPLATE, SiteInfo, Templates

# An empty feed on an empty site still needs a lastBuildDate that does not change between builds.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # absolute; also the guid
    summary: str
    content_html: str  # absolute URLs only
    date: datetime
    modified: datetime  # its date, or when it was updated by hand since
    lang: str | None  # when the brief's is not the site's
    categories: tuple[tuple[str, str], ...]  # (term = pillar title, domain = pillar URL)


@dataclass(frozen=True)
class Feed:
    path: str  # site path of the feed file
    title: str
    description: str
    link: str  # absolute URL of the HTML page the feed belongs to
    briefs: tuple[BriefDetail, ...]  # newest first; made into FeedItems only when the feed is rendered
    updated: datetime  # when the newest of its briefs was published or updated


def feed_item(detail: BriefDetail, templates: Templates, site: SiteInfo) -> FeedItem:
    url = urls.absolute(site.base_url, detail.card.url)
    body = replace(detail, body_html=absolutize(detail.body_html, url))
    context = {"site": site, "brief": body, "url": lambda path: urls.absolute(site.base_url, path)}
    content = templates.render(FEED_ITEM_TEMPLATE, context, f"the feed item of {detail.card.slug}")
    return FeedItem(
        title=detail.card.title,
        url=url,
        # feedgen puts content in <description> when there is none; never leave it empty
        summary=detail.card.summary or detail.standfirst or detail.card.title,
        content_html=content.strip(),
        date=detail.date,
        modified=detail.modified,
        lang=detail.card.lang,
        categories=tuple((b.title, urls.absolute(site.base_url, b.url)) for b in detail.card.pillars),
    )


def plan_feeds(model: SiteModel, site: SiteInfo, limit: int) -> list[Feed]:
    """The site feed, one feed per pillar and one per tag."""
    empty = model.newest or EPOCH  # the date of a pillar's feed while it has no briefs

    def feed(path: str, title: str, description: str, link: str, slugs: tuple[str, ...]) -> Feed:
        briefs = tuple(model.details[s] for s in slugs[:limit])
        return Feed(path, title, description, link, briefs, max((b.modified for b in briefs), default=empty))

    feeds = [feed(urls.FEED, site.title, site.description or site.title, site.base_url, model.slugs)]
    for group in model.pillars:
        description = group.description or f"Briefs on {group.title}."
        link = urls.absolute(site.base_url, group.url)
        feeds.append(feed(group.feed_url, f"{group.title} · {site.title}", description, link, group.briefs))
    for tag in model.tags:
        link = urls.absolute(site.base_url, tag.url)
        description = f"Briefs tagged {tag.title}."
        feeds.append(feed(tag.feed_url, f"{tag.title} · {site.title}", description, link, tag.briefs))
    return feeds


def feed_paths(feed: Feed) -> list[str]:
    """The site paths of a feed's three files: RSS, Atom, JSON Feed."""
    return [feed.path, urls.sibling_feed(feed.path, urls.ATOM), urls.sibling_feed(feed.path, urls.JSON_FEED)]


def render_feeds(feed: Feed, item: Callable[[BriefDetail], FeedItem], site: SiteInfo) -> list[bytes]:
    """The bytes of the feed's files, in ``feed_paths`` order; ``item`` builds (and caches) a FeedItem."""
    items = tuple(map(item, feed.briefs))
    return [render(feed, items, site) for render in (render_feed, render_atom, render_json_feed)]


def render_feed(feed: Feed, items: tuple[FeedItem, ...], site: SiteInfo) -> bytes:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.title(feed.title)
    fg.description(feed.description)
    fg.link(href=urls.absolute(site.base_url, feed.path), rel="self", type="application/rss+xml")
    # feedgen makes the *last* link the RSS <link>, so the page the feed belongs to goes last.
    fg.link(href=feed.link, rel="alternate")
    fg.language(site.language)
    fg.generator("briefing")
    fg.lastBuildDate(feed.updated)
    for item in items:
        entry = fg.add_entry(order="append")
        entry.title(item.title)
        entry.link(href=item.url)
        entry.guid(item.url, permalink=True)
        # Readers treat <description> as HTML: escape the plain-text summary so "<img ...>" stays text.
        entry.description(html.escape(item.summary, quote=False))
        entry.content(item.content_html)
        entry.pubDate(item.date)
        entry.updated(item.modified)
        for term, domain in item.categories:
            entry.category(term=term, scheme=domain)
    return fg.rss_str(pretty=True)


# --- Atom and JSON Feed (issue 8) ---------------------------------------------------------------------
# Each RSS feed gets an Atom and a JSON Feed 1.1 sibling built from the same items, so the three carry
# the same items, ids (the brief's absolute URL) and dates. feedgen would stamp now() on Atom's
# <updated> for the feed and every entry unless told; both are set from the briefs' dates.

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def render_atom(feed: Feed, items: tuple[FeedItem, ...], site: SiteInfo) -> bytes:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    self_url = urls.absolute(site.base_url, urls.sibling_feed(feed.path, urls.ATOM))
    fg.id(self_url)
    fg.title(feed.title)
    fg.subtitle(feed.description)
    fg.link(href=feed.link, rel="alternate", type="text/html")
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    # Atom requires an author on the feed or on every entry.
    fg.author(name=site.author or site.title)
    fg.language(site.language)
    fg.generator("briefing")
    fg.updated(feed.updated)
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.url)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.summary(item.summary)
        entry.content(item.content_html, type="html")
        entry.published(item.date)
        entry.updated(item.modified)
        for term, domain in item.categories:
            entry.category(term=term, scheme=domain, label=term)
    return fg.atom_str(pretty=True)


def json_feed(feed: Feed, items: tuple[FeedItem, ...], site: SiteInfo) -> dict[str, object]:
    """The JSON Feed 1.1 document as a dict (the tests validate it against the spec's schema)."""
    document: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.link,
        "feed_url": urls.absolute(site.base_url, urls.sibling_feed(feed.path, urls.JSON_FEED)),
        "description": feed.description,
        "language": site.language,
        "authors": [{"name": site.author or site.title}],
        "items": [_json_item(item) for item in items],
    }
    return document


def _json_item(item: FeedItem) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": item.url,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "content_html": item.content_html,
        "date_published": item.date.isoformat(),
        "date_modified": item.modified.isoformat(),
        "tags": [term for term, _ in item.categories],
    }
    if item.lang:  # JSON Feed 1.1: an item's own language, where it is not the feed's
        entry["language"] = item.lang
    return entry


def render_json_feed(feed: Feed, items: tuple[FeedItem, ...], site: SiteInfo) -> bytes:
    # Key order is fixed by the dict above and ensure_ascii=False keeps text readable: byte-identical.
    return (json.dumps(json_feed(feed, items, site), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
