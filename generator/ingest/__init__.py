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
from typing import TYPE_CHECKING

from generator import cache, heap, inputs, parallel, redirects
from generator.brief_file import is_hand_edited
from generator.config import Config
from generator.errors import InputError
from generator.fileio import cannot_read, relative_to_root
from generator.ingest import incremental, merge, slugs, store, writer
from generator.ingest.errors import ArticleError
from generator.ingest.model import Digest, IngestedArticle
from generator.model import Failure, IngestReport
from generator.parallel import map_items
from generator.progress import Reporter

if TYPE_CHECKING:
    from generator.ingest.article import ArticleContext

# The reading pipeline (article: cleaning, enrichment; stories) is imported where it is used: a
# build in which no article changed never needs it (~0.1 s of imports and regular expressions).

ARTICLE_SUFFIXES = inputs.ARTICLE_SUFFIXES
LINK_OUT = (
    "is a symbolic link out of the briefs folder; ingest does not write through it "
    "(replace it with the file, or remove it)"
)
UNWRITTEN: cache.Stat = (-1, -1)  # what the stamps hold for a brief that could not be written
STORE_CHUNK = 32  # articles a worker reads, then writes to the store as one pack file

__all__ = ["explain_pillars", "ingest_articles"]


def _context(config: Config, now: datetime | None = None) -> ArticleContext:
    from generator.ingest.article import ArticleContext
    from generator.ingest.people import PeopleMatcher
    from generator.ingest.pillars import PillarClassifier

    return ArticleContext(
        root=config.root,
        site_tz=config.site.tz,
        now=now or datetime.now(UTC),
        matcher=PeopleMatcher(config.people),
        classifier=PillarClassifier(config.pillars, config.classify),
    )


def _display(path: Path, root: Path) -> Path:
    return Path(relative_to_root(path, root))


def ingest_articles(
    config: Config,
    reporter: Reporter,
    paths: Sequence[Path] | None = None,
    force: bool = False,
    now: datetime | None = None,
    use_cache: bool = False,
    checked: dict[str, cache.Stat] | None = None,
    briefs: dict[str, cache.Stat] | None = None,
) -> IngestReport:
    """Turn articles into briefs in ``config.paths.briefs``; every bad article is one Failure.

    ``use_cache``: skip the run when no article, brief or setting changed since the last one; when
    only briefs changed (touched, edited by hand) check just those; reuse the results of unchanged
    articles, and rewrite only briefs whose story changed (``.briefing/cache``).

    ``checked``: the articles' stats (``inputs.article_stats``) when the caller has already found
    that they, or the briefs, changed since the last run (``briefing build``); ``briefs``: the
    briefs' stats (``inputs.brief_stats``) when the caller has them.
    """
    with heap.stage():
        found = inputs.brief_stats(config) if briefs is None else briefs
        return _ingest(config, reporter, paths, force, now, use_cache, checked, found)


