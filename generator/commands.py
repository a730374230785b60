"""One function per CLI command. Each takes the validated config and returns the exit status.

Exit status (the contract): 0 all good; 1 some inputs failed (the rest was built, each failure named);
2 usage or config error, nothing written.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import Stat
from generator.config import Config, load_config
from generator.errors import BriefingError, ConfigError, UsageError
from generator.fileio import relative_to_root
from generator.lock import project_lock
from generator.model import IngestReport, RenderReport
from generator.progress import Reporter

if TYPE_CHECKING:
    from generator.inputs import SiteCheck  # imported late, as the stages are

OK, INPUT_FAILED, USAGE_ERROR = 0, 1, 2

# The stages report each failure through the Reporter as they meet it, so a long run shows problems
# as they happen; the functions here only summarise.


def _arrow() -> str:
    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower()
    return "→" if "utf" in encoding else "->"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _ingest_part(report: IngestReport) -> str:
    articles, briefs = _count(report.articles, "article"), _count(report.briefs, "brief")
    part = f"{articles} {_arrow()} {briefs} ({len(report.failures)} failed"
    if report.kept_edited:
        part += f", {len(report.kept_edited)} hand-edited kept"
    if report.removed:
        part += f", {report.removed} removed"
    return part + ")"


def _render_part(report: RenderReport) -> str:
    failed = f" ({len(report.failures)} failed)" if report.failures else ""
    return f"{_count(report.pages, 'page')}, {_count(report.feeds, 'feed')}{failed}"


def _status(*failure_lists: Sequence[object]) -> int:
    return INPUT_FAILED if any(failure_lists) else OK


def _ingest(
    config: Config,
    reporter: Reporter,
    paths: Sequence[Path] | None,
    force: bool,
    checked: dict[str, Stat] | None = None,
    briefs: dict[str, Stat] | None = None,
) -> IngestReport:
    from generator.ingest import ingest_articles  # imported late: the CLI's --help stays fast

    return ingest_articles(
        config, reporter, paths=paths, force=force, use_cache=True, checked=checked, briefs=briefs
    )


def _render(
    config: Config, reporter: Reporter, briefs: dict[str, Stat] | None = None, site: SiteCheck | None = None
) -> RenderReport:
    """``briefs``, ``site``: the briefs' stats and the site's check, from a caller that found the
    render's stamp changed."""
    from generator.site import render_site

    return render_site(
        config, reporter, use_cache=True, briefs=briefs, stamp_checked=briefs is not None, site=site
    )


def _warn_if_missing(folder: Path, setting: str, outcome: str, reporter: Reporter) -> None:
    """A mistyped folder setting would otherwise build a site without its files, silently."""
    if not folder.is_dir():
        reporter.warn(
            f"{folder}: {setting.split('.')[-1]} folder not found (set {setting} in the config); {outcome}"
        )


def _warn_if_no_articles(config: Config, reporter: Reporter) -> None:
    outcome = "nothing to ingest, the site is made from the briefs alone"
    _warn_if_missing(config.paths.articles, "paths.articles", outcome, reporter)


def _warn_if_no_briefs(config: Config, reporter: Reporter) -> None:
    _warn_if_missing(config.paths.briefs, "paths.briefs", "the site has no briefs", reporter)


def run_build(config: Config, reporter: Reporter) -> int:
    started = time.perf_counter()
    _warn_if_no_articles(config, reporter)
    with project_lock(config.root, reporter):
        # Nothing changed since the last build: say so without importing ingest and render (~0.3 s).
        from generator import inputs

        with inputs.check_site(config) as site:  # first: it goes on while the inputs are scanned
            articles, briefs = inputs.article_stats(config, reporter), inputs.brief_stats(config, reporter)
            unchanged = inputs.ingest_unchanged(config, articles, briefs)
            if unchanged is not None:
                ingested = inputs.replay_ingest(unchanged, reporter, config.root)
            else:
                ingested = _ingest(config, reporter, None, force=False, checked=articles, briefs=briefs)
                if ingested.written or ingested.removed:  # else the briefs are as scanned
                    briefs = inputs.brief_stats(config)
            _warn_if_no_briefs(config, reporter)
            rendered_before = inputs.render_unchanged(config, briefs, site)
            if rendered_before is not None:
                rendered = inputs.replay_render(rendered_before, reporter)
            else:
                rendered = _render(config, reporter, briefs, site)
    elapsed = time.perf_counter() - started
    reporter.summary(f"{_ingest_part(ingested)}, {_render_part(rendered)} in {elapsed:.1f} s")
    return _status(ingested.failures, rendered.failures)


def run_ingest(config: Config, reporter: Reporter, paths: Sequence[Path] | None, force: bool) -> int:
    started = time.perf_counter()
    if paths is None:
        _warn_if_no_articles(config, reporter)
    with project_lock(config.root, reporter):
        report = _ingest(config, reporter, paths, force)
    written = f", {report.written} written" if report.written else ", nothing changed"
    reporter.summary(f"{_ingest_part(report)}{written} in {time.perf_counter() - started:.1f} s")
    return _status(report.failures)


def run_explain(config: Config, path: Path) -> int:
    from generator.ingest import explain_pillars

    print(explain_pillars(config, path))
    return OK


def run_render(config: Config, reporter: Reporter) -> int:
    started = time.perf_counter()
    _warn_if_no_briefs(config, reporter)
    with project_lock(config.root, reporter):
        report = _render(config, reporter)
    elapsed = time.perf_counter() - started
    reporter.summary(f"{_count(report.briefs, 'brief')} {_arrow()} {_render_part(report)} in {elapsed:.1f} s")
    return _status(report.failures)


def run_check(config: Config, reporter: Reporter) -> int:
    from generator.check import check_site

    problems = check_site(config)
    for problem in problems:
        reporter.error(problem)
    reporter.summary(f"check: {len(problems)} problem{'s' if len(problems) != 1 else ''} found")
    return INPUT_FAILED if problems else OK


def run_new(config: Config, reporter: Reporter, title: str, when: str | None, pillars: list[str]) -> int:
    from generator.new_brief import start_brief

    path = start_brief(config, title, when, pillars)
    # The path alone on stdout, even with --quiet, for a script: $EDITOR "$(briefing new 'Title')"
    print(relative_to_root(path, Path.cwd()), file=reporter.out)
    return OK


def report_failure(exc: BriefingError | OSError, reporter: Reporter) -> int:
    """Say what stopped a command, in a line naming the file, and return the exit status."""
    if isinstance(exc, BriefingError):
        reporter.error(str(exc))
        return USAGE_ERROR if isinstance(exc, ConfigError | UsageError) else INPUT_FAILED
    # The machine's, not the input's: a full disk, a folder not writable...
    what = exc.strerror or str(exc)
    where = f"{exc.filename}: " if exc.filename else ""
    reporter.error(f"{where}{what} (nothing is half-written: build again once this is fixed)")
    return INPUT_FAILED


def run_serve(
    config: Config, reporter: Reporter, port: int, build_first: bool = True, base_url: str | None = None
) -> int:
    """``base_url``: the command line's, which each rebuild's fresh read of the config keeps."""
    from generator.serve import serve

    def rebuild() -> Config | None:
        # The config is read again (it is watched with the inputs), and a failed build is said and
        # waited out: the server goes on with the last site until the next change.
        try:
            fresh = load_config(config.path, base_url=base_url)
            run_build(fresh, reporter)  # its failed inputs are said; the site has the rest
        except (BriefingError, OSError) as exc:
            report_failure(exc, reporter)
            return None
        return fresh

    return serve(config, reporter, port, build=rebuild if build_first else None)
