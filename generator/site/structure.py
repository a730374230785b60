"""The site model: the published briefs grouped the ways the site shows them, with display values.

Everything a template prints is prepared here (formatted dates, source lines, badges, site paths)
so templates hold markup only. Each brief is rendered from Markdown once; pages and feeds reuse it.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote, urlsplit

from generator.config import Config
from generator.model import Brief
from generator.site import headings, urls
from generator.site.body_links import content_links
from generator.site.markdown import render_markdown

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# RFC 3986 reserved and unreserved characters, plus "%" so existing escapes are kept.
URL_SAFE = ":/?#[]@!$&'()*+,;=-._~%"


@dataclass(frozen=True)
class Link:
    title: str
    url: str  # site path
    lang: str | None = None  # the title's language, a brief's when it is not the site's


@dataclass(frozen=True)
class PillarBadge:
    slug: str
    title: str
    url: str


@dataclass(frozen=True)
class BriefCard:
    """What a listing shows of one brief."""

    slug: str
    title: str
    url: str
    date_iso: str
    date_text: str
    sources_text: str
    summary: str
    pillars: tuple[PillarBadge, ...]
    lang: str | None = None  # of its title and summary (and the brief's other words), if not the site's


@dataclass(frozen=True)
class SourceView:
    name: str
    url: str | None
    byline: str | None
    published_iso: str | None
    published_text: str | None


@dataclass(frozen=True)
class BriefDetail:
    """What a brief's own page (and its feed item) shows."""

    card: BriefCard
    date: datetime
    datetime_text: str  # "1 July 2025, 22:10 IST (UTC+05:30)"
    updated: datetime | None  # revised by hand after its date
    updated_text: str | None
    standfirst: str | None
    key_points: tuple[str, ...]
    quotes: tuple[tuple[str, str], ...]  # (speaker, text)
    body_html: str  # safe: markdown-it with raw HTML off
    sources: tuple[SourceView, ...]
    people: tuple[str, ...]
    tags: tuple[Link, ...]  # as the brief spells them, each linking to its tag's page
    primary: PillarBadge
    older: Link | None = None  # neighbours in the primary pillar's list
    newer: Link | None = None

    @property
    def modified(self) -> datetime:
        """When it last changed: feeds and the sitemap say it."""
        return self.updated or self.date

    @property
    def sort_key(self) -> str:
        """The date in UTC: sorts as text in time order whatever each brief's zone (search sorts so)."""
        return self.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class PillarGroup:
    slug: str
    title: str
    description: str
    url: str
    feed_url: str
    briefs: tuple[str, ...]  # slugs, newest first

    @property
    def book_url(self) -> str:
        """Its briefing book (issue 8); there is one when the pillar has briefs."""
        return urls.book(self.slug)


@dataclass(frozen=True)
class TagGroup:
    slug: str
    title: str  # the spelling most briefs use ("QUAD" and "Quad" share one page)
    url: str
    briefs: tuple[str, ...]  # slugs, newest first

    @property
    def feed_url(self) -> str:
        return urls.tag_feed(self.slug)


@dataclass(frozen=True)
class Month:
    key: str  # "2025-07", also the heading's id
    title: str  # "July 2025"
    briefs: tuple[str, ...]

    @property
    def book_url(self) -> str:
        """Its briefing book (issue 8)."""
        return urls.book(self.key)


@dataclass
class SiteModel:
    """What the site shows of its briefs: display values only, no parsed Brief (so the model alone can
    be kept between builds, see ``snapshot``)."""

    slugs: tuple[str, ...]  # the published briefs, newest first, ties by slug
    details: dict[str, BriefDetail] = field(default_factory=dict)
    pillars: list[PillarGroup] = field(default_factory=list)  # config order
    months: list[Month] = field(default_factory=list)  # newest first
    tags: list[TagGroup] = field(default_factory=list)  # by title, case ignored
    redirects: dict[str, str] = field(default_factory=dict)  # old slug -> published slug, sorted

    @property
    def newest(self) -> datetime | None:
        return self.details[self.slugs[0]].date if self.slugs else None

    def card(self, slug: str) -> BriefCard:
        return self.details[slug].card


def date_text(when: datetime) -> str:
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def offset_text(when: datetime) -> str:
    offset = when.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def datetime_text(when: datetime, config: Config) -> str:
    """Date, time and zone; the zone's abbreviation when the site's time zone has that offset. The
    date alone for midnight, which is how a day without a time is kept (a bare `date: 2025-07-01`, a
    page that gives only its day): "00:00" would be a time no one gave."""
    if when.time() == time(0):
        return date_text(when)
    local = when.astimezone(config.site.tz)
    zone = offset_text(when)
    name = local.tzname() or ""
    if local.utcoffset() == when.utcoffset() and name.isalpha():
        zone = f"{name} ({zone})"
    return f"{date_text(when)}, {when:%H:%M} {zone}"


def _source_name(name: str | None, url: str | None) -> str:
    if name:
        return name
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else "Unknown source"


def badges(config: Config) -> dict[str, PillarBadge]:
    return {p.slug: PillarBadge(p.slug, p.title, urls.pillar(p.slug)) for p in config.pillars}


