"""The list of pages: each knows its output file, template, what it shows and which briefs it uses.

Building this list is cheap and does no rendering; rendering a page is then a pure function of
(page, shared site data), so pages can be rendered in any order or in worker processes, and a
page's ``briefs`` tell an incremental build which pages a changed brief touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.config import Config
from generator.site import urls
from generator.site.structure import BriefCard, BriefDetail, Month, PillarGroup, SiteModel


@dataclass(frozen=True)
class FeedLink:
    title: str  # what a feed reader offers to subscribe to
    url: str  # site path
    label: str = "all briefs"  # what the footer calls it


@dataclass(frozen=True)
class PillarSummary:
    """A pillar as the home and pillar-index pages show it."""

    group: PillarGroup
    count: int
    count_text: str  # "1 brief", "12 briefs"
    newest: tuple[BriefCard, ...]


@dataclass(frozen=True)
class HomeData:
    latest: tuple[BriefCard, ...]
    pillars: tuple[PillarSummary, ...]


@dataclass(frozen=True)
class PillarsData:
    pillars: tuple[PillarSummary, ...]


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    previous: str | None  # site path of the newer page
    next: str | None  # site path of the older page


@dataclass(frozen=True)
class PillarData:
    group: PillarGroup
    count_text: str
    briefs: tuple[BriefCard, ...]
    pagination: Pagination


@dataclass(frozen=True)
class BriefData:
    brief: BriefDetail


@dataclass(frozen=True)
class ArchiveMonth:
    month: Month
    briefs: tuple[BriefCard, ...]


@dataclass(frozen=True)
class ArchiveData:
    months: tuple[ArchiveMonth, ...]
    count_text: str


@dataclass(frozen=True)
class NotFoundData:
    latest: tuple[BriefCard, ...]


PageData = HomeData | PillarsData | PillarData | BriefData | ArchiveData | NotFoundData


@dataclass(frozen=True)
class Page:
    path: str  # site path ("" for home, "briefs/x/", "404.html")
    template: str
    title: str  # the <title>
    heading: str  # the h1
    description: str
    data: PageData
    feeds: tuple[FeedLink, ...] = ()  # besides the site feed
    briefs: tuple[str, ...] = ()  # slugs this page shows: its dependencies
    lastmod: datetime | None = None  # newest brief shown, for the sitemap
    rel_prev: str | None = None
    rel_next: str | None = None
    in_sitemap: bool = True
    rooted_links: bool = False  # 404.html: links from the base path, not page-relative
    section: str = ""  # which nav entry is current

    @property
    def output(self) -> str:
        return urls.output_file(self.path)


def count_text(n: int) -> str:
    return f"{n} brief" if n == 1 else f"{n} briefs"


def _summaries(model: SiteModel, preview: int) -> tuple[PillarSummary, ...]:
    return tuple(
        PillarSummary(
            g, len(g.briefs), count_text(len(g.briefs)), tuple(model.card(s) for s in g.briefs[:preview])
        )
        for g in model.pillars
    )


def _title(config: Config, *parts: str) -> str:
    return " · ".join((*parts, config.site.title))


def _lastmod(model: SiteModel, slugs: tuple[str, ...] | list[str]) -> datetime | None:
    # Slugs arrive newest first, so the first one is the newest.
    return model.details[slugs[0]].date if slugs else None


def home_page(config: Config, model: SiteModel) -> Page:
    latest = tuple(model.card(b.slug) for b in model.briefs[: config.listing.home_latest])
    pillars = _summaries(model, config.listing.pillar_preview)
    shown = tuple(dict.fromkeys([c.slug for c in latest] + [c.slug for p in pillars for c in p.newest]))
    return Page(
        path=urls.HOME,
        template="home.html",
        title=config.site.title,
        heading=config.site.title,
        description=config.site.description or config.site.title,
        data=HomeData(latest, pillars),
        briefs=shown,
        lastmod=model.newest,
        section="home",
    )


def pillars_page(config: Config, model: SiteModel) -> Page:
    pillars = _summaries(model, 0)
    return Page(
        path=urls.PILLARS,
        template="pillars.html",
        title=_title(config, "Pillars"),
        heading="Pillars",
        description=f"Every pillar of {config.site.title}, with its number of briefs.",
        data=PillarsData(pillars),
        briefs=tuple(g.briefs[0] for g in model.pillars if g.briefs),
        lastmod=model.newest,
        section="pillars",
    )


def pillar_pages(config: Config, model: SiteModel, group: PillarGroup) -> list[Page]:
    per_page = config.listing.per_page
    chunks = [group.briefs[i : i + per_page] for i in range(0, len(group.briefs), per_page)] or [()]
    total = len(chunks)
    pages = []
    feed = (FeedLink(f"{group.title} · {config.site.title}", group.feed_url, group.title),)
    for number, chunk in enumerate(chunks, start=1):
        previous = urls.pillar(group.slug, number - 1) if number > 1 else None
        following = urls.pillar(group.slug, number + 1) if number < total else None
        suffix = f"page {number} of {total}" if total > 1 else ""
        pages.append(
            Page(
                path=urls.pillar(group.slug, number),
                template="pillar.html",
                title=_title(config, *filter(None, (group.title, suffix))),
                heading=group.title,
                description=group.description or f"Briefs on {group.title}.",
                data=PillarData(
                    group,
                    count_text(len(group.briefs)),
                    tuple(model.card(s) for s in chunk),
                    Pagination(number, total, previous, following),
                ),
                feeds=feed,
                briefs=tuple(chunk),
                lastmod=_lastmod(model, chunk),
                rel_prev=previous,
                rel_next=following,
                section=f"pillar:{group.slug}",
            )
        )
    return pages


def brief_page(config: Config, model: SiteModel, slug: str) -> Page:
    detail = model.details[slug]
    card = detail.card
    groups = {g.slug: g for g in model.pillars}
    feeds = tuple(
        FeedLink(f"{b.title} · {config.site.title}", groups[b.slug].feed_url, b.title) for b in card.pillars
    )
    neighbours = tuple(
        link.url.removeprefix("briefs/").rstrip("/") for link in (detail.older, detail.newer) if link
    )
    return Page(
        path=card.url,
        template="brief.html",
        title=_title(config, card.title),
        heading=card.title,
        description=card.summary or detail.standfirst or card.title,
        data=BriefData(detail),
        feeds=feeds,
        briefs=(slug, *neighbours),
        lastmod=detail.date,
        section=f"pillar:{detail.primary.slug}",
    )


def archive_page(config: Config, model: SiteModel) -> Page:
    months = tuple(ArchiveMonth(m, tuple(model.card(s) for s in m.briefs)) for m in model.months)
    return Page(
        path=urls.ARCHIVE,
        template="archive.html",
        title=_title(config, "Archive"),
        heading="Archive",
        description=f"Every brief of {config.site.title}, by month.",
        data=ArchiveData(months, count_text(len(model.briefs))),
        briefs=tuple(b.slug for b in model.briefs),
        lastmod=model.newest,
        section="archive",
    )


def not_found_page(config: Config, model: SiteModel) -> Page:
    latest = tuple(model.card(b.slug) for b in model.briefs[:5])
    return Page(
        path=urls.NOT_FOUND,
        template="404.html",
        title=_title(config, "Page not found"),
        heading="Page not found",
        description="The page you asked for is not here.",
        data=NotFoundData(latest),
        briefs=tuple(c.slug for c in latest),
        in_sitemap=False,
        rooted_links=True,
    )


def plan_pages(config: Config, model: SiteModel) -> list[Page]:
    """Every HTML page of the site, in a fixed order."""
    pages = [home_page(config, model), pillars_page(config, model), archive_page(config, model)]
    for group in model.pillars:
        pages.extend(pillar_pages(config, model, group))
    pages.extend(brief_page(config, model, b.slug) for b in model.briefs)
    pages.append(not_found_page(config, model))
    return pages