def _ingest(
    config: Config,
    reporter: Reporter,
    paths: Sequence[Path] | None,
    force: bool,
    now: datetime | None,
    use_cache: bool,
    checked: dict[str, cache.Stat] | None,
    briefs: dict[str, cache.Stat],
) -> IngestReport:
    if paths is None and not config.paths.articles.is_dir():
        # A mistyped or unmounted folder (the build warns): every brief would seem to have lost its
        # articles and be deleted, and every cached result dropped. Nothing is touched.
        return IngestReport()
    requested = inputs.requested_articles(paths, config.root, reporter) if paths is not None else None
    if requested is None:
        stats = checked if checked is not None else inputs.article_stats(config, reporter)
        if not stats and briefs:  # an unmounted share is an empty folder: the same, said
            shown = _display(config.paths.articles, config.root)
            reporter.warn(f"{shown}: no articles; the briefs are kept (delete them to empty the site)")
            return IngestReport()
    else:
        stats = cache.stat_files(requested)
    whole = use_cache and paths is None and not force
    version = inputs.ingest_version(config)
    # Made by other settings or code, the last run's plan still says which briefs it wrote (a story
    # whose slug they spell anew moves, rather than showing twice); made by these, it says the rest.
    last = incremental.load_plan(config) if whole else None
    plan = last if last is not None and last.version == version else None
    if whole and not config.paths.briefs.exists():
        _say_moved_folder(config, last, reporter)
    if whole:
        previous = inputs.ingest_unchanged(config, stats, briefs) if checked is None else None
        if previous is not None:
            return inputs.replay_ingest(previous, reporter, config.root)
        if plan is not None and plan.articles == stats:
            report = _briefs_only_changed(config, plan, stats, briefs, reporter)
            if report is not None:
                return report
    # Names, not Paths: a Path costs ~6 µs to make, 0.06 s for 10,000 articles that are not read.
    files = [str(p) for p in requested] if requested is not None else list(stats)
    context = _context(config, now)
    report = IngestReport()

    def fail(path: Path, message: str, line: int | None = None) -> Failure:
        failure = Failure(_display(path, config.root), message, line)
        report.failures.append(failure)
        reporter.failure(failure)  # as it is met: a long run shows problems as they happen
        return failure

    with heap.paused():
        cached = incremental.article_entries(config, use_cache)
    entries = cached.entries
    keep = config.root if use_cache else None  # where full articles are kept between runs
    fresh, in_memory = _read_articles(files, stats, entries, context, keep, reporter)
    digests: list[Digest] = []
    messages: list[tuple[str, str]] = []
    copies: dict[str, str] = {}  # sha256 -> the first file with those bytes
    unusable: list[str] = []  # articles (or links to folders of them) there, but not usable now
    for name, entry in zip(files, fresh, strict=True):
        report.articles += 1
        digest = entry.outcome
        if not isinstance(digest, Digest):
            message, line = digest if isinstance(digest, tuple) else (digest, None)
            unusable.append(fail(Path(name), message, line).file.as_posix())  # as claims name it
            continue
        shown = digest.file  # relative to the root, as _display gives
        said = [("warn", f"{shown}: {warning}") for warning in digest.warnings]
        first = copies.setdefault(digest.sha256, shown)
        if first != shown:  # "article (1).txt": saved twice, one story; its page shows it once
            said.append(("warn", f"{shown}: the same bytes as {first}; one brief, its source shown once"))
        said.append(("info", f"{shown}: {digest.title}"))
        _say(reporter, said)
        messages.extend(said)
        digests.append(digest)
    report.warnings = [text for kind, text in messages if kind == "warn"]

    verdicts = _known_verdicts(plan, digests)
    stories = merge.group_stories(digests, verdicts)
    requests = [
        slugs.SlugRequest(base=story[0].base_slug, identity=story[0].file, files=tuple(a.file for a in story))
        for story in stories
    ]
    known = _as_left(plan.briefs, briefs) if plan is not None else None
    names = slugs.assign_slugs(requests, writer.existing_slugs(briefs, known))
    report.briefs = len(stories)
    keys = [
        incremental.story_key(slug, [(a.file, a.sha256) for a in story], version)
        for story, slug in zip(stories, names, strict=True)
    ]
    targets = writer.brief_paths(config.paths.briefs, names)
    blocked = writer.links_out(config.paths.briefs, targets)
    # A brief this cache wrote from the same story, untouched since, is already what we would write.
    done = known if known is not None and not force else {}
    current = briefs if done else {}
    todo = [
        i
        for i, (key, target) in enumerate(zip(keys, targets, strict=True))
        if not _up_to_date(done.get(target), key, current.get(target)) and target not in blocked
    ]
    if plan is not None and plan.folder == inputs.folder_id(config.paths.briefs):
        _say_deleted([targets[i] for i in todo if targets[i] not in briefs], done, config.root, reporter)
    full = _FullArticles(files, fresh, in_memory, context, keep)

    from generator.ingest.stories import build_brief

    def write(i: int) -> writer.BriefWrite:
        brief = build_brief([full.get(a.file) for a in stories[i]], names[i])
        return writer.write_brief(brief, Path(targets[i]), force)

    # Building and dumping briefs is the other half of a cold run's work: forked workers share it.
    with reporter.task("Writing briefs", len(todo)) as advance:
        writes = map_items(write, todo, done=lambda _: advance(1))
    writes += [writer.BriefWrite(Path(name), error=LINK_OUT) for name in sorted(blocked)]
    result = writer.collect(writes)
    for failed in result.failed:
        fail(failed.path, failed.error)
    report.written = result.written
    report.kept_edited = result.kept_edited
    for path in result.kept_edited:
        reporter.warn(inputs.kept_edited_message(path, config.root))
    for path in result.backups:
        reporter.info(f"kept the hand-edited brief as {_display(path, config.root)}")
    # After the writes: a story that moved to a new brief is in it before its old brief goes.
    retired, held = (
        _retire(config, last, stories, targets, briefs, unusable, reporter) if last is not None else ([], {})
    )
    report.removed = len(retired)
    report.held = [Path(name) for name in held]
    inputs.say_held(reporter, report.held, config.root)
    if use_cache:
        latest = {name: e for name, e in zip(files, fresh, strict=True) if e.sha}
        saved = {**entries, **latest} if paths is not None else latest
        cached.save(saved)
        store.prune(config.root, (e.store for e in saved.values() if e.store))
    if whole:
        records = _records(targets, keys, {str(w.path): w for w in writes}, done) | held
        summary = replace(report, written=0, kept_edited=[], removed=0)
        incremental.save_plan(
            config,
            incremental.Plan(
                version, stats, records, messages, summary, verdicts, inputs.folder_id(config.paths.briefs)
            ),
        )
        # Stamped after writing, with the briefs' stats as this run left them.
        cache.save(
            config.root,
            "ingest-stamp",
            (inputs.ingest_stamp(config, stats, _left(briefs, writes, retired)), report),
        )
    return report