def brief_card(brief: Brief, badges: dict[str, PillarBadge]) -> BriefCard:
    names = dict.fromkeys(_source_name(s.name, s.url) for s in brief.sources)
    return BriefCard(
        slug=brief.slug,
        title=brief.title,
        url=urls.brief(brief.slug),
        date_iso=brief.date.isoformat(),
        date_text=date_text(brief.date),
        sources_text=", ".join(names),
        summary=brief.summary,
        pillars=tuple(badges[p] for p in brief.pillars),
        lang=brief.lang,
    )


def _safe_url(url: str | None) -> str | None:
    """Source URLs come from scraped articles: only http(s) ones become links, percent-encoded
    where they hold characters a URL may not (quotes, spaces, angle brackets)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=URL_SAFE)


@functools.cache  # a few dozen tags, met ~30,000 times in a 10,000-brief model
def tag_slug(tag: str) -> str:
    """A tag's page slug: its words in Latin letters, or a hash for a tag with none (an emoji), so
    each still has a page."""
    return urls.slug_words(tag) or f"tag-{hashlib.sha256(tag.casefold().encode()).hexdigest()[:8]}"


def _tags_by_slug(tags: list[str]) -> dict[str, str]:
    """A brief's tags by page slug, each with its first spelling in the brief ("Quad" after "QUAD"
    is the same tag)."""
    by_slug: dict[str, str] = {}
    for tag in tags:
        by_slug.setdefault(tag_slug(tag), tag)
    return by_slug


def brief_detail(
    brief: Brief, card: BriefCard, config: Config, older: Link | None, newer: Link | None
) -> BriefDetail:
    # One view for copies of an article (the same file saved twice, or syndicated word for word
    # under one outlet's name): a reader sees each source once.
    sources = tuple(
        dict.fromkeys(
            SourceView(
                name=_source_name(s.name, s.url),
                url=_safe_url(s.url),
                byline=s.byline,
                published_iso=s.published.isoformat() if s.published else None,
                published_text=date_text(s.published) if s.published else None,
            )
            for s in brief.sources
        )
    )
    links = content_links(config.paths.briefs, config.paths.extra, config.root)
    return BriefDetail(
        card=card,
        date=brief.date,
        datetime_text=datetime_text(brief.date, config),
        updated=brief.updated,
        updated_text=datetime_text(brief.updated, config) if brief.updated else None,
        standfirst=brief.standfirst,
        key_points=tuple(brief.key_points),
        quotes=tuple((q.speaker, q.text) for q in brief.quotes),
        body_html=links.rewrite(headings.add_ids(render_markdown(brief.body)), card.url),
        sources=sources,
        people=tuple(brief.people),
        tags=tuple(Link(t, urls.tag(key)) for key, t in _tags_by_slug(brief.tags).items()),
        primary=card.pillars[0],
        older=older,
        newer=newer,
    )


def build_model(config: Config, briefs: list[Brief]) -> SiteModel:
    """Group ``briefs`` (already newest first) by pillar and month, with prev/next in O(n)."""
    pillar_badges = badges(config)
    model = SiteModel(slugs=tuple(b.slug for b in briefs))
    by_pillar: dict[str, list[str]] = {p.slug: [] for p in config.pillars}
    months: dict[tuple[int, int], list[str]] = {}
    by_tag: dict[str, list[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    cards: dict[str, BriefCard] = {}
    for brief in briefs:
        cards[brief.slug] = brief_card(brief, pillar_badges)
        for slug in brief.pillars:
            by_pillar[slug].append(brief.slug)
        months.setdefault((brief.date.year, brief.date.month), []).append(brief.slug)
        for key, spelling in _tags_by_slug(brief.tags).items():
            by_tag.setdefault(key, []).append(brief.slug)
            counts = spellings.get(key)
            if counts is None:  # not setdefault: a Counter made for each of ~30,000 tags costs ~0.02 s
                counts = spellings[key] = Counter()
            counts[spelling] += 1
    # Older/newer brief within each brief's primary pillar, as that pillar's page lists them.
    position = {slug: {s: i for i, s in enumerate(slugs)} for slug, slugs in by_pillar.items()}
    for brief in briefs:
        card = cards[brief.slug]
        listing = by_pillar[card.pillars[0].slug]
        i = position[card.pillars[0].slug][brief.slug]
        newer = _link(cards[listing[i - 1]]) if i > 0 else None
        older = _link(cards[listing[i + 1]]) if i + 1 < len(listing) else None
        model.details[brief.slug] = brief_detail(brief, card, config, older, newer)
    model.pillars = [
        PillarGroup(p.slug, p.title, p.description, urls.pillar(p.slug), urls.pillar_feed(p.slug),
                    tuple(by_pillar[p.slug]))
        for p in config.pillars
    ]  # fmt: skip
    # Briefs sort by instant, so a month holding briefs with different offsets can appear out of
    # calendar order; sorting the keys keeps the archive's headings strictly newest first.
    model.months = [
        Month(f"{y:04d}-{m:02d}", f"{MONTHS[m - 1]} {y}", tuple(slugs))
        for (y, m), slugs in sorted(months.items(), reverse=True)
    ]
    tags = (TagGroup(key, _most_used(spellings[key]), urls.tag(key), tuple(s)) for key, s in by_tag.items())
    model.tags = sorted(tags, key=lambda group: (group.title.casefold(), group.slug))
    return model


def _most_used(spellings: Counter[str]) -> str:
    return min(spellings, key=lambda spelling: (-spellings[spelling], spelling))


def _link(card: BriefCard) -> Link:
    return Link(card.title, card.url, card.lang)
