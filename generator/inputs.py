"""Which files each stage reads, and the *stamps* that say whether any of them changed.

Standard library and config only, so ``briefing build`` can tell that nothing changed without
importing the ingest and render packages (~0.3 s of imports). A stamp is plain data: the
(size, mtime_ns) of every input file plus hashes of the settings and of the code.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import cache
from generator.config import Config
from generator.model import IngestReport, RenderReport
from generator.progress import Reporter

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def article_stats(config: Config) -> dict[str, cache.Stat]:
    """Every article file under the articles folder with its stat, in path order: one walk, which
    ingest and the build's nothing-changed check share (10,000 articles: ~0.1 s a walk)."""
    found = cache.scan_folder(config.paths.articles, ARTICLE_SUFFIXES, recursive=True)
    return {name: found[name] for name in sorted(found, key=lambda name: name.split(os.sep))}


def brief_stats(config: Config) -> dict[str, cache.Stat]:
    return cache.scan_folder(config.paths.briefs, (".md",), recursive=False)


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


def output_id(output: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(output)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def ingest_stamp(
    config: Config, article_stats: dict[str, cache.Stat], briefs: dict[str, cache.Stat] | None = None
) -> Any:
    """``briefs``: ``brief_stats(config)`` when the caller has it."""
    briefs = brief_stats(config) if briefs is None else briefs
    return ("ingest", article_stats, briefs, ingest_version(config))


def render_stamp(config: Config, briefs: dict[str, cache.Stat]) -> Any:
    templates = cache.tree_stamp(config.paths.templates)
    identity = output_id(config.paths.output)
    moved = cache.stat_files([config.paths.redirects])
    return ("render", briefs, templates, moved, config_digest(config), cache.code_version(), identity)


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


def render_unchanged(config: Config, briefs: dict[str, cache.Stat]) -> Any | None:
    """The saved report of the last render, if nothing it reads changed since; else None.
    ``briefs``: ``brief_stats(config)``."""
    saved = cache.load(config.root, "render-stamp")
    if saved is None:
        return None
    stamp, report = saved
    return report if stamp == render_stamp(config, briefs) else None


def kept_edited_message(path: Path, root: Path) -> str:
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return f"{shown} was edited by hand; kept as it is (ingest --force regenerates it)"


def replay_ingest(previous: IngestReport, reporter: Reporter, root: Path) -> IngestReport:
    """Nothing ingest reads changed since its last run: repeat what it said, write nothing."""
    for failure in previous.failures:
        reporter.failure(failure)
    for path in previous.kept_edited:
        reporter.warn(kept_edited_message(path, root))
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
    reporter.info(f"{previous.briefs} briefs to publish; nothing changed since the last render")
    return replace(previous, written=0, failures=list(previous.failures))