class _FullArticles:
    """The full article behind a Digest: read in this run, or kept in the store by an earlier one."""

    def __init__(
        self,
        files: list[str],
        entries: list[incremental.ArticleEntry],
        in_memory: dict[str, IngestedArticle],
        context: ArticleContext,
        root: Path | None,
    ) -> None:
        self._in_memory = in_memory
        self._context = context
        self._root = root
        self._where = {
            e.outcome.file: (name, e.store)
            for name, e in zip(files, entries, strict=True)
            if isinstance(e.outcome, Digest)
        }

    def get(self, file: str) -> IngestedArticle:
        article = self._in_memory.get(file)
        if article is not None:
            return article
        name, stored = self._where[file]
        if self._root is not None and stored:
            article = store.get(self._root, stored)
        if article is None:  # the store was deleted under us: read the article again
            from generator.ingest.article import ingest_file

            path = Path(name)
            article = ingest_file(path, path.read_bytes(), self._context)
        return article


def _say_moved_folder(config: Config, last: incremental.Plan | None, reporter: Reporter) -> None:
    """Name the folder the last run wrote its briefs into, when this run is to write into a new one:
    with ``paths.briefs`` mistyped, the site would be made from fresh briefs, the hand-edited ones
    left unused, and nothing said (the new folder exists by the time the render looks)."""
    folders = {Path(name).parent for name in last.briefs} if last is not None else set()
    for folder in sorted(f for f in folders if f != config.paths.briefs and f.is_dir()):
        reporter.warn(
            f"{_display(config.paths.briefs, config.root)}: a new briefs folder; the last build's briefs "
            f"are in {_display(folder, config.root)}, their hand edits unused here (move them, or set "
            "paths.briefs back)"
        )


def _say_deleted(
    missing: list[str], done: dict[str, incremental.BriefRecord], root: Path, reporter: Reporter
) -> None:
    """Name the briefs the last run wrote that were deleted by hand since, to be written again."""
    deleted = [name for name in missing if name in done and done[name].stat != UNWRITTEN]
    again = (
        "written again from its articles (to drop the story, delete them, or keep the brief as draft: true)"
    )
    reporter.warn_first(
        [f"{_display(Path(name), root)} was deleted since the last build; {again}" for name in deleted],
        lambda more: (
            f"and {more} more brief{'s' if more > 1 else ''} deleted since the last build, written again"
        ),
    )


def _known_verdicts(plan: incremental.Plan | None, digests: list[Digest]) -> merge.Verdicts:
    """The last run's same-story verdicts on pairs of articles that are both still here."""
    if plan is None or not plan.verdicts:
        return {}
    here = {digest.sha256 for digest in digests}
    return {pair: same for pair, same in plan.verdicts.items() if pair[0] in here and pair[1] in here}


