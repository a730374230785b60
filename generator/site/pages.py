"""The list of pages: each knows its output file, template and what it shows.

Building this list is cheap and does no rendering; rendering a page is then a pure function of
(page, shared site data), so pages can be rendered in any order or in worker processes. Which pages
a changed brief touches is found by fingerprinting them (``incremental``), not listed here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from generator.config import Config
from generator.site import urls
from generator.site.books import Book, plan_books
from generator.site.people_pages import PersonEntry, PersonProfile, plan_people
from generator.site.search import Bundle, load_order
from generator.site.structure import (
    BriefCard,
    BriefDetail,
    Month,
    PillarGroup,
    SiteModel,
    TagGroup,
    date_text,
)
from generator.site.timeline import LegendItem, TimelineMonth, legend, plan_timeline


@dataclass(frozen=True)
class FeedLink:
    title: str  # what a feed reader offers to subscribe to
    url: str  # site path
    label: str = "all briefs"  # what the footer calls it

    # The Atom and JSON Feed siblings of the RSS feed at ``url`` (issue 8).
    @property
    def atom_url(self) -> str:
        return urls.sibling_feed(self.url, urls.ATOM)

    @property
    def json_url(self) -> str:
        return urls.sibling_feed(self.url, urls.JSON_FEED)


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
    number: int | None  # None on a list's first page; else its page/<number>/, counted from the oldest
    span_text: str  # a numbered page's dates: "3 January 2023 to 17 March 2023"
    previous: str | None  # site path of the newer page
    next: str | None  # site path of the older page


@dataclass(frozen=True)
class ListSubject:
    """What a list's pages say of the pillar or tag they list (not its briefs: see ``_list_data``)."""

    title: str
    url: str  # the list's first page
    description: str = ""
    feed_url: str | None = None  # a pillar's or a tag's
    book_url: str | None = None  # a pillar's, when it has briefs


@dataclass(frozen=True)
class ListData:
    """One page of a paginated list of briefs: a pillar's or a tag's."""

    subject: ListSubject
    count_text: str | None  # on the first page only
    briefs: tuple[BriefCard, ...]
    pagination: Pagination


@dataclass(frozen=True)
class TagSummary:
    group: TagGroup
    count_text: str


@dataclass(frozen=True)
class TagsData:
    tags: tuple[TagSummary, ...]


@dataclass(frozen=True)
class BriefData:
    brief: BriefDetail
    people: tuple[PersonMention, ...] = ()  # the brief's people, in its order


@dataclass(frozen=True)
class PersonMention:
    name: str
    url: str | None  # their page under people/, if they have one


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


@dataclass(frozen=True)
class RedirectData:
    target: BriefCard  # the brief the old address leads to
    address: str  # its absolute URL


# --- issue 8: search, briefing books, people, timeline ---


@dataclass(frozen=True)
class SearchData:
    bundles: tuple[str, ...]  # site paths of the search index's bundle folders, newest first
    script: str  # site path of the search page's script
    # The filters' choices, written into the page so that nothing is fetched until a reader searches;
    # each is exactly the value the brief pages give Pagefind (data-pagefind-filter).
    pillars: tuple[str, ...]  # titles of pillars with briefs, in config order
    years: tuple[str, ...]  # newest first


@dataclass(frozen=True)
class BookData:
    book: Book


@dataclass(frozen=True)
class BookLink:
    title: str
    url: str
    count_text: str


@dataclass(frozen=True)
class BooksData:
    months: tuple[BookLink, ...]
    pillars: tuple[BookLink, ...]


@dataclass(frozen=True)
class PersonLink:
    """A person as the people index shows them."""

    name: str
    url: str
    role: str
    watched: bool
    count_text: str


@dataclass(frozen=True)
class PeopleData:
    people: tuple[PersonLink, ...]


@dataclass(frozen=True)
class PersonData:
    """One page of a person's briefs, paginated as a pillar's list is (see ``_paginate``)."""

    subject: ListSubject  # the person's name and first page, as the pager names them
    role: str
    count_text: str | None  # on the first page only: "3 briefs, 2 quotes"
    entries: tuple[PersonEntry, ...]  # this page's, newest first
    pagination: Pagination


