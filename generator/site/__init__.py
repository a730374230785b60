"""The render stage: briefs -> a static site with feeds, written atomically to ``paths.output``.

read (``load``) -> model (``structure``, ``pages``, ``feeds``) -> write (``templating``, ``writer``).

Speed (issue 6): ``incremental`` skips what did not change (a stamp of every input, cached brief
parses, page fingerprints); ``parallel`` spreads parsing and rendering over the cores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from generator import cache, heap, inputs
from generator.config import Config
from generator.fileio import relative_to_root
from generator.model import RenderReport
from generator.parallel import map_indices, workers
from generator.progress import Reporter
from generator.site import body_links, incremental, search_cache, snapshot, urls
from generator.site.extra import write_extra
from generator.site.feeds import Feed, FeedItem, feed_item, feed_paths, plan_feeds, render_feeds
from generator.site.load import load_briefs, load_redirects
from generator.site.pages import FeedLink, Page, plan_pages
from generator.site.search import (  # issue 8
    Bundle,
    Indexing,
    bundle_files,
    bundle_key,
    load_order,
    search_bundles,
    start_bundles,
)
from generator.site.sitemap import render_robots, render_sitemap
from generator.site.structure import BriefDetail, badges, build_model
from generator.site.templating import SiteInfo, TemplateError, Templates, render_page
from generator.site.writer import StagedSite, WriteError

__all__ = ["TemplateError", "WriteError", "render_site"]

STATIC = "static"
# Pages a pool is worth forking for: fewer than parallel.MIN_PARALLEL brief parses, since a page costs
# more (a listing ~1 ms, a briefing book or the archive ~100 ms), but the fork of a build holding
# 10,000 briefs costs ~0.2 s.
PAGES_MIN_PARALLEL = 64
STYLESHEET_SOURCE = "style.css"


def _static_files(templates: Path) -> list[Path]:
    folder = templates / STATIC
    stylesheet = folder / STYLESHEET_SOURCE
    if not stylesheet.is_file():
        raise TemplateError(f"{stylesheet}: stylesheet not found")
    return sorted(p for p in folder.rglob("*") if p.is_file())


def site_info(config: Config, stylesheet: bytes) -> SiteInfo:
    # A content hash in the query busts caches when the CSS changes, and only then.
    version = hashlib.sha256(stylesheet).hexdigest()[:10]
    return SiteInfo(
        title=config.site.title,
        description=config.site.description,
        language=config.site.language,
        base_url=config.site.base_url,
        base_path=config.site.base_path,
        author=config.site.author,
        stylesheet=f"{urls.STYLESHEET}?v={version}",
        nav=tuple(badges(config).values()),
        feed=FeedLink(config.site.title, urls.FEED),
    )


def render_site(
    config: Config,
    reporter: Reporter,
    use_cache: bool = False,
    briefs: dict[str, cache.Stat] | None = None,
    stamp_checked: bool = False,
    site: inputs.SiteCheck | None = None,
) -> RenderReport:
    """Render every published brief into ``config.paths.output``, replacing what was there.

    Bad briefs are skipped, reported as they are found and listed in the report's failures; fatal
    problems (templates, writing) raise BriefingError subclasses and leave the previous site as it was.

    ``use_cache`` (the CLI's builds): skip unchanged briefs and pages through ``.briefing/cache``, and
    return at once when no input changed. Without it every page is rendered, as from scratch.
    ``briefs``: ``inputs.brief_stats(config)``, when the caller has it; ``stamp_checked``: the caller
    found that an input changed since the last render (``inputs.render_unchanged``); ``site``: the
    caller's ``inputs.check_site(config)``, if it has one.
    """
    if site is None:  # without the cache there is no last render to check the site against
        site = inputs.check_site(config) if use_cache else inputs.SiteCheck(config.paths.output, None)
    with heap.stage(), site as checked:
        briefs = inputs.brief_stats(config, reporter) if briefs is None else briefs
        if use_cache and not stamp_checked:
            previous = inputs.render_unchanged(config, briefs, checked)
            if previous is not None:
                return inputs.replay_render(previous, reporter)
        found = _found_state(config, use_cache, checked, reporter)  # once: its warnings said once
        try:
            return _render(config, reporter, use_cache, briefs, found)
        except snapshot.StaleSnapshot as exc:
            # Rare (a late background save of an older plan deleted the one this build used), and
            # the live site is untouched until the swap: planning from the briefs costs only time.
            reporter.info(f"{exc}; planning the site afresh")
            return _render(config, reporter, use_cache, briefs, found, kept_plan=False)


class _FoundState(NamedTuple):
    """The last render's state as this build found it: loaded, and checked against the live site."""

    state: incremental.RenderState | None
    verified: dict[str, cache.Stat]  # the live site's files, found as the last render left them


def _render(
    config: Config,
    reporter: Reporter,
    use_cache: bool,
    brief_stats: dict[str, cache.Stat],
    found: _FoundState,
    kept_plan: bool = True,
) -> RenderReport:
    report = RenderReport()
    template_stats = cache.tree_stamp(config.paths.templates)
    compiled = cache.folder(config.root, "templates") if use_cache else None
    templates = Templates(config.paths.templates, compiled)
    static = _static_files(config.paths.templates)
    site = site_info(config, (config.paths.templates / STATIC / STYLESHEET_SOURCE).read_bytes())
    salt = incremental.page_salt(site, template_stats, config.paths.templates, config)
    state, verified = found
    planned = _plan(config, brief_stats, salt, state if kept_plan else None, use_cache, site, reporter)
    heap.freeze()  # the model and pages
    plan, pages, outputs = planned.plan, planned.plan.pages, planned.plan.outputs
    report.failures = list(plan.failures)
    for failure in report.failures:
        reporter.failure(failure)
    report.warnings = _dangling_links(config, plan)
    for warning in report.warnings:
        reporter.warn(warning)
    report.briefs = plan.briefs
    reporter.info(f"{plan.briefs} briefs to publish, {plan.drafts} drafts skipped")

    # The pages the live site holds as last rendered; with no such site every page is rendered.
    known = state.pages if state is not None and state.live is not None else {}
    last, bodies = None, planned.bodies
    if state is not None and state.salt == salt and bodies is not None:
        bodies = bodies | state.patched  # what the last build patched may differ from its snapshot too
        last = state
    tokens = plan.tokens()
    fingerprints = incremental.fingerprints(pages, outputs, tokens, salt, last, bodies)
    todo = [i for i, output in enumerate(outputs) if known.get(output, ("",))[0] != fingerprints[i][0]]
    reporter.info(f"{len(todo)} of {len(pages)} pages to render")
    live, previous = (state.live, state.previous) if state is not None else (None, None)
    bundles = plan.bundles
    indexed = {page for bundle in bundles for page in bundle.pages}
    with StagedSite(config.paths.output, live, previous) as staged:
        # The brief pages first: Pagefind indexes them (issue 8) while the other pages are rendered.
        first = [i for i, output in enumerate(outputs) if output in indexed]
        stale = set(todo)
        search: _Search | None = None
        try:
            with reporter.task("Rendering pages", len(todo)) as advance:
                _write_pages(staged, pages, outputs, first, stale, known, templates, site, advance)
                kept = config.root if use_cache else None
                search = _start_search(staged, bundles, state, config.site.language, reporter, kept)
                rest = [i for i, output in enumerate(outputs) if output not in indexed]
                _write_pages(staged, pages, outputs, rest, stale, known, templates, site, advance)
            search.start()  # if not yet (a cold render's): the workers are done with the cores
            feed_keys = _write_feeds(staged, plan.feeds, tokens, salt, state, templates, site)
            for path in static:
                relative = path.relative_to(config.paths.templates / STATIC).as_posix()
                staged.write(urls.ASSETS + relative, path.read_bytes())
            staged.write(urls.SITEMAP, plan.sitemap)
            staged.write(urls.ROBOTS, render_robots(config.site.base_url))
            staged.write(urls.NOJEKYLL, b"")
            if use_cache:
                planned.save(config)  # while Pagefind works (~0.4 s at 10,000 briefs)
            search.finish(staged, reporter)
            if use_cache:
                kept_bundles = {search.keys[b.name]: b for b in bundles}
                search_cache.keep_only(config.root, staged.staging, kept_bundles, staged.files)
        finally:
            if search is not None:
                search.cancel()
        for failure in write_extra(staged, config.paths.extra, config.root):  # last: it may not replace ours
            report.failures.append(failure)
            reporter.failure(failure)
        for name in staged.foreign():
            shown = relative_to_root(config.paths.output / name, config.root)
            where = relative_to_root(config.paths.extra, config.root)
            reporter.warn(
                f"{shown}: not made by briefing, and not in the new site, which replaces the whole folder "
                f"(files of your own for the site go in {where}/)"
            )
        staged.commit()
    report.pages = len(pages)
    report.feeds = len(plan.feeds)
    report.written = staged.changed
    if not use_cache:
        return report
    incremental.save_state(
        config,
        incremental.RenderState(
            output_id=inputs.folder_id(config.paths.output),
            files=staged.files,
            pages={out: (fp, staged.files[out]) for out, (fp, _) in zip(outputs, fingerprints, strict=True)},
            details={out: shown for out, (_, shown) in zip(outputs, fingerprints, strict=True) if shown},
            salt=salt,
            plan=plan.token,
            patched=frozenset(plan.patched),
            search=search.keys,
            feeds=feed_keys,
            previous=staged.kept,
        ),
    )
    # Stamped with the briefs as read at the start: a brief edited during the render is seen next time.
    left = _site_left(config.paths.output, staged, verified)
    cache.save(
        config.root, "render-stamp", inputs.LastRender(inputs.render_stamp(config, brief_stats), report, left)
    )
    heap.retain(planned, state, fingerprints, staged)
    return report


def _dangling_links(config: Config, plan: snapshot.Snapshot) -> list[str]:
    """Links in brief bodies that lead nowhere (``body_links``), said by every build that renders."""
    if not plan.links:
        return []
    published = plan.tokens().keys() | plan.moved
    slugs = {Path(name).name: record.slug for name, record in plan.files.items() if record.slug is not None}
    return [str(problem) for problem in body_links.dangling(config, plan.links, published, slugs)]


def _found_state(config: Config, use_cache: bool, site: inputs.SiteCheck, reporter: Reporter) -> _FoundState:
    with heap.paused():
        state = incremental.load_state(config) if use_cache else None
    if state is None or state.live is None:
        return _FoundState(state, {})
    return _FoundState(*_unless_site_changed(config, state, site, reporter))


def _unless_site_changed(
    config: Config, state: incremental.RenderState, site: inputs.SiteCheck, reporter: Reporter
) -> tuple[incremental.RenderState, dict[str, cache.Stat]]:
    """``state`` and the stats of the site's files as the last render left them, those found so.

    Files of the live site deleted or written by someone else since are taken out of ``state`` and
    written anew; the rest is carried over as ever (at 10,000 briefs, a page deleted by hand cost
    the next build ~6 s when the whole site was written again; now about as much as an edit).
    """
    if site.last is None:  # a render stopped before its stamp: what it left is unknown
        reporter.info("the last render did not finish: writing the whole site again")
        return incremental.forget_site(state), {}
    changed = site.changes()
    if not changed:
        return state, site.last.left
    path = config.paths.output / changed[0]
    what = "changed" if path.exists() else "deleted"
    shown = relative_to_root(path, config.root)
    more = len(changed) - 1
    others = f", and {more} other file{'s' if more > 1 else ''}" if more else ""
    them = "them" if more else "it"
    reporter.warn(
        f"{shown} was {what} since the last build{others} (the site is generated): writing {them} again"
    )
    gone = set(changed)
    left = {name: stat for name, stat in site.last.left.items() if name not in gone}
    return incremental.forget_files(state, changed), left


def _site_left(output: Path, staged: StagedSite, verified: dict[str, cache.Stat]) -> dict[str, cache.Stat]:
    """What the next build checks the site against (``inputs.site_change``): the stats of its files,
    except the search index's ~11,000 (Pagefind's compressed output, which no one edits by hand),
    whose folders stand for them: deleting a file changes its folder. A file this build took over
    from the live site has the stats found there (``verified``); only the others are stat-ed."""
    names = [name for name in staged.files if not name.startswith(urls.SEARCH_INDEX)]
    folders = {name.rpartition("/")[0] for name in staged.files if name.startswith(urls.SEARCH_INDEX)}
    for folder in list(folders):
        while folder.count("/") > 0:  # its parents up to the index's own folder
            folder = folder.rpartition("/")[0]
            folders.add(folder)
    left = {name: verified[name] for name in names if name in staged.reused and name in verified}
    fresh = [name for name in names if name not in left] + sorted(folder + "/" for folder in folders)
    return left | inputs.site_stats(output, fresh)


def _write_feeds(
    staged: StagedSite,
    feeds: list[Feed],
    tokens: dict[str, str],
    salt: bytes,
    state: incremental.RenderState | None,
    templates: Templates,
    site: SiteInfo,
) -> dict[str, str]:
    """Stage each feed's RSS, Atom and JSON Feed files (issue 8: same items in each): carried over
    when its fingerprint is the last build's, else rendered. Returns the fingerprints by feed."""
    known = state.feeds if state is not None else {}
    items: dict[str, FeedItem] = {}

    def item(detail: BriefDetail) -> FeedItem:
        slug = detail.card.slug
        if slug not in items:
            items[slug] = feed_item(detail, templates, site)
        return items[slug]

    keys = {}
    live = staged.live or {}
    for feed in feeds:
        keys[feed.path] = incremental.fingerprint(feed, tokens, salt)
        paths = feed_paths(feed)
        if keys[feed.path] == known.get(feed.path) and all(staged.keep(p, live.get(p, "")) for p in paths):
            continue
        for path, data in zip(paths, render_feeds(feed, item, site), strict=True):
            staged.write(path, data)
    return keys


@dataclass
class _Planned:
    plan: snapshot.Snapshot
    bodies: set[str] | None  # the briefs changed since the last build only in their bodies; else None
    store: incremental.BriefStore | None  # the cached parses to save; None for a patched snapshot

    def save(self, config: Config) -> None:
        if self.store is not None:
            self.store.save()
            snapshot.save(config, self.plan)
        else:
            snapshot.save_files(config, self.plan)


def _plan(
    config: Config,
    brief_stats: dict[str, cache.Stat],
    salt: bytes,
    state: incremental.RenderState | None,
    use_cache: bool,
    site: SiteInfo,
    reporter: Reporter,
) -> _Planned:
    """The pages and feeds: the last full render's with new bodies set, when only bodies changed
    since (``snapshot``); else planned from every brief, read through the cache."""
    if state is not None and state.salt == salt and state.plan:
        patched = snapshot.load(config, state.plan, salt, brief_stats)
        if patched is not None:
            return _Planned(patched, patched.patched, None)
    # Planning makes ~300,000 objects and frees next to none: collections during it only re-examine
    # them (~0.17 s at 10,000 briefs).
    with heap.paused():
        store = incremental.BriefStore(config, brief_stats, use_cache, reporter)
        loaded = load_briefs(config, store.read, brief_stats)
        model = build_model(config, loaded.briefs)
        moved = load_redirects(config, model.details)
        model.redirects = moved.pages
        published = {str(b.path): b.slug for b in loaded.briefs}
        files = {
            name: snapshot.FileRecord(stat, store.sha(name) or "", published.get(name))
            for name, stat in brief_stats.items()
        }
        bundles = search_bundles(model)
        pages = plan_pages(config, model, bundles)
        plan = snapshot.Snapshot(
            token=snapshot.new_token(),
            salt=salt,
            files=files,
            pages=pages,
            outputs=[page.output for page in pages],
            feeds=plan_feeds(model, site, config.feeds.items),
            sitemap=render_sitemap(pages, config.site.base_url),
            bundles=bundles,
            briefs=len(model.slugs),
            failures=loaded.failures + moved.failures,
            redirects=moved.digest,
            drafts=loaded.drafts,
            moved=frozenset(moved.pages),
            links={str(b.path): found for b in loaded.briefs if (found := body_links.found_in(b, config))},
        )
    return _Planned(plan, store.bodies, store)


@dataclass
class _Search:
    keys: dict[str, str]  # every bundle's name -> what it is made from
    stale: list[Bundle]  # those to re-index
    restored: list[tuple[Bundle, search_cache.Digests]]  # linked from the cache, with their files
    begin: Callable[[], Indexing]
    kept: Path | None  # the project whose cache keeps bundles (``search_cache``); None: no cache
    indexing: Indexing | None = None

    def start(self) -> Indexing:
        if self.indexing is None:
            self.indexing = self.begin()
        return self.indexing

    def finish(self, staged: StagedSite, reporter: Reporter) -> None:
        """Wait for the bundles being indexed, keeping each in the cache as it is done (while
        Pagefind works on the others), and record every new bundle's files."""

        def done(bundle: Bundle) -> None:
            digests = staged.adopt(bundle.folder)
            if self.kept is not None:
                search_cache.keep(self.kept, self.keys[bundle.name], staged.staging / bundle.folder, digests)
            advance(len(bundle.pages))

        pages = sum(len(bundle.pages) for bundle in self.stale)
        with reporter.task("Indexing for search", pages) as advance:
            staged.changed += self.start().finish(done)
        for bundle, digests in self.restored:
            staged.changed += staged.adopt_known(bundle.folder, digests)

    def cancel(self) -> None:
        if self.indexing is not None:
            self.indexing.cancel()


def _start_search(
    staged: StagedSite,
    bundles: list[Bundle],
    state: incremental.RenderState | None,
    language: str,
    reporter: Reporter,
    kept: Path | None,
) -> _Search:
    """Stage every search bundle: carry over those whose brief pages did not change, link those the
    cache of project ``kept`` holds (``search_cache``), and re-index the others (the brief pages
    must be staged already): at once when one round of Pagefind processes
    takes them all (an edit, an addition), so they run while the render goes on; else once every
    page is staged, before the caches are saved. A cold render's many Pagefind processes beside its
    own workers only fight for the cores and the disk (a render at 10,000 briefs took 26 s so, 19 s
    one after the other)."""
    primary = load_order(bundles)[0].name if bundles else None  # the search page loads Pagefind from it
    keys = {b.name: bundle_key(b, staged.files, language, b.name == primary) for b in bundles}
    known = state.search if state is not None else {}
    live = bundle_files(staged.live or {})

    def carried_over(bundle: Bundle) -> bool:
        files = live.get(bundle.name)
        return (
            bool(files)
            and known.get(bundle.name) == keys[bundle.name]
            and all(staged.keep(bundle.folder + inside, hashed) for inside, hashed in files.items())
        )

    stale = [b for b in bundles if not carried_over(b)]
    for bundle in stale:
        staged.clear(bundle.folder)
    restored = []
    for bundle in stale if kept is not None else ():
        digests = search_cache.restore(kept, keys[bundle.name], staged.staging / bundle.folder)
        if digests is not None:
            restored.append((bundle, digests))
    if restored:
        reporter.info(f"{len(restored)} of {len(bundles)} search bundles linked from the cache")
        linked = {bundle.name for bundle, _ in restored}
        stale = [b for b in stale if b.name not in linked]
    if stale:
        reporter.info(f"indexing {len(stale)} of {len(bundles)} search bundles")

    def start() -> Indexing:
        return start_bundles(
            staged.staging, stale, language, staged.output, reporter.warn, staged.throw_away, primary
        )

    search = _Search(keys, stale, restored, start, kept)
    if len(stale) <= workers():
        search.start()
    return search


def _write_pages(
    staged: StagedSite,
    pages: Sequence[Page],
    outputs: list[str],
    which: list[int],
    stale: set[int],
    known: dict[str, tuple[str, str]],
    templates: Templates,
    site: SiteInfo,
    advance: Callable[[int], None],
) -> None:
    """Stage the pages ``which`` (indices into ``pages``): carry over those whose fingerprint is
    unchanged (not in ``stale``), render the others (``advance(1)`` as each is done)."""
    todo = []
    for index in which:
        output = outputs[index]
        if index in stale or not staged.keep(output, known[output][1]):
            todo.append(index)  # changed, or the live file is not there after all

    def render(i: int) -> tuple[str, bool]:
        # Looked up at call time (tests replace it), and in the worker: forked after any replacement.
        page = pages[todo[i]]
        before = staged.changed
        staged.write(page.output, render_page(templates, page, site))
        return staged.files[page.output], staged.changed > before

    if len(todo) >= PAGES_MIN_PARALLEL:
        snapshot.preload(pages, todo)
    before = staged.changed
    results = map_indices(render, len(todo), min_parallel=PAGES_MIN_PARALLEL, done=lambda _: advance(1))
    for i, (hashed, _) in zip(todo, results, strict=True):
        staged.files[outputs[i]] = hashed  # a worker's staged.files is its own copy
    staged.changed = before + sum(changed for _, changed in results)