def _up_to_date(record: incremental.BriefRecord | None, key: str, stat: cache.Stat | None) -> bool:
    return record is not None and record.key == key and record.stat == stat


def _say(reporter: Reporter, messages: list[tuple[str, str]]) -> None:
    for kind, text in messages:
        if kind == "warn":
            reporter.warn(text)
        else:
            reporter.info(text)


def _retire(
    config: Config,
    plan: incremental.Plan,
    stories: list[list[Digest]],
    targets: list[str],
    briefs: dict[str, cache.Stat],
    unusable: list[str],
    reporter: Reporter,
) -> tuple[list[Path], dict[str, incremental.BriefRecord]]:
    """Delete the briefs the last run wrote for a story this run does not have: its articles were
    deleted, or joined another story under a new slug (an earlier copy with another headline came
    in). Left, such a brief shows the story twice, or one nobody keeps. A brief edited by hand since
    is kept, and said so. One whose articles are still there but ``unusable`` (an error this run: a
    link to a drive not mounted) is held as the last run left it, its record kept for the next.
    Returns the briefs deleted and the records of those held."""
    wanted = set(targets)
    gone = [name for name in plan.briefs if name not in wanted and name in briefs]
    if not gone:  # the common case: no need to map 10,000 articles to their briefs
        return [], {}
    home = {article.file: target for story, target in zip(stories, targets, strict=True) for article in story}
    prefixes = tuple(f"{file}/" for file in unusable)
    removed = []
    held: dict[str, incremental.BriefRecord] = {}
    moves = redirects.Moves()
    said: list[tuple[str, bool]] = []  # (warning, whether the brief moved and went)
    for name in gone:
        record, path = plan.briefs[name], Path(name)
        # A plan made before nameless sources were read has no claims for their briefs: read them.
        claims = record.claims or writer.claims_in(path)
        moved = next((home[file] for file, _ in claims if file in home), None)
        if not moved and any(file in unusable or file.startswith(prefixes) for file, _ in claims):
            held[name] = record
            continue
        why = (
            f"its articles are now in {_display(Path(moved), config.root)}"
            if moved
            else "its articles are gone"
        )
        shown = _display(path, config.root)
        if record.key and _as_written(path, record, briefs[name]):
            path.unlink(missing_ok=True)
            removed.append(path)
            said.append((f"{shown} removed: {why}", bool(moved)))
            if moved:
                moves.moved[path.stem] = Path(moved).stem
            else:
                moves.gone.add(path.stem)
        else:
            kept_note = "kept, as it was edited by hand (delete it if it is not wanted)"
            said.append((f"{shown}: {why}; {kept_note}", False))
    address = _keep_addresses(config, moves, reporter)
    for message, went in said:
        reporter.warn(message + (address if went else ""))
    return removed, held


def _keep_addresses(config: Config, moves: redirects.Moves, reporter: Reporter) -> str:
    """A moved story's old address leads to its new brief (``redirects.yaml``), one that went
    nowhere; returns what to tell of a moved brief."""
    path = config.paths.redirects
    shown = _display(path, config.root)
    try:
        redirects.record(path, moves)
    except InputError as exc:
        where = f"{shown}:{exc.line}" if exc.line else str(shown)
        reporter.warn(f"{where}: {exc.message}; the old addresses of moved briefs are not kept")
        return ""
    return f"; its old address leads there ({shown})"


def _as_written(path: Path, record: incremental.BriefRecord, stat: cache.Stat) -> bool:
    """Whether the brief is still the file the last run left (touched at most)."""
    return stat == record.stat or cache.holds(path, record.sha)


def _as_left(
    records: dict[str, incremental.BriefRecord], briefs: dict[str, cache.Stat]
) -> dict[str, incremental.BriefRecord]:
    """The last run's records of its briefs, each brief only touched since (its stat changed, its
    bytes did not: a fresh clone with the cache restored, a checkout) given its new stat. Such a brief
    is then neither read again for its slugs nor rebuilt and compared: at 10,000 briefs that cost a
    fresh clone's build ~3.8 s; hashing them, over the cores, ~0.2 s. ``records`` itself when no
    brief was only touched."""
    restat = {name: r.sha for name, r in records.items() if name in briefs and briefs[name] != r.stat}
    as_left = cache.still_held(restat)
    if not as_left:
        return records
    return records | {name: replace(records[name], stat=briefs[name]) for name in as_left}


