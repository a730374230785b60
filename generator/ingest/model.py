"""Ingest-internal data: each step takes one of these and returns the next (read -> clean -> enrich).

The shared brief model lives in ``generator.model``; these never leave the ingest package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from generator.model import Quote

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class Block:
    """One non-empty line of a dump, stripped, with its 1-based line number for error messages."""

    text: str
    line: int


@dataclass(frozen=True)
class RawArticle:
    """A text dump split into its header and blocks; nothing judged yet."""

    path: Path
    header_date: date
    header_text: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CleanArticle:
    """The story itself: chrome, captions and repeats gone, metadata pulled out of the page."""

    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    standfirst: str | None = None
    byline: str | None = None
    source_name: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()  # paragraphs that are the story's subheadings ("A shift away from Russia")
    items: tuple[str, ...] = ()  # paragraphs that are items of a list the page shows without bullets

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Enrichment:
    summary: str
    key_points: tuple[str, ...]
    quotes: tuple[Quote, ...]
    people: tuple[str, ...]
    pillars: tuple[str, ...]


@dataclass(frozen=True)
class IngestedArticle:
    """One article file fully processed, ready to be merged with its siblings into a story."""

    file: str  # relative to the project root, POSIX separators
    sha256: str
    clean: CleanArticle
    enrichment: Enrichment
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Digest:
    """What merging, slugs and messages need of an ingested article: small, so a run can hold
    (and the cache load) 10,000 of them cheaply; the full article is read only to write its brief."""

    file: str
    sha256: str
    title: str
    published: datetime
    base_slug: str
    shingles: bytes
    warnings: tuple[str, ...] = ()

    @property
    def instant(self) -> int:
        """``published`` in whole microseconds since the epoch: orders and subtracts exactly like the
        aware datetime, and ~20x faster (each aware datetime asks its zone for the offset)."""
        return (self.published - _EPOCH) // _MICROSECOND
