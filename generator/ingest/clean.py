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

from generator.ingest import body, bylines, dates, dedupe, publisher, tags, trim, zones
from generator.ingest import lines as L
from generator.ingest.errors import ArticleError
from generator.ingest.lines import Kind
from generator.ingest.model import CleanArticle, RawArticle

MAX_HEADLINE_WORDS = 30
MAX_STANDFIRST_WORDS = 70
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
REPEATED_BELOW_BONUS = 0.5
FOLLOWS_TITLE_PENALTY = 1.5  # a title-shaped line right under another one is usually the standfirst
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")


def _content_words(text: str) -> set[str]:
    return {lower for w in L.words(text) if len(w) > 2 and (lower := w.lower()) not in _STOP}


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
    # a headline repeated above the story (breadcrumbs, a caption) counts more than one repeated in
    # the footer, where tag and related-link lines repeat any short label
    above = Counter(dedupe.key(t) for t in texts[:first_prose])
    anywhere = Counter(dedupe.key(t) for t in texts)
    best, best_score = -1, float("-inf")
    rank = 0
    previous, previous_overlap = -2, 0.0  # the last title-shaped line sharing words with the lead
    for i in range(first_prose):
        text = texts[i]
        n = L.word_count(text)
        if kinds[i] not in _TEXT_KINDS or not 3 <= n <= MAX_HEADLINE_WORDS or text.endswith(":"):
            continue
        own = _content_words(text)
        overlap = len(own & lead) / len(own) if own else 0.0
        key = dedupe.key(text)
        repeat = 2 if above[key] > 1 else (REPEATED_BELOW_BONUS if anywhere[key] > 1 else 0)
        score = 2 * overlap + repeat - 0.1 * rank
        # the standfirst follows the headline and shares at least as many words with the lead
        if previous == i - 1 and previous_overlap >= 0.5 * overlap:
            score -= FOLLOWS_TITLE_PENALTY
        if overlap > 0 and n >= 5:  # a short line above ("U.S. Department of State") is a site name
            previous, previous_overlap = i, overlap
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


def _published(
    raw: RawArticle, texts: list[str], kinds: list[Kind], body_start: int, site_tz: tzinfo, page_tz: tzinfo
) -> datetime:
    """The page's own time when it gives one (Published > header > other > Updated), else the header date.

    A time printed without a zone is read in ``page_tz``, the publisher's home zone when known.
    """
    ranked: dict[str, datetime] = {}
    # unlabelled dates in or under the story are live-blog stamps or other stories' dates
    after_story: datetime | None = None
    try:
        found = dates.find_date(raw.header_text)
    except dates.BadDate:
        found = None
    if found and found.clock:
        ranked["header"] = dates.resolve(found, raw.header_date, page_tz)
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
        if found is None or found.clock is None:
            continue
        if which == "plain" and i >= body_start:
            if after_story is None and (found.day is None or found.day == raw.header_date):
                after_story = dates.resolve(found, raw.header_date, page_tz)
            continue
        ranked.setdefault(which, dates.resolve(found, raw.header_date, page_tz))
    if after_story is not None:
        ranked.setdefault("late", after_story)  # a page that stamps its time only under the story
    for which in ("published", "header", "plain", "updated", "late"):
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


def _mark_summaries(texts: list[str], kinds: list[Kind]) -> list[Kind]:
    """The page's own summary under a "Summary" / "Story highlights" label is standfirst, not story.

    The summary is the first text block under the label and any short lines after it (bullets);
    the first sentence-shaped paragraph after those is the story.
    """
    for i, kind in enumerate(kinds):
        if kind is not Kind.LABEL:
            continue
        j = i + 1
        while j < len(kinds) and kinds[j] not in _TEXT_KINDS:
            j += 1
        if j < len(kinds):
            kinds[j] = Kind.CAPTION
            j += 1
        while j < len(kinds) and kinds[j] is Kind.OTHER:
            kinds[j] = Kind.CAPTION
            j += 1
    return kinds


def _repeated_below(texts: list[str], standfirst: int, body_start: int) -> bool:
    """A standfirst that the story repeats as its first paragraph is the lead, shown twice."""
    key = dedupe.key(texts[standfirst])
    return any(dedupe.key(texts[i]) == key for i in range(body_start, min(len(texts), body_start + 8)))


def _past_header_meta(texts: list[str], kinds: list[Kind], start: int) -> int:
    """Skip lines the byline and date block still follow ("Reporting from Washington." under a byline)."""
    first_paragraph = next(
        (i for i in range(start, min(len(kinds), start + 12)) if kinds[i] is Kind.PROSE), None
    )
    if first_paragraph is None:
        return start
    last_meta = None
    for i in range(start, first_paragraph):
        if L.word_count(texts[i]) >= L.PROSE_WORDS:
            break  # a paragraph above a date: that date is a live-blog stamp inside the story
        if kinds[i] in (Kind.BYLINE, Kind.DATE) and _has_day(texts[i]):
            last_meta = i
    return start if last_meta is None else last_meta + 1


def clean_article(
    raw: RawArticle, site_tz: tzinfo, now: datetime, canonical_people: dict[str, str]
) -> CleanArticle:
    """The story in one raw dump. Raises ArticleError when the dump holds no usable story."""
    texts = [b.text for b in raw.blocks]
    kinds = _mark_summaries(texts, [L.classify(t) for t in texts])
    first_prose = _first_prose(kinds, texts)
    headline = _headline(texts, kinds, first_prose)
    standfirst, body_start = _standfirst(texts, kinds, headline)
    if body_start > headline + 1 and L.is_dateline_only(texts[body_start - 1]):
        body_start -= 1  # "NEW DELHI:" on a line of its own belongs to the lead
    skip = {dedupe.key(texts[headline])}
    if standfirst is not None and not _repeated_below(texts, standfirst, body_start):
        skip.add(dedupe.key(texts[standfirst]))
    body_start = _past_header_meta(texts, kinds, body_start)
    story = body.collect(texts, kinds, body_start, skip)
    byline = bylines.find(texts, kinds, headline, body_start, story.end)
    # An author's bio under the story is not the story.
    paragraphs = story.paragraphs[: len(story.paragraphs) - trim.trailing_bios(story.paragraphs, byline)]
    if not paragraphs:
        raise ArticleError(
            "body only chrome: no story paragraphs after the headline", raw.blocks[headline].line
        )
    source = publisher.source_name(raw.header_text, texts, kinds, headline)
    published = _published(raw, texts, kinds, body_start, site_tz, zones.home_zone(source) or site_tz)
    try:
        dates.check_not_future(published, now)
    except dates.BadDate as exc:
        raise ArticleError(f"bad date: {exc}") from None
    title = _clean_title(texts[headline], source)
    footer = texts[story.end :] if story.end < len(texts) else texts
    context = "\n".join([title, *paragraphs])
    return CleanArticle(
        title=title,
        published=published,
        paragraphs=tuple(paragraphs),
        standfirst=texts[standfirst] if standfirst is not None else None,
        byline=byline,
        source_name=source,
        url=publisher.header_url(raw.header_text),
        tags=tags.extract_tags(footer, context, canonical_people),
        headings=story.headings,
        items=story.items,
    )