def _left(
    briefs: dict[str, cache.Stat], writes: list[writer.BriefWrite], removed: list[Path]
) -> dict[str, cache.Stat]:
    """The briefs folder's stats after ``writes`` and ``removed``, from its stats before (a scan of
    10,000 briefs costs ~0.07 s). A file someone else changed meanwhile keeps its old stat: the next
    build reads it."""
    left = dict(briefs)
    for path in removed:
        left.pop(str(path), None)
    for write in writes:
        if write.error:
            left[str(write.path)] = UNWRITTEN
        elif write.stat is None:
            left.pop(str(write.path), None)
        else:
            left[str(write.path)] = write.stat
    return left


def _records(
    targets: list[str],
    keys: list[str],
    writes: dict[str, writer.BriefWrite],
    done: dict[str, incremental.BriefRecord],
) -> dict[str, incremental.BriefRecord]:
    """What the briefs folder holds after this run, brief by brief, for the next run to trust.

    A brief written (or checked) in this run is described by its write; any other one was up to
    date, so its record stands. One not written (its write has an ``error``: a folder in its place,
    a link out of the folder) is recorded as ``UNWRITTEN``, a stat no file has: whatever is in its
    place next time (the same thing, or nothing once it is removed), the next run tries it again.
    """
    records: dict[str, incremental.BriefRecord] = {}
    for name, key in zip(targets, keys, strict=True):
        write = writes.get(name)
        if write is not None and write.error:
            records[name] = incremental.BriefRecord(UNWRITTEN, "", [], "")
            continue
        if write is None:
            record = done[name]
        elif write.stat is None:
            continue  # not there after all
        else:
            record = incremental.BriefRecord(write.stat, write.sha, write.claims, "")
        record.key = "" if write is not None and write.kept_edited else key
        records[name] = record
    return records


def _briefs_only_changed(
    config: Config,
    plan: incremental.Plan,
    articles: dict[str, cache.Stat],
    now: dict[str, cache.Stat],
    reporter: Reporter,
) -> IngestReport | None:
    """No article changed since the plan: check only the briefs whose stat changed.

    A brief only touched, or edited by hand without changing its slug or sources, needs nothing
    (ingest would keep a hand-edited brief as it is). Anything else (a brief deleted, added, or
    rewritten with other sources) returns None: the full run decides. The plan is saved again only
    with the new stats of briefs touched, not changed (a checkout: ~0.07 s at 10,000 briefs, once,
    where hashing them all again would cost every later build ~0.25 s); a brief edited by hand is
    checked again next time (a few files).
    """
    if now.keys() != plan.briefs.keys():
        return None
    records = _as_left(plan.briefs, now)
    kept: list[str] = []
    for name, record in records.items():
        if now[name] == record.stat:
            if not record.key:
                kept.append(name)
            continue
        if record.stat == UNWRITTEN:
            return None  # not written last time (a folder, a link out in its place): the full run says why
        path = Path(name)
        decoded = path.read_bytes().decode("utf-8", errors="replace")
        if not is_hand_edited(decoded) or writer.slug_claims(path, decoded) != record.claims:
            return None
        kept.append(name)
    if records is not plan.briefs:
        incremental.save_plan(config, replace(plan, briefs=records))
    order = {name: i for i, name in enumerate(plan.briefs)}
    kept_edited = [Path(name) for name in sorted(kept, key=order.__getitem__)]
    for failure in plan.report.failures:
        reporter.failure(failure)
    _say(reporter, plan.messages)
    for path in kept_edited:
        reporter.warn(inputs.kept_edited_message(path, config.root))
    inputs.say_held(reporter, plan.report.held, config.root)
    report = replace(plan.report, written=0, kept_edited=kept_edited, failures=list(plan.report.failures))
    cache.save(config.root, "ingest-stamp", (inputs.ingest_stamp(config, articles, now), report))
    return report