@dataclass(frozen=True)
class TimelineData:
    months: tuple[TimelineMonth, ...]
    legend: tuple[LegendItem, ...]
    count_text: str


PageData = (
    HomeData | PillarsData | ListData | TagsData | BriefData | ArchiveData | NotFoundData
    | SearchData | BookData | BooksData | PeopleData | PersonData | TimelineData | RedirectData
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    path: str  # site path ("" for home, "briefs/x/", "404.html")
    template: str
    title: str  # the <title>
    heading: str  # the h1
    description: str
    data: PageData
    feeds: tuple[FeedLink, ...] = ()  # besides the site feed
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
    latest = tuple(model.card(s) for s in model.slugs[: config.listing.home_latest])
    pillars = _summaries(model, config.listing.pillar_preview)
    return Page(
        path=urls.HOME,
        template="home.html",
        title=config.site.title,
        heading=config.site.title,
        description=config.site.description or config.site.title,
        data=HomeData(latest, pillars),
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
        lastmod=model.newest,
        section="pillars",
    )


def _paginate(
    config: Config, model: SiteModel, slugs: tuple[str, ...], path: Callable[[int | None], str]
) -> list[tuple[tuple[str, ...], Pagination]]:
    """A list's pages, numbered from the oldest so that each keeps its briefs as new ones arrive.

    ``page/1/`` holds the oldest ``listing.per_page`` briefs, ``page/2/`` the next, and so on; the
    list's first page (``path(None)``) shows the rest, the newest: those no full page holds plus the
    newest full page's (per_page to twice that, less one). So a new brief changes the first page
    only, and once every per_page briefs moves the newest full page out to a numbered page of its own.
    Pages come first page first, then newest to oldest.
    """
    per_page = config.listing.per_page
    numbered = max(len(slugs) // per_page - 1, 0)
    rest = len(slugs) - numbered * per_page
    pages = [(slugs[:rest], Pagination(None, "", None, path(numbered) if numbered else None))]
    for n in range(numbered, 0, -1):
        chunk = slugs[len(slugs) - n * per_page : len(slugs) - (n - 1) * per_page]
        span = f"{date_text(model.details[chunk[-1]].date)} to {date_text(model.details[chunk[0]].date)}"
        newer = path(n + 1) if n < numbered else path(None)
        pages.append((chunk, Pagination(n, span, newer, path(n - 1) if n > 1 else None)))
    return pages


def _page_suffix(pagination: Pagination) -> str:
    return f"page {pagination.number}" if pagination.number else ""


def _list_pages(
    config: Config,
    model: SiteModel,
    slugs: tuple[str, ...],
    path: Callable[[int | None], str],
    title: str,
    data: Callable[[tuple[str, ...], Pagination], PageData],
    **fixed: Any,
) -> list[Page]:
    """The pages of a paginated list (``_paginate``): each with its path, title, ``data`` of its
    briefs, dates and links to its neighbours; ``fixed``: the other Page fields, the same on each."""
    return [
        Page(
            path=path(pagination.number),
            title=_title(config, *filter(None, (title, _page_suffix(pagination)))),
            data=data(chunk, pagination),
            lastmod=_lastmod(model, chunk),
            rel_prev=pagination.previous,
            rel_next=pagination.next,
            **fixed,
        )
        for chunk, pagination in _paginate(config, model, slugs, path)
    ]


def pillar_pages(config: Config, model: SiteModel, group: PillarGroup) -> list[Page]:
    subject = ListSubject(
        group.title, group.url, group.description, group.feed_url, group.book_url if group.briefs else None
    )
    return _list_pages(
        config,
        model,
        group.briefs,
        functools.partial(urls.pillar, group.slug),
        group.title,
        lambda chunk, pagination: _list_data(model, subject, group.briefs, chunk, pagination),
        template="pillar.html",
        heading=group.title,
        description=group.description or f"Briefs on {group.title}.",
        feeds=(_pillar_feed(config, group),),
        section=f"pillar:{group.slug}",
    )


def _list_data(
    model: SiteModel,
    subject: ListSubject,
    slugs: tuple[str, ...],
    chunk: tuple[str, ...],
    pagination: Pagination,
) -> ListData:
    # Only the first page counts the list's briefs: a numbered page shows nothing a new brief changes.
    count = count_text(len(slugs)) if pagination.number is None else None
    return ListData(subject, count, tuple(model.card(s) for s in chunk), pagination)


def tags_page(config: Config, model: SiteModel) -> Page:
    return Page(
        path=urls.TAGS,
        template="tags.html",
        title=_title(config, "Tags"),
        heading="Tags",
        description=f"Every tag of the briefs of {config.site.title}, with its number of briefs.",
        data=TagsData(tuple(TagSummary(t, count_text(len(t.briefs))) for t in model.tags)),
        lastmod=model.newest,
        section="tags",
    )


def tag_pages(config: Config, model: SiteModel, group: TagGroup) -> list[Page]:
    subject = ListSubject(group.title, group.url, feed_url=group.feed_url)
    return _list_pages(
        config,
        model,
        group.briefs,
        functools.partial(urls.tag, group.slug),
        f"Tag: {group.title}",
        lambda chunk, pagination: _list_data(model, subject, group.briefs, chunk, pagination),
        template="tag.html",
        heading=group.title,
        description=f"Briefs tagged {group.title}, newest first.",
        feeds=(FeedLink(f"{group.title} · {config.site.title}", group.feed_url, group.title),),
        section="tags",
    )


def _pillar_feed(config: Config, group: PillarGroup) -> FeedLink:
    return FeedLink(f"{group.title} · {config.site.title}", group.feed_url, group.title)


def pillar_feed_links(config: Config, model: SiteModel) -> dict[str, FeedLink]:
    return {g.slug: _pillar_feed(config, g) for g in model.pillars}


def brief_page(
    config: Config, model: SiteModel, slug: str, feed_links: dict[str, FeedLink], people: dict[str, str]
) -> Page:
    """``people``: the people who have a page, name -> its URL."""
    detail = model.details[slug]
    card = detail.card
    feeds = tuple(feed_links[b.slug] for b in card.pillars)
    return Page(
        path=card.url,
        template="brief.html",
        title=_title(config, card.title),
        heading=card.title,
        description=card.summary or detail.standfirst or card.title,
        data=BriefData(detail, tuple(PersonMention(name, people.get(name)) for name in detail.people)),
        feeds=feeds,
        lastmod=detail.modified,
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
        data=ArchiveData(months, count_text(len(model.slugs))),
        lastmod=model.newest,
        section="archive",
    )


def not_found_page(config: Config, model: SiteModel) -> Page:
    latest = tuple(model.card(s) for s in model.slugs[:5])
    return Page(
        path=urls.NOT_FOUND,
        template="404.html",
        title=_title(config, "Page not found"),
        heading="Page not found",
        description="The page you asked for is not here.",
        data=NotFoundData(latest),
        in_sitemap=False,
        rooted_links=True,
    )


def redirect_page(config: Config, model: SiteModel, old: str, slug: str) -> Page:
    """The page at a moved brief's old address (``redirects.yaml``), sending readers to ``slug``."""
    card = model.card(slug)
    return Page(
        path=urls.brief(old),
        template="redirect.html",  # loaded only when such a page is rendered
        title=_title(config, card.title),
        heading=card.title,
        description=f"This brief has moved: {card.title}",
        data=RedirectData(card, urls.absolute(config.site.base_url, card.url)),
        in_sitemap=False,
    )


def search_page(config: Config, model: SiteModel, bundles: list[Bundle]) -> Page:
    bundle_folders = tuple(b.folder for b in load_order(bundles))
    pillars = tuple(g.title for g in model.pillars if g.briefs)
    years = tuple(sorted({str(model.details[s].date.year) for s in model.slugs}, reverse=True))
    return Page(
        path=urls.SEARCH,
        template="search.html",
        title=_title(config, "Search"),
        heading="Search",
        description=f"Search every brief of {config.site.title}.",
        data=SearchData(bundle_folders, urls.SEARCH_SCRIPT, pillars, years),
        lastmod=model.newest,
        section="search",
    )


def book_pages(config: Config, model: SiteModel) -> list[Page]:
    """The books index, then one page per book (months newest first, then pillars)."""
    books = plan_books(config, model)
    index = BooksData(
        months=tuple(BookLink(b.title, b.url, b.count_text) for b in books if b.kind == "month"),
        pillars=tuple(BookLink(b.title, b.url, b.count_text) for b in books if b.kind == "pillar"),
    )
    pages = [
        Page(
            path=urls.BOOKS,
            template="books.html",
            title=_title(config, "Briefing books"),
            heading="Briefing books",
            description=f"Printable compilations of the briefs of {config.site.title}, by month and pillar.",
            data=index,
            lastmod=model.newest,
            section="archive",
        )
    ]
    for book in books:
        kind = "Monthly briefing book" if book.kind == "month" else "Briefing book"
        pages.append(
            Page(
                path=book.url,
                template="book.html",
                title=_title(config, f"{kind}: {book.title}"),
                heading=book.title,
                description=f"{kind} of {config.site.title}: {book.count_text}, {book.period_text}.",
                data=BookData(book),
                lastmod=_lastmod(model, book.slugs),
                section="archive",
            )
        )
    return pages


def people_pages(config: Config, model: SiteModel, people: tuple[PersonProfile, ...]) -> list[Page]:
    index = tuple(PersonLink(p.name, p.url, p.role, p.watched, p.count_text) for p in people)
    pages = [
        Page(
            path=urls.PEOPLE,
            template="people.html",
            title=_title(config, "People"),
            heading="People",
            description=f"The people in the briefs of {config.site.title}.",
            data=PeopleData(index),
            lastmod=model.newest,
            section="people",
        )
    ]
    for person in people:
        pages.extend(person_pages(config, model, person))
    return pages


def person_pages(config: Config, model: SiteModel, person: PersonProfile) -> list[Page]:
    """A person's briefs over pages numbered from the oldest, as a pillar's are: a watched minister
    named in thousands of briefs would otherwise have one page of thousands, rendered anew for each."""
    entries = {entry.card.slug: entry for entry in person.entries}
    subject = ListSubject(person.name, person.url)

    def data(chunk: tuple[str, ...], pagination: Pagination) -> PersonData:
        count = person.count_text if pagination.number is None else None  # as _list_data's
        return PersonData(subject, person.role, count, tuple(entries[s] for s in chunk), pagination)

    return _list_pages(
        config,
        model,
        person.slugs,
        functools.partial(urls.person, person.slug),
        person.name,
        data,
        template="person.html",
        heading=person.name,
        description=f"Briefs naming or quoting {person.name}, newest first.",
        section="people",
    )


def timeline_page(config: Config, model: SiteModel) -> Page:
    return Page(
        path=urls.TIMELINE,
        template="timeline.html",
        title=_title(config, "Timeline"),
        heading="Timeline",
        description=f"Every brief of {config.site.title} on one dated line, by pillar.",
        data=TimelineData(plan_timeline(model), legend(model), count_text(len(model.slugs))),
        lastmod=model.newest,
        section="timeline",
    )


def feature_pages(
    config: Config, model: SiteModel, bundles: list[Bundle], people: tuple[PersonProfile, ...]
) -> list[Page]:
    """Issue 8's page families: search, briefing books, people, timeline."""
    return [
        search_page(config, model, bundles),
        *book_pages(config, model),
        *people_pages(config, model, people),
        timeline_page(config, model),
    ]


def plan_pages(config: Config, model: SiteModel, bundles: list[Bundle]) -> list[Page]:
    """Every HTML page of the site, in a fixed order; ``bundles``: ``search.search_bundles(model)``."""
    pages = [home_page(config, model), pillars_page(config, model), archive_page(config, model)]
    for group in model.pillars:
        pages.extend(pillar_pages(config, model, group))
    pages.append(tags_page(config, model))
    for tag in model.tags:
        pages.extend(tag_pages(config, model, tag))
    feed_links = pillar_feed_links(config, model)
    people = tuple(plan_people(config, model))
    linked = {person.name: person.url for person in people}
    pages.extend(brief_page(config, model, slug, feed_links, linked) for slug in model.slugs)
    pages.extend(redirect_page(config, model, old, slug) for old, slug in model.redirects.items())
    pages.extend(feature_pages(config, model, bundles, people))
    pages.append(not_found_page(config, model))
    return pages
