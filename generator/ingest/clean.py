"""A raw dump to the story: headline, standfirst, byline, date, tags and the body paragraphs.

The story is located by position and shape rather than by a list of one site's lines: the body is
the run of sentence-shaped paragraphs after the headline, ended by the first heading that only
page furniture follows ("TAGGED:", "Related stories", "Copyright ..."); the headline is the
title-shaped line before it that best matches the lead.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, tzinfo

from generator.ingest import dates, dedupe, publisher, tags
from generator.ingest import lines as L
from generator.ingest.errors import ArticleError
from generator.ingest.lines import Kind
from generator.ingest.model import CleanArticle, RawArticle

MAX_HEADLINE_WORDS = 30
MAX_STANDFIRST_WORDS = 70
WEAK_END_SHARE = 0.5  # "Related" ends the story only once this share of its prose is behind us
PUBLISHED_WINDOW_DAYS = 2  # how far a page date may stray from the header date and still be trusted
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "after",
        "over",
        "into",
        "about",
        "than",
        "but",
        "not",
        "has",
        "have",
        "had",
        "will",
        "would",
        "says",
        "said",
    ]
)
_TEXT_KINDS = (Kind.PROSE, Kind.SENTENCE, Kind.OTHER)
_META_KINDS = (Kind.BYLINE, Kind.DATE, Kind.CAPTION, Kind.CHROME)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in L.words(text) if w.lower() not in _STOP and len(w) > 2}


def _first_prose(kinds: list[Kind], texts: list[str]) -> int:
    for i, kind in enumerate(kinds):
        if kind is Kind.PROSE:
            return i
    for i, kind in enumerate(kinds):
        if kind is Kind.SENTENCE and L.word_count(texts[i]) >= 6:
            return i
    raise ArticleError("no story text: the page holds only navigation and other page furniture")


def _headline(texts: list[str], kinds: list[Kind], first_prose: int) -> int:
    """Index of the headline: a title-shaped line before the story that matches its lead."""
    lead: set[str] = set()
    for i in range(first_prose, min(len(texts), first_prose + 6)):
        if kinds[i] is Kind.PROSE:
            lead |= _content_words(texts[i])
    counts = Counter(dedupe.key(t) for t in texts)
    best, best_score = -1, float("-inf")
    rank = 0
    for i in range(first_prose):
        text = texts[i]
        n = L.word_count(text)
        if kinds[i] not in _TEXT_KINDS or not 3 <= n <= MAX_HEADLINE_WORDS or text.endswith(":"):
            continue
        own = _content_words(text)
        overlap = len(own & lead) / len(own) if own else 0.0
        score = 2 * overlap + (2 if counts[dedupe.key(text)] > 1 else 0) - 0.1 * rank
        score += 0 if text.endswith(".") else 1
        score += 0.5 if 5 <= n <= 25 else 0
        if L.starts_with_dateline(text) and n > 12:
            score -= 2
        if score > best_score:
            best, best_score = i, score
        rank += 1
    if best < 0:
        raise ArticleError("no headline: no title-like line before the story")
    return best


def _standfirst(texts: list[str], kinds: list[Kind], headline: int) -> tuple[int | None, int]:
    """(index of the standfirst or None, index where the body starts)."""
    title_key = dedupe.key(texts[headline])
    first = None
    for i in range(headline + 1, len(texts)):
        n = L.word_count(texts[i])
        if kinds[i] in (Kind.END, Kind.TAGS):
            break
        if dedupe.key(texts[i]) == title_key:
            continue
        if (
            kinds[i] is Kind.PROSE
            or (kinds[i] is Kind.SENTENCE and n >= 6)
            or (kinds[i] is Kind.OTHER and n >= 8)
        ):
            first = i
            break
    if first is None:
        raise ArticleError("no story text after the headline")
    text = texts[first]
    if L.starts_with_dateline(text) or L.word_count(text) > MAX_STANDFIRST_WORDS:
        return None, first
    # A standfirst is set apart from the body by the byline, date or picture between them.
    for j in range(first + 1, len(texts)):
        if kinds[j] is Kind.PROSE:
            return None, first
        dated = kinds[j] is Kind.DATE and _has_day(texts[j])  # "10:45 AM IST" is a live-blog stamp
        if kinds[j] is Kind.BYLINE or dated or dedupe.key(texts[j]) == title_key:
            return first, first + 1
        if kinds[j] in (Kind.END, Kind.TAGS):
            break
    return None, first


def _has_day(text: str) -> bool:
    try:
        found = dates.find_date(text)
    except dates.BadDate:
        return True
    return found is not None and found.day is not None


def _is_body_text(text: str, kind: Kind) -> bool:
    if kind in (Kind.PROSE, Kind.SENTENCE):
        return True
    if kind is not Kind.OTHER:
        return False
    n = L.word_count(text)
    # long unpunctuated paragraphs and lead-ins to a list or quote ("He said:") are story text
    return n >= 20 or (text.endswith(":") and n >= 6)


def _body(texts: list[str], kinds: list[Kind], start: int, skip: set[str]) -> tuple[list[str], int]:
    """The body paragraphs (repeats removed) and the index where the story ended."""
    total = sum(L.word_count(texts[i]) for i in range(start, len(texts)) if kinds[i] is Kind.PROSE)
    paragraphs: list[str] = []
    kept = 0
    after_insert = False
    dateline = ""
    end = len(texts)
    for i in range(start, len(texts)):
        text, kind = texts[i], kinds[i]
        if paragraphs and (
            kind in (Kind.END, Kind.TAGS) or (kind is Kind.END_WEAK and kept >= WEAK_END_SHARE * total)
        ):
            end = i
            break
        if kind in (Kind.END_WEAK, Kind.INSERT, Kind.END, Kind.TAGS):
            after_insert = kind is not Kind.INSERT or L.word_count(text) <= 4
            continue
        if after_insert and kind not in (Kind.PROSE, Kind.SENTENCE):
            continue  # the linked headline under "Also read" / "Related"
        after_insert = False
        if kind is Kind.OTHER and L.is_dateline_only(text):
            dateline = text
            continue
        if not _is_body_text(text, kind) or dedupe.key(text) in skip:
            continue
        if dateline:
            text, dateline = f"{dateline} {text}", ""
        paragraphs.append(text)
        if kind is Kind.PROSE:
            kept += L.word_count(text)
    return dedupe.unique(paragraphs), end


def _published(
    raw: RawArticle, texts: list[str], kinds: list[Kind], body_start: int, site_tz: tzinfo
) -> datetime:
    """The page's own time when it gives one (Published > header > other > Updated), else the header date."""
    ranked: dict[str, datetime] = {}
    # dates under the story's first paragraph belong to other stories, unless labelled Published/Updated
    lead = next((i for i in range(body_start, len(kinds)) if kinds[i] is Kind.PROSE), body_start)
    try:
        found = dates.find_date(raw.header_text)
    except dates.BadDate:
        found = None
    if found and found.clock:
        ranked["header"] = dates.resolve(found, raw.header_date, site_tz)
    for i, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
        if kind not in (Kind.DATE, Kind.BYLINE, Kind.CHROME) and not (kind is Kind.END and L.dates_in(text)):
            continue
        which = L.date_kind(text)
        try:
            found = dates.find_date(text)
        except dates.BadDate as exc:
            if which != "plain":
                raise ArticleError(f"bad date: {exc}") from None
            continue
        if found is None or found.clock is None or (which == "plain" and i > lead):
            continue
        ranked.setdefault(which, dates.resolve(found, raw.header_date, site_tz))
    for which in ("published", "header", "plain", "updated"):
        value = ranked.get(which)
        if value is not None and (which == "published" or _near(value.date(), raw.header_date)):
            return value
    return datetime.combine(raw.header_date, datetime.min.time(), tzinfo=site_tz)