def _outcome(
    path: Path, stat: cache.Stat | None, context: ArticleContext, old: incremental.ArticleEntry | None
) -> tuple[incremental.ArticleEntry, IngestedArticle | None]:
    """Read and process one article; errors become values so they cross the process boundary.

    The full article comes along with its entry when it was read anew. A file only touched (its
    bytes hash as ``old``'s) gets an entry whose outcome is None: the caller holds ``old``'s, which
    need not cross the process boundary (10,000 Digests are ~40 MB pickled).
    """
    from generator.ingest.article import digest_of, ingest_file

    try:
        data = path.read_bytes()
    except OSError as exc:
        return incremental.ArticleEntry((0, 0), "", cannot_read(path, exc)), None
    sha = cache.sha256(data)
    if old is not None and old.sha == sha and stat:  # touched, not changed (a checkout, a copy)
        return incremental.ArticleEntry(stat, sha, None, old.store), None
    try:
        article = ingest_file(path, data, context, sha)
    except ArticleError as exc:
        return incremental.ArticleEntry(stat or (0, 0), sha if stat else "", (exc.message, exc.line)), None
    return incremental.ArticleEntry(stat or (0, 0), sha if stat else "", digest_of(article)), article


def _read_chunk(
    paths: Sequence[Path],
    stats: dict[str, cache.Stat],
    entries: dict[str, incremental.ArticleEntry],
    context: ArticleContext,
    keep: Path | None,
) -> list[tuple[incremental.ArticleEntry, IngestedArticle | None]]:
    """Read a chunk of articles. With ``keep`` (a project root) the full articles go to the store, in
    one pack, and only their entries come back; otherwise the articles come back too."""
    outcomes = [_outcome(p, stats.get(str(p)), context, entries.get(str(p))) for p in paths]
    if keep is None:
        return outcomes
    storable = [i for i, (entry, article) in enumerate(outcomes) if article is not None and entry.sha]
    locations = store.put(keep, [outcomes[i][1] for i in storable])  # type: ignore[misc]
    for i, location in zip(storable, locations, strict=True):
        entry, article = outcomes[i]
        entry.store = location
        outcomes[i] = (entry, None if location else article)
    return outcomes


def _read_articles(
    files: list[str],
    stats: dict[str, cache.Stat],
    entries: dict[str, incremental.ArticleEntry],
    context: ArticleContext,
    keep: Path | None,
    reporter: Reporter,
) -> tuple[list[incremental.ArticleEntry], dict[str, IngestedArticle]]:
    """One entry per file, in file order: cached when the file's stat is unchanged, else read.

    Also the full articles read in this run that are not in the store, by file.
    """
    result: list[incremental.ArticleEntry | None] = []
    stale: list[Path] = []
    for name in files:
        entry = entries.get(name)
        if entry is not None and entry.stat == stats.get(name):
            result.append(entry)
        else:
            result.append(None)
            stale.append(Path(name))
    chunks = [stale[i : i + STORE_CHUNK] for i in range(0, len(stale), STORE_CHUNK)]
    small = len(stale) < parallel.MIN_PARALLEL  # the pool costs more than it saves
    with reporter.task("Reading articles", len(stale)) as advance:
        done_chunks = map_items(
            lambda chunk: _read_chunk(chunk, stats, entries, context, keep),
            chunks,
            min_parallel=len(chunks) + 1 if small else 2,
            done=lambda i: advance(len(chunks[i])),
        )
    outcomes = [outcome for chunk in done_chunks for outcome in chunk]
    in_memory = {article.file: article for _, article in outcomes if article is not None}
    for path, (entry, _) in zip(stale, outcomes, strict=True):
        if entry.outcome is None:  # only touched: the outcome is the cached one
            entry.outcome = entries[str(path)].outcome
    done = iter(entry for entry, _ in outcomes)
    return [entry if entry is not None else next(done) for entry in result], in_memory


def explain_pillars(config: Config, path: Path) -> str:
    """Which phrases put the article in each pillar, with scores (``briefing ingest --explain FILE``).
    Raises InputError for an article that cannot be read, or that ingest would refuse."""
    from generator.ingest.article import read_clean

    context = _context(config)
    try:
        clean, _ = read_clean(path, path.read_bytes(), context)
    except OSError as exc:
        raise InputError(path, cannot_read(path, exc)) from None
    except ArticleError as exc:
        raise InputError(path, exc.message, exc.line) from None
    text = "\n\n".join(p for p in (clean.standfirst, *clean.paragraphs) if p)
    return context.classifier.explain(clean.title, text)
