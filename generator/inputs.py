"""Which files each stage reads, and the *stamps* that say whether any of them changed.

Standard library and config only, so ``briefing build`` can tell that nothing changed without
importing the ingest and render packages (~0.3 s of imports). A stamp is plain data: the
(size, mtime_ns) of every input file plus hashes of the settings and of the code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from generator import cache
from generator.config import Config
from generator.fileio import relative_to_root
from generator.model import IngestReport, RenderReport
from generator.progress import Reporter

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".mhtml", ".mht")
SITE_CHECK_FORK = 2000  # files from which the site is checked in a forked child (``SiteCheck``)


def article_stats(config: Config, reporter: Reporter | None = None) -> dict[str, cache.Stat]:
    """Every article file under the articles folder with its stat, in path order: one walk, which
    ingest and the build's nothing-changed check share (10,000 articles: ~0.1 s a walk).
    ``reporter``: told of the other files there (dot-files aside), which are not read: a PDF or a
    page saved as .webarchive would otherwise be left out without a word."""
    others: list[str] = []
    found = _scan_articles(config.paths.articles, others)
    if reporter is not None and others:
        _say_not_articles(others, config.root, reporter)
    return {name: found[name] for name in sorted(found, key=_path_order)}


def requested_articles(paths: Iterable[Path], root: Path, reporter: Reporter) -> list[Path]:
    """The articles named on the command line (``ingest PATH...``), in path order: a folder stands
    for every article in it and below, as the articles folder does for its own."""
    files: set[str] = set()
    others: list[str] = []
    for path in paths:
        if path.is_dir():
            found = _scan_articles(path, others)
            if not found:
                reporter.warn(f"{relative_to_root(path, root)}: no articles in this folder")
            files.update(found)
        else:
            files.add(str(path))  # one that is not there is named when it cannot be read
    if others:
        _say_not_articles(others, root, reporter)
    return [Path(name) for name in sorted(files, key=_path_order)]


def _scan_articles(folder: Path, others: list[str]) -> dict[str, cache.Stat]:
    return cache.scan_folder(folder, ARTICLE_SUFFIXES, recursive=True, others=others, pages=True)


def _path_order(name: str) -> list[str]:
    return name.split(os.sep)


def _say_not_articles(others: list[str], root: Path, reporter: Reporter) -> None:
    kinds = ", ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
    reporter.warn_first(
        [
            f"{relative_to_root(Path(name), root)}: not an article, left out (only {kinds} files are read)"
            for name in sorted(others, key=_path_order)
        ],
        lambda more: f"and {more} more file{'s' if more > 1 else ''} in the articles folder, not articles",
    )


def brief_stats(config: Config, reporter: Reporter | None = None) -> dict[str, cache.Stat]:
    """Every brief in the briefs folder with its stat. ``reporter``: told of briefs in folders inside
    it, which are not published (an analyst filing old briefs by year would lose them in silence);
    ingest writes, and looks for, its briefs in the folder itself."""
    folders: list[str] = []
    found = cache.scan_folder(config.paths.briefs, (".md",), recursive=False, inside=folders)
    if reporter is not None and folders:
        filed = [
            f"{relative_to_root(path, config.root)}: not published: briefs are read from "
            f"{relative_to_root(config.paths.briefs, config.root)} itself, not from folders in it"
            for folder in sorted(folders)
            if not Path(folder).name.startswith(".")
            for path in sorted(Path(folder).rglob("*.md"))
        ]
        reporter.warn_first(
            filed, lambda more: f"and {more} more brief{'s' if more > 1 else ''} in folders, not published"
        )
    return found


def config_digest(config: Config) -> str:
    # The parsed config too: --base-url overrides the file's value.
    try:
        raw = config.path.read_bytes()
    except OSError:
        raw = b""
    return cache.sha256(raw + repr(config).encode())


def ingest_version(config: Config) -> str:
    """What an article's result depends on besides its bytes."""
    settings = repr((config.pillars, config.people, config.site.timezone, config.classify)).encode()
    return cache.sha256(settings + cache.code_version().encode())


def folder_id(folder: Path) -> tuple[int, int] | None:
    """(st_dev, st_ino): which folder is there, whatever it holds (a new one is another)."""
    try:
        return cache.identity(os.stat(folder))
    except OSError:
        return None


def ingest_stamp(
    config: Config, article_stats: dict[str, cache.Stat], briefs: dict[str, cache.Stat] | None = None
) -> Any:
    """``briefs``: ``brief_stats(config)`` when the caller has it."""
    briefs = brief_stats(config) if briefs is None else briefs
    return ("ingest", article_stats, briefs, ingest_version(config))


def render_stamp(config: Config, briefs: dict[str, cache.Stat]) -> Any:
    templates = cache.tree_stamp(config.paths.templates)
    identity = folder_id(config.paths.output)
    moved = cache.stat_files([config.paths.redirects])
    extra = cache.tree_stamp(config.paths.extra)
    return ("render", briefs, templates, moved, extra, config_digest(config), cache.code_version(), identity)