def _near(day: date, other: date) -> bool:
    return abs((day - other).days) <= PUBLISHED_WINDOW_DAYS


def _clean_title(title: str, source: str | None) -> str:
    match = _SITE_SUFFIX.search(title)
    if match and source and dedupe.key(match["site"]) == dedupe.key(source):
        title = title[: match.start()]
    return title.strip()


def clean_article(
    raw: RawArticle, site_tz: tzinfo, now: datetime, canonical_people: dict[str, str]
) -> CleanArticle:
    """The story in one raw dump. Raises ArticleError when the dump holds no usable story."""
    texts = [b.text for b in raw.blocks]
    kinds = [L.classify(t) for t in texts]
    first_prose = _first_prose(kinds, texts)
    headline = _headline(texts, kinds, first_prose)
    standfirst, body_start = _standfirst(texts, kinds, headline)
    if body_start > headline + 1 and L.is_dateline_only(texts[body_start - 1]):
        body_start -= 1  # "NEW DELHI:" on a line of its own belongs to the lead
    skip = {dedupe.key(texts[headline])}
    if standfirst is not None:
        skip.add(dedupe.key(texts[standfirst]))
    paragraphs, end = _body(texts, kinds, body_start, skip)
    if not paragraphs:
        raise ArticleError(
            "body only chrome: no story paragraphs after the headline", raw.blocks[headline].line
        )
    published = _published(raw, texts, kinds, body_start, site_tz)
    try:
        dates.check_not_future(published, now)
    except dates.BadDate as exc:
        raise ArticleError(f"bad date: {exc}") from None
    byline = next(
        (L.byline_of(t) for t, k in zip(texts[:end], kinds[:end], strict=True) if k is Kind.BYLINE), None
    )
    source = publisher.source_name(raw.header_text, texts)
    title = _clean_title(texts[headline], source)
    context = "\n".join([title, *paragraphs])
    return CleanArticle(
        title=title,
        published=published,
        paragraphs=tuple(paragraphs),
        standfirst=texts[standfirst] if standfirst is not None else None,
        byline=byline,
        source_name=source,
        url=publisher.header_url(raw.header_text),
        tags=tags.extract_tags(texts[end:] if end < len(texts) else texts, context, canonical_people),
    )
