"""Ingest: raw article dumps (``*.txt``) and saved pages (``*.html``) become Markdown briefs.

read (text_reader / html_reader) -> clean (lines, clean, dedupe, dates, publisher, tags)
-> enrich (summary, quotes, people, pillars) -> merge (same story, several outlets) -> slugs -> writer

Speed (issue 6): with ``use_cache`` (the CLI's ``build``), ``incremental`` skips a run whose inputs
and briefs did not change, and reuses the result of every article whose bytes did not change; the
articles left are read in a forked process pool (``generator.parallel``), reported in file order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from generator import cache
from generator.config import Config
from generator.ingest import incremental, merge, slugs, writer
from generator.ingest.article import ArticleContext, ingest_file, read_clean, relative_file
from generator.ingest.errors import ArticleError
from generator.ingest.model import IngestedArticle
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.ingest.stories import build_brief
from generator.model import Failure, IngestReport
from generator.parallel import map_items
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
    use_cache: bool = False,
) -> IngestReport:
    """Turn articles into briefs in ``config.paths.briefs``; every bad article is one Failure.

    ``use_cache``: skip the run when no article, brief or setting changed since the last one, and
    reuse the results of unchanged articles (``.briefing/cache``).
    """
    report = IngestReport()
    context = _context(config, now)
    files = article_paths(config) if paths is None else sorted({Path(p) for p in paths})
    stats = cache.stat_files(files)
    whole = use_cache and paths is None and not force
    if whole:
        state = incremental.load_state(config)
        stamp = incremental.stamp(config, stats)
        if state is not None and state.stamp == stamp:
            return _unchanged(state, reporter, config)
    entries = incremental.load_entries(config) if use_cache else {}
    fresh = _read_articles(files, stats, entries, context)
    articles: list[IngestedArticle] = []
    for path, entry in zip(files, fresh, strict=True):
        report.articles += 1
        shown = _display(path, config.root)
        article = entry.outcome
        if not isinstance(article, IngestedArticle):
            message, line = article if isinstance(article, tuple) else (article, None)
            failure = Failure(shown, message, line)
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
    if use_cache:
        known = {str(p): e for p, e in zip(files, fresh, strict=True) if e.sha}
        incremental.save_entries(config, {**entries, **known} if paths is not None else known)
    if whole:
        saved = incremental.IngestState(
            # Stamped after writing: the briefs' stats are those this run left.
            stamp=incremental.stamp(config, stats),
            articles=report.articles,
            briefs=report.briefs,
            failures=report.failures,
            kept_edited=report.kept_edited,
        )
        incremental.save_state(config, saved)
    return report


def _unchanged(state: incremental.IngestState, reporter: Reporter, config: Config) -> IngestReport:
    """Nothing ingest reads changed since its last run: the briefs are already what it would write."""
    for failure in state.failures:
        reporter.failure(failure)
    for path in state.kept_edited:
        reporter.warn(
            f"{_display(path, config.root)} was edited by hand; kept as it is (ingest --force regenerates it)"
        )
    reporter.info(f"{state.articles} articles; nothing changed since the last ingest")
    return IngestReport(
        articles=state.articles,
        briefs=state.briefs,
        written=0,
        kept_edited=list(state.kept_edited),
        failures=list(state.failures),
    )


def _outcome(
    path: Path, stat: cache.Stat | None, context: ArticleContext, old: incremental.ArticleEntry | None
) -> incremental.ArticleEntry:
    """Read and process one article; errors become values so they cross the process boundary."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return incremental.ArticleEntry((0, 0), "", f"cannot be read: {exc.strerror or exc}")
    sha = cache.sha256(data)
    if old is not None and old.sha == sha and stat:  # touched, not changed (a checkout, a copy)
        return incremental.ArticleEntry(stat, sha, old.outcome)
    try:
        outcome: incremental.Outcome = ingest_file(path, data, context)
    except ArticleError as exc:
        outcome = (exc.message, exc.line)
    return incremental.ArticleEntry(stat or (0, 0), sha if stat else "", outcome)


def _read_articles(
    files: list[Path],
    stats: dict[str, cache.Stat],
    entries: dict[str, incremental.ArticleEntry],
    context: ArticleContext,
) -> list[incremental.ArticleEntry]:
    """One entry per file, in file order: cached when the file's stat is unchanged, else read."""
    result: list[incremental.ArticleEntry | None] = []
    stale: list[Path] = []
    for path in files:
        entry = entries.get(str(path))
        if entry is not None and entry.stat == stats.get(str(path)):
            result.append(entry)
        else:
            result.append(None)
            stale.append(path)
    done = iter(
        map_items(
            lambda p: _outcome(p, stats.get(str(p)), context, entries.get(str(p))), stale, min_parallel=200
        )
    )
    return [entry if entry is not None else next(done) for entry in result]


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