def ingest_unchanged(
    config: Config, articles: dict[str, cache.Stat], briefs: dict[str, cache.Stat] | None = None
) -> Any | None:
    """The saved report of the last ingest, if nothing it reads changed since; else None.
    ``articles``: ``article_stats(config)``; ``briefs``: ``brief_stats(config)`` when the caller has it."""
    saved = cache.load(config.root, "ingest-stamp")
    if saved is None:
        return None
    stamp, report = saved
    return report if stamp == ingest_stamp(config, articles, briefs) else None


def site_stats(output: Path, files: Iterable[str]) -> dict[str, cache.Stat]:
    """(size, mtime_ns) of each of the site's ``files`` (relative paths); a missing one is left out."""
    return cache.stat_files(files, str(output) + os.sep)


def site_changes(output: Path, left: dict[str, cache.Stat]) -> tuple[str, ...]:
    """The files (and folders) of the site that are not as the last render left them (``left``:
    their ``site_stats``), deleted or written by someone else since, in ``left``'s order; none when
    all are as left."""
    now = site_stats(output, left)
    if now == left:
        return ()
    return tuple(name for name in left if now.get(name) != left[name])


class LastRender(NamedTuple):
    stamp: Any  # render_stamp of its inputs
    report: RenderReport
    left: dict[str, cache.Stat]  # site_stats of what it left in the site


class SiteCheck:
    """Whether the site is as the last render left it (``site_changes``), found while the build goes on.

    It takes a stat call per file, ~60 ms at 10,000 briefs, which every build pays, even one with
    nothing to do; so a forked child makes them on the other core while the build scans its inputs
    or plans, and ``changes`` waits for its answer. A context manager: leaving it reaps the child.
    """

    def __init__(self, output: Path, last: LastRender | None) -> None:
        self.output = output
        self.last = last
        self._answer: tuple[str, ...] = ()
        self._child: tuple[int, int] | None = None  # its pid, and the pipe it answers through
        if last is None:
            return
        if len(last.left) < SITE_CHECK_FORK or not hasattr(os, "fork"):
            self._answer = site_changes(output, last.left)
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer, then leave without running any of the parent's cleanup
            try:
                os.close(read)
                answer = "\0".join(site_changes(output, last.left))  # no file name holds a NUL
                # Every name, however many (a folder of the site deleted): a pipe takes 64 KiB at once.
                view = memoryview(b"+" + answer.encode("utf-8", "surrogateescape"))
                while view:
                    view = view[os.write(write, view) :]
            finally:
                os._exit(0)
        os.close(write)
        self._child = (pid, read)

    def changes(self) -> tuple[str, ...]:
        """The files found deleted or changed; none: every file is as the last render left it."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            if data.startswith(b"+"):
                answer = data[1:].decode("utf-8", "surrogateescape")
                self._answer = tuple(answer.split("\0")) if answer else ()
            elif self.last is not None:  # the child died without answering: ask again here
                self._answer = site_changes(self.output, self.last.left)
        return self._answer

    def __enter__(self) -> SiteCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        self.changes()


def last_render(config: Config) -> LastRender | None:
    """What the last render saved (``render-stamp``): None if it stopped before saving it."""
    saved = cache.load(config.root, "render-stamp")
    return LastRender(*saved) if isinstance(saved, tuple) and len(saved) == 3 else None


def check_site(config: Config) -> SiteCheck:
    return SiteCheck(config.paths.output, last_render(config))


def render_unchanged(config: Config, briefs: dict[str, cache.Stat], site: SiteCheck) -> RenderReport | None:
    """The saved report of the last render, if nothing it reads changed since and its site is as it
    left it; else None. ``briefs``: ``brief_stats(config)``; ``site``: ``check_site(config)``."""
    last = site.last
    if last is None or last.stamp != render_stamp(config, briefs) or site.changes():
        return None
    return last.report


def kept_edited_message(path: Path, root: Path) -> str:
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return f"{shown} was edited by hand; kept as it is (ingest --force regenerates it)"


def say_held(reporter: Reporter, held: list[Path], root: Path) -> None:
    """The briefs ingest keeps as they were while their articles cannot be used (see ``_retire``)."""
    reporter.warn_first(
        [f"{relative_to_root(path, root)}: kept as it was: its articles cannot be used now" for path in held],
        lambda more: f"and {more} more brief{'s' if more > 1 else ''} kept as they were",
    )


def replay_ingest(previous: IngestReport, reporter: Reporter, root: Path) -> IngestReport:
    """Nothing ingest reads changed since its last run: repeat what it said, write nothing."""
    for failure in previous.failures:
        reporter.failure(failure)
    for warning in previous.warnings:
        reporter.warn(warning)
    for path in previous.kept_edited:
        reporter.warn(kept_edited_message(path, root))
    say_held(reporter, previous.held, root)
    reporter.info(f"{previous.articles} articles; nothing changed since the last ingest")
    return replace(
        previous,
        written=0,
        removed=0,
        failures=list(previous.failures),
        kept_edited=list(previous.kept_edited),
    )


def replay_render(previous: RenderReport, reporter: Reporter) -> RenderReport:
    """Nothing the site is made from changed since the last render: touch nothing."""
    for failure in previous.failures:
        reporter.failure(failure)
    for warning in previous.warnings:
        reporter.warn(warning)
    reporter.info(f"{previous.briefs} briefs to publish; nothing changed since the last render")
    return replace(previous, written=0, failures=list(previous.failures))
