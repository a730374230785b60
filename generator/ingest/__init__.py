"""Ingest: raw article dumps (``*.txt``) and saved pages (``*.html``) become Markdown briefs.

read (text_reader / html_reader) -> clean (lines, clean, dedupe, dates, publisher, tags)
-> enrich (summary, quotes, people, pillars) -> merge (same story, several outlets) -> slugs -> writer
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from generator.config import Config
from generator.ingest import merge, slugs, writer
from generator.ingest.article import ArticleContext, ingest_file, read_clean, relative_file
from generator.ingest.errors import ArticleError
from generator.ingest.model import IngestedArticle
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.ingest.stories import build_brief
from generator.model import Failure, IngestReport
from generator.progress import Reporter

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")

__all__ = ["explain_pillars", "ingest_articles"]


def _context(config: Config, now: datetime | None = None) -> ArticleContext:
    return ArticleContext(
        root=config.root,
        site_tz=config.site.tz,
        now=now or datetime.now(UTC),
        matcher=PeopleMatcher(config.people),
        classifier=PillarClassifier(config.pillars),
    )


def article_paths(config: Config) -> list[Path]:
    folder = config.paths.articles
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def _display(path: Path, root: Path) -> Path:
    return Path(relative_file(path, root))


def ingest_articles(
    config: Config,
    reporter: Reporter,
    paths: Sequence[Path] | None = None,
    force: bool = False,
    now: datetime | None = None,
) -> IngestReport:
    """Turn articles into briefs in ``config.paths.briefs``; every bad article is one Failure."""
    report = IngestReport()
    context = _context(config, now)
    files = article_paths(config) if paths is None else sorted({Path(p) for p in paths})
    articles: list[IngestedArticle] = []
    for path in reporter.progress(files, len(files), "Ingesting"):
        report.articles += 1
        shown = _display(path, config.root)
        try:
            data = path.read_bytes()
            article = ingest_file(path, data, context)
        except ArticleError as exc:
            failure = Failure(shown, exc.message, exc.line)
            report.failures.append(failure)
            reporter.failure(failure)
            continue
        except OSError as exc:
            failure = Failure(shown, f"cannot be read: {exc.strerror or exc}")
            report.failures.append(failure)
            reporter.failure(failure)
            continue
        for warning in article.warnings:
            reporter.warn(f"{shown}: {warning}")
        reporter.info(f"{shown}: {article.clean.title}")
        articles.append(article)

    stories = merge.group_stories(articles)
    requests = [
        slugs.SlugRequest(
            base=slugs.base_slug(story[0].clean.title, story[0].clean.published.date()),
            identity=story[0].file,
            files=tuple(a.file for a in story),
        )
        for story in stories
    ]
    names = slugs.assign_slugs(requests, writer.existing_slugs(config.paths.briefs))
    briefs = [build_brief(story, slug) for story, slug in zip(stories, names, strict=True)]
    report.briefs = len(briefs)
    result = writer.write_briefs(briefs, config.paths.briefs, force)
    report.written = result.written
    report.kept_edited = result.kept_edited
    for path in result.kept_edited:
        reporter.warn(
            f"{_display(path, config.root)} was edited by hand; kept as it is (ingest --force regenerates it)"
        )
    for path in result.backups:
        reporter.info(f"kept the hand-edited brief as {_display(path, config.root)}")
    return report


def explain_pillars(config: Config, path: Path) -> str:
    """Which phrases put the article in each pillar, with scores (``briefing ingest --explain FILE``)."""
    context = _context(config)
    try:
        clean, _ = read_clean(path, path.read_bytes(), context)
    except ArticleError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        return f"{where}: {exc.message}\n"
    text = "\n\n".join(p for p in (clean.standfirst, *clean.paragraphs) if p)
    return context.classifier.explain(clean.title, text)
