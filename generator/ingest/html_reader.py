"""Saved HTML pages: trafilatura finds the main text and metadata; our line rules finish the job.

trafilatura is imported only when an HTML file is ingested: its import takes about a second.
"""

from __future__ import annotations

import re
from datetime import datetime, time, tzinfo
from typing import Any

from generator.ingest import body, bylines, dates, dedupe, publisher
from generator.ingest import lines as L
from generator.ingest.errors import ArticleError
from generator.ingest.model import CleanArticle

_PUBLISHED_META = re.compile(
    r"""(?:article:published_time|datePublished|publish[_-]?date|pubdate|dc\.date)["']?\s*"""
    r"""(?:content\s*=\s*|:\s*)["'](?P<value>[^"']{8,40})["']""",
    re.IGNORECASE,
)


def _published(html: str, meta_date: str | None, site_tz: tzinfo) -> datetime:
    match = _PUBLISHED_META.search(html)
    candidates = [match["value"]] if match else []
    if meta_date:
        candidates.append(meta_date)
    for value in candidates:
        try:
            found = dates.find_date(value)
        except dates.BadDate as exc:
            raise ArticleError(f"bad date: {exc}") from None
        if found and found.day:
            return dates.resolve(found, found.day, site_tz)
    raise ArticleError(
        "no date: the page gives no publication date; add one to its <head>, as "
        '<meta property="article:published_time" content="2025-07-01T22:10:00+05:30">'
    )


def _numbered(texts: list[str], tree: Any) -> list[str]:
    """trafilatura's text marks every list item "- ", a numbered list's too, so the page's "1. 2. 3."
    became bullets: each item of a numbered list (``<list rend="ol">`` in its tree of the story) gets
    its number back. A list whose items are not found as lines of the text, in order, stays bullets."""
    lines = list(texts)
    at = 0
    for numbered in tree.iter("list"):
        if numbered.get("rend") != "ol":
            continue
        items = [f"- {' '.join(''.join(item.itertext()).split())}" for item in numbered.findall("item")]
        for start in range(at, len(lines) - len(items) + 1):
            if items and lines[start : start + len(items)] == items:
                for n, item in enumerate(items, start=1):
                    lines[start + n - 1] = f"{n}. {item[2:]}"
                at = start + len(items)
                break
    return lines


def _headings(tree: Any) -> set[str]:
    """The texts of the story's subheadings (``<head>`` in trafilatura's tree), as lines of its text."""
    return {" ".join("".join(head.itertext()).split()) for head in tree.iter("head")}


def read_html(html: str, site_tz: tzinfo, now: datetime, saved_from: str | None = None) -> CleanArticle:
    """``saved_from``: the page's address, if the file says it (MHTML): one the page gives wins."""
    import trafilatura  # slow to import; only needed for HTML

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # The date from the page's markup, its text or its address; not htmldate's "extensive" guess,
        # which dated a page without one January 1st of its footer's copyright year.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": f"{now:%Y-%m-%d}",
        },
    )
    if document is None:
        raise ArticleError("no story text found in the HTML page")
    data = document if isinstance(document, dict) else document.as_dict()
    tree = data.get("body") if isinstance(document, dict) else getattr(document, "body", None)
    title = (data.get("title") or "").strip()
    if not title:
        raise ArticleError("no headline: the HTML page has no title")
    texts = [" ".join(t.split()) for t in (data.get("text") or "").split("\n") if t.strip()]
    heads: set[str] = set()
    if tree is not None:
        texts = _numbered(texts, tree)
        heads = _headings(tree)
    # The text dumps' rules, on what trafilatura kept: its subheadings, a list's lead-in ("The steps
    # agreed are:") and short items stay, as they sit inside the story; a comments or "support us"
    # block it left at the end does not.
    story = body.collect(texts, [L.classify(t) for t in texts], 0, {dedupe.key(title)})
    paragraphs = story.paragraphs
    if not paragraphs:
        raise ArticleError("body only chrome: no story paragraphs in the HTML page")
    published = _published(html, data.get("date"), site_tz)
    if published.time() == time(0) and published.tzinfo is None:
        published = published.replace(tzinfo=site_tz)
    try:
        dates.check_not_future(published, now)
    except dates.BadDate as exc:
        raise ArticleError(f"bad date: {exc}") from None
    url = data.get("url") or saved_from
    author = data.get("author")
    tags = (
        tuple(t.strip() for t in re.split(r"[,;]", data.get("tags") or "") if t.strip())
        if isinstance(data.get("tags"), str)
        else tuple(data.get("tags") or ())
    )
    return CleanArticle(
        title=title,
        published=published,
        paragraphs=tuple(paragraphs),
        standfirst=None,
        # trafilatura joins a page's authors with "; " ("Haley Britzky; CNN"): the text dumps' ", ".
        byline=bylines.tidy(author.replace("; ", ", ")) if author else None,
        source_name=data.get("sitename") or (publisher.domain_name(url) if url else None),
        url=url or None,
        tags=tags,
        # What the page marks a heading is one, where the text dumps' rule would take it for a list item.
        headings=tuple(dict.fromkeys([*story.headings, *(p for p in paragraphs if p in heads)])),
        items=tuple(p for p in story.items if p not in heads),
    )
