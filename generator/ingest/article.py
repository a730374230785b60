"""One article file in, one ingested article out: pure, so a process pool can run it later."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.characters import UNFIT, problem
from generator.fileio import relative_to_root
from generator.ingest import shingles
from generator.ingest.clean import clean_article
from generator.ingest.decode import declared_charset, decode, to_utf8
from generator.ingest.enrich import enrich
from generator.ingest.errors import ArticleError
from generator.ingest.model import CleanArticle, Digest, IngestedArticle
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.ingest.saved_page import MHTML_SUFFIXES, html_part
from generator.ingest.slugs import base_slug
from generator.ingest.text_reader import parse_dump

PAGE_SUFFIXES = (".html", ".htm", *MHTML_SUFFIXES)  # web pages, read by trafilatura
BRIEF_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class ArticleContext:
    """What every article needs from the config, built once per run."""

    root: Path
    site_tz: ZoneInfo
    now: datetime
    matcher: PeopleMatcher
    classifier: PillarClassifier
    _folders: dict[Path, str] = field(default_factory=dict, compare=False, repr=False)

    def file_name(self, path: Path) -> str:
        """``relative_to_root(path, root)``, resolving each folder once a run, not once a file (~0.2 ms)."""
        folder = self._folders.get(path.parent)
        if folder is None:
            # the folder's form with a trailing slash: "articles/", "" at the root, "/elsewhere/"
            folder = self._folders[path.parent] = relative_to_root(path.parent / "_", self.root)[:-1]
        return folder + path.name


def read_clean(path: Path, data: bytes, context: ArticleContext) -> tuple[CleanArticle, list[str]]:
    """The clean story of a text dump or a saved web page, and warnings (e.g. not UTF-8)."""
    suffix = path.suffix.lower()
    if suffix in BRIEF_SUFFIXES:  # named on the command line: it was "no header line" as a text dump
        raise ArticleError(
            "a brief (Markdown), not an article: ingest reads articles (*.txt, *.html, *.mhtml); "
            "render publishes briefs"
        )
    charset = saved_from = None
    if suffix in MHTML_SUFFIXES:
        data, charset, saved_from = html_part(data)
    if suffix in PAGE_SUFFIXES:
        data = to_utf8(data, charset or declared_charset(data))
    text, warnings = decode(data)
    if suffix in PAGE_SUFFIXES:
        from generator.ingest.html_reader import read_html

        return read_html(text, context.site_tz, context.now, saved_from), warnings
    raw = parse_dump(path, text)
    return clean_article(raw, context.site_tz, context.now, context.matcher.canonical), warnings


def digest_of(article: IngestedArticle) -> Digest:
    clean = article.clean
    return Digest(
        file=article.file,
        sha256=article.sha256,
        title=clean.title,
        published=clean.published,
        base_slug=base_slug(clean.title, clean.published.date()),
        shingles=shingles.fingerprint(clean.body),  # merging needs them; the stored article does not
        warnings=article.warnings,
    )


def ingest_file(
    path: Path, data: bytes, context: ArticleContext, sha256: str | None = None
) -> IngestedArticle:
    """Raises ArticleError when the file cannot become a brief. ``sha256``: the data's, when the
    caller has hashed it already."""
    file = context.file_name(path)
    unfit = UNFIT.search(file)
    if unfit:  # the brief would name it, and no brief can hold one
        raise ArticleError(f"its name holds {problem(unfit[0], 'rename the file')}")
    clean, warnings = read_clean(path, data, context)
    return IngestedArticle(
        file=file,
        sha256=sha256 or hashlib.sha256(data).hexdigest(),
        clean=clean,
        enrichment=enrich(clean, context.matcher, context.classifier),
        warnings=tuple(warnings),
    )
