"""Building sites for the reader tests, in process, into temporary folders (never the repo's site/)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.config import Config, parse_config

from .tools import REPO_ROOT

SAMPLE_CONFIG = REPO_ROOT / "briefing.yaml"
# The renderer's hand-written set and ours (escaping, long URLs, a pillar long enough to have a numbered
# page). The ingest's sample briefs are left to the sample site: some tell the same story as the
# renderer's, and two cards with one headline would only confuse a person reading the screenshots.
BRIEF_SETS = (
    REPO_ROOT / "tests" / "data" / "briefs",
    REPO_ROOT / "tests" / "data" / "reader_site" / "briefs",
)
# Small enough that the biggest pillar of the reader set has a numbered page (page/1/, its oldest).
READER_PER_PAGE = 4
# Briefs per search bundle on average: small, so the reader site's search merges several bundles.
READER_BUNDLE_MEAN = 3


def collect_briefs(into: Path, sets: tuple[Path, ...] = BRIEF_SETS) -> Path:
    """Copy every brief file of ``sets`` into one folder; the first set wins a name clash."""
    into.mkdir(parents=True, exist_ok=True)
    for folder in sets:
        for brief in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            if not (into / brief.name).exists():
                shutil.copyfile(brief, into / brief.name)
    return into


def site_config(
    base_url: str, output: Path, briefs: Path | None = None, listing: dict[str, int] | None = None
) -> Config:
    """The sample config with a test base URL and output folder, optionally other briefs and listing."""
    data: dict[str, Any] = yaml.safe_load(SAMPLE_CONFIG.read_text(encoding="utf-8"))
    data["site"]["base_url"] = base_url
    paths = data.setdefault("paths", {})
    # parse_config resolves relative paths against the config's folder; absolute ones stay as they are.
    paths["output"] = str(output)
    if briefs is not None:
        paths["briefs"] = str(briefs)
    if listing:
        data.setdefault("listing", {}).update(listing)
    return parse_config(data, SAMPLE_CONFIG)


def build(config: Config) -> Path:
    """Render the site; fail loudly if the renderer reports a failure (the tests need a whole site)."""
    from generator.progress import QUIET, Reporter
    from generator.site import render_site

    report = render_site(config, Reporter(QUIET))
    assert not report.failures, "the site did not build cleanly:\n" + "\n".join(map(str, report.failures))
    return config.paths.output


def page_paths(site_dir: Path) -> list[str]:
    """The URL path (relative to the base) of every page built, as links should spell it: "briefs/x/"."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        if relative == "404.html":
            continue  # served for unknown paths, never linked
        paths.append(relative.removesuffix("index.html"))
    return paths


def feed_paths(site_dir: Path) -> list[str]:
    return sorted(f.relative_to(site_dir).as_posix() for f in site_dir.rglob("feed.xml"))
