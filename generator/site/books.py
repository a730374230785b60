"""Briefing books: printable compilations of briefs, one per month and one per pillar.

A book is a cover (title, period), a table of contents linking to each brief's anchor, a one-page
overview (per pillar: its count and the bottom lines of the briefs filed first under it) and then
every brief in full, each starting on a new printed page. Only data is prepared here; ``pages.py``
turns each book into a Page and ``book.html`` holds the markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from generator.config import Config
from generator.site import headings, urls
from generator.site.markdown import URL_ATTR
from generator.site.structure import BriefDetail, SiteModel, date_text

# The overview must fit one page: each pillar shows at most this many bottom lines, then "and N more".
OVERVIEW_LINES = 3
_SITE = "https://site.invalid/"  # a stand-in origin for resolving site paths


@dataclass(frozen=True)
class OverviewLine:
    anchor: str
    title: str
    summary: str
    lang: str | None


@dataclass(frozen=True)
class OverviewPillar:
    title: str
    count_text: str
    lines: tuple[OverviewLine, ...]
    more_text: str  # "and 4 more" or ""


@dataclass(frozen=True)
class BookEntry:
    anchor: str  # the id of the brief's section in the book
    brief: BriefDetail
    page: str  # the book's site path
    inside: Mapping[str, str]  # the page of each brief in the book -> its anchor (one for the book)

    @property
    def body_html(self) -> str:
        """The brief's body with its relative links made to work from the book's page, a link to a
        brief of the same book leading to its section; worked out when a book is rendered, not when
        it is planned (most builds render none of them)."""
        body = headings.within(self.brief.body_html, self.anchor)
        return rebase_links(body, self.brief.card.url, self.page, self.inside)


@dataclass(frozen=True)
class Book:
    key: str  # "2025-07" or a pillar slug; the URL is books/<key>/
    kind: str  # "month" or "pillar"
    title: str  # "July 2025" or the pillar's title
    period_text: str  # "1 July 2025 to 30 July 2025"
    count_text: str
    overview: tuple[OverviewPillar, ...]
    entries: tuple[BookEntry, ...]  # newest first, like every list on the site

    @property
    def url(self) -> str:
        return urls.book(self.key)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(e.brief.card.slug for e in self.entries)


def anchor(slug: str) -> str:
    return f"b-{slug}"


def _count(n: int) -> str:
    return f"{n} brief" if n == 1 else f"{n} briefs"


def _period(details: list[BriefDetail]) -> str:
    if not details:
        return ""
    newest, oldest = details[0].date, details[-1].date
    first, last = date_text(oldest), date_text(newest)
    return first if first == last else f"{first} to {last}"


def _overview(model: SiteModel, details: list[BriefDetail]) -> tuple[OverviewPillar, ...]:
    """Per pillar in config order: how many briefs of the book it holds, and the bottom lines of those
    filed first under it (so no bottom line is printed twice)."""
    by_pillar: dict[str, list[BriefDetail]] = {group.slug: [] for group in model.pillars}
    for detail in details:
        for badge in detail.card.pillars:  # each once (``load.normalized``)
            by_pillar[badge.slug].append(detail)
    result = []
    for group in model.pillars:
        held = by_pillar[group.slug]
        if not held:
            continue
        primary = [d for d in held if d.primary.slug == group.slug]
        shown = primary[:OVERVIEW_LINES]
        lines = tuple(
            OverviewLine(anchor(d.card.slug), d.card.title, d.card.summary or d.standfirst or "", d.card.lang)
            for d in shown
        )
        rest = len(primary) - len(shown)
        result.append(
            OverviewPillar(group.title, _count(len(held)), lines, f"and {rest} more" if rest else "")
        )
    return tuple(result)


def rebase_links(
    body_html: str, from_path: str, to_path: str, inside: Mapping[str, str] | None = None
) -> str:
    """Relative links written for the page at ``from_path``, rewritten for the page at ``to_path``
    (both site paths); absolute URLs are left as they are. ``inside``: pages that ``to_path`` holds,
    by the id of their section there (a brief in a book: the link stays in the book, and in its PDF)."""

    def fix(match: re.Match[str]) -> str:
        target = urljoin(_SITE + from_path, match.group(2))
        if not target.startswith(_SITE):
            return match.group(0)
        path = target.removeprefix(_SITE)
        page, _, fragment = path.partition("#")
        if inside and page in inside:
            own = f"--{fragment}" if headings.is_own_id(fragment) else ""  # a heading, a footnote
            return f'{match.group(1)}="#{inside[page]}{own}"'
        return f'{match.group(1)}="{urls.relative(to_path, path)}"'

    return URL_ATTR.sub(fix, body_html)


def _book(model: SiteModel, key: str, kind: str, title: str, slugs: tuple[str, ...]) -> Book:
    details = [model.details[s] for s in slugs]
    page = urls.book(key)
    inside = {d.card.url: anchor(d.card.slug) for d in details}
    return Book(
        key=key,
        kind=kind,
        title=title,
        period_text=_period(details),
        count_text=_count(len(details)),
        overview=_overview(model, details),
        entries=tuple(BookEntry(anchor(d.card.slug), d, page, inside) for d in details),
    )


def plan_books(config: Config, model: SiteModel) -> list[Book]:
    """Every book: months newest first, then each pillar that has briefs (its newest ``books.latest``)."""
    books = [_book(model, m.key, "month", m.title, m.briefs) for m in model.months]
    books += [
        _book(model, g.slug, "pillar", g.title, g.briefs[: config.books.latest])
        for g in model.pillars
        if g.briefs
    ]
    return books
