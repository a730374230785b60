"""Plain data passed between the stages: read -> model -> write.

Nothing here does I/O; every stage takes and returns these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str


@dataclass(frozen=True)
class Source:
    """One article a brief was made from. Unknown values stay ``None``."""

    name: str | None = None
    file: str | None = None  # relative to the project root, POSIX separators
    url: str | None = None
    byline: str | None = None
    published: datetime | None = None
    sha256: str | None = None


@dataclass
class Brief:
    """One story, as stored in ``content/briefs/<slug>.md``."""

    slug: str
    title: str
    date: datetime  # always timezone-aware
    body: str  # Markdown
    updated: datetime | None = None  # revised by hand after ``date``: shown, and in feeds and sitemap
    lang: str | None = None  # its language's tag ("hi"), when known: ingest reads it from the script
    summary: str = ""
    standfirst: str | None = None
    pillars: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    draft: bool = False
    path: Path | None = None  # the file it was read from, if any


@dataclass(frozen=True)
class Failure:
    """One input that could not be used, reported to the user and skipped."""

    file: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.message}"


@dataclass
class IngestReport:
    """What one ingest run did; the CLI turns it into the summary line and exit status."""

    articles: int = 0  # raw article files read
    briefs: int = 0  # briefs those articles became (several sources may merge into one)
    written: int = 0  # brief files created or changed
    kept_edited: list[Path] = field(default_factory=list)  # hand-edited briefs left alone
    removed: int = 0  # briefs deleted: their articles are gone, or now in another brief
    failures: list[Failure] = field(default_factory=list)
    # What was said of articles that stand as they are (not UTF-8, a copy of another): said again
    # by a build that reads nothing, so a warning does not seem to go away by itself.
    warnings: list[str] = field(default_factory=list)
    held: list[Path] = field(default_factory=list)  # briefs kept as they were: their articles unusable


@dataclass
class RenderReport:
    briefs: int = 0  # briefs published
    pages: int = 0  # HTML pages in the site
    feeds: int = 0  # feed files in the site
    written: int = 0  # files whose bytes changed
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # links that lead nowhere: said by no-op builds too
