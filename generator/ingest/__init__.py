"""Ingest: raw article dumps (``*.txt``) and saved pages (``*.html``) become Markdown briefs.

read (text_reader / html_reader) -> clean (lines, clean, dedupe, dates, publisher, tags)
-> enrich (summary, quotes, people, pillars) -> merge (same story, several outlets) -> slugs -> writer

Speed (issue 6): with ``use_cache`` (the CLI's ``build``), ``incremental`` skips a run whose inputs
and briefs did not change, and reuses the result of every article whose bytes did not change; the
articles left are read in a forked process pool (``generator.parallel``), reported in file order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from generator import cache, inputs
from generator.brief_file import is_hand_edited
from generator.config import Config
from generator.fileio import relative_to_root
from generator.ingest import incremental, merge, slugs, writer
from generator.ingest.article import ArticleContext, ingest_file, read_clean
from generator.ingest.errors import ArticleError
from generator.ingest.model import IngestedArticle
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.ingest.stories import build_brief
from generator.model import Failure, IngestReport
from generator.parallel import map_items
from generator.progress import Reporter

ARTICLE_SUFFIXES = inputs.ARTICLE_SUFFIXES

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
    return inputs.article_paths(config)


def _display(path: Path, root: Path) -> Path:
    return Path(relative_to_root(path, root))


def ingest_articles(
    config: Config,
    reporter: Reporter,
    paths: Sequence[Path] | None = None,
    force: bool = False,
    now: datetime | None = None,
    use_cache: bool = False,
) -> IngestReport:
    """Turn articles into briefs in ``config.paths.briefs``; every bad article is one Failure.

    ``use_cache``: skip the run when no article, brief or setting changed since the last one; when
    only briefs changed (touched, edited by hand) check just those; reuse the results of unchanged
    articles, and rewrite only briefs whose story changed (``.briefing/cache``).
    """
    context = _context(config, now)
    files = article_paths(config) if paths is None else sorted({Path(p) for p in paths})
    stats = cache.stat_files(files)
    whole = use_cache and paths is None and not force
    plan = incremental.load_plan(config) if whole else None
    if whole:
        previous = inputs.ingest_unchanged(config)
        if previous is not None:
            return inputs.replay_ingest(previous, reporter, config.root)
        if plan is not None and plan.articles == stats:
            report = _briefs_only_changed(config, plan, reporter)
            if report is not None:
                cache.save(config.root, "ingest-stamp", (inputs.ingest_stamp(config, stats), report))
                return report
    report = IngestReport()
    entries = incremental.load_entries(config) if use_cache else {}
    fresh = _read_articles(files, stats, entries, context)
    articles: list[IngestedArticle] = []
    messages: list[tuple[str, str]] = []
    for path, entry in zip(files, fresh, strict=True):
        report.articles += 1
        article = entry.outcome
        if not isinstance(article, IngestedArticle):
            message, line = article if isinstance(article, tuple) else (article, None)
            failure = Failure(_display(path, config.root), message, line)
            report.failures.append(failure)
            reporter.failure(failure)
            continue
        shown = article.file  # relative to the root, as _display gives
        said = [("warn", f"{shown}: {warning}") for warning in article.warnings]
        said.append(("info", f"{shown}: {article.clean.title}"))
        _say(reporter, said)
        messages.extend(said)
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
    report.briefs = len(stories)
    version = inputs.ingest_version(config)
    keys = [
        incremental.story_key(slug, [(a.file, a.sha256) for a in story], version)
        for story, slug in zip(stories, names, strict=True)
    ]
    targets = [writer.brief_path(config.paths.briefs, slug) for slug in names]
    # A brief this cache wrote from the same story, untouched since, is already what we would write.
    done = plan.briefs if plan is not None and not force else {}
    current = cache.stat_files(targets) if done else {}
    todo = [
        i
        for i, (key, target) in enumerate(zip(keys, targets, strict=True))
        if not _up_to_date(done.get(str(target)), key, current.get(str(target)))
    ]
    briefs = [build_brief(stories[i], names[i]) for i in todo]
    result = writer.write_briefs(briefs, config.paths.briefs, force)
    report.written = result.written
    report.kept_edited = result.kept_edited
    for path in result.kept_edited:
        reporter.warn(inputs.kept_edited_message(path, config.root))
    for path in result.backups:
        reporter.info(f"kept the hand-edited brief as {_display(path, config.root)}")
    if use_cache:
        known = {str(p): e for p, e in zip(files, fresh, strict=True) if e.sha}
        incremental.save_entries(config, {**entries, **known} if paths is not None else known)
    if whole:
        kept = {str(p) for p in result.kept_edited}
        records = _records(targets, keys, {str(targets[i]) for i in todo}, kept, done)
        summary = replace(report, written=0, kept_edited=[])
        incremental.save_plan(config, incremental.Plan(version, stats, records, messages, summary))
        # Stamped after writing: the briefs' stats are those this run left.
        cache.save(config.root, "ingest-stamp", (inputs.ingest_stamp(config, stats), report))
    return report


def _up_to_date(record: incremental.BriefRecord | None, key: str, stat: cache.Stat | None) -> bool:
    return record is not None and record.key == key and record.stat == stat


def _say(reporter: Reporter, messages: list[tuple[str, str]]) -> None:
    for kind, text in messages:
        if kind == "warn":
            reporter.warn(text)
        else:
            reporter.info(text)


def _records(
    targets: list[Path],
    keys: list[str],
    rewritten: set[str],
    kept: set[str],
    done: dict[str, incremental.BriefRecord],
) -> dict[str, incremental.BriefRecord]:
    """What the briefs folder holds after this run, brief by brief, for the next run to trust."""
    now = cache.stat_files(targets)
    records: dict[str, incremental.BriefRecord] = {}
    for target, key in zip(targets, keys, strict=True):
        name = str(target)
        if name not in now:
            continue
        if name in rewritten or name not in done:
            text = target.read_bytes()
            claims = writer.slug_claims(target, text.decode("utf-8", errors="replace"))
            records[name] = incremental.BriefRecord(now[name], cache.sha256(text), claims, "")
        else:
            records[name] = done[name]
        records[name].key = "" if name in kept else key
    return records


def _briefs_only_changed(config: Config, plan: incremental.Plan, reporter: Reporter) -> IngestReport | None:
    """No article changed since the plan: check only the briefs whose stat changed.

    A brief only touched, or edited by hand without changing its slug or sources, needs nothing
    (ingest would keep a hand-edited brief as it is). Anything else (a brief deleted, added, or
    rewritten with other sources) returns None: the full run decides.
    """
    now = inputs.brief_stats(config)
    kept: list[str] = []
    records = dict(plan.briefs)
    for name in set(now) | set(plan.briefs):
        record = plan.briefs.get(name)
        if record is None or name not in now:
            return None
        if now[name] == record.stat:
            if not record.key:
                kept.append(name)
            continue
        path = Path(name)
        text = path.read_bytes()
        if cache.sha256(text) == record.sha:  # touched, not changed
            records[name] = incremental.BriefRecord(now[name], record.sha, record.claims, record.key)
            if not record.key:
                kept.append(name)
            continue
        decoded = text.decode("utf-8", errors="replace")
        if not is_hand_edited(decoded) or writer.slug_claims(path, decoded) != record.claims:
            return None
        records[name] = incremental.BriefRecord(now[name], cache.sha256(text), record.claims, "")
        kept.append(name)
    order = {name: i for i, name in enumerate(plan.briefs)}
    kept_edited = [Path(name) for name in sorted(kept, key=order.__getitem__)]
    for failure in plan.report.failures:
        reporter.failure(failure)
    _say(reporter, plan.messages)
    for path in kept_edited:
        reporter.warn(inputs.kept_edited_message(path, config.root))
    incremental.save_plan(config, replace(plan, briefs=records))
    return replace(plan.report, written=0, kept_edited=kept_edited, failures=list(plan.report.failures))


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
    done = iter(map_items(lambda p: _outcome(p, stats.get(str(p)), context, entries.get(str(p))), stale))
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
